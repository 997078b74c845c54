/**
 * Records written in the browser: the named queries and the workflow
 * (draft → submitted → published, or returned with a comment; corrections and
 * unpublication), each change in one write transaction with its revision.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  editorAutosaves,
  recordAttachments,
  recordRevisions,
  records,
  searchIndexState,
  users,
} from '../../../../db/schema/index';
import { foldVietnamese } from '../../shared/fold';
import type { Database, Tx } from '../db';
import type { SessionUser } from '../session';
import { unitSubtreeIds } from '../units';
import type { InspectedFile, StoredFile } from './attachment-files';
import { ATTACHMENT_LIMITS } from './attachment-limits';
import {
  candidateTitle,
  candidateUnit,
  changedFields,
  validateRecord,
  type Candidate,
  type FieldErrors,
  type RecordKind,
  type ReferenceSets,
} from './editor-form';
import { capabilities, canWriteRecords, isReviewerOf, type Capabilities, type RecordStatus } from './permissions';

/** A record as stored, with its author's name. */
export interface StoredRecord {
  id: string;
  kind: RecordKind;
  status: RecordStatus;
  slug: string | null;
  title: string;
  unitId: string | null;
  data: Candidate;
  body: string;
  authorId: string;
  authorName: string;
  reviewComment: string | null;
  reviewedBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
}

/** An attachment as stored. */
export interface StoredAttachment {
  id: string;
  recordId: string;
  kind: 'image' | 'pdf';
  mime: string;
  hash: string;
  ext: string;
  size: number;
  originalName: string;
  alt: string;
  width: number | null;
  height: number | null;
  pageWidth: number | null;
  pageHeight: number | null;
  position: number;
  createdAt: Date;
}

/** One revision, for the history list. */
export interface RevisionEntry {
  number: number;
  at: Date;
  userId: string;
  userName: string;
  action: (typeof recordRevisions.$inferSelect)['action'];
  status: RecordStatus;
  changedFields: string[];
  comment: string | null;
}

