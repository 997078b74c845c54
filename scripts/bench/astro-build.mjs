// Builds the site with Astro's JavaScript API into a given folder, with its own content
// cache, so a benchmark build never races the project's dist/ or node_modules/.astro.
// Usage: node scripts/bench/astro-build.mjs <outDir> <cacheDir>   (CONTENT_DIR optional)
import { build } from 'astro';
import { projectRoot } from '../lib/runtime.mjs';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) {
  console.error('Usage: node scripts/bench/astro-build.mjs <outDir> <cacheDir>');
  process.exit(1);
}
await build({ root: projectRoot, outDir, cacheDir, logLevel: 'error' });
