import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibsqlError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seedDemo: false });
  await t.database.client.executeMultiple(
    'CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB); ' +
      "INSERT INTO probe (id, name, data) VALUES (1, 'một', x'00ff10'), (2, 'hai', NULL);",
  );
});
afterAll(() => t.cleanup());

describe('the local libSQL client with prepared statements kept', () => {
  it('sees a row another connection committed after the same query was answered from the cache', async () => {
    const count = async () => Number((await t.database.client.execute('SELECT count(*) AS n FROM probe')).rows[0]?.n);
    const before = await count();
    await count();
    const other = t.raw();
    await other.execute("INSERT INTO probe (id, name) VALUES (3, 'ba')");
    expect(await count()).toBe(before + 1);
  });

  it('leaves no read open between queries, so another connection can checkpoint the whole log', async () => {
    for (let i = 0; i < 5; i++)
      await t.database.client.execute({ sql: 'SELECT name FROM probe WHERE id = ?', args: [1] });
    await t.database.write((tx) => tx.run(sql`UPDATE probe SET name = name WHERE id = 1`));
    const other = t.raw();
    const result = await other.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    // busy = 0: no connection of the app held a snapshot that kept the log from being reset.
    expect(Number(result.rows[0]?.[0])).toBe(0);
  });

  it('returns rows by index and by column name, with only the names enumerable, as @libsql/client does', async () => {
    const { rows, columns } = await t.database.client.execute('SELECT id, name, data FROM probe WHERE id = 1');
    const row = rows[0]!;
    expect(columns).toEqual(['id', 'name', 'data']);
    expect(row.length).toBe(3);
    expect([row[0], row[1]]).toEqual([1, 'một']);
    expect(row.name).toBe('một');
    expect(Object.keys(row)).toEqual(['id', 'name', 'data']);
    expect(Array.prototype.slice.call(row, 0, 2)).toEqual([1, 'một']);
    expect(row.data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(row.data as ArrayBuffer)]).toEqual([0x00, 0xff, 0x10]);
  });

  it('keeps the first of two columns with the same name under that name', async () => {
    const { rows } = await t.database.client.execute("SELECT 'first' AS v, 'second' AS v");
    expect(rows[0]?.v).toBe('first');
    expect(rows[0]?.[1]).toBe('second');
  });

  it('reports a broken constraint with the base and the extended SQLite code', async () => {
    const error: unknown = await t.database.client
      .execute({ sql: 'INSERT INTO probe (id, name) VALUES (?, ?)', args: [10, 'một'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect((error as LibsqlError).extendedCode).toBe('SQLITE_CONSTRAINT_UNIQUE');
  });

  it('rolls back a failed write transaction and lets the next writer in', async () => {
    const failed = await t.database
      .write(async (tx) => {
        await tx.run(sql`INSERT INTO probe (id, name) VALUES (20, 'hai mươi')`);
        await tx.run(sql`INSERT INTO probe (id, name) VALUES (21, 'hai mươi')`);
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    const kept = await t.database.client.execute('SELECT count(*) AS n FROM probe WHERE id IN (20, 21)');
    expect(Number(kept.rows[0]?.n)).toBe(0);
    await t.database.write((tx) => tx.run(sql`INSERT INTO probe (id, name) VALUES (22, 'hai mươi hai')`));
    const after = await t.database.client.execute('SELECT name FROM probe WHERE id = 22');
    expect(after.rows[0]?.name).toBe('hai mươi hai');
  });

  it('refuses statements on a transaction that has ended', async () => {
    const tx = await t.database.client.transaction('write');
    await tx.rollback();
    const error: unknown = await tx.execute('SELECT 1').catch((e: unknown) => e);
    expect((error as LibsqlError).code).toBe('TRANSACTION_CLOSED');
    // The lock was released by the rollback: a write goes through.
    await t.database.client.execute("INSERT INTO probe (id, name) VALUES (30, 'ba mươi')");
  });

  it('answers a query whose columns changed after the schema changed', async () => {
    await t.database.client.execute('SELECT * FROM probe WHERE id = 1');
    await t.database.client.executeMultiple('ALTER TABLE probe ADD COLUMN extra TEXT');
    const { columns } = await t.database.client.execute('SELECT * FROM probe WHERE id = 1');
    expect(columns).toContain('extra');
  });
});