/** Random ids: records "r…", attachments "a…" (lower-case letters and digits only). */
function newId(prefix: 'r' | 'a'): string {
  return `${prefix}${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

function parseData(text: string): Candidate {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Candidate) : {};
  } catch {
    return {};
  }
}

const recordColumns = {
  id: records.id,
  kind: records.kind,
  status: records.status,
  slug: records.slug,
  title: records.title,
  unitId: records.unitId,
  data: records.data,
  body: records.body,
  authorId: records.authorId,
  authorName: users.fullName,
  reviewComment: records.reviewComment,
  reviewedBy: records.reviewedBy,
  version: records.version,
  createdAt: records.createdAt,
  updatedAt: records.updatedAt,
  submittedAt: records.submittedAt,
  publishedAt: records.publishedAt,
};

type RecordRow = Omit<StoredRecord, 'data'> & { data: string };
const toRecord = (row: RecordRow): StoredRecord => ({ ...row, data: parseData(row.data) });

function dbOf(database: Database | Tx) {
  return 'db' in database ? database.db : database;
}

/** One record by its internal id, or null. */
export async function getRecord(database: Database | Tx, id: string): Promise<StoredRecord | null> {
  const [row] = await dbOf(database)
    .select(recordColumns)
    .from(records)
    .innerJoin(users, eq(users.id, records.authorId))
    .where(eq(records.id, id));
  return row ? toRecord(row) : null;
}

/** A published record by kind and public id (slug), or null. */
export async function getPublishedRecord(
  database: Database,
  kind: RecordKind,
  slug: string,
): Promise<StoredRecord | null> {
  const [row] = await database.db
    .select(recordColumns)
    .from(records)
    .innerJoin(users, eq(users.id, records.authorId))
    .where(and(eq(records.kind, kind), eq(records.slug, slug), eq(records.status, 'published')));
  return row ? toRecord(row) : null;
}

/** Every published record (of one kind when given), newest publication first. */
export async function listPublishedRecords(database: Database, kind?: RecordKind): Promise<StoredRecord[]> {
  const rows = await database.db
    .select(recordColumns)
    .from(records)
    .innerJoin(users, eq(users.id, records.authorId))
    .where(kind ? and(eq(records.status, 'published'), eq(records.kind, kind)) : eq(records.status, 'published'))
    .orderBy(desc(records.publishedAt));
  return rows.map(toRecord);
}

/** The records a person wrote, most recently changed first. */
export async function listRecordsByAuthor(database: Database, authorId: string): Promise<StoredRecord[]> {
  const rows = await database.db
    .select(recordColumns)
    .from(records)
    .innerJoin(users, eq(users.id, records.authorId))
    .where(eq(records.authorId, authorId))
    .orderBy(desc(records.updatedAt));
  return rows.map(toRecord);
}

/**
 * Records a reviewer may act on: submitted ones waiting for review and published ones
 * (to correct or unpublish), in the reviewer's scope (admins: all; leaders: their unit subtree).
 */
export async function listReviewable(
  database: Database,
  user: SessionUser,
): Promise<{ submitted: StoredRecord[]; published: StoredRecord[] }> {
  const isAdmin = user.roles.includes('admin');
  if (!isAdmin && !user.roles.includes('leader')) return { submitted: [], published: [] };
  const scope = isAdmin ? null : await unitSubtreeIds(database, user.unitId);
  const rows = await database.db
    .select(recordColumns)
    .from(records)
    .innerJoin(users, eq(users.id, records.authorId))
    .where(
      and(
        inArray(records.status, ['submitted', 'published']),
        scope ? inArray(records.unitId, scope.length > 0 ? scope : ['']) : undefined,
      ),
    )
    .orderBy(asc(records.submittedAt));
  const all = rows.map(toRecord);
  return {
    submitted: all.filter((r) => r.status === 'submitted'),
    published: all
      .filter((r) => r.status === 'published')
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()),
  };
}

/** The attachments of a record, in upload order. */
export async function listAttachments(database: Database | Tx, recordId: string): Promise<StoredAttachment[]> {
  return dbOf(database)
    .select()
    .from(recordAttachments)
    .where(eq(recordAttachments.recordId, recordId))
    .orderBy(asc(recordAttachments.position), asc(recordAttachments.createdAt));
}

/** Attachments of several records (for lists and the search index). */
export async function listAttachmentsOf(database: Database, recordIds: string[]): Promise<StoredAttachment[]> {
  if (recordIds.length === 0) return [];
  return database.db
    .select()
    .from(recordAttachments)
    .where(inArray(recordAttachments.recordId, recordIds))
    .orderBy(asc(recordAttachments.position));
}

/** One attachment with the facts that decide who may see it. */
export async function getAttachment(
  database: Database,
  id: string,
): Promise<{
  attachment: StoredAttachment;
  record: { id: string; status: RecordStatus; authorId: string; unitId: string | null };
} | null> {
  const [row] = await database.db
    .select({
      attachment: recordAttachments,
      record: { id: records.id, status: records.status, authorId: records.authorId, unitId: records.unitId },
    })
    .from(recordAttachments)
    .innerJoin(records, eq(records.id, recordAttachments.recordId))
    .where(eq(recordAttachments.id, id));
  return row ?? null;
}

/** The history of a record, newest first. */
export async function listRevisions(database: Database, recordId: string): Promise<RevisionEntry[]> {
  const rows = await database.db
    .select({
      number: recordRevisions.number,
      at: recordRevisions.at,
      userId: recordRevisions.userId,
      userName: users.fullName,
      action: recordRevisions.action,
      status: recordRevisions.status,
      changedFields: recordRevisions.changedFields,
      comment: recordRevisions.comment,
    })
    .from(recordRevisions)
    .innerJoin(users, eq(users.id, recordRevisions.userId))
    .where(eq(recordRevisions.recordId, recordId))
    .orderBy(desc(recordRevisions.number));
  return rows.map((r) => ({ ...r, changedFields: JSON.parse(r.changedFields) as string[] }));
}

/** The full snapshot kept with one revision. */
export async function getRevisionSnapshot(
  database: Database,
  recordId: string,
  number: number,
): Promise<{ title: string; unitId: string | null; data: Candidate; body: string } | null> {
  const [row] = await database.db
    .select({ snapshot: recordRevisions.snapshot })
    .from(recordRevisions)
    .where(and(eq(recordRevisions.recordId, recordId), eq(recordRevisions.number, number)));
  return row
    ? (JSON.parse(row.snapshot) as { title: string; unitId: string | null; data: Candidate; body: string })
    : null;
}

/** The record and what the user may do with it; null when it does not exist or is not theirs to see. */
export async function loadRecordFor(
  database: Database,
  user: SessionUser,
  id: string,
): Promise<{ record: StoredRecord; can: Capabilities } | null> {
  const record = await getRecord(database, id);
  if (!record) return null;
  const reviewer = await isReviewerOf(database, user, record.unitId);
  const can = capabilities(user, record, reviewer);
  return can.view ? { record, can } : null;
}

/** The generation of the published set (0 before any publication). */
export async function getSearchGeneration(database: Database): Promise<number> {
  const [row] = await database.db.select().from(searchIndexState).where(eq(searchIndexState.id, 1));
  return row?.generation ?? 0;
}

async function bumpSearchGeneration(tx: Tx, now: Date): Promise<void> {
  await tx
    .insert(searchIndexState)
    .values({ id: 1, generation: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: searchIndexState.id,
      set: { generation: sql`${searchIndexState.generation} + 1`, updatedAt: now },
    });
}

type RevisionAction = RevisionEntry['action'];

async function writeRevision(
  tx: Tx,
  record: { id: string; title: string; unitId: string | null; data: Candidate; body: string; status: RecordStatus },
  user: SessionUser,
  action: RevisionAction,
  changed: string[],
  now: Date,
  comment: string | null = null,
): Promise<void> {
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${recordRevisions.number}), 0)` })
    .from(recordRevisions)
    .where(eq(recordRevisions.recordId, record.id));
  const attachments = await tx
    .select({ id: recordAttachments.id, alt: recordAttachments.alt, hash: recordAttachments.hash })
    .from(recordAttachments)
    .where(eq(recordAttachments.recordId, record.id));
  await tx.insert(recordRevisions).values({
    recordId: record.id,
    number: (last?.n ?? 0) + 1,
    userId: user.id,
    at: now,
    action,
    status: record.status,
    changedFields: JSON.stringify(changed),
    snapshot: JSON.stringify({
      title: record.title,
      unitId: record.unitId,
      data: record.data,
      body: record.body,
      attachments,
    }),
    comment,
  });
}

