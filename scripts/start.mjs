// `npm start` (after `npm run build`): prepares the database, then serves the built site.
// Runs on the project's Node 24 (re-executing itself when started with an older Node).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureProjectNode, projectRoot, run } from './lib/runtime.mjs';

ensureProjectNode();

const distDir = path.resolve(projectRoot, process.env.DIST_DIR ?? 'dist');
const entry = path.join(distDir, 'server', 'entry.mjs');
const host = process.env.HOST || 'localhost';
const port = process.env.PORT || '4321';

if (!existsSync(entry)) {
  console.error(`Chưa có bản dựng (${path.relative(projectRoot, entry)}). Hãy chạy "npm run build" hoặc "npm start".`);
  process.exit(1);
}

// The accounts work owns this script: migrate, sync units, seed demo accounts on first start.
const dbPrepare = path.join(projectRoot, 'scripts', 'db-prepare.ts');
if (existsSync(dbPrepare)) {
  const code = await run(process.execPath, ['--import', 'tsx', dbPrepare]);
  if (code !== 0) {
    console.error('Chuẩn bị cơ sở dữ liệu thất bại: máy chủ không được khởi động.');
    process.exit(code);
  }
}

/** Host to show to people and to probe: a wildcard address is reached through localhost. */
function reachableHost(/** @type {string} */ h) {
  if (h === '0.0.0.0' || h === '::' || h === '[::]') return 'localhost';
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
}
const address = `http://${reachableHost(host)}:${port}`;

const server = spawn(process.execPath, [entry], {
  cwd: projectRoot,
  stdio: 'inherit',
  env: { ...process.env, HOST: host, PORT: port },
});
let exited = false;
server.on('exit', (code, signal) => {
  exited = true;
  process.exit(code ?? (signal ? 0 : 1));
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (!exited) server.kill(signal);
  });
}

// Announce the address only once the server really answers.
for (let attempt = 0; attempt < 600 && !exited; attempt++) {
  try {
    await fetch(address, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
    console.log(`\nTập huấn số đang chạy tại ${address}\n`);
    break;
  } catch {
    await sleep(100);
  }
}
