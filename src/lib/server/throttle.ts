import { eq, inArray, lt } from 'drizzle-orm';
import { loginThrottle } from '../../../db/schema/index';
import { authConfig, type ThrottleConfig } from './config';
import type { Database, Tx } from './db';

/** The two things a login attempt is counted against. */
export interface ThrottleSubject {
  /** Normalised username as typed (known or not: unknown ones are throttled the same way). */
  username: string;
  /** Client address (see client-ip.ts). */
  ip: string;
}

/** Outcome of {@link reserveLoginAttempt}. */
export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface KeyPolicy {
  key: string;
  free: number;
  maxDelayMs: number;
}

function policies(subject: ThrottleSubject, config: ThrottleConfig): KeyPolicy[] {
  return [
    { key: `u:${subject.username}`, free: config.usernameFreeFailures, maxDelayMs: config.usernameMaxDelayMs },
    { key: `ip:${subject.ip}`, free: config.ipFreeFailures, maxDelayMs: config.ipMaxDelayMs },
  ];
}

/** Delay after `failures` failures: none within the free ones, then base, 2×base, 4×base… up to the cap. */
export function delayAfter(failures: number, free: number, config: ThrottleConfig, maxDelayMs: number): number {
  const over = failures - free;
  if (over <= 0) return 0;
  return Math.min(maxDelayMs, config.baseDelayMs * 2 ** Math.min(over - 1, 40));
}

/**
 * Decides whether a login attempt may go ahead and, if so, counts it as a failure before
 * the password is checked. Check and count happen in one write transaction, so parallel
 * attempts (from any app instance) cannot slip past the limit; a success then undoes the
 * count with {@link settleLoginAttempt}.
 */
export async function reserveLoginAttempt(
  database: Database,
  subject: ThrottleSubject,
  options: { now?: Date; config?: ThrottleConfig } = {},
): Promise<ThrottleDecision> {
  const config = options.config ?? authConfig().throttle;
  const keys = policies(subject, config);
  return database.write(async (tx) => {
    // Read the clock once the write lock is held: an attempt that waited for the lock must not
    // compare its older "now" with times written by the attempts before it.
    const now = (options.now ?? new Date()).getTime();
    const rows = await tx
      .select()
      .from(loginThrottle)
      .where(
        inArray(
          loginThrottle.key,
          keys.map((k) => k.key),
        ),
      );
    const state = new Map(
      rows
        .filter((r) => now - r.updatedAt.getTime() < config.resetAfterMs || r.blockedUntil.getTime() > now)
        .map((r) => [r.key, r] as const),
    );
    const waitMs = Math.max(0, ...[...state.values()].map((r) => r.blockedUntil.getTime() - now));
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } as const;
    for (const policy of keys) {
      const failures = (state.get(policy.key)?.failures ?? 0) + 1;
      const delay = delayAfter(failures, policy.free, config, policy.maxDelayMs);
      const blockedUntil = new Date(delay > 0 ? now + delay : 0);
      const values = { failures, blockedUntil, updatedAt: new Date(now) };
      await tx
        .insert(loginThrottle)
        .values({ key: policy.key, ...values })
        .onConflictDoUpdate({ target: loginThrottle.key, set: values });
    }
    // Unknown usernames leave rows behind too; sweep old ones now and then.
    if (Math.random() < 0.02)
      await tx.delete(loginThrottle).where(lt(loginThrottle.updatedAt, new Date(now - config.resetAfterMs)));
    return { ok: true } as const;
  });
}

/**
 * Records the end of an attempt whose password was right: the username starts afresh and the
 * address gets back the failure reserved for this attempt (its other failures stay).
 */
export async function settleLoginSuccess(
  database: Database,
  subject: ThrottleSubject,
  options: { now?: Date; config?: ThrottleConfig; tx?: Tx } = {},
): Promise<void> {
  const now = (options.now ?? new Date()).getTime();
  const config = options.config ?? authConfig().throttle;
  const [user, ip] = policies(subject, config) as [KeyPolicy, KeyPolicy];
  const run = async (tx: Tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, user.key));
    const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, ip.key));
    if (!row) return;
    const failures = Math.max(0, row.failures - 1);
    const blockedUntil = failures > ip.free ? row.blockedUntil : new Date(0);
    await tx
      .update(loginThrottle)
      .set({ failures, blockedUntil, updatedAt: new Date(now) })
      .where(eq(loginThrottle.key, ip.key));
  };
  if (options.tx) await run(options.tx);
  else await database.write(run);
}