/**
 * A public id from a title: folded to ASCII, lower case, words joined by dashes, at most
 * 80 characters cut at a word boundary ("Tọa đàm số hóa" → "toa-dam-so-hoa").
 */
export function slugify(title: string): string {
  const words = foldVietnamese(title.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 80) break;
    slug = next;
  }
  return slug || 'ban-ghi';
}

async function uniqueSlug(tx: Tx, base: string, reserved: ReadonlySet<string>): Promise<string> {
  const taken = new Set(
    (
      await tx
        .select({ slug: records.slug })
        .from(records)
        .where(sql`${records.slug} = ${base} OR ${records.slug} LIKE ${`${base}-%`}`)
    ).map((r) => r.slug),
  );
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug) && !reserved.has(slug)) return slug;
  }
}

/** What the editor posts. */
export interface EditInput {
  kind: RecordKind;
  /** Null for a new record. */
  recordId: string | null;
  /** The version the form was opened at (null for a new record). */
  version: number | null;
  candidate: Candidate;
  body: string;
  /** Alt text (images) or title (documents) per attachment id. */
  alts: Record<string, string>;
  intent: 'save' | 'submit' | 'publish';
}

/** Outcome of {@link editRecord}. */
export type EditResult =
  | {
      ok: true;
      id: string;
      status: RecordStatus;
      created: boolean;
      /** Problems left in a saved draft (to fix before submitting). */
      warnings: FieldErrors;
      /** The published set changed: the search index must be rebuilt. */
      searchChanged: boolean;
    }
  | {
      ok: false;
      reason: 'forbidden' | 'not-found' | 'stale' | 'invalid';
      errors?: FieldErrors;
      /** The record's id when it exists (a failed submission still saved the draft). */
      id?: string;
      saved?: boolean;
    };

