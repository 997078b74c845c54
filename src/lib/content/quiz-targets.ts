import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { quizPageUrl } from '../shared/quiz/urls';

let targets: Promise<Set<string>> | undefined;

/**
 * `kind:id` of every lesson and course that has a quiz file, read at build time for the links
 * on prerendered pages. Only each file's `for` is read: no question or key enters the page.
 */
function quizTargets(): Promise<Set<string>> {
  targets ??= (async () => {
    const dir = path.join(process.env.CONTENT_DIR ?? 'src/content', 'quizzes');
    const names = await readdir(dir).catch(() => [] as string[]);
    const found = new Set<string>();
    for (const name of names.filter((n) => /\.ya?ml$/i.test(n))) {
      const data = parse(await readFile(path.join(dir, name), 'utf8')) as { for?: { kind?: unknown; id?: unknown } };
      if (typeof data?.for?.kind === 'string' && typeof data.for.id === 'string') {
        found.add(`${data.for.kind}:${data.for.id}`);
      }
    }
    return found;
  })();
  return targets;
}

/** URL of a lesson's quiz page, or null when the lesson has no quiz. */
export async function lessonQuizUrl(courseId: string, lessonId: string): Promise<string | null> {
  return (await quizTargets()).has(`lesson:${lessonId}`)
    ? quizPageUrl({ targetKind: 'lesson', targetId: lessonId, courseId })
    : null;
}

/** URL of a course's final quiz page, or null when the course has none. */
export async function courseQuizUrl(courseId: string): Promise<string | null> {
  return (await quizTargets()).has(`course:${courseId}`)
    ? quizPageUrl({ targetKind: 'course', targetId: courseId, courseId })
    : null;
}
