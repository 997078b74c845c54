import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distDir } from '../support/server';

/**
 * On-demand pages read content metadata from disk (src/lib/server/site-content.ts); one that
 * imports `astro:content` puts every lesson's compiled MDX into the server bundle again, which
 * cost ≈ 0.6 GB of build memory at 2,000 lessons (docs/decisions/092). Reads the build under test.
 */
describe('the server bundle', () => {
  it('holds no compiled content module', () => {
    const server = path.join(distDir, 'server');
    const modules = readdirSync(server, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.mjs'))
      .map((e) => path.join(e.parentPath, e.name))
      // The prerender environment renders the content; it is deleted after the build.
      .filter((file) => !file.split(path.sep).includes('.prerender'));
    expect(modules.length).toBeGreaterThan(10);
    const withMdx = modules.filter((file) => readFileSync(file, 'utf8').includes('function MDXContent'));
    expect(withMdx.map((file) => path.relative(server, file))).toEqual([]);
  });
});