/** Context the workflow needs from the content: what references may point at, reserved public ids. */
export interface PublishingContext {
  refs: ReferenceSets;
  /** Ids of content-file records per kind: a published record never takes one of them. */
  reservedSlugs: Readonly<Record<RecordKind, ReadonlySet<string>>>;
  now?: Date;
}

function altErrors(attachments: StoredAttachment[], alts: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const a of attachments) {
    const alt = (alts[a.id] ?? a.alt).trim();
    if (alt.length > 500) errors[`attachment.${a.id}.alt`] = 'Tối đa 500 ký tự.';
    else if (a.kind === 'image' && alt.length < 3)
      errors[`attachment.${a.id}.alt`] = 'Vui lòng mô tả nội dung ảnh (ít nhất 3 ký tự) cho người không xem được ảnh.';
  }
  return errors;
}

/**
 * Creates or changes a record from the editor: "save" keeps a draft (even incomplete) or
 * saves a reviewer's correction (must be valid); "submit" saves the draft then sends it for
 * review when it is valid; "publish" (a reviewer, on a submitted record) saves and publishes.
 * Each change writes a revision; nothing is written when nothing changed.
 */
export async function editRecord(
  database: Database,
  user: SessionUser,
  input: EditInput,
  context: PublishingContext,
): Promise<EditResult> {
  const now = context.now ?? new Date();
  const existing = input.recordId ? await getRecord(database, input.recordId) : null;
  if (input.recordId && !existing) return { ok: false, reason: 'not-found' };
  if (!existing && (!canWriteRecords(user) || input.intent === 'publish')) return { ok: false, reason: 'forbidden' };
  const kind = existing?.kind ?? input.kind;
  const newUnit = candidateUnit(kind, input.candidate);

  let can: Capabilities | null = null;
  if (existing) {
    can = capabilities(user, existing, await isReviewerOf(database, user, existing.unitId));
    if (!can.view) return { ok: false, reason: 'not-found' };
    if (!can.edit) return { ok: false, reason: 'forbidden', id: existing.id };
    if (input.intent === 'submit' && !can.submit) return { ok: false, reason: 'forbidden', id: existing.id };
    if (input.intent === 'publish' && !can.publish) return { ok: false, reason: 'forbidden', id: existing.id };
    if (input.version !== existing.version) return { ok: false, reason: 'stale', id: existing.id };
  }

  const attachments = existing ? await listAttachments(database, existing.id) : [];
  const validation = validateRecord(kind, input.candidate, input.body, context.refs);
  const errors: FieldErrors = { ...(validation.ok ? {} : validation.errors), ...altErrors(attachments, input.alts) };
  const valid = Object.keys(errors).length === 0;

  // A reviewer's change must keep the record in their scope (a leader cannot hand it away).
  if (existing && !can?.author && newUnit !== existing.unitId && !(await isReviewerOf(database, user, newUnit))) {
    const field = kind === 'seminar' ? 'hostUnit' : 'unit';
    return {
      ok: false,
      reason: 'invalid',
      errors: { [field]: 'Đơn vị này nằm ngoài phạm vi bạn được duyệt.' },
      id: existing.id,
    };
  }

  const reviewerEdit = existing !== null && (existing.status === 'submitted' || existing.status === 'published');
  if ((reviewerEdit || input.intent === 'publish') && !valid)
    return { ok: false, reason: 'invalid', errors, id: existing?.id };

  const title = candidateTitle(kind, input.candidate);
  const saveAs: RecordStatus = existing?.status ?? 'draft';
  const goSubmit = input.intent === 'submit' && valid;
  const goPublish = input.intent === 'publish';
  const status: RecordStatus = goPublish ? 'published' : goSubmit ? 'submitted' : saveAs;

  const result = await database.write(async (tx) => {
    if (!existing) {
      const id = newId('r');
      await tx.insert(records).values({
        id,
        kind,
        status,
        title,
        unitId: newUnit,
        data: JSON.stringify(input.candidate),
        body: input.body,
        authorId: user.id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        submittedAt: status === 'submitted' ? now : null,
      });
      const row = { id, title, unitId: newUnit, data: input.candidate, body: input.body, status };
      await writeRevision(tx, row, user, 'create', [...Object.keys(input.candidate), 'body'], now);
      if (status === 'submitted') await writeRevision(tx, row, user, 'submit', ['status'], now);
      return { id, changed: true };
    }
    // Re-check the version inside the transaction: another save may have landed meanwhile.
    const [current] = await tx.select({ version: records.version }).from(records).where(eq(records.id, existing.id));
    if (current?.version !== existing.version) return null;

    const fieldsChanged = changedFields(existing.data, input.candidate);
    if (existing.body !== input.body) fieldsChanged.push('body');
    const altChanges = attachments.filter((a) => input.alts[a.id] !== undefined && input.alts[a.id]!.trim() !== a.alt);
    if (altChanges.length > 0) fieldsChanged.push('attachments');
    const statusChanged = status !== existing.status;
    if (fieldsChanged.length === 0 && !statusChanged) return { id: existing.id, changed: false };

    for (const a of altChanges) {
      await tx.update(recordAttachments).set({ alt: input.alts[a.id]!.trim() }).where(eq(recordAttachments.id, a.id));
    }
    const slug =
      goPublish && !existing.slug ? await uniqueSlug(tx, slugify(title), context.reservedSlugs[kind]) : existing.slug;
    await tx
      .update(records)
      .set({
        status,
        title,
        unitId: newUnit,
        data: JSON.stringify(input.candidate),
        body: input.body,
        slug,
        version: existing.version + 1,
        updatedAt: now,
        ...(goSubmit ? { submittedAt: now, reviewComment: null } : {}),
        ...(goPublish ? { publishedAt: now, reviewedBy: user.id, reviewComment: null } : {}),
      })
      .where(eq(records.id, existing.id));
    const row = { id: existing.id, title, unitId: newUnit, data: input.candidate, body: input.body, status };
    if (fieldsChanged.length > 0) {
      const action: RevisionAction = existing.status === 'published' ? 'correct' : 'save';
      await writeRevision(tx, { ...row, status: existing.status }, user, action, fieldsChanged, now);
    }
    if (statusChanged) await writeRevision(tx, row, user, goPublish ? 'publish' : 'submit', ['status'], now);
    if (existing.status === 'published' || goPublish) await bumpSearchGeneration(tx, now);
    return { id: existing.id, changed: true };
  });
  if (!result) return { ok: false, reason: 'stale', id: existing?.id };
  await deleteAutosave(database, user.id, existing ? existing.id : `new:${kind}`);

  if (input.intent === 'submit' && !valid) return { ok: false, reason: 'invalid', errors, id: result.id, saved: true };
  return {
    ok: true,
    id: result.id,
    status,
    created: !existing,
    warnings: valid ? {} : errors,
    searchChanged: result.changed && (goPublish || existing?.status === 'published'),
  };
}

