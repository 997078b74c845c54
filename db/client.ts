import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client, type InStatement, type Transaction, type TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
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

/** Pragmas that live on a connection, not in the file; applied before every write transaction. */
const CONNECTION_PRAGMAS = `PRAGMA busy_timeout=${BUSY_TIMEOUT_MS}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON`;

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
/** The handle a write transaction callback receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** An open database: Drizzle for queries, `write` for every change. */
export interface Database {
  /** Drizzle over the client. Use it for reads; use `write` for anything that changes data. */
  readonly db: Db;
  /** The underlying libSQL client (file access is guarded, see createDatabase). */
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
    return wrap(url, client, client);
  }
  const path = filePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const raw = createClient({ url: `file:${path}`, timeout: BUSY_TIMEOUT_MS, concurrency: 8 });
  // journal_mode is stored in the file, so setting it once per open is enough.
  await raw.execute('PRAGMA journal_mode=WAL');
  const client = guardFileClient(raw, writeLockFor(path));
  return wrap(url, client, raw);
}

function wrap(url: string, client: Client, raw: Client): Database {
  const db = drizzle(client, { schema });
  return {
    db,
    client,
    url,
    // Drizzle's libSQL session ignores `behavior` and always opens client.transaction('write'),
    // which is BEGIN IMMEDIATE; the option is passed anyway to state the intent.
    write: (fn) => db.transaction(fn, { behavior: 'immediate' }),
    close: () => raw.close(),
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

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  deferred: 'BEGIN DEFERRED',
  read: 'BEGIN TRANSACTION READONLY',
};

function isReadOnly(stmt: InStatement): boolean {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  if (/^\s*(select\b|pragma\s+\w+\s*;?\s*$)/i.test(sql)) return true;
  // A common table expression before a SELECT (the unit-tree and report queries) is a read too:
  // sent down the write path it took the write lock and a BEGIN IMMEDIATE for every report
  // query. SQLite also allows WITH … INSERT/UPDATE/DELETE, so any of those words keeps it there.
  return /^\s*with\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql);
}

/**
 * Guards a local libSQL client. The sqlite3 client of @libsql/client 0.18 keeps a pool of
 * connections opened lazily, runs statements synchronously on the event-loop thread, and
 * applies only `timeout` (busy timeout) to the connections it opens. Hence:
 * - every write goes through a transaction on a connection that just received
 *   CONNECTION_PRAGMAS (so synchronous/foreign_keys hold whichever connection the pool hands out);
 * - writes of one process are serialised: a second BEGIN IMMEDIATE in the same process would
 *   block the event loop in SQLite's busy handler while the first transaction, needing the
 *   same event loop to finish, could not commit, and would end in SQLITE_BUSY.
 * Writers in other processes simply wait in the busy handler (busy_timeout).
 */
function guardFileClient(client: Client, lock: WriteLock): Client {
  async function transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const release = mode === 'read' ? () => {} : await lock.acquire();
    try {
      // Borrow a connection without taking any lock, configure it, then start the real transaction.
      const tx = await client.transaction('deferred');
      await tx.executeMultiple(`ROLLBACK; ${CONNECTION_PRAGMAS}; ${BEGIN[mode]}`);
      return releasingOnEnd(tx, release);
    } catch (error) {
      release();
      throw error;
    }
  }
  async function inWriteTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = await transaction('write');
    try {
      const result = await fn(tx);
      await tx.commit();
      return result;
    } finally {
      tx.close();
    }
  }
  return new Proxy(client, {
    get(target, prop) {
      switch (prop) {
        case 'transaction':
          return transaction;
        case 'execute':
          return (stmt: InStatement, args?: unknown) => {
            const statement = typeof stmt === 'string' && args !== undefined ? { sql: stmt, args } : stmt;
            if (isReadOnly(statement as InStatement)) return target.execute(statement as InStatement);
            return inWriteTransaction((tx) => tx.execute(statement as InStatement));
          };
        case 'batch':
          return (stmts: InStatement[]) => inWriteTransaction((tx) => tx.batch(stmts));
        case 'migrate':
          return (stmts: InStatement[]) => lock.run(() => target.migrate(stmts));
        case 'executeMultiple':
          return (sql: string) => lock.run(() => target.executeMultiple(sql));
        default: {
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

/** Wraps a transaction so that its end (commit, rollback or close) releases the write lock once. */
function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(tx, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'commit' || prop === 'rollback') {
        return async () => {
          try {
            return await (value as () => Promise<void>).call(target);
          } finally {
            releaseOnce();
          }
        };
      }
      if (prop === 'close') {
        return () => {
          try {
            target.close();
          } finally {
            releaseOnce();
          }
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
