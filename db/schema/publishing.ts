import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Seminar records and best-practice write-ups written in the browser (docs/decisions/060).
 * `data` is the record's structured fields as JSON in the shape of the content files'
 * frontmatter (validated by SeminarSchema / PracticeSchema before submission and
 * publication; a draft may be incomplete). `slug` is the public id, given at the first
 * publication and kept afterwards.
 */
export const records = sqliteTable(
  'records',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['seminar', 'practice'] }).notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'published', 'returned'] }).notNull(),
    slug: text('slug'),
    title: text('title').notNull(),
    /** The record's own unit (host unit of a seminar, unit of a practice): decides who reviews it. */
    unitId: text('unit_id'),
    data: text('data').notNull(),
    body: text('body').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    /** Last reviewer's comment (why it was returned or unpublished). */
    reviewComment: text('review_comment'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    /** Incremented by every change; forms send it back so a stale form cannot overwrite. */
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('records_slug_idx').on(t.slug),
    index('records_status_idx').on(t.kind, t.status),
    index('records_author_idx').on(t.authorId),
    index('records_unit_idx').on(t.unitId),
  ],
);

/** Every change of a record: who, when, what (changed fields) and a full snapshot. */
export const recordRevisions = sqliteTable(
  'record_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordId: text('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per record. */
    number: integer('number').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    action: text('action', {
      enum: ['create', 'save', 'submit', 'publish', 'return', 'correct', 'unpublish', 'attach', 'detach'],
    }).notNull(),
    /** Status after the change. */
    status: text('status', { enum: ['draft', 'submitted', 'published', 'returned'] }).notNull(),
    /** JSON array of changed field names (top-level data keys, "body", "status", "attachments"). */
    changedFields: text('changed_fields').notNull(),
    /** JSON: { title, unitId, data, body, attachments }. */
    snapshot: text('snapshot').notNull(),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('record_revisions_number_idx').on(t.recordId, t.number)],
);

/**
 * Photos and documents of a record. Files live outside the web root, named by the SHA-256
 * of their content (`<hash>.<ext>`, and `<hash>-page.webp` for the resized image).
 */
export const recordAttachments = sqliteTable(
  'record_attachments',
  {
    id: text('id').primaryKey(),
    recordId: text('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['image', 'pdf'] }).notNull(),
    /** Detected from the content, never from the name. */
    mime: text('mime').notNull(),
    hash: text('hash').notNull(),
    ext: text('ext').notNull(),
    size: integer('size').notNull(),
    originalName: text('original_name').notNull(),
    /** Alt text of an image, title of a document. */
    alt: text('alt').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Size of the resized copy shown on the page (images). */
    pageWidth: integer('page_width'),
    pageHeight: integer('page_height'),
    position: integer('position').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('record_attachments_record_idx').on(t.recordId)],
);

/**
 * What an editor holds but has not saved yet, sent every few seconds by the editor island,
 * so an expired session or a closed tab loses nothing. One row per person and editor
 * ("new:seminar", "new:practice" or a record id); offered back when the editor reopens.
 */
export const editorAutosaves = sqliteTable(
  'editor_autosaves',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** JSON array of [name, value] pairs, as the form would post them. */
    pairs: text('pairs').notNull(),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * Generation of the published set (one row, id 1): bumped in the same transaction as every
 * publication, correction or unpublication. Each app instance rebuilds its own search index
 * until the index's generation matches.
 */
export const searchIndexState = sqliteTable('search_index_state', {
  id: integer('id').primaryKey(),
  generation: integer('generation').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
