// The server section of `npm run bench`: prepares a province-sized database, starts the built
// app and the bare baseline (scripts/bench/baseline-server.mjs) on copies of it, loads each
// route with autocannon at 1 and 50 connections, then runs the write routes from two app
// processes on one file, and profiles the app under load.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InArgs, InStatement } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createDatabase, type Database } from '../../db/client';
import * as schema from '../../db/schema/index';
import { parseReportFilters } from '../../src/lib/schemas/report';
import { listReminders } from '../../src/lib/server/learning/assignments';
import {
  completionTimeline,
  listPersonStatuses,
  loadReport,
  resolveReportScope,
} from '../../src/lib/server/reports/index';
import { listUserSessions } from '../../src/lib/server/session';
import { findSessionUser } from '../../src/lib/server/users';
import { prepareDatabase } from '../db-prepare';
import { loadCatalog } from '../../src/lib/server/learning/catalog';
import { DEMO_PASSWORD, projectRoot } from '../../tests/support/server';
import {
  createLearners,
  findUsers,
  lessonIds,
  openAttempts,
  openSessions,
  quizIds,
  type Learner,
  type OpenAttempt,
} from '../../tests/support/workload';
import { monotonicMicros, summariseCpuProfile, type ProfileSummary } from './cpu-profile';
import { cycle, once, runLoad, type LoadStats, type RouteLoad } from './load';
import { startApp, startBaseline, type BenchProcess } from './processes';

/** Settings of the server section (env: BENCH_DURATION, BENCH_PEOPLE, BENCH_CONNECTIONS). */
export interface ServerBenchOptions {
  /** Build folder to serve (built from src/content: the server reads the same content folder). */
  dist: string;
  /** Work folder for the database files and profiles. */
  work: string;
  /** Seconds per run. */
  seconds: number;
  /** People in the province-sized seed. */
  people: number;
  /** Connection counts to run each route at. */
  connections: number[];
}

/** One route at one connection count: the app, the baseline, or why it was not measured. */
export interface RouteRow {
  route: string;
  what: string;
  connections: number;
  app: LoadStats | null;
  baseline: LoadStats | null;
  /** Why there is no measurement ("chưa có" when the route does not exist yet). */
  missing?: string;
}

/** The two-processes run. */
export interface TwoProcessResult {
  seconds: number;
  routes: { route: string; a: LoadStats; b: LoadStats }[];
  busy: number;
  serverErrors: number;
}

