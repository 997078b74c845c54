import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { CustomRecord } from 'pagefind';

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
 */
export async function buildSearchIndex(siteDir: string, records: readonly CustomRecord[] = []): Promise<IndexResult> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
  if (!index) return { ok: false, errors };
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) return { ok: false, errors: added.errors };
    for (const record of records) {
      const r = await index.addCustomRecord(record);
      if (r.errors.length > 0) return { ok: false, errors: r.errors };
    }
    const outputPath = join(siteDir, 'pagefind');
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
        const result = await buildSearchIndex(siteDir);
        if (!result.ok) throw new Error(`Pagefind không tạo được chỉ mục tìm kiếm:\n${result.errors.join('\n')}`);
        if (result.pageCount === 0) throw new Error('Pagefind không tìm thấy trang nội dung nào để lập chỉ mục.');
        logger.info(
          `Đã lập chỉ mục tìm kiếm: ${result.pageCount} trang nội dung (đọc ${result.fileCount} tệp HTML trong ${siteDir}).`,
        );
      },
    },
  };
}
