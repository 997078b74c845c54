// The leaders' dashboard through the real built server: roles, unit scope on every view and
// export (403 for a sibling unit, the parent unit and people outside the subtree), filter
// validation, and the exports' content read back by papaparse and exceljs.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_COURSE,
  REPORT_COURSE_TITLE,
  seedReportFixture,
  UNITS,
  type ReportFixture,
} from '../support/report-fixture';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs } from './helpers/http';

let server: TestServer;
let fixture: ReportFixture;
let leader: HttpClient;
let admin: HttpClient;
let learner: HttpClient;

const EXPORTS = ['tong-hop.xlsx', 'tong-hop.csv', 'danh-sach.xlsx', 'danh-sach.csv'] as const;

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  fixture = await seedReportFixture(server.databaseUrl);
  leader = await loginAs(server.url, DEMO_USERS.leader);
  admin = await loginAs(server.url, DEMO_USERS.admin);
  learner = await loginAs(server.url, DEMO_USERS.learner);
});
afterAll(() => server?.stop());

/** Every view and export of the dashboard for a `don-vi` filter. */
function viewsFor(unitId: string): string[] {
  const q = `?don-vi=${unitId}`;
  return [
    `/lanh-dao/${q}`,
    `/lanh-dao/don-vi/${unitId}/`,
    `/lanh-dao/bao-cao/${q}`,
    `/lanh-dao/bao-cao.pdf${q}`,
    ...EXPORTS.map((f) => `/lanh-dao/xuat/${f}${q}`),
  ];
}

describe('who may open the dashboard', () => {
  it('sends anonymous visitors to log in and refuses learners, on pages and downloads', async () => {
    const anonymous = new HttpClient(server.url);
    for (const path of ['/lanh-dao/', '/lanh-dao/xuat/tong-hop.csv', '/lanh-dao/bao-cao.pdf']) {
      expect((await anonymous.get(path)).status, path).toBe(401);
      expect((await learner.get(path)).status, path).toBe(403);
    }
  });

  it('shows a leader their own subtree on every view and download', async () => {
    for (const path of [
      ...viewsFor(UNITS.leader),
      ...viewsFor(UNITS.below),
      `/lanh-dao/nguoi/${fixture.learnerId}/`,
      `/lanh-dao/?dot-giao=${fixture.assignmentId}`,
    ]) {
      const response = await leader.get(path);
      expect(response.status, path).toBe(200);
      await response.arrayBuffer();
    }
  });
});

