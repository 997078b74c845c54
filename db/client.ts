import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { createLocalClient } from './local-client';
import * as schema from './schema/index';

/** Default database: an embedded libSQL file, created on first start. */
export const DEFAULT_DATABASE_URL = 'file:data/taphuan.db';

/** How long a connection waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * How long a write waits for another write of the same process. Far above any real
 * transaction; reaching it means a write was started inside another write (a deadlock).
 */
const WRITE_LOCK_TIMEOUT_MS = 30_000;

/**
 * Pragmas of the write connection, run once when it opens. journal_mode is stored in the file;
 * synchronous and foreign_keys live on the connection.
 */
const WRITE_PRAGMAS = 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON';

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
/** The handle a write transaction callback receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** An open database: Drizzle for queries, `write` for every change. */
export interface Database {
  /** Drizzle over the client. Use it for reads; use `write` for anything that changes data. */
  readonly db: Db;
  /** The underlying libSQL client (for files, db/local-client.ts). */
  readonly client: Client;
  /** The URL the database was opened with. */
  readonly url: string;
  /**
   * Runs `fn` in a write transaction (BEGIN IMMEDIATE). Inside `fn`, use only `tx`: touching
   * the outer database for a write would wait for this very transaction.
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Closes every connection. */
  close(): void;
}

/** Options for {@link createDatabase}. */
export interface DatabaseOptions {
  /** `file:` path (relative paths resolve against the working directory) or `libsql://` URL. */
  url?: string;
  /** Token for `libsql://` servers. */
  authToken?: string;
}

/**
 * Opens a database. For `file:` URLs the directory is created, the file is switched to WAL,
 * every connection gets a busy timeout, and writes of this process are serialised (see
 * docs/decisions/010-database-connections.md for why both are needed).
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? DEFAULT_DATABASE_URL;
  const isFile = url.startsWith('file:');
  if (!isFile) {
    const client = createClient({ url, authToken: options.authToken });
    return wrap(url, client);
  }
  const path = filePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const client = createLocalClient({
    path,
    busyTimeoutMs: BUSY_TIMEOUT_MS,
    writePragmas: WRITE_PRAGMAS,
    lock: writeLockFor(path),
  });
  return wrap(url, client);
}

function wrap(url: string, client: Client): Database {
  const db = drizzle(client, { schema });
  return {
    db,
    client,
    url,
    // Drizzle's libSQL session ignores `behavior` and always opens client.transaction('write'),
    // which is BEGIN IMMEDIATE; the option is passed anyway to state the intent.
    write: (fn) => db.transaction(fn, { behavior: 'immediate' }),
    close: () => client.close(),
  };
}

/** Absolute file path of a `file:` URL (`file:data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`). */
export function filePath(url: string): string {
  const rest = url.slice('file:'.length).replace(/^\/\/(localhost)?(?=\/)/, '');
  return resolve(decodeURIComponent(rest.split('?')[0] ?? rest));
}

/** A FIFO async mutex with a wait limit. */
class WriteLock {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; resolves to the function that releases it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolveHeld) => (release = resolveHeld));
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Write lock not obtained within ${WRITE_LOCK_TIMEOUT_MS} ms (nested write?)`)),
        WRITE_LOCK_TIMEOUT_MS,
      );
      timer.unref();
    });
    return Promise.race([previous.then(() => release), timeout]).finally(() => clearTimeout(timer));
  }

  /** Runs `fn` holding the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

// One lock per file and process: two clients on the same file in one process must not
// interleave their write transactions either.
const locks = new Map<string, WriteLock>();
function writeLockFor(path: string): WriteLock {
  let lock = locks.get(path);
  if (!lock) {
    lock = new WriteLock();
    locks.set(path, lock);
  }
  return lock;
}
