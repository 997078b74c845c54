// `npm run bench`: builds the site (starter content, then a generated 2,000-lesson corpus),
// measures build time, peak memory and page weights in Chromium, and writes BENCHMARKS.md.
// Options (env): BENCH_LESSONS (default 2000), BENCH_ONLY=starter|large, BENCH_OUT (work folder).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../tests/support/browser';
import { projectRoot, startServer } from '../../tests/support/server';
import { COURSE, LESSON_1, LESSON_2, PRACTICE, SEMINAR, searchFor } from '../../tests/support/site';
import { generateCorpus, type CorpusSummary } from './generate-corpus';
import {
  GZIP_LEVEL,
  kb,
  measurePageWeights,
  targetBytes,
  weightTable,
  type PageWeightResult,
  type PageWeightScenario,
} from './page-weight';

/** Targets from the issue: a lesson's first visit and a second page, compressed, HTML+CSS+JS+fonts. */
const TARGETS = { lessonFirst: 35_000, lessonSecond: 10_000 };

interface BuildStats {
  seconds: number;
  /** Peak resident memory of the largest process in the build, in MB. */
  peakMb: number | null;
  htmlPages: number;
  clientMb: number;
  pagefindMb: number;
}

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

async function folderBytes(dir: string, filter: (file: string) => boolean = () => true): Promise<number> {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (filter(file)) total += (await stat(file)).size;
  }
  return total;
}

async function countHtml(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).length;
}

/** Builds into `outDir` with its own content cache, timing it and reading its peak memory. */
async function build(outDir: string, env: NodeJS.ProcessEnv): Promise<BuildStats> {
  await rm(outDir, { recursive: true, force: true });
  const cacheDir = `${outDir}-cache`;
  await rm(cacheDir, { recursive: true, force: true });
  const script = path.join(projectRoot, 'scripts', 'bench', 'astro-build.mjs');
  const useTime = existsSync('/usr/bin/time');
  const [cmd, args] = useTime
    ? ['/usr/bin/time', ['-v', process.execPath, script, outDir, cacheDir]]
    : [process.execPath, [script, outDir, cacheDir]];
  const started = performance.now();
  let stderr = '';
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: projectRoot, env, stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!useTime) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    throw new Error(`Build into ${outDir} failed (exit ${code}):\n${stderr.slice(-4000)}`);
  }
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const client = path.join(outDir, 'client');
  return {
    seconds,
    peakMb: rss ? Number(rss[1]) / 1024 : null,
    htmlPages: await countHtml(client),
    clientMb: (await folderBytes(client)) / 1e6,
    pagefindMb: (await folderBytes(path.join(client, 'pagefind'))) / 1e6,
  };
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

function buildRow(label: string, s: BuildStats): string {
  const peak = s.peakMb === null ? 'n/a' : `${s.peakMb.toFixed(0)} MB`;
  return `| ${label} | ${s.seconds.toFixed(1)} s | ${peak} | ${s.htmlPages} | ${s.clientMb.toFixed(1)} MB | ${s.pagefindMb.toFixed(1)} MB |`;
}

function verdicts(label: string, results: PageWeightResult[]): string[] {
  return results
    .filter((r) => r.type.startsWith('lesson'))
    .flatMap((r) => {
      const first = targetBytes(r.first);
      const second = targetBytes(r.second);
      return [
        `- ${label}, ${r.type} \`${r.path}\` first visit: ${kb(first)} KB (target ≤ ${kb(TARGETS.lessonFirst)} KB): ${first <= TARGETS.lessonFirst ? '**met**' : '**NOT met**'}`,
        `- ${label}, ${r.type} \`${r.path}\` second page: ${kb(second)} KB (target ≤ ${kb(TARGETS.lessonSecond)} KB): ${second <= TARGETS.lessonSecond ? '**met**' : '**NOT met**'}`,
      ];
    });
}

function searchRows(results: PageWeightResult[]): string {
  const r = results.find((x) => x.interaction);
  if (!r?.interaction) return '';
  const w = r.interaction;
  return `Search code and index fetched on the first query (\`so hoa ho so\`), not part of any page's first visit: **${kb(w.total)} KB** (JS ${kb(w.js)}, index/wasm/other ${kb(w.other)}, CSS ${kb(w.css)}) in ${w.requests} requests.`;
}

