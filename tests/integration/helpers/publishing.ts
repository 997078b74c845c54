// Helpers for the publishing tests: a private copy of the build (publishing rewrites its
// search index, which other test files must not see) with demo accounts logged in, record
// forms, and a Pagefind client.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import {
  DEMO_USERS,
  distDir,
  projectRoot,
  startServer,
  type StartServerOptions,
  type TestServer,
} from '../../support/server';
import { HttpClient, loginAs, sql } from './http';

/** A server running on its own copy of the build. */
export interface PrivateServer extends TestServer {
  /** The copied build folder (its client/ holds the search index). */
  dist: string;
}

/**
 * Starts the built server on a copy of the build inside the project (so the copy still
 * resolves node_modules), with its own database.
 */
export async function startPrivateServer(options: StartServerOptions = {}): Promise<PrivateServer> {
  const base = path.join(projectRoot, '.tmp');
  // A fresh clone has no .tmp/ yet.
  await mkdir(base, { recursive: true });
  const dist = await mkdtemp(path.join(base, 'publishing-dist-'));
  await cp(distDir, dist, { recursive: true, verbatimSymlinks: true });
  const server = await startServer({ ...options, dist });
  return {
    ...server,
    dist,
    async stop() {
      await server.stop();
      await rm(dist, { recursive: true, force: true });
    },
  };
}

/** A demo account's role, as a key of {@link DEMO_USERS}. */
export type DemoRole = keyof typeof DEMO_USERS;

/** A private server, clients logged in as the demo accounts of some roles, and an anonymous one. */
export type PublishingSite<R extends DemoRole> = Record<R, HttpClient> & {
  server: PrivateServer;
  anonymous: HttpClient;
};

/**
 * Registers the file's hooks that start a private server (see {@link startPrivateServer}) and
 * log in the demo account of each of `roles` on it (`beforeAll`), then stop the server
 * (`afterAll`). Call it at the top of a test file; read the fields inside tests and later hooks
 * only.
 */
export function usePublishingSite<R extends DemoRole>(
  roles: readonly R[],
  options: StartServerOptions = {},
): PublishingSite<R> {
  const site = {} as PublishingSite<R>;
  beforeAll(async () => {
    site.server = await startPrivateServer(options);
    site.anonymous = new HttpClient(site.server.url);
    for (const role of roles) Object.assign(site, { [role]: await loginAs(site.server.url, DEMO_USERS[role]) });
  });
  afterAll(() => site.server?.stop());
  return site;
}

/** Form fields of a complete, valid seminar record hosted by `unit`. */
export function seminarForm(
  unit: string,
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    title: 'Tọa đàm về lưu trữ hồ sơ số tại đơn vị',
    summary: 'Các đơn vị trao đổi cách quét, đặt tên và lưu trữ hồ sơ vụ án điện tử thống nhất.',
    date: '2026-03-12',
    datePrecision: 'day',
    hostUnit: unit,
    'chair.name': 'Nguyễn Văn Chủ Trì',
    'chair.position': 'Viện trưởng',
    'chair.unit': unit,
    'participants.0.unit': unit,
    'participants.0.role': 'Kiểm sát viên, Kiểm tra viên',
    'participants.1.name': 'Công an huyện',
    'participants.1.role': 'Đại diện cơ quan điều tra',
    topics: ['so-hoa-ho-so'],
    'difficulties.0': 'Máy quét giữa các đơn vị không đồng bộ.',
    'solutions.0': 'Thống nhất quy cách đặt tên tệp trong toàn tỉnh.',
    'conclusions.0': 'Thống nhất lập kho lưu trữ tập trung cho hồ sơ đã số hóa.',
    'followUps.0.action': 'Xây dựng hướng dẫn đặt tên tệp hồ sơ',
    'followUps.0.owner': 'Bộ phận hình sự',
    'followUps.0.deadline': '2026-06-30',
    relatedLessons: ['chuan-bi-so-hoa-ho-so'],
    body: '## Diễn biến\n\nCác đại biểu trình bày kinh nghiệm **thực tế**.',
    ...overrides,
  };
}

