import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { completionRulesState, courseCompletions, courseQuizPasses, lessonProgress } from '../../../../db/schema/index';
import type { CourseCatalog } from '../../shared/learning/catalog';
import { completionMetAt } from '../../shared/learning/course-progress';
import type { Database, Tx } from '../db';
import { issueCertificate } from './certificates';

/** Outcome of {@link recomputeCourseCompletion}. */
export type CompletionOutcome =
  { completed: false } | { completed: true; newly: boolean; completedAt: Date; certificateCode: string };

/**
 * Applies the completion rule to one learner and course inside a write transaction: when it
 * is met and not recorded yet, records the completion (with the date it was met) and issues
 * the certificate. A recorded completion is never revoked, even if the course has gained a
 * required lesson since (decision 050).
 * @param options `now` is the issue time of a new certificate; `newCode` is for tests
 */
export async function recomputeCourseCompletion(
  tx: Tx,
  userId: string,
  courseId: string,
  catalog: CourseCatalog,
  options: { now: Date; newCode?: () => string },
): Promise<CompletionOutcome> {
  const course = catalog.courses.get(courseId);
  if (!course) return { completed: false };
  const [recorded] = await tx
    .select({ completedAt: courseCompletions.completedAt })
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, userId), eq(courseCompletions.courseId, courseId)));
  if (recorded) {
    // Also repairs a completion whose certificate is missing (e.g. restored from an old backup).
    const certificateCode = await issueCertificate(tx, userId, course, recorded.completedAt, options);
    return { completed: true, newly: false, completedAt: recorded.completedAt, certificateCode };
  }
  const lessonIds = course.lessons.map((l) => l.id);
  const done =
    lessonIds.length === 0
      ? []
      : await tx
          .select({ lessonId: lessonProgress.lessonId, completedAt: lessonProgress.completedAt })
          .from(lessonProgress)
          .where(
            and(
              eq(lessonProgress.userId, userId),
              inArray(lessonProgress.lessonId, lessonIds),
              isNotNull(lessonProgress.completedAt),
            ),
          );
  const [pass] = await tx
    .select({ passedAt: courseQuizPasses.passedAt })
    .from(courseQuizPasses)
    .where(and(eq(courseQuizPasses.userId, userId), eq(courseQuizPasses.courseId, courseId)));
  const completedLessons = new Map(done.flatMap((d) => (d.completedAt ? [[d.lessonId, d.completedAt] as const] : [])));
  const metAt = completionMetAt(course, completedLessons, pass?.passedAt ?? null);
  if (!metAt) return { completed: false };
  await tx
    .insert(courseCompletions)
    .values({ userId, courseId, completedAt: metAt, recordedAt: options.now })
    .onConflictDoNothing();
  const certificateCode = await issueCertificate(tx, userId, course, metAt, options);
  return { completed: true, newly: true, completedAt: metAt, certificateCode };
}

/**
 * Re-applies the completion rule to every learner with progress in a course, e.g. after the
 * content changed (a required lesson removed can complete a course without any new action).
 * @returns how many completions were newly recorded
 */
export async function recomputeCompletions(
  database: Database,
  catalog: CourseCatalog,
  options: { now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const pairs = new Map<string, { userId: string; courseId: string }>();
  const progressRows = await database.db
    .selectDistinct({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(isNotNull(lessonProgress.completedAt));
  for (const row of progressRows) {
    const courseId = catalog.lessonCourse.get(row.lessonId);
    if (courseId) pairs.set(`${row.userId} ${courseId}`, { userId: row.userId, courseId });
  }
  for (const row of await database.db
    .select({ userId: courseQuizPasses.userId, courseId: courseQuizPasses.courseId })
    .from(courseQuizPasses)) {
    pairs.set(`${row.userId} ${row.courseId}`, row);
  }
  let newly = 0;
  for (const { userId, courseId } of pairs.values()) {
    const outcome = await database.write((tx) => recomputeCourseCompletion(tx, userId, courseId, catalog, { now }));
    if (outcome.completed && outcome.newly) newly++;
  }
  return newly;
}

/** The row of completion_rules_state (one row). */
const RULES_ROW = 1;

/**
 * A fingerprint of what the completion rule depends on: each course's required lessons and
 * final quiz. Titles, order and optional lessons do not change who has completed what.
 * @param catalog the course catalog
 */
export function completionRulesHash(catalog: CourseCatalog): string {
  const rules = [...catalog.courses.values()]
    .map(
      (c) =>
        [
          c.id,
          c.lessons
            .filter((l) => l.required)
            .map((l) => l.id)
            .sort(),
          c.finalQuizId,
        ] as const,
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex');
}

/** Outcome of {@link applyCompletionRules}. */
export type RulesOutcome = { changed: false } | { changed: true; newlyCompleted: number };

/**
 * At startup: when the content's completion rules differ from those last applied (a required
 * lesson or a final quiz removed, say), re-applies the rule to everyone with progress, so a
 * learner who now meets it is completed without having to open a lesson again; then records
 * the rules as applied. Unchanged rules cost one read.
 */
export async function applyCompletionRules(
  database: Database,
  catalog: CourseCatalog,
  options: { now?: Date } = {},
): Promise<RulesOutcome> {
  const hash = completionRulesHash(catalog);
  const [stored] = await database.db
    .select({ rulesHash: completionRulesState.rulesHash })
    .from(completionRulesState)
    .where(eq(completionRulesState.id, RULES_ROW));
  if (stored?.rulesHash === hash) return { changed: false };
  const now = options.now ?? new Date();
  const newlyCompleted = await recomputeCompletions(database, catalog, { now });
  await database.write((tx) =>
    tx
      .insert(completionRulesState)
      .values({ id: RULES_ROW, rulesHash: hash, appliedAt: now })
      .onConflictDoUpdate({ target: completionRulesState.id, set: { rulesHash: hash, appliedAt: now } }),
  );
  return { changed: true, newlyCompleted };
}
