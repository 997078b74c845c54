/**
 * Keeps the Pagefind index of the running site in step with the published database
 * records (docs/decisions/062):
 * - a rebuild indexes the static pages of the client folder plus one custom record per
 *   published record (Pagefind's Node API), writes the index into a fresh hidden folder,
 *   and swaps it in by renaming a symbolic link over `<client>/pagefind` (atomic: readers
 *   see the old index or the new one, never half of one);
 * - rebuilds of one process run one at a time, and requests made during a rebuild are
 *   coalesced into one more rebuild (so concurrent publications end with a complete index
 *   that includes all of them);
 * - every publication, correction and unpublication bumps a generation number in the
 *   database; the index records the generation it was built from, and each app instance
 *   rebuilds whenever the two differ (checked after its own changes and, throttled, on
 *   requests), so several instances converge.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CustomRecord } from 'pagefind';
import { buildSearchIndex } from '../../../integrations/pagefind';
import type { UnitMap } from '../../content/units';
import { dFoldTerms } from '../../shared/fold';
import { RECORD_TYPE_LABELS } from '../../shared/labels';
import { topicLabel } from '../../shared/topics';
import type { Database } from '../db';
import { listPublished, publishingUnitMap, searchTextOf, summaryOf, type PublishedRecord } from './public-records';
import { getSearchGeneration } from './records';

/** File inside an index folder naming the generation it was built from. */
export const GENERATION_FILE = 'tap-huan-so-generation.txt';
const INDEX_LINK = 'pagefind';
const PREFIX = '.pagefind-';

/** Outcome of a rebuild. */
export type RebuildResult =
  { ok: true; generation: number; records: number; pages: number; ms: number } | { ok: false; errors: string[] };

/**
 * The client folder the server serves static files from: `CLIENT_DIR`, else found from
 * this module's location in the build (`<dist>/server/**` → `<dist>/client`). Null when
 * not running from a build (dev server, unit tests).
 */
