/**
 * Quiz attempts: start, save, submit, review, history and question statistics. The only module
 * that reads or writes the quiz tables (the sync lives in ./quiz-sync.ts). Every function that
 * takes an attempt id also takes the user id and treats another person's attempt as missing.
 * See docs/decisions/021-quiz-attempts.md.
 */
import { and, asc, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { quizAnswers, quizAttempts, quizVersions, quizzes } from '../../../db/schema/index';
import { QuizSchema, type Quiz } from '../schemas/quiz';
import { AnswerSchema, type Answer, type AnswerMap } from '../schemas/quiz-answer';
import { QuizLayoutSchema, type QuizLayout } from '../schemas/quiz-layout';
import { isAnswered } from '../shared/quiz/describe';
import { QUIZ_MESSAGES } from '../shared/quiz/messages';
import { canStartAttempt, type CanStartAttempt } from '../shared/quiz/policy';
import { reviewVisibility } from '../shared/quiz/review';
import { cryptoRng, randomId, type Rng } from '../shared/quiz/rng';
import type { GradedFeedback, PublicQuestion, ReviewVisibility } from '../shared/quiz/types';
import type { QuizPlace } from '../shared/quiz/urls';
import { validateAnswer } from '../shared/quiz/validate-answer';
import type { Database, Db, Tx } from './db';
import { onQuizPassed } from './learning/quiz-hook';
import { composeAttempt } from './quiz/compose-attempt';
import { gradeAttempt, type AttemptGrade, type QuestionGrade } from './quiz/grade';
import { toGradedFeedback } from './quiz/graded-feedback';
import { toPublicQuestions } from './quiz/public-questions';
import { resolveLayout } from './quiz/resolve-layout';
import { questionStatistics, type QuestionStatistics } from './quiz/statistics';

type Reader = Db | Tx;
type QuizRow = typeof quizzes.$inferSelect;
type AttemptRow = typeof quizAttempts.$inferSelect;

/** A quiz as pages show it (no key). */
export interface QuizSummary extends QuizPlace {
  id: string;
  title: string;
  currentVersionHash: string;
  /** The quiz file is gone: no new attempts, history kept. */
  retired: boolean;
}

/** One attempt, without its answers. */
export interface AttemptSummary {
  id: string;
  quizId: string;
  versionHash: string;
  attemptNumber: number;
  startedAt: Date;
  /** Null while open. */
  submittedAt: Date | null;
  /** Percent 0–100 once submitted. */
  score: number | null;
  passed: boolean | null;
}

/** The rules of a quiz's current version, for the quiz page. */
export interface QuizPolicySummary {
  passPercent: number;
  /** 0 means unlimited. */
  attemptsAllowed: number;
  waitMinutes: number;
  /** Questions shown per attempt (drawCount, or the whole pool). */
  questionCount: number;
}

const HIDE_KEY: ReviewVisibility = { showCorrectness: true, showCorrectAnswersAndExplanations: false };

function toQuizSummary(row: QuizRow): QuizSummary {
  return {
    id: row.id,
    title: row.title,
    targetKind: row.targetKind,
    targetId: row.targetId,
    courseId: row.courseId,
    currentVersionHash: row.currentVersionHash,
    retired: row.retiredAt !== null,
  };
}

function toAttemptSummary(row: AttemptRow): AttemptSummary {
  return {
    id: row.id,
    quizId: row.quizId,
    versionHash: row.versionHash,
    attemptNumber: row.attemptNumber,
    startedAt: row.startedAt,
    submittedAt: row.submittedAt,
    score: row.score,
    passed: row.passed,
  };
}

// Versions are immutable and named by their content hash, so a parsed version never goes stale.
const versionCache = new Map<string, Quiz>();

async function loadVersion(q: Reader, quizId: string, versionHash: string): Promise<Quiz> {
  const key = `${quizId}@${versionHash}`;
  const cached = versionCache.get(key);
  if (cached) return cached;
  const row = await q
    .select({ definition: quizVersions.definitionJson })
    .from(quizVersions)
    .where(and(eq(quizVersions.quizId, quizId), eq(quizVersions.versionHash, versionHash)))
    .get();
  if (!row) throw new Error(`Quiz version ${key} is not stored`);
  const quiz = QuizSchema.parse(row.definition);
  versionCache.set(key, quiz);
  return quiz;
}

// A stored layout that no longer fits its version is corruption, not a user error.
function layoutOf(row: AttemptRow, quiz: Quiz): QuizLayout {
  const layout = QuizLayoutSchema.parse(row.layoutJson);
  const check = resolveLayout(quiz, layout);
  if (!check.ok) throw new Error(`Attempt ${row.id} does not fit its quiz version: ${check.reason}`);
  return layout;
}

async function loadQuizRow(q: Reader, quizId: string): Promise<QuizRow | undefined> {
  return q.select().from(quizzes).where(eq(quizzes.id, quizId)).get();
}

// Another person's attempt is reported exactly like a missing one: ids are not confirmed.
async function loadOwnAttempt(q: Reader, userId: string, attemptId: string): Promise<AttemptRow | undefined> {
  return q
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId)))
    .get();
}

