// A leader in Chromium: opens the dashboard from the header, filters, drills down to a unit and
// a person, downloads both exports (read back by exceljs and papaparse), and prints the report;
// the printed page (page.pdf) and the server's PDF are rasterised with pdftoppm and checked as
// images: text where Nghị định 30 puts it, nothing in the margins.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, scanAccessibility } from '../support/axe';
import { collectPageErrors, launchBrowser, newContext } from '../support/browser';
import { REPORT_COURSE, REPORT_COURSE_TITLE, seedReportFixture, UNITS } from '../support/report-fixture';
import { DEMO_USERS, projectRoot, startServer, type TestServer } from '../support/server';
import { submitLogin } from '../support/site';

const run = promisify(execFile);
/** Where the rasterised reports are kept for people to look at after a run. */
const ARTIFACTS = path.join(projectRoot, '.tmp', 'test-artifacts', 'reports');

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  await seedReportFixture(server.databaseUrl);
  browser = await launchBrowser();
  await rm(ARTIFACTS, { recursive: true, force: true });
  await mkdir(ARTIFACTS, { recursive: true });
  const context = await newContext(browser, server.url, { acceptDownloads: true });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await submitLogin(page, DEMO_USERS.leader);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A grey raster of a PDF page at `dpi` (binary PGM from pdftoppm). */