async function main(): Promise<void> {
  const work = process.env.BENCH_OUT ?? path.join(os.tmpdir(), 'tap-huan-so-bench');
  const only = process.env.BENCH_ONLY;
  const lessonTarget = Number(process.env.BENCH_LESSONS ?? 2000);
  await mkdir(work, { recursive: true });
  // A build's server chunks import packages by bare name, resolved from the build folder
  // upwards: outside the project they need a node_modules next to them.
  const modules = path.join(work, 'node_modules');
  if (!existsSync(modules)) await symlink(path.join(projectRoot, 'node_modules'), modules, 'dir');

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
  const machine = [
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- CPU: ${os.availableParallelism()} cores (\`nproc\`), ${os.cpus()[0]?.model ?? 'unknown model'}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()}, ${chromiumVersion}`,
  ];

  const sections: string[] = [];
  const buildRows: string[] = [];
  const checks: string[] = [];

  if (only !== 'large') {
    console.log('Building the starter site...');
    const dist = path.join(work, 'dist-starter');
    const stats = await build(dist, { ...process.env });
    buildRows.push(buildRow('Starter content', stats));
    console.log(`  ${stats.seconds.toFixed(1)} s; measuring page weights...`);
    const results = await measure(dist, scenarios());
    sections.push('### Starter content', '', weightTable(results), '', searchRows(results), '');
    checks.push(...verdicts('Starter content', results));
  }

  if (only !== 'starter') {
    const corpusDir = path.join(work, 'content-large');
    await rm(corpusDir, { recursive: true, force: true });
    console.log(`Generating a ${lessonTarget}-lesson corpus...`);
    const corpus: CorpusSummary = await generateCorpus(corpusDir, lessonTarget);
    const big = corpus.generated[0]!;
    console.log(`  ${corpus.lessons} lessons in ${corpus.courses} courses; building (this takes a while)...`);
    const dist = path.join(work, 'dist-large');
    const stats = await build(dist, { ...process.env, CONTENT_DIR: corpusDir });
    buildRows.push(buildRow(`${corpus.lessons} lessons, ${corpus.courses} courses`, stats));
    console.log(`  ${stats.seconds.toFixed(1)} s; measuring page weights...`);
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
    sections.push(
      `### ${corpus.lessons}-lesson build (${corpus.courses} courses)`,
      '',
      weightTable(results),
      '',
      searchRows(results),
      '',
    );
    checks.push(...verdicts(`${corpus.lessons}-lesson build`, results));
  }

  const report = [
    '# Benchmarks',
    '',
    'Measured with `npm run bench` (`scripts/bench/run.ts`). Re-run it after changes to layouts, styles or',
    'scripts; it rewrites this file.',
    '',
    '## Machine',
    '',
    ...machine,
    '',
    '## Targets',
    '',
    'A lesson page ships no framework JavaScript; its first visit transfers at most 35 KB compressed',
    '(HTML, CSS, JS, fonts) and a second page at most 10 KB, also in a 2,000-lesson build.',
    '',
    ...checks,
    '',
    '## Page weight',
    '',
    `Compressed bytes in KB (1 KB = 1,000 bytes): every response body Chromium fetched over the network,`,
    `gzipped at level ${GZIP_LEVEL} (brotli would be smaller), headers not counted. "First visit" is a cold`,
    'cache; "second page" is the page loaded after the page named in that column, in the same browser,',
    'so CSS, JS and fonts cached by the first page (Astro serves `/_astro/*` as immutable) are not fetched',
    'again. The targets count HTML+CSS+JS+fonts; images and other data are listed separately.',
    'Each page is loaded until the network is idle (lazy fonts and images included) at 1280×900.',
    '',
    ...sections,
    '## Build',
    '',
    'Cold build (fresh content cache) with `scripts/bench/astro-build.mjs` (Astro build + search index).',
    'Peak memory is the largest single process (`/usr/bin/time -v`, maximum resident set size).',
    '',
    '| Content | Build time | Peak memory | HTML pages | dist/client | Pagefind index |',
    '|---|--:|--:|--:|--:|--:|',
    ...buildRows,
    '',
    '## Commands',
    '',
    '```sh',
    'npm run bench                       # both builds, writes BENCHMARKS.md',
    'BENCH_ONLY=starter npm run bench    # starter content only',
    'BENCH_LESSONS=500 npm run bench     # smaller generated corpus',
    'npx tsx scripts/bench/generate-corpus.ts /tmp/corpus 2000 40   # just the corpus',
    '# build from it; a build outside the project needs a node_modules link above it:',
    'mkdir -p /tmp/b && ln -sfn "$PWD/node_modules" /tmp/b/node_modules',
    'CONTENT_DIR=/tmp/corpus node_modules/.bin/node scripts/bench/astro-build.mjs /tmp/b/dist /tmp/b/cache',
    '```',
    '',
  ].join('\n');

  await writeFile(path.join(projectRoot, 'BENCHMARKS.md'), report);
  console.log(`\n${checks.join('\n')}\n\nWrote BENCHMARKS.md`);
}

await main();
