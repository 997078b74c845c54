// Samples the resident memory of a process and all of its descendants (Linux /proc), so a
// build's peak counts Pagefind's and any worker's memory too, not only the largest process
// (which is all that `/usr/bin/time -v` reports).
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

/** One sample: when it was taken (ms since the sampler started) and the tree's RSS in bytes. */
export interface MemorySample {
  atMs: number;
  rssBytes: number;
  processes: number;
  /** Resident bytes per process name (e.g. `node`, `pagefind_extended`). */
  byName: Record<string, number>;
}

/** A running sampler. */
export interface TreeMemorySampler {
  /** Stops sampling and returns the peak and every sample. */
  stop(): { peakBytes: number; peakAtMs: number; peak: MemorySample | null; samples: MemorySample[] };
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields restart after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return null;
  }
}

function nameOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function rssOf(pid: number): number {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(statm[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** RSS of `root` and its descendants, summed (shared pages counted once per process: an upper bound). */
export function treeRss(root: number): { rssBytes: number; processes: number; byName: Record<string, number> } {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === null) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  let rssBytes = 0;
  let processes = 0;
  const byName: Record<string, number> = {};
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const rss = rssOf(pid);
    rssBytes += rss;
    processes += 1;
    const name = nameOf(pid);
    byName[name] = (byName[name] ?? 0) + rss;
    stack.push(...(children.get(pid) ?? []));
  }
  return { rssBytes, processes, byName };
}

/**
 * Samples the tree under `root` every `intervalMs` until stopped.
 * @param root process id of the tree's root (e.g. a spawned child)
 * @param intervalMs sampling period
 */
export function sampleTreeMemory(root: number, intervalMs = 100): TreeMemorySampler {
  const started = performance.now();
  const samples: MemorySample[] = [];
  const take = () => {
    const { rssBytes, processes, byName } = treeRss(root);
    if (processes > 0 && rssBytes > 0) samples.push({ atMs: performance.now() - started, rssBytes, processes, byName });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      let peak: MemorySample | null = null;
      for (const s of samples) if (!peak || s.rssBytes > peak.rssBytes) peak = s;
      return { peakBytes: peak?.rssBytes ?? 0, peakAtMs: peak?.atMs ?? 0, peak, samples };
    },
  };
}
