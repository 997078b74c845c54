import { fileURLToPath } from 'node:url';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { CustomRecord } from 'pagefind';

/** Top-level folders of the built site that hold indexed pages (`data-pagefind-body`). */
export const INDEXED_SECTIONS = ['khoa-hoc', 'toa-dam', 'cach-lam-hay'] as const;

/**
 * The HTML files Pagefind reads. Only lesson, course, seminar and practice pages carry a
 * content region; reading the others (presentation slides, quiz and list pages: half of a
 * 2,000-lesson build) cost Pagefind time and memory for nothing.
 * tests/integration/search-coverage.test.ts fails when a built page with a content region
 * lies outside these folders.
 */
export const CONTENT_PAGES_GLOB = `{${INDEXED_SECTIONS.join(',')}}/**/*.html`;

/** Outcome of indexing a built site. */
export type IndexResult =
  | {
      ok: true;
      /** HTML files read. */
      fileCount: number;
      /** Pages and records in the index (files without a content region are skipped). */
      pageCount: number;
      recordCount: number;
    }
  | { ok: false; errors: string[] };

/**
 * Builds the Pagefind index of a built site into `<siteDir>/pagefind`.
 * Only elements under `data-pagefind-body` are indexed (lesson, course, seminar and
 * practice pages mark their content region); other pages are skipped by Pagefind.
 * @param siteDir directory of the static client files
 * @param records extra records not backed by HTML files (e.g. published database records)
 * @param outputPath where to write the index (default `<siteDir>/pagefind`; the server writes
 *   to a temporary folder and swaps it in, see src/lib/server/publishing/search-index.ts)
 * @param glob which HTML files to read, relative to `siteDir` (default: all); the site passes
 *   {@link CONTENT_PAGES_GLOB}
 */
export async function buildSearchIndex(
  siteDir: string,
  records: readonly CustomRecord[] = [],
  outputPath = join(siteDir, 'pagefind'),
  glob?: string,
): Promise<IndexResult> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
  if (!index) return { ok: false, errors };
  try {
    const added = await index.addDirectory({ path: siteDir, ...(glob ? { glob } : {}) });
    if (added.errors.length > 0) return { ok: false, errors: added.errors };
    for (const record of records) {
      const r = await index.addCustomRecord(record);
      if (r.errors.length > 0) return { ok: false, errors: r.errors };
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) return { ok: false, errors: written.errors };
    const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const pageCount = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
    return { ok: true, fileCount: added.page_count, pageCount, recordCount: records.length };
  } finally {
    await pagefind.close();
  }
}

/**
 * Indexes a built site's content pages and checks the result; the build's last step.
 * @param siteDir directory of the static client files
 * @returns the message to log
 * @throws when Pagefind fails or finds no content page
 */
export async function indexBuiltSite(siteDir: string): Promise<string> {
  const result = await buildSearchIndex(siteDir, [], undefined, CONTENT_PAGES_GLOB);
  if (!result.ok) throw new Error(`Pagefind không tạo được chỉ mục tìm kiếm:\n${result.errors.join('\n')}`);
  if (result.pageCount === 0) throw new Error('Pagefind không tìm thấy trang nội dung nào để lập chỉ mục.');
  return `Đã lập chỉ mục tìm kiếm: ${result.pageCount} trang nội dung (đọc ${result.fileCount} tệp HTML trong ${siteDir}).`;
}

/**
 * Environment variable naming a file: when set, the integration writes the built site's folder
 * there instead of indexing, and `npm run build` (scripts/build.mjs) indexes it in a fresh
 * process once Astro has exited. Pagefind then never runs beside the Astro process, whose
 * memory stays high after a large build: peak memory is the larger of the two, not their sum.
 */
export const DEFER_INDEX_ENV = 'PAGEFIND_DEFER_TO';

/** Astro integration that indexes the built site with Pagefind's Node API after the build. */
export function pagefindIndex(): AstroIntegration {
  let clientDir: URL | undefined;
  return {
    name: 'tap-huan-so:pagefind',
    hooks: {
      'astro:config:done': ({ config, buildOutput }) => {
        clientDir = buildOutput === 'server' ? config.build.client : config.outDir;
      },
      'astro:build:done': async ({ logger, dir }) => {
        const siteDir = fileURLToPath(clientDir ?? dir);
        const deferTo = process.env[DEFER_INDEX_ENV];
        if (deferTo) {
          await writeFile(deferTo, JSON.stringify({ siteDir }));
          logger.info('Chỉ mục tìm kiếm sẽ được lập ngay sau bước dựng (tiến trình riêng).');
          return;
        }
        logger.info(await indexBuiltSite(siteDir));
      },
    },
  };
}