/** Everything the server section measured. */
export interface ServerBenchResult {
  seed: string;
  rows: RouteRow[];
  twoProcess: TwoProcessResult | null;
  profile: { route: string; summary: ProfileSummary } | null;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** What a route needs to build its requests against one server. */
interface Fixtures {
  learners: Learner[];
  leader: Learner | null;
  lessons: string[];
  saves: { cookie: string; body: string }[];
  submits: { cookie: string; body: string }[][];
}

interface RouteSpec {
  name: string;
  what: string;
  /** Source file of the route: when missing, the row says "chưa có". */
  file: string;
  load(origin: string, f: Fixtures, run: number): RouteLoad | null;
}

const ROUTES: RouteSpec[] = [
  {
    name: 'Trang cần đăng nhập `GET /tai-khoan/`',
    what: 'session check + account page',
    file: 'src/pages/tai-khoan/index.astro',
    load: (_origin, f) => {
      const learner = cycle(f.learners);
      return {
        expect: [200],
        next: () => ({ method: 'GET', path: '/tai-khoan/', headers: { cookie: learner().cookie } }),
      };
    },
  },
  {
    name: 'Đánh dấu đã học xong `POST /tien-do/hoan-thanh`',
    what: 'form post, progress write, 303',
    file: 'src/pages/tien-do/hoan-thanh.ts',
    load: (origin, f) => {
      const learner = cycle(f.learners);
      const lesson = cycle(f.lessons);
      return {
        expect: [303],
        next: () => ({
          method: 'POST',
          path: '/tien-do/hoan-thanh',
          headers: { cookie: learner().cookie, origin, 'content-type': FORM },
          body: `lesson=${encodeURIComponent(lesson())}`,
        }),
      };
    },
  },
  {
    name: 'Lưu câu trả lời `POST /api/quiz/save`',
    what: 'JSON, answer upsert',
    file: 'src/pages/api/quiz/save.ts',
    load: (origin, f) => {
      if (f.saves.length === 0) return null;
      const save = cycle(f.saves);
      return {
        expect: [200],
        next: () => {
          const s = save();
          return {
            method: 'POST',
            path: '/api/quiz/save',
            headers: { cookie: s.cookie, origin, 'content-type': JSON_TYPE },
            body: s.body,
          };
        },
      };
    },
  },
  {
    name: 'Nộp bài kiểm tra `POST /api/quiz/submit`',
    what: 'JSON, grading, attempt closed',
    file: 'src/pages/api/quiz/submit.ts',
    load: (origin, f, run) => {
      const pool = f.submits[run] ?? [];
      if (pool.length === 0) return null;
      const submit = once(pool);
      return {
        expect: [200],
        maxRequests: pool.length,
        next: () => {
          const s = submit();
          return {
            method: 'POST',
            path: '/api/quiz/submit',
            headers: { cookie: s.cookie, origin, 'content-type': JSON_TYPE },
            body: s.body,
          };
        },
      };
    },
  },
  {
    name: 'Bảng theo dõi của lãnh đạo `GET /lanh-dao/`',
    what: 'leader, province-wide report',
    file: 'src/pages/lanh-dao/index.astro',
    load: (_origin, f) => {
      const leader = f.leader;
      if (!leader) return null;
      return { expect: [200], next: () => ({ method: 'GET', path: '/lanh-dao/', headers: { cookie: leader.cookie } }) };
    },
  },
];

/** Fills a database with the province-sized seed (npm run seed:large) or, without it, plain learners. */
async function seedProvince(url: string, people: number): Promise<string> {
  const seedScript = path.join(projectRoot, 'scripts', 'seed-large.ts');
  if (existsSync(seedScript)) {
    const { runSeedLarge } = await import('../seed-large');
    const summary = await runSeedLarge(url, DEMO_PASSWORD, { people });
    return (
      `\`npm run seed:large\` (\`runSeedLarge\`, ${summary.people} người): ${summary.units} đơn vị, ` +
      `${summary.lessonRows} dòng tiến độ, ${summary.completions} lượt hoàn thành, ${summary.quizAttempts} lượt làm bài`
    );
  }
  const { database } = await prepareDatabase({ url, seedDemo: true, demoPassword: DEMO_PASSWORD });
  try {
    await createLearners(database, {
      count: people,
      unitId: 'bo-phan-minh-hoa-a1',
      password: DEMO_PASSWORD,
      prefix: 'mh.',
    });
  } finally {
    database.close();
  }
  return `${people} học viên tạo bởi tests/support/workload.ts (chưa có \`npm run seed:large\`)`;
}

/** Sessions, open attempts and request bodies, prepared in a database before its servers start. */
async function fixtures(
  database: Database,
  options: { learners: number; skip?: number; saves?: boolean; submitPerRun?: number; runs?: number },
): Promise<Fixtures> {
  const skip = options.skip ?? 0;
  const people = (await findUsers(database, 'mh.', skip + options.learners)).slice(skip);
  const learners = await openSessions(database, people);
  const leaderRow = (await findUsers(database, 'lanhdao.minhhoa', 1))[0];
  const leader = leaderRow ? (await openSessions(database, [leaderRow]))[0]! : null;
  const quizzes = await quizIds(database);
  // Saves: one open attempt per learner on the first quiz; every question of it.
  const saveAttempts =
    options.saves === false ? [] : await openAttempts(database, learners, quizzes.slice(0, 1), learners.length);
  const saves = saveAttempts.flatMap((a) =>
    a.answers.map((t) => ({ cookie: a.learner.cookie, body: JSON.stringify(t) })),
  );
  // Submits: a separate pool per run, from the other quizzes (each attempt is submitted once).
  const perRun = options.submitPerRun ?? 0;
  const runs = options.runs ?? 0;
  const pool: OpenAttempt[] =
    perRun * runs > 0 ? await openAttempts(database, learners, quizzes.slice(1), perRun * runs) : [];
  const submits = Array.from({ length: runs }, (_, run) =>
    pool
      .slice(run * perRun, (run + 1) * perRun)
      .map((a) => ({ cookie: a.learner.cookie, body: JSON.stringify({ attemptId: a.attemptId }) })),
  );
  return { learners, leader, lessons: await lessonIds(), saves, submits };
}

/** Copies a closed database with its write-ahead log, if one was left. */
async function copyDatabase(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  if (existsSync(`${from}-wal`)) await copyFile(`${from}-wal`, `${to}-wal`);
}

/** A read statement as the baseline replays it. */
interface CapturedRead {
  sql: string;
  args: unknown[];
}

/** Stands for the signed-in person's id in captured arguments (baseline-server.mjs USER_MARK). */
const USER_MARK = '$user';

/**
 * Runs `work` against a copy of `database` whose client records every statement, and returns
 * them with `userId` replaced by {@link USER_MARK}.
 */
async function recordReads(
  database: Database,
  userId: string,
  work: (recording: Database) => Promise<unknown>,
): Promise<CapturedRead[]> {
  const recorded: CapturedRead[] = [];
  const client = new Proxy(database.client, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver) as unknown;
      return (stmt: InStatement | string, args?: InArgs) => {
        const statement: InStatement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
        const values = Array.isArray(statement.args) ? statement.args : [];
        recorded.push({
          sql: statement.sql,
          args: values.map((v) =>
            v === userId ? USER_MARK : typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.getTime() : v,
          ),
        });
        return target.execute(statement);
      };
    },
  });
  await work({ ...database, client, db: drizzle(client, { schema }) });
  return recorded;
}

