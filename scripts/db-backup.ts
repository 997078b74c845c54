/**
 * Writes a consistent copy of the database file while the app keeps running:
 *
 *   npm run db:backup                      # data/backups/taphuan-20261123-153000.db
 *   npm run db:backup -- --out /path/x.db
 *
 * Uses SQLite's `VACUUM INTO`, which reads one snapshot of the database (WAL readers do not
 * block writers) and writes a compact, self-contained file. For a libsql:// server, use the
 * server's own backup tools instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase, DEFAULT_DATABASE_URL, filePath } from '../db/client';

/** Timestamp for file names: 20261123-153000 (local time). */
function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/**
 * Backs up a `file:` database to `out` (default: `backups/` beside the database file) and
 * returns the path written.
 */
export async function backupDatabase(url: string, out?: string): Promise<string> {
  if (!url.startsWith('file:'))
    throw new Error(
      'Chỉ sao lưu được cơ sở dữ liệu dạng tệp (file:). Với máy chủ libSQL, dùng công cụ sao lưu của máy chủ.',
    );
  const source = filePath(url);
  if (!existsSync(source)) throw new Error(`Không thấy tệp cơ sở dữ liệu ${source}.`);
  const target = resolve(out ?? join(dirname(source), 'backups', `taphuan-${stamp(new Date())}.db`));
  if (existsSync(target)) throw new Error(`Tệp ${target} đã có; hãy chọn tên khác.`);
  mkdirSync(dirname(target), { recursive: true });
  const database = await createDatabase({ url });
  try {
    await database.client.executeMultiple(`VACUUM INTO '${target.replaceAll("'", "''")}'`);
  } finally {
    database.close();
  }
  return target;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const target = await backupDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, values.out);
  console.log(`Đã sao lưu cơ sở dữ liệu vào ${target}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
