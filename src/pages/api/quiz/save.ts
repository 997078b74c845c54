import type { APIRoute } from 'astro';
import { SaveAnswerRequestSchema } from '../../../lib/schemas/quiz-request';
import { requireUser } from '../../../lib/server/authz';
import { getDatabase } from '../../../lib/server/db';
import { jsonResponse, readJsonBody, saveRefusal } from '../../../lib/server/quiz-api';
import { saveAnswer } from '../../../lib/server/quizzes';
import { jsonRefusal } from '../../../lib/server/refusal';

export const prerender = false;

/**
 * Saves one answer of the signed-in learner's open attempt: `{ saved: true }`, or a refusal
 * with a Vietnamese message (another person's attempt is "not found").
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const guard = requireUser(locals);
  if (!guard.ok) return jsonRefusal(401, 'unauthenticated');
  const body = await readJsonBody(request, SaveAnswerRequestSchema);
  if (!body.ok) return body.response;

  const result = await saveAnswer(await getDatabase(), { userId: guard.user.id, ...body.data });
  if (!result.ok) return saveRefusal(result);
  return jsonResponse(200, { saved: true });
};