async function attemptsOf(q: Reader, userId: string, quizId: string): Promise<AttemptRow[]> {
  return q
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quizId)))
    .orderBy(asc(quizAttempts.attemptNumber));
}

async function loadAnswers(q: Reader, attemptId: string): Promise<AnswerMap> {
  const rows = await q.select().from(quizAnswers).where(eq(quizAnswers.attemptId, attemptId));
  const answers: AnswerMap = {};
  for (const row of rows) {
    const parsed = AnswerSchema.safeParse(row.answerJson);
    if (parsed.success) answers[row.questionId] = parsed.data;
  }
  return answers;
}

/**
 * Moodle-like review for a learner's attempts at a quiz, decided now: right answers and
 * explanations once they have passed or used their last allowed attempt, never while an attempt
 * is open (they would help with it). A retired quiz takes no more attempts, so it counts as closed.
 */
async function visibilityFor(q: Reader, userId: string, quiz: QuizRow): Promise<ReviewVisibility> {
  const rows = await attemptsOf(q, userId, quiz.id);
  if (rows.some((r) => r.submittedAt === null)) return HIDE_KEY;
  const attemptsAllowed =
    quiz.retiredAt !== null ? rows.length : (await loadVersion(q, quiz.id, quiz.currentVersionHash)).attemptsAllowed;
  return reviewVisibility({ passed: rows.some((r) => r.passed === true), attemptsUsed: rows.length, attemptsAllowed });
}

/** A random attempt id: 24 characters of [a-z0-9] (about 124 bits), not guessable. */
export function newAttemptId(rng: Rng = cryptoRng()): string {
  return randomId(rng, 24);
}

/** The live quiz of a lesson or course, or null. */
export async function findQuizByTarget(
  database: Database,
  kind: 'lesson' | 'course',
  targetId: string,
): Promise<QuizSummary | null> {
  const row = await database.db
    .select()
    .from(quizzes)
    .where(and(eq(quizzes.targetKind, kind), eq(quizzes.targetId, targetId), isNull(quizzes.retiredAt)))
    .get();
  return row ? toQuizSummary(row) : null;
}

/** What the quiz page shows before an attempt: rules, earlier attempts, and whether one may start. */
export interface QuizOverview {
  quiz: QuizSummary;
  policy: QuizPolicySummary;
  /** Oldest first. */
  attempts: AttemptSummary[];
  open: AttemptSummary | null;
  canStart: CanStartAttempt;
  passed: boolean;
  bestScore: number | null;
}

