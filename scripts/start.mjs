// `npm start` (after `npm run build`) and `npm run serve`: prepares the database, then
// serves the built site through the production server (scripts/lib/production-server.mjs:
// compression, security headers, cache policy, graceful shutdown).
// Runs on the project's Node 24 (re-executing itself when started with an older Node).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startProductionServer } from './lib/production-server.mjs';
import { ensureProjectNode, projectRoot, run } from './lib/runtime.mjs';

ensureProjectNode();

const distDir = path.resolve(projectRoot, process.env.DIST_DIR ?? 'dist');
const entry = path.join(distDir, 'server', 'entry.mjs');
const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT || 4321);

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

// Same process as the preparation: the server installs its own SIGINT/SIGTERM handling.
const result = await startProductionServer({ distDir, host, port });
if (!result.ok) {
  console.error(result.reason);
  process.exit(1);
}
console.log(`\nTập huấn số đang chạy tại ${result.url}\n`);
