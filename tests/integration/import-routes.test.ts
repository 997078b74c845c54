// Bulk import through the admin pages of the real built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs, sql } from './helpers/http';

let server: TestServer;
let admin: HttpClient;
beforeAll(async () => {
  server = await startServer();
  admin = await loginAs(server.url, DEMO_USERS.admin);
});
afterAll(() => server?.stop());

const PATH = '/quan-tri/nhap-nguoi-dung/';
const countUsers = async () => Number((await sql(server.databaseUrl, 'SELECT count(*) AS n FROM users')).rows[0]?.n);

async function upload(client: HttpClient, name: string, text: string): Promise<Response> {
  const form = new FormData();
  form.set('intent', 'upload');
  form.set('file', new File([`\uFEFF${text}`], name, { type: 'text/csv' }));
  return client.post(PATH, form);
}

describe('importing staff from a file', () => {
  it('previews every problem by row number and writes nothing when one row is bad', async () => {
    const before = await countUsers();
    const csv = [
      'Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò',
      'Hai Tốt,hai.tot,don-vi-minh-hoa-a,Cán bộ,Học viên',
      'Ba Xấu,ba.xau,Đơn vị ma,Cán bộ,Học viên',
    ].join('\n');
    const uploaded = await upload(admin, 'co-loi.csv', csv);
    expect(uploaded.status).toBe(303);
    const previewUrl = uploaded.headers.get('location') ?? '';
    expect(previewUrl).toMatch(/\?phien=/);
    const preview = await (await admin.get(previewUrl)).text();
    expect(preview).toContain('1 trên 2 dòng có lỗi');
    expect(preview).toContain('Không tìm thấy đơn vị &quot;Đơn vị ma&quot;');
    expect(preview).not.toContain('name="intent" value="confirm"');
    // Even a forged confirmation of this file creates nothing.
    const stash = new URL(previewUrl, server.url).searchParams.get('phien') ?? '';
    const forced = await admin.post(PATH, { intent: 'confirm', stash });
    expect(forced.status).toBe(400);
    expect(await countUsers()).toBe(before);
  });

  it('imports a valid file all at once and shows the temporary passwords once', async () => {
    const before = await countUsers();
    const csv = [
      'Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò',
      'Bốn Một,bon.mot,Đơn vị minh họa A (dữ liệu mẫu),Kiểm sát viên,',
      'Bốn Hai,bon.hai,don-vi-minh-hoa-b,chuyên viên,"Học viên, Lãnh đạo"',
    ].join('\n');
    const previewUrl = (await upload(admin, 'tot.csv', csv)).headers.get('location') ?? '';
    const preview = await (await admin.get(previewUrl)).text();
    expect(preview).toContain('Cả 2 dòng đều hợp lệ');
    const stash = new URL(previewUrl, server.url).searchParams.get('phien') ?? '';
    const done = await admin.post(PATH, { intent: 'confirm', stash });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('Đã tạo 2 tài khoản');
    expect(page).toContain('download="mat-khau-tam-thoi.csv"');
    expect(await countUsers()).toBe(before + 2);
    const password = /<td>bon\.hai<\/td><td>[^<]*<\/td><td><span class="acc-secret">([^<]+)</.exec(page)?.[1] ?? '';
    const login = await new HttpClient(server.url).post('/dang-nhap/', { username: 'bon.hai', password });
    expect(login.headers.get('location')).toBe('/tai-khoan/doi-mat-khau/');
    // Going back to the preview shows nothing more: the stash is gone.
    expect(await (await admin.get(previewUrl)).text()).toContain('Phiên nhập đã hết hạn');
  });

  it('keeps an uploaded file private to the admin session that uploaded it', async () => {
    const otherAdmin = await loginAs(server.url, DEMO_USERS.admin);
    const csv = ['Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò', 'Năm Một,nam.mot,don-vi-minh-hoa-a,Cán bộ,'].join(
      '\n',
    );
    const previewUrl = (await upload(admin, 'rieng.csv', csv)).headers.get('location') ?? '';
    const stash = new URL(previewUrl, server.url).searchParams.get('phien') ?? '';
    const before = await countUsers();
    expect((await otherAdmin.post(PATH, { intent: 'confirm', stash })).status).toBe(400);
    expect(await countUsers()).toBe(before);
  });
});
