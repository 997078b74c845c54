// Logging in as each demo role in Chromium: the right navigation, then logging out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectPageErrors, launchBrowser, newContext } from '../support/browser';
import { DEMO_PASSWORD, DEMO_USERS, startServer, type TestServer } from '../support/server';
import { submitLogin } from '../support/site';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ROLES = [
  { role: 'learner', name: 'Học viên Mẫu', admin: false, leader: false },
  { role: 'organiser', name: 'Người tổ chức Mẫu', admin: false, leader: false },
  { role: 'leader', name: 'Lãnh đạo Mẫu', admin: false, leader: true },
  { role: 'admin', name: 'Quản trị viên Mẫu', admin: true, leader: true },
] as const;

describe('logging in and out in a browser', () => {
  for (const { role, name, admin, leader } of ROLES) {
    it(`the ${role} demo account sees its own navigation and can log out`, async () => {
      const context = await newContext(browser, server.url);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await submitLogin(page, DEMO_USERS[role]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tài khoản của tôi');

      const header = page.locator('header');
      expect(await header.getByRole('link', { name, exact: true }).count()).toBe(1);
      expect(await header.getByRole('link', { name: 'Quản trị', exact: true }).count()).toBe(admin ? 1 : 0);
      expect(await header.getByRole('link', { name: 'Cán bộ đơn vị', exact: true }).count()).toBe(leader ? 1 : 0);
      expect(await header.getByRole('link', { name: 'Đăng nhập' }).count()).toBe(0);

      if (admin) {
        await header.getByRole('link', { name: 'Quản trị', exact: true }).click();
        await page.waitForURL('**/quan-tri/');
        expect(
          await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Người dùng' }).count(),
        ).toBe(1);
      }

      await header.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL(`${server.url}/`);
      expect(await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).count()).toBe(1);
      expect(errors).toEqual([]);
      const again = await page.goto('/tai-khoan/');
      expect(again?.status()).toBe(401);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cần đăng nhập');
      await context.close();
    });
  }

  it('shows the same Vietnamese message for a wrong password and keeps the typed username', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/dang-nhap/');
    await page.getByLabel('Tên đăng nhập').fill(DEMO_USERS.learner);
    await page.getByLabel('Mật khẩu').fill('không phải mật khẩu này');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe(DEMO_USERS.learner);
    expect(await page.getByLabel('Mật khẩu').inputValue()).toBe('');
    await context.close();
  });

  it('returns to the page that asked for a login', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/quan-tri/don-vi/');
    await page.getByRole('link', { name: 'Đăng nhập để tiếp tục' }).click();
    await page.getByLabel('Tên đăng nhập').fill(DEMO_USERS.admin);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/quan-tri/don-vi/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đơn vị');
    await context.close();
  });
});