/** The quiz page's view of a quiz for one learner; null when the quiz does not exist. */
export async function quizOverview(
  database: Database,
  input: { userId: string; quizId: string; now?: Date },
): Promise<QuizOverview | null> {
  const row = await loadQuizRow(database.db, input.quizId);
  if (!row) return null;
  const definition = await loadVersion(database.db, row.id, row.currentVersionHash);
  const rows = await attemptsOf(database.db, input.userId, row.id);
  const attempts = rows.map(toAttemptSummary);
  const scores = attempts.flatMap((a) => (a.score === null ? [] : [a.score]));
  const canStart: CanStartAttempt =
    row.retiredAt !== null
      ? { ok: false, reason: 'no-attempts-left' }
      : canStartAttempt({ policy: definition, previous: attempts, now: input.now ?? new Date() });
  return {
    quiz: toQuizSummary(row),
    policy: {
      passPercent: definition.passPercent,
      attemptsAllowed: definition.attemptsAllowed,
      waitMinutes: definition.waitMinutes,
      questionCount: Math.min(definition.drawCount ?? definition.questions.length, definition.questions.length),
    },
    attempts,
    open: attempts.find((a) => a.submittedAt === null) ?? null,
    canStart,
    passed: attempts.some((a) => a.passed === true),
    bestScore: scores.length > 0 ? Math.max(...scores) : null,
  };
}

/** Outcome of {@link startAttempt}. */
export type StartAttemptResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'no-attempts-left' }
  | { ok: false; reason: 'wait'; retryAt: Date };

/**
 * Starts an attempt on the quiz's current version, if the policy allows it: the layout (drawn
 * questions, orders, opaque ids) is composed now and stored with the version hash. An open
 * attempt is resumed instead (a double click on "start" must not burn an attempt).
 */
export async function startAttempt(
  database: Database,
  input: { userId: string; quizId: string; now?: Date; rng?: Rng },
): Promise<StartAttemptResult> {
  const now = input.now ?? new Date();
  return database.write(async (tx): Promise<StartAttemptResult> => {
    const quiz = await loadQuizRow(tx, input.quizId);
    if (!quiz || quiz.retiredAt !== null) return { ok: false, reason: 'not-found' };
    const definition = await loadVersion(tx, quiz.id, quiz.currentVersionHash);
    const previous = await attemptsOf(tx, input.userId, quiz.id);
    const check = canStartAttempt({ policy: definition, previous, now });
    if (!check.ok) {
      if (check.reason === 'in-progress') return { ok: true, attemptId: check.attemptId, resumed: true };
      return check;
    }
    const id = newAttemptId();
    await tx.insert(quizAttempts).values({
      id,
      userId: input.userId,
      quizId: quiz.id,
      versionHash: quiz.currentVersionHash,
      attemptNumber: previous.reduce((max, a) => Math.max(max, a.attemptNumber), 0) + 1,
      layoutJson: composeAttempt(definition, input.rng ?? cryptoRng()),
      startedAt: now,
    });
    return { ok: true, attemptId: id, resumed: false };
  });
}

/** An attempt as its owner may see it: the questions and saved answers while open, the graded feedback once submitted. */
export type AttemptView =
  | { state: 'open'; quiz: QuizSummary; attempt: AttemptSummary; questions: PublicQuestion[]; answers: AnswerMap }
  | { state: 'submitted'; quiz: QuizSummary; attempt: AttemptSummary; feedback: GradedFeedback };

/** One attempt for its owner; `not-found` for a missing attempt or another person's. */
export async function getAttemptView(
  database: Database,
  input: { userId: string; attemptId: string },
): Promise<{ ok: true; view: AttemptView } | { ok: false; reason: 'not-found' }> {
  const q = database.db;
  const row = await loadOwnAttempt(q, input.userId, input.attemptId);
  const quiz = row ? await loadQuizRow(q, row.quizId) : undefined;
  if (!row || !quiz) return { ok: false, reason: 'not-found' };
  const definition = await loadVersion(q, row.quizId, row.versionHash);
  const layout = layoutOf(row, definition);
  const answers = await loadAnswers(q, row.id);
  const base = { quiz: toQuizSummary(quiz), attempt: toAttemptSummary(row) };
  if (row.submittedAt === null) {
    return { ok: true, view: { state: 'open', ...base, questions: toPublicQuestions(definition, layout), answers } };
  }
  const feedback = toGradedFeedback({
    quiz: definition,
    layout,
    grade: storedGrade(row),
    answers,
    visibility: await visibilityFor(q, input.userId, quiz),
  });
  return { ok: true, view: { state: 'submitted', ...base, feedback } };
}

