/**
 * `npm run seed:large`: fills a database with a province-sized demo data set (40 units,
 * 3,000 people, 8 courses with progress, completions, certificates, quiz attempts and
 * assignments) for trying the leaders' dashboard and for its benchmark. Replaces an earlier run.
 *
 *   npm run seed:large                          # into DATABASE_URL (default file:data/taphuan.db)
 *   npm run seed:large -- --url file:/tmp/x.db  # another file
 *
 * Env: DATABASE_URL, SEED_PASSWORD (password of the two leader accounts; generated and printed
 * when absent), SEED_PEOPLE (default 3000), SEED (random seed, default 2026).
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL } from '../db/client';
import { generatePassphrase } from '../db/seed/demo';
import { LARGE_LOGINS, seedLarge, type LargeSeedSummary } from '../db/seed/large';
import { loadCatalog } from '../src/lib/server/learning/catalog';
import { hashPassword } from '../src/lib/server/password';
import { formatDemoBox, prepareDatabase } from './db-prepare';

/** Prepares (migrates, syncs) the database at `url` and seeds it; returns the summary. */
export async function runSeedLarge(
  url: string,
  password: string,
  options: { people?: number; seed?: number } = {},
): Promise<LargeSeedSummary> {
  const { database, demo } = await prepareDatabase({ url, seedDemo: true, demoPassword: password });
  try {
    if (demo) console.log(formatDemoBox(demo));
    const summary = await seedLarge(database, {
      catalog: await loadCatalog(),
      loginPasswordHash: await hashPassword(password),
      people: options.people,
      seed: options.seed,
    });
    return summary;
  } finally {
    database.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const urlIndex = args.indexOf('--url');
  const url = (urlIndex >= 0 ? args[urlIndex + 1] : undefined) ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const password = process.env.SEED_PASSWORD || generatePassphrase();
  const summary = await runSeedLarge(url, password, {
    people: process.env.SEED_PEOPLE ? Number(process.env.SEED_PEOPLE) : undefined,
    seed: process.env.SEED ? Number(process.env.SEED) : undefined,
  });
  console.log(
    `Đã tạo dữ liệu mẫu cỡ một tỉnh trong ${summary.seconds.toFixed(1)} giây: ${summary.units} đơn vị, ` +
      `${summary.people} cán bộ, ${summary.courses} khóa học, ${summary.lessonRows} dòng tiến độ bài học, ` +
      `${summary.completions} lượt hoàn thành, ${summary.quizAttempts} lượt làm bài kiểm tra, ${summary.assignments} đợt giao.`,
  );
  console.log(
    `Đăng nhập để xem bảng theo dõi: ${LARGE_LOGINS.provinceLeader} (lãnh đạo tỉnh) hoặc ` +
      `${LARGE_LOGINS.regionLeader} (lãnh đạo khu vực 1), mật khẩu: ${password}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
