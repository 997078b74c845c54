import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index';
import { authConfig, type AuthConfig } from './config';
import type { Database } from './db';
import { checkNewPassword, hashPassword, verifyDummyPassword, verifyPassword } from './password';
import { createSession, deleteUserSessions, type NewSession, type SessionUser } from './session';
import { reserveLoginAttempt, settleLoginSuccess } from './throttle';
import { findLoginCandidate } from './users';

/** Where a login comes from. */
export interface LoginContext {
  ip: string;
  userAgent?: string | null;
  now?: Date;
  config?: AuthConfig;
}

/** Outcome of {@link login}. */
export type LoginResult =
  | ({ ok: true; mustChangePassword: boolean } & NewSession)
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'inactive' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** The one message for an unknown username and a wrong password alike. */
export const INVALID_LOGIN_MESSAGE = 'Tên đăng nhập hoặc mật khẩu không đúng.';

/** The message for a throttled attempt. */
export function throttledMessage(retryAfterSeconds: number): string {
  return `Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${retryAfterSeconds} giây.`;
}

/**
 * Logs a person in: throttling first (nothing is checked while an attempt is delayed), then
 * argon2 verification (against a dummy hash for unknown usernames, so both cost the same),
 * then a brand-new session.
 */
export async function login(
  database: Database,
  username: string,
  password: string,
  context: LoginContext,
): Promise<LoginResult> {
  const config = context.config ?? authConfig();
  const now = context.now ?? new Date();
  const subject = { username, ip: context.ip };
  const decision = await reserveLoginAttempt(database, subject, { now, config: config.throttle });
  if (!decision.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };

  const candidate = await findLoginCandidate(database, username);
  const valid = candidate
    ? await verifyPassword(candidate.passwordHash, password)
    : await verifyDummyPassword(password);
  if (!candidate || !valid) return { ok: false, reason: 'invalid' };

  if (!candidate.active) {
    // The password was right, so saying the account is closed reveals nothing new.
    await settleLoginSuccess(database, subject, { now, config: config.throttle });
    return { ok: false, reason: 'inactive' };
  }
  const [user] = await database.db
    .select({ mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, candidate.id));
  const created = await database.write(async (tx) => {
    await settleLoginSuccess(database, subject, { now, config: config.throttle, tx });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, candidate.id));
    return createSession(database, candidate.id, {
      now,
      config,
      tx,
      userAgent: context.userAgent,
      ipAddress: context.ip,
    });
  });
  return { ok: true, mustChangePassword: user?.mustChangePassword ?? false, ...created };
}

/** Outcome of {@link changePassword}. */
export type ChangePasswordResult =
  | ({ ok: true } & NewSession)
  | { ok: false; reason: 'wrong-current'; message: string }
  | { ok: false; reason: 'weak'; message: string }
  | { ok: false; reason: 'throttled'; message: string; retryAfterSeconds: number };

/**
 * Changes the signed-in user's password: checks the current one (throttled like a login),
 * applies the password rules, then in one write transaction stores the new hash, ends every
 * session of the user and opens a new one for this browser.
 */
export async function changePassword(
  database: Database,
  user: SessionUser,
  currentPassword: string,
  newPassword: string,
  context: LoginContext,
): Promise<ChangePasswordResult> {
  const config = context.config ?? authConfig();
  const now = context.now ?? new Date();
  const rule = checkNewPassword(newPassword, { username: user.username, fullName: user.fullName });
  if (!rule.ok) return { ok: false, reason: 'weak', message: rule.message };

  const subject = { username: user.username, ip: context.ip };
  const decision = await reserveLoginAttempt(database, subject, { now, config: config.throttle });
  if (!decision.ok) {
    return {
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: decision.retryAfterSeconds,
      message: throttledMessage(decision.retryAfterSeconds),
    };
  }
  const candidate = await findLoginCandidate(database, user.username);
  if (!candidate || !(await verifyPassword(candidate.passwordHash, currentPassword))) {
    return { ok: false, reason: 'wrong-current', message: 'Mật khẩu hiện tại không đúng.' };
  }
  const passwordHash = await hashPassword(newPassword);
  const created = await database.write(async (tx) => {
    await settleLoginSuccess(database, subject, { now, config: config.throttle, tx });
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, user.id));
    await deleteUserSessions(database, user.id, tx);
    return createSession(database, user.id, { now, config, tx, userAgent: context.userAgent, ipAddress: context.ip });
  });
  return { ok: true, ...created };
}
