import {
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import Sqlite from 'libsql';

/** Settings of {@link createLocalClient}. */
export interface LocalClientOptions {
  /** Absolute path of the database file. */
  path: string;
  /** Busy timeout of both connections (ms): how long to wait for another process's lock. */
  busyTimeoutMs: number;
  /** Pragmas run once on the write connection when it opens (`synchronous`, `foreign_keys`…). */
  writePragmas: string;
  /** Serialises this process's writers on the file (see db/client.ts). */
  lock: { acquire(): Promise<() => void> };
}

/** Statements kept prepared per connection; far above the number of distinct queries the app sends. */
const STATEMENT_CACHE_SIZE = 500;

type Connection = InstanceType<typeof Sqlite>;
type Statement = ReturnType<Connection['prepare']>;
type SqlValue = null | number | bigint | string | Buffer;

/** A prepared statement with what it returns, prepared once and reused. */
interface Prepared {
  statement: Statement;
  /** Null for statements that return no rows (INSERT/UPDATE/DELETE without RETURNING, DDL). */
  shape: RowShape | null;
}

/** Column names and types of a statement's result, with the row prototype built from them. */
interface RowShape {
  columns: string[];
  columnTypes: string[];
  make(values: SqlValue[]): Row;
}

const VALUES = Symbol('values');

/**
 * Rows as @libsql/client returns them (values by index, not enumerable; by column name,
 * enumerable; a `length`), built from one prototype per statement: index access and `length`
 * are getters over the value array, so a row costs one object and one property per column
 * instead of a `defineProperty` per value.
 */
function rowShape(columns: string[], columnTypes: string[]): RowShape {
  const proto: Record<PropertyKey, unknown> = {};
  Object.defineProperty(proto, 'length', {
    get(this: { [VALUES]: unknown[] }) {
      return this[VALUES].length;
    },
  });
  columns.forEach((_, i) =>
    Object.defineProperty(proto, i, {
      get(this: { [VALUES]: unknown[] }) {
        return this[VALUES][i];
      },
    }),
  );
  // With duplicate names (a join selecting two `id`s) the first column wins, as in @libsql/client.
  const named: [string, number][] = [];
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (!seen.has(name)) {
      seen.add(name);
      named.push([name, i]);
    }
  });
  return {
    columns,
    columnTypes,
    make(raw) {
      const values = raw.map(valueFromSql);
      const row = Object.create(proto) as Record<PropertyKey, unknown>;
      row[VALUES] = values;
      for (const [name, i] of named) row[name] = values[i];
      return row as unknown as Row;
    },
  };
}

function valueFromSql(value: SqlValue): InValue {
  if (value instanceof Buffer) {
    // @libsql/client hands blobs out as ArrayBuffers; copy when the Buffer is a view into a larger one.
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    return (
      whole ? value.buffer : value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
    ) as ArrayBuffer;
  }
  return value;
}

const MIN_INTEGER = -9223372036854775808n;
const MAX_INTEGER = 9223372036854775807n;

/** Argument conversion of @libsql/client (intMode "number"). */
function valueToSql(value: InValue | undefined): SqlValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'bigint') {
    if (value < MIN_INTEGER || value > MAX_INTEGER) {
      throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
    }
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value as SqlValue;
}

function argsToSql(args: InArgs | undefined): SqlValue[] | Record<string, SqlValue> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(args)) {
    named[name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name] = valueToSql(value);
  }
  return named;
}

/** Native errors become LibsqlErrors with the base code, as @libsql/client reports them. */
function mapError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code, rawCode } = error as Error & { code?: unknown; rawCode?: unknown };
  if (typeof code === 'string' && error.name === 'SqliteError') {
    const base = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? 'SQLITE_UNKNOWN';
    return new LibsqlError(error.message, base, code, typeof rawCode === 'number' ? rawCode : undefined, error);
  }
  return error;
}

function shapeOf(statement: Statement): RowShape {
  const columns = statement.columns() as { name: string; type: string | null }[];
  return rowShape(
    columns.map((c) => c.name),
    columns.map((c) => c.type ?? ''),
  );
}

class ResultSetImpl implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) =>
        Array.prototype.map.call(row, (v: unknown) =>
          typeof v === 'bigint' ? String(v) : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v,
        ),
      ),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : String(this.lastInsertRowid),
    };
  }
}

/** One connection and its statement cache. */
class CachedConnection {
  readonly db: Connection;
  readonly #cache = new Map<string, Prepared>();

  constructor(path: string, busyTimeoutMs: number) {
    this.db = new Sqlite(path, { timeout: busyTimeoutMs });
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    if (hit) return hit;
    const statement = this.db.prepare(sql);
    let shape: RowShape | null = null;
    if (statement.reader) {
      statement.raw(true);
      shape = shapeOf(statement);
    }
    const prepared = { statement, shape };
    if (this.#cache.size >= STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(sql, prepared);
    return prepared;
  }

  #reshape(sql: string): RowShape {
    const prepared = this.#cache.get(sql)!;
    prepared.shape = shapeOf(prepared.statement);
    return prepared.shape;
  }

  execute(stmt: InStatement | [string, InArgs?]): ResultSet {
    const [sql, args] = Array.isArray(stmt)
      ? stmt
      : typeof stmt === 'string'
        ? [stmt, undefined]
        : [stmt.sql, stmt.args];
    try {
      const { statement, shape } = this.#prepare(sql);
      const bound = argsToSql(args);
      if (shape) {
        const raw = statement.all(bound) as SqlValue[][];
        // A connection learns of another connection's schema change only when it runs the
        // statement (SQLite then re-prepares it), so the columns read at prepare time can be stale.
        const current = raw.length > 0 && raw[0]!.length !== shape.columns.length ? this.#reshape(sql) : shape;
        const rows = raw.map((values) => current.make(values));
        return new ResultSetImpl(current.columns, current.columnTypes, rows, 0, undefined);
      }
      const info = statement.run(bound) as { changes: number; lastInsertRowid: number | bigint };
      return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw mapError(error);
    }
  }