/**
 * The reads of the two measured pages, made by the app's own query functions in the order the
 * pages make them (src/pages/tai-khoan/index.astro with the header's reminder badge, and
 * src/pages/lanh-dao/index.astro), so the baseline runs the very same SQL.
 */
async function captureReads(
  database: Database,
  f: Fixtures,
): Promise<{ accountReads: CapturedRead[]; dashboardReads: CapturedRead[] }> {
  const learner = f.learners[0];
  const accountReads = learner
    ? await recordReads(database, learner.userId, async (db) => {
        await listUserSessions(db, learner.userId);
        await listReminders(db, learner.userId);
      })
    : [];
  const leader = f.leader ? await findSessionUser(database, f.leader.userId) : null;
  const filters = parseReportFilters(new URLSearchParams());
  const dashboardReads =
    leader && filters.ok
      ? await recordReads(database, leader.id, async (db) => {
          const report = await loadReport(db, leader, filters.filters);
          if (!report.ok) throw new Error(`The leader's report failed: ${report.message}`);
          await resolveReportScope(db, leader, undefined);
          await listPersonStatuses(db, report.data, { statuses: ['overdue'], order: 'most-overdue', limit: 100 });
          await completionTimeline(db, report.data);
        })
      : [];
  return { accountReads, dashboardReads };
}

async function catalogFile(work: string, reads: Awaited<ReturnType<typeof captureReads>>): Promise<string> {
  const catalog = await loadCatalog();
  const courseLessons = Object.fromEntries(
    [...catalog.courses.values()].map((c) => [c.id, c.lessons.map((l) => l.id)]),
  );
  const file = path.join(work, 'catalog.json');
  await writeFile(
    file,
    JSON.stringify({ lessonCourse: Object.fromEntries(catalog.lessonCourse), courseLessons, ...reads }),
  );
  return file;
}

/** Sessions known to be refreshed: a first pass so no run pays for `last_active_at` writes of new sessions. */
async function warm(server: BenchProcess, f: Fixtures): Promise<void> {
  await runLoad(
    server.url,
    {
      expect: [200],
      next: cycle(f.learners.map((l) => ({ method: 'GET', path: '/tai-khoan/', headers: { cookie: l.cookie } }))),
    },
    10,
    2,
  );
}

/**
 * Runs the server section. Takes about (routes × connection counts × 2 × seconds) plus
 * seeding (≈ 1 min for 3,000 people) and the profile and two-process runs.
 */
