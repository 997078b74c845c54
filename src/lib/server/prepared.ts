import type { Database, Db } from './db';

const byDatabase = new WeakMap<Database, Map<string, unknown>>();

/**
 * A Drizzle prepared query, built once per open database and reused. For the queries every
 * request runs (the session, the header's reminders), building the SQL cost more than running
 * it once the client kept its statements prepared (docs/decisions/091-local-database-client.md).
 * @param key unique per query across the app
 * @param build returns `db.select(…).where(eq(col, sql.placeholder('name'))).prepare()`
 */
export function prepared<T>(database: Database, key: string, build: (db: Db) => T): T {
  let queries = byDatabase.get(database);
  if (!queries) {
    queries = new Map();
    byDatabase.set(database, queries);
  }
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(database.db);
    queries.set(key, query);
  }
  return query;
}