function storedGrade(row: AttemptRow): AttemptGrade {
  return {
    questions: (row.gradeJson ?? []) as QuestionGrade[],
    earned: row.earned ?? 0,
    total: row.total ?? 0,
    percent: row.score ?? 0,
    passed: row.passed === true,
  };
}

/** Outcome of {@link saveAnswer}. */
export type SaveAnswerResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'already-submitted' | 'unknown-question' }
  | { ok: false; reason: 'invalid-answer'; message: string };

/**
 * Saves (replaces) the answer to one question of the learner's open attempt, after checking it
 * against the question as the attempt showed it. An empty answer (nothing ticked, blank text)
 * removes the saved one.
 */
export async function saveAnswer(
  database: Database,
  input: { userId: string; attemptId: string; questionId: string; answer: Answer; now?: Date },
): Promise<SaveAnswerResult> {
  const now = input.now ?? new Date();
  return database.write(async (tx): Promise<SaveAnswerResult> => {
    const row = await loadOwnAttempt(tx, input.userId, input.attemptId);
    if (!row) return { ok: false, reason: 'not-found' };
    if (row.submittedAt !== null) return { ok: false, reason: 'already-submitted' };
    const definition = await loadVersion(tx, row.quizId, row.versionHash);
    const question = toPublicQuestions(definition, layoutOf(row, definition)).find((q) => q.id === input.questionId);
    if (!question) return { ok: false, reason: 'unknown-question' };
    const check = validateAnswer(question, input.answer);
    if (!check.ok) return { ok: false, reason: 'invalid-answer', message: check.message };

    const key = and(eq(quizAnswers.attemptId, row.id), eq(quizAnswers.questionId, question.id));
    if (!isAnswered(input.answer)) {
      await tx.delete(quizAnswers).where(key);
      return { ok: true };
    }
    await tx
      .insert(quizAnswers)
      .values({ attemptId: row.id, questionId: question.id, answerJson: input.answer, savedAt: now })
      .onConflictDoUpdate({
        target: [quizAnswers.attemptId, quizAnswers.questionId],
        set: { answerJson: input.answer, savedAt: now },
      });
    return { ok: true };
  });
}

/**
 * Checks every answer against the questions as the attempt showed them, then replaces the
 * attempt's saved answers with them (unanswered questions end up with none).
 */
async function replaceAnswers(
  tx: Tx,
  attemptId: string,
  questions: readonly PublicQuestion[],
  answers: AnswerMap,
  now: Date,
): Promise<{ ok: true } | { ok: false; questionId: string; message: string }> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = byId.get(questionId);
    const check = question
      ? validateAnswer(question, answer)
      : { ok: false as const, message: QUIZ_MESSAGES.unknownQuestion };
    if (!check.ok) return { ok: false, questionId, message: check.message };
  }
  await tx.delete(quizAnswers).where(eq(quizAnswers.attemptId, attemptId));
  const given = Object.entries(answers).filter(([, answer]) => isAnswered(answer));
  if (given.length > 0) {
    await tx
      .insert(quizAnswers)
      .values(given.map(([questionId, answer]) => ({ attemptId, questionId, answerJson: answer, savedAt: now })));
  }
  return { ok: true };
}

/** Outcome of {@link saveAllAnswers}. */
export type SaveAllAnswersResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'already-submitted' }
  | { ok: false; reason: 'invalid-answer'; questionId: string; message: string };

/**
 * Replaces the saved answers of the learner's open attempt with every posted one, without
 * submitting: the plain form's "save and continue later" for browsers without JavaScript.
 */
