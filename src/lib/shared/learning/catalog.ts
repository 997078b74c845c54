/**
 * What the progress code needs to know about the content: courses, their lessons in study
 * order with the `required` flag, and which quizzes exist. Built on the server from the content
 * files (src/lib/server/learning/catalog.ts); pure data so that pages and tests can build one.
 */

/** A lesson as progress sees it. */
export interface CatalogLesson {
  id: string;
  title: string;
  /** Needed for course completion (lesson frontmatter `required`, default true). */
  required: boolean;
}

/** A course as progress sees it. */
export interface CatalogCourse {
  id: string;
  title: string;
  /** Estimated study time in hours (printed on the certificate). */
  estimatedHours: number;
  /** Lessons in the course's order. */
  lessons: CatalogLesson[];
  /** Id of the course's final quiz, when it has one: passing it is part of completion. */
  finalQuizId: string | null;
  /** Hidden from lists while being written. */
  draft: boolean;
}

/** Courses by id, and each lesson's course. */
export interface CourseCatalog {
  courses: ReadonlyMap<string, CatalogCourse>;
  /** Lesson id → course id. */
  lessonCourse: ReadonlyMap<string, string>;
  /** Lesson id → id of its end-of-lesson quiz. */
  lessonQuizzes: ReadonlyMap<string, string>;
}

/**
 * Builds a catalog from plain course data (lessons in order) and quiz targets.
 * @param courses courses with their lessons in order
 * @param quizzes quiz ids with what they belong to
 */
export function buildCatalog(
  courses: readonly CatalogCourse[],
  quizzes: readonly { id: string; kind: 'lesson' | 'course'; targetId: string }[] = [],
): CourseCatalog {
  const finalQuiz = new Map(quizzes.filter((q) => q.kind === 'course').map((q) => [q.targetId, q.id]));
  const byId = new Map<string, CatalogCourse>();
  const lessonCourse = new Map<string, string>();
  for (const course of courses) {
    byId.set(course.id, { ...course, finalQuizId: course.finalQuizId ?? finalQuiz.get(course.id) ?? null });
    for (const lesson of course.lessons) lessonCourse.set(lesson.id, course.id);
  }
  const lessonQuizzes = new Map(
    quizzes.filter((q) => q.kind === 'lesson' && lessonCourse.has(q.targetId)).map((q) => [q.targetId, q.id]),
  );
  return { courses: byId, lessonCourse, lessonQuizzes };
}

/** URL of a course page. */
export const courseHref = (courseId: string): string => `/khoa-hoc/${courseId}/`;
/** URL of a lesson page. */
export const lessonHref = (courseId: string, lessonId: string): string => `/khoa-hoc/${courseId}/${lessonId}/`;
