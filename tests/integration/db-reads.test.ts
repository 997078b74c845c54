import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { unitSubtreeIds } from '../../src/lib/server/units';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seedDemo: false });
});
afterAll(() => t.cleanup());

/** Resolves with 'done' or 'blocked' whichever comes first. */
function race<T>(work: Promise<T>, ms: number): Promise<'done' | 'blocked'> {
  return Promise.race([
    work.then(() => 'done' as const),
    new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), ms)),
  ]);
}

describe('reads through the guarded libSQL client', () => {
  it('answers a recursive unit-tree query while a write transaction of the same process is open', async () => {
    // A read sent down the write path waits for the process's write lock (held below) and then
    // takes SQLite's write lock: every report query of the dashboard used to do that.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const writing = t.database.write(async (tx) => {
      await tx.run(sql`SELECT 1`);
      await held;
    });
    try {
      const outcome = await race(unitSubtreeIds(t.database, 'vksnd-toi-cao'), 2_000);
      expect(outcome).toBe('done');
    } finally {
      release();
      await writing;
    }
  });

  it('still runs a WITH … INSERT through the write path', async () => {
    await t.database.db.run(
      sql`WITH v(id) AS (SELECT 'cte-unit') INSERT INTO units (id, name, kind, source, name_folded) SELECT id, 'CTE', 'khac', 'database', 'cte' FROM v`,
    );
    const rows = await t.database.db.all<{ id: string }>(sql`SELECT id FROM units WHERE id = 'cte-unit'`);
    expect(rows).toEqual([{ id: 'cte-unit' }]);
  });
});
