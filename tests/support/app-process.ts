// The production server (scripts/serve.mjs) as a child process on a database the caller
// prepared and keeps: for tests and benchmarks that restart it on the same file, kill it with
// SIGKILL, run two of them at once or profile it. (tests/support/server.ts is the simpler
// one-server-one-fresh-database helper.)
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { distDir, freePort, projectRoot, serveScript } from './server';

/** A running server process. */
export interface AppProcess {
  url: string;
  pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Sends a signal and waits for the process to end (SIGTERM: graceful; SIGKILL: a crash). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Options for {@link startAppProcess}. */
export interface AppProcessOptions {
  /** `file:` URL of an already prepared database (migrated, synced). */
  databaseUrl: string;
  /** Build to serve (default: the build under test, see tests/support/server.ts). */
  dist?: string;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Extra environment. */
  env?: Record<string, string>;
  /** Port to listen on (default: a free one); a restart can reuse the previous one. */
  port?: number;
  /** Any other script to run instead of scripts/serve.mjs (the benchmark's baseline). */
  script?: string;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the server and resolves once it answers HTTP on 127.0.0.1. */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script ?? serveScript], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DIST_DIR: options.dist ?? distDir,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      SITE_URL: url,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited(child);
    }
  };
  const stop = async () => {
    const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await kill('SIGTERM');
    clearTimeout(forced);
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Server exited before answering (code ${child.exitCode}):\n${log}`);
    }
    try {
      await fetch(`${url}/`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return { url, pid: child.pid!, output: () => log, kill, stop };
    } catch {
      await sleep(100);
    }
  }
  await stop();
  throw new Error(`Server did not answer at ${url} within 30 s:\n${log}`);
}
