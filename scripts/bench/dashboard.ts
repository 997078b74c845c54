// Leaders' dashboard benchmark on the province-sized data set (`npm run seed:large`): server
// time of the dashboard's queries and of the exports, in process and through the built server,
// written as the "Leaders' dashboard" section of BENCHMARKS.md (the rest of the file is kept).
//
//   npx tsx scripts/bench/dashboard.ts            # in process, plus HTTP when a build exists
//   BENCH_DIST=.tmp/x-dist npx tsx scripts/bench/dashboard.ts
// `npm run bench` runs it after its own builds, against the starter build.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database } from '../../db/client';
import { LARGE_LOGINS } from '../../db/seed/large';
import { parseReportFilters } from '../../src/lib/schemas/report';
import {
  buildPrintedReport,
  completionTimeline,
  describeReport,
  listPersonStatuses,
  loadReport,
  matrixTable,
  peopleTable,
  renderReportPdf,
  toCsv,
  toXlsx,
  type ReportData,
} from '../../src/lib/server/reports/index';
import type { SessionUser } from '../../src/lib/server/session';
import { loginAs } from '../../tests/integration/helpers/http';
import { projectRoot, startServer } from '../../tests/support/server';
import { runSeedLarge } from '../seed-large';

const PASSWORD = 'mat-khau-do-hieu-nang-bang-theo-doi';
const START = '<!-- dashboard-bench:start -->';
const END = '<!-- dashboard-bench:end -->';

