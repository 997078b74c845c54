// Leaders' dashboard on a small hand-checked data set: matrix numbers, statuses as of a date,
// filters, scope, people lists, timeline, and the exports read back by their parsers.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignmentFormSchema, type AssignmentForm } from '../../src/lib/schemas/learning';
import { parseReportFilters, type ReportFilters } from '../../src/lib/schemas/report';
import { createAssignment, markLessonDone, onQuizPassed, recordLessonVisit } from '../../src/lib/server/learning/index';
import {
  buildPrintedReport,
  completionTimeline,
  listPersonStatuses,
  loadPersonRecord,
  loadReport,
  matrixTable,
  peopleTable,
  renderReportPdf,
  toCsv,
  toXlsx,
  describeReport,
  type ReportData,
} from '../../src/lib/server/reports/index';
import type { SessionUser } from '../../src/lib/server/session';
import { createUnit } from '../../src/lib/server/units';
import { completedCount } from '../../src/lib/shared/reports/statuses';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { DEMO_USERS } from '../support/server';
import { addPerson, testCatalog, userIdOf } from './helpers/learning';

let t: TestDatabase;
const catalog = testCatalog();
const at = (iso: string) => new Date(iso);
/** "Now" of every report here: 15/10/2026, midday in Vietnam. */
const NOW = at('2026-10-15T05:00:00Z');

const people: Record<string, { id: string; username: string }> = {};
let leader: SessionUser;
let admin: SessionUser;
let learner: SessionUser;
let assignmentId = '';

function viewer(id: string, unitId: string, roles: SessionUser['roles']): SessionUser {
  return {
    id,
    username: id,
    fullName: 'Người xem',
    unitId,
    unitName: '',
    position: 'Viện trưởng',
    roles,
    mustChangePassword: false,
  };
}

