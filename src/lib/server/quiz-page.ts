import type { AnswerMap } from '../schemas/quiz-answer';
import { QuizPagePostSchema } from '../schemas/quiz-request';
import { answersFromForm, type FormAnswerError } from '../shared/quiz/form-answers';
import { quizMessage } from '../shared/quiz/messages';
import { policyRefusalMessage } from '../shared/quiz/policy';
import type { PublicQuestion } from '../shared/quiz/types';
import { attemptReviewUrl } from '../shared/quiz/urls';
import type { Database } from './db';
import { formValues, readForm } from './forms';
import {
  getAttemptView,
  quizOverview,
  saveAllAnswers,
  startAttempt,
  submitAttempt,
  type AttemptSummary,
  type QuizOverview,
  type QuizSummary,
} from './quizzes';
import type { SessionUser } from './session';

/** Query parameter of the page the plain form returns to after saving its answers. */
const SAVED_PARAM = 'da-luu';

/** What a quiz page renders (or where it sends the browser). */
export type QuizPageState =
  | { kind: 'redirect'; location: string }
  | { kind: 'anonymous'; status: number; quiz: QuizSummary; loginHref: string }
  | { kind: 'intro'; status: number; overview: QuizOverview; notice?: string }
  | {
      kind: 'attempt';
      status: number;
      quiz: QuizSummary;
      attempt: AttemptSummary;
      questions: PublicQuestion[];
      answers: AnswerMap;
      errors: FormAnswerError[];
      /** Shown above the plain form, e.g. after its answers were saved. */
      notice?: string;
    };

/**
 * The quiz page's logic for GET and for its plain-form POSTs (which work without JavaScript):
 * `intent=start` starts or resumes an attempt and redirects back (post/redirect/get);
 * `intent=save` saves every posted answer and redirects back to the form (`?da-luu`), so the
 * learner can continue later; `intent=submit` saves every posted answer and submits in one go,
 * then redirects to the
 * server-rendered result, or shows the form again with a Vietnamese message per bad answer.
 * Origin was checked by middleware.
 */
export async function quizPageState(input: {
  database: Database;
  request: Request;
  url: URL;
  user: SessionUser | null;
  quiz: QuizSummary;
}): Promise<QuizPageState> {
  const { database, request, url, user, quiz } = input;
  const here = url.pathname;
  if (!user) {
    return {
      kind: 'anonymous',
      status: request.method === 'POST' ? 401 : 200,
      quiz,
      loginHref: `/dang-nhap/?next=${encodeURIComponent(here)}`,
    };
  }
  const show = async (status = 200, notice?: string): Promise<QuizPageState> => {
    const overview = await quizOverview(database, { userId: user.id, quizId: quiz.id });
    if (!overview) throw new Error(`Quiz ${quiz.id} vanished`);
    if (!overview.open) return { kind: 'intro', status, overview, notice };
    const view = await getAttemptView(database, { userId: user.id, attemptId: overview.open.id });
    if (!view.ok || view.view.state !== 'open') return { kind: 'intro', status, overview, notice };
    const { attempt, questions, answers } = view.view;
    return { kind: 'attempt', status, quiz, attempt, questions, answers, errors: [], notice };
  };
  if (request.method !== 'POST')
    return show(200, url.searchParams.has(SAVED_PARAM) ? quizMessage('answersSaved') : undefined);

  const form = await readForm(request);
  const post = form ? QuizPagePostSchema.safeParse(formValues(form)) : null;
  if (!form || !post?.success) {
    return show(400, quizMessage('invalidRequest', { detail: 'biểu mẫu không đúng' }));
  }

  if (post.data.intent === 'start') {
    const started = await startAttempt(database, { userId: user.id, quizId: quiz.id });
    if (started.ok) return { kind: 'redirect', location: here };
    return show(
      started.reason === 'not-found' ? 404 : 409,
      started.reason === 'not-found' ? quizMessage('quizNotFound') : policyRefusalMessage(started),
    );
  }

  const attemptId = post.data.attemptId;
  const view = await getAttemptView(database, { userId: user.id, attemptId });
  if (!view.ok || view.view.quiz.id !== quiz.id) return show(404, quizMessage('attemptNotFound'));
  // Submitted already (a second click, the back button): show the result, score unchanged.
  if (view.view.state === 'submitted') return { kind: 'redirect', location: attemptReviewUrl(attemptId) };

  const { questions, attempt } = view.view;
  const parsed = answersFromForm(form, questions);
  if (parsed.errors.length > 0) {
    return { kind: 'attempt', status: 422, quiz, attempt, questions, answers: parsed.answers, errors: parsed.errors };
  }
  if (post.data.intent === 'save') {
    const saved = await saveAllAnswers(database, { userId: user.id, attemptId, answers: parsed.answers });
    if (saved.ok) return { kind: 'redirect', location: `${here}?${SAVED_PARAM}` };
    if (saved.reason === 'already-submitted') return { kind: 'redirect', location: attemptReviewUrl(attemptId) };
    if (saved.reason === 'invalid-answer') {
      const errors = [{ questionId: saved.questionId, message: saved.message }];
      return { kind: 'attempt', status: 422, quiz, attempt, questions, answers: parsed.answers, errors };
    }
    return show(404, quizMessage('attemptNotFound'));
  }
  const submitted = await submitAttempt(database, { userId: user.id, attemptId, answers: parsed.answers });
  if (submitted.ok || submitted.reason === 'already-submitted') {
    return { kind: 'redirect', location: attemptReviewUrl(attemptId) };
  }
  if (submitted.reason === 'invalid-answer') {
    const errors = [{ questionId: submitted.questionId, message: submitted.message }];
    return { kind: 'attempt', status: 422, quiz, attempt, questions, answers: parsed.answers, errors };
  }
  return show(404, quizMessage('attemptNotFound'));
}
