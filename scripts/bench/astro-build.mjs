// Builds the site with Astro's JavaScript API into a given folder, with its own content
// cache, so a benchmark build never races the project's dist/ or node_modules/.astro.
// Prints one `BENCH_PHASE <hook> <ms since start>` line per build hook, so the benchmark can
// split the time: content sync and checks, the bundles, prerendering, then the
// `astro:build:done` hooks (the Pagefind index).
// Usage: node scripts/bench/astro-build.mjs <outDir> <cacheDir>   (CONTENT_DIR optional)
// Start it with the environment of scripts/lib/build-env.mjs, as `npm run build` does.
import { build } from 'astro';
import { projectRoot } from '../lib/runtime.mjs';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  console.error('Usage: node scripts/bench/astro-build.mjs <outDir> <cacheDir>');
  process.exit(1);
}

const started = performance.now();
/** @param {string} hook */
const mark = (hook) => console.log(`BENCH_PHASE ${hook} ${Math.round(performance.now() - started)}`);
// Registered after the project's integrations, so its `astro:build:done` runs after Pagefind's.
const phases = {
  name: 'bench-phases',
  hooks: {
    'astro:config:done': () => mark('config-done'),
    'astro:build:start': () => mark('build-start'),
    'astro:build:ssr': () => mark('bundled'),
    'astro:build:generated': () => mark('generated'),
    'astro:build:done': () => mark('done'),
  },
};
await build({ root: projectRoot, outDir, cacheDir, logLevel: 'error', integrations: [phases] });
mark('exit');