export function resolveClientDir(): string | null {
  if (process.env.CLIENT_DIR) return process.env.CLIENT_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (basename(dir) === 'server' && existsSync(join(dirname(dir), 'client'))) return join(dirname(dir), 'client');
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * A published record as a Pagefind custom record: its URL, searchable text, title, the
 * d-folded forms of its đ-words (like the static pages' `dfold` metadata) and the same
 * filters (type, unit, topic, year) as the static pages.
 */
export function toCustomRecord(published: PublishedRecord, units: UnitMap): CustomRecord {
  const summary = summaryOf(published, units);
  const content = searchTextOf(published, units);
  const folded = dFoldTerms(content);
  return {
    url: published.url,
    content,
    language: 'vi',
    meta: { title: summary.title, ...(folded ? { dfold: folded } : {}) },
    filters: {
      type: [RECORD_TYPE_LABELS[published.record.kind]],
      unit: [summary.unitName],
      topic: summary.topics.map(topicLabel),
      year: summary.years.map(String),
    },
  };
}

/** The generation the index currently served was built from; -1 for the index of a build. */
export async function servedGeneration(clientDir: string): Promise<number> {
  try {
    const text = await readFile(join(clientDir, INDEX_LINK, GENERATION_FILE), 'utf8');
    const n = Number(text.trim());
    return Number.isInteger(n) ? n : -1;
  } catch {
    return -1;
  }
}

/**
 * Replaces `<client>/pagefind` by the folder `name` (inside the client folder) atomically.
 * The first time, the build's own index folder is moved aside and replaced by a link.
 */
async function swapIn(clientDir: string, name: string): Promise<string | null> {
  const link = join(clientDir, INDEX_LINK);
  let previous: string | null = null;
  const info = await lstat(link).catch(() => null);
  if (info?.isSymbolicLink()) previous = await readlink(link);
  else if (info?.isDirectory()) {
    previous = `${PREFIX}build-${randomBytes(4).toString('hex')}`;
    await rename(link, join(clientDir, previous));
  }
  const temporary = join(clientDir, `${PREFIX}link-${randomBytes(6).toString('hex')}`);
  await symlink(name, temporary, 'dir');
  await rename(temporary, link);
  return previous;
}

/**
 * Deletes index folders no longer served: all but the current and the previous one (a
 * visitor who loaded the previous entry file may still fetch its fragments), and never one
 * younger than a minute (another process on the same folder may be about to swap it in).
 */
async function removeOldIndexes(clientDir: string, keep: (string | null)[]): Promise<void> {
  const now = Date.now();
  for (const entry of await readdir(clientDir, { withFileTypes: true })) {
    if (!entry.name.startsWith(PREFIX) || keep.includes(entry.name)) continue;
    const path = join(clientDir, entry.name);
    const info = await lstat(path).catch(() => null);
    if (!info || now - info.mtimeMs < 60_000) continue;
    await rm(path, { recursive: true, force: true });
  }
}

/**
 * Rebuilds the index of the site in `clientDir` from its static pages and the published
 * records, then swaps it in. Reads the generation before the records, so the index is at
 * least as new as the generation it records.
 */
export async function rebuildSearchIndex(database: Database, clientDir: string): Promise<RebuildResult> {
  const started = Date.now();
  const generation = await getSearchGeneration(database);
  // Content units are synced into the database, so its units table names every unit.
  const units = await publishingUnitMap(database, new Map());
  const custom = (await listPublished(database)).map((p) => toCustomRecord(p, units));
  const name = `${PREFIX}${generation}-${randomBytes(6).toString('hex')}`;
  const output = join(clientDir, name);
  const built = await buildSearchIndex(clientDir, custom, output);
  if (!built.ok) {
    await rm(output, { recursive: true, force: true });
    return { ok: false, errors: built.errors };
  }
  await writeFile(join(output, GENERATION_FILE), String(generation));
  const previous = await swapIn(clientDir, name);
  await removeOldIndexes(clientDir, [name, previous]).catch(() => undefined);
  return { ok: true, generation, records: custom.length, pages: built.pageCount, ms: Date.now() - started };
}

/** Runs rebuilds one at a time; requests made while one runs share a single next run. */
class RebuildQueue {
  #running: Promise<RebuildResult> | null = null;
  #next: Promise<RebuildResult> | null = null;

  request(run: () => Promise<RebuildResult>): Promise<RebuildResult> {
    if (!this.#running) {
      this.#running = run()
        .catch((error: unknown) => ({ ok: false, errors: [String(error)] }) as RebuildResult)
        .finally(() => {
          this.#running = null;
        });
      return this.#running;
    }
    this.#next ??= this.#running.then(() => {
      this.#next = null;
      return this.request(run);
    });
    return this.#next;
  }
}

const queues = new Map<string, RebuildQueue>();

/**
 * Asks for a rebuild of this server's index (queued, coalesced). Resolves when the index
 * that includes every change committed before the call is served.
 * @param database the app database
 * @param clientDir the served client folder (default: found from the build)
 */
export function requestSearchIndexRebuild(
  database: Database,
  clientDir: string | null = resolveClientDir(),
): Promise<RebuildResult> {
  if (!clientDir) return Promise.resolve({ ok: false, errors: ['Không tìm thấy thư mục trang tĩnh (client).'] });
  let queue = queues.get(clientDir);
  if (!queue) {
    queue = new RebuildQueue();
    queues.set(clientDir, queue);
  }
  return queue.request(() => rebuildSearchIndex(database, clientDir));
}

/**
 * Rebuilds when the served index is older than the database's generation (another instance
 * published, or this build was deployed after publications).
 */
export async function ensureSearchIndexFresh(
  database: Database,
  clientDir: string | null = resolveClientDir(),
): Promise<RebuildResult | null> {
  if (!clientDir) return null;
  const [wanted, served] = await Promise.all([getSearchGeneration(database), servedGeneration(clientDir)]);
  // A build's own index (-1) is current as long as nothing was ever published.
  if (served === wanted || (served === -1 && wanted === 0)) return null;
  return requestSearchIndexRebuild(database, clientDir);
}
