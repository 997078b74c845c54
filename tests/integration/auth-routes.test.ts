// Login, logout and session lifetime through the real built server and its database file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs, sql } from './helpers/http';

let server: TestServer;
beforeAll(async () => {
  // Throttling is tested on its own server; here it must not get in the way.
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
});
afterAll(() => server?.stop());

const sessionIdOf = (client: HttpClient) => client.sessionToken()?.split('.')[0] ?? '';
const userId = async (username: string) =>
  String((await sql(server.databaseUrl, 'SELECT id FROM users WHERE username = ?', [username])).rows[0]?.id);

describe('logging in', () => {
  it('starts a session in an HttpOnly, SameSite=Lax cookie for the whole site', async () => {
    const client = new HttpClient(server.url);
    const response = await client.post('/dang-nhap/', { username: DEMO_USERS.learner, password: DEMO_PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tai-khoan/');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('taphuan_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const account = await client.get('/tai-khoan/');
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Học viên Mẫu');
  });

  it('creates a new session at every login', async () => {
    const first = await loginAs(server.url, DEMO_USERS.learner);
    const second = await loginAs(server.url, DEMO_USERS.learner);
    expect(first.sessionToken()).not.toBe(second.sessionToken());
  });

  it('accepts usernames in any case', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner.toUpperCase());
    expect((await client.get('/tai-khoan/')).status).toBe(200);
  });

  it('refuses a wrong password and an unknown username with the same message', async () => {
    const wrong = await new HttpClient(server.url).post('/dang-nhap/', {
      username: DEMO_USERS.learner,
      password: 'sai mật khẩu rồi nhé bạn',
    });
    const unknown = await new HttpClient(server.url).post('/dang-nhap/', {
      username: 'khong.ton.tai',
      password: 'sai mật khẩu rồi nhé bạn',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(b).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('taphuan_session=') && !/Max-Age=0/i.test(c))).toBe(
      false,
    );
  });

  it('takes about as long for an unknown username as for a wrong password', async () => {
    const time = async (username: string) => {
      const start = performance.now();
      await new HttpClient(server.url).post('/dang-nhap/', { username, password: 'mot cau sai nao do khong dung' });
      return performance.now() - start;
    };
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(DEMO_USERS.organiser));
      unknown.push(await time(`nobody-${i}`));
    }
    // Loose on purpose (shared CI machine): without the dummy hash, unknown usernames answer
    // in a few ms against tens of ms for argon2, a ratio far outside this band.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('only redirects to paths on this site after login', async () => {
    const evil = await new HttpClient(server.url).post('/dang-nhap/', {
      username: DEMO_USERS.admin,
      password: DEMO_PASSWORD,
      next: '//evil.example/x',
    });
    expect(evil.headers.get('location')).toBe('/tai-khoan/');
    const fine = await new HttpClient(server.url).post('/dang-nhap/', {
      username: DEMO_USERS.admin,
      password: DEMO_PASSWORD,
      next: '/quan-tri/don-vi/',
    });
    expect(fine.headers.get('location')).toBe('/quan-tri/don-vi/');
  });
});

