import type { APIRoute } from 'astro';
import { SubmitAttemptRequestSchema } from '../../../lib/schemas/quiz-request';
import { requireUser } from '../../../lib/server/authz';
import { getDatabase } from '../../../lib/server/db';
import { jsonResponse, readJsonBody, submitRefusal } from '../../../lib/server/quiz-api';
import { submitAttempt } from '../../../lib/server/quizzes';
import { jsonRefusal } from '../../../lib/server/refusal';
import { attemptReviewUrl } from '../../../lib/shared/quiz/urls';

export const prerender = false;

/**
 * Grades the signed-in learner's open attempt with its saved answers: `{ feedback, reviewUrl }`
 * where feedback follows the review rules. A finished attempt is refused and keeps its score.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const guard = requireUser(locals);
  if (!guard.ok) return jsonRefusal(401, 'unauthenticated');
  const body = await readJsonBody(request, SubmitAttemptRequestSchema);
  if (!body.ok) return body.response;

  const result = await submitAttempt(await getDatabase(), { userId: guard.user.id, attemptId: body.data.attemptId });
  if (!result.ok) return submitRefusal(result);
  return jsonResponse(200, { feedback: result.feedback, reviewUrl: attemptReviewUrl(result.attemptId) });
};
