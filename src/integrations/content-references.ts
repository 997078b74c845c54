import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { findBrokenReferences } from '../lib/content/references';
import { readContentSnapshot } from '../lib/content/read-snapshot';

/**
 * Runs every cross-content check for a project: unreadable files, invalid quizzes and
 * broken references.
 * @param rootDir project root
 * @param contentDir content folder relative to the root (defaults to CONTENT_DIR or src/content)
 * @returns one Vietnamese message per problem, naming the file and the field
 */
export async function checkContentReferences(
  rootDir: string,
  contentDir = process.env.CONTENT_DIR ?? 'src/content',
): Promise<string[]> {
  const { snapshot, problems } = await readContentSnapshot(rootDir, contentDir);
  return [...problems, ...findBrokenReferences(snapshot).map((e) => e.message)];
}

/**
 * Astro integration that fails the build when content references are broken,
 * and warns about them in `astro dev`.
 */
export function contentReferences(): AstroIntegration {
  let rootDir = process.cwd();
  return {
    name: 'tap-huan-so:content-references',
    hooks: {
      'astro:config:done': ({ config }) => {
        rootDir = fileURLToPath(config.root);
      },
      'astro:build:start': async ({ logger }) => {
        const problems = await checkContentReferences(rootDir);
        if (problems.length === 0) {
          logger.info('Tham chiếu nội dung hợp lệ.');
          return;
        }
        throw new Error(
          `Nội dung có ${problems.length} lỗi tham chiếu:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      },
      'astro:server:setup': async ({ logger }) => {
        const problems = await checkContentReferences(rootDir);
        for (const p of problems) logger.warn(p);
      },
    },
  };
}
