// Stable addresses of the starter content (ids fixed by the content plan) and page helpers
// shared by browser tests and benchmarks.
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';

/** The digitising course and its first, second and last lessons. */
export const COURSE = '/khoa-hoc/so-hoa-ho-so-vu-an/';
export const LESSON_1 = `${COURSE}chuan-bi-so-hoa-ho-so/`;
export const LESSON_2 = `${COURSE}quet-va-kiem-tra-chat-luong/`;
export const LESSON_LAST = `${COURSE}tra-cuu-bao-mat-sao-luu/`;
/** The Mỹ Xuyên seminar record and the Văn Yên best-practice write-up. */
export const SEMINAR = '/toa-dam/toa-dam-my-xuyen-so-hoa-trinh-chieu-chung-cu/';
export const PRACTICE = '/cach-lam-hay/van-yen-ung-dung-cntt-2023/';
export const VAN_YEN = 'vksnd-huyen-van-yen';
export const MY_XUYEN = 'vksnd-huyen-my-xuyen';
/** A path that no route serves. */
export const MISSING = '/trang-khong-ton-tai-9f3a/';

/**
 * Logs in through the login form in `page` (with the demo accounts' password unless given)
 * and waits for the account page the site then shows.
 */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/tai-khoan/');
}

/**
 * Types `query` into the search box of the search page's main region (not the header's
 * quick search), submits it, waits for the result list and returns the result paths.
 */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  const main = page.getByRole('main');
  const box = main.getByRole('searchbox');
  await box.fill(query);
  await box.press('Enter');
  const results = main.getByRole('list', { name: /Kết quả tìm kiếm/ }).getByRole('link');
  await results.first().waitFor({ state: 'visible', timeout: 15_000 });
  // Results may stream in; give the list a moment to settle before reading it.
  await page.waitForTimeout(300);
  const hrefs = await results.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return [...new Set(hrefs)];
}
