// Search cost in Chromium on a built site: bytes fetched from /pagefind/ for the first query
// (search code, WebAssembly, metadata, filters, index chunks, result fragments) and for a later
// query with new words, and how long each took until the result count was shown.
import type { Browser, Page } from 'playwright-core';
import { newContext } from '../../tests/support/browser';
import { TransferRecorder, type Weight } from './page-weight';

/** Kinds of Pagefind files, for the breakdown. */
const PARTS = ['code', 'metadata', 'filters', 'index', 'fragments'] as const;
type Part = (typeof PARTS)[number];

/** One measured query. */
export interface SearchQueryCost {
  query: string;
  /** Bytes transferred from /pagefind/ (compressed as sent), total and by kind. */
  bytes: number;
  parts: Record<Part, number>;
  requests: number;
  /** Milliseconds from pressing Enter to the result count being shown. */
  ms: number;
  results: string;
}

function partOf(pathname: string): Part {
  const name = pathname.slice('/pagefind/'.length);
  if (name.startsWith('index/')) return 'index';
  if (name.startsWith('fragment/')) return 'fragments';
  if (name.startsWith('filter/')) return 'filters';
  if (name.endsWith('.js') || name.startsWith('wasm.')) return 'code';
  return 'metadata';
}

function cost(query: string, weight: Weight, ms: number, results: string): SearchQueryCost {
  const parts = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  let bytes = 0;
  let requests = 0;
  for (const line of weight.urls) {
    // TransferRecorder lines: "<kind> <bytes> <encoding> <pathname>".
    const [, size, , pathname] = line.split(' ');
    if (!pathname?.startsWith('/pagefind/')) continue;
    parts[partOf(pathname)] += Number(size);
    bytes += Number(size);
    requests += 1;
  }
  return { query, bytes, parts, requests, ms, results };
}

async function ask(page: Page, query: string): Promise<{ ms: number; results: string }> {
  const box = page.locator('#search-q');
  const status = page.locator('#search-status');
  await box.fill(query);
  const started = performance.now();
  await box.press('Enter');
  await page.waitForFunction(
    () => /Tìm thấy|Không tìm thấy/.test(document.querySelector('#search-status')?.textContent ?? ''),
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  const ms = performance.now() - started;
  // Result fragments of the first page load after the count; let them land before counting.
  await page.waitForLoadState('networkidle');
  return { ms, results: (await status.textContent()) ?? '' };
}

/**
 * Opens the search page with a cold cache, runs `first`, then `later` (new words), and
 * returns what each one fetched from /pagefind/ and how long it took.
 */
export async function measureSearch(
  browser: Browser,
  baseUrl: string,
  first: string,
  later: string,
): Promise<[SearchQueryCost, SearchQueryCost]> {
  const context = await newContext(browser, baseUrl);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const recorder = new TransferRecorder(cdp, page);
    await page.goto('/tim-kiem/', { waitUntil: 'networkidle' });
    await recorder.take();
    const a = await ask(page, first);
    const firstCost = cost(first, await recorder.take(), a.ms, a.results);
    const b = await ask(page, later);
    const laterCost = cost(later, await recorder.take(), b.ms, b.results);
    return [firstCost, laterCost];
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** Markdown table of search costs against the targets (first ≤ 160 KB, later ≤ 40 KB). */
export function searchTable(label: string, costs: readonly SearchQueryCost[]): string {
  const targets = [160_000, 40_000];
  const rows = costs.map((c, i) => {
    const target = targets[i] ?? targets[1]!;
    const verdict = c.bytes <= target ? '**met**' : `**NOT met** (+${kb(c.bytes - target)} KB)`;
    return `| ${label} | ${i === 0 ? 'first query' : 'later, new words'} \`${c.query}\` | **${kb(c.bytes)}** | ${PARTS.map((p) => kb(c.parts[p])).join(' | ')} | ${c.requests} | ${c.ms.toFixed(0)} | ≤ ${kb(target)}: ${verdict} |`;
  });
  return [
    '| Site | Query | KB fetched | Code (JS+wasm) | Metadata | Filters | Index | Fragments | Requests | ms to results | Target |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows,
  ].join('\n');
}