/** Form fields of a complete, valid best-practice write-up of `unit`. */
export function practiceForm(
  unit: string,
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    title: 'Báo cáo án bằng sơ đồ tư duy ở đơn vị',
    summary: 'Đơn vị chuyển toàn bộ báo cáo án hình sự sang sơ đồ tư duy trong một năm.',
    unit,
    'period.from': '2025-01-01',
    'period.to': '2025-12-31',
    fields: ['hinh-su'],
    topics: ['so-do-tu-duy'],
    'results.0.value': '19',
    'results.0.label': 'vụ án hình sự báo cáo bằng sơ đồ tư duy',
    'difficulties.0': 'Cán bộ còn ít kinh nghiệm vẽ sơ đồ.',
    'howToReplicate.0': 'Chọn một vụ án mẫu và vẽ sơ đồ cùng nhau.',
    'author.name': 'Trần Thị Người Viết',
    'author.position': 'Kiểm sát viên',
    body: 'Bài viết chia sẻ cách làm.',
    ...overrides,
  };
}

/** Id of the record a redirect points to (`/bien-tap/ban-ghi/<id>/?…`). */
export function recordIdOf(response: Response): string {
  const location = response.headers.get('location') ?? '';
  const match = /\/bien-tap\/ban-ghi\/(r[a-z0-9]+)\//.exec(location);
  if (!match?.[1]) throw new Error(`No record in redirect (${response.status}): ${location}`);
  return match[1];
}

/** The current version of a record, read from the database. */
export async function versionOf(databaseUrl: string, id: string): Promise<string> {
  const rows = await sql(databaseUrl, 'SELECT version FROM records WHERE id = ?', [id]);
  const version = rows.rows[0]?.version;
  if (version === undefined) throw new Error(`No record ${id}`);
  return String(version);
}

/** Posts an intent to a record's editor with its current version. */
export async function act(
  server: { databaseUrl: string },
  client: HttpClient,
  id: string,
  intent: string,
  fields: Record<string, string | string[]> = {},
): Promise<Response> {
  return client.post(`/bien-tap/ban-ghi/${id}/`, {
    ...fields,
    intent,
    version: await versionOf(server.databaseUrl, id),
  });
}

/** A small real PNG (decodable by sharp). */
export async function pngBytes(width = 320, height = 200): Promise<Buffer<ArrayBuffer>> {
  return (await sharp({ create: { width, height, channels: 3, background: '#2d6a9f' } })
    .png()
    .toBuffer()) as Buffer<ArrayBuffer>;
}

type PagefindApi = {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string) => Promise<{ results: { data: () => Promise<{ url: string; meta: Record<string, string> }> }[] }>;
  filters: () => Promise<Record<string, Record<string, number>>>;
};

let loads = 0;

/**
 * Loads the site's own Pagefind script (as served now) in Node and searches with it; a fresh
 * copy each time, so a rebuilt index is read anew.
 */
export async function pagefindOf(serverUrl: string, scratch: string): Promise<PagefindApi> {
  const script = await (await fetch(`${serverUrl}/pagefind/pagefind.js`)).text();
  const file = path.join(scratch, `pagefind-${++loads}-${Date.now()}.mjs`);
  await writeFile(file, script);
  const pagefind = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PagefindApi;
  await pagefind.options({ basePath: `${serverUrl}/pagefind/`, baseUrl: '/' });
  await pagefind.init();
  return pagefind;
}

/** URLs Pagefind finds for a query. */
export async function searchUrls(pagefind: PagefindApi, query: string): Promise<string[]> {
  const { results } = await pagefind.search(query);
  return Promise.all(results.map(async (r) => (await r.data()).url));
}
