/**
 * The search-index step of `npm run build`: indexes a built site's content pages with Pagefind,
 * in a process of its own (see DEFER_INDEX_ENV in src/integrations/pagefind.ts).
 *
 *   npx tsx scripts/index-search.ts <site folder>    # e.g. dist/client
 */
import { fileURLToPath } from 'node:url';
import { indexBuiltSite } from '../src/integrations/pagefind';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const siteDir = process.argv[2];
  if (!siteDir) {
    console.error('Cách dùng: npx tsx scripts/index-search.ts <thư mục trang đã dựng>');
    process.exit(1);
  }
  indexBuiltSite(siteDir).then(
    (message) => console.log(message),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
