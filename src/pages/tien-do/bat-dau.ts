import type { APIRoute } from 'astro';
import { LessonActionSchema } from '../../lib/schemas/learning';
import { getDatabase } from '../../lib/server/db';
import { formValues, readForm } from '../../lib/server/forms';
import { recordLessonVisit } from '../../lib/server/learning/progress';

export const prerender = false;

const noContent = () => new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });

/**
 * The visit beacon of lesson pages (src/scripts/lesson-visit.ts): marks the lesson started and
 * moves "last visited". A POST with an Origin check (middleware), never a GET side effect.
 * Anonymous readers get 204 and nothing is stored.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await readForm(request);
  const parsed = form ? LessonActionSchema.safeParse(formValues(form)) : null;
  if (!parsed?.success) return new Response('Yêu cầu không hợp lệ.', { status: 400 });
  if (!locals.user) return noContent();
  const result = await recordLessonVisit(await getDatabase(), locals.user.id, parsed.data.lesson);
  return result.ok ? noContent() : new Response('Không tìm thấy bài học này.', { status: 404 });
};
