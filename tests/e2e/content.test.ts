import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, waitForIslands } from '../support/browser';
import { useBrowserSite } from '../support/browser-site';
import {
  COURSE,
  LESSON_1,
  LESSON_2,
  LESSON_LAST,
  MISSING,
  MY_XUYEN,
  PRACTICE,
  SEMINAR,
  VAN_YEN,
  searchFor,
} from '../support/site';

const site = useBrowserSite();

/** Opens a fresh page at `path` and fails on any HTTP error status. */
async function visit(path: string): Promise<Page> {
  const page = await site.context.newPage();
  const response = await page.goto(path);
  expect(response?.status(), `HTTP status of ${path}`).toBeLessThan(400);
  return page;
}

/** Path part of the page's current URL. */
function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Searches from the search page and returns the result paths. */
async function search(query: string): Promise<{ page: Page; hrefs: string[] }> {
  const page = await visit('/tim-kiem/');
  await waitForIslands(page);
  return { page, hrefs: await searchFor(page, query) };
}

/** Whether the page at `path` shows `phrase` in its main content (Unicode NFC, any case). */
async function pageContains(path: string, phrase: string): Promise<boolean> {
  const page = await visit(path);
  const text = (await page.getByRole('main').innerText()).normalize('NFC').toLowerCase();
  await page.close();
  return text.includes(phrase.normalize('NFC').toLowerCase());
}

describe('navigating the courses', () => {
  it('leads from the home page through the course list and a course to its first lesson and the next one', async () => {
    const page = await visit('/');
    const errors = collectPageErrors(page);

    await page.locator('a[href="/khoa-hoc/"]').first().click();
    await page.waitForURL('**/khoa-hoc/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();

    await page.locator(`main a[href="${COURSE}"]`).first().click();
    await page.waitForURL(`**${COURSE}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Số hóa hồ sơ vụ án');

    await page.locator(`main a[href="${LESSON_1}"]`).first().click();
    await page.waitForURL(`**${LESSON_1}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Chuẩn bị số hóa hồ sơ vụ án');

    await page
      .getByRole('link', { name: /Bài tiếp theo/ })
      .first()
      .click();
    await page.waitForURL(`**${LESSON_2}`);
    expect(pathOf(page)).toBe(LESSON_2);
    expect(errors).toEqual([]);
  });

  it('offers no "next lesson" link on the last lesson of a course but a "previous lesson" one', async () => {
    const page = await visit(LESSON_LAST);
    await expect.poll(() => page.getByRole('link', { name: /Bài tiếp theo/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Bài trước/ }).count()).toBeGreaterThan(0);
  });

  it('ships no framework JavaScript on lesson and record pages', async () => {
    for (const path of [LESSON_1, SEMINAR, PRACTICE]) {
      const page = await site.context.newPage();
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      const response = await page.goto(path);
      expect(response?.status(), `HTTP status of ${path}`).toBeLessThan(400);
      expect(await page.locator('astro-island').count(), `islands on ${path}`).toBe(0);
      const bodies = await Promise.all(scripts.map(async (url) => (await site.context.request.get(url)).text()));
      // `_$HY` is Solid's hydration registry: present in any script that carries its runtime.
      expect(
        bodies.filter((b) => b.includes('_$HY')),
        `framework scripts on ${path}`,
      ).toEqual([]);
      await page.close();
    }
  });
});

describe('filtering best practices', () => {
  it('shows only the chosen unit’s write-ups after choosing a unit and submitting the form', async () => {
    const page = await visit('/cach-lam-hay/');
    await page.getByLabel(/Đơn vị/).selectOption(VAN_YEN);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('don-vi') === VAN_YEN),
      page
        .getByRole('button', { name: /Lọc|Áp dụng|Xem/ })
        .first()
        .click(),
    ]);
    await expect.poll(() => page.locator(`main a[href="${PRACTICE}"]`).count()).toBeGreaterThan(0);
  });

  it('hides a write-up when another unit is chosen', async () => {
    const all = await visit('/cach-lam-hay/');
    expect(await all.locator(`main a[href="${PRACTICE}"]`).count()).toBeGreaterThan(0);
    const filtered = await visit(`/cach-lam-hay/?don-vi=${MY_XUYEN}`);
    expect(await filtered.locator(`main a[href="${PRACTICE}"]`).count()).toBe(0);
  });
});

describe('searching', () => {
  const courseLessons = (hrefs: string[]) => hrefs.filter((h) => h.startsWith(COURSE) && h !== COURSE);

  it('finds the lessons of the digitising course when typed with diacritics', async () => {
    const { hrefs } = await search('số hóa hồ sơ');
    expect(courseLessons(hrefs).length).toBeGreaterThan(0);
  });

  it('finds the same lessons when typed without diacritics', async () => {
    const { hrefs } = await search('so hoa ho so');
    expect(courseLessons(hrefs).length).toBeGreaterThan(0);
  });

  it('finds "điện tử" when the user types "dien tu"', async () => {
    const { hrefs } = await search('dien tu');
    expect(hrefs.length).toBeGreaterThan(0);
    const matches = await Promise.all(hrefs.slice(0, 5).map((h) => pageContains(h, 'điện tử')));
    expect(matches).toContain(true);
  });

  it('finds "đường truyền" when the user types "duong truyen"', async () => {
    const { hrefs } = await search('duong truyen');
    expect(hrefs.length).toBeGreaterThan(0);
    const matches = await Promise.all(hrefs.slice(0, 5).map((h) => pageContains(h, 'đường truyền')));
    expect(matches).toContain(true);
  });
});

describe('a missing page', () => {
  it('answers 404 with the Vietnamese error page', async () => {
    const page = await site.context.newPage();
    const response = await page.goto(MISSING);
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect((await page.locator('body').innerText()).toLowerCase()).toMatch(/không tìm thấy|không tồn tại/);
  });
});