describe('logging out', () => {
  it('deletes the session on the server so a copied cookie cannot be replayed', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    const stolen = new HttpClient(server.url);
    stolen.cookies.set('taphuan_session', client.sessionToken() ?? '');
    expect((await stolen.get('/tai-khoan/')).status).toBe(200);
    const out = await client.post('/dang-xuat', {});
    expect(out.status).toBe(303);
    expect(client.sessionToken()).toBeUndefined();
    expect((await stolen.get('/tai-khoan/')).status).toBe(401);
    expect(
      (await sql(server.databaseUrl, 'SELECT count(*) AS n FROM sessions WHERE id = ?', [sessionIdOf(stolen)])).rows[0]
        ?.n,
    ).toBe(0);
  });

  it('does nothing on GET', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    expect((await client.get('/dang-xuat')).status).toBe(405);
    expect((await client.get('/tai-khoan/')).status).toBe(200);
  });

  it('"Đăng xuất mọi thiết bị" ends every session of the person', async () => {
    const phone = await loginAs(server.url, DEMO_USERS.organiser);
    const desk = await loginAs(server.url, DEMO_USERS.organiser);
    const other = await loginAs(server.url, DEMO_USERS.leader);
    expect(await (await desk.get('/tai-khoan/')).text()).toContain('Đăng xuất mọi thiết bị');
    expect((await desk.post('/tai-khoan/dang-xuat-moi-thiet-bi', {})).status).toBe(303);
    expect((await phone.get('/tai-khoan/')).status).toBe(401);
    expect((await desk.get('/tai-khoan/')).status).toBe(401);
    expect((await other.get('/tai-khoan/')).status).toBe(200);
  });
});

describe('session expiry enforced by the server', () => {
  it('ends a session idle for longer than the idle timeout', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    const nineHoursAgo = Date.now() - 9 * 3600_000;
    await sql(server.databaseUrl, 'UPDATE sessions SET last_active_at = ? WHERE id = ?', [
      nineHoursAgo,
      sessionIdOf(client),
    ]);
    expect((await client.get('/tai-khoan/')).status).toBe(401);
    expect(
      (await sql(server.databaseUrl, 'SELECT count(*) AS n FROM sessions WHERE id = ?', [sessionIdOf(client)])).rows[0]
        ?.n ?? 0,
    ).toBe(0);
  });

  it('ends a session older than the absolute lifetime even if it was just used', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    await sql(server.databaseUrl, 'UPDATE sessions SET created_at = ?, last_active_at = ? WHERE id = ?', [
      Date.now() - 8 * 24 * 3600_000,
      Date.now(),
      sessionIdOf(client),
    ]);
    expect((await client.get('/tai-khoan/')).status).toBe(401);
  });

  it('keeps an active session alive and records the activity', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    const twoMinutesAgo = Date.now() - 120_000;
    await sql(server.databaseUrl, 'UPDATE sessions SET last_active_at = ? WHERE id = ?', [
      twoMinutesAgo,
      sessionIdOf(client),
    ]);
    expect((await client.get('/tai-khoan/')).status).toBe(200);
    const row = await sql(server.databaseUrl, 'SELECT last_active_at FROM sessions WHERE id = ?', [
      sessionIdOf(client),
    ]);
    expect(Number(row.rows[0]?.last_active_at)).toBeGreaterThan(twoMinutesAgo + 60_000);
  });
});

