import type { APIRoute } from 'astro';
import { PreviewRequestSchema } from '../../lib/schemas/publishing';
import { requireRole } from '../../lib/server/authz';
import { renderMarkdown } from '../../lib/server/publishing/markdown';
import { readJsonWithLimit } from '../../lib/server/publishing/request-body';
import { jsonRefusal } from '../../lib/server/refusal';

export const prerender = false;

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * Live preview of a record's Markdown body for the editor island: answers the HTML the
 * public page would show, rendered and sanitised on the server (the browser never renders
 * unsanitised Markdown). Middleware has checked the Origin and the role.
 */
export const POST: APIRoute = async ({ locals, request }) => {
  const guard = requireRole(locals, 'organiser', 'leader', 'admin');
  if (!guard.ok) return jsonRefusal(guard.status, guard.status === 401 ? 'unauthenticated' : 'forbidden');
  const parsed = PreviewRequestSchema.safeParse(await readJsonWithLimit(request, 400_000));
  if (!parsed.success)
    return json(400, { error: { code: 'invalid', message: 'Nội dung xem trước không hợp lệ hoặc quá dài.' } });
  return json(200, { html: renderMarkdown(parsed.data.body) });
};