  exec(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw mapError(error);
    } finally {
      // DDL may have changed what cached statements return.
      this.#cache.clear();
    }
  }

  /** Drops every prepared statement (after another connection changed the schema). */
  forget(): void {
    this.#cache.clear();
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  close(): void {
    this.#cache.clear();
    if (this.db.open) this.db.close();
  }
}

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  deferred: 'BEGIN DEFERRED',
  read: 'BEGIN DEFERRED',
};

class LocalTransaction implements Transaction {
  #ended = false;

  constructor(
    private readonly conn: CachedConnection,
    private readonly release: () => void,
  ) {}

  get closed(): boolean {
    return this.#ended;
  }

  #open(): void {
    if (this.#ended) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    if (!this.conn.inTransaction) {
      this.#end();
      throw new LibsqlError('The transaction has been rolled back', 'TRANSACTION_CLOSED');
    }
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.release();
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.#open();
    return this.conn.execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#open();
    return stmts.map((stmt) => this.conn.execute(stmt));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open();
    this.conn.exec(sql);
  }

  async commit(): Promise<void> {
    this.#open();
    try {
      this.conn.execute('COMMIT');
    } finally {
      // A failed COMMIT (disk full) leaves SQLite in the transaction: roll it back before the
      // connection serves the next writer.
      if (this.conn.inTransaction) this.#rollbackQuietly();
      this.#end();
    }
  }

  async rollback(): Promise<void> {
    if (this.#ended) return;
    this.#rollbackQuietly();
    this.#end();
  }

  close(): void {
    if (this.#ended) return;
    this.#rollbackQuietly();
    this.#end();
  }

  #rollbackQuietly(): void {
    try {
      if (this.conn.inTransaction) this.conn.execute('ROLLBACK');
    } catch {
      // Nothing more to do: SQLite has already ended the transaction or the file is gone.
    }
  }
}

/**
 * A libSQL client for a local file, in place of @libsql/client's: two connections opened
 * once (one for reads, one for this process's writes, with its pragmas set at open) and a
 * prepared-statement cache on each. @libsql/client 0.18 prepares every statement on every
 * call, which was the largest single cost of a page (docs/decisions/091-local-database-client.md).
 * Reads run on the read connection, so they never wait for a write transaction of this
 * process; writes wait for `lock`, then run in BEGIN IMMEDIATE on the write connection.
 */
export function createLocalClient(options: LocalClientOptions): Client {
  const reader = new CachedConnection(options.path, options.busyTimeoutMs);
  let writer: CachedConnection;
  try {
    writer = new CachedConnection(options.path, options.busyTimeoutMs);
    writer.exec(options.writePragmas);
  } catch (error) {
    reader.close();
    throw error;
  }
  let closed = false;
  const notClosed = () => {
    if (closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  };

  async function transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    notClosed();
    const release = await options.lock.acquire();
    try {
      writer.execute(BEGIN[mode]);
    } catch (error) {
      release();
      throw error;
    }
    return new LocalTransaction(writer, release);
  }

  async function inTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = await transaction('write');
    try {
      const result = await fn(tx);
      await tx.commit();
      return result;
    } finally {
      tx.close();
    }
  }

  async function locked<T>(fn: () => T): Promise<T> {
    notClosed();
    const release = await options.lock.acquire();
    try {
      return fn();
    } finally {
      release();
    }
  }

  const client = {
    protocol: 'file',
    get closed() {
      return closed;
    },
    async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
      notClosed();
      const statement: InStatement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
      if (isReadOnly(statement)) return reader.execute(statement);
      return inTransaction((tx) => tx.execute(statement));
    },
    async batch(stmts: (InStatement | [string, InArgs?])[]): Promise<ResultSet[]> {
      return inTransaction(async () => stmts.map((stmt) => writer.execute(stmt)));
    },
    async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
      return locked(() => {
        writer.exec('PRAGMA foreign_keys=OFF');
        try {
          writer.execute('BEGIN DEFERRED');
          const results = stmts.map((stmt) => writer.execute(stmt));
          writer.execute('COMMIT');
          return results;
        } finally {
          if (writer.inTransaction) writer.execute('ROLLBACK');
          writer.exec('PRAGMA foreign_keys=ON');
          reader.forget();
        }
      });
    },
    async executeMultiple(sql: string): Promise<void> {
      return locked(() => {
        writer.exec(sql);
        reader.forget();
      });
    },
    transaction,
    async sync(): Promise<never> {
      throw new LibsqlError('sync is only for embedded replicas', 'SYNC_NOT_SUPPORTED');
    },
    close(): void {
      if (closed) return;
      closed = true;
      reader.close();
      writer.close();
    },
    reconnect(): void {
      throw new LibsqlError('reconnect is not supported by the local client', 'RECONNECT_NOT_SUPPORTED');
    },
  };
  return client as unknown as Client;
}

/**
 * Whether a statement only reads. A common table expression before a SELECT (the unit-tree
 * and report queries) is a read too; SQLite also allows WITH … INSERT/UPDATE/DELETE, so any
 * of those words keeps it on the write path.
 */
export function isReadOnly(stmt: InStatement): boolean {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  if (/^\s*(select\b|pragma\s+\w+\s*;?\s*$)/i.test(sql)) return true;
  return /^\s*with\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql);
}
