import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Database } from '../db';
import type { SessionUser } from '../session';
import { originalFileName, pageFileName } from './attachment-files';
import { uploadsDir } from './data-dir';
import { capabilities, isReviewerOf } from './permissions';
import { getAttachment } from './records';

/**
 * Answers an attachment file: the page copy (images) or the document, or the original
 * image. Attachments of a published record are public; others only for the author, the
 * record's reviewers and admins (everyone else gets 404, which reveals nothing). Files are
 * sent with their detected type, `nosniff` and a sandboxing Content-Security-Policy.
 * @param database the app database
 * @param user the signed-in person, if any
 * @param id attachment id
 * @param variant "page" (what pages show) or "original"
 */
export async function serveAttachment(
  database: Database,
  user: SessionUser | null,
  id: string,
  variant: 'page' | 'original',
): Promise<Response> {
  const notFound = new Response(null, { status: 404 });
  if (!/^a[a-z0-9]{8,40}$/.test(id)) return notFound;
  const found = await getAttachment(database, id);
  if (!found) return notFound;
  const { attachment, record } = found;
  const published = record.status === 'published';
  if (!published) {
    if (!user) return notFound;
    const can = capabilities(user, record, await isReviewerOf(database, user, record.unitId));
    if (!can.view) return notFound;
  }
  const usePage = variant === 'page' && attachment.kind === 'image';
  const name = usePage ? pageFileName(attachment.hash) : originalFileName(attachment.hash, attachment.ext);
  const path = join(uploadsDir(), name);
  const info = await stat(path).catch(() => null);
  if (!info) return notFound;
  const type = usePage ? 'image/webp' : attachment.mime;
  const download = attachment.originalName.replace(/["\\\r\n]/g, '_');
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      'content-type': type,
      'content-length': String(info.size),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(download)}`,
      'cache-control': published ? 'public, max-age=300' : 'private, no-store',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
}
