import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, inArray, isNull, notInArray } from 'drizzle-orm';
import { parse } from 'yaml';
import { quizVersions, quizzes } from '../../../db/schema/index';
import type { Database } from './db';
import { formatQuizFileErrors, loadQuizFiles, type LoadedQuiz } from './quiz/load-quiz-files';

/** The lessons and courses of the content, as far as quiz targets need them. */
export interface ContentTargets {
  /** Lesson id → the id of its course. */
  lessons: ReadonlyMap<string, string>;
  courses: ReadonlySet<string>;
}

/** Outcome of {@link syncQuizzes}. */
export type SyncQuizzesResult =
  { ok: true; quizzes: number; newVersions: number; retired: number } | { ok: false; problems: string[] };

const CONTENT_FILE = /\.mdx?$/i;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/**
 * Reads lesson and course ids from the content folders the way the content collections name
 * them (frontmatter `slug`, else the path without extension), with each lesson's course.
 */
export async function readContentTargets(contentDir: string): Promise<ContentTargets> {
  const lessons = new Map<string, string>();
  for (const { id, data } of await readEntries(path.join(contentDir, 'lessons'))) {
    if (typeof data.course === 'string') lessons.set(id, data.course);
  }
  const courses = new Set((await readEntries(path.join(contentDir, 'courses'))).map((e) => e.id));
  return { lessons, courses };
}

async function readEntries(dir: string): Promise<{ id: string; data: Record<string, unknown> }[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((n) => CONTENT_FILE.test(n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => {
      const source = await readFile(path.join(dir, name), 'utf8');
      const match = FRONTMATTER.exec(source);
      const data = (match ? parse(match[1]!) : null) as Record<string, unknown> | null;
      const slug = typeof data?.slug === 'string' ? data.slug : null;
      return { id: slug ?? name.replace(CONTENT_FILE, '').split(path.sep).join('/'), data: data ?? {} };
    }),
  );
}

/**
 * Makes the database agree with the quiz files: every quiz gets a row pointing at its current
 * version, every version not stored yet is inserted (versions are never changed or deleted, so
 * past attempts keep their meaning), and quizzes whose file is gone are retired (no new
 * attempts; history kept). Refuses, changing nothing, when a quiz is for a lesson or course
 * that does not exist. One write transaction.
 */
export async function syncQuizzes(
  database: Database,
  loaded: readonly LoadedQuiz[],
  targets: ContentTargets,
  now = new Date(),
): Promise<SyncQuizzesResult> {
  const problems: string[] = [];
  const courseOf = new Map<string, string>();
  for (const { id, file, quiz } of loaded) {
    const { kind, id: targetId } = quiz.for;
    const courseId =
      kind === 'lesson' ? targets.lessons.get(targetId) : targets.courses.has(targetId) ? targetId : undefined;
    if (!courseId) {
      const noun = kind === 'lesson' ? 'bài học' : 'khóa học';
      problems.push(`${file}: trường "for" trỏ tới ${noun} "${targetId}" không có trong nội dung`);
      continue;
    }
    courseOf.set(id, courseId);
  }
  if (problems.length > 0) return { ok: false, problems };

  return database.write(async (tx) => {
    const ids = loaded.map((q) => q.id);
    const existing = new Map((await tx.select().from(quizzes)).map((r) => [r.id, r]));
    // Retire first, so that live targets stay unique while rows change: quizzes whose file is
    // gone for good, and for a moment those that move to another target (two may swap).
    const retired = await tx
      .update(quizzes)
      .set({ retiredAt: now, updatedAt: now })
      .where(and(isNull(quizzes.retiredAt), ids.length > 0 ? notInArray(quizzes.id, ids) : undefined));
    const moving = loaded
      .filter(({ id, quiz }) => {
        const old = existing.get(id);
        return old && (old.targetKind !== quiz.for.kind || old.targetId !== quiz.for.id);
      })
      .map((q) => q.id);
    if (moving.length > 0) {
      await tx.update(quizzes).set({ retiredAt: now }).where(inArray(quizzes.id, moving));
    }

    let newVersions = 0;
    for (const { id, quiz, hash } of loaded) {
      const row = {
        targetKind: quiz.for.kind,
        targetId: quiz.for.id,
        courseId: courseOf.get(id)!,
        title: quiz.title,
        currentVersionHash: hash,
        retiredAt: null,
        updatedAt: now,
      };
      const old = existing.get(id);
      // Every start runs the sync: an unchanged quiz (whose version is stored) is not rewritten.
      const same =
        old?.retiredAt === null &&
        old.targetKind === row.targetKind &&
        old.targetId === row.targetId &&
        old.courseId === row.courseId &&
        old.title === row.title &&
        old.currentVersionHash === row.currentVersionHash;
      if (same) continue;
      await tx
        .insert(quizzes)
        .values({ id, ...row })
        .onConflictDoUpdate({ target: quizzes.id, set: row });
      const inserted = await tx
        .insert(quizVersions)
        .values({ quizId: id, versionHash: hash, definitionJson: quiz, createdAt: now })
        .onConflictDoNothing();
      newVersions += inserted.rowsAffected;
    }
    return { ok: true, quizzes: loaded.length, newVersions, retired: retired.rowsAffected };
  });
}

/**
 * Loads `<contentDir>/quizzes/*.yaml`, checks their targets against `<contentDir>/lessons` and
 * `<contentDir>/courses`, and syncs them (what scripts/db-prepare.ts runs on every start).
 */
export async function syncQuizzesFromContent(
  database: Database,
  contentDir = process.env.CONTENT_DIR ?? 'src/content',
): Promise<SyncQuizzesResult> {
  const loaded = await loadQuizFiles(path.join(contentDir, 'quizzes'));
  if (!loaded.ok) return { ok: false, problems: [formatQuizFileErrors(loaded.errors)] };
  return syncQuizzes(database, loaded.quizzes, await readContentTargets(contentDir));
}
