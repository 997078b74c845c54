import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { LessonActionSchema } from '../../lib/schemas/learning';
import { requireUser } from '../../lib/server/authz';
import { getDatabase } from '../../lib/server/db';
import { formValues, readForm } from '../../lib/server/forms';
import { loadCatalog } from '../../lib/server/learning/catalog';
import { markLessonDone } from '../../lib/server/learning/progress';
import { lessonHref } from '../../lib/shared/learning/catalog';

export const prerender = false;

/** Where to land on the lesson page: the panel (JavaScript) or the no-JS confirmation. */
const MarkDoneFormSchema = LessonActionSchema.extend({
  ve: z.enum(['tien-do', 'da-luu-tien-do']).catch('tien-do'),
});

const text = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * "Đánh dấu đã học xong": a plain form post (works without JavaScript), idempotent, then back to
 * the lesson (post/redirect/get). Anonymous people are sent to the login page and nothing is
 * stored. Origin was checked by middleware.
 */
export const POST: APIRoute = async ({ request, locals, redirect }) => {
  const form = await readForm(request);
  const parsed = form ? MarkDoneFormSchema.safeParse(formValues(form)) : null;
  if (!parsed?.success) return text(400, 'Yêu cầu không hợp lệ: thiếu bài học.');
  const catalog = await loadCatalog();
  const courseId = catalog.lessonCourse.get(parsed.data.lesson);
  if (!courseId) return text(404, 'Không tìm thấy bài học này.');
  const back = lessonHref(courseId, parsed.data.lesson);
  const guard = requireUser(locals);
  if (!guard.ok) return redirect(`/dang-nhap/?next=${encodeURIComponent(back)}`, 303);
  const result = await markLessonDone(await getDatabase(), guard.user.id, parsed.data.lesson, { catalog });
  if (!result.ok) return text(404, 'Không tìm thấy bài học này.');
  return redirect(`${back}#${parsed.data.ve}`, 303);
};

/** Marking a lesson changes state, so GET only explains how. */
export const GET: APIRoute = () =>
  new Response('Vui lòng dùng nút "Đánh dấu đã học xong" trên trang bài học.', {
    status: 405,
    headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' },
  });
