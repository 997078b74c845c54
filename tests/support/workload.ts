// Learners, sessions and open quiz attempts prepared directly in a database, for the load
// benchmarks (scripts/bench) and the soak, crash and fault tests (tests/fault). Everything is
// written through the app's own server modules, so the rows are what the app itself makes.
import { like } from 'drizzle-orm';
import { quizzes, users } from '../../db/schema/index';
import type { Database } from '../../db/client';
import type { Answer } from '../../src/lib/schemas/quiz-answer';
import { authConfig } from '../../src/lib/server/config';
import { loadCatalog } from '../../src/lib/server/learning/catalog';
import { hashPassword } from '../../src/lib/server/password';
import { getAttemptView, startAttempt } from '../../src/lib/server/quizzes';
import { createSession } from '../../src/lib/server/session';
import { sessionCookieName } from '../../src/lib/server/session-cookie';
import { insertUser } from '../../src/lib/server/users';
import type { PublicQuestion } from '../../src/lib/shared/quiz/types';

/** A learner with a live session. */
export interface Learner {
  userId: string;
  username: string;
  /** `Cookie` header value carrying the session. */
  cookie: string;
}

/** One question of an open attempt and a valid answer to it. */
export interface AnswerTarget {
  attemptId: string;
  questionId: string;
  answer: Answer;
}

/** An open attempt ready to be saved into and submitted. */
export interface OpenAttempt {
  learner: Learner;
  quizId: string;
  attemptId: string;
  /** One valid answer per question. */
  answers: AnswerTarget[];
}

/** The cookie header for a session token, named as the server names it (same env as the server). */
export function sessionCookie(token: string): string {
  return `${sessionCookieName(authConfig())}=${token}`;
}

/** A valid answer for a question as the attempt shows it (the first option, "true", all items in order…). */
export function answerFor(question: PublicQuestion): Answer {
  switch (question.type) {
    case 'single':
      return { type: 'single', optionId: question.options[0]!.id };
    case 'multiple':
      return { type: 'multiple', optionIds: [question.options[0]!.id] };
    case 'truefalse':
      return { type: 'truefalse', value: true };
    case 'ordering':
      return { type: 'ordering', itemIds: question.items.map((i) => i.id) };
    case 'text':
      return { type: 'text', text: 'Trả lời thử' };
  }
}

/**
 * Creates `count` learner accounts named `<prefix>0001`… in `unitId`, all with `password`
 * (hashed once), in one write transaction. Existing names are skipped.
 * @returns the ids and usernames created
 */
export async function createLearners(
  database: Database,
  options: { count: number; unitId: string; password: string; prefix?: string },
): Promise<{ userId: string; username: string }[]> {
  const prefix = options.prefix ?? 'hv.tai.';
  const passwordHash = await hashPassword(options.password);
  return database.write(async (tx) => {
    const made: { userId: string; username: string }[] = [];
    for (let i = 1; i <= options.count; i++) {
      const username = `${prefix}${String(i).padStart(4, '0')}`;
      const result = await insertUser(tx, {
        username,
        fullName: `Học viên thử tải ${i}`,
        unitId: options.unitId,
        position: 'Chuyên viên',
        roles: ['learner'],
        mustChangePassword: false,
        passwordHash,
      });
      if (result.ok) made.push({ userId: result.id, username });
    }
    return made;
  });
}

/** Users whose username starts with `prefix` (e.g. the province-sized seed's `mh.`), at most `limit`. */
export async function findUsers(
  database: Database,
  prefix: string,
  limit: number,
): Promise<{ userId: string; username: string }[]> {
  const rows = await database.db
    .select({ userId: users.id, username: users.username })
    .from(users)
    .where(like(users.username, `${prefix}%`))
    .orderBy(users.username)
    .limit(limit);
  return rows;
}

/** Opens one session per user, as a login would. */
export async function openSessions(
  database: Database,
  people: readonly { userId: string; username: string }[],
): Promise<Learner[]> {
  const learners: Learner[] = [];
  for (const person of people) {
    const { token } = await createSession(database, person.userId, { userAgent: 'tai-thu-nghiem' });
    learners.push({ ...person, cookie: sessionCookie(token) });
  }
  return learners;
}

/** Lesson ids of the content the server was built from, with their courses. */
export async function lessonIds(): Promise<string[]> {
  const catalog = await loadCatalog();
  return [...catalog.lessonCourse.keys()];
}

/** Ids of the live quizzes in the database (synced from the content). */
export async function quizIds(database: Database): Promise<string[]> {
  const rows = await database.db.select({ id: quizzes.id, retiredAt: quizzes.retiredAt }).from(quizzes);
  return rows.filter((r) => r.retiredAt === null).map((r) => r.id);
}

/**
 * Starts (or resumes) an attempt for each learner at each quiz, up to `limit` attempts, and
 * reads its questions to prepare one valid answer per question.
 */
export async function openAttempts(
  database: Database,
  learners: readonly Learner[],
  quizIdList: readonly string[],
  limit: number,
): Promise<OpenAttempt[]> {
  const attempts: OpenAttempt[] = [];
  outer: for (const quizId of quizIdList) {
    for (const learner of learners) {
      if (attempts.length >= limit) break outer;
      const started = await startAttempt(database, { userId: learner.userId, quizId });
      if (!started.ok) continue;
      const view = await getAttemptView(database, { userId: learner.userId, attemptId: started.attemptId });
      if (!view.ok || view.view.state !== 'open') continue;
      attempts.push({
        learner,
        quizId,
        attemptId: started.attemptId,
        answers: view.view.questions.map((q) => ({
          attemptId: started.attemptId,
          questionId: q.id,
          answer: answerFor(q),
        })),
      });
    }
  }
  return attempts;
}
