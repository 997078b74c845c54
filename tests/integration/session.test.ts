import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { sessions, users } from '../../db/schema/index';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  generateSecureRandomString,
  validateSessionToken,
} from '../../src/lib/server/session';
import { setUserActive } from '../../src/lib/server/users';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
let learnerId: string;
let adminId: string;
const config = { idleTimeoutMs: 8 * 3600_000, absoluteLifetimeMs: 7 * 24 * 3600_000, activityRefreshMs: 60_000 };
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.database.db.select({ id: users.id, username: users.username }).from(users);
  learnerId = rows.find((r) => r.username === 'hocvien.mau')?.id ?? '';
  adminId = rows.find((r) => r.username === 'quantri.mau')?.id ?? '';
});
afterAll(() => t.cleanup());

async function row(id: string) {
  return t.database.db.query.sessions.findFirst({ where: eq(sessions.id, id) });
}

describe('session tokens', () => {
  it('are an id and a secret of 32 base32 characters (160 random bits each)', async () => {
    const { token } = await createSession(t.database, learnerId, { config });
    expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    expect(generateSecureRandomString()).not.toBe(generateSecureRandomString());
  });

  it('store only the SHA-256 of the secret, never the secret itself', async () => {
    const { token, session } = await createSession(t.database, learnerId, { config });
    const secret = token.split('.')[1] ?? '';
    const stored = await row(session.id);
    expect(Buffer.from(stored?.secretHash ?? []).equals(Buffer.from(sha256(new TextEncoder().encode(secret))))).toBe(
      true,
    );
    const raw = await t.raw().execute('SELECT * FROM sessions');
    expect(JSON.stringify(raw.rows)).not.toContain(secret);
  });

  it('validate with the right secret and give the user with roles and unit', async () => {
    const { token } = await createSession(t.database, learnerId, { config });
    const result = await validateSessionToken(t.database, token, { config });
    expect(result.ok && result.user).toMatchObject({
      username: 'hocvien.mau',
      roles: ['learner'],
      unitId: 'bo-phan-minh-hoa-a1',
    });
  });

  it('are refused with a wrong secret, a malformed token or an unknown id', async () => {
    const { token } = await createSession(t.database, learnerId, { config });
    const [id] = token.split('.');
    expect(await validateSessionToken(t.database, `${id}.${generateSecureRandomString()}`, { config })).toEqual({
      ok: false,
      reason: 'secret',
    });
    expect(await validateSessionToken(t.database, 'no-dot', { config })).toEqual({ ok: false, reason: 'malformed' });
    expect(await validateSessionToken(t.database, `${generateSecureRandomString()}.x`, { config })).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });
});

describe('session lifetime (fake clock)', () => {
  it('ends after the idle timeout and deletes the row', async () => {
    const { token, session } = await createSession(t.database, learnerId, { config, now: at('2026-01-05T08:00:00Z') });
    expect((await validateSessionToken(t.database, token, { config, now: at('2026-01-05T15:59:00Z') })).ok).toBe(true);
    // 15:59 refreshed the activity, so 8 h later from there it is still alive one minute before…
    expect((await validateSessionToken(t.database, token, { config, now: at('2026-01-05T23:58:00Z') })).ok).toBe(true);
    // …and idle exactly 8 h after the last activity it is gone.
    expect(await validateSessionToken(t.database, token, { config, now: at('2026-01-06T07:58:00Z') })).toEqual({
      ok: false,
      reason: 'idle',
    });
    expect(await row(session.id)).toBeUndefined();
  });

  it('ends at the absolute lifetime even when used all the time', async () => {
    const { token, session } = await createSession(t.database, learnerId, { config, now: at('2026-02-01T08:00:00Z') });
    let now = at('2026-02-01T08:00:00Z').getTime();
    const end = now + config.absoluteLifetimeMs;
    while (now + 6 * 3600_000 < end) {
      now += 6 * 3600_000;
      expect((await validateSessionToken(t.database, token, { config, now: new Date(now) })).ok).toBe(true);
    }
    expect(await validateSessionToken(t.database, token, { config, now: new Date(end) })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await row(session.id)).toBeUndefined();
  });

  it('writes last activity at most once a minute', async () => {
    const { token, session } = await createSession(t.database, learnerId, { config, now: at('2026-03-01T08:00:00Z') });
    await validateSessionToken(t.database, token, { config, now: at('2026-03-01T08:00:30Z') });
    expect((await row(session.id))?.lastActiveAt.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    await validateSessionToken(t.database, token, { config, now: at('2026-03-01T08:01:00Z') });
    expect((await row(session.id))?.lastActiveAt.toISOString()).toBe('2026-03-01T08:01:00.000Z');
  });
});

describe('ending sessions', () => {
  it('logout deletes the session so the token cannot be replayed', async () => {
    const { token, session } = await createSession(t.database, learnerId, { config });
    await deleteSession(t.database, session.id);
    expect(await validateSessionToken(t.database, token, { config })).toEqual({ ok: false, reason: 'unknown' });
  });

  it('ending all sessions of a user leaves other users signed in', async () => {
    const mine = await Promise.all([1, 2, 3].map(() => createSession(t.database, learnerId, { config })));
    const theirs = await createSession(t.database, adminId, { config });
    await deleteUserSessions(t.database, learnerId);
    for (const s of mine) expect((await validateSessionToken(t.database, s.token, { config })).ok).toBe(false);
    expect((await validateSessionToken(t.database, theirs.token, { config })).ok).toBe(true);
  });

  it('deactivating an account ends its sessions at once', async () => {
    const { token } = await createSession(t.database, learnerId, { config });
    expect(await setUserActive(t.database, learnerId, false, adminId)).toEqual({ ok: true });
    expect((await validateSessionToken(t.database, token, { config })).ok).toBe(false);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, learnerId))).toHaveLength(0);
    await setUserActive(t.database, learnerId, true, adminId);
  });

  it('an admin cannot deactivate their own account', async () => {
    expect(await setUserActive(t.database, adminId, false, adminId)).toEqual({ ok: false, reason: 'own-account' });
  });
});
