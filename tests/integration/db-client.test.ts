import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../db/client';
import { units } from '../../db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seedDemo: false });
});
afterAll(() => t.cleanup());

describe('the libSQL client', () => {
  it('puts the database file in WAL mode', async () => {
    const result = await t.database.client.execute('PRAGMA journal_mode');
    expect(result.rows[0]?.journal_mode).toBe('wal');
  });

  it('runs write transactions on a connection with busy timeout, synchronous=NORMAL and foreign keys', async () => {
    const seen = await t.database.write(async (tx) => ({
      timeout: (await tx.get<{ timeout: number }>(sql`PRAGMA busy_timeout`))?.timeout,
      synchronous: (await tx.get<{ synchronous: number }>(sql`PRAGMA synchronous`))?.synchronous,
      foreignKeys: (await tx.get<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`))?.foreign_keys,
    }));
    expect(seen).toEqual({ timeout: 5000, synchronous: 1, foreignKeys: 1 });
  });

  it('applies the pragmas on every pooled connection a write may use, even fresh ones', async () => {
    // Hold several reads open at once so the pool opens new connections, then write in parallel.
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.database.write(async (tx) => (await tx.get<{ synchronous: number }>(sql`PRAGMA synchronous`))?.synchronous),
      ),
    );
    expect(results).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('refuses a row that breaks a foreign key', async () => {
    const error: unknown = await t.database
      .write((tx) =>
        tx.run(sql`INSERT INTO unit_links (predecessor_id, successor_id, source) VALUES ('nope', 'nada', 'database')`),
      )
      .catch((e: unknown) => e);
    // Drizzle wraps the driver's error; the cause carries SQLite's message.
    expect(String((error as Error).cause)).toMatch(/FOREIGN KEY/i);
  });

  it('serialises interleaved write transactions of one process without SQLITE_BUSY', async () => {
    // Two Database objects on the same file behave like two modules of one app process.
    const other: Database = await createDatabase({ url: t.url });
    try {
      const writers = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : t.database).write(async (tx) => {
          const before = await tx.select({ n: sql<number>`count(*)` }).from(units);
          // Yield to the event loop inside the transaction, as real code awaiting queries does.
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.run(
            sql`INSERT INTO units (id, name, kind, source, name_folded) VALUES (${`w-${i}`}, ${`W ${i}`}, 'khac', 'database', ${`w ${i}`})`,
          );
          return before[0]?.n ?? 0;
        }),
      );
      const counts = await Promise.all(writers);
      // Each transaction saw the previous ones' rows: they really ran one after another.
      expect(new Set(counts).size).toBe(20);
      const [row] = await t.database.db
        .select({ n: sql<number>`count(*)` })
        .from(units)
        .where(sql`id LIKE 'w-%'`);
      expect(row?.n).toBe(20);
    } finally {
      other.close();
    }
  });

  it('rolls a failed write transaction back and keeps serving writes afterwards', async () => {
    await expect(
      t.database.write(async (tx) => {
        await tx.run(
          sql`INSERT INTO units (id, name, kind, source, name_folded) VALUES ('rb-1', 'RB', 'khac', 'database', 'rb')`,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.database.db
      .select()
      .from(units)
      .where(sql`id = 'rb-1'`);
    expect(rows).toHaveLength(0);
    await t.database.write((tx) =>
      tx.run(
        sql`INSERT INTO units (id, name, kind, source, name_folded) VALUES ('rb-2', 'RB', 'khac', 'database', 'rb')`,
      ),
    );
    expect(
      await t.database.db
        .select()
        .from(units)
        .where(sql`id = 'rb-2'`),
    ).toHaveLength(1);
  });
});
