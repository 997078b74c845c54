import { resolve } from 'node:path';

/** The project root and the content folder (relative to it) the server reads. */
export interface ContentRoot {
  rootDir: string;
  contentDir: string;
}

/** Where the content lives: `$CONTENT_DIR` (the benchmarks' corpus) or src/content, from the working directory. */
export function contentRoot(): ContentRoot {
  return { rootDir: process.cwd(), contentDir: process.env.CONTENT_DIR ?? 'src/content' };
}

/**
 * `read` run once per content folder and process; a failed read is forgotten, so the next
 * call tries again.
 * @param read reads what the server needs from the content files
 */
export function oncePerContentRoot<T>(
  read: (rootDir: string, contentDir: string) => Promise<T>,
): (root?: ContentRoot) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (root = contentRoot()) => {
    const key = resolve(root.rootDir, root.contentDir);
    let loading = cache.get(key);
    if (!loading) {
      loading = read(root.rootDir, root.contentDir).catch((error: unknown) => {
        cache.delete(key);
        throw error;
      });
      cache.set(key, loading);
    }
    return loading;
  };
}
