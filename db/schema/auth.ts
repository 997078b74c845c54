import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Sessions as in the lucia-auth.com "basic session" guide: the client holds "<id>.<secret>",
 * the server keeps only the SHA-256 of the secret.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }).notNull(),
    /** Shown on the account page so a person can recognise their devices. */
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Login throttling state shared by every app instance. One row per key:
 * "u:<username>" or "ip:<address>".
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Parsed bulk-import files waiting between preview and confirmation. Bound to the admin's
 * session so another session cannot confirm it; removed on confirm or after expiry.
 */
export const importStash = sqliteTable(
  'import_stash',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** JSON of the parsed rows (ImportRow[]). */
    payload: text('payload').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('import_stash_expires_idx').on(t.expiresAt)],
);
