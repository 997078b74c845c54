// Launches Debian's Chromium through playwright-core for browser tests and benchmarks.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_HELP, findChromium } from '../../scripts/lib/chromium.mjs';

/**
 * Flags that keep Chromium quiet on a closed network: without the networking ones it keeps
 * trying to reach Google services and floods the logs with refused connections.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Launches headless Chromium (`CHROMIUM_PATH` or /usr/bin/chromium). Playwright gives each
 * launch a fresh temporary profile (user-data-dir) and deletes it on close.
 */
export async function launchBrowser(): Promise<Browser> {
  const found = findChromium();
  if (!found.ok) throw new Error(`${found.reason}\n${CHROMIUM_HELP}`);
  return chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens a new isolated context (own cookies and cache) whose relative URLs resolve
 * against `baseURL`, in Vietnamese and at a desktop size unless overridden.
 */
export async function newContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'vi-VN', viewport: { width: 1280, height: 900 }, ...options });
}

/** Uncaught page errors and console errors seen on a page, for assertions. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Opens `path` in a new page of `context` and returns it with the HTTP status. */
export async function openPage(context: BrowserContext, path: string): Promise<{ page: Page; status: number }> {
  const page = await context.newPage();
  const response = await page.goto(path, { waitUntil: 'load' });
  return { page, status: response?.status() ?? 0 };
}

/**
 * Waits until every Astro island on the page has hydrated. Islands use `display: contents`,
 * so we wait for attachment, not visibility; `ssr` is removed once hydrated.
 */
export async function waitForIslands(page: Page, timeout = 10_000): Promise<void> {
  const count = await page.locator('astro-island').count();
  if (count === 0) return;
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, {
    timeout,
  });
}