describe('unit scope is enforced on the server', () => {
  it('refuses a leader the sibling unit and the parent unit on every view and export', async () => {
    for (const unitId of [UNITS.sibling, UNITS.parent]) {
      for (const path of viewsFor(unitId)) {
        const response = await leader.get(path);
        expect(response.status, path).toBe(403);
        const body = await response.text();
        // Nothing of the refused unit leaks into the refusal.
        expect(body, path).not.toContain(UNITS.siblingName);
      }
    }
  });

  it('refuses a leader people outside the subtree and unknown ids alike', async () => {
    for (const id of [fixture.outsiderId, fixture.organiserId, 'u_khong_ton_tai']) {
      expect((await leader.get(`/lanh-dao/nguoi/${id}/`)).status, id).toBe(403);
    }
    expect((await admin.get(`/lanh-dao/nguoi/${fixture.outsiderId}/`)).status).toBe(200);
  });

  it('refuses a leader an assignment of another unit, as a filter and in exports', async () => {
    for (const path of [
      `/lanh-dao/?dot-giao=${fixture.outsideAssignmentId}`,
      `/lanh-dao/xuat/danh-sach.csv?dot-giao=${fixture.outsideAssignmentId}`,
      `/lanh-dao/bao-cao.pdf?dot-giao=${fixture.outsideAssignmentId}`,
    ]) {
      expect((await leader.get(path)).status, path).toBe(403);
    }
    expect((await admin.get(`/lanh-dao/?dot-giao=${fixture.outsideAssignmentId}`)).status).toBe(200);
  });

  it('opens matrix rows down the hierarchy with links, without JavaScript', async () => {
    const closed = await (await admin.get(`/lanh-dao/?don-vi=${UNITS.parent}`)).text();
    expect(closed).toContain(`id="u-${UNITS.leader}"`);
    expect(closed).not.toContain(`id="u-${UNITS.below}"`);
    const open = await (await admin.get(`/lanh-dao/?don-vi=${UNITS.parent}&mo=${UNITS.leader}`)).text();
    expect(open).toContain(`id="u-${UNITS.below}"`);
    expect(open).toContain(`href="/lanh-dao/?don-vi=${UNITS.parent}#u-${UNITS.leader}"`);
  });

  it('gives an admin the sibling unit', async () => {
    const response = await admin.get(`/lanh-dao/?don-vi=${UNITS.sibling}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(UNITS.siblingName);
  });

  it('answers 400 with Vietnamese messages for invalid filters', async () => {
    const bad = await leader.get('/lanh-dao/?tu=2026-02-30&trang-thai=khong-biet');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Ngày bắt đầu kỳ báo cáo không hợp lệ');
    expect(html).toContain('Trạng thái không hợp lệ');
    expect((await leader.get('/lanh-dao/xuat/tong-hop.csv?den=hom-qua')).status).toBe(400);
    expect((await leader.get('/lanh-dao/?tu=2026-05-01&den=2026-04-01')).status).toBe(400);
  });
});

describe('exports', () => {
  it('give the same matrix in CSV and XLSX, with the hand-checked numbers', async () => {
    const query = `?khoa-hoc=${REPORT_COURSE}`;
    const csvResponse = await leader.get(`/lanh-dao/xuat/tong-hop.csv${query}`);
    expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvResponse.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tong-hop-don-vi-minh-hoa-a-/,
    );
    const csvBytes = new Uint8Array(await csvResponse.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = Papa.parse<string[]>(new TextDecoder().decode(csvBytes).replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;

    const xlsxResponse = await leader.get(`/lanh-dao/xuat/tong-hop.xlsx${query}`);
    expect(xlsxResponse.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    const last = csv[0]!.length - 1;
    // The workbook holds the rate as a fraction with a % format; the CSV as a percentage.
    const xlsx = (sheet.getSheetValues().slice(1) as unknown[][]).map((row) =>
      Array.from({ length: last + 1 }, (_, i) => {
        const v = row[i + 1];
        if (v === null || v === undefined) return '';
        return i === last && typeof v === 'number' ? String(Math.round(v * 1000) / 10) : String(v);
      }),
    );
    expect(sheet.getRow(2).getCell(last + 1).numFmt).toBe('0.0%');
    expect(xlsx).toEqual(csv);
    expect(csv[0]).toContain('Hoàn thành đúng hạn');
    // Unit A with A1 below: the learner completed on time, the leader and the admin are overdue.
    const lineA = csv.find((r) => r[1] === UNITS.leader);
    expect(lineA).toEqual([
      'Đơn vị minh họa A (dữ liệu mẫu)',
      UNITS.leader,
      '1',
      REPORT_COURSE_TITLE,
      '3',
      '1',
      '0',
      '0',
      '0',
      '2',
      '33.3',
    ]);
    expect(csv.some((r) => r[1] === UNITS.sibling)).toBe(false);
  });

  it('give the same people list in CSV and XLSX, with real dates in the workbook', async () => {
    const query = `?khoa-hoc=${REPORT_COURSE}`;
    const csvText = (await (await leader.get(`/lanh-dao/xuat/danh-sach.csv${query}`)).text()).replace(/^\uFEFF/, '');
    const csv = Papa.parse<string[]>(csvText, { skipEmptyLines: true }).data;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await leader.get(`/lanh-dao/xuat/danh-sach.xlsx${query}`)).arrayBuffer());
    const sheet = workbook.getWorksheet('Danh sách cán bộ')!;
    expect(sheet.getRow(1).font?.bold ?? sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(csv).toHaveLength(4);
    const learnerCsv = csv.find((r) => r[2] === DEMO_USERS.learner)!;
    expect(learnerCsv.slice(5)).toEqual([REPORT_COURSE_TITLE, '01/02/2026', 'Hoàn thành đúng hạn', '15/01/2026', '']);
    const learnerRow = sheet.getRow(1 + csv.indexOf(learnerCsv));
    expect(learnerRow.getCell(3).value).toBe(DEMO_USERS.learner);
    expect(learnerRow.getCell(7).value).toEqual(new Date(Date.UTC(2026, 1, 1)));
    expect(learnerRow.getCell(9).value).toEqual(new Date(Date.UTC(2026, 0, 15)));
    expect(learnerRow.getCell(9).numFmt).toBe('dd/mm/yyyy');
    const overdue = csv.filter((r) => r[7] === 'Quá hạn');
    expect(overdue.map((r) => r[2]).sort()).toEqual([DEMO_USERS.admin, DEMO_USERS.leader].sort());
    expect(overdue.every((r) => Number(r[9]) > 200)).toBe(true);
  });

  it('honour the status filter', async () => {
    const csvText = (
      await (await leader.get(`/lanh-dao/xuat/danh-sach.csv?khoa-hoc=${REPORT_COURSE}&trang-thai=qua-han`)).text()
    ).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(csvText, { skipEmptyLines: true }).data.slice(1);
    expect(rows.map((r) => r[7])).toEqual(['Quá hạn', 'Quá hạn']);
  });
});
