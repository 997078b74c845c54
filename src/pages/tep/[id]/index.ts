import type { APIRoute } from 'astro';
import { getDatabase } from '../../../lib/server/db';
import { serveAttachment } from '../../../lib/server/publishing/serve-attachment';

export const prerender = false;

/** An attachment as pages show it (the resized image, or the PDF). */
export const GET: APIRoute = async ({ params, locals }) =>
  serveAttachment(await getDatabase(), locals.user, params.id ?? '', 'page');
