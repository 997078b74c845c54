import type { CatalogCourse } from './catalog';

/** A learner's stored progress on one lesson. */
export interface LessonProgressFacts {
  lessonId: string;
  startedAt: Date;
  lastVisitedAt: Date;
  completedAt: Date | null;
}

/** State of one lesson for one learner. */
export type LessonState = 'not-started' | 'started' | 'completed';

/** A lesson of a course with the learner's state. */
export interface LessonWithState {
  id: string;
  title: string;
  required: boolean;
  state: LessonState;
  completedAt: Date | null;
}

/** A learner's progress in one course, as every page shows it. */
export interface CourseProgress {
  courseId: string;
  lessons: LessonWithState[];
  requiredTotal: number;
  requiredDone: number;
  /** The final quiz, when the course has one. */
  finalQuiz: { quizId: string; passedAt: Date | null } | null;
  /** Steps toward completion: required lessons, plus the final quiz when there is one. */
  stepsTotal: number;
  stepsDone: number;
  /** Any lesson opened or anything passed. */
  started: boolean;
  /** Recorded completion (never revoked), or null. */
  completedAt: Date | null;
  /** The lesson to resume with ("Học tiếp"), or null when every lesson is completed. */
  resumeLessonId: string | null;
  /** Latest visit to a lesson of this course. */
  lastVisitedAt: Date | null;
}

/**
 * The course completion rule: every required lesson completed and, when the course has a
 * final quiz, that quiz passed. Returns the moment the rule was met (the latest of those
 * dates), or null when it is not met.
 * @param course the course as it is now
 * @param completedLessons completion date per lesson id
 * @param finalQuizPassedAt first pass of the final quiz, or null
 */
export function completionMetAt(
  course: Pick<CatalogCourse, 'lessons' | 'finalQuizId'>,
  completedLessons: ReadonlyMap<string, Date>,
  finalQuizPassedAt: Date | null,
): Date | null {
  const dates: Date[] = [];
  for (const lesson of course.lessons) {
    if (!lesson.required) continue;
    const done = completedLessons.get(lesson.id);
    if (!done) return null;
    dates.push(done);
  }
  if (course.finalQuizId) {
    if (!finalQuizPassedAt) return null;
    dates.push(finalQuizPassedAt);
  }
  // A course with nothing required (no required lesson, no quiz) is never completed by default.
  if (dates.length === 0) return null;
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/**
 * Combines a course with a learner's stored facts.
 * @param course the course as it is now
 * @param facts the learner's lesson rows (rows of lessons no longer in the course are ignored)
 * @param finalQuizPassedAt first pass of the final quiz, or null
 * @param completedAt recorded completion, or null
 */
export function courseProgress(
  course: CatalogCourse,
  facts: readonly LessonProgressFacts[],
  finalQuizPassedAt: Date | null,
  completedAt: Date | null,
): CourseProgress {
  const byLesson = new Map(facts.map((f) => [f.lessonId, f]));
  const lessons: LessonWithState[] = course.lessons.map((l) => {
    const f = byLesson.get(l.id);
    const state: LessonState = f?.completedAt ? 'completed' : f ? 'started' : 'not-started';
    return { id: l.id, title: l.title, required: l.required, state, completedAt: f?.completedAt ?? null };
  });
  const required = lessons.filter((l) => l.required);
  const requiredDone = required.filter((l) => l.state === 'completed').length;
  const finalQuiz = course.finalQuizId ? { quizId: course.finalQuizId, passedAt: finalQuizPassedAt } : null;
  const inCourse = facts.filter((f) => course.lessons.some((l) => l.id === f.lessonId));
  const lastVisited = inCourse.reduce<LessonProgressFacts | null>(
    (latest, f) => (!latest || f.lastVisitedAt > latest.lastVisitedAt ? f : latest),
    null,
  );
  return {
    courseId: course.id,
    lessons,
    requiredTotal: required.length,
    requiredDone,
    finalQuiz,
    stepsTotal: required.length + (finalQuiz ? 1 : 0),
    stepsDone: requiredDone + (finalQuiz?.passedAt ? 1 : 0),
    started: inCourse.length > 0 || finalQuizPassedAt !== null || completedAt !== null,
    completedAt,
    resumeLessonId: resumeLesson(lessons, lastVisited?.lessonId ?? null),
    lastVisitedAt: lastVisited?.lastVisitedAt ?? null,
  };
}

/**
 * Where "Học tiếp" leads: the lesson last opened when it is not completed yet; otherwise the
 * next lesson after it that is not completed (wrapping to the start); null when all are done.
 */
function resumeLesson(lessons: readonly LessonWithState[], lastVisitedId: string | null): string | null {
  const start = lastVisitedId ? lessons.findIndex((l) => l.id === lastVisitedId) : -1;
  if (start >= 0 && lessons[start]?.state !== 'completed') return lastVisitedId;
  // Without a last visit, start <0 and the search begins at the first lesson.
  for (let k = 0; k < lessons.length; k++) {
    const lesson = lessons[(start + 1 + k) % lessons.length];
    if (lesson && lesson.state !== 'completed') return lesson.id;
  }
  return null;
}

/** Percent of steps done, rounded down (never 100 before completion is recorded). */
export function progressPercent(progress: Pick<CourseProgress, 'stepsDone' | 'stepsTotal' | 'completedAt'>): number {
  if (progress.completedAt) return 100;
  if (progress.stepsTotal === 0) return 0;
  return Math.min(99, Math.floor((progress.stepsDone / progress.stepsTotal) * 100));
}

/** Vietnamese names of lesson states. */
export const LESSON_STATE_LABELS: Readonly<Record<LessonState, string>> = {
  'not-started': 'Chưa học',
  started: 'Đang học',
  completed: 'Đã hoàn thành',
};
