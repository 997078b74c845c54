// The servers the benchmark loads: the production server (scripts/serve.mjs, what `npm run
// serve` runs after preparing the database) and the bare baseline, each on a free port and a
// database prepared beforehand (tests/support/app-process.ts starts them).
import path from 'node:path';
import { startAppProcess, type AppProcess } from '../../tests/support/app-process';
import { projectRoot } from '../../tests/support/server';

export type BenchProcess = AppProcess;

/**
 * The production server on `dist`, using the already prepared database `databaseUrl`.
 * @param nodeArgs extra Node flags, e.g. `--cpu-prof`
 */
export function startApp(dist: string, databaseUrl: string, nodeArgs: string[] = []): Promise<BenchProcess> {
  return startAppProcess({ dist, databaseUrl, nodeArgs });
}

/** The bare `node:http` + libSQL baseline (scripts/bench/baseline-server.mjs). */
export function startBaseline(databaseUrl: string, catalogFile: string): Promise<BenchProcess> {
  return startAppProcess({
    databaseUrl,
    script: path.join(projectRoot, 'scripts', 'bench', 'baseline-server.mjs'),
    env: { CATALOG: catalogFile },
  });
}
