import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/integrations/pagefind';
import { dFoldTerms, searchQueries } from '../../src/lib/shared/fold';

/**
 * Builds a real Pagefind index from pages marked up like the site's (content region under
 * data-pagefind-body, filters and the d-fold metadata in hidden attributes) and queries it
 * with Pagefind's own browser script, served from disk through a fetch stub.
 */

type Pagefind = {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (
    q: string | null,
    o?: { filters?: Record<string, string> },
  ) => Promise<{ results: { id: string; score: number; data: () => Promise<{ url: string; excerpt: string }> }[] }>;
  filters: () => Promise<Record<string, Record<string, number>>>;
};

let site: string;
let pagefind: Pagefind;
const realFetch = globalThis.fetch;

function page(body: { title: string; text: string; type: string; extra?: string }): string {
  const all = `${body.title} ${body.text}`;
  return `<!doctype html><html lang="vi"><head><title>${body.title}</title></head><body>
<nav>Điều hướng điện tử ngoài nội dung</nav>
<main><article data-pagefind-body>
<span hidden><span data-pagefind-filter="type[data-v]" data-v="${body.type}"></span>
<span data-pagefind-filter="course[data-v]" data-v="Công bố, trình chiếu chứng cứ tại phiên tòa"></span>
<span data-pagefind-meta="dfold[data-v]" data-v="${dFoldTerms(all)}"></span></span>
<h1>${body.title}</h1><p>${body.text}</p>${body.extra ?? ''}
</article></main></body></html>`;
}

async function urlsFor(query: string): Promise<string[]> {
  const { primary, dVariant } = searchQueries(query);
  const best = new Map<string, { id: string; score: number; data: () => Promise<{ url: string }> }>();
  for (const term of [primary, dVariant]) {
    if (!term) continue;
    for (const r of (await pagefind.search(term)).results)
      if ((best.get(r.id)?.score ?? -1) < r.score) best.set(r.id, r);
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  return Promise.all(ranked.map(async (r) => (await r.data()).url));
}

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'search-index-'));
  const pages: Record<string, string> = {
    'so-hoa/index.html': page({
      title: 'Số hóa hồ sơ vụ án',
      text: 'Quét tài liệu, đặt tên tệp và lưu trữ thống nhất.',
      type: 'Bài học',
    }),
    'truc-tuyen/index.html': page({
      title: 'Chuẩn bị điểm cầu',
      text: 'Kiểm tra đường truyền và thiết bị điện tử trước phiên tòa.',
      type: 'Bài học',
      extra: '<div data-pagefind-ignore><p>Đáp án câu hỏi ôn tập: Quỳnh</p></div>',
    }),
    'tap-huan/index.html': page({
      title: 'Diễn tập phiên tòa',
      text: 'Chạy thử máy chiếu và âm thanh.',
      type: 'Tọa đàm',
    }),
    'khong-meta/index.html':
      '<!doctype html><html lang="vi"><body><main data-pagefind-body><h1>Đường dây nóng</h1><p>Số gọi khi mất kết nối.</p></main></body></html>',
    'khong-noi-dung/index.html':
      '<!doctype html><html lang="vi"><body><h1>Trang chủ</h1><p>Không có nội dung bài học</p></body></html>',
  };
  for (const [file, html] of Object.entries(pages)) {
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), html);
  }
  const result = await buildSearchIndex(site);
  expect(result).toEqual({ ok: true, fileCount: 5, pageCount: 4, recordCount: 0 });

  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return new Response(await readFile(path.join(site, decodeURIComponent(url.pathname))));
  }) as typeof fetch;
  pagefind = (await import(
    /* @vite-ignore */ pathToFileURL(path.join(site, 'pagefind', 'pagefind.js')).href
  )) as Pagefind;
  await pagefind.options({ basePath: 'http://site.test/pagefind/', baseUrl: '/' });
  await pagefind.init();
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  if (site) await rm(site, { recursive: true, force: true });
});

describe('the Pagefind index of Vietnamese pages', () => {
  it('finds "số hóa hồ sơ" typed without diacritics', async () => {
    expect((await urlsFor('so hoa ho so'))[0]).toBe('/so-hoa/');
  });

  it('finds "điện tử" and "đường truyền" typed with d', async () => {
    expect(await urlsFor('dien tu')).toContain('/truc-tuyen/');
    expect((await urlsFor('duong truyen'))[0]).toBe('/truc-tuyen/');
  });

  it('needs the d-fold metadata: Pagefind alone does not match "duong" to "đường"', async () => {
    const found = await Promise.all((await pagefind.search('duong')).results.map(async (r) => (await r.data()).url));
    expect(found).toContain('/truc-tuyen/');
    expect(found).not.toContain('/khong-meta/');
  });

  it('still finds words typed with their diacritics', async () => {
    expect((await urlsFor('đường truyền'))[0]).toBe('/truc-tuyen/');
  });

  it('indexes only content regions: not navigation, ignored parts or pages without content', async () => {
    expect(await urlsFor('điều hướng')).toEqual([]);
    expect(await urlsFor('quỳnh')).toEqual([]);
    expect(await urlsFor('không')).toEqual([]);
  });

  it('exposes the filters, keeping commas inside values', async () => {
    const filters = await pagefind.filters();
    expect(filters.type).toEqual({ 'Bài học': 2, 'Tọa đàm': 1 });
    expect(Object.values(filters.course ?? {})).toEqual([3]);
    expect(Object.keys(filters.course ?? {})).toEqual(['Công bố, trình chiếu chứng cứ tại phiên tòa']);
  });
});
