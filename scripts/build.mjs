// `npm run build`: `astro build` (arguments passed through, e.g. `-- --outDir x`), then the
// Pagefind index in a separate process, on the project's Node 24.
// - Astro runs with the allocator settings of scripts/lib/build-env.mjs.
// - The Pagefind integration only records where the site was built (PAGEFIND_DEFER_TO); the
//   index is made once Astro has exited, so the two never hold their memory at the same time.
//   `astro build` run directly still indexes in-process.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEnv } from './lib/build-env.mjs';
import { binPath, ensureProjectNode, projectRoot, run } from './lib/runtime.mjs';

ensureProjectNode();

const deferFile = path.join(os.tmpdir(), `tap-huan-so-index-${process.pid}.json`);
rmSync(deferFile, { force: true });
const env = { ...buildEnv(), PAGEFIND_DEFER_TO: deferFile };
let code = await run(process.execPath, [binPath('astro'), 'build', ...process.argv.slice(2)], { env });
if (code === 0 && existsSync(deferFile)) {
  const { siteDir } = JSON.parse(readFileSync(deferFile, 'utf8'));
  const indexer = path.join(projectRoot, 'scripts', 'index-search.ts');
  code = await run(process.execPath, ['--import', 'tsx', indexer, siteDir], { env: process.env });
}
rmSync(deferFile, { force: true });
process.exit(code);
