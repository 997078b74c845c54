import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { courseCompletions, courseQuizPasses, lessonProgress } from '../../../../db/schema/index';
import type { CatalogCourse, CourseCatalog } from '../../shared/learning/catalog';
import { courseProgress, type CourseProgress, type LessonWithState } from '../../shared/learning/course-progress';
import type { Database, Tx } from '../db';
import { prepared } from '../prepared';
import { loadCatalog } from './catalog';
import { recomputeCourseCompletion, type CompletionOutcome } from './completion';

/** Options shared by the progress functions: an injectable clock and catalog. */
export interface LearningOptions {
  /** The current instant (default: now). */
  now?: Date;
  /** The course catalog (default: read from the content files, see loadCatalog). */
  catalog?: CourseCatalog;
}

/** Outcome of {@link recordLessonVisit}. */
export type VisitResult = { ok: true; courseId: string } | { ok: false; reason: 'unknown-lesson' };

/**
 * Records that a signed-in learner opened a lesson: the row is created ("started") on the
 * first visit; later visits only move `last_visited_at` forward. One upsert, so parallel
 * visits end in one row.
 */
export async function recordLessonVisit(
  database: Database,
  userId: string,
  lessonId: string,
  options: LearningOptions = {},
): Promise<VisitResult> {
  const catalog = options.catalog ?? (await loadCatalog());
  const courseId = catalog.lessonCourse.get(lessonId);
  if (!courseId) return { ok: false, reason: 'unknown-lesson' };
  const now = options.now ?? new Date();
  await database.write((tx) =>
    tx
      .insert(lessonProgress)
      .values({ userId, lessonId, courseId, startedAt: now, lastVisitedAt: now })
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.lessonId],
        set: {
          courseId,
          // Requests may arrive out of order: never move the last visit back in time.
          lastVisitedAt: sql`max(${lessonProgress.lastVisitedAt}, excluded.last_visited_at)`,
        },
      }),
  );
  return { ok: true, courseId };
}

/** Outcome of {@link markLessonDone}. */
export type MarkDoneResult =
  | { ok: true; courseId: string; alreadyCompleted: boolean; course: CompletionOutcome }
  | { ok: false; reason: 'unknown-lesson' };

/**
 * Completes a lesson for a learner ("Đánh dấu đã học xong"). Idempotent: the first completion
 * date and source stay; marking again changes nothing. Re-applies the course completion rule in
 * the same transaction.
 */
export async function markLessonDone(
  database: Database,
  userId: string,
  lessonId: string,
  options: LearningOptions = {},
): Promise<MarkDoneResult> {
  const catalog = options.catalog ?? (await loadCatalog());
  const courseId = catalog.lessonCourse.get(lessonId);
  if (!courseId) return { ok: false, reason: 'unknown-lesson' };
  const now = options.now ?? new Date();
  return database.write(async (tx) => {
    const alreadyCompleted = await completeLesson(tx, userId, lessonId, courseId, now, 'manual');
    const course = await recomputeCourseCompletion(tx, userId, courseId, catalog, { now });
    return { ok: true, courseId, alreadyCompleted, course } as const;
  });
}

/**
 * Upserts a lesson completion inside a write transaction (mark done or passed quiz).
 * @returns whether the lesson was already completed before
 */
