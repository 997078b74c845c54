import type { APIRoute } from 'astro';
import { getDatabase } from '../../../lib/server/db';
import { serveAttachment } from '../../../lib/server/publishing/serve-attachment';

export const prerender = false;

/** The original file of an attachment, as uploaded. */
export const GET: APIRoute = async ({ params, locals }) =>
  serveAttachment(await getDatabase(), locals.user, params.id ?? '', 'original');