export async function saveAllAnswers(
  database: Database,
  input: { userId: string; attemptId: string; answers: AnswerMap; now?: Date },
): Promise<SaveAllAnswersResult> {
  const now = input.now ?? new Date();
  return database.write(async (tx): Promise<SaveAllAnswersResult> => {
    const row = await loadOwnAttempt(tx, input.userId, input.attemptId);
    if (!row) return { ok: false, reason: 'not-found' };
    if (row.submittedAt !== null) return { ok: false, reason: 'already-submitted' };
    const definition = await loadVersion(tx, row.quizId, row.versionHash);
    const questions = toPublicQuestions(definition, layoutOf(row, definition));
    const replaced = await replaceAnswers(tx, row.id, questions, input.answers, now);
    if (replaced.ok) return { ok: true };
    return { ok: false, reason: 'invalid-answer', questionId: replaced.questionId, message: replaced.message };
  });
}

/** Outcome of {@link submitAttempt}. */
export type SubmitAttemptResult =
  | { ok: true; attemptId: string; grade: AttemptGrade; feedback: GradedFeedback }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already-submitted'; attemptId: string }
  | { ok: false; reason: 'invalid-answer'; questionId: string; message: string };

/**
 * Grades and closes the learner's open attempt against the version it was started on, in one
 * write transaction: the grade is stored by `UPDATE … WHERE submitted_at IS NULL`, so a second
 * submit changes nothing and is refused. With `answers` (the plain form posts every answer at
 * once) the saved answers are replaced first. A pass is reported to learning progress inside
 * the same transaction.
 */
export async function submitAttempt(
  database: Database,
  input: { userId: string; attemptId: string; answers?: AnswerMap; now?: Date },
): Promise<SubmitAttemptResult> {
  const now = input.now ?? new Date();
  return database.write(async (tx): Promise<SubmitAttemptResult> => {
    const row = await loadOwnAttempt(tx, input.userId, input.attemptId);
    const quiz = row ? await loadQuizRow(tx, row.quizId) : undefined;
    if (!row || !quiz) return { ok: false, reason: 'not-found' };
    if (row.submittedAt !== null) return { ok: false, reason: 'already-submitted', attemptId: row.id };
    const definition = await loadVersion(tx, row.quizId, row.versionHash);
    const layout = layoutOf(row, definition);

    if (input.answers) {
      const replaced = await replaceAnswers(tx, row.id, toPublicQuestions(definition, layout), input.answers, now);
      if (!replaced.ok) {
        return { ok: false, reason: 'invalid-answer', questionId: replaced.questionId, message: replaced.message };
      }
    }

    const answers = await loadAnswers(tx, row.id);
    const grade = gradeAttempt(definition, layout, answers);
    const closed = await tx
      .update(quizAttempts)
      .set({
        submittedAt: now,
        score: grade.percent,
        earned: grade.earned,
        total: grade.total,
        passed: grade.passed,
        gradeJson: grade.questions,
      })
      .where(and(eq(quizAttempts.id, row.id), isNull(quizAttempts.submittedAt)));
    if (closed.rowsAffected !== 1) return { ok: false, reason: 'already-submitted', attemptId: row.id };

    if (grade.passed) {
      await onQuizPassed(tx, { userId: input.userId, target: { ...definition.for }, passedAt: now });
    }
    const visibility = await visibilityFor(tx, input.userId, quiz);
    return {
      ok: true,
      attemptId: row.id,
      grade,
      feedback: toGradedFeedback({ quiz: definition, layout, grade, answers, visibility }),
    };
  });
}

/** One row of a learner's attempt history. */
export interface AttemptHistoryEntry extends AttemptSummary {
  quizTitle: string;
  place: QuizPlace;
}

/**
 * Every attempt of a learner at every quiz, newest first, with the quiz's title and place (for
 * links). Open attempts are included with `submittedAt` null.
 */
