// Measures what Chromium transfers for a page, split by resource kind: response bodies as
// they crossed the wire, i.e. compressed by the production server (scripts/serve.mjs sends
// brotli to Chromium, gzip to clients without brotli, and leaves tiny or already-compressed
// bodies alone). Nothing is recompressed here.
import type { Browser, CDPSession, Page, Request } from 'playwright-core';
import { newContext } from '../../tests/support/browser';

/** Resource kinds we report. "other" is fetch/XHR/wasm (e.g. the search index). */
export const KINDS = ['html', 'css', 'js', 'fonts', 'images', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** Transferred body bytes per kind, and their sum. */
export type Weight = Record<Kind, number> & { total: number; requests: number; urls: string[] };

/** One measured page: a cold first visit, and the same page reached from `from` with a warm cache. */
export interface PageWeightScenario {
  /** Page type shown in the report, e.g. "lesson". */
  type: string;
  /** Path measured. */
  path: string;
  /** Page visited just before `path` for the second-page measurement (its assets are cached). */
  from: string;
  /** Optional interaction after the first visit whose extra transfer is reported separately. */
  interact?: (page: Page) => Promise<void>;
  /** Signs in first through the login form's POST (no page is loaded, so the cache stays cold). */
  login?: { username: string; password: string };
}

export interface PageWeightResult {
  type: string;
  path: string;
  from: string;
  first: Weight;
  second: Weight;
  /** Extra transfer caused by `interact` (e.g. the first search query), if any. */
  interaction?: Weight;
}

/** How the numbers are measured, for the report. */
export const MEASUREMENT_NOTE =
  'response bodies as transferred by the production server (`scripts/serve.mjs`: brotli for Chromium, ' +
  'no compression under 1 KB or for pre-compressed Pagefind files), headers not counted';

function emptyWeight(): Weight {
  return { html: 0, css: 0, js: 0, fonts: 0, images: 0, other: 0, total: 0, requests: 0, urls: [] };
}

function kindOf(cdpType: string, url: string): Kind {
  switch (cdpType) {
    case 'Document':
      return 'html';
    case 'Stylesheet':
      return 'css';
    case 'Script':
      return 'js';
    case 'Font':
      return 'fonts';
    case 'Image':
      return 'images';
    default:
      return /\.m?js(\?|$)/.test(url) ? 'js' : 'other';
  }
}

/** Maps Playwright's resource types (used for worker requests) to our kinds. */
function kindOfPlaywright(resourceType: string, url: string): Kind {
  const cdpType = { document: 'Document', stylesheet: 'Stylesheet', script: 'Script', font: 'Font', image: 'Image' }[
    resourceType
  ];
  return kindOf(cdpType ?? 'Other', url);
}

/**
 * Records network transfers through the DevTools protocol. A response counts only when it
 * came over the network (not from the memory or disk cache, not a 304): the bytes Chromium
 * received for it (`loadingFinished.encodedDataLength`) less its headers (the
 * `encodedDataLength` already received when the response headers arrived), so the body as
 * encoded by the server's Content-Encoding. Headers are not counted.
 *
 * A page's DevTools session does not see requests made by its Web Workers (Pagefind
 * searches in one), so requests that Playwright saw finish but the page session never saw
 * are counted too; in a fresh context those are first fetches, never cache hits.
 */
export class TransferRecorder {
  /** URLs the page's DevTools session saw requested in the current tally. */
  private seenByPage = new Set<string>();
  /** Every request Playwright saw finish in the current tally (page and workers). */
  private finished: Request[] = [];

  private weight = emptyWeight();
  private pending = new Map<
    string,
    { url: string; kind: Kind; cached: boolean; status: number; headerBytes: number; encoding: string }
  >();
  /** Requests Chromium answered from its memory cache (reported before or after the response). */
  private servedFromCache = new Set<string>();

  constructor(cdp: CDPSession, page: Page) {
    page.on('requestfinished', (request) => this.finished.push(request));
    cdp.on('Network.requestWillBeSent', ({ request }) => this.seenByPage.add(request.url));
    cdp.on('Network.requestServedFromCache', ({ requestId }) => this.servedFromCache.add(requestId));
    cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
      const cached = Boolean(response.fromDiskCache || response.fromPrefetchCache || response.fromServiceWorker);
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      this.pending.set(requestId, {
        url: response.url,
        kind: kindOf(type, response.url),
        cached,
        status: response.status,
        headerBytes: response.encodedDataLength,
        encoding: String(headers['content-encoding'] ?? 'identity'),
      });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const entry = this.pending.get(requestId);
      this.pending.delete(requestId);
      const cached = entry?.cached || this.servedFromCache.delete(requestId);
      if (!entry || cached || entry.status === 304 || entry.url.startsWith('data:')) return;
      this.add(entry.kind, entry.url, Math.max(0, encodedDataLength - entry.headerBytes), entry.encoding);
    });
  }

  private add(kind: Kind, url: string, bytes: number, encoding: string): void {
    this.weight[kind] += bytes;
    this.weight.total += bytes;
    this.weight.requests += 1;
    this.weight.urls.push(`${kind} ${bytes} ${encoding} ${new URL(url).pathname}`);
  }

  /** Returns what was recorded since the last call and starts a new tally. */
  async take(): Promise<Weight> {
    for (const request of this.finished) {
      if (this.seenByPage.has(request.url()) || request.url().startsWith('data:')) continue;
      const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
      const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
      this.add(
        kindOfPlaywright(request.resourceType(), request.url()),
        request.url(),
        sizes.responseBodySize,
        encoding,
      );
    }
    const result = this.weight;
    this.weight = emptyWeight();
    this.finished = [];
    this.seenByPage.clear();
    return result;
  }
}

