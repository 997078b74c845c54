import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { desc, eq, lt, or, sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/index';
import type { Role } from '../schemas/account';
import { authConfig, type AuthConfig } from './config';
import type { Database, Tx } from './db';
import { prepared } from './prepared';
import { findSessionUser } from './users';

/** A validated session, as middleware puts it in `locals.session`. */
export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  lastActiveAt: Date;
  /** When the session ends at the latest (absolute lifetime). */
  expiresAt: Date;
}

/** The signed-in person, as middleware puts it in `locals.user`. */
export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  unitId: string;
  unitName: string;
  position: string;
  roles: Role[];
  mustChangePassword: boolean;
}

/** A new session and the token to hand to the client (never stored). */
export interface NewSession {
  token: string;
  session: Session;
}

/** Outcome of {@link validateSessionToken}. */
export type SessionValidation =
  | { ok: true; session: Session; user: SessionUser }
  | { ok: false; reason: 'malformed' | 'unknown' | 'secret' | 'idle' | 'expired' | 'inactive' };

/** Options shared by the session functions; tests inject a clock and durations. */
export interface SessionOptions {
  now?: Date;
  config?: Pick<AuthConfig, 'idleTimeoutMs' | 'absoluteLifetimeMs' | 'activityRefreshMs'>;
}

/**
 * 20 random bytes (160 bits, above the guide's 120) from crypto.getRandomValues, encoded in
 * lower-case base32 without padding: 32 characters.
 */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 of a session secret: fine for 160 random bits, unlike for passwords. */
export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/**
 * Creates a session for a user (one per login; never reuses an old one). Pass `tx` to create
 * it inside a larger write transaction.
 */
export async function createSession(
  database: Database,
  userId: string,
  options: SessionOptions & { userAgent?: string | null; ipAddress?: string | null; tx?: Tx } = {},
): Promise<NewSession> {
  const now = options.now ?? new Date();
  const config = options.config ?? authConfig();
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const row = {
    id,
    secretHash: Buffer.from(hashSecret(secret)),
    userId,
    createdAt: now,
    lastActiveAt: now,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
    ipAddress: options.ipAddress?.slice(0, 64) ?? null,
  };
  if (options.tx) await options.tx.insert(sessions).values(row);
  else await database.write((tx) => tx.insert(sessions).values(row));
  return {
    token: `${id}.${secret}`,
    session: {
      id,
      userId,
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + config.absoluteLifetimeMs),
    },
  };
}

/**
 * Validates a token from the cookie: parses "<id>.<secret>", loads the session, enforces
 * the absolute lifetime and the idle timeout (deleting an expired session), compares the
 * secret's hash in constant time, and refreshes last activity at most once a minute.
 */
export async function validateSessionToken(
  database: Database,
  token: string,
  options: SessionOptions = {},
): Promise<SessionValidation> {
  const now = options.now ?? new Date();
  const config = options.config ?? authConfig();
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 200) return { ok: false, reason: 'malformed' };
  const [id, secret] = parts as [string, string];

  const row = await prepared(database, 'session-by-id', (db) =>
    db
      .select({
        secretHash: sessions.secretHash,
        userId: sessions.userId,
        createdAt: sessions.createdAt,
        lastActiveAt: sessions.lastActiveAt,
      })
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  if (!row) return { ok: false, reason: 'unknown' };
  // The secret is checked before anything else, so knowing a session id alone reveals nothing
  // and cannot be used to delete someone's session.
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return { ok: false, reason: 'secret' };

  const expiresAt = new Date(row.createdAt.getTime() + config.absoluteLifetimeMs);
  if (now.getTime() >= expiresAt.getTime()) {
    await deleteSession(database, id);
    return { ok: false, reason: 'expired' };
  }
  if (now.getTime() - row.lastActiveAt.getTime() >= config.idleTimeoutMs) {
    await deleteSession(database, id);
    return { ok: false, reason: 'idle' };
  }
  const user = await findSessionUser(database, row.userId);
  if (!user) {
    await deleteSession(database, id);
    return { ok: false, reason: 'inactive' };
  }

  let lastActiveAt = row.lastActiveAt;
  if (now.getTime() - lastActiveAt.getTime() >= config.activityRefreshMs) {
    lastActiveAt = now;
    await database.write((tx) => tx.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, id)));
  }
  return { ok: true, session: { id, userId: row.userId, createdAt: row.createdAt, lastActiveAt, expiresAt }, user };
}

/** Ends one session (logout). */
export async function deleteSession(database: Database, sessionId: string): Promise<void> {
  await database.write((tx) => tx.delete(sessions).where(eq(sessions.id, sessionId)));
}

/**
 * Ends every session of a user (password change, deactivation, "log out everywhere").
 * Pass `tx` to do it inside the transaction that changes the account.
 */
export async function deleteUserSessions(database: Database, userId: string, tx?: Tx): Promise<void> {
  if (tx) {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    return;
  }
  await database.write((t) => t.delete(sessions).where(eq(sessions.userId, userId)));
}

/** A session as listed on the account page (no secret hash). */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
}

/** Sessions of a user, most recently active first. */
export async function listUserSessions(database: Database, userId: string): Promise<SessionSummary[]> {
  return prepared(database, 'sessions-of-user', (db) =>
    db
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        lastActiveAt: sessions.lastActiveAt,
        userAgent: sessions.userAgent,
        ipAddress: sessions.ipAddress,
      })
      .from(sessions)
      .where(eq(sessions.userId, sql.placeholder('userId')))
      .orderBy(desc(sessions.lastActiveAt))
      .prepare(),
  ).all({ userId });
}

/** Deletes sessions past their idle timeout or absolute lifetime (housekeeping at startup). */
export async function deleteExpiredSessions(database: Database, options: SessionOptions = {}): Promise<void> {
  const now = (options.now ?? new Date()).getTime();
  const config = options.config ?? authConfig();
  await database.write((tx) =>
    tx
      .delete(sessions)
      .where(
        or(
          lt(sessions.createdAt, new Date(now - config.absoluteLifetimeMs)),
          lt(sessions.lastActiveAt, new Date(now - config.idleTimeoutMs)),
        ),
      ),
  );
}
