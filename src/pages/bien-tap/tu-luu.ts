import type { APIRoute } from 'astro';
import { AutosaveRequestSchema } from '../../lib/schemas/publishing';
import { requireRole } from '../../lib/server/authz';
import { getDatabase } from '../../lib/server/db';
import { canWriteRecords } from '../../lib/server/publishing/permissions';
import { loadRecordFor, saveAutosave } from '../../lib/server/publishing/records';
import { readJsonWithLimit } from '../../lib/server/publishing/request-body';
import { jsonError, jsonResponse } from '../../lib/server/json-response';
import { jsonRefusal } from '../../lib/server/refusal';

export const prerender = false;

/**
 * Autosave of an editor (every few seconds from the island): keeps what the person has
 * typed but not saved, offered back when the editor reopens. Only for an editor the person
 * may use: a new record, or a record they may edit now.
 */
export const POST: APIRoute = async ({ locals, request }) => {
  const guard = requireRole(locals, 'organiser', 'leader', 'admin');
  if (!guard.ok) return jsonRefusal(guard.status, guard.status === 401 ? 'unauthenticated' : 'forbidden');
  const parsed = AutosaveRequestSchema.safeParse(await readJsonWithLimit(request, 800_000));
  if (!parsed.success) return jsonError(400, 'invalid', 'Dữ liệu tự lưu không hợp lệ.');
  const { key, pairs } = parsed.data;
  const database = await getDatabase();
  if (key.startsWith('new:')) {
    if (!canWriteRecords(guard.user)) return jsonRefusal(403, 'forbidden');
  } else {
    const loaded = await loadRecordFor(database, guard.user, key);
    if (!loaded) return jsonError(404, 'not-found', 'Không tìm thấy bản ghi.');
    if (!loaded.can.edit) return jsonRefusal(403, 'forbidden');
  }
  const now = new Date();
  await saveAutosave(database, guard.user.id, key, pairs, now);
  return jsonResponse(200, { ok: true, savedAt: now.getTime() });
};
