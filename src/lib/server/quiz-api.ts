import { z } from 'astro/zod';
import { quizMessage } from '../shared/quiz/messages';
import { policyRefusalMessage } from '../shared/quiz/policy';
import { jsonError } from './json-response';
import type { SaveAnswerResult, StartAttemptResult, SubmitAttemptResult } from './quizzes';

/** Largest JSON body the quiz endpoints read: one answer is well under 2 KB. */
const MAX_BODY_BYTES = 16 * 1024;

export { jsonError, jsonResponse } from './json-response';

const vietnameseErrors = z.locales.vi().localeError;

/**
 * Reads a JSON body and validates it with `schema`. Refuses (with a Vietnamese message) a body
 * that is not JSON, too large, malformed, or does not fit; a bad `answer` says so specifically.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const fail = (status: number, code: string, message: string, extra?: Record<string, unknown>) => ({
    ok: false as const,
    response: jsonError(status, code, message, extra),
  });
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
    return fail(415, 'not-json', quizMessage('notJson'));
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return fail(413, 'too-large', quizMessage('tooLarge'));
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return fail(413, 'too-large', quizMessage('tooLarge'));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(400, 'invalid-request', quizMessage('invalidRequest', { detail: 'không đọc được JSON' }));
  }
  const parsed = schema.safeParse(raw, { error: vietnameseErrors });
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const detail = `${field ? `${field}: ` : ''}${issue?.message ?? ''}`;
  if (field === 'answer' || field.startsWith('answer.')) {
    return fail(422, 'invalid-answer', quizMessage('invalidAnswer', { detail }), { field });
  }
  return fail(400, 'invalid-request', quizMessage('invalidRequest', { detail }), { field });
}

/** The response for a refused start. */
export function startRefusal(result: Exclude<StartAttemptResult, { ok: true }>): Response {
  switch (result.reason) {
    case 'not-found':
      return jsonError(404, 'not-found', quizMessage('quizNotFound'));
    case 'no-attempts-left':
      return jsonError(409, 'no-attempts-left', policyRefusalMessage(result));
    case 'wait':
      return jsonError(409, 'wait', policyRefusalMessage(result), { retryAt: result.retryAt.toISOString() });
  }
}

/** The response for a refused save. */
export function saveRefusal(result: Exclude<SaveAnswerResult, { ok: true }>): Response {
  switch (result.reason) {
    case 'not-found':
      return jsonError(404, 'not-found', quizMessage('attemptNotFound'));
    case 'already-submitted':
      return jsonError(409, 'already-submitted', quizMessage('alreadySubmitted'));
    case 'unknown-question':
      return jsonError(422, 'unknown-question', quizMessage('unknownQuestion'));
    case 'invalid-answer':
      return jsonError(422, 'invalid-answer', result.message);
  }
}

/** The response for a refused submit. */
export function submitRefusal(result: Exclude<SubmitAttemptResult, { ok: true }>): Response {
  switch (result.reason) {
    case 'not-found':
      return jsonError(404, 'not-found', quizMessage('attemptNotFound'));
    case 'already-submitted':
      return jsonError(409, 'already-submitted', quizMessage('alreadySubmitted'));
    case 'invalid-answer':
      return jsonError(422, 'invalid-answer', result.message, { questionId: result.questionId });
  }
}
