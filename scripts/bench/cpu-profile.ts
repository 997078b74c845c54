// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the busy time went, by
// package and by function (self time), so BENCHMARKS.md can say what limits a route.
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Share of busy (non-idle) samples. */
export interface ProfileLine {
  name: string;
  percent: number;
}

/** Top frames of a profile. */
export interface ProfileSummary {
  /** Seconds the profile covers and the share of it that was busy (not idle). */
  seconds: number;
  busyPercent: number;
  byPackage: ProfileLine[];
  byFunction: ProfileLine[];
}

/** Where a script lives: a package name, a Node built-in, the built app, or the project. */
function origin(url: string): string {
  if (!url) return '(native, GC)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (/\/server\/chunks\/|\/server\/entry\.mjs/.test(url)) return 'built app (dist/server)';
  if (url.includes('/scripts/')) return 'scripts/ (production server)';
  return url.replace(/^file:\/\//, '');
}

/**
 * The current time on the clock V8 stamps profile samples with (CLOCK_MONOTONIC, µs), which
 * every process on the machine shares: a window taken here selects samples of another process.
 */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Reads a .cpuprofile and returns the top `top` packages and functions by self time.
 * @param window only samples taken between these {@link monotonicMicros} instants (e.g. the
 *   load, without the server's start-up)
 */
export async function summariseCpuProfile(
  file: string,
  window?: { fromUs: number; toUs: number },
  top = 12,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let total = 0;
  let at = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    total += 1;
    const node = nodes.get(id)!;
    const fn = node.callFrame.functionName;
    if (fn === '(idle)') continue;
    busy += 1;
    // Native frames (no URL) are charged to the nearest JavaScript caller's package.
    let owner: ProfileNode | undefined = node;
    while (owner && !owner.callFrame.url && parent.has(owner.id)) owner = nodes.get(parent.get(owner.id)!);
    const pkg = fn === '(garbage collector)' ? '(garbage collector)' : origin(owner?.callFrame.url ?? '');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
    const where = node.callFrame.url ? `${origin(node.callFrame.url)}` : 'native';
    const key = `${fn || '(anonymous)'} (${where})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, percent: (100 * n) / Math.max(busy, 1) }));
  return {
    seconds: window ? (window.toUs - window.fromUs) / 1e6 : (profile.endTime - profile.startTime) / 1e6,
    busyPercent: (100 * busy) / Math.max(total, 1),
    byPackage: lines(byPackage),
    byFunction: lines(byFunction),
  };
}