export async function benchServer(options: ServerBenchOptions): Promise<ServerBenchResult> {
  const dir = path.join(options.work, 'server');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const appFile = path.join(dir, 'app.db');
  const baseFile = path.join(dir, 'baseline.db');
  const appUrl = `file:${appFile}`;
  const baseUrl = `file:${baseFile}`;

  console.log(`  seeding a province-sized database (${options.people} people)...`);
  const seed = await seedProvince(appUrl, options.people);
  const runs = options.connections.length;
  // Open attempts per submit run: each is submitted once. Preparing one costs a few ms, so the
  // pool is sized for about 150 submits/s; a faster server runs out early, and its rate is still
  // right (requests ÷ the seconds the run took), over at least a few seconds.
  const submitPerRun = Math.max(200, Math.round(options.seconds * 150));
  const learnerCount = Math.min(options.people, Math.max(200, Math.ceil((submitPerRun * runs) / 10)));

  console.log(`  sessions and ${submitPerRun * runs} open attempts...`);
  // Prepared once, then copied: the app and the baseline get the same sessions and attempts.
  const appDb = await createDatabase({ url: appUrl });
  let fix: Fixtures;
  let reads: Awaited<ReturnType<typeof captureReads>>;
  try {
    fix = await fixtures(appDb, { learners: learnerCount, submitPerRun, runs });
    reads = await captureReads(appDb, fix);
  } finally {
    appDb.close();
  }
  await copyDatabase(appFile, baseFile);
  const appFix = fix;
  const baseFix = fix;

  const app = await startApp(options.dist, appUrl);
  const baseline = await startBaseline(baseUrl, await catalogFile(dir, reads));
  const rows: RouteRow[] = [];
  try {
    await warm(app, appFix);
    await warm(baseline, baseFix);
    for (const spec of ROUTES) {
      for (const [run, connections] of options.connections.entries()) {
        const row: RouteRow = { route: spec.name, what: spec.what, connections, app: null, baseline: null };
        rows.push(row);
        if (!existsSync(path.join(projectRoot, spec.file))) {
          row.missing = 'chưa có';
          continue;
        }
        const appLoad = spec.load(app.url, appFix, run);
        const baseLoad = spec.load(baseline.url, baseFix, run);
        if (!appLoad || !baseLoad) {
          row.missing = 'không có dữ liệu để đo';
          continue;
        }
        console.log(`  ${spec.name}, ${connections} connection(s)...`);
        row.app = await runLoad(app.url, appLoad, connections, options.seconds);
        row.baseline = await runLoad(baseline.url, baseLoad, connections, options.seconds);
        if (row.app.requests > 0 && row.app.errors === row.app.requests) row.missing = 'mọi yêu cầu bị từ chối';
      }
    }
  } finally {
    await app.stop();
    await baseline.stop();
  }
  const appLog = app.output();
  if (/SQLITE_BUSY|database is locked/i.test(appLog))
    console.warn('  the app logged SQLITE_BUSY during the single-process runs');

  const twoProcess = await benchTwoProcesses(options, appUrl);
  const profile = await profileApp(options, appUrl, dir);
  return { seed, rows, twoProcess, profile };
}

/** Two app processes on one database file, both loaded with the write routes at once. */
async function benchTwoProcesses(options: ServerBenchOptions, url: string): Promise<TwoProcessResult | null> {
  console.log('  two app processes on one database file...');
  const database = await createDatabase({ url });
  let a: Fixtures;
  let b: Fixtures;
  try {
    const submitPerRun = Math.max(200, Math.round(options.seconds * 100));
    // Different people for the two processes: one open attempt per person and quiz. People
    // past those the single-process runs used, so their attempts are fresh.
    const skip = Math.min(options.people - 200, 400);
    a = await fixtures(database, { learners: 100, skip, submitPerRun, runs: 1 });
    b = await fixtures(database, { learners: 100, skip: skip + 100, submitPerRun, runs: 1 });
  } finally {
    database.close();
  }
  const first = await startApp(options.dist, url);
  const second = await startApp(options.dist, url);
  const routes: TwoProcessResult['routes'] = [];
  try {
    for (const spec of ROUTES.filter((r) => r.name.includes('POST'))) {
      const loadA = spec.load(first.url, a, 0);
      const loadB = spec.load(second.url, b, 0);
      if (!loadA || !loadB) continue;
      const [statsA, statsB] = await Promise.all([
        runLoad(first.url, loadA, 25, options.seconds),
        runLoad(second.url, loadB, 25, options.seconds),
      ]);
      routes.push({ route: spec.name, a: statsA, b: statsB });
    }
  } finally {
    await first.stop();
    await second.stop();
  }
  const logs = first.output() + second.output();
  const busy = (logs.match(/SQLITE_BUSY|database is locked/gi) ?? []).length;
  const serverErrors = routes.reduce((sum, r) => sum + r.a.serverErrors + r.b.serverErrors, 0);
  return { seconds: options.seconds, routes, busy, serverErrors };
}

