// Login throttling through the real built server. TRUST_PROXY=1 lets the test play clients
// at different addresses with X-Forwarded-For; delays are shortened to keep the test quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD, DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient } from './helpers/http';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      TRUST_PROXY: '1',
      THROTTLE_BASE_DELAY_MS: '1000',
      THROTTLE_USERNAME_FREE: '3',
      THROTTLE_USERNAME_MAX_DELAY_MS: '2000',
      THROTTLE_IP_FREE: '6',
      THROTTLE_IP_MAX_DELAY_MS: '4000',
    },
  });
});
afterAll(() => server?.stop());

const attempt = (username: string, password: string, ip: string) =>
  new HttpClient(server.url).post('/dang-nhap/', { username, password }, { headers: { 'x-forwarded-for': ip } });

describe('login throttling', () => {
  it('answers 429 with a Vietnamese retry time, then lets the right password in after the wait', async () => {
    const user = DEMO_USERS.learner;
    for (let i = 0; i < 4; i++) expect((await attempt(user, 'mat khau sai hoan toan', '10.9.0.1')).status).toBe(401);
    const throttled = await attempt(user, DEMO_PASSWORD, '10.9.0.1');
    expect(throttled.status).toBe(429);
    const seconds = Number(throttled.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(await throttled.text()).toContain(`Vui lòng thử lại sau ${seconds} giây`);
    await sleep(seconds * 1000 + 100);
    expect((await attempt(user, DEMO_PASSWORD, '10.9.0.1')).status).toBe(303);
  });

  it('does not lock a victim out for longer than the username cap, whatever an attacker does from elsewhere', async () => {
    const victim = DEMO_USERS.organiser;
    // The attacker keeps guessing from several addresses, always retrying at once.
    const attacker = (async () => {
      for (let i = 0; i < 30; i++) await attempt(victim, `doan sai lan thu ${i} nhe`, `203.0.113.${i % 3}`);
    })();
    await sleep(300);
    const start = Date.now();
    let status = 0;
    while (Date.now() - start < 10_000) {
      const response = await attempt(victim, DEMO_PASSWORD, '10.9.0.2');
      status = response.status;
      if (status === 303) break;
      expect(status).toBe(429);
      const seconds = Number(response.headers.get('retry-after'));
      expect(seconds).toBeLessThanOrEqual(2);
      await sleep(seconds * 1000);
    }
    await attacker;
    expect(status).toBe(303);
  });

  it('slows down one address spraying many usernames without touching other addresses', async () => {
    const ip = '198.51.100.20';
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await attempt(`ai.do.${i}`, 'mat khau doan bua', ip)).status);
    expect(statuses.slice(0, 7)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(7)).toContain(429);
    expect((await attempt(DEMO_USERS.leader, DEMO_PASSWORD, '198.51.100.21')).status).toBe(303);
  });
});
