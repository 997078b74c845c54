/**
 * The editor pages' request handling (/bien-tap/toa-dam/moi/, /bien-tap/cach-lam-hay/moi/,
 * /bien-tap/ban-ghi/<id>/): reads what was posted, calls the workflow, and answers with a
 * redirect (after a change, so a reload never posts twice) or a view to render. Whatever
 * was typed is shown again on every refusal.
 */
import { EditorIntentSchema, FormPairsSchema, VersionSchema } from '../../schemas/publishing';
import type { Database } from '../db';
import type { SessionUser } from '../session';
import { inspectUpload, storeUpload, removeStoredFiles, UPLOAD_REQUEST_LIMIT } from './attachment-files';
import { uploadsDir } from './data-dir';
import {
  bodyFromPairs,
  candidateFromPairs,
  candidateRowCount,
  pairsFromFormData,
  ROW_GROUPS,
  validateRecord,
  type Candidate,
  type FieldErrors,
  type FormPairs,
  type RecordKind,
} from './editor-form';
import { renderMarkdown } from './markdown';
import { capabilities, canWriteRecords, type Capabilities } from './permissions';
import {
  addAttachment,
  deleteAutosave,
  editRecord,
  getAutosave,
  listAttachments,
  listRevisions,
  loadRecordFor,
  removeAttachment,
  reviewRecord,
  type PublishingContext,
  type RevisionEntry,
  type StoredAttachment,
  type StoredRecord,
} from './records';
import { readFormWithLimit } from './request-body';
import { requestSearchIndexRebuild } from './search-index';

/** A message above the form. */
export interface EditorNotice {
  tone: 'success' | 'error' | 'info';
  text: string;
}

/** Everything the editor component needs to render. */
export interface EditorView {
  kind: RecordKind;
  record: StoredRecord | null;
  can: Capabilities;
  candidate: Candidate;
  body: string;
  /** Alt text per attachment id, as typed. */
  alts: Record<string, string>;
  errors: FieldErrors;
  notice: EditorNotice | null;
  /** Rows to render per group (at least what the candidate holds plus blank ones). */
  rows: Record<string, number>;
  attachments: StoredAttachment[];
  revisions: RevisionEntry[];
  /** Server-rendered preview of the body (the no-JS "Xem trước" button). */
  previewHtml: string | null;
  /** An autosave newer than the saved record, offered back. */
  autosaveOffer: { savedAt: Date } | null;
  /** The form shows values that are not saved yet. */
  dirty: boolean;
  /** Autosave key: "new:<kind>" or the record id. */
  draftKey: string;
  /** Time of the saved state the form started from (ms), for the island's local copy. */
  serverStamp: number;
  /** Review comment as typed (return, unpublish). */
  reviewComment: string;
  /** Description typed for a file whose upload was refused. */
  uploadAlt: string;
  /** Where the form posts. */
  action: string;
  /** The browser's copy of the new-record editor to forget (it was just saved as this record). */
  clearLocalKey: string | null;
}

/** What a page does with the outcome. */
export type EditorOutcome =
  | { type: 'redirect'; location: string }
  | { type: 'view'; view: EditorView; status: number }
  | { type: 'not-found' }
  | { type: 'forbidden' };

/** Blank rows shown below the filled ones, and rows added by "Thêm dòng". */
const BLANK_ROWS = 2;
const ADD_ROWS = 3;
const MIN_ROWS = 3;

/** URL of a record's editor. */
export const editorUrl = (id: string): string => `/bien-tap/ban-ghi/${id}/`;
/** URL of the editor of a new record. */
export const newEditorUrl = (kind: RecordKind): string =>
  kind === 'seminar' ? '/bien-tap/toa-dam/moi/' : '/bien-tap/cach-lam-hay/moi/';