/** Outcome of {@link reviewRecord}. */
export type ReviewResult =
  | { ok: true; status: RecordStatus; searchChanged: boolean }
  | { ok: false; reason: 'forbidden' | 'not-found' | 'stale' | 'comment' };

/**
 * A reviewer returns a submitted record to its author, or takes a published one down;
 * both need a comment the author will read.
 */
export async function reviewRecord(
  database: Database,
  user: SessionUser,
  input: { recordId: string; version: number; action: 'return' | 'unpublish'; comment: string },
  now = new Date(),
): Promise<ReviewResult> {
  const loaded = await loadRecordFor(database, user, input.recordId);
  if (!loaded) return { ok: false, reason: 'not-found' };
  const { record, can } = loaded;
  if (input.action === 'return' ? !can.return : !can.unpublish) return { ok: false, reason: 'forbidden' };
  const comment = input.comment.normalize('NFC').trim();
  if (comment.length < 5 || comment.length > 2000) return { ok: false, reason: 'comment' };
  if (input.version !== record.version) return { ok: false, reason: 'stale' };
  const done = await database.write(async (tx) => {
    const [current] = await tx.select({ version: records.version }).from(records).where(eq(records.id, record.id));
    if (current?.version !== record.version) return false;
    await tx
      .update(records)
      .set({
        status: 'returned',
        reviewComment: comment,
        reviewedBy: user.id,
        version: record.version + 1,
        updatedAt: now,
      })
      .where(eq(records.id, record.id));
    await writeRevision(tx, { ...record, status: 'returned' }, user, input.action, ['status'], now, comment);
    if (input.action === 'unpublish') await bumpSearchGeneration(tx, now);
    return true;
  });
  if (!done) return { ok: false, reason: 'stale' };
  return { ok: true, status: 'returned', searchChanged: input.action === 'unpublish' };
}

