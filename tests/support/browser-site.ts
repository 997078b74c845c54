// The setup most browser test files share: the built server, Chromium and one browser context
// on that server, opened before the file's tests and closed after them.
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newContext } from './browser';
import { startServer, type StartServerOptions, type TestServer } from './server';

/** What {@link useBrowserSite} opens; its fields are set once the file's `beforeAll` hooks have run. */
export interface BrowserSite {
  server: TestServer;
  browser: Browser;
  /** A context on the server, as {@link newContext} opens it with the given options. */
  context: BrowserContext;
}

/**
 * Registers the file's hooks that start the server, launch Chromium and open a context on the
 * server (`beforeAll`), then close them again (`afterAll`). Call it at the top of a test file;
 * read the fields inside tests and later hooks only.
 */
export function useBrowserSite(
  options: { server?: StartServerOptions; context?: BrowserContextOptions } = {},
): BrowserSite {
  const site = {} as BrowserSite;
  beforeAll(async () => {
    site.server = await startServer(options.server);
    site.browser = await launchBrowser();
    site.context = await newContext(site.browser, site.server.url, options.context);
  });
  afterAll(async () => {
    await site.context?.close();
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
