// Who may open which route, through the real built server: anonymous visitors, each demo
// role, and a leader's unit scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs, sql } from './helpers/http';

let server: TestServer;
let clients: Record<'anonymous' | 'learner' | 'organiser' | 'leader' | 'admin', HttpClient>;
let learnerId: string;

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  clients = {
    anonymous: new HttpClient(server.url),
    learner: await loginAs(server.url, DEMO_USERS.learner),
    organiser: await loginAs(server.url, DEMO_USERS.organiser),
    leader: await loginAs(server.url, DEMO_USERS.leader),
    admin: await loginAs(server.url, DEMO_USERS.admin),
  };
  learnerId = String(
    (await sql(server.databaseUrl, 'SELECT id FROM users WHERE username = ?', [DEMO_USERS.learner])).rows[0]?.id,
  );
});
afterAll(() => server?.stop());

type Who = keyof typeof clients;
const everyone: Who[] = ['anonymous', 'learner', 'organiser', 'leader', 'admin'];

/** Expected status per visitor: 200 where allowed, 401 anonymous, 403 signed in without the right. */
function expected(allowed: Who[]): Record<Who, number> {
  return Object.fromEntries(
    everyone.map((w) => [w, allowed.includes(w) ? 200 : w === 'anonymous' ? 401 : 403]),
  ) as Record<Who, number>;
}

const signedIn: Who[] = ['learner', 'organiser', 'leader', 'admin'];
const ROUTES: { path: () => string; allowed: Who[] }[] = [
  { path: () => '/tai-khoan/', allowed: signedIn },
  { path: () => '/tai-khoan/doi-mat-khau/', allowed: signedIn },
  { path: () => '/tai-khoan/don-vi/don-vi-minh-hoa-a/', allowed: ['leader', 'admin'] },
  { path: () => '/quan-tri/', allowed: ['admin'] },
  { path: () => '/quan-tri/nguoi-dung/', allowed: ['admin'] },
  { path: () => '/quan-tri/nguoi-dung/tao-moi/', allowed: ['admin'] },
  { path: () => `/quan-tri/nguoi-dung/${learnerId}/`, allowed: ['admin'] },
  { path: () => '/quan-tri/don-vi/', allowed: ['admin'] },
  { path: () => '/quan-tri/don-vi/tao-moi/', allowed: ['admin'] },
  { path: () => '/quan-tri/don-vi/vksnd-huyen-my-xuyen/', allowed: ['admin'] },
  { path: () => '/quan-tri/nhap-nguoi-dung/', allowed: ['admin'] },
  { path: () => '/hoc-tap-cua-toi/', allowed: signedIn },
  { path: () => '/lanh-dao/giao-khoa-hoc/', allowed: ['leader', 'admin'] },
  { path: () => '/lanh-dao/', allowed: ['leader', 'admin'] },
  { path: () => '/lanh-dao/don-vi/bo-phan-minh-hoa-a1/', allowed: ['leader', 'admin'] },
  { path: () => '/lanh-dao/bao-cao/', allowed: ['leader', 'admin'] },
  { path: () => '/lanh-dao/xuat/tong-hop.csv', allowed: ['leader', 'admin'] },
  { path: () => '/bien-tap/', allowed: ['organiser', 'leader', 'admin'] },
  { path: () => '/bien-tap/toa-dam/moi/', allowed: ['organiser', 'leader', 'admin'] },
  { path: () => '/bien-tap/cach-lam-hay/moi/', allowed: ['organiser', 'leader', 'admin'] },
  { path: () => '/bien-tap/duyet/', allowed: ['leader', 'admin'] },
];

