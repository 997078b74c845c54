import type { APIRoute } from 'astro';
import { StartAttemptRequestSchema } from '../../../lib/schemas/quiz-request';
import { requireUser } from '../../../lib/server/authz';
import { getDatabase } from '../../../lib/server/db';
import { jsonResponse, readJsonBody, startRefusal } from '../../../lib/server/quiz-api';
import { getAttemptView, startAttempt } from '../../../lib/server/quizzes';
import { jsonRefusal } from '../../../lib/server/refusal';

export const prerender = false;

/**
 * Starts (or resumes) the signed-in learner's attempt at a quiz and answers with its public
 * questions and saved answers: `{ attemptId, resumed, questions, answers }`. Origin is checked
 * by middleware; the attempt policy by startAttempt().
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const guard = requireUser(locals);
  if (!guard.ok) return jsonRefusal(401, 'unauthenticated');
  const body = await readJsonBody(request, StartAttemptRequestSchema);
  if (!body.ok) return body.response;

  const database = await getDatabase();
  const started = await startAttempt(database, { userId: guard.user.id, quizId: body.data.quizId });
  if (!started.ok) return startRefusal(started);
  const view = await getAttemptView(database, { userId: guard.user.id, attemptId: started.attemptId });
  if (!view.ok || view.view.state !== 'open') throw new Error(`Attempt ${started.attemptId} vanished after start`);
  return jsonResponse(started.resumed ? 200 : 201, {
    attemptId: started.attemptId,
    resumed: started.resumed,
    questions: view.view.questions,
    answers: view.view.answers,
  });
};
