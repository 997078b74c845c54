import { dirname, join, resolve } from 'node:path';
import { DEFAULT_DATABASE_URL, filePath } from '../../../../db/client';

/**
 * The data directory: `DATA_DIR`, else the folder of the database file (`data/` by
 * default), else `data/` in the working directory (a remote libSQL server has no folder
 * here). It is never inside the web root, so uploads cannot be served without a check.
 */
export function dataDir(): string {
  if (process.env.DATA_DIR) return resolve(process.env.DATA_DIR);
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  return url.startsWith('file:') ? dirname(filePath(url)) : resolve('data');
}

/** Folder of uploaded attachments (content-hash names). */
export function uploadsDir(base = dataDir()): string {
  return join(base, 'uploads');
}
