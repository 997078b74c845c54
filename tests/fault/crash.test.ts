import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { prepareFaultSite, type FaultSite } from '../support/fault-site';
import { integrityCheck, simulateLearners, verifyAcks } from '../support/learner-sim';
import { DEMO_PASSWORD, DEMO_USERS } from '../support/server';

/**
 * Crash: the server is killed with SIGKILL in the middle of the learners' load (no graceful
 * shutdown, transactions in flight), restarted on the same database file, and the load goes
 * on; afterwards every write acknowledged before or after the crash is in the database and
 * the file passes `PRAGMA integrity_check`.
 */
const BEFORE_CRASH_S = Number(process.env.CRASH_AFTER_SECONDS ?? 10);
const AFTER_RESTART_S = Number(process.env.CRASH_RESUME_SECONDS ?? 8);

let site: FaultSite;
let server: AppProcess | null = null;

beforeAll(async () => {
  site = await prepareFaultSite({ learners: 16 });
});

afterAll(async () => {
  await server?.stop();
  await site?.cleanup();
});

describe('a server killed in the middle of the morning', () => {
  it('keeps every acknowledged write, passes the integrity check and serves again after a restart', async () => {
    server = await startAppProcess({ databaseUrl: site.databaseUrl });
    const port = Number(new URL(server.url).port);
    const crashAt = Date.now() + BEFORE_CRASH_S * 1000;
    const endAt = crashAt + AFTER_RESTART_S * 1000 + 5_000;
    let restarted = false;

    const crash = (async () => {
      await new Promise((r) => setTimeout(r, crashAt - Date.now()));
      await server!.kill('SIGKILL');
      // Same file, same port: the learners' next requests reach the new process.
      server = await startAppProcess({ databaseUrl: site.databaseUrl, port });
      restarted = true;
    })();
    const report = await simulateLearners({
      baseUrl: () => `http://127.0.0.1:${port}`,
      learners: site.learners,
      lessons: site.lessons,
      quizIds: site.quizIds,
      running: () => Date.now() < endAt,
    });
    await crash;
    expect(restarted).toBe(true);

    // The restarted server serves pages and knows sessions made before the crash.
    const home = await fetch(`${server!.url}/`);
    expect(home.status).toBe(200);
    const login = await fetch(`${server!.url}/dang-nhap/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server!.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: DEMO_USERS.learner, password: DEMO_PASSWORD }).toString(),
    });
    expect(login.status).toBe(303);
    await server!.stop();
    server = null;

    const check = await verifyAcks(site.databaseUrl, report.acks);
    console.log(
      `crash: ${report.requests} requests ${JSON.stringify(report.statuses)}, ${report.networkErrors} cut by the crash; ` +
        `acknowledged writes ${JSON.stringify(check.byKind)}, ${check.missing.length} missing`,
    );
    expect(report.serverErrors, JSON.stringify(report.serverErrors, null, 2)).toEqual([]);
    expect(report.leaks).toEqual([]);
    expect(check.byKind.done ?? 0).toBeGreaterThan(10);
    expect(check.byKind.save ?? 0).toBeGreaterThan(10);
    expect(check.missing).toEqual([]);
    expect(await integrityCheck(site.databaseUrl)).toBe('ok');
  });
});
