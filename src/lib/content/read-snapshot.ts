import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { QuizSchema } from '../schemas/quiz';
import type { ContentSnapshot, EntryRef } from './references';

/** The snapshot plus problems found while reading it (unparsable files, invalid quizzes). */
export type SnapshotResult = { snapshot: ContentSnapshot; problems: string[] };

const CONTENT_EXT = /\.mdx?$/;

/**
 * Reads ids and frontmatter of all content from disk, without Astro, so the reference
 * checks can run before the build renders anything and in plain Node tests.
 * Quizzes are not a content collection (their answer keys must never reach a page), so
 * this is also where their schema is checked.
 * @param rootDir the project root; file names in messages are relative to it
 * @param contentDir the content folder, relative to the root (the benchmarks build a
 *   generated corpus from another folder, like `src/content.config.ts` with CONTENT_DIR)
 */
export async function readContentSnapshot(rootDir: string, contentDir = 'src/content'): Promise<SnapshotResult> {
  const base = resolve(rootDir, contentDir);
  const problems: string[] = [];
  const rel = (path: string): string => {
    const r = relative(rootDir, path);
    return (r.startsWith('..') ? path : r).split(sep).join('/');
  };

  const readCollection = async <T>(name: string): Promise<EntryRef<T>[]> => {
    const dir = join(base, name);
    const files = (await listFiles(dir)).filter((f) => CONTENT_EXT.test(f));
    const entries: EntryRef<T>[] = [];
    for (const path of files) {
      const id = relative(dir, path).split(sep).join('/').replace(CONTENT_EXT, '');
      try {
        const data = frontmatterOf(await readFile(path, 'utf8'));
        entries.push({ id: typeof data.slug === 'string' ? data.slug : id, file: rel(path), data: data as T });
      } catch (error) {
        problems.push(`${rel(path)}: không đọc được phần đầu (frontmatter): ${messageOf(error)}`);
      }
    }
    return entries;
  };

  const units: ContentSnapshot['units'] = [];
  const unitsPath = join(base, 'units.yaml');
  try {
    const list: unknown = parseYaml(await readFile(unitsPath, 'utf8'));
    for (const item of Array.isArray(list) ? list : []) {
      const data = (item ?? {}) as Record<string, unknown>;
      const id = String(data.id ?? '');
      units.push({
        id,
        file: `${rel(unitsPath)} (đơn vị "${id}")`,
        data: data as ContentSnapshot['units'][number]['data'],
      });
    }
  } catch (error) {
    problems.push(`${rel(unitsPath)}: không đọc được: ${messageOf(error)}`);
  }

  const quizzes: ContentSnapshot['quizzes'] = [];
  const quizDir = join(base, 'quizzes');
  for (const path of (await listFiles(quizDir)).filter((f) => /\.ya?ml$/.test(f))) {
    let raw: unknown;
    try {
      raw = parseYaml(await readFile(path, 'utf8'));
    } catch (error) {
      problems.push(`${rel(path)}: không đọc được: ${messageOf(error)}`);
      continue;
    }
    const parsed = QuizSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${rel(path)}: trường "${issue.path.join('.')}" không hợp lệ: ${issue.message}`);
      }
      continue;
    }
    const id = relative(quizDir, path).replace(/\.ya?ml$/, '');
    quizzes.push({ id, file: rel(path), data: parsed.data });
  }

  const snapshot: ContentSnapshot = {
    units,
    courses: await readCollection('courses'),
    lessons: await readCollection('lessons'),
    seminars: await readCollection('seminars'),
    practices: await readCollection('practices'),
    quizzes,
  };
  return { snapshot, problems };
}

/**
 * Parses the YAML frontmatter at the top of a Markdown/MDX file.
 * @param source file content
 * @returns the frontmatter object (empty when the file has none)
 */
export function frontmatterOf(source: string): Record<string, unknown> {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
  if (!match) return {};
  const data: unknown = parseYaml(match[1] ?? '');
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
