// Starts the production server (scripts/serve.mjs) on a build (dist/ or $TEST_DIST), on a
// free port, against a fresh libSQL file: tests see the headers and compression users get.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Project root. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder of the build under test: `$TEST_DIST` (an absolute or root-relative path) or `dist`. */
export const distDir = path.resolve(projectRoot, process.env.TEST_DIST ?? 'dist');

/** Passphrase given to every demo account that `scripts/db-prepare.ts` seeds for tests. */
export const DEMO_PASSWORD = 'thu-nghiem-tap-huan-so-2026';

/**
 * Demo usernames by role, as seeded by `scripts/db-prepare.ts`.
 * The accounts work fills this in; tests log in with `DEMO_USERS[role]` and `DEMO_PASSWORD`.
 */
export { DEMO_USERS } from '../../db/seed/demo-accounts';

/** Options for {@link startServer}. */
export interface StartServerOptions {
  /** Extra environment for both the database preparation and the server. */
  env?: Record<string, string>;
  /** Build folder to serve, when not {@link distDir} (benchmarks serve their own builds). */
  dist?: string;
}

/** A running test server. */
export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** libSQL URL of this server's own database file. */
  databaseUrl: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** Stops the server and deletes its database. */
  stop(): Promise<void>;
}

const execFileAsync = promisify(execFile);

/** Asks the OS for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves when the child exits (immediately if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The production server script that tests run (the same one `npm start` uses). */
export const serveScript = path.join(projectRoot, 'scripts', 'serve.mjs');

/**
 * Starts the built site through {@link serveScript} on 127.0.0.1 and a free port with its
 * own temporary database, prepared by `scripts/db-prepare.ts` when that script exists
 * (migrations, units, demo accounts with {@link DEMO_PASSWORD}). Resolves once the server
 * answers HTTP.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dist = options.dist ?? distDir;
  const entry = path.join(dist, 'server', 'entry.mjs');
  if (!existsSync(entry)) {
    throw new Error(`No build at ${entry}: run "npm run build" (or "npm test", which builds first).`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'tap-huan-so-test-'));
  const databaseUrl = `file:${path.join(dir, 'test.db')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DEMO_PASSWORD,
    ...options.env,
  };

  const dbPrepare = path.join(projectRoot, 'scripts', 'db-prepare.ts');
  if (existsSync(dbPrepare)) {
    // tsx's CLI run by this very Node (24), not by whatever `node` is first on PATH.
    const tsxCli = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    await execFileAsync(process.execPath, [tsxCli, dbPrepare], { cwd: projectRoot, env, timeout: 60_000 });
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [serveScript], {
    cwd: projectRoot,
    env: { ...env, DIST_DIR: dist, HOST: '127.0.0.1', PORT: String(port), SITE_URL: env.SITE_URL ?? url },
    // Own process group, so stop() also ends anything the server spawned.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const forced = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5_000);
      await exited(child);
      clearTimeout(forced);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`Server exited before answering (code ${child.exitCode}):\n${log}`);
    }
    try {
      await fetch(`${url}/`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return { url, databaseUrl, output: () => log, stop };
    } catch {
      await sleep(100);
    }
  }
  await stop();
  throw new Error(`Server did not answer at ${url} within 30 s:\n${log}`);
}