/** Loads a page and waits until the network is quiet (lazy fonts and images included). */
async function load(page: Page, path: string): Promise<void> {
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  const status = response?.status() ?? 0;
  if (status >= 400) throw new Error(`${path} answered ${status}`);
}

/**
 * Measures each scenario in a fresh browser context (empty cache): the first visit to
 * `path`; then, in another fresh context, `from` followed by `path`, counting only what
 * `path` adds.
 */
export async function measurePageWeights(
  browser: Browser,
  baseURL: string,
  scenarios: PageWeightScenario[],
): Promise<PageWeightResult[]> {
  const results: PageWeightResult[] = [];
  for (const scenario of scenarios) {
    const run = async (steps: (page: Page, recorder: TransferRecorder) => Promise<Weight[]>) => {
      const context = await newContext(browser, baseURL);
      if (scenario.login) {
        const response = await context.request.post('/dang-nhap/', {
          form: { ...scenario.login, next: '/tai-khoan/' },
          headers: { origin: new URL(baseURL).origin },
          maxRedirects: 0,
        });
        if (response.status() !== 303)
          throw new Error(`Login as ${scenario.login.username} answered ${response.status()}`);
      }
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      try {
        return await steps(page, new TransferRecorder(cdp, page));
      } finally {
        await context.close();
      }
    };

    const [first, interaction] = await run(async (page, recorder) => {
      await load(page, scenario.path);
      const firstWeight = await recorder.take();
      if (!scenario.interact) return [firstWeight];
      await scenario.interact(page);
      // `networkidle` was reached long ago; give lazily fetched result fragments time to land.
      await page.waitForTimeout(1500);
      return [firstWeight, await recorder.take()];
    });
    const [second] = await run(async (page, recorder) => {
      await load(page, scenario.from);
      await recorder.take();
      await load(page, scenario.path);
      return [await recorder.take()];
    });
    results.push({ type: scenario.type, path: scenario.path, from: scenario.from, first, second, interaction });
  }
  return results;
}

/** Bytes as kilobytes (1 KB = 1,000 bytes) with one decimal. */
export function kb(bytes: number): string {
  return (bytes / 1000).toFixed(1);
}

/** The bytes the page-weight targets count: HTML, CSS, JS and fonts (images and data excluded). */
export function targetBytes(w: Weight): number {
  return w.html + w.css + w.js + w.fonts;
}

/** Markdown table of results: target bytes in bold, then the split by kind. */
export function weightTable(results: PageWeightResult[]): string {
  const head =
    '| Page type | Path | First visit (HTML+CSS+JS+fonts) | HTML | CSS | JS | Fonts | Images | Other | Second page (HTML+CSS+JS+fonts), reached from | 2nd: HTML | CSS | JS | Fonts | Images |\n' +
    '|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|';
  const rows = results.map((r) =>
    [
      r.type,
      `\`${r.path}\``,
      `**${kb(targetBytes(r.first))}**`,
      kb(r.first.html),
      kb(r.first.css),
      kb(r.first.js),
      kb(r.first.fonts),
      kb(r.first.images),
      kb(r.first.other),
      `**${kb(targetBytes(r.second))}** from \`${r.from}\``,
      kb(r.second.html),
      kb(r.second.css),
      kb(r.second.js),
      kb(r.second.fonts),
      kb(r.second.images),
    ].join(' | '),
  );
  return [head, ...rows.map((row) => `| ${row} |`)].join('\n');
}
