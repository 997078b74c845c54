import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrottleConfig } from '../../src/lib/server/config';
import { delayAfter, reserveLoginAttempt, settleLoginSuccess } from '../../src/lib/server/throttle';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seedDemo: false });
});
afterAll(() => t.cleanup());

const config: ThrottleConfig = {
  baseDelayMs: 1000,
  usernameFreeFailures: 5,
  usernameMaxDelayMs: 60_000,
  ipFreeFailures: 20,
  ipMaxDelayMs: 15 * 60_000,
  resetAfterMs: 3600_000,
};

describe('throttle delays', () => {
  it('start after the free failures, double each time and stop at the cap', () => {
    const delays = [5, 6, 7, 8, 12, 13, 30].map((n) => delayAfter(n, 5, config, 60_000));
    // 12 failures = 7 over the free ones: 1 s × 2^6 = 64 s, capped to 60 s.
    expect(delays).toEqual([0, 1000, 2000, 4000, 60_000, 60_000, 60_000]);
    expect(delayAfter(40, 20, config, config.ipMaxDelayMs)).toBe(15 * 60_000);
  });
});

describe('login throttling in the database', () => {
  it('blocks a username after its free failures and tells when to retry', async () => {
    const subject = { username: 'victim-a', ip: '10.0.0.1' };
    let now = Date.parse('2026-05-01T08:00:00Z');
    for (let i = 0; i < 6; i++) {
      expect(await reserveLoginAttempt(t.database, subject, { now: new Date(now), config })).toEqual({ ok: true });
    }
    expect(await reserveLoginAttempt(t.database, subject, { now: new Date(now), config })).toEqual({
      ok: false,
      retryAfterSeconds: 1,
    });
    now += 1000;
    expect(await reserveLoginAttempt(t.database, subject, { now: new Date(now), config })).toEqual({ ok: true });
    expect(await reserveLoginAttempt(t.database, subject, { now: new Date(now), config })).toEqual({
      ok: false,
      retryAfterSeconds: 2,
    });
  });

  it('never keeps a victim out longer than the username cap, whatever an attacker does', async () => {
    const victim = 'victim-b';
    let now = Date.parse('2026-05-02T08:00:00Z');
    let longest = 0;
    // An attacker from one address retries the moment each delay ends, 40 times.
    for (let i = 0; i < 40; i++) {
      const decision = await reserveLoginAttempt(
        t.database,
        { username: victim, ip: '203.0.113.9' },
        { now: new Date(now), config },
      );
      if (!decision.ok) {
        longest = Math.max(longest, decision.retryAfterSeconds);
        now += decision.retryAfterSeconds * 1000;
      }
    }
    expect(longest).toBeLessThanOrEqual(60);
    // The victim, from their own address, waits at most the cap and gets through.
    const blocked = await reserveLoginAttempt(
      t.database,
      { username: victim, ip: '10.1.1.1' },
      { now: new Date(now), config },
    );
    const wait = blocked.ok ? 0 : blocked.retryAfterSeconds;
    expect(wait).toBeLessThanOrEqual(60);
    now += wait * 1000;
    expect(
      await reserveLoginAttempt(t.database, { username: victim, ip: '10.1.1.1' }, { now: new Date(now), config }),
    ).toEqual({ ok: true });
  });

  it('blocks an address spraying many usernames, up to the address cap', async () => {
    const ip = '198.51.100.7';
    const now = Date.parse('2026-05-03T08:00:00Z');
    for (let i = 0; i < 21; i++) {
      expect(
        (await reserveLoginAttempt(t.database, { username: `spray-${i}`, ip }, { now: new Date(now), config })).ok,
      ).toBe(true);
    }
    const blocked = await reserveLoginAttempt(
      t.database,
      { username: 'spray-new', ip },
      { now: new Date(now), config },
    );
    expect(blocked).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Another address is not affected.
    expect(
      (
        await reserveLoginAttempt(
          t.database,
          { username: 'spray-new', ip: '198.51.100.8' },
          { now: new Date(now), config },
        )
      ).ok,
    ).toBe(true);
  });

  it('forgets the username failures after a success', async () => {
    const subject = { username: 'forgetful', ip: '10.2.2.2' };
    const now = new Date('2026-05-04T08:00:00Z');
    for (let i = 0; i < 5; i++) await reserveLoginAttempt(t.database, subject, { now, config });
    await settleLoginSuccess(t.database, subject, { now, config });
    for (let i = 0; i < 6; i++) expect((await reserveLoginAttempt(t.database, subject, { now, config })).ok).toBe(true);
  });

  it('counts parallel attempts atomically, so a burst cannot slip past the limit', async () => {
    const subject = { username: 'burst', ip: '10.3.3.3' };
    const now = new Date('2026-05-05T08:00:00Z');
    const decisions = await Promise.all(
      Array.from({ length: 15 }, () => reserveLoginAttempt(t.database, subject, { now, config })),
    );
    expect(decisions.filter((d) => d.ok)).toHaveLength(6);
  });

  it('starts afresh after an hour without failures', async () => {
    const subject = { username: 'later', ip: '10.4.4.4' };
    const now = Date.parse('2026-05-06T08:00:00Z');
    for (let i = 0; i < 6; i++) await reserveLoginAttempt(t.database, subject, { now: new Date(now), config });
    expect((await reserveLoginAttempt(t.database, subject, { now: new Date(now), config })).ok).toBe(false);
    const later = new Date(now + 3600_000 + 1000);
    for (let i = 0; i < 6; i++)
      expect((await reserveLoginAttempt(t.database, subject, { now: later, config })).ok).toBe(true);
  });
});