describe('account changes that end sessions', () => {
  it('deactivation by an admin ends every session of the account and blocks login', async () => {
    const learner = await loginAs(server.url, DEMO_USERS.learner);
    const admin = await loginAs(server.url, DEMO_USERS.admin);
    const id = await userId(DEMO_USERS.learner);
    expect((await admin.post(`/quan-tri/nguoi-dung/${id}/`, { intent: 'deactivate' })).status).toBe(303);
    expect((await learner.get('/tai-khoan/')).status).toBe(401);
    const again = await new HttpClient(server.url).post('/dang-nhap/', {
      username: DEMO_USERS.learner,
      password: DEMO_PASSWORD,
    });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('ngừng hoạt động');
    expect((await admin.post(`/quan-tri/nguoi-dung/${id}/`, { intent: 'reactivate' })).status).toBe(303);
    expect((await loginAs(server.url, DEMO_USERS.learner).then((c) => c.get('/tai-khoan/'))).status).toBe(200);
  });

  it('a temporary password set by an admin must be changed first, and the change ends other sessions', async () => {
    const admin = await loginAs(server.url, DEMO_USERS.admin);
    const created = await admin.post('/quan-tri/nguoi-dung/tao-moi/', {
      username: 'tam.thoi',
      fullName: 'Nguyễn Tạm Thời',
      unitId: 'don-vi-minh-hoa-b',
      position: 'Cán bộ',
      roles: ['learner'],
    });
    expect(created.status).toBe(200);
    const temporary = /data-testid="temporary-password">([^<]+)</.exec(await created.text())?.[1] ?? '';
    expect(temporary).toMatch(/^[a-z0-9-]{23}$/);

    const person = new HttpClient(server.url);
    const login = await person.post('/dang-nhap/', { username: 'tam.thoi', password: temporary });
    expect(login.headers.get('location')).toBe('/tai-khoan/doi-mat-khau/');
    const elsewhere = await person.get('/tai-khoan/');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('/tai-khoan/doi-mat-khau/');
    expect((await person.post('/tai-khoan/dang-xuat-moi-thiet-bi', {})).status).toBe(403);

    const secondDevice = await loginAs(server.url, 'tam.thoi', temporary);
    const weak = await person.post('/tai-khoan/doi-mat-khau/', {
      currentPassword: temporary,
      newPassword: 'ngắn quá',
      confirmPassword: 'ngắn quá',
    });
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain('ít nhất 15 ký tự');
    expect(weakPage).not.toContain('ngắn quá');
    const newPassword = 'buổi sáng uống trà ở cơ quan';
    const changed = await person.post('/tai-khoan/doi-mat-khau/', {
      currentPassword: temporary,
      newPassword,
      confirmPassword: newPassword,
    });
    expect(changed.status).toBe(303);
    expect((await person.get('/tai-khoan/')).status).toBe(200);
    expect((await secondDevice.get('/tai-khoan/')).status).toBe(401);
    expect(
      (await new HttpClient(server.url).post('/dang-nhap/', { username: 'tam.thoi', password: temporary })).status,
    ).toBe(401);
    expect((await loginAs(server.url, 'tam.thoi', newPassword).then((c) => c.get('/tai-khoan/'))).status).toBe(200);
  });

  it('an admin password reset ends the sessions of that account', async () => {
    const organiser = await loginAs(server.url, DEMO_USERS.organiser);
    const admin = await loginAs(server.url, DEMO_USERS.admin);
    const reset = await admin.post(`/quan-tri/nguoi-dung/${await userId(DEMO_USERS.organiser)}/`, {
      intent: 'reset-password',
    });
    expect(await reset.text()).toContain('Mật khẩu tạm thời');
    expect((await organiser.get('/tai-khoan/')).status).toBe(401);
  });
});

describe('cross-site requests (CSRF)', () => {
  it('refuses a cross-origin login form post', async () => {
    const response = await new HttpClient(server.url).post(
      '/dang-nhap/',
      { username: DEMO_USERS.admin, password: DEMO_PASSWORD },
      { origin: 'http://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toHaveLength(0);
  });

  it('refuses a cross-origin form post that would change an account', async () => {
    const admin = await loginAs(server.url, DEMO_USERS.admin);
    const id = await userId(DEMO_USERS.leader);
    const response = await admin.post(
      `/quan-tri/nguoi-dung/${id}/`,
      { intent: 'deactivate' },
      { origin: 'http://evil.example' },
    );
    expect(response.status).toBe(403);
    expect((await sql(server.databaseUrl, 'SELECT active FROM users WHERE id = ?', [id])).rows[0]?.active).toBe(1);
  });

  it('refuses cross-origin and origin-less JSON posts, with a Vietnamese JSON error', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    for (const origin of ['http://evil.example', null]) {
      const response = await client.post('/dang-xuat', new FormData(), {
        origin,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      });
      expect(response.status).toBe(403);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toContain('không xuất phát từ trang');
    }
    expect((await client.get('/tai-khoan/')).status).toBe(200);
  });

  it('refuses a form post without an Origin header', async () => {
    const response = await new HttpClient(server.url).post(
      '/dang-nhap/',
      { username: DEMO_USERS.admin, password: DEMO_PASSWORD },
      { origin: null },
    );
    expect(response.status).toBe(403);
  });
});
