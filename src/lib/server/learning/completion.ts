import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { courseCompletions, courseQuizPasses, lessonProgress } from '../../../../db/schema/index';
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
