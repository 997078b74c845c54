// A database prepared for the load and fault tests: migrated and synced like `npm start` does,
// with demo accounts and `count` extra learners, in a folder the test owns (so the server can
// be restarted on it, or the folder made full or read-only).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareDatabase } from '../../scripts/db-prepare';
import { loadCatalog } from '../../src/lib/server/learning/catalog';
import { lessonHref } from '../../src/lib/shared/learning/catalog';
import type { SimLearner } from './learner-sim';
import { DEMO_PASSWORD } from './server';
import { createLearners, quizIds } from './workload';

/** Password of the learners a {@link FaultSite} creates. */
export const LEARNER_PASSWORD = 'mat-khau-tai-thu-2026';

/** A prepared database and what the simulated learners need. */
export interface FaultSite {
  dir: string;
  databaseUrl: string;
  learners: SimLearner[];
  lessons: { id: string; href: string }[];
  quizIds: string[];
  /** Deletes the folder (unless the caller owns it). */
  cleanup(): Promise<void>;
}

/**
 * Prepares `<dir>/app.db` (a new temporary folder when `dir` is not given) with demo accounts
 * and `learners` learner accounts.
 */
export async function prepareFaultSite(options: { learners: number; dir?: string }): Promise<FaultSite> {
  const owned = !options.dir;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'tap-huan-so-fault-')));
  const databaseUrl = `file:${path.join(dir, 'app.db')}`;
  const { database } = await prepareDatabase({ url: databaseUrl, seedDemo: true, demoPassword: DEMO_PASSWORD });
  try {
    const made = await createLearners(database, {
      count: options.learners,
      unitId: 'bo-phan-minh-hoa-a1',
      password: LEARNER_PASSWORD,
    });
    const catalog = await loadCatalog();
    return {
      dir,
      databaseUrl,
      learners: made.map((m) => ({ ...m, password: LEARNER_PASSWORD })),
      lessons: [...catalog.lessonCourse].map(([id, courseId]) => ({ id, href: lessonHref(courseId, id) })),
      quizIds: await quizIds(database),
      cleanup: async () => {
        if (owned) await rm(dir, { recursive: true, force: true });
      },
    };
  } finally {
    database.close();
  }
}
