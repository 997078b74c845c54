// `npm run bench`: builds the site (starter content, then a generated 2,000-lesson corpus),
// measures build time, phases and peak memory, page weights and search cost in Chromium, the
// server routes under autocannon against a bare baseline, two app processes on one database
// file, and a CPU profile of the server under load; writes BENCHMARKS.md.
//
// Options (env):
//   BENCH_LESSONS   lessons in the generated corpus (default 2000)
//   BENCH_DURATION  seconds per server run (default 10)
//   BENCH_PEOPLE    people in the province-sized seed (default 3000)
//   BENCH_SECTIONS  comma list among starter,large,server (default all three)
//   BENCH_OUT       work folder (default $TMPDIR/tap-huan-so-bench)
//   BENCH_ONLY      starter|large (older switch, kept: one build only, no server section)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../tests/support/browser';
import { DEMO_PASSWORD, DEMO_USERS, projectRoot, startServer } from '../../tests/support/server';
import { COURSE, LESSON_1, LESSON_2, PRACTICE, SEMINAR, searchFor } from '../../tests/support/site';
import { timedBuild, type BuildStats } from './build';
import { benchDashboard } from './dashboard';
import { generateCorpus, type CorpusSummary } from './generate-corpus';
import {
  kb,
  MEASUREMENT_NOTE,
  measurePageWeights,
  targetBytes,
  weightTable,
  type PageWeightResult,
  type PageWeightScenario,
} from './page-weight';
import { startApp } from './processes';
import { measureSearch, searchTable, type SearchQueryCost } from './search';
import { benchServer, serverTables, type ServerBenchResult } from './server-routes';

/** Targets from the issue. */
const TARGETS = {
  lessonFirst: 35_000,
  lessonSecond: 10_000,
  pagesPerSecond: 60,
  peakMiB: 1.75 * 1024,
  firstSearch: 160_000,
  laterSearch: 40_000,
  sessionRps: 1500,
  sessionP99: 50,
  submitRps: 500,
  baselineShare: 0.5,
};

/** Queries of the search measurement: a first query, then one with words it has not loaded. */
const SEARCH_QUERIES = ['so hoa ho so', 'diem cau truc tuyen'] as const;

function scenarios(extra: PageWeightScenario[] = []): PageWeightScenario[] {
  return [
    { type: 'home', path: '/', from: '/khoa-hoc/' },
    { type: 'course', path: COURSE, from: '/' },
    { type: 'lesson', path: LESSON_2, from: LESSON_1 },
    ...extra,
    { type: 'record (seminar)', path: SEMINAR, from: '/toa-dam/' },
    { type: 'record (practice)', path: PRACTICE, from: '/cach-lam-hay/' },
    {
      type: 'search',
      path: '/tim-kiem/',
      from: '/',
      interact: async (page) => void (await searchFor(page, 'so hoa ho so')),
    },
  ];
}

