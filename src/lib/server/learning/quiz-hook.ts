import { courseQuizPasses } from '../../../../db/schema/index';
import type { CourseCatalog } from '../../shared/learning/catalog';
import type { Tx } from '../db';
import { loadCatalog } from './catalog';
import { recomputeCourseCompletion, type CompletionOutcome } from './completion';
import { completeLesson } from './progress';

/** A passed quiz, as the quiz module reports it to learning progress. */
export interface QuizPassedEvent {
  userId: string;
  /** What the quiz belongs to: a lesson (end-of-lesson quiz) or a course (final quiz). */
  target: { kind: 'lesson' | 'course'; id: string };
  passedAt: Date;
}

/**
 * Called by submitAttempt() inside the submit's write transaction when an attempt passes, so
 * that progress and the grade are committed together. Use only `tx` here.
 *
 * A passed lesson quiz completes the lesson (keeping an earlier completion date); a passed
 * final quiz is recorded once in course_quiz_passes. Either way the course completion rule is
 * applied again, which may record the completion and issue the certificate.
 * @param options catalog for tests (default: the content files)
 * @returns the course's completion outcome, or null when the target is not in the catalog
 */
export async function onQuizPassed(
  tx: Tx,
  event: QuizPassedEvent,
  options: { catalog?: CourseCatalog } = {},
): Promise<CompletionOutcome | null> {
  const catalog = options.catalog ?? (await loadCatalog());
  const { userId, target, passedAt } = event;
  if (target.kind === 'lesson') {
    const courseId = catalog.lessonCourse.get(target.id);
    if (!courseId) return null;
    await completeLesson(tx, userId, target.id, courseId, passedAt, 'quiz');
    return recomputeCourseCompletion(tx, userId, courseId, catalog, { now: passedAt });
  }
  if (!catalog.courses.has(target.id)) return null;
  await tx.insert(courseQuizPasses).values({ userId, courseId: target.id, passedAt }).onConflictDoNothing();
  return recomputeCourseCompletion(tx, userId, target.id, catalog, { now: passedAt });
}
