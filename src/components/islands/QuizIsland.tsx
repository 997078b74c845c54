/**
 * Wires the QuizRunner to the quiz endpoints (/api/quiz/save and /api/quiz/submit). Every answer
 * is also kept in sessionStorage until the server confirms it, so a reload or a lost connection
 * loses nothing already answered: after a reload the unconfirmed answers are shown again and
 * re-sent. Imports only shared code: it never sees an answer key before grading.
 */
import { Show, createSignal, onMount } from 'solid-js';
import type { Answer, AnswerMap, QuestionAnswer } from '../../lib/schemas/quiz-answer';
import { QUIZ_MESSAGES } from '../../lib/shared/quiz/messages';
import type { GradedFeedback, PublicQuestion, SaveResult, SubmitResult } from '../../lib/shared/quiz/types';
import QuizRunner from './QuizRunner';

export interface QuizIslandProps {
  attemptId: string;
  questions: PublicQuestion[];
  /** Answers the server has saved for this attempt. */
  initialAnswers: AnswerMap;
  saveUrl: string;
  submitUrl: string;
  /** The quiz page, linked after the result. */
  quizUrl: string;
}

interface ApiReply {
  status: number;
  data: { error?: { message?: string }; feedback?: GradedFeedback; reviewUrl?: string } | null;
}

export default function QuizIsland(props: QuizIslandProps) {
  const storageKey = `tap-huan-so:quiz:${props.attemptId}`;
  const [reviewUrl, setReviewUrl] = createSignal<string | null>(null);

  // Storage can be unavailable (private mode, quota): saving still works, only reload safety is lost.
  function readPending(): AnswerMap {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) ?? '{}') as AnswerMap;
    } catch {
      return {};
    }
  }
  function writePending(pending: AnswerMap): void {
    try {
      if (Object.keys(pending).length === 0) sessionStorage.removeItem(storageKey);
      else sessionStorage.setItem(storageKey, JSON.stringify(pending));
    } catch {
      // See readPending.
    }
  }
  // Forget an answer once confirmed, unless a newer one for the same question is waiting.
  function forget(questionId: string, answer: Answer): void {
    const pending = readPending();
    if (JSON.stringify(pending[questionId]) === JSON.stringify(answer)) {
      delete pending[questionId];
      writePending(pending);
    }
  }

  async function post(url: string, body: unknown): Promise<ApiReply> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
    let data: ApiReply['data'] = null;
    try {
      data = (await response.json()) as ApiReply['data'];
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    return { status: response.status, data };
  }

  // Kept at once, before the runner's delayed save of typed text: a reload must not lose it.
  function keep(input: QuestionAnswer): void {
    writePending({ ...readPending(), [input.questionId]: input.answer });
  }

  async function save(input: QuestionAnswer): Promise<SaveResult> {
    keep(input);
    let reply: ApiReply;
    try {
      reply = await post(props.saveUrl, { attemptId: props.attemptId, ...input });
    } catch {
      return { ok: false, message: QUIZ_MESSAGES.saveFailed, retry: true };
    }
    if (reply.status === 200) {
      forget(input.questionId, input.answer);
      return { ok: true };
    }
    const message = reply.data?.error?.message ?? QUIZ_MESSAGES.saveFailed;
    if (reply.status >= 500) return { ok: false, message: QUIZ_MESSAGES.saveFailed, retry: true };
    // A signed-out learner keeps the answer for after logging in again; a refused answer is dropped.
    if (reply.status !== 401) forget(input.questionId, input.answer);
    return { ok: false, message, retry: false };
  }

  async function resendPending(): Promise<boolean> {
    for (const [questionId, answer] of Object.entries(readPending())) {
      await save({ questionId, answer });
    }
    return Object.keys(readPending()).length === 0;
  }

  async function submit(): Promise<SubmitResult> {
    if (!(await resendPending())) return { ok: false, message: QUIZ_MESSAGES.saveFailed };
    let reply: ApiReply;
    try {
      reply = await post(props.submitUrl, { attemptId: props.attemptId });
    } catch {
      return { ok: false, message: QUIZ_MESSAGES.submitFailed };
    }
    if (reply.status === 200 && reply.data?.feedback) {
      writePending({});
      setReviewUrl(reply.data.reviewUrl ?? null);
      return { ok: true, feedback: reply.data.feedback };
    }
    return { ok: false, message: reply.data?.error?.message ?? QUIZ_MESSAGES.submitFailed };
  }

  // Answers not confirmed before the last reload: shown at once, sent again in the background.
  const restored = readPending();
  onMount(() => void resendPending());

  return (
    <>
      <QuizRunner
        questions={props.questions}
        initialAnswers={{ ...props.initialAnswers, ...restored }}
        save={save}
        onAnswer={keep}
        submit={submit}
        idPrefix="quiz-island"
      />
      <Show when={reviewUrl()}>
        {(url) => (
          <p class="quiz-after">
            <a href={url()}>Xem lại bài làm</a> · <a href={props.quizUrl}>Về trang bài kiểm tra</a>
          </p>
        )}
      </Show>
    </>
  );
}
