// The production server: serves a build (DIST_DIR, default dist/) on HOST:PORT (default
// localhost:4321) with compression, security headers and cache policy, and shuts down
// gracefully on SIGINT/SIGTERM. It does not touch the database: `npm start`/`npm run serve`
// (scripts/start.mjs) prepare it first and then serve through the same code.
import path from 'node:path';
import { startProductionServer } from './lib/production-server.mjs';
import { ensureProjectNode, projectRoot } from './lib/runtime.mjs';

ensureProjectNode();

const result = await startProductionServer({
  distDir: path.resolve(projectRoot, process.env.DIST_DIR ?? 'dist'),
  host: process.env.HOST || 'localhost',
  port: Number(process.env.PORT || 4321),
});
if (!result.ok) {
  console.error(result.reason);
  process.exit(1);
}
console.log(`\nTập huấn số đang chạy tại ${result.url}\n`);