/** `node --cpu-prof` on the app while the session-checked page is loaded at 50 connections. */
async function profileApp(
  options: ServerBenchOptions,
  url: string,
  dir: string,
): Promise<ServerBenchResult['profile']> {
  console.log('  CPU profile of the app under load...');
  const profileDir = path.join(dir, 'cpu-profile');
  await rm(profileDir, { recursive: true, force: true });
  const database = await createDatabase({ url });
  let f: Fixtures;
  try {
    f = await fixtures(database, { learners: 200, saves: false });
  } finally {
    database.close();
  }
  const app = await startApp(options.dist, url, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  let window: { fromUs: number; toUs: number };
  try {
    await warm(app, f);
    const fromUs = monotonicMicros();
    await runLoad(app.url, ROUTES[0]!.load(app.url, f, 0)!, 50, options.seconds);
    window = { fromUs, toUs: monotonicMicros() };
  } finally {
    await app.stop();
  }
  const files = existsSync(profileDir) ? await readdir(profileDir) : [];
  if (files.length === 0) return null;
  const sized = await Promise.all(
    files.map(async (name) => ({ name, size: (await stat(path.join(profileDir, name))).size })),
  );
  const largest = sized.sort((x, y) => y.size - x.size)[0]!;
  return { route: ROUTES[0]!.name, summary: await summariseCpuProfile(path.join(profileDir, largest.name), window) };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function statsCells(s: LoadStats | null): string[] {
  if (!s) return ['–', '–', '–', '–'];
  return [
    fmt(s.rps),
    `${fmt(s.p50)} / ${fmt(s.p99)}`,
    `${s.errors}${s.serverErrors ? ` (${s.serverErrors} × 5xx)` : ''}`,
  ];
}

/** Markdown tables of the server section, with the app ÷ baseline ratio. */
export function serverTables(result: ServerBenchResult): string {
  const head =
    '| Route | Conns | App req/s | App p50 / p99 ms | App errors | Baseline req/s | Baseline p50 / p99 ms | Baseline errors | App ÷ baseline |\n' +
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|';
  const rows = result.rows.map((r) => {
    if (r.missing || !r.app || !r.baseline) {
      return `| ${r.route} | ${r.connections} | ${r.missing ?? '–'} | | | | | | |`;
    }
    const ratio = r.baseline.rps > 0 ? `${fmt((100 * r.app.rps) / r.baseline.rps)} %` : '–';
    return `| ${r.route} | ${r.connections} | ${[...statsCells(r.app).slice(0, 3), ...statsCells(r.baseline).slice(0, 3)].join(' | ')} | ${ratio} |`;
  });
  const parts = [head, ...rows];
  if (result.twoProcess) {
    const t = result.twoProcess;
    parts.push(
      '',
      `Two app processes on one database file, 25 connections each, ${t.seconds} s per route, both at once:`,
      '',
      '| Route | Process A req/s | Process B req/s | Together req/s | p99 ms (A / B) | Errors (A / B) |',
      '|---|--:|--:|--:|--:|--:|',
      ...t.routes.map(
        (r) =>
          `| ${r.route} | ${fmt(r.a.rps)} | ${fmt(r.b.rps)} | ${fmt(r.a.rps + r.b.rps)} | ${fmt(r.a.p99)} / ${fmt(r.b.p99)} | ${r.a.errors} / ${r.b.errors} |`,
      ),
      '',
      `SQLITE_BUSY / "database is locked" in the two servers' logs: **${t.busy}**; 5xx answers: **${t.serverErrors}**.`,
    );
  }
  return parts.join('\n');
}