describe('every protected page knows who may see it', () => {
  for (const route of ROUTES) {
    it(`${route.allowed.join(', ')} may open ${route.path().replace(/u_[0-9a-f]+/, '<id>')}`, async () => {
      const seen: Record<string, number> = {};
      for (const who of everyone) seen[who] = (await clients[who].get(route.path())).status;
      expect(seen).toEqual(expected(route.allowed));
    });
  }

  it('answers refusals with Vietnamese pages, a login link for anonymous visitors, never a stack trace', async () => {
    const anonymous = await clients.anonymous.get('/quan-tri/nguoi-dung/?q=x');
    const body = await anonymous.text();
    expect(body).toContain('Cần đăng nhập');
    expect(body).toContain('/dang-nhap/?next=%2Fquan-tri%2Fnguoi-dung%2F%3Fq%3Dx');
    const forbidden = await (await clients.learner.get('/quan-tri/')).text();
    expect(forbidden).toContain('Không có quyền truy cập');
    expect(forbidden).not.toMatch(/at .*\.(m?js|ts):\d+/);
  });

  it('answers an over-long keyword on the user list with a field error and the unfiltered list', async () => {
    // Found by the hostile-input fuzz test: a 101-character keyword used to end in a 500.
    const response = await clients.admin.get(`/quan-tri/nguoi-dung/?q=${'a'.repeat(3000)}&trang=x`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('Từ khóa quá dài');
    expect(body).toContain(DEMO_USERS.learner);
  });

  it('shows back what a form carried when the session had ended, without ids or passwords', async () => {
    const body = 'Dòng một của biên bản\nDòng hai <b>đậm</b>';
    const response = await clients.anonymous.post('/bien-tap/toa-dam/moi/', {
      title: 'Tọa đàm chưa kịp lưu',
      body,
      intent: 'save',
      version: '7',
      currentPassword: 'bi-mat-khong-hien',
    });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('Nội dung vừa gửi chưa được lưu');
    expect(html).toContain('Tọa đàm chưa kịp lưu');
    expect(html).toContain('Dòng hai &lt;b&gt;đậm&lt;/b&gt;');
    expect(html).not.toContain('bi-mat-khong-hien');
    expect(html).toContain('>Nội dung</label>');
    expect(html).not.toMatch(/>(intent|version|currentPassword)<\/label>/);
    // A page refused on GET shows no such section.
    expect(await (await clients.anonymous.get('/bien-tap/')).text()).not.toContain('chưa được lưu');
  });

  it('answers 404 for an account or unit that does not exist', async () => {
    expect((await clients.admin.get('/quan-tri/nguoi-dung/u_khong_co/')).status).toBe(404);
    expect((await clients.admin.get('/quan-tri/don-vi/khong-co/')).status).toBe(404);
  });

  it('answers JSON clients with JSON refusals', async () => {
    const response = await clients.anonymous.get('/quan-tri/', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('lets everyone read public content', async () => {
    for (const who of everyone) {
      expect((await clients[who].get('/toa-dam/')).status, who).toBe(200);
      expect((await clients[who].get('/dang-nhap/')).status, who).toBe(who === 'anonymous' ? 200 : 303);
    }
  });

  it('refuses admin actions posted by other roles and changes nothing', async () => {
    for (const who of ['learner', 'organiser', 'leader'] as const) {
      const response = await clients[who].post(`/quan-tri/nguoi-dung/${learnerId}/`, { intent: 'deactivate' });
      expect(response.status, who).toBe(403);
      const created = await clients[who].post('/quan-tri/nguoi-dung/tao-moi/', {
        username: `hack.${who}`,
        fullName: 'Không Được',
        unitId: 'don-vi-minh-hoa-a',
        position: 'Cán bộ',
        roles: ['admin'],
      });
      expect(created.status, who).toBe(403);
    }
    const rows = await sql(server.databaseUrl, "SELECT count(*) AS n FROM users WHERE username LIKE 'hack.%'");
    expect(rows.rows[0]?.n).toBe(0);
    expect((await sql(server.databaseUrl, 'SELECT active FROM users WHERE id = ?', [learnerId])).rows[0]?.active).toBe(
      1,
    );
  });
});

describe("a leader's unit scope", () => {
  it('covers their unit and the units below it, and nothing else', async () => {
    const leader = clients.leader;
    expect((await leader.get('/tai-khoan/don-vi/don-vi-minh-hoa-a/')).status).toBe(200);
    expect((await leader.get('/tai-khoan/don-vi/bo-phan-minh-hoa-a1/')).status).toBe(200);
    expect((await leader.get('/tai-khoan/don-vi/don-vi-minh-hoa-b/')).status).toBe(403);
    expect((await leader.get('/tai-khoan/don-vi/vksnd-tp-can-tho/')).status).toBe(403);
    expect((await clients.admin.get('/tai-khoan/don-vi/don-vi-minh-hoa-b/')).status).toBe(200);
  });

  it('shows the staff of the unit and its sub-units only', async () => {
    const page = await (await clients.leader.get('/tai-khoan/don-vi/don-vi-minh-hoa-a/')).text();
    expect(page).toContain('Học viên Mẫu');
    expect(page).toContain('Lãnh đạo Mẫu');
    expect(page).not.toContain('Người tổ chức Mẫu');
  });
});