async function rasterise(pdfFile: string, pageNumber: number, dpi: number) {
  const base = pdfFile.replace(/\.pdf$/, `-p${pageNumber}-gray`);
  await run('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(pageNumber),
    '-l',
    String(pageNumber),
    '-singlefile',
    pdfFile,
    base,
  ]);
  const bytes = await readFile(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('Not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = bytes.subarray(header[0].length);
  const mmToPx = (mm: number) => Math.round((mm / 25.4) * dpi);
  /** Dark pixels in a rectangle given in millimetres from the top-left corner. */
  const ink = (x: number, y: number, w: number, h: number) => {
    let dark = 0;
    for (let row = mmToPx(y); row < Math.min(height, mmToPx(y + h)); row++)
      for (let col = mmToPx(x); col < Math.min(width, mmToPx(x + w)); col++)
        if (pixels[row * width + col]! < 128) dark++;
    return dark;
  };
  return { width, height, ink };
}

/** Checks a report PDF as an image: A4, text in the header blocks, clear margins. */
async function checkReportImage(pdfFile: string, name: string) {
  // A PNG at screen resolution for people to look at.
  await run('pdftoppm', ['-png', '-r', '80', pdfFile, path.join(ARTIFACTS, name)]);
  const { stdout: info } = await run('pdfinfo', [pdfFile]);
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  const { stdout: text } = await run('pdftotext', ['-layout', '-f', '1', '-l', '1', pdfFile, '-']);
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
  // Agency names wrap inside the left column: compare without line breaks and column gaps.
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toMatch(/VIỆN KIỂM SÁT NHÂN DÂN( \S+)* THÀNH PHỐ/);
  expect(flat).toContain('ĐƠN VỊ MINH HỌA A');
  expect(text).toContain('Số: 15/BC-VKS');
  expect(text).toContain('Cần Thơ, ngày 20 tháng 11 năm 2026');
  expect(text).toContain('BÁO CÁO');
  const { stdout: fonts } = await run('pdffonts', [pdfFile]);
  expect(fonts).toMatch(/LiberationSerif|TimesNewRoman/);

  const image = await rasterise(pdfFile, 1, 50);
  expect(image.height / image.width).toBeCloseTo(297 / 210, 2);
  // Issuing unit at top left, motto at top right (within the first 25 mm of text).
  expect(image.ink(30, 20, 70, 25)).toBeGreaterThan(50);
  expect(image.ink(105, 20, 90, 25)).toBeGreaterThan(50);
  // Margins of Nghị định 30: nothing printed in the left 30 mm, the right 15 mm, the top 20 mm
  // of the first page (page numbers start on page 2), and the bottom 20 mm.
  expect(image.ink(0, 0, 28, 297)).toBe(0);
  expect(image.ink(210 - 13, 0, 13, 297)).toBe(0);
  expect(image.ink(0, 0, 210, 18)).toBe(0);
  expect(image.ink(0, 297 - 18, 210, 18)).toBe(0);
}

describe('the leaders’ dashboard in a browser', () => {
  it('opens from the header, filters by course and shows the matrix and the charts', async () => {
    await page.getByRole('link', { name: 'Kết quả tập huấn', exact: true }).click();
    await page.waitForURL('**/lanh-dao/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Theo dõi kết quả tập huấn');
    await page.getByLabel('Khóa học', { exact: true }).selectOption(REPORT_COURSE);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(`**/lanh-dao/?*khoa-hoc=${REPORT_COURSE}*`);
    const matrix = page.locator('table.rp-matrix');
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['Đơn vị', REPORT_COURSE_TITLE, 'Tất cả']);
    const rowA = matrix.locator(`tr#u-${UNITS.leader}`);
    expect((await rowA.locator('td').first().textContent())?.replace(/\s+/g, '')).toBe('1/333,3%');
    const rowA1 = matrix.locator(`tr#u-${UNITS.below}`);
    expect((await rowA1.locator('td').first().textContent())?.replace(/\s+/g, '')).toBe('1/1100%');
    // Charts are SVG images with a title and the same numbers in a table.
    const bars = page.locator('figure svg[role="img"]').first();
    expect(await bars.locator('title').first().textContent()).toBe('Tỷ lệ hoàn thành theo đơn vị');
    expect(await page.locator('figure table').count()).toBe(2);
    // The overdue list names the two people past the deadline.
    expect(await page.locator('#qua-han + p + div table tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
    const violations = await scanAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    // Injecting axe trips the CSP once by design (the helper then evaluates it another way).
    errors.splice(0);
  });

  it('filters by status and keeps the filters in the URL', async () => {
    await page.getByLabel('Trạng thái').selectOption('qua-han');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL('**trang-thai=qua-han**');
    const rowA = page.locator(`table.rp-matrix tr#u-${UNITS.leader}`);
    expect((await rowA.locator('td').first().textContent())?.replace(/\s+/g, '')).toBe('2/366,7%');
    expect(await page.getByLabel('Khóa học', { exact: true }).inputValue()).toBe(REPORT_COURSE);
  });

  it('drills down to a unit and to one person’s record', async () => {
    await page.goto(`/lanh-dao/?khoa-hoc=${REPORT_COURSE}`);
    await page.locator(`table.rp-matrix tr#u-${UNITS.leader} th a`).first().click();
    await page.waitForURL(`**/lanh-dao/don-vi/${UNITS.leader}/**`);
    const people = page.locator('table').filter({ has: page.locator('#people-caption') });
    expect(await people.locator('tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: 'Xem cả cán bộ các đơn vị trực thuộc' }).click();
    await page.waitForURL('**cap-duoi=1**');
    expect(await people.locator('tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'Học viên Mẫu' }).click();
    await page.waitForURL('**/lanh-dao/nguoi/**');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hồ sơ học tập: Học viên Mẫu');
    const body = await page.locator('main').textContent();
    expect(body).toContain(`${REPORT_COURSE_TITLE}: đã hoàn thành ngày 15/01/2026`);
    expect(body).toContain('Hoàn thành đúng hạn');
    expect(await page.locator('main a[href^="/chung-nhan/"]').count()).toBe(1);
  });

  it('downloads the matrix as XLSX and the people list as CSV, with the filters applied', async () => {
    await page.goto(`/lanh-dao/?khoa-hoc=${REPORT_COURSE}`);
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Bảng tổng hợp (Excel .xlsx)' }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/^tong-hop-don-vi-minh-hoa-a-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await xlsxDownload.path())!)).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    const lineA = (sheet.getSheetValues() as unknown[][]).find((r) => r?.[2] === UNITS.leader)!;
    expect(lineA.slice(4, 11)).toEqual([REPORT_COURSE_TITLE, 3, 1, 0, 0, 0, 2]);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Danh sách cán bộ (CSV)' }).click(),
    ]);
    const csvText = await readFile((await csvDownload.path())!, 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csvText.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]?.slice(0, 3)).toEqual(['STT', 'Họ và tên', 'Tên đăng nhập']);
    expect(
      rows
        .slice(1)
        .map((r) => [r[1], r[7]])
        .sort(),
    ).toEqual(
      [
        ['Học viên Mẫu', 'Hoàn thành đúng hạn'],
        ['Lãnh đạo Mẫu', 'Quá hạn'],
        ['Quản trị viên Mẫu', 'Quá hạn'],
      ].sort(),
    );
  });

  it('prints the report in the official layout: the printed page and the server’s PDF', async () => {
    await page.goto(`/lanh-dao/?khoa-hoc=${REPORT_COURSE}`);
    await page.getByText('Lập báo cáo in').click();
    await page.getByLabel('Số văn bản').fill('15');
    await page.getByLabel('Địa danh').fill('Cần Thơ');
    await page.getByLabel('Ngày báo cáo').fill('2026-11-20');
    await page.getByRole('button', { name: 'Xem báo cáo để in' }).click();
    await page.waitForURL('**/lanh-dao/bao-cao/**');
    expect(await page.locator('.nd-national').textContent()).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The report font is loaded (Times New Roman where installed, else the shipped Liberation Serif).
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('13pt "Tap Huan Serif"'))).toBe(true);
    await page.emulateMedia({ media: 'print' });
    const printed = path.join(ARTIFACTS, 'printed-page.pdf');
    await writeFile(printed, await page.pdf({ preferCSSPageSize: true, printBackground: false }));
    await page.emulateMedia({ media: 'screen' });
    await checkReportImage(printed, 'printed-page');

    const pdfHref = await page.getByRole('link', { name: 'Tải bản PDF' }).getAttribute('href');
    const response = await page.context().request.get(pdfHref!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const server = path.join(ARTIFACTS, 'server-pdf.pdf');
    await writeFile(server, await response.body());
    await checkReportImage(server, 'server-pdf');
    expect(errors).toEqual([]);
  });
});