interface Timing {
  label: string;
  medianMs: number;
  p95Ms: number;
  cpuMs: number;
  note: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

/** Runs `fn` once to warm up, then `runs` times; wall and CPU time of this process. */
async function measure(label: string, runs: number, fn: () => Promise<string>): Promise<Timing> {
  let note = await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    note = await fn();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const t = { label, medianMs: median(walls), p95Ms: p95(walls), cpuMs: median(cpus), note };
  console.log(`  ${label}: ${t.medianMs.toFixed(0)} ms (CPU ${t.cpuMs.toFixed(0)} ms) ${note}`);
  return t;
}

function viewer(unitId: string, roles: SessionUser['roles']): SessionUser {
  return {
    id: 'bench',
    username: 'bench',
    fullName: 'Trần Minh Họa',
    unitId,
    unitName: '',
    position: 'Viện trưởng',
    roles,
    mustChangePassword: false,
  };
}

async function inProcess(database: Database, runs: number): Promise<Timing[]> {
  const province = viewer('minh-hoa-tinh', ['leader']);
  const region = viewer('minh-hoa-kv1', ['leader']);
  const load = async (user: SessionUser, query: string): Promise<ReportData> => {
    const parsed = parseReportFilters(new URLSearchParams(query));
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const result = await loadReport(database, user, parsed.filters);
    if (!result.ok) throw new Error(result.message);
    return result.data;
  };
  /** What the dashboard page computes: matrix, 100 most overdue, timeline. */
  const dashboard = async (user: SessionUser, query: string) => {
    const data = await load(user, query);
    await listPersonStatuses(database, data, { statuses: ['overdue'], order: 'most-overdue', limit: 100 });
    await completionTimeline(database, data);
    return `${data.people} people × ${data.columns.length} columns`;
  };
  const provinceData = await load(province, '');
  const people = await listPersonStatuses(database, provinceData);
  const timings: Timing[] = [];
  timings.push(await measure('Dashboard data, province leader (courses)', runs, () => dashboard(province, '')));
  timings.push(
    await measure('Dashboard data, province leader (assignments)', runs, () => dashboard(province, 'theo=dot-giao')),
  );
  timings.push(await measure('Dashboard data, regional leader', runs, () => dashboard(region, '')));
  timings.push(
    await measure('Dashboard data, province, filtered (position + overdue)', runs, () =>
      dashboard(province, 'chuc-vu=Kiểm sát viên&trang-thai=qua-han'),
    ),
  );
  timings.push(
    await measure('People list query, province (all rows, sorted)', runs, async () => {
      const list = await listPersonStatuses(database, provinceData);
      return `${list.rows.length} rows`;
    }),
  );
  timings.push(
    await measure('XLSX matrix, province', runs, async () => {
      const bytes = await toXlsx(matrixTable(provinceData), describeReport(provinceData));
      return `${(bytes.length / 1024).toFixed(0)} KB`;
    }),
  );
  timings.push(
    await measure('XLSX people list, province', runs, async () => {
      const bytes = await toXlsx(peopleTable(provinceData, people.rows), describeReport(provinceData));
      return `${people.rows.length} rows, ${(bytes.length / 1024).toFixed(0)} KB`;
    }),
  );
  timings.push(
    await measure('CSV people list, province', runs, async () => {
      const csv = toCsv(peopleTable(provinceData, people.rows));
      return `${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB`;
    }),
  );
  timings.push(
    await measure('PDF report, province', runs, async () => {
      const overdue = await listPersonStatuses(database, provinceData, {
        statuses: ['overdue'],
        order: 'most-overdue',
        limit: 30,
      });
      const report = buildPrintedReport(provinceData, overdue.rows, overdue.total, {}, province);
      const pdf = await renderReportPdf(report);
      return `${(pdf.length / 1024).toFixed(0)} KB`;
    }),
  );
  return timings;
}

async function overHttp(dist: string, databaseUrl: string, runs: number): Promise<Timing[]> {
  const server = await startServer({
    dist,
    env: { DATABASE_URL: databaseUrl, THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' },
  });
  try {
    const client = await loginAs(server.url, LARGE_LOGINS.provinceLeader, PASSWORD);
    const paths: [string, string][] = [
      ['GET /lanh-dao/ (province leader)', '/lanh-dao/'],
      ['GET /lanh-dao/?theo=dot-giao', '/lanh-dao/?theo=dot-giao'],
      ['GET /lanh-dao/don-vi/minh-hoa-kv1/ (unit drill-down)', '/lanh-dao/don-vi/minh-hoa-kv1/'],
      ['GET /lanh-dao/nguoi/u_mh00021/ (person)', '/lanh-dao/nguoi/u_mh00021/'],
      ['GET /lanh-dao/xuat/tong-hop.xlsx', '/lanh-dao/xuat/tong-hop.xlsx'],
      ['GET /lanh-dao/xuat/danh-sach.xlsx', '/lanh-dao/xuat/danh-sach.xlsx'],
      ['GET /lanh-dao/xuat/danh-sach.csv', '/lanh-dao/xuat/danh-sach.csv'],
      ['GET /lanh-dao/bao-cao/ (printed page)', '/lanh-dao/bao-cao/'],
      ['GET /lanh-dao/bao-cao.pdf', '/lanh-dao/bao-cao.pdf'],
    ];
    const timings: Timing[] = [];
    for (const [label, url] of paths) {
      timings.push(
        await measure(label, runs, async () => {
          const response = await client.get(url);
          const body = new Uint8Array(await response.arrayBuffer());
          if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
          return `${(body.length / 1024).toFixed(0)} KB`;
        }),
      );
    }
    return timings;
  } finally {
    await server.stop();
  }
}

function table(rows: Timing[], cpu: boolean): string[] {
  return [
    `| Step | Median | p95 |${cpu ? ' CPU (median) |' : ''} Size / rows |`,
    `|---|--:|--:|${cpu ? '--:|' : ''}---|`,
    ...rows.map(
      (t) =>
        `| ${t.label} | ${t.medianMs.toFixed(0)} ms | ${t.p95Ms.toFixed(0)} ms |${cpu ? ` ${t.cpuMs.toFixed(0)} ms |` : ''} ${t.note} |`,
    ),
  ];
}

/** Replaces (or appends) the dashboard section of BENCHMARKS.md. */
async function writeSection(lines: string[]): Promise<void> {
  const file = path.join(projectRoot, 'BENCHMARKS.md');
  const current = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
  const section = [START, ...lines, END].join('\n');
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}

/**
 * Seeds the province-sized data set into a fresh file, measures, and writes the section.
 * @param options dist: a build to measure over HTTP (skipped when absent); runs per step; people in the seed
 */
export async function benchDashboard(
  options: { dist?: string; workDir?: string; runs?: number; people?: number } = {},
): Promise<void> {
  const work = options.workDir ?? path.join(os.tmpdir(), 'tap-huan-so-bench');
  const runs = options.runs ?? 5;
  await mkdir(work, { recursive: true });
  const dbFile = path.join(work, 'dashboard-large.db');
  for (const suffix of ['', '-wal', '-shm']) await rm(`${dbFile}${suffix}`, { force: true });
  const url = `file:${dbFile}`;
  console.log('Seeding the province-sized data set...');
  const load = os.loadavg()[0]!;
  const seed = await runSeedLarge(url, PASSWORD, { people: options.people });
  console.log(`  ${seed.seconds.toFixed(1)} s`);

  console.log('Measuring in process...');
  const database = await createDatabase({ url });
  let local: Timing[];
  try {
    local = await inProcess(database, runs);
  } finally {
    database.close();
  }
  let http: Timing[] | null = null;
  if (options.dist && existsSync(path.join(options.dist, 'server', 'entry.mjs'))) {
    console.log(`Measuring over HTTP (${path.relative(projectRoot, options.dist) || options.dist})...`);
    http = await overHttp(options.dist, url, runs);
  }
  const loadAfter = os.loadavg()[0]!;

  await writeSection([
    '## Leaders’ dashboard on a province-sized data set',
    '',
    `Measured with \`scripts/bench/dashboard.ts\` (part of \`npm run bench\`; alone: \`npx tsx scripts/bench/dashboard.ts\`)`,
    `on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.availableParallelism()} cores.`,
    `Data (\`npm run seed:large\`, seeded in ${seed.seconds.toFixed(1)} s): ${seed.units} units under one province,`,
    `${seed.people.toLocaleString('en')} people, ${seed.courses} courses (5 from the content, 3 sample ids), ${seed.lessonRows.toLocaleString('en')} lesson-progress rows,`,
    `${seed.completions.toLocaleString('en')} completions with certificates, ${seed.quizAttempts.toLocaleString('en')} quiz attempts, ${seed.assignments} assignments.`,
    `The province leader's report covers ${seed.people.toLocaleString('en')} people × ${seed.courses} courses = ${(seed.people * seed.courses).toLocaleString('en')} person-course statuses,`,
    'computed and grouped in one SQL statement (`src/lib/server/reports/status-query.ts`); the few',
    'hundred resulting counts are rolled up the unit tree in JavaScript.',
    '',
    `Each step: one warm-up, then ${runs} runs; median and 95th percentile of wall time, and median CPU time of`,
    `the measuring process (in process only). 1-minute load average ${load.toFixed(1)} before and ${loadAfter.toFixed(1)} after:`,
    'other jobs shared the machine, so wall times above CPU times are waiting for a core.',
    '',
    '### In process (query functions and exporters)',
    '',
    ...table(local, true),
    '',
    ...(http
      ? ['### Through the built server (province leader logged in, loopback HTTP)', '', ...table(http, false), '']
      : [
          'No build was given, so the HTTP measurements were skipped (`BENCH_DIST=<build> npx tsx scripts/bench/dashboard.ts`).',
          '',
        ]),
  ]);
  console.log('Wrote the dashboard section of BENCHMARKS.md');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.env.BENCH_DIST ?? process.env.TEST_DIST ?? 'dist';
  await benchDashboard({
    dist: path.resolve(projectRoot, dist),
    runs: Number(process.env.BENCH_RUNS ?? 5),
    people: process.env.BENCH_PEOPLE ? Number(process.env.BENCH_PEOPLE) : undefined,
  });
}
