import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index';
import { createSession } from '../../src/lib/server/session';
import {
  checkImportRows,
  confirmImport,
  loadStash,
  parseImportFile,
  stashImport,
  temporaryPasswordsCsv,
} from '../../src/lib/server/user-import';
import { createUser } from '../../src/lib/server/users';
import { verifyPassword } from '../../src/lib/server/password';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
let sessionId: string;
let otherSessionId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const [admin] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'quantri.mau'));
  sessionId = (await createSession(t.database, admin?.id ?? '')).session.id;
  otherSessionId = (await createSession(t.database, admin?.id ?? '')).session.id;
});
afterAll(() => t.cleanup());

const utf8 = (text: string) => new TextEncoder().encode(text);
const countUsers = async () => (await t.database.db.select({ n: sql<number>`count(*)` }).from(users))[0]?.n ?? 0;

const GOOD_CSV = [
  'Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò',
  'Trần Thị Bình,tran.thi.binh,Đơn vị minh họa A (dữ liệu mẫu),Kiểm sát viên,Học viên',
  'Lê Văn Cường,le.van.cuong,don-vi-minh-hoa-b,chuyên viên,"Học viên, Tổ chức"',
].join('\r\n');

describe('reading files as Excel exports them', () => {
  it('reads UTF-8 CSV with a BOM and Vietnamese headers', async () => {
    const result = await parseImportFile('ds.csv', utf8(`\uFEFF${GOOD_CSV}`));
    expect(result).toMatchObject({
      ok: true,
      rows: [
        { row: 2, fullName: 'Trần Thị Bình', username: 'tran.thi.binh' },
        { row: 3, roles: 'Học viên, Tổ chức' },
      ],
    });
  });

  it('reads semicolon-separated CSV without a BOM and headers without diacritics in any case', async () => {
    const text =
      'HO VA TEN;ten dang nhap;Don Vi;chuc vu;VAI TRO\nPhạm Dũng;pham.dung;Đơn vị minh họa B (dữ liệu mẫu);Cán bộ;';
    expect(await parseImportFile('ds.csv', utf8(text))).toMatchObject({
      ok: true,
      rows: [{ row: 2, fullName: 'Phạm Dũng', roles: '' }],
    });
  });

  it('reads the first sheet of an XLSX workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cán bộ');
    sheet.addRow(['Họ và tên', 'Tên đăng nhập', 'Đơn vị', 'Chức vụ', 'Vai trò']);
    sheet.addRow(['Đỗ Thị Hoa', 'do.thi.hoa', 'Bộ phận minh họa A1 (dữ liệu mẫu)', 'Kiểm tra viên', 'Học viên']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await parseImportFile('ds.xlsx', bytes)).toMatchObject({
      ok: true,
      rows: [{ row: 2, fullName: 'Đỗ Thị Hoa', username: 'do.thi.hoa' }],
    });
  });

  it('explains files that are not UTF-8 or miss required columns', async () => {
    const latin1 = Uint8Array.from([0x48, 0xf4, 0x20, 0x74, 0xea, 0x6e, 0x0a]);
    expect(await parseImportFile('ds.csv', latin1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('UTF-8'),
    });
    expect(await parseImportFile('ds.csv', utf8('Họ và tên,Đơn vị\nA,B'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('"Tên đăng nhập"'),
    });
  });
});

describe('preview', () => {
  it('lists every problem of every row by row number, writing nothing', async () => {
    const csv = [
      'Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò',
      'Ngô Văn Một,ngo.van.mot,don-vi-minh-hoa-a,Kiểm sát viên,Học viên',
      ',thieu.ten,don-vi-minh-hoa-a,Kiểm sát viên,',
      'Trùng Tên,ngo.van.mot,Không có đơn vị này,Thủ kho,Siêu nhân',
      'Đã Có,hocvien.mau,don-vi-minh-hoa-a,Cán bộ,Học viên',
      'Sai Tên,Có Dấu Cách,don-vi-minh-hoa-a,Cán bộ,Học viên',
    ].join('\n');
    const parsed = await parseImportFile('ds.csv', utf8(csv));
    if (!parsed.ok) throw new Error(parsed.message);
    const before = await countUsers();
    const checks = await checkImportRows(t.database, parsed.rows);
    const byRow = Object.fromEntries(checks.map((c) => [c.row.row, c.problems.join(' | ')]));
    expect(byRow[2]).toBe('');
    expect(byRow[3]).toContain('Thiếu "Họ và tên"');
    expect(byRow[4]).toContain('trùng với dòng 2');
    expect(byRow[4]).toContain('Không tìm thấy đơn vị "Không có đơn vị này"');
    expect(byRow[4]).toContain('Chức vụ "Thủ kho"');
    expect(byRow[4]).toContain('Vai trò không hợp lệ: "Siêu nhân"');
    expect(byRow[5]).toContain('đã có tài khoản');
    expect(byRow[6]).toContain('Tên đăng nhập "Có Dấu Cách"');
    expect(await countUsers()).toBe(before);
  });
});

