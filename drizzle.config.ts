import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by scripts/db-prepare.ts with Drizzle's
// libSQL migrator, so the same code path runs in `npm start`, in tests and in production.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'file:data/taphuan.db' },
});
