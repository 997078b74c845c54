// Finding (and on CI machines installing) the Chromium that browser tests and the
// page-weight benchmark drive through playwright-core. Playwright's own browser download
// cannot reach its CDN on these machines, so we use Debian's `chromium` package.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

/** Where Debian and Ubuntu put the browser. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {{ ok: true; path: string } | { ok: false; reason: string }} ChromiumLookup
 */

/**
 * Finds Chromium: `CHROMIUM_PATH` if set (it must exist), else the Debian locations.
 * @returns {ChromiumLookup}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return isExecutable(fromEnv)
      ? { ok: true, path: fromEnv }
      : { ok: false, reason: `CHROMIUM_PATH=${fromEnv} không phải là tệp chạy được.` };
  }
  const found = CANDIDATES.find(isExecutable);
  return found ? { ok: true, path: found } : { ok: false, reason: 'Không tìm thấy Chromium (/usr/bin/chromium).' };
}

/** How to get a browser, shown whenever we cannot find or install one. */
export const CHROMIUM_HELP = [
  'Kiểm thử trình duyệt cần Chromium. Cài bằng một trong hai cách:',
  '  sudo apt-get install chromium          (Debian/Ubuntu)',
  '  CHROMIUM_PATH=/đường/dẫn/tới/chromium npm test   (dùng bản Chromium sẵn có)',
].join('\n');

/** Whether a command can be started (poppler's tools answer `-v`). */
function hasCommand(/** @type {string} */ command) {
  return spawnSync(command, ['-v'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Finds Chromium, installing Debian's package when we run as root with apt-get available
 * (CI containers and fresh machines of this kind). Also installs poppler-utils there, whose
 * pdftotext/pdftoppm the certificate and report tests use to read and rasterise PDFs.
 * Never prompts.
 * @returns {ChromiumLookup}
 */
export function ensureChromium() {
  const first = findChromium();
  const packages = [];
  if (!first.ok && !process.env.CHROMIUM_PATH) packages.push('chromium');
  if (!hasCommand('pdftoppm') || !hasCommand('pdftotext')) packages.push('poppler-utils');
  if (packages.length === 0 || (first.ok === false && process.env.CHROMIUM_PATH)) return first;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    if (first.ok) {
      console.warn(`Thiếu ${packages.join(', ')}: các kiểm thử đọc PDF sẽ thất bại (cần quyền root và apt-get để tự cài).`);
      return first;
    }
    return { ok: false, reason: `${first.reason} Không tự cài được (cần quyền root và apt-get).` };
  }
  console.log(`Đang cài ${packages.join(', ')} bằng apt-get (một lần, vài phút)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt run (e.g. unattended upgrades) may hold the lock: wait for it instead of failing.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  const steps = [
    ['apt-get', [...lockWait, 'update']],
    ['apt-get', [...lockWait, 'install', '-y', ...packages]],
  ];
  for (const [cmd, args] of /** @type {[string, string[]][]} */ (steps)) {
    const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (res.status !== 0) {
      return { ok: false, reason: `Lệnh "${cmd} ${args.join(' ')}" thất bại (mã ${res.status}).` };
    }
  }
  return findChromium();
}
