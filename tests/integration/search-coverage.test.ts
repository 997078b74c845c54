import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEXED_SECTIONS } from '../../src/integrations/pagefind';
import { distDir } from '../support/server';

/**
 * Pagefind reads only the folders in INDEXED_SECTIONS (CONTENT_PAGES_GLOB): a content page
 * built anywhere else would silently be missing from search. Reads the build under test.
 */
describe('the search index', () => {
  it('reads every built page that has a content region to index', () => {
    const client = path.join(distDir, 'client');
    const pages = readdirSync(client, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => path.relative(client, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    const withBody = pages.filter((p) => readFileSync(path.join(client, p), 'utf8').includes('data-pagefind-body'));
    expect(withBody.length).toBeGreaterThan(10);
    const outside = withBody.filter((p) => !INDEXED_SECTIONS.some((s) => p.startsWith(`${s}/`)));
    expect(outside).toEqual([]);
  });
});