/** Messages for the `ket-qua` query parameter set by redirects. */
export const RESULT_MESSAGES: Readonly<Record<string, EditorNotice>> = {
  'da-luu': { tone: 'success', text: 'Đã lưu.' },
  'da-gui': {
    tone: 'success',
    text: 'Đã gửi duyệt. Người duyệt của đơn vị sẽ xem và xuất bản hoặc trả lại kèm góp ý.',
  },
  'chua-gui': {
    tone: 'error',
    text: 'Đã lưu bản nháp nhưng chưa gửi duyệt được: còn chỗ cần sửa (ghi ngay cạnh từng ô bên dưới).',
  },
  'da-xuat-ban': { tone: 'success', text: 'Đã xuất bản. Bản ghi đã có trong danh sách và trong tìm kiếm.' },
  'da-xuat-ban-cho-chi-muc': {
    tone: 'info',
    text: 'Đã xuất bản. Bản ghi đã có trong danh sách; tìm kiếm sẽ cập nhật trong ít phút.',
  },
  'da-sua': { tone: 'success', text: 'Đã lưu chỉnh sửa; bản ghi vẫn được xuất bản.' },
  'da-tra-lai': { tone: 'success', text: 'Đã trả lại bản ghi cho người viết kèm góp ý.' },
  'da-go': { tone: 'success', text: 'Đã gỡ bản ghi khỏi trang công khai và khỏi tìm kiếm.' },
  'da-tai-len': { tone: 'success', text: 'Đã tải tệp lên.' },
  'da-xoa-tep': { tone: 'success', text: 'Đã xóa tệp đính kèm.' },
  'da-bo-ban-tu-luu': { tone: 'info', text: 'Đã bỏ bản tự lưu.' },
};

function rowCounts(
  kind: RecordKind,
  candidate: Candidate,
  posted?: Map<string, string>,
  add?: string,
): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const group of Object.keys(ROW_GROUPS[kind])) {
    const filled = candidateRowCount(candidate, group);
    const shown = Number(posted?.get(`_rows.${group}`) ?? 0);
    let count = Math.max(filled + BLANK_ROWS, MIN_ROWS, Number.isInteger(shown) && shown < 200 ? shown : 0);
    if (add === group) count = Math.max(count, filled) + ADD_ROWS;
    rows[group] = Math.min(count, 80);
  }
  return rows;
}

function defaultCandidate(kind: RecordKind, user: SessionUser): Candidate {
  if (kind === 'seminar') return { datePrecision: 'day', hostUnit: user.unitId };
  return { unit: user.unitId, author: { name: user.fullName, position: user.position, unit: user.unitId } };
}

/** Capabilities of the author of a record that does not exist yet. */
function newRecordCapabilities(user: SessionUser): Capabilities {
  return capabilities(user, { authorId: user.id, status: 'draft' }, false);
}

interface Target {
  kind: RecordKind;
  record: StoredRecord | null;
  can: Capabilities;
}

async function baseView(database: Database, user: SessionUser, target: Target): Promise<EditorView> {
  const { kind, record, can } = target;
  const attachments = record ? await listAttachments(database, record.id) : [];
  const candidate = record ? record.data : defaultCandidate(kind, user);
  const draftKey = record ? record.id : `new:${kind}`;
  const autosave = can.edit ? await getAutosave(database, user.id, draftKey) : null;
  const offer = autosave && (!record || autosave.savedAt > record.updatedAt) ? { savedAt: autosave.savedAt } : null;
  return {
    kind,
    record,
    can,
    candidate,
    body: record?.body ?? '',
    alts: Object.fromEntries(attachments.map((a) => [a.id, a.alt])),
    errors: {},
    notice: null,
    rows: rowCounts(kind, candidate),
    attachments,
    revisions: record ? await listRevisions(database, record.id) : [],
    previewHtml: record?.body ? renderMarkdown(record.body) : null,
    autosaveOffer: offer,
    dirty: false,
    draftKey,
    serverStamp: record?.updatedAt.getTime() ?? 0,
    reviewComment: '',
    uploadAlt: '',
    action: record ? editorUrl(record.id) : newEditorUrl(kind),
    clearLocalKey: null,
  };
}

/** The view with what was posted put back into the form. */
function withPosted(view: EditorView, pairs: FormPairs, add?: string): EditorView {
  const posted = new Map(pairs);
  const candidate = candidateFromPairs(view.kind, pairs);
  const alts = { ...view.alts };
  for (const [name, value] of pairs) {
    const match = /^attachment\.(a[a-z0-9]+)\.alt$/.exec(name);
    if (match?.[1] && match[1] in alts) alts[match[1]] = value;
  }
  const body = bodyFromPairs(pairs);
  return {
    ...view,
    candidate,
    body,
    previewHtml: body ? renderMarkdown(body) : null,
    alts,
    rows: rowCounts(view.kind, candidate, posted, add),
    reviewComment: posted.get('reviewComment') ?? '',
    dirty: true,
  };
}

