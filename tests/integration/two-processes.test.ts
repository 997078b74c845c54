// Two app processes on one libSQL database file, serving logins and writes at the same time:
// the busy timeout, WAL and BEGIN IMMEDIATE must leave zero SQLITE_BUSY errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs, sql } from './helpers/http';

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  const relaxed = { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' };
  first = await startServer({ env: relaxed });
  second = await startServer({ env: { ...relaxed, DATABASE_URL: first.databaseUrl } });
}, 120_000);
afterAll(async () => {
  // The second server uses the first one's database file, which first.stop() deletes.
  await second?.stop();
  await first?.stop();
});

describe('two app processes on one database file', () => {
  it('serve concurrent logins, logouts and account creation with zero SQLITE_BUSY', async () => {
    const servers = [first, second];
    const adminA = await loginAs(first.url, DEMO_USERS.admin);
    const adminB = await loginAs(second.url, DEMO_USERS.admin);
    const usernames = Object.values(DEMO_USERS);

    const logins = Array.from({ length: 48 }, async (_, i) => {
      const server = servers[i % 2] as TestServer;
      const client = await loginAs(server.url, usernames[i % usernames.length] ?? '');
      const page = await client.get('/tai-khoan/');
      if (i % 3 === 0) await client.post('/dang-xuat', {});
      return page.status;
    });
    const creations = Array.from({ length: 16 }, async (_, i) => {
      const admin = i % 2 ? adminB : adminA;
      const response = await admin.post('/quan-tri/nguoi-dung/tao-moi/', {
        username: `dong.thoi.${i}`,
        fullName: `Đồng Thời ${i}`,
        unitId: 'don-vi-minh-hoa-a',
        position: 'Cán bộ',
        roles: ['learner'],
      });
      return response.status;
    });
    const [loginStatuses, creationStatuses] = await Promise.all([Promise.all(logins), Promise.all(creations)]);

    expect(loginStatuses.every((s) => s === 200)).toBe(true);
    expect(creationStatuses.every((s) => s === 200)).toBe(true);
    const created = await sql(first.databaseUrl, "SELECT count(*) AS n FROM users WHERE username LIKE 'dong.thoi.%'");
    expect(created.rows[0]?.n).toBe(16);
    // 48 logins, every third logged out again (16), plus the two admin sessions.
    const sessions = await sql(first.databaseUrl, 'SELECT count(*) AS n FROM sessions');
    expect(sessions.rows[0]?.n).toBe(48 - 16 + 2);
    for (const server of servers) {
      expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked/i);
    }
    // Both processes really served: each sees sessions the other created.
    const crossCheck = new HttpClient(second.url);
    crossCheck.cookies.set('taphuan_session', adminA.sessionToken() ?? '');
    expect((await crossCheck.get('/quan-tri/')).status).toBe(200);
  }, 120_000);
});
