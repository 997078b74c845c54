import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatViolations, scanAccessibility } from '../support/axe';
import { newContext, waitForIslands } from '../support/browser';
import { useBrowserSite } from '../support/browser-site';
import { COURSE, LESSON_1, MISSING, PRACTICE, SEMINAR, VAN_YEN, searchFor } from '../support/site';

const site = useBrowserSite();

/** Opens `path`, expecting `status` (a success by default), with its islands hydrated. */
async function open(path: string, status?: number): Promise<Page> {
  const page = await site.context.newPage();
  const response = await page.goto(path);
  if (status === undefined) expect(response?.status(), `HTTP status of ${path}`).toBeLessThan(400);
  else expect(response?.status(), `HTTP status of ${path}`).toBe(status);
  await waitForIslands(page);
  return page;
}

describe('accessibility of each page type', () => {
  const pages: [string, string][] = [
    ['home', '/'],
    ['course list', '/khoa-hoc/'],
    ['course', COURSE],
    ['lesson', LESSON_1],
    ['seminar list', '/toa-dam/'],
    ['seminar', SEMINAR],
    ['practice list', '/cach-lam-hay/'],
    ['practice', PRACTICE],
    ['unit', `/don-vi/${VAN_YEN}/`],
    ['authoring guide', '/huong-dan-soan-bai/'],
  ];

  it.each(pages)('finds no serious or critical axe violations on the %s page', async (_name, path) => {
    const violations = await scanAccessibility(await open(path));
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('finds no serious or critical axe violations on the search page showing results', async () => {
    const page = await open('/tim-kiem/');
    expect((await searchFor(page, 'số hóa hồ sơ')).length).toBeGreaterThan(0);
    const violations = await scanAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('finds no serious or critical axe violations on the 404 page', async () => {
    const violations = await scanAccessibility(await open(MISSING, 404));
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('finds no serious or critical axe violations on a lesson at phone width (360 px)', async () => {
    const phone = await newContext(site.browser, site.server.url, { viewport: { width: 360, height: 740 } });
    try {
      const page = await phone.newPage();
      await page.goto(LESSON_1);
      const violations = await scanAccessibility(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      // Responsive down to 360 px: nothing forces a horizontal scrollbar.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });
});