function filters(query = ''): ReportFilters {
  const parsed = parseReportFilters(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.filters;
}

async function report(user: SessionUser, query = ''): Promise<ReportData> {
  const result = await loadReport(t.database, user, filters(query), { catalog, now: NOW });
  if (!result.ok) throw new Error(`loadReport refused: ${result.status}`);
  return result.data;
}

const unit = (data: ReportData, id: string) => {
  const row = data.rows.find((r) => r.unit.id === id);
  if (!row) throw new Error(`No row for ${id}`);
  return row;
};
const col = (data: ReportData, key: string) => data.columns.findIndex((c) => c.key === key);

beforeAll(async () => {
  t = await createTestDatabase();
  // dv-thu (leader's unit) → dv-thu-1 → dv-thu-1a; dv-thu-khac is its sibling; all under Cần Thơ.
  for (const [id, name, parentId] of [
    ['dv-thu', 'Đơn vị thử báo cáo', 'vksnd-tp-can-tho'],
    ['dv-thu-1', 'Bộ phận thử 1', 'dv-thu'],
    ['dv-thu-1a', 'Tổ thử 1a', 'dv-thu-1'],
    ['dv-thu-khac', 'Đơn vị thử khác', 'vksnd-tp-can-tho'],
  ] as const) {
    const created = await createUnit(t.database, id, { name, kind: 'phong', parentId, successorIds: [] });
    expect(created.ok).toBe(true);
  }
  const add = async (key: string, unitId: string, fullName: string, position: string) =>
    (people[key] = await addPerson(t.database, { unitId, fullName, position }));
  await add('P1', 'dv-thu', 'Nguyễn Văn Bình', 'Kiểm sát viên');
  await add('P2', 'dv-thu', 'Trần Thị An', 'Chuyên viên');
  await add('P3', 'dv-thu-1', 'Lê Văn Đức', 'Kiểm sát viên');
  await add('P4', 'dv-thu-1', 'Phạm Thị Ánh', 'Kiểm tra viên');
  await add('P5', 'dv-thu-1a', 'Hoàng Văn Cường', 'Kiểm sát viên');
  await add('Q1', 'dv-thu-khac', 'Võ Thị Dung', 'Kiểm sát viên');
  await add('L', 'dv-thu', 'Đặng Văn Lãnh', 'Viện trưởng');

  leader = viewer(people.L!.id, 'dv-thu', ['leader', 'learner']);
  admin = viewer(await userIdOf(t.database, DEMO_USERS.admin), 'don-vi-minh-hoa-a', ['admin']);
  learner = viewer(people.P1!.id, 'dv-thu', ['learner']);

  const form: AssignmentForm = AssignmentFormSchema.parse({
    courseId: 'khoa-b',
    kind: 'required',
    dueDate: '2026-09-30',
    unitId: 'dv-thu',
    includeSubunits: 'on',
  });
  const created = await createAssignment(t.database, leader, form, { catalog, now: at('2026-09-01T02:00:00Z') });
  if (!created.ok) throw new Error(created.reason);
  assignmentId = created.id;

  const done = (key: string, lesson: string, iso: string) =>
    markLessonDone(t.database, people[key]!.id, lesson, { catalog, now: at(iso) });
  await done('P1', 'bai-b1', '2026-09-20T03:00:00Z'); // khoa-b on time
  await recordLessonVisit(t.database, people.P2!.id, 'bai-a1', { catalog, now: at('2026-09-10T03:00:00Z') });
  await done('P3', 'bai-b1', '2026-10-05T03:00:00Z'); // khoa-b late
  await done('P5', 'bai-a1', '2026-09-22T03:00:00Z');
  await done('P5', 'bai-a2', '2026-10-08T03:00:00Z');
  await t.database.write((tx) =>
    onQuizPassed(
      tx,
      { userId: people.P5!.id, target: { kind: 'course', id: 'khoa-a' }, passedAt: at('2026-10-10T03:00:00Z') },
      { catalog },
    ),
  );
  await done('Q1', 'bai-b1', '2026-09-15T03:00:00Z'); // outside the leader's subtree
});
afterAll(() => t.cleanup());

describe('the completion matrix on a hand-checked data set', () => {
  it('counts every status per unit and course, including sub-units, and nothing outside the subtree', async () => {
    const data = await report(leader);
    expect(data.scope.root?.id).toBe('dv-thu');
    expect(data.columns.map((c) => c.key)).toEqual(['khoa-a', 'khoa-b']);
    expect(data.people).toBe(6);
    const b = col(data, 'khoa-b');
    const a = col(data, 'khoa-a');
    // khoa-b is due 30/09 for the whole subtree: P1 on time, P3 late, P2, P4, P5 and L overdue.
    expect(unit(data, 'dv-thu').total[b]).toEqual({
      'completed-on-time': 1,
      'completed-late': 1,
      'in-progress': 0,
      'not-started': 0,
      overdue: 4,
      total: 6,
    });
    expect(unit(data, 'dv-thu').own[b]).toMatchObject({ 'completed-on-time': 1, overdue: 2, total: 3 });
    expect(unit(data, 'dv-thu-1').total[b]).toMatchObject({ 'completed-late': 1, overdue: 2, total: 3 });
    expect(unit(data, 'dv-thu-1a').total[b]).toMatchObject({ overdue: 1, total: 1 });
    // khoa-a has no deadline: P5 completed (on time), P2 started, the rest not started.
    expect(unit(data, 'dv-thu').total[a]).toEqual({
      'completed-on-time': 1,
      'completed-late': 0,
      'in-progress': 1,
      'not-started': 4,
      overdue: 0,
      total: 6,
    });
    expect(data.grand.total).toBe(12);
    expect(completedCount(data.grand)).toBe(3);
    expect(data.rows.some((r) => r.unit.id === 'dv-thu-khac')).toBe(false);
  });

  it('gives an admin every unit, with the sibling unit counted separately', async () => {
    const data = await report(admin);
    const b = col(data, 'khoa-b');
    expect(unit(data, 'dv-thu-khac').total[b]).toMatchObject({ 'completed-on-time': 1, total: 1 });
    expect(unit(data, 'dv-thu').total[b]!.total).toBe(6);
    // Cần Thơ holds both units (and the demo units): its line adds them up.
    expect(unit(data, 'vksnd-tp-can-tho').total[b]!['completed-on-time']).toBeGreaterThanOrEqual(2);
  });

  it('filters by position and by course', async () => {
    const data = await report(leader, 'chuc-vu=Kiểm sát viên&khoa-hoc=khoa-b');
    expect(data.columns.map((c) => c.key)).toEqual(['khoa-b']);
    expect(data.people).toBe(3);
    expect(data.totals[0]).toMatchObject({ 'completed-on-time': 1, 'completed-late': 1, overdue: 1, total: 3 });
  });

  it('shows one column per assignment, with the assignment’s own deadline', async () => {
    const data = await report(leader, 'theo=dot-giao');
    expect(data.columns).toHaveLength(1);
    expect(data.columns[0]).toMatchObject({ key: assignmentId, courseId: 'khoa-b', dueDate: '2026-09-30' });
    expect(data.totals[0]).toMatchObject({ 'completed-on-time': 1, 'completed-late': 1, overdue: 4, total: 6 });
  });

  it('reports the state as it was at the end of a past period', async () => {
    // On 25/09 the deadline had not passed, P3 had not started and P5 was half-way through khoa-a.
    const data = await report(leader, 'den=2026-09-25');
    expect(data.periodTo).toBe('2026-09-25');
    const b = col(data, 'khoa-b');
    const a = col(data, 'khoa-a');
    expect(data.totals[b]).toMatchObject({ 'completed-on-time': 1, 'not-started': 5, overdue: 0, total: 6 });
    expect(data.totals[a]).toMatchObject({ 'in-progress': 2, 'not-started': 4, total: 6 });
  });

  it('lists completions per day over a short period', async () => {
    const data = await report(leader, 'tu=2026-09-01&den=2026-10-15');
    const timeline = await completionTimeline(t.database, data);
    expect(timeline).toHaveLength(45);
    const nonZero = timeline.filter((p) => p.count > 0).map((p) => [p.bucket, p.count]);
    expect(nonZero).toEqual([
      ['2026-09-20', 1],
      ['2026-10-05', 1],
      ['2026-10-10', 1],
    ]);
  });

  it('counts as many completions over time as the status rule lists, whatever the filters', async () => {
    for (const query of [
      'tu=2026-01-01&den=2026-10-15',
      'tu=2026-09-01&den=2026-09-25',
      // Monthly buckets: a completion later in the last month is after the snapshot.
      'tu=2026-01-01&den=2026-10-07',
      'tu=2026-01-01&den=2026-10-15&chuc-vu=Kiểm sát viên',
      'tu=2026-01-01&den=2026-10-15&khoa-hoc=khoa-b',
      'tu=2026-01-01&den=2026-10-15&don-vi=dv-thu-1',
    ]) {
      const data = await report(leader, query);
      const timeline = await completionTimeline(t.database, data);
      if (query === 'tu=2026-01-01&den=2026-10-15') expect(timeline.some((p) => p.count > 0)).toBe(true);
      const listed = await listPersonStatuses(t.database, data, { statuses: ['completed-on-time', 'completed-late'] });
      const from = Date.parse(`${data.periodFrom}T00:00:00+07:00`);
      const inPeriod = listed.rows.filter((r) => r.completedAt && r.completedAt.getTime() >= from).length;
      expect(
        timeline.reduce((sum, p) => sum + p.count, 0),
        query,
      ).toBe(inPeriod);
    }
  });
});

describe('people lists', () => {
  it('lists the overdue, most overdue first, with names in Vietnamese order and days overdue', async () => {
    const data = await report(leader, 'khoa-hoc=khoa-b');
    const overdue = await listPersonStatuses(t.database, data, {
      statuses: ['overdue'],
      order: 'most-overdue',
      limit: 10,
    });
    expect(overdue.total).toBe(4);
    // Same deadline for all: sorted by given name (An, Ánh, Cường, Lãnh), 15 days after 30/09.
    expect(overdue.rows.map((r) => r.fullName)).toEqual([
      'Trần Thị An',
      'Phạm Thị Ánh',
      'Hoàng Văn Cường',
      'Đặng Văn Lãnh',
    ]);
    expect(overdue.rows.every((r) => r.daysOverdue === 15)).toBe(true);
  });

  it('filters people by status and by unit', async () => {
    const data = await report(leader, 'trang-thai=hoan-thanh');
    const all = await listPersonStatuses(t.database, data);
    expect(all.rows.map((r) => [r.fullName, r.columnKey, r.status])).toEqual([
      ['Nguyễn Văn Bình', 'khoa-b', 'completed-on-time'],
      ['Lê Văn Đức', 'khoa-b', 'completed-late'],
      ['Hoàng Văn Cường', 'khoa-a', 'completed-on-time'],
    ]);
    const own = await listPersonStatuses(t.database, data, { unitIds: ['dv-thu-1'] });
    expect(own.rows.map((r) => r.fullName)).toEqual(['Lê Văn Đức']);
  });
});

describe('scope enforcement in the report module', () => {
  it('refuses a leader a sibling unit, the parent unit and an unknown unit, and a learner everything', async () => {
    for (const unitId of ['dv-thu-khac', 'vksnd-tp-can-tho', 'khong-co-don-vi-nay']) {
      const result = await loadReport(t.database, leader, filters(`don-vi=${unitId}`), { catalog, now: NOW });
      expect(result.ok ? 200 : result.status, unitId).toBe(403);
    }
    const below = await loadReport(t.database, leader, filters('don-vi=dv-thu-1'), { catalog, now: NOW });
    expect(below.ok && below.data.scope.unitIds).toEqual(['dv-thu-1', 'dv-thu-1a']);
    const byLearner = await loadReport(t.database, learner, filters(), { catalog, now: NOW });
    expect(byLearner.ok ? 200 : byLearner.status).toBe(403);
    const unknownForAdmin = await loadReport(t.database, admin, filters('don-vi=khong-co-don-vi-nay'), { catalog });
    expect(unknownForAdmin.ok ? 200 : unknownForAdmin.status).toBe(404);
  });

  it('refuses an assignment that reaches nobody in the leader’s subtree', async () => {
    const outside = await createAssignment(
      t.database,
      admin,
      AssignmentFormSchema.parse({
        courseId: 'khoa-a',
        kind: 'required',
        dueDate: '2026-12-31',
        unitId: 'dv-thu-khac',
      }),
      { catalog, now: NOW },
    );
    if (!outside.ok) throw new Error(outside.reason);
    const result = await loadReport(t.database, leader, filters(`dot-giao=${outside.id}`), { catalog, now: NOW });
    expect(result.ok ? 200 : result.status).toBe(403);
    const forAdmin = await loadReport(t.database, admin, filters(`dot-giao=${outside.id}`), { catalog, now: NOW });
    expect(forAdmin.ok).toBe(true);
  });

  it('shows a person’s record only within the viewer’s subtree', async () => {
    const inside = await loadPersonRecord(t.database, leader, people.P5!.id, { catalog, now: NOW });
    expect(inside.ok).toBe(true);
    if (inside.ok) {
      expect(inside.record.certificates.map((c) => c.courseId)).toEqual(['khoa-a']);
      expect(inside.record.courses.find((c) => c.course.id === 'khoa-a')?.progress.completedAt).toEqual(
        at('2026-10-10T03:00:00Z'),
      );
      expect(inside.record.assigned.map((a) => [a.courseId, a.status])).toEqual([['khoa-b', 'overdue']]);
    }
    const outside = await loadPersonRecord(t.database, leader, people.Q1!.id, { catalog, now: NOW });
    expect(outside.ok ? 200 : outside.status).toBe(403);
    const unknown = await loadPersonRecord(t.database, leader, 'u_khong_co', { catalog, now: NOW });
    expect(unknown.ok ? 200 : unknown.status).toBe(403);
    expect((await loadPersonRecord(t.database, admin, people.Q1!.id, { catalog, now: NOW })).ok).toBe(true);
  });
});

describe('exports read back by their parsers', () => {
  it('writes the matrix as CSV with a BOM, Vietnamese headers and the same numbers', async () => {
    const data = await report(leader);
    const csv = toCsv(matrixTable(data));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([
      'Đơn vị',
      'Mã đơn vị',
      'Cấp trong báo cáo',
      'Khóa học',
      'Số người',
      'Hoàn thành đúng hạn',
      'Hoàn thành muộn',
      'Đang học',
      'Chưa bắt đầu',
      'Quá hạn',
      'Tỷ lệ hoàn thành (%)',
    ]);
    const line = rows.find((r) => r[1] === 'dv-thu' && r[3] === 'Khóa học thử nghiệm B');
    expect(line).toEqual([
      'Đơn vị thử báo cáo',
      'dv-thu',
      '1',
      'Khóa học thử nghiệm B',
      '6',
      '1',
      '1',
      '0',
      '0',
      '4',
      '33.3',
    ]);
    const total = rows.filter((r) => r[0] === 'Tổng cộng');
    expect(total).toHaveLength(2);
  });

  it('writes the people list as XLSX with a bold frozen header, widths and real dates', async () => {
    const data = await report(leader, 'khoa-hoc=khoa-b');
    const list = await listPersonStatuses(t.database, data);
    const bytes = await toXlsx(peopleTable(data, list.rows), describeReport(data));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Danh sách cán bộ');
    if (!sheet) throw new Error('sheet missing');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(2).value).toBe('Họ và tên');
    expect(sheet.getRow(1).getCell(2).font?.bold).toBe(true);
    expect(sheet.getColumn(2).width).toBe(28);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(6);
    // Nguyễn Văn Bình: due 30/09/2026, completed 20/09/2026, both real dates shown dd/mm/yyyy.
    const binh = sheet.getRow(2 + list.rows.findIndex((r) => r.fullName === 'Nguyễn Văn Bình'));
    expect(binh.getCell(2).value).toBe('Nguyễn Văn Bình');
    expect(binh.getCell(7).value).toEqual(new Date(Date.UTC(2026, 8, 30)));
    expect(binh.getCell(7).numFmt).toBe('dd/mm/yyyy');
    expect(binh.getCell(8).value).toBe('Hoàn thành đúng hạn');
    expect(binh.getCell(9).value).toEqual(new Date(Date.UTC(2026, 8, 20)));
    const csvRows = Papa.parse<string[]>(toCsv(peopleTable(data, list.rows)).slice(1), { skipEmptyLines: true }).data;
    // The CSV says the same as the workbook, row for row (dates as dd/mm/yyyy text).
    expect(csvRows.slice(1).map((r) => [r[1], r[7], r[8]])).toEqual(
      rows.map((r) => [r[2], r[8], r[9] instanceof Date ? formatUtcDay(r[9]) : (r[9] ?? '')]),
    );
    expect(workbook.getWorksheet('Thông tin')?.getRow(2).getCell(2).value).toBe('Kết quả tập huấn kỹ năng số');
  });

  it('renders the printed report as a PDF with the Vietnamese header', async () => {
    const data = await report(leader);
    const overdue = await listPersonStatuses(t.database, data, {
      statuses: ['overdue'],
      order: 'most-overdue',
      limit: 30,
    });
    const printed = buildPrintedReport(
      data,
      overdue.rows,
      overdue.total,
      { so: '7' },
      { fullName: 'Đặng Văn Lãnh', position: 'Viện trưởng' },
      NOW,
    );
    expect(printed.parentHeading).toBe('VKSND THÀNH PHỐ CẦN THƠ'.replace('VKSND', 'VIỆN KIỂM SÁT NHÂN DÂN'));
    expect(printed.unitHeading).toBe('ĐƠN VỊ THỬ BÁO CÁO');
    expect(printed.numberLine).toBe('Số: 7/BC-VKS');
    expect(printed.dateLine).toBe('Đơn vị thử báo cáo, ngày 15 tháng 10 năm 2026');
    expect(printed.signer).toEqual({ authority: null, position: 'VIỆN TRƯỞNG', name: 'Đặng Văn Lãnh' });
    const pdf = await renderReportPdf(printed);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});

function formatUtcDay(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
