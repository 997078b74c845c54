import { getDatabase } from '../db';

/** SEARCH_INDEX_CHECK_MS shortens the interval (tests of several instances). */
const CHECK_INTERVAL_MS = Number(process.env.SEARCH_INDEX_CHECK_MS) || 15_000;
let lastCheck = 0;

/**
 * Checks at most every 15 s, without making the caller wait, that this server's search
 * index is as new as the published set in the database (another instance may have
 * published, or a new build may have been deployed after publications); rebuilds if not.
 * Middleware calls it on server-rendered requests. Pagefind is loaded only when needed.
 */
export function scheduleSearchIndexCheck(): void {
  const now = Date.now();
  if (now - lastCheck < CHECK_INTERVAL_MS) return;
  lastCheck = now;
  void (async () => {
    const [{ ensureSearchIndexFresh }, database] = await Promise.all([import('./search-index'), getDatabase()]);
    const result = await ensureSearchIndexFresh(database);
    if (result && !result.ok) console.error(`Không cập nhật được chỉ mục tìm kiếm: ${result.errors.join('; ')}`);
  })().catch((error: unknown) => console.error('Không kiểm tra được chỉ mục tìm kiếm:', error));
}