export async function completeLesson(
  tx: Tx,
  userId: string,
  lessonId: string,
  courseId: string,
  at: Date,
  by: 'manual' | 'quiz',
): Promise<boolean> {
  const [before] = await tx
    .select({ completedAt: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
  await tx
    .insert(lessonProgress)
    .values({ userId, lessonId, courseId, startedAt: at, lastVisitedAt: at, completedAt: at, completedBy: by })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId],
      set: {
        courseId,
        completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`,
        completedBy: sql`coalesce(${lessonProgress.completedBy}, excluded.completed_by)`,
      },
    });
  return Boolean(before?.completedAt);
}

/** Everything stored about one learner, read in three queries. */
interface LearnerFacts {
  lessons: { lessonId: string; startedAt: Date; lastVisitedAt: Date; completedAt: Date | null }[];
  quizPasses: Map<string, Date>;
  completions: Map<string, Date>;
}

async function learnerFacts(database: Database, userId: string, lessonIds?: string[]): Promise<LearnerFacts> {
  const lessonColumns = {
    lessonId: lessonProgress.lessonId,
    startedAt: lessonProgress.startedAt,
    lastVisitedAt: lessonProgress.lastVisitedAt,
    completedAt: lessonProgress.completedAt,
  };
  const lessons = lessonIds
    ? await database.db
        .select(lessonColumns)
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, lessonIds)))
    : await prepared(database, 'lesson-progress-of-user', (db) =>
        db
          .select(lessonColumns)
          .from(lessonProgress)
          .where(eq(lessonProgress.userId, sql.placeholder('userId')))
          .prepare(),
      ).all({ userId });
  const passes = await prepared(database, 'quiz-passes-of-user', (db) =>
    db
      .select({ courseId: courseQuizPasses.courseId, passedAt: courseQuizPasses.passedAt })
      .from(courseQuizPasses)
      .where(eq(courseQuizPasses.userId, sql.placeholder('userId')))
      .prepare(),
  ).all({ userId });
  const completions = await prepared(database, 'completions-of-user', (db) =>
    db
      .select({ courseId: courseCompletions.courseId, completedAt: courseCompletions.completedAt })
      .from(courseCompletions)
      .where(eq(courseCompletions.userId, sql.placeholder('userId')))
      .prepare(),
  ).all({ userId });
  return {
    lessons,
    quizPasses: new Map(passes.map((p) => [p.courseId, p.passedAt])),
    completions: new Map(completions.map((c) => [c.courseId, c.completedAt])),
  };
}

function progressOf(course: CatalogCourse, facts: LearnerFacts): CourseProgress {
  return courseProgress(
    course,
    facts.lessons,
    facts.quizPasses.get(course.id) ?? null,
    facts.completions.get(course.id) ?? null,
  );
}

/** A learner's progress in one course, or null for an unknown course. */
export async function getCourseProgress(
  database: Database,
  userId: string,
  courseId: string,
  options: LearningOptions = {},
): Promise<{ course: CatalogCourse; progress: CourseProgress } | null> {
  const catalog = options.catalog ?? (await loadCatalog());
  const course = catalog.courses.get(courseId);
  if (!course) return null;
  const facts = await learnerFacts(
    database,
    userId,
    course.lessons.map((l) => l.id),
  );
  return { course, progress: progressOf(course, facts) };
}

/** What the lesson page's progress panel shows. */
export interface LessonPanel {
  course: CatalogCourse;
  lesson: LessonWithState;
  progress: CourseProgress;
  /** The lesson's own quiz, when it has one. */
  lessonQuizId: string | null;
}

/** A learner's state on one lesson with the course progress, or null for an unknown lesson. */
export async function getLessonPanel(
  database: Database,
  userId: string,
  lessonId: string,
  options: LearningOptions = {},
): Promise<LessonPanel | null> {
  const catalog = options.catalog ?? (await loadCatalog());
  const courseId = catalog.lessonCourse.get(lessonId);
  const found = courseId ? await getCourseProgress(database, userId, courseId, { ...options, catalog }) : null;
  const lesson = found?.progress.lessons.find((l) => l.id === lessonId);
  if (!found || !lesson) return null;
  return { ...found, lesson, lessonQuizId: catalog.lessonQuizzes.get(lessonId) ?? null };
}

/** A course the learner has touched, with its progress. */
export interface CourseWithProgress {
  course: CatalogCourse;
  progress: CourseProgress;
}

/**
 * The learner's progress in every course of the catalog they have started or completed,
 * most recently visited first.
 */
export async function listLearnerCourses(
  database: Database,
  userId: string,
  options: LearningOptions = {},
): Promise<CourseWithProgress[]> {
  const catalog = options.catalog ?? (await loadCatalog());
  const facts = await learnerFacts(database, userId);
  const out: CourseWithProgress[] = [];
  for (const course of catalog.courses.values()) {
    const progress = progressOf(course, facts);
    if (progress.started) out.push({ course, progress });
  }
  return out.sort((a, b) => (b.progress.lastVisitedAt?.getTime() ?? 0) - (a.progress.lastVisitedAt?.getTime() ?? 0));
}

/** Progress of the learner in several courses at once (for assignments). */
export async function progressByCourse(
  database: Database,
  userId: string,
  courseIds: readonly string[],
  options: LearningOptions = {},
): Promise<Map<string, CourseWithProgress>> {
  const out = new Map<string, CourseWithProgress>();
  if (courseIds.length === 0) return out;
  const catalog = options.catalog ?? (await loadCatalog());
  const facts = await learnerFacts(database, userId);
  for (const id of courseIds) {
    const course = catalog.courses.get(id);
    if (course) out.set(id, { course, progress: progressOf(course, facts) });
  }
  return out;
}

/** The lesson the learner opened last, anywhere, or null. */
export async function lastVisitedLesson(
  database: Database,
  userId: string,
): Promise<{ lessonId: string; courseId: string; at: Date } | null> {
  const [row] = await database.db
    .select({ lessonId: lessonProgress.lessonId, courseId: lessonProgress.courseId, at: lessonProgress.lastVisitedAt })
    .from(lessonProgress)
    .where(eq(lessonProgress.userId, userId))
    .orderBy(desc(lessonProgress.lastVisitedAt))
    .limit(1);
  return row ?? null;
}
