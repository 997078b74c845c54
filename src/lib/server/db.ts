import { createDatabase, DEFAULT_DATABASE_URL, type Database } from '../../../db/client';

let opening: Promise<Database> | undefined;

/**
 * The app's database, opened once per process from DATABASE_URL (default
 * `file:data/taphuan.db`) and DATABASE_AUTH_TOKEN for `libsql://` servers.
 */
export function getDatabase(): Promise<Database> {
  opening ??= createDatabase({
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

export type { Database, Db, Tx } from '../../../db/client';
