// Real temporary libSQL databases for integration tests: one file per call, migrated and
// with units synced from src/content/units.yaml, like production after `npm start`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/client';
import type { DemoCredential } from '../../db/seed/demo';
import { prepareDatabase } from '../../scripts/db-prepare';

/** Fixed demo passphrase used by test databases (same as tests/support/server.ts). */
export const TEST_DEMO_PASSWORD = 'thu-nghiem-tap-huan-so-2026';

/** A temporary database for one test file. */
export interface TestDatabase {
  database: Database;
  /** `file:` URL of the database. */
  url: string;
  /** Demo accounts when seeded. */
  demo: DemoCredential[] | null;
  /** A second, raw client on the same file (for inspecting or tampering with rows). */
  raw(): Client;
  /** Closes every client and deletes the files. */
  cleanup(): Promise<void>;
}

/**
 * Creates a migrated database in a fresh temporary folder; with `seedDemo` (default true) the
 * demo units and accounts are there too, with {@link TEST_DEMO_PASSWORD}.
 */
export async function createTestDatabase(options: { seedDemo?: boolean } = {}): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tap-huan-so-db-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const { database, demo } = await prepareDatabase({
    url,
    seedDemo: options.seedDemo ?? true,
    demoPassword: TEST_DEMO_PASSWORD,
  });
  const raws: Client[] = [];
  return {
    database,
    url,
    demo,
    raw() {
      const client = createClient({ url, timeout: 5000 });
      raws.push(client);
      return client;
    },
    async cleanup() {
      for (const client of raws) client.close();
      database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the file's hooks that create a test database (`beforeAll`, see
 * {@link createTestDatabase}) and clean it up (`afterAll`). Call it at the top of a test file;
 * read the fields inside tests and later hooks only.
 */
export function useTestDatabase(options: { seedDemo?: boolean } = {}): TestDatabase {
  const t = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(t, await createTestDatabase(options));
  });
  afterAll(() => t.cleanup?.());
  return t;
}
