/**
 * Writes every published record from the database as an MDX file the content collections
 * accept, so it can move into the versioned content (src/content/…):
 *
 *   npm run content:export                 # into data/export (next to the database)
 *   npm run content:export -- --out dir    # into dir
 *
 * Output: <out>/seminars/<id>.mdx, <out>/practices/<id>.mdx and the attachments under
 * <out>/public/tap-tin/<id>/ (copy that folder into public/). Env: DATABASE_URL, DATA_DIR.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, DEFAULT_DATABASE_URL } from '../db/client';
import { dataDir, uploadsDir } from '../src/lib/server/publishing/data-dir';
import { exportRecord } from '../src/lib/server/publishing/export';
import { listAttachmentsOf, listPublishedRecords } from '../src/lib/server/publishing/records';

/** What {@link exportPublished} wrote. */
export interface ExportSummary {
  files: string[];
  problems: string[];
}

/**
 * Exports the published records of a database into `out`.
 * @param databaseUrl libSQL URL
 * @param out output folder
 * @param uploads folder of the uploaded attachments
 */
export async function exportPublished(databaseUrl: string, out: string, uploads: string): Promise<ExportSummary> {
  const database = await createDatabase({ url: databaseUrl, authToken: process.env.DATABASE_AUTH_TOKEN || undefined });
  const written: string[] = [];
  const problems: string[] = [];
  try {
    const published = await listPublishedRecords(database);
    const attachments = await listAttachmentsOf(
      database,
      published.map((r) => r.id),
    );
    for (const record of published) {
      if (!record.slug) continue;
      try {
        const exported = exportRecord(
          record.kind,
          record.slug,
          record.data,
          record.body,
          attachments.filter((a) => a.recordId === record.id),
        );
        const target = join(out, exported.path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, exported.mdx);
        written.push(target);
        for (const file of exported.files) {
          const to = join(out, 'public', file.to);
          await mkdir(dirname(to), { recursive: true });
          try {
            await copyFile(join(uploads, file.from), to);
          } catch {
            problems.push(`${record.slug}: thiếu tệp đính kèm ${file.from}`);
          }
        }
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    database.close();
  }
  return { files: written, problems };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(argument('--out') ?? join(dataDir(), 'export'));
  const { files, problems } = await exportPublished(
    process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    out,
    uploadsDir(),
  );
  for (const file of files) console.log(`Đã ghi ${relative(process.cwd(), file)}`);
  for (const problem of problems) console.error(`Lỗi: ${problem}`);
  console.log(
    files.length === 0
      ? 'Không có bản ghi nào đã xuất bản.'
      : `Đã xuất ${files.length} bản ghi vào ${out}. Chép seminars/, practices/ vào src/content/ và public/ vào public/ để đưa vào nội dung có phiên bản.`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
}