// eslint-disable-next-line no-control-regex -- control characters and slashes leave file names.
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001F\u007F/\\]/g;

/** Outcome of {@link addAttachment}. */
export type AttachResult =
  { ok: true; id: string } | { ok: false; reason: 'forbidden' | 'not-found' | 'too-many' | 'alt'; message: string };

/**
 * Attaches an inspected and stored file to a record the user may edit (alt text required
 * for images). Writes a revision.
 */
export async function addAttachment(
  database: Database,
  user: SessionUser,
  recordId: string,
  file: InspectedFile,
  stored: StoredFile,
  originalName: string,
  alt: string,
  now = new Date(),
): Promise<AttachResult> {
  const loaded = await loadRecordFor(database, user, recordId);
  if (!loaded) return { ok: false, reason: 'not-found', message: 'Không tìm thấy bản ghi.' };
  if (!loaded.can.edit)
    return { ok: false, reason: 'forbidden', message: 'Bạn không được thêm tệp vào bản ghi ở trạng thái này.' };
  const text = alt.normalize('NFC').trim();
  if (file.kind === 'image' && text.length < 3)
    return {
      ok: false,
      reason: 'alt',
      message: 'Vui lòng mô tả nội dung ảnh (văn bản thay thế, ít nhất 3 ký tự) trước khi tải ảnh lên.',
    };
  if (text.length > 500) return { ok: false, reason: 'alt', message: 'Mô tả tệp tối đa 500 ký tự.' };
  const id = newId('a');
  const name = originalName.normalize('NFC').replace(UNSAFE_NAME_CHARACTERS, '_').slice(0, 200) || 'tep';
  const result = await database.write(async (tx) => {
    const [count] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(recordAttachments)
      .where(eq(recordAttachments.recordId, recordId));
    if ((count?.n ?? 0) >= ATTACHMENT_LIMITS.perRecord) return false;
    await tx.insert(recordAttachments).values({
      id,
      recordId,
      kind: file.kind,
      mime: file.mime,
      hash: file.hash,
      ext: file.ext,
      size: file.size,
      originalName: name,
      alt: text || name,
      width: file.width,
      height: file.height,
      pageWidth: stored.pageWidth,
      pageHeight: stored.pageHeight,
      position: count?.n ?? 0,
      createdBy: user.id,
      createdAt: now,
    });
    const { record } = loaded;
    await tx
      .update(records)
      .set({ version: record.version + 1, updatedAt: now })
      .where(eq(records.id, recordId));
    await writeRevision(tx, record, user, 'attach', ['attachments'], now, name);
    return true;
  });
  if (!result)
    return {
      ok: false,
      reason: 'too-many',
      message: `Mỗi bản ghi có tối đa ${ATTACHMENT_LIMITS.perRecord} tệp đính kèm.`,
    };
  return { ok: true, id };
}