describe('confirming an import', () => {
  it('creates every account with a temporary password that must be changed', async () => {
    const parsed = await parseImportFile('ds.csv', utf8(GOOD_CSV));
    if (!parsed.ok) throw new Error(parsed.message);
    const stash = await stashImport(t.database, sessionId, 'ds.csv', parsed.rows);
    const result = await confirmImport(t.database, stash, sessionId);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.created.map((a) => a.username)).toEqual(['tran.thi.binh', 'le.van.cuong']);
    const [binh] = await t.database.db.select().from(users).where(eq(users.username, 'tran.thi.binh'));
    expect(binh?.mustChangePassword).toBe(true);
    expect(await verifyPassword(binh?.passwordHash ?? '', result.created[0]?.temporaryPassword ?? '')).toBe(true);
    expect(temporaryPasswordsCsv(result.created)).toContain(result.created[1]?.temporaryPassword);
    // The stash is gone: the same file cannot be imported twice.
    expect(await confirmImport(t.database, stash, sessionId)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('writes nothing when one row is bad', async () => {
    const csv = [
      'Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò',
      'Tốt Một,tot.mot,don-vi-minh-hoa-a,Cán bộ,',
      'Xấu Hai,xau.hai,khong-ton-tai,Cán bộ,',
    ].join('\n');
    const parsed = await parseImportFile('ds.csv', utf8(csv));
    if (!parsed.ok) throw new Error(parsed.message);
    const before = await countUsers();
    const result = await confirmImport(
      t.database,
      await stashImport(t.database, sessionId, 'ds.csv', parsed.rows),
      sessionId,
    );
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await countUsers()).toBe(before);
  });

  it('writes nothing when an account appeared between preview and confirmation', async () => {
    const csv = [
      'Họ và tên,Tên đăng nhập,Đơn vị,Chức vụ,Vai trò',
      'Ba Một,ba.mot,don-vi-minh-hoa-a,Cán bộ,',
      'Ba Hai,ba.hai,don-vi-minh-hoa-a,Cán bộ,',
    ].join('\n');
    const parsed = await parseImportFile('ds.csv', utf8(csv));
    if (!parsed.ok) throw new Error(parsed.message);
    const stash = await stashImport(t.database, sessionId, 'ds.csv', parsed.rows);
    await createUser(t.database, {
      username: 'ba.hai',
      fullName: 'Người Khác',
      unitId: 'don-vi-minh-hoa-b',
      position: 'Cán bộ',
      roles: ['learner'],
      password: 'mot cau mat khau rat dai',
      mustChangePassword: false,
    });
    const before = await countUsers();
    const result = await confirmImport(t.database, stash, sessionId);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await countUsers()).toBe(before);
    expect(await t.database.db.select().from(users).where(eq(users.username, 'ba.mot'))).toHaveLength(0);
  });

  it('keeps a stashed file private to the session that uploaded it', async () => {
    const parsed = await parseImportFile('ds.csv', utf8(GOOD_CSV));
    if (!parsed.ok) throw new Error(parsed.message);
    const stash = await stashImport(t.database, sessionId, 'ds.csv', parsed.rows);
    expect(await loadStash(t.database, stash, otherSessionId)).toBeNull();
    expect(await confirmImport(t.database, stash, otherSessionId)).toEqual({ ok: false, reason: 'not-found' });
    expect(await loadStash(t.database, stash, sessionId, new Date(Date.now() + 31 * 60_000))).toBeNull();
  });
});