async function measure(dist: string, list: PageWeightScenario[]): Promise<PageWeightResult[]> {
  const server = await startServer({ dist });
  const browser = await launchBrowser();
  try {
    return await measurePageWeights(browser, server.url, list);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function measureSearchOn(dist: string): Promise<SearchQueryCost[]> {
  const server = await startServer({ dist });
  const browser = await launchBrowser();
  try {
    return await measureSearch(browser, server.url, SEARCH_QUERIES[0], SEARCH_QUERIES[1]);
  } finally {
    await browser.close();
    await server.stop();
  }
}

const mib = (mb: number) => `${mb.toFixed(0)} MiB`;

function buildRow(label: string, s: BuildStats): string {
  const rate = s.htmlPages / s.seconds;
  const p = s.phases;
  const phases = p
    ? [p.setup, p.bundle, p.prerender, p.doneHooks + p.exit, p.index].map((x) => x.toFixed(1)).join(' / ')
    : 'n/a';
  return `| ${label} | ${s.seconds.toFixed(1)} s | ${s.htmlPages} (${s.indexedPages} indexed) | **${rate.toFixed(1)}** | ${phases} | **${mib(s.peakTreeMb)}** at ${s.peakAtSeconds.toFixed(0)} s (${s.peakBreakdown}); Astro step ${mib(s.astroPeakMb)}, index step ${mib(s.indexPeakMb)} | ${s.clientMb.toFixed(1)} MB | ${s.pagefindMb.toFixed(1)} MB |`;
}

function verdict(ok: boolean, detail: string): string {
  return ok ? `**met** (${detail})` : `**NOT met** (${detail})`;
}

function weightVerdicts(label: string, results: PageWeightResult[]): string[] {
  return results
    .filter((r) => r.type.startsWith('lesson'))
    .flatMap((r) => {
      const first = targetBytes(r.first);
      const second = targetBytes(r.second);
      return [
        `- ${label}, ${r.type} first visit ≤ ${kb(TARGETS.lessonFirst)} KB: ${verdict(first <= TARGETS.lessonFirst, `${kb(first)} KB`)}`,
        `- ${label}, ${r.type} second page ≤ ${kb(TARGETS.lessonSecond)} KB: ${verdict(second <= TARGETS.lessonSecond, `${kb(second)} KB`)}`,
      ];
    });
}

function buildVerdicts(label: string, s: BuildStats): string[] {
  const rate = s.htmlPages / s.seconds;
  const pct = (x: number, target: number) => `${x >= target ? '+' : ''}${((100 * (x - target)) / target).toFixed(0)} %`;
  return [
    `- ${label} build ≥ ${TARGETS.pagesPerSecond} pages/s including Pagefind: ${verdict(rate >= TARGETS.pagesPerSecond, `${rate.toFixed(1)} pages/s, ${pct(rate, TARGETS.pagesPerSecond)}`)}`,
    `- ${label} build peak memory ≤ 1.75 GiB (whole process tree): ${verdict(s.peakTreeMb <= TARGETS.peakMiB, `${mib(s.peakTreeMb)}, ${pct(s.peakTreeMb, TARGETS.peakMiB)}`)}`,
  ];
}

function searchVerdicts(label: string, costs: SearchQueryCost[]): string[] {
  const [first, later] = costs;
  if (!first || !later) return [];
  return [
    `- ${label}, first search ≤ 160 KB: ${verdict(first.bytes <= TARGETS.firstSearch, `${kb(first.bytes)} KB`)}`,
    `- ${label}, later new words ≤ 40 KB: ${verdict(later.bytes <= TARGETS.laterSearch, `${kb(later.bytes)} KB`)}`,
  ];
}

function serverVerdicts(result: ServerBenchResult): string[] {
  const lines: string[] = [];
  const at50 = (name: string) => result.rows.find((r) => r.route.includes(name) && r.connections === 50);
  const session = at50('/tai-khoan/');
  if (session?.app) {
    lines.push(
      `- Session-checked page ≥ ${TARGETS.sessionRps} req/s at 50 connections: ${verdict(session.app.rps >= TARGETS.sessionRps, `${session.app.rps.toFixed(0)} req/s, ${((100 * session.app.rps) / TARGETS.sessionRps).toFixed(0)} % of the target`)}`,
      `- Session-checked page p99 ≤ ${TARGETS.sessionP99} ms: ${verdict(session.app.p99 <= TARGETS.sessionP99, `${session.app.p99} ms`)}`,
    );
  }
  const submit = at50('/api/quiz/submit');
  if (submit?.app) {
    lines.push(
      `- Quiz submit ≥ ${TARGETS.submitRps} req/s: ${verdict(submit.app.rps >= TARGETS.submitRps, `${submit.app.rps.toFixed(0)} req/s`)}`,
    );
  }
  for (const row of result.rows) {
    if (!row.app || !row.baseline || row.baseline.rps === 0) continue;
    const share = row.app.rps / row.baseline.rps;
    lines.push(
      `- ${row.route} at ${row.connections} connection(s) ≥ 50 % of the baseline: ${verdict(share >= TARGETS.baselineShare, `${(100 * share).toFixed(0)} %`)}`,
    );
  }
  const errors = result.rows.reduce((sum, r) => sum + (r.app?.serverErrors ?? 0), 0);
  lines.push(`- No 5xx from the app under load: ${verdict(errors === 0, `${errors} × 5xx`)}`);
  if (result.twoProcess) {
    lines.push(
      `- Zero SQLITE_BUSY with two processes: ${verdict(result.twoProcess.busy === 0 && result.twoProcess.serverErrors === 0, `${result.twoProcess.busy} in the logs, ${result.twoProcess.serverErrors} × 5xx`)}`,
    );
  }
  return lines;
}

function profileSection(result: ServerBenchResult): string[] {
  if (!result.profile) return [];
  const s = result.profile.summary;
  return [
    `### CPU profile of the server under load`,
    '',
    `\`node --cpu-prof\` on \`scripts/serve.mjs\` while ${result.profile.route} was loaded at 50 connections`,
    `(samples of the load window only, ${s.seconds.toFixed(1)} s, ${s.busyPercent.toFixed(0)} % busy). Share of busy samples by self time:`,
    '',
    '| By package | % | By function (package) | % |',
    '|---|--:|---|--:|',
    ...s.byPackage.map((p, i) => {
      const f = s.byFunction[i];
      return `| ${p.name} | ${p.percent.toFixed(1)} | ${f ? `\`${f.name.replace(/\|/g, '\\|')}\`` : ''} | ${f ? f.percent.toFixed(1) : ''} |`;
    }),
    '',
  ];
}

async function main(): Promise<void> {
  const work = process.env.BENCH_OUT ?? path.join(os.tmpdir(), 'tap-huan-so-bench');
  const lessonTarget = Number(process.env.BENCH_LESSONS ?? 2000);
  const seconds = Number(process.env.BENCH_DURATION ?? 10);
  const people = Number(process.env.BENCH_PEOPLE ?? 3000);
  const only = process.env.BENCH_ONLY;
  const sections = new Set(
    only ? [only] : (process.env.BENCH_SECTIONS ?? 'starter,large,server').split(',').map((s) => s.trim()),
  );
  await mkdir(work, { recursive: true });
  // A build's server chunks import packages by bare name, resolved from the build folder
  // upwards: outside the project they need a node_modules next to them.
  const modules = path.join(work, 'node_modules');
  if (!existsSync(modules)) await symlink(path.join(projectRoot, 'node_modules'), modules, 'dir');
  const benchStarted = performance.now();

  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      // Debian's wrapper script prints a harmless shell warning on stderr.
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Reported as unknown.
  }
  const version = (pkg: string) => {
    try {
      return (
        JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      return '?';
    }
  };
  const [load1] = os.loadavg();
  const machine = [
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- CPU: ${os.availableParallelism()} cores (\`nproc\`), ${os.cpus()[0]?.model ?? 'unknown model'}; load average when the run started: ${load1?.toFixed(1)}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()}, ${chromiumVersion}`,
    `- astro ${version('astro')}, vite ${version('vite')}, pagefind ${version('pagefind')}, @libsql/client ${version('@libsql/client')}, autocannon ${version('autocannon')}`,
  ];

  const weightSections: string[] = [];
  const searchSections: string[] = [];
  const buildRows: string[] = [];
  const checks: string[] = [];
  let starterDist: string | null = null;

  if (sections.has('starter') || sections.has('server')) {
    console.log('Building the starter site...');
    starterDist = path.join(work, 'dist-starter');
    const stats = await timedBuild(starterDist, { ...process.env });
    buildRows.push(buildRow('Starter content', stats));
    if (sections.has('starter')) {
      console.log(`  ${stats.seconds.toFixed(1)} s; measuring page weights...`);
      const results = await measure(starterDist, scenarios());
      weightSections.push('### Starter content', '', weightTable(results), '');
      checks.push(...weightVerdicts('Starter content', results));
      const search = await measureSearchOn(starterDist);
      searchSections.push(searchTable('starter', search));
    }
  }

  if (sections.has('large')) {
    const corpusDir = path.join(work, 'content-large');
    await rm(corpusDir, { recursive: true, force: true });
    console.log(`Generating a ${lessonTarget}-lesson corpus...`);
    const corpus: CorpusSummary = await generateCorpus(corpusDir, lessonTarget);
    const big = corpus.generated[0]!;
    console.log(`  ${corpus.lessons} lessons in ${corpus.courses} courses; building (this takes a while)...`);
    const dist = path.join(work, 'dist-large');
    const stats = await timedBuild(dist, { ...process.env, CONTENT_DIR: corpusDir });
    const label = `${corpus.lessons} lessons, ${corpus.courses} courses`;
    buildRows.push(buildRow(label, stats));
    checks.push(...buildVerdicts(`${corpus.lessons}-lesson`, stats));
    console.log(`  ${stats.seconds.toFixed(1)} s, peak ${mib(stats.peakTreeMb)}; measuring page weights...`);
    const bigCourse = `/khoa-hoc/${big.id}/`;
    const results = await measure(
      dist,
      scenarios([
        { type: `course (${big.lessons.length} lessons)`, path: bigCourse, from: '/' },
        {
          type: `lesson (in a ${big.lessons.length}-lesson course)`,
          path: `${bigCourse}${big.lessons[1]}/`,
          from: `${bigCourse}${big.lessons[0]}/`,
        },
      ]),
    );
    weightSections.push(`### ${corpus.lessons}-lesson build (${corpus.courses} courses)`, '', weightTable(results), '');
    checks.push(...weightVerdicts(`${corpus.lessons}-lesson build`, results));
    console.log('  measuring search...');
    const search = await measureSearchOn(dist);
    searchSections.push(searchTable(`${corpus.lessons} lessons`, search).split('\n').slice(2).join('\n'));
    checks.push(...searchVerdicts(`${corpus.lessons}-lesson site`, search));
  }

  let server: ServerBenchResult | null = null;
  if (sections.has('server') && starterDist) {
    console.log(`Server routes (${seconds} s per run)...`);
    server = await benchServer({ dist: starterDist, work, seconds, people, connections: [1, 50] });
    checks.push(...serverVerdicts(server));
    console.log('  dashboard page weight on the seeded database...');
    const app = await startApp(starterDist, `file:${path.join(work, 'server', 'app.db')}`);
    const browser = await launchBrowser();
    try {
      const results = await measurePageWeights(browser, app.url, [
        {
          type: 'dashboard (leader of the seeded province)',
          path: '/lanh-dao/',
          from: '/tai-khoan/',
          login: { username: 'lanhdao.minhhoa', password: DEMO_PASSWORD },
        },
        {
          type: 'account page (learner)',
          path: '/tai-khoan/',
          from: '/',
          login: { username: DEMO_USERS.learner, password: DEMO_PASSWORD },
        },
      ]);
      weightSections.push('### Signed-in pages (starter build, province-sized database)', '', weightTable(results), '');
    } catch (error) {
      weightSections.push(
        '### Signed-in pages',
        '',
        `Not measured: ${error instanceof Error ? error.message : String(error)}`,
        '',
      );
    } finally {
      await browser.close();
      await app.stop();
    }
  }

  const minutes = (performance.now() - benchStarted) / 60_000;
  const analysisFile = path.join(projectRoot, 'scripts', 'bench', 'ANALYSIS.md');
  const analysis = existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8').trim() : '';
  const report = [
    '# Benchmarks',
    '',
    'Measured with `npm run bench` (`scripts/bench/run.ts`); it rewrites this file. Numbers from a',
    'shared or busy machine are noisy (see the load average below): compare ratios against the',
    'baseline, which ran in the same minutes, rather than absolute figures.',
    '',
    '## Machine',
    '',
    ...machine,
    `- Whole run: ${minutes.toFixed(1)} min; sections: ${[...sections].join(', ')}; ${seconds} s per server run; ${people} people in the seed`,
    '',
    '## Targets',
    '',
    ...checks,
    '',
    '## Build',
    '',
    'Cold build (fresh content cache), run the way `npm run build` (`scripts/build.mjs`) runs it: Astro',
    '(`scripts/bench/astro-build.mjs`) with the allocator settings of `scripts/lib/build-env.mjs`, then the',
    'Pagefind index in a process of its own (`scripts/index-search.ts`). Pages/s = HTML pages ÷ wall',
    'time of both steps. Phases (s): set-up (config, content sync, reference check) / bundles (server,',
    'client) / prerendering / remaining hooks and exit / search index. Peak memory is the resident',
    "memory of each step's whole process tree (Node plus the Pagefind binary it starts), sampled every",
    '100 ms from /proc; the larger of the two steps is the peak.',
    '',
    '| Content | Wall time | HTML pages | Pages/s | Phases (s) | Peak memory | dist/client | Pagefind index |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...buildRows,
    '',
    '## Page weight',
    '',
    `Compressed bytes in KB (1 KB = 1,000 bytes): every response body Chromium fetched over the network,`,
    `${MEASUREMENT_NOTE}. "First visit" is a cold`,
    'cache; "second page" is the page loaded after the page named in that column, in the same browser,',
    'so CSS, JS and fonts cached by the first page (Astro serves `/_astro/*` as immutable) are not fetched',
    'again. The targets count HTML+CSS+JS+fonts; images and other data are listed separately.',
    'Each page is loaded until the network is idle (lazy fonts and images included) at 1280×900.',
    '',
    ...weightSections,
    '## Search',
    '',
    `Bytes fetched from \`/pagefind/\` in Chromium on the search page (cold cache), as transferred: first`,
    `\`${SEARCH_QUERIES[0]}\`, then \`${SEARCH_QUERIES[1]}\` (words the first query did not load). Time is`,
    'from pressing Enter to the result count being shown.',
    '',
    ...searchSections,
    '',
    '## Server routes',
    '',
    server
      ? [
          `autocannon, no pipelining, ${seconds} s per run, against \`scripts/serve.mjs\` (compression and headers on)`,
          `serving the starter build, on a database seeded with ${server.seed}. Each learner has a`,
          'session; requests rotate over 200+ sessions, lessons and open quiz attempts (each submit closes a',
          'different attempt). The baseline (`scripts/bench/baseline-server.mjs`: `node:http` + libSQL, the',
          'same session lookup and SQL, no framework) ran in the same minutes on a copy of the database.',
          'Errors = answers other than the expected status (200, or 303 for the form post), socket errors',
          'and timeouts.',
          '',
          serverTables(server),
          '',
          ...profileSection(server),
        ].join('\n')
      : 'Not run (BENCH_SECTIONS).',
    '',
    ...(analysis ? [analysis, ''] : []),
    '## Commands',
    '',
    '```sh',
    'npm run bench                                   # everything (≈ 15 min on 2 cores), writes BENCHMARKS.md',
    'BENCH_SECTIONS=starter npm run bench            # starter build, page weights, search',
    'BENCH_SECTIONS=server BENCH_DURATION=3 BENCH_PEOPLE=300 npm run bench   # quick server run',
    'BENCH_LESSONS=500 BENCH_SECTIONS=large npm run bench                    # smaller corpus',
    'npx tsx scripts/bench/generate-corpus.ts /tmp/corpus 2000 40   # just the corpus',
    '# build from it; a build outside the project needs a node_modules link above it:',
    'mkdir -p /tmp/b && ln -sfn "$PWD/node_modules" /tmp/b/node_modules',
    'CONTENT_DIR=/tmp/corpus MIMALLOC_PURGE_DELAY=0 node_modules/.bin/node scripts/bench/astro-build.mjs /tmp/b/dist /tmp/b/cache',
    '```',
    '',
  ].join('\n');

  await writeFile(path.join(projectRoot, 'BENCHMARKS.md'), report);
  console.log(`\n${checks.join('\n')}\n\nWrote BENCHMARKS.md (${minutes.toFixed(1)} min)`);
  // Leaders' dashboard and exports on the province-sized seed: adds its own section to the file.
  if (sections.has('server') || sections.has('dashboard'))
    await benchDashboard({ dist: starterDist ?? undefined, workDir: work, people });
}

await main();
