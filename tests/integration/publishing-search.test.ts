// The search index follows publications: Pagefind's own script, loaded from the running
// server, finds a published record (typed without diacritics) within the request that
// published it, loses it when it is unpublished, keeps every record of concurrent
// publications, and a second instance on the same database converges.
import { lstat, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './helpers/http';
import {
  act,
  pagefindOf,
  recordIdOf,
  searchUrls,
  seminarForm,
  startPrivateServer,
  usePublishingSite,
} from './helpers/publishing';

let scratch: string;
const UNIT = 'bo-phan-minh-hoa-a1';

const site = usePublishingSite(['organiser', 'leader', 'admin'], { env: { SEARCH_INDEX_CHECK_MS: '200' } });
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'publishing-search-'));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function submit(form: Record<string, string | string[]>): Promise<string> {
  const response = await site.organiser.post('/bien-tap/toa-dam/moi/', { ...form, intent: 'submit' });
  expect(response.status).toBe(303);
  return recordIdOf(response);
}

async function slugOf(id: string): Promise<string> {
  return String((await sql(site.server.databaseUrl, 'SELECT slug FROM records WHERE id = ?', [id])).rows[0]?.slug);
}

describe('the search index after publishing', () => {
  let id: string;
  let url: string;
  const form = seminarForm(UNIT, {
    title: 'Tọa đàm về đường truyền dự phòng cho phiên tòa trực tuyến',
    'conclusions.0': 'Mỗi điểm cầu chuẩn bị một đường truyền dự phòng và kiểm tra micro trước giờ xét xử.',
    topics: ['xet-xu-truc-tuyen'],
  });

  beforeAll(async () => {
    id = await submit(form);
    const published = await act(site.server, site.leader, id, 'publish', form);
    expect(published.headers.get('location')).toContain('ket-qua=da-xuat-ban');
    url = `/toa-dam/${await slugOf(id)}/`;
  });

  it('finds the record by a word of its conclusions typed without diacritics, and by d for đ', async () => {
    const pagefind = await pagefindOf(site.server.url, scratch);
    expect(await searchUrls(pagefind, 'micro xet xu')).toContain(url);
    expect(await searchUrls(pagefind, 'duong truyen du phong')).toContain(url);
    // The static pages are still in the index.
    expect(await searchUrls(pagefind, 'so hoa ho so')).toContain(
      '/toa-dam/toa-dam-my-xuyen-so-hoa-trinh-chieu-chung-cu/',
    );
  });

  it('gives the record the same title and filters as static pages', async () => {
    const pagefind = await pagefindOf(site.server.url, scratch);
    const { results } = await pagefind.search('micro');
    const data = await Promise.all(results.map((r) => r.data()));
    const hit = data.find((d) => d.url === url) as unknown as {
      meta: Record<string, string>;
      filters: Record<string, string[]>;
    };
    expect(hit.meta.title).toBe('Tọa đàm về đường truyền dự phòng cho phiên tòa trực tuyến');
    expect(hit.meta.dfold).toContain('duong');
    expect(hit.filters).toMatchObject({
      type: ['Tọa đàm'],
      unit: ['Bộ phận minh họa A1 (dữ liệu mẫu)'],
      topic: ['Xét xử trực tuyến'],
      year: ['2026'],
    });
    const filters = await pagefind.filters();
    expect(filters.type?.['Tọa đàm']).toBeGreaterThanOrEqual(2);
  });

  it('swaps the index in atomically and records the generation it was built from', async () => {
    const link = path.join(site.server.dist, 'client', 'pagefind');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    const served = Number(await readFile(path.join(link, 'tap-huan-so-generation.txt'), 'utf8'));
    const stored = (await sql(site.server.databaseUrl, 'SELECT generation FROM search_index_state WHERE id = 1'))
      .rows[0]?.generation;
    expect(served).toBe(Number(stored));
  });

  it('removes the record from search when it is unpublished', async () => {
    const down = await act(site.server, site.leader, id, 'unpublish', { reviewComment: 'Cần bổ sung biên bản gốc.' });
    expect(down.status).toBe(303);
    const pagefind = await pagefindOf(site.server.url, scratch);
    expect(await searchUrls(pagefind, 'micro xet xu')).not.toContain(url);
    expect(await searchUrls(pagefind, 'so hoa ho so')).toContain(
      '/toa-dam/toa-dam-my-xuyen-so-hoa-trinh-chieu-chung-cu/',
    );
  });
});

describe('concurrent publications', () => {
  it('end with an index that holds every one of them', async () => {
    const words = ['vanchuyen', 'baoquan', 'niemphong', 'giaonhan', 'doichieu', 'kiemke'];
    const forms = words.map((w, i) =>
      seminarForm(UNIT, {
        title: `Tọa đàm song song số ${i + 1} về ${w}`,
        'conclusions.0': `Thống nhất cách ${w} hồ sơ.`,
      }),
    );
    const ids = [];
    for (const f of forms) ids.push(await submit(f));
    const responses = await Promise.all(
      ids.map((rid, i) => act(site.server, i % 2 === 0 ? site.leader : site.admin, rid, 'publish', forms[i]!)),
    );
    expect(responses.map((r) => r.status)).toEqual(words.map(() => 303));
    const pagefind = await pagefindOf(site.server.url, scratch);
    for (const [i, w] of words.entries()) {
      expect(await searchUrls(pagefind, w), w).toContain(`/toa-dam/${await slugOf(ids[i]!)}/`);
    }
  }, 60_000);
});

describe('several instances', () => {
  it('converge: another instance on the same database rebuilds its own index', async () => {
    const second = await startPrivateServer({
      env: { DATABASE_URL: site.server.databaseUrl, SEARCH_INDEX_CHECK_MS: '200' },
    });
    try {
      const form = seminarForm(UNIT, {
        title: 'Tọa đàm kiểm tra hai máy chủ cùng cơ sở dữ liệu',
        'conclusions.0': 'Thống nhất dùng chung quy trình haimaychu cho mọi đơn vị.',
      });
      const rid = await submit(form);
      await act(site.server, site.leader, rid, 'publish', form);
      const url = `/toa-dam/${await slugOf(rid)}/`;
      // The second instance notices on its next requests (throttled check) and rebuilds.
      let found: string[] = [];
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline) {
        await fetch(`${second.url}/toa-dam/`);
        found = await searchUrls(await pagefindOf(second.url, scratch), 'haimaychu');
        if (found.includes(url)) break;
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(found).toContain(url);
    } finally {
      await second.stop();
    }
    // Starting a second server and waiting for its check takes a while on a busy machine.
  }, 90_000);
});
