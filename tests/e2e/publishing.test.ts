// Publishing in a browser: an organiser writes a seminar record with a photo and submits
// it; a reviewer publishes it; an anonymous visitor finds it by searching a word of its
// conclusions without diacritics and opens it. Also: the live preview, and nothing typed
// lost when the session expires mid-edit.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, scanAccessibility } from '../support/axe';
import { collectPageErrors, launchBrowser, newContext, waitForIslands } from '../support/browser';
import { DEMO_PASSWORD, DEMO_USERS } from '../support/server';
import { searchFor, submitLogin } from '../support/site';
import { sql } from '../integration/helpers/http';
import { pngBytes, startPrivateServer, type PrivateServer } from '../integration/helpers/publishing';

let server: PrivateServer;
let browser: Browser;
const UNIT = 'bo-phan-minh-hoa-a1';

beforeAll(async () => {
  server = await startPrivateServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await submitLogin(page, username);
  return { context, page, errors };
}

/** Fills the fields every seminar record needs. */
async function fillSeminar(page: Page, title: string, conclusion: string): Promise<void> {
  await page.getByLabel('Tiêu đề', { exact: false }).first().fill(title);
  await page.getByLabel('Tóm tắt').fill('Các đơn vị trao đổi cách lưu trữ hồ sơ vụ án đã số hóa cho thống nhất.');
  await page.getByLabel('Ngày tổ chức').fill('2026-04-16');
  await page.getByLabel('Đơn vị tổ chức').selectOption(UNIT);
  await page.getByRole('group', { name: 'Chủ đề *' }).getByLabel('Số hóa hồ sơ vụ án').check();
  await page.getByRole('group', { name: 'Người chủ trì' }).getByLabel('Họ tên').fill('Lê Văn Chủ Trì');
  await page.getByLabel('Đơn vị trong ngành (dòng 1)').selectOption(UNIT);
  await page.getByLabel('Thành phần (dòng 1)').fill('Kiểm sát viên bộ phận hình sự');
  await page.getByLabel('Kết luận (dòng 1)').fill(conclusion);
  await page.getByLabel('Việc cần làm (dòng 1)').fill('Viết hướng dẫn đặt tên tệp hồ sơ');
  await page.getByLabel('Người, đơn vị thực hiện (dòng 1)').fill('Bộ phận hình sự');
}

describe('publishing a seminar record from the browser', () => {
  it('goes from an organiser to a reviewer to a visitor who finds it by search', async () => {
    const title = 'Tọa đàm thống nhất kho lưu trữ hồ sơ số năm 2026';
    const conclusion = 'Các đơn vị thống nhất dùng chung một kho lưu trữ cấp tỉnh và đặt tên tệp theo mẫu chungnhat.';

    // The organiser writes the record, with a live preview of the body.
    const organiser = await signedIn(DEMO_USERS.organiser);
    const page = organiser.page;
    await page.getByRole('link', { name: 'Biên tập' }).click();
    await page.getByRole('link', { name: 'Viết biên bản tọa đàm' }).first().click();
    await waitForIslands(page);
    await fillSeminar(page, title, conclusion);
    await page
      .getByLabel('Nội dung chi tiết (Markdown, không bắt buộc)')
      .fill('## Diễn biến\n\nĐại biểu nêu **kinh nghiệm** quét hồ sơ.');
    const preview = page.getByRole('region', { name: 'Xem trước nội dung chi tiết' });
    await preview.getByRole('heading', { name: 'Diễn biến' }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('kinh nghiệm');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).first().click();
    await page.waitForURL(/\/bien-tap\/ban-ghi\/r[a-z0-9]+\/\?ket-qua=da-luu/);
    const recordPath = new URL(page.url()).pathname;

    // Then attaches a photo with its description and submits.
    await page
      .getByLabel('Chọn tệp')
      .setInputFiles({ name: 'toan-canh.png', mimeType: 'image/png', buffer: await pngBytes(1200, 800) });
    await page.getByLabel('Mô tả ảnh hoặc tên tài liệu').fill('Toàn cảnh buổi tọa đàm tại hội trường');
    await page.getByRole('button', { name: 'Tải tệp lên' }).click();
    await page.waitForURL(/ket-qua=da-tai-len/);
    expect(await page.getByRole('status').filter({ hasText: 'Đã tải tệp lên.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Gửi duyệt' }).first().click();
    await page.waitForURL(/ket-qua=da-gui/);
    expect(await page.locator('.ed-status').textContent()).toContain('Chờ duyệt');
    expect(organiser.errors).toEqual([]);
    await organiser.context.close();

    // The reviewer (leader of the unit above) publishes it from the review queue.
    const reviewer = await signedIn(DEMO_USERS.leader);
    await reviewer.page.goto('/bien-tap/duyet/');
    await reviewer.page.getByRole('link', { name: title }).click();
    await reviewer.page.waitForURL(`**${recordPath}`);
    await reviewer.page.getByRole('button', { name: 'Lưu và xuất bản' }).first().click();
    await reviewer.page.waitForURL(/ket-qua=da-xuat-ban/);
    expect(await reviewer.page.getByRole('status').filter({ hasText: 'Đã xuất bản.' }).count()).toBe(1);
    const publicPath = await reviewer.page
      .getByRole('definition')
      .getByRole('link', { name: /^\/toa-dam\// })
      .textContent();
    expect(reviewer.errors).toEqual([]);
    await reviewer.context.close();

    // An anonymous visitor searches a word of the conclusions without diacritics.
    const visitorContext = await newContext(browser, server.url);
    const visitor = await visitorContext.newPage();
    const visitorErrors = collectPageErrors(visitor);
    await visitor.goto('/tim-kiem/');
    const hrefs = await searchFor(visitor, 'kho luu tru cap tinh');
    expect(hrefs).toContain(publicPath);
    await visitor.getByRole('main').getByRole('link', { name: title }).click();
    await visitor.waitForURL(`**${publicPath}`);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await visitor.getByRole('main').innerText()).toContain(conclusion);
    const photo = visitor.getByRole('img', { name: 'Toàn cảnh buổi tọa đàm tại hội trường' });
    await photo.scrollIntoViewIfNeeded();
    await visitor.waitForFunction(
      () => (document.querySelector('.attachments img') as HTMLImageElement | null)?.naturalWidth === 1200,
    );
    expect(visitorErrors).toEqual([]);
    await visitorContext.close();
  }, 120_000);
});

describe('nothing typed is lost', () => {
  it('keeps the text in the browser when the session expires, and offers it back after a new login', async () => {
    const { context, page } = await signedIn(DEMO_USERS.organiser);
    await page.goto('/bien-tap/toa-dam/moi/');
    await waitForIslands(page);
    await page.getByLabel('Tiêu đề', { exact: false }).first().fill('Tọa đàm đang soạn dở khi hết phiên');
    await page.getByLabel('Kết luận (dòng 1)').fill('Một kết luận không được phép mất.');
    // The session ends on the server (expiry, or logout on another device).
    await sql(server.databaseUrl, 'DELETE FROM sessions');
    await page.getByLabel('Kết luận (dòng 2)').fill('Kết luận thứ hai, gõ sau khi phiên đã hết.');
    await page.getByRole('status').filter({ hasText: 'Phiên đăng nhập đã hết hạn' }).waitFor({ timeout: 15_000 });
    // Saving now meets the login wall…
    await page.getByRole('button', { name: 'Lưu bản nháp' }).first().click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cần đăng nhập');
    // …and after signing in again, the editor offers what was typed.
    await page.getByRole('link', { name: 'Đăng nhập để tiếp tục' }).click();
    await page.getByLabel('Tên đăng nhập').fill(DEMO_USERS.organiser);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/bien-tap/toa-dam/moi/');
    await waitForIslands(page);
    await page.getByRole('button', { name: 'Khôi phục bản lưu trên máy này' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByLabel('Tiêu đề', { exact: false }).first().inputValue()).toBe(
      'Tọa đàm đang soạn dở khi hết phiên',
    );
    expect(await page.getByLabel('Kết luận (dòng 1)').inputValue()).toBe('Một kết luận không được phép mất.');
    expect(await page.getByLabel('Kết luận (dòng 2)').inputValue()).toBe('Kết luận thứ hai, gõ sau khi phiên đã hết.');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).first().click();
    await page.waitForURL(/ket-qua=da-luu/);
    const rows = await sql(
      server.databaseUrl,
      "SELECT data FROM records WHERE title = 'Tọa đàm đang soạn dở khi hết phiên'",
    );
    expect(JSON.parse(String(rows.rows[0]?.data)).conclusions).toEqual([
      'Một kết luận không được phép mất.',
      'Kết luận thứ hai, gõ sau khi phiên đã hết.',
    ]);
    await context.close();
  }, 90_000);
});

describe('accessibility of the editing area', () => {
  it('finds no serious or critical axe violations in the editors, with errors shown, and the review queue', async () => {
    const { context, page } = await signedIn(DEMO_USERS.leader);
    const found: string[] = [];
    for (const path of ['/bien-tap/', '/bien-tap/toa-dam/moi/', '/bien-tap/cach-lam-hay/moi/', '/bien-tap/duyet/']) {
      await page.goto(path);
      await waitForIslands(page);
      const violations = await scanAccessibility(page);
      if (violations.length > 0) found.push(`${path}\n${formatViolations(violations)}`);
    }
    // A refused submission: errors next to the fields and the summary with links to them.
    await page.goto('/bien-tap/toa-dam/moi/');
    await page.getByLabel('Tiêu đề', { exact: false }).first().fill('Ngắn');
    await page.getByRole('button', { name: 'Gửi duyệt' }).first().click();
    await page.waitForURL(/ket-qua=chua-gui/);
    await waitForIslands(page);
    expect(
      await page
        .getByRole('navigation', { name: /Các chỗ cần sửa/ })
        .getByRole('link')
        .count(),
    ).toBeGreaterThan(3);
    const title = page.getByLabel('Tiêu đề', { exact: false }).first();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(
      await title.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent),
    ).toBe('Cần ít nhất 5 ký tự.');
    const violations = await scanAccessibility(page);
    if (violations.length > 0) found.push(`errors\n${formatViolations(violations)}`);
    expect(found).toEqual([]);
    await context.close();
  }, 90_000);
});
