// `npm test`: finds (or installs) Chromium, builds the site once, runs every Vitest project.
// Extra arguments go to `vitest run`, e.g. `npm test -- --project e2e tests/e2e/content.test.ts`.
// SKIP_BUILD=1 reuses the existing dist/ for quick reruns.
import { binPath, ensureProjectNode, npmRun, run } from './lib/runtime.mjs';
import { CHROMIUM_HELP, ensureChromium } from './lib/chromium.mjs';

ensureProjectNode();

const chromium = ensureChromium();
if (!chromium.ok) {
  console.error(`\n${chromium.reason}\n\n${CHROMIUM_HELP}\n`);
  process.exit(1);
}
console.log(`Chromium: ${chromium.path}`);
const env = { ...process.env, CHROMIUM_PATH: chromium.path };

if (process.env.SKIP_BUILD !== '1') {
  const started = Date.now();
  // `npm run build` rather than `astro build`: whatever the build script adds (the search
  // index) must be in the site we test.
  const code = await npmRun('build', env);
  if (code !== 0) {
    console.error('Dựng trang thất bại: không chạy kiểm thử.');
    process.exit(code);
  }
  console.log(`Build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

process.exit(await run(process.execPath, [binPath('vitest'), 'run', ...process.argv.slice(2)], { env }));
