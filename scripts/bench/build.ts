// One timed build for the benchmark: wall time split into phases, peak memory of the whole
// process tree (Astro and the Pagefind process it starts), and the size of the output.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../../tests/support/server';
import { DEFER_INDEX_ENV } from '../../src/integrations/pagefind';
import { buildEnv } from '../lib/build-env.mjs';
import { sampleTreeMemory } from './tree-memory';

/** What one build measured. */
export interface BuildStats {
  seconds: number;
  /** Seconds per phase (see astro-build.mjs); absent when a hook did not fire. */
  phases: { setup: number; bundle: number; prerender: number; doneHooks: number; exit: number; index: number } | null;
  /** Peak resident memory of the build's process tree, and of its largest sample's process count. */
  peakTreeMb: number;
  peakProcesses: number;
  /** MiB per process name at the peak, e.g. "node 1510, pagefind_extended 790". */
  peakBreakdown: string;
  /** Peak of the Astro step's and of the index step's process trees, in MiB. */
  astroPeakMb: number;
  indexPeakMb: number;
  /** Seconds into the build when the peak was seen. */
  peakAtSeconds: number;
  htmlPages: number;
  /** Pages in the search index (from pagefind-entry.json). */
  indexedPages: number;
  clientMb: number;
  pagefindMb: number;
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

async function indexedPages(client: string): Promise<number> {
  try {
    const entry = JSON.parse(await readFile(path.join(client, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
  } catch {
    return 0;
  }
}

interface SampledRun {
  code: number;
  output: string;
  seconds: number;
  memory: ReturnType<ReturnType<typeof sampleTreeMemory>['stop']>;
}

/** Runs a Node script to its end, keeping its output and its process tree's memory samples. */
async function runSampled(args: string[], env: NodeJS.ProcessEnv): Promise<SampledRun> {
  let output = '';
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = sampleTreeMemory(child.pid!, 100);
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  return { code, output, seconds: (performance.now() - started) / 1000, memory: sampler.stop() };
}

/**
 * Builds into `outDir` with its own content cache (a cold build) the way `npm run build` does
 * (scripts/build.mjs): Astro in a child process with the build allocator settings, then the
 * Pagefind index in another, sampling each one's process tree.
 */
export async function timedBuild(outDir: string, env: NodeJS.ProcessEnv): Promise<BuildStats> {
  await rm(outDir, { recursive: true, force: true });
  const cacheDir = `${outDir}-cache`;
  await rm(cacheDir, { recursive: true, force: true });
  const deferFile = `${outDir}-index.json`;
  await rm(deferFile, { force: true });
  const script = path.join(projectRoot, 'scripts', 'bench', 'astro-build.mjs');
  const astro = await runSampled([script, outDir, cacheDir], { ...buildEnv(env), [DEFER_INDEX_ENV]: deferFile });
  if (astro.code !== 0)
    throw new Error(`Build into ${outDir} failed (exit ${astro.code}):\n${astro.output.slice(-4000)}`);
  const { siteDir } = JSON.parse(await readFile(deferFile, 'utf8')) as { siteDir: string };
  const indexer = path.join(projectRoot, 'scripts', 'index-search.ts');
  const index = await runSampled(['--import', 'tsx', indexer, siteDir], env);
  if (index.code !== 0)
    throw new Error(`Indexing ${siteDir} failed (exit ${index.code}):\n${index.output.slice(-4000)}`);

  const marks = new Map<string, number>();
  for (const m of astro.output.matchAll(/^BENCH_PHASE (\S+) (\d+)$/gm)) marks.set(m[1]!, Number(m[2]));
  const at = (name: string) => marks.get(name);
  const [start, bundled, generated, done, exit] = ['build-start', 'bundled', 'generated', 'done', 'exit'].map(at);
  const peakRun = astro.memory.peakBytes >= index.memory.peakBytes ? astro : index;
  const peak = peakRun.memory.peak;
  const client = path.join(outDir, 'client');
  const mibOf = (bytes: number) => bytes / 2 ** 20;
  return {
    seconds: astro.seconds + index.seconds,
    phases:
      start !== undefined &&
      bundled !== undefined &&
      generated !== undefined &&
      done !== undefined &&
      exit !== undefined
        ? {
            setup: start / 1000,
            bundle: (bundled - start) / 1000,
            prerender: (generated - bundled) / 1000,
            doneHooks: (done - generated) / 1000,
            exit: astro.seconds - done / 1000,
            index: index.seconds,
          }
        : null,
    peakTreeMb: mibOf(peakRun.memory.peakBytes),
    peakProcesses: peak?.processes ?? 0,
    peakAtSeconds: peakRun.memory.peakAtMs / 1000 + (peakRun === index ? astro.seconds : 0),
    peakBreakdown: Object.entries(peak?.byName ?? {})
      .map(([name, bytes]) => `${name} ${mibOf(bytes).toFixed(0)}`)
      .join(', '),
    astroPeakMb: mibOf(astro.memory.peakBytes),
    indexPeakMb: mibOf(index.memory.peakBytes),
    htmlPages: await countHtml(client),
    indexedPages: await indexedPages(client),
    clientMb: (await folderBytes(client)) / 1e6,
    pagefindMb: (await folderBytes(path.join(client, 'pagefind'))) / 1e6,
  };
}
