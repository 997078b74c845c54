import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Units of the procuracy. Rows with source "content" mirror src/content/units.yaml and are
 * overwritten by the sync; rows with source "database" were created in the admin pages (or by
 * the demo seed) and the sync never touches them.
 */
export const units = sqliteTable(
  'units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    // No foreign key: content units may arrive in any order and a parent may be removed from
    // the content file while children still point at it; the sync checks the references.
    parentId: text('parent_id'),
    /** ISO date (yyyy-mm-dd), inclusive. */
    validFrom: text('valid_from'),
    /** ISO date (yyyy-mm-dd), inclusive; null while the unit exists. */
    validTo: text('valid_to'),
    note: text('note'),
    source: text('source', { enum: ['content', 'database'] }).notNull(),
    /** Folded name for accent-insensitive matching ("Mỹ Xuyên" → "my xuyen"). */
    nameFolded: text('name_folded').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_name_folded_idx').on(t.nameFolded)],
);

/**
 * "Unit A became unit B" (rename or merger). Links from the content file have source
 * "content" and are rebuilt by every sync; links an administrator sets have source
 * "database" and are kept.
 */
export const unitLinks = sqliteTable(
  'unit_links',
  {
    predecessorId: text('predecessor_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    successorId: text('successor_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['content', 'database'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.predecessorId, t.successorId] }),
    index('unit_links_successor_idx').on(t.successorId),
  ],
);