function altsFromPairs(pairs: FormPairs): Record<string, string> {
  const alts: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const match = /^attachment\.(a[a-z0-9]+)\.alt$/.exec(name);
    if (match?.[1]) alts[match[1]] = value;
  }
  return alts;
}

async function resolveTarget(
  database: Database,
  user: SessionUser,
  params: { kind?: RecordKind; recordId?: string },
): Promise<Target | 'not-found' | 'forbidden'> {
  if (params.recordId) {
    const loaded = await loadRecordFor(database, user, params.recordId);
    if (!loaded) return 'not-found';
    return { kind: loaded.record.kind, record: loaded.record, can: loaded.can };
  }
  if (!params.kind) return 'not-found';
  if (!canWriteRecords(user)) return 'forbidden';
  return { kind: params.kind, record: null, can: newRecordCapabilities(user) };
}

/**
 * Renders the editor (GET) or acts on a posted form (POST).
 * @param database the app database
 * @param user the signed-in person
 * @param request the request
 * @param url the request URL (for `ket-qua`)
 * @param params which editor: a kind for a new record, or a record id
 * @param context references and reserved ids from the content
 */
export async function handleEditor(
  database: Database,
  user: SessionUser,
  request: Request,
  url: URL,
  params: { kind?: RecordKind; recordId?: string },
  context: PublishingContext,
): Promise<EditorOutcome> {
  const target = await resolveTarget(database, user, params);
  if (target === 'not-found') return { type: 'not-found' };
  if (target === 'forbidden') return { type: 'forbidden' };
  const view = await baseView(database, user, target);

  if (request.method !== 'POST') {
    const result = url.searchParams.get('ket-qua');
    const notice = result ? (RESULT_MESSAGES[result] ?? null) : null;
    // After a save of an incomplete draft, show what is left to fix next to each field.
    let errors: FieldErrors = {};
    if (target.record && (result === 'da-luu' || result === 'chua-gui') && target.can.edit) {
      const check = validateRecord(target.kind, target.record.data, target.record.body, context.refs);
      if (!check.ok) errors = check.errors;
    }
    const draftNote =
      result === 'da-luu' && Object.keys(errors).length > 0
        ? { tone: 'info' as const, text: 'Đã lưu bản nháp. Trước khi gửi duyệt, hãy sửa các chỗ được ghi bên dưới.' }
        : notice;
    const clearLocalKey = url.searchParams.has('tao-moi') ? `new:${target.kind}` : null;
    return { type: 'view', view: { ...view, notice: draftNote, errors, clearLocalKey }, status: 200 };
  }

  const read = await readFormWithLimit(request, UPLOAD_REQUEST_LIMIT * 2);
  if (!read.ok) {
    const text =
      read.reason === 'too-large'
        ? 'Nội dung gửi lên quá lớn (thường do tệp đính kèm quá nặng): ảnh tối đa 10 MB, tài liệu PDF tối đa 20 MB. Nội dung đang soạn được tự động lưu; hãy tải lại trang.'
        : 'Biểu mẫu gửi lên không đọc được. Hãy tải lại trang rồi thử lại.';
    return { type: 'view', view: { ...view, notice: { tone: 'error', text } }, status: 413 };
  }
  const form = read.form;
  const pairs = pairsFromFormData(form).filter(([name]) => name !== 'intent' && name !== 'restorePairs');
  const intentParsed = EditorIntentSchema.safeParse(form.get('intent') ?? 'save');
  if (!intentParsed.success)
    return {
      type: 'view',
      view: { ...withPosted(view, pairs), notice: { tone: 'error', text: 'Thao tác không hợp lệ.' } },
      status: 400,
    };
  const intent = intentParsed.data;
  const versionParsed = VersionSchema.safeParse(form.get('version'));
  const version = target.record ? (versionParsed.success ? versionParsed.data : -1) : null;
  const posted = withPosted(view, pairs);

  // Actions that only re-render the form with what was typed.
  if (intent.startsWith('add:')) {
    const group = intent.slice(4);
    return {
      type: 'view',
      view: withPosted(view, pairs, group in ROW_GROUPS[view.kind] ? group : undefined),
      status: 200,
    };
  }
  if (intent === 'preview') return { type: 'view', view: posted, status: 200 };
  if (intent === 'restore-server') {
    const saved = await getAutosave(database, user.id, view.draftKey);
    if (!saved)
      return {
        type: 'view',
        view: { ...view, notice: { tone: 'info', text: 'Không còn bản tự lưu nào.' } },
        status: 200,
      };
    return {
      type: 'view',
      view: {
        ...withPosted(view, saved.pairs),
        autosaveOffer: null,
        notice: { tone: 'info', text: 'Đã đưa nội dung tự lưu trở lại biểu mẫu. Hãy kiểm tra rồi bấm “Lưu bản nháp”.' },
      },
      status: 200,
    };
  }
  if (intent === 'restore-local') {
    let local: unknown;
    try {
      local = JSON.parse(String(form.get('restorePairs') ?? 'null'));
    } catch {
      local = null;
    }
    const parsed = FormPairsSchema.safeParse(local);
    if (!parsed.success)
      return {
        type: 'view',
        view: { ...posted, notice: { tone: 'error', text: 'Không khôi phục được bản lưu trên máy.' } },
        status: 400,
      };
    return {
      type: 'view',
      view: {
        ...withPosted(view, parsed.data),
        autosaveOffer: null,
        notice: {
          tone: 'info',
          text: 'Đã đưa nội dung lưu trên máy này trở lại biểu mẫu. Hãy kiểm tra rồi bấm “Lưu bản nháp”.',
        },
      },
      status: 200,
    };
  }
  if (intent === 'discard-autosave') {
    await deleteAutosave(database, user.id, view.draftKey);
    return { type: 'redirect', location: `${view.action}?ket-qua=da-bo-ban-tu-luu` };
  }

  if (intent === 'return' || intent === 'unpublish') {
    if (!target.record || version === null) return { type: 'forbidden' };
    const result = await reviewRecord(database, user, {
      recordId: target.record.id,
      version,
      action: intent,
      comment: posted.reviewComment,
    });
    if (!result.ok) {
      if (result.reason === 'not-found') return { type: 'not-found' };
      if (result.reason === 'forbidden') return { type: 'forbidden' };
      const errors: FieldErrors =
        result.reason === 'comment'
          ? { reviewComment: 'Vui lòng ghi góp ý cho người viết (ít nhất 5 ký tự).' }
          : { _form: STALE_MESSAGE };
      return {
        type: 'view',
        view: { ...posted, errors, notice: { tone: 'error', text: errors.reviewComment ?? STALE_MESSAGE } },
        status: 400,
      };
    }
    if (result.searchChanged) await rebuildWithin(database);
    return { type: 'redirect', location: `${view.action}?ket-qua=${intent === 'return' ? 'da-tra-lai' : 'da-go'}` };
  }

  // Every other action saves the fields first, so nothing typed is lost.
  const saveIntent = intent === 'submit' || intent === 'publish' ? intent : 'save';
  const edit = await editRecord(
    database,
    user,
    {
      kind: view.kind,
      recordId: target.record?.id ?? null,
      version,
      candidate: posted.candidate,
      body: posted.body,
      alts: altsFromPairs(pairs),
      intent: saveIntent,
    },
    context,
  );
  if (!edit.ok) {
    if (edit.reason === 'not-found') return { type: 'not-found' };
    if (edit.reason === 'forbidden') return { type: 'forbidden' };
    if (edit.reason === 'invalid' && edit.saved && edit.id)
      return {
        type: 'redirect',
        location: `${editorUrl(edit.id)}?ket-qua=chua-gui${target.record ? '' : '&tao-moi=1'}`,
      };
    if (edit.reason === 'stale') {
      // Keep what was typed; the next save overwrites knowingly (the form carries the new version).
      const fresh = target.record ? await loadRecordFor(database, user, target.record.id) : null;
      return {
        type: 'view',
        view: {
          ...posted,
          record: fresh?.record ?? posted.record,
          revisions: fresh ? await listRevisions(database, fresh.record.id) : posted.revisions,
          notice: { tone: 'error', text: STALE_MESSAGE },
        },
        status: 409,
      };
    }
    const errors = edit.errors ?? {};
    return {
      type: 'view',
      view: {
        ...posted,
        errors,
        notice: {
          tone: 'error',
          text: `Chưa lưu được: có ${Object.keys(errors).length} chỗ cần sửa (ghi ngay cạnh từng ô bên dưới). Nội dung bạn nhập vẫn được giữ nguyên.`,
        },
      },
      status: 400,
    };
  }

  const location = (code: string) => `${editorUrl(edit.id)}?ket-qua=${code}${edit.created ? '&tao-moi=1' : ''}`;
  if (intent === 'upload' || intent.startsWith('detach:')) {
    if (edit.created) {
      // The record did not exist yet; it does now: upload from its own editor.
      return { type: 'redirect', location: location('da-luu') };
    }
    const record = (await loadRecordFor(database, user, edit.id))?.record ?? null;
    const fresh: EditorView = {
      ...posted,
      record,
      attachments: await listAttachments(database, edit.id),
      serverStamp: record?.updatedAt.getTime() ?? posted.serverStamp,
      action: editorUrl(edit.id),
      dirty: false,
    };
    if (intent.startsWith('detach:')) {
      const removed = await removeAttachment(database, user, edit.id, intent.slice('detach:'.length));
      if (!removed.ok) return removed.reason === 'forbidden' ? { type: 'forbidden' } : { type: 'not-found' };
      if (removed.orphan) await removeStoredFiles(uploadsDir(), removed.orphan.hash, removed.orphan.ext);
      return { type: 'redirect', location: location('da-xoa-tep') };
    }
    const file = form.get('upload');
    const alt = String(form.get('uploadAlt') ?? '');
    const uploadError = (message: string) => ({
      type: 'view' as const,
      view: {
        ...fresh,
        errors: { upload: message },
        notice: { tone: 'error' as const, text: `Chưa tải tệp lên: ${message} Các nội dung khác đã được lưu.` },
        uploadAlt: alt,
      },
      status: 400,
    });
    if (!(file instanceof File) || file.size === 0) return uploadError('Vui lòng chọn một tệp ảnh hoặc PDF.');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const inspected = await inspectUpload(file.name, bytes);
    if (!inspected.ok) return uploadError(inspected.message);
    if (inspected.file.kind === 'image' && alt.normalize('NFC').trim().length < 3)
      return uploadError(
        'Vui lòng mô tả nội dung ảnh (văn bản thay thế, ít nhất 3 ký tự) cho người không xem được ảnh.',
      );
    const stored = await storeUpload(uploadsDir(), inspected.file, bytes);
    const added = await addAttachment(database, user, edit.id, inspected.file, stored, file.name, alt);
    if (!added.ok) return uploadError(added.message);
    return { type: 'redirect', location: location('da-tai-len') };
  }

  if (edit.searchChanged) {
    const indexed = await rebuildWithin(database);
    if (intent === 'publish')
      return { type: 'redirect', location: location(indexed ? 'da-xuat-ban' : 'da-xuat-ban-cho-chi-muc') };
  }
  if (intent === 'publish') return { type: 'redirect', location: location('da-xuat-ban') };
  if (intent === 'submit') return { type: 'redirect', location: location('da-gui') };
  return { type: 'redirect', location: location(target.record?.status === 'published' ? 'da-sua' : 'da-luu') };
}

const STALE_MESSAGE =
  'Bản ghi vừa được thay đổi ở nơi khác (một thẻ khác hoặc người duyệt). Nội dung bạn nhập vẫn còn dưới đây; lưu lại lần nữa sẽ ghi đè bản mới.';

/** How long a publication waits for the search index before answering anyway. */
const INDEX_WAIT_MS = 15_000;

/** Rebuilds the search index, waiting at most {@link INDEX_WAIT_MS}; true when it was done in time. */
async function rebuildWithin(database: Database): Promise<boolean> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), INDEX_WAIT_MS).unref());
  const result = await Promise.race([requestSearchIndexRebuild(database), timeout]);
  if (result && !result.ok) console.error(`Không cập nhật được chỉ mục tìm kiếm: ${result.errors.join('; ')}`);
  return Boolean(result?.ok);
}
