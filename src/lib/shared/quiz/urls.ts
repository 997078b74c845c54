/** What a quiz belongs to and the course that holds it, as far as URLs need it. */
export interface QuizPlace {
  targetKind: 'lesson' | 'course';
  targetId: string;
  courseId: string;
}

/** The quiz page: `/khoa-hoc/<course>/<lesson>/kiem-tra/` or `/khoa-hoc/<course>/kiem-tra-cuoi-khoa/`. */
export function quizPageUrl(place: QuizPlace): string {
  return place.targetKind === 'lesson'
    ? `/khoa-hoc/${place.courseId}/${place.targetId}/kiem-tra/`
    : `/khoa-hoc/${place.courseId}/kiem-tra-cuoi-khoa/`;
}

/** The learner's review of one submitted attempt. */
export function attemptReviewUrl(attemptId: string): string {
  return `/tai-khoan/lich-su-kiem-tra/${attemptId}/`;
}

/** The learner's list of attempts. */
export const ATTEMPT_HISTORY_URL = '/tai-khoan/lich-su-kiem-tra/';

/** Question statistics of one quiz, for organisers and admins. */
export function quizStatisticsUrl(quizId: string): string {
  return `/quan-tri/thong-ke-cau-hoi/${quizId}/`;
}

/** JSON endpoints used by the quiz island. */
export const QUIZ_API = {
  start: '/api/quiz/start',
  save: '/api/quiz/save',
  submit: '/api/quiz/submit',
} as const;
