/**
 * Prepares the database before the app serves: applies migrations, syncs units and quizzes
 * (with their version hashes) from the content files, re-applies the course completion rule
 * when the content changed it, drops expired sessions, and on an empty
 * users table seeds demo units and one demo account per role, printing their passwords once.
 *
 *   npx tsx scripts/db-prepare.ts             # what `npm start` runs
 *   npx tsx scripts/db-prepare.ts --no-seed   # migrate and sync only (`npm run db:migrate`)
 *
 * Env: DATABASE_URL (default file:data/taphuan.db), DATABASE_AUTH_TOKEN, DEMO_PASSWORD (fixes
 * every demo password, for tests), CONTENT_DIR (folder of units.yaml).
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { createDatabase, DEFAULT_DATABASE_URL, type Database } from '../db/client';
import { seedDemo, type DemoCredential } from '../db/seed/demo';
import { ROLE_LABELS } from '../src/lib/shared/roles';
import type { Role } from '../src/lib/schemas/account';
import { deleteExpiredSessions } from '../src/lib/server/session';
import { readContentUnits, syncUnits, defaultUnitsFile } from '../src/lib/server/units';
import { syncQuizzesFromContent } from '../src/lib/server/quiz-sync';
import { applyCompletionRules, loadCatalog } from '../src/lib/server/learning/index';
import { countUsers } from '../src/lib/server/users';

/** Folder of the drizzle-kit migrations. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../db/migrations', import.meta.url));

/** Options for {@link prepareDatabase}. */
export interface PrepareOptions {
  url?: string;
  authToken?: string;
  /** Seed demo units and accounts when there is no account yet (default true). */
  seedDemo?: boolean;
  /** Fixed password for every demo account (tests); generated when absent. */
  demoPassword?: string;
  /** Path of units.yaml (default: $CONTENT_DIR/units.yaml or src/content/units.yaml). */
  unitsFile?: string;
}

/** What {@link prepareDatabase} did. */
export interface PrepareResult {
  database: Database;
  /** Demo credentials when the seed ran, else null. */
  demo: DemoCredential[] | null;
}

/** Applies the migrations only (tests use it for bare databases). */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Migrates, syncs units and (on an empty database) seeds the demo. Returns the open
 * database; the caller closes it.
 */
export async function prepareDatabase(options: PrepareOptions = {}): Promise<PrepareResult> {
  const database = await createDatabase({ url: options.url ?? DEFAULT_DATABASE_URL, authToken: options.authToken });
  try {
    await migrateDatabase(database);
    const synced = await syncUnits(database, await readContentUnits(options.unitsFile ?? defaultUnitsFile()));
    if (!synced.ok) {
      const detail =
        synced.reason === 'id-clash'
          ? `mã đã dùng cho đơn vị tạo trong trang quản trị: ${synced.ids.join(', ')}`
          : synced.problems.join('; ');
      throw new Error(`Không đồng bộ được đơn vị từ tệp nội dung: ${detail}`);
    }
    const quizzes = await syncQuizzesFromContent(database);
    if (!quizzes.ok) throw new Error(`Không đồng bộ được bài kiểm tra:\n${quizzes.problems.join('\n')}`);
    await applyCompletionRules(database, await loadCatalog());
    await deleteExpiredSessions(database);
    let demo: DemoCredential[] | null = null;
    if ((options.seedDemo ?? true) && (await countUsers(database)) === 0) {
      demo = await seedDemo(database, options.demoPassword);
    }
    return { database, demo };
  } catch (error) {
    database.close();
    throw error;
  }
}

/** The box printed once with the demo credentials. */
export function formatDemoBox(demo: DemoCredential[]): string {
  const lines = [
    'Tài khoản mẫu (chỉ in ra một lần, hãy ghi lại)',
    '',
    ...demo.map(
      (d) => `${ROLE_LABELS[d.role as Role].padEnd(9)} tên đăng nhập: ${d.username.padEnd(12)} mật khẩu: ${d.password}`,
    ),
    '',
    'Đây là dữ liệu mẫu: khi triển khai thật, hãy tạo quản trị viên bằng',
    '"npm run user:create" rồi ngừng kích hoạt các tài khoản mẫu.',
  ];
  const width = Math.max(...lines.map((l) => [...l].length));
  const border = '═'.repeat(width + 2);
  return [`╔${border}╗`, ...lines.map((l) => `║ ${l}${' '.repeat(width - [...l].length)} ║`), `╚${border}╝`].join('\n');
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const { database, demo } = await prepareDatabase({
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
    seedDemo: !args.has('--no-seed'),
    demoPassword: process.env.DEMO_PASSWORD || undefined,
  });
  database.close();
  if (demo) console.log(formatDemoBox(demo));
  console.log('Cơ sở dữ liệu đã sẵn sàng.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
