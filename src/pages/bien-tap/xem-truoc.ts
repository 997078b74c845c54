import type { APIRoute } from 'astro';
import { PreviewRequestSchema } from '../../lib/schemas/publishing';
import { requireRole } from '../../lib/server/authz';
import { renderMarkdown } from '../../lib/server/publishing/markdown';
import { readJsonWithLimit } from '../../lib/server/publishing/request-body';
import { jsonError, jsonResponse } from '../../lib/server/json-response';
import { jsonRefusal } from '../../lib/server/refusal';

export const prerender = false;

/**
 * Live preview of a record's Markdown body for the editor island: answers the HTML the
 * public page would show, rendered and sanitised on the server (the browser never renders
 * unsanitised Markdown). Middleware has checked the Origin and the role.
 */
export const POST: APIRoute = async ({ locals, request }) => {
  const guard = requireRole(locals, 'organiser', 'leader', 'admin');
  if (!guard.ok) return jsonRefusal(guard.status, guard.status === 401 ? 'unauthenticated' : 'forbidden');
  const parsed = PreviewRequestSchema.safeParse(await readJsonWithLimit(request, 400_000));
  if (!parsed.success) return jsonError(400, 'invalid', 'Nội dung xem trước không hợp lệ hoặc quá dài.');
  return jsonResponse(200, { html: renderMarkdown(parsed.data.body) });
};
