// The Content-Security-Policy in a real browser: it is enforced (an injected inline script
// does not run), and no page type trips it: scripts, styles, islands, the mind map, the
// presentation deck and its service worker, and Pagefind's WebAssembly search.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, newContext, waitForIslands } from '../support/browser';
import { useBrowserSite } from '../support/browser-site';
import { DEMO_USERS } from '../support/server';
import { COURSE, LESSON_1, MISSING, PRACTICE, SEMINAR, searchFor, submitLogin } from '../support/site';

/** Pages whose scripts and styles differ: one of each kind the site has. */
const PAGES = [
  '/',
  '/khoa-hoc/',
  COURSE,
  LESSON_1,
  // A lesson with a mind map (drawn by a client script) and one with code blocks.
  '/khoa-hoc/so-do-tu-duy-va-so-do-hoa-chung-cu/bao-cao-an-bang-so-do-tu-duy/',
  '/khoa-hoc/so-hoa-ho-so-vu-an/dat-ten-va-luu-tru-ho-so-so/',
  '/toa-dam/',
  SEMINAR,
  '/cach-lam-hay/',
  PRACTICE,
  '/huong-dan-soan-bai/',
  '/dang-nhap/',
  '/trinh-chieu/bai-hoc/bao-cao-an-bang-so-do-tu-duy/',
  MISSING,
];

const site = useBrowserSite();
beforeAll(async () => {
  await recordViolations(site.context);
});

/** Records every CSP violation a page of `ctx` reports, before any page script runs. */
async function recordViolations(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`);
    });
  });
}

function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []);
}

describe('content security policy in the browser', () => {
  it('is enforced: an inline script injected into a page does not run', async () => {
    const page = await site.context.newPage();
    await page.goto(LESSON_1);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations(page)).join('\n')).toMatch(/script-src/);
    await page.close();
  });

  it('blocks nothing the site itself uses on any page type', async () => {
    const problems: string[] = [];
    for (const path of PAGES) {
      const page = await site.context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(path, { waitUntil: 'networkidle' });
      await waitForIslands(page);
      for (const v of await violations(page)) problems.push(`${path}: ${v}`);
      for (const e of errors.filter((e) => /content security policy|refused to/i.test(e)))
        problems.push(`${path}: ${e}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('lets Pagefind load its WebAssembly and find results', async () => {
    const page = await site.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto('/tim-kiem/');
    const hrefs = await searchFor(page, 'so hoa ho so');
    expect(hrefs.length).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    expect(errors.filter((e) => /content security policy|refused to|wasm|webassembly/i.test(e))).toEqual([]);
    await page.close();
  });

  it('lets the Solid island of the record editor hydrate (server-rendered, so Solid’s inline script runs)', async () => {
    const organiser = await newContext(site.browser, site.server.url);
    await recordViolations(organiser);
    try {
      const page = await organiser.newPage();
      const errors = collectPageErrors(page);
      await submitLogin(page, DEMO_USERS.organiser);
      const response = await page.goto('/bien-tap/toa-dam/moi/', { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      expect(await page.content()).toContain('_$HY');
      expect(await page.locator('astro-island').count()).toBeGreaterThan(0);
      await waitForIslands(page);
      expect(await violations(page)).toEqual([]);
      expect(errors.filter((e) => /content security policy|refused to/i.test(e))).toEqual([]);
    } finally {
      await organiser.close();
    }
  });

  it('shows a page’s CSP in force, with frame-ancestors from the header', async () => {
    const page = await site.context.newPage();
    const response = await page.goto('/');
    expect(await response?.headerValue('content-security-policy')).toContain("frame-ancestors 'none'");
    const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(meta).toMatch(/script-src 'self'/);
    expect(meta).not.toContain("'unsafe-inline'");
    await page.close();
  });
});
