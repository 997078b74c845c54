// Helpers shared by the command scripts (start, test, bench). Plain ESM so that they run
// before anything is compiled, on whichever Node the user typed `node` with.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the project root (the folder holding package.json). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Node 24 binary that the `node` devDependency installs. */
export const localNode = path.join(projectRoot, 'node_modules', 'node', 'bin', 'node');

/** Oldest Node major version that Astro 7 and Vitest 5 accept. */
const MIN_NODE_MAJOR = 24;

/**
 * Re-runs the current script on the project's own Node 24 when started with an older one
 * (the machine's Node 20 when someone types `node scripts/x.mjs` instead of `npm run x`).
 * Returns only when the current Node is recent enough.
 */
export function ensureProjectNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return;
  if (!existsSync(localNode)) {
    console.error(
      `Cần Node ${MIN_NODE_MAJOR} trở lên (đang chạy ${process.version}). Hãy chạy "npm install" trước: ` +
        'gói "node" trong devDependencies sẽ cài Node 24 vào node_modules.',
    );
    process.exit(1);
  }
  const result = spawnSync(localNode, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

/**
 * Absolute path of a package's executable, resolved from its package.json `bin` field,
 * so that we can run it with `process.execPath` rather than whatever `node` is on PATH.
 * @param {string} pkg package name, e.g. "astro"
 * @param {string} [bin] bin name when it differs from the package name
 * @returns {string}
 */
export function binPath(pkg, bin = pkg) {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const manifestPath = require.resolve(`${pkg}/package.json`);
  /** @type {{ bin?: string | Record<string, string> }} */
  const manifest = require(manifestPath);
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`Package ${pkg} has no bin named ${bin}`);
  return path.join(path.dirname(manifestPath), rel);
}

/**
 * Runs a command with inherited stdio and resolves with its exit code. While it runs,
 * SIGINT/SIGTERM received by this process are forwarded to it instead of killing us first,
 * so that the child can shut down cleanly and its exit code is the one we report.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: projectRoot, ...options });
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/**
 * Runs `npm run <script>` (npm puts node_modules/.bin, hence Node 24, first on PATH).
 * @param {string} script
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
export function npmRun(script, env = process.env) {
  // npm_execpath is set when we were started by npm; reuse that npm rather than guessing.
  const npmCli = process.env.npm_execpath;
  if (npmCli && npmCli.endsWith('.js')) {
    return run(process.execPath, [npmCli, 'run', script], { env });
  }
  return run('npm', ['run', script], { env });
}
