import { jsonError } from './json-response';

/** Why a request is refused, with the Vietnamese message shown to the person. */
export type RefusalReason = 'unauthenticated' | 'forbidden' | 'csrf' | 'must-change-password';

/** Vietnamese messages for refusals. */
export const REFUSAL_MESSAGES: Readonly<Record<RefusalReason, string>> = {
  unauthenticated: 'Bạn cần đăng nhập để xem trang này.',
  forbidden: 'Tài khoản của bạn không có quyền truy cập trang này.',
  csrf: 'Yêu cầu bị từ chối vì không xuất phát từ trang của Tập huấn số. Vui lòng tải lại trang rồi thử lại.',
  'must-change-password': 'Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.',
};

/** True when the client asked for JSON rather than a page (fetch from a script, API clients). */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const type = request.headers.get('content-type') ?? '';
  if (accept.includes('text/html')) return false;
  return accept.includes('application/json') || type.includes('application/json');
}

/** A JSON refusal: `{ "error": { "code": ..., "message": ... } }`. */
export function jsonRefusal(status: 401 | 403, reason: RefusalReason): Response {
  return jsonError(status, reason, REFUSAL_MESSAGES[reason]);
}

/** A text field of a refused form, shown back so that what was typed is not lost. */
export interface UnsavedField {
  /** The field's name in the form. */
  name: string;
  /** What to call it: the form's Vietnamese label for the editors' main fields, else the name. */
  label: string;
  value: string;
}

/** Vietnamese labels of the fields people write most in (the record editors). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Tiêu đề',
  summary: 'Tóm tắt',
  body: 'Nội dung',
  reviewComment: 'Ý kiến duyệt',
  uploadAlt: 'Mô tả ảnh',
};

/** Technical fields (ids, versions, buttons) and secrets, never shown back. */
const NOT_SHOWN = /^(_|intent$|version$|attemptId$|csrf|.*password)/i;
/** Most text shown back (characters): an editor's body is far below it. */
const UNSAVED_LIMIT = 200_000;

/**
 * The text a refused form post carried (a session that expired while someone wrote a
 * seminar record without JavaScript): every non-empty text field, minus technical fields and
 * passwords, up to {@link UNSAVED_LIMIT} characters. Reads a clone, so the request is untouched;
 * anything that is not a readable form gives nothing.
 */
export async function unsavedText(request: Request): Promise<UnsavedField[]> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return [];
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return [];
  }
  const fields: UnsavedField[] = [];
  let total = 0;
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || NOT_SHOWN.test(name) || value.trim() === '') continue;
    if (total + value.length > UNSAVED_LIMIT) break;
    total += value.length;
    fields.push({ name, label: FIELD_LABELS[name] ?? name, value });
  }
  return fields;
}
