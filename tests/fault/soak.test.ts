import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { prepareFaultSite, type FaultSite } from '../support/fault-site';
import { integrityCheck, simulateLearners, verifyAcks } from '../support/learner-sim';

/**
 * Soak: many learners at once against the built production server for a bounded time
 * (SOAK_SECONDS, default 25), then every acknowledged write is looked up in the database.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 25);
const LEARNERS = Number(process.env.SOAK_LEARNERS ?? 24);

let site: FaultSite;
let server: AppProcess;

beforeAll(async () => {
  site = await prepareFaultSite({ learners: LEARNERS });
  server = await startAppProcess({ databaseUrl: site.databaseUrl });
});

afterAll(async () => {
  await server?.stop();
  await site?.cleanup();
});

describe('a busy morning', () => {
  it(`serves ${LEARNERS} learners for ${SECONDS} s without a 5xx and keeps every write it acknowledged`, async () => {
    const deadline = Date.now() + SECONDS * 1000;
    const report = await simulateLearners({
      baseUrl: () => server.url,
      learners: site.learners,
      lessons: site.lessons,
      quizIds: site.quizIds,
      running: () => Date.now() < deadline,
    });
    await server.stop();

    expect(report.serverErrors, JSON.stringify(report.serverErrors, null, 2)).toEqual([]);
    expect(report.networkErrors).toBe(0);
    expect(report.leaks).toEqual([]);
    const check = await verifyAcks(site.databaseUrl, report.acks);
    console.log(
      `soak: ${report.requests} requests ${JSON.stringify(report.statuses)}; acknowledged writes ${JSON.stringify(check.byKind)}, ${check.missing.length} missing`,
    );
    // The load must have exercised every kind of write, not just a few.
    for (const kind of ['visit', 'done', 'start', 'save', 'submit'])
      expect(check.byKind[kind] ?? 0).toBeGreaterThan(10);
    expect(check.missing).toEqual([]);
    expect(await integrityCheck(site.databaseUrl)).toBe('ok');
  });
});