/** Outcome of {@link removeAttachment}: when no attachment uses the file any more, its hash to delete. */
export type DetachResult =
  { ok: true; orphan: { hash: string; ext: string } | null } | { ok: false; reason: 'forbidden' | 'not-found' };

/** Removes an attachment from a record the user may edit. Writes a revision. */
export async function removeAttachment(
  database: Database,
  user: SessionUser,
  recordId: string,
  attachmentId: string,
  now = new Date(),
): Promise<DetachResult> {
  const loaded = await loadRecordFor(database, user, recordId);
  if (!loaded) return { ok: false, reason: 'not-found' };
  if (!loaded.can.edit) return { ok: false, reason: 'forbidden' };
  return database.write(async (tx) => {
    const [attachment] = await tx
      .select()
      .from(recordAttachments)
      .where(and(eq(recordAttachments.id, attachmentId), eq(recordAttachments.recordId, recordId)));
    if (!attachment) return { ok: false, reason: 'not-found' } as const;
    await tx.delete(recordAttachments).where(eq(recordAttachments.id, attachmentId));
    const { record } = loaded;
    await tx
      .update(records)
      .set({ version: record.version + 1, updatedAt: now })
      .where(eq(records.id, recordId));
    await writeRevision(tx, record, user, 'detach', ['attachments'], now, attachment.originalName);
    const [still] = await tx
      .select({ id: recordAttachments.id })
      .from(recordAttachments)
      .where(eq(recordAttachments.hash, attachment.hash))
      .limit(1);
    return { ok: true, orphan: still ? null : { hash: attachment.hash, ext: attachment.ext } } as const;
  });
}

/** Saves what an editor holds (autosave); the key is "new:<kind>" or a record id. */
export async function saveAutosave(
  database: Database,
  userId: string,
  key: string,
  pairs: [string, string][],
  now = new Date(),
): Promise<void> {
  await database.write(async (tx) => {
    await tx
      .insert(editorAutosaves)
      .values({ userId, key, pairs: JSON.stringify(pairs), savedAt: now })
      .onConflictDoUpdate({
        target: [editorAutosaves.userId, editorAutosaves.key],
        set: { pairs: JSON.stringify(pairs), savedAt: now },
      });
  });
}

/** The autosave of a person's editor, or null. */
export async function getAutosave(
  database: Database,
  userId: string,
  key: string,
): Promise<{ pairs: [string, string][]; savedAt: Date } | null> {
  const [row] = await database.db
    .select()
    .from(editorAutosaves)
    .where(and(eq(editorAutosaves.userId, userId), eq(editorAutosaves.key, key)));
  if (!row) return null;
  try {
    const pairs = JSON.parse(row.pairs) as [string, string][];
    return { pairs, savedAt: row.savedAt };
  } catch {
    return null;
  }
}

/** Forgets an autosave (after an explicit save, or when the person discards it). */
export async function deleteAutosave(database: Database, userId: string, key: string): Promise<void> {
  await database.write(async (tx) => {
    await tx.delete(editorAutosaves).where(and(eq(editorAutosaves.userId, userId), eq(editorAutosaves.key, key)));
  });
}