export async function attemptHistory(database: Database, userId: string): Promise<AttemptHistoryEntry[]> {
  const rows = await database.db
    .select({ attempt: quizAttempts, quiz: quizzes })
    .from(quizAttempts)
    .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
    .where(eq(quizAttempts.userId, userId))
    .orderBy(desc(quizAttempts.startedAt), desc(quizAttempts.attemptNumber));
  return rows.map(({ attempt, quiz }) => ({
    ...toAttemptSummary(attempt),
    quizTitle: quiz.title,
    place: { targetKind: quiz.targetKind, targetId: quiz.targetId, courseId: quiz.courseId },
  }));
}

/** A quiz in the statistics list. */
export interface QuizStatisticsListEntry {
  quiz: QuizSummary;
  /** Submitted first attempts, all versions. */
  firstAttempts: number;
  /** Submitted attempts, all versions. */
  attempts: number;
}

/** Every quiz (live first, then retired, by title) with how many graded attempts it has. */
export async function listQuizzesForStatistics(database: Database): Promise<QuizStatisticsListEntry[]> {
  const db = database.db;
  const rows = await db.select().from(quizzes).orderBy(asc(quizzes.title));
  const counts = await db
    .select({ quizId: quizAttempts.quizId, attemptNumber: quizAttempts.attemptNumber, n: count() })
    .from(quizAttempts)
    .where(isNotNull(quizAttempts.submittedAt))
    .groupBy(quizAttempts.quizId, quizAttempts.attemptNumber);
  const tally = (quizId: string, firstOnly: boolean) =>
    counts.filter((c) => c.quizId === quizId && (!firstOnly || c.attemptNumber === 1)).reduce((sum, c) => sum + c.n, 0);
  return rows
    .map((row) => ({ quiz: toQuizSummary(row), firstAttempts: tally(row.id, true), attempts: tally(row.id, false) }))
    .sort((a, b) => Number(a.quiz.retired) - Number(b.quiz.retired));
}

/** Statistics of one quiz version over learners' first attempts. */
export interface QuizStatisticsReport {
  quiz: QuizSummary;
  /** Every stored version, newest first, with its number of first attempts. */
  versions: { hash: string; createdAt: Date; firstAttempts: number; current: boolean }[];
  versionHash: string;
  /** The version's definition (key included: this report is for organisers and admins only). */
  definition: Quiz;
  firstAttempts: number;
  questions: QuestionStatistics[];
}

/**
 * Question statistics of a quiz version (default: the current one) computed on first attempts
 * only (docs/decisions/020-quiz-grading.md). Versions are reported separately because a changed
 * question is a different question. Null when the quiz or version does not exist.
 */
export async function quizStatistics(
  database: Database,
  quizId: string,
  versionHash?: string,
): Promise<QuizStatisticsReport | null> {
  const db = database.db;
  const quiz = await loadQuizRow(db, quizId);
  if (!quiz) return null;
  const versionRows = await db
    .select({ hash: quizVersions.versionHash, createdAt: quizVersions.createdAt })
    .from(quizVersions)
    .where(eq(quizVersions.quizId, quizId))
    .orderBy(desc(quizVersions.createdAt));
  const hash = versionHash ?? quiz.currentVersionHash;
  if (!versionRows.some((v) => v.hash === hash)) return null;

  const firsts = await db
    .select({ versionHash: quizAttempts.versionHash, gradeJson: quizAttempts.gradeJson })
    .from(quizAttempts)
    .where(
      and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.attemptNumber, 1), isNotNull(quizAttempts.submittedAt)),
    );
  const definition = await loadVersion(db, quizId, hash);
  const attempts = firsts.filter((a) => a.versionHash === hash).map((a) => ({ questions: a.gradeJson ?? [] }));
  return {
    quiz: toQuizSummary(quiz),
    versions: versionRows.map((v) => ({
      hash: v.hash,
      createdAt: v.createdAt,
      firstAttempts: firsts.filter((a) => a.versionHash === v.hash).length,
      current: v.hash === quiz.currentVersionHash,
    })),
    versionHash: hash,
    definition,
    firstAttempts: attempts.length,
    questions: questionStatistics({ questions: definition.questions, attempts }),
  };
}
