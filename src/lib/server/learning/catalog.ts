import { readContentSnapshot } from '../../content/read-snapshot';
import { oncePerContentRoot, type ContentRoot } from '../content-root';
import { CourseSchema } from '../../schemas/course';
import { LessonSchema } from '../../schemas/lesson';
import { buildCatalog, type CatalogCourse, type CourseCatalog } from '../../shared/learning/catalog';

export type { CatalogCourse, CatalogLesson, CourseCatalog } from '../../shared/learning/catalog';

export { contentRoot } from '../content-root';

/**
 * The course catalog read from the content files (frontmatter of courses and lessons, the
 * `for` of quizzes), once per process. Like the unit and quiz syncs, the server reads the
 * content folder it was started from, so the same code runs in pages, in the quiz submit
 * transaction and in plain Node tests (decision 050).
 * @param root project root and content folder (defaults: see {@link contentRoot})
 */
export const loadCatalog: (root?: ContentRoot) => Promise<CourseCatalog> = oncePerContentRoot(readCatalog);

async function readCatalog(rootDir: string, contentDir: string): Promise<CourseCatalog> {
  const { snapshot } = await readContentSnapshot(rootDir, contentDir);
  const lessons = new Map<string, { title: string; required: boolean; course: string }>();
  for (const entry of snapshot.lessons) {
    const parsed = LessonSchema.safeParse(entry.data);
    if (parsed.success)
      lessons.set(entry.id, { title: parsed.data.title, required: parsed.data.required, course: parsed.data.course });
  }
  const courses: CatalogCourse[] = [];
  for (const entry of snapshot.courses) {
    const parsed = CourseSchema.safeParse(entry.data);
    if (!parsed.success) continue;
    courses.push({
      id: entry.id,
      title: parsed.data.title,
      estimatedHours: parsed.data.estimatedHours,
      draft: parsed.data.draft,
      finalQuizId: null,
      lessons: parsed.data.lessons.flatMap((id) => {
        const lesson = lessons.get(id);
        // The build refuses a lesson that names another course; skip it here too.
        return lesson && lesson.course === entry.id ? [{ id, title: lesson.title, required: lesson.required }] : [];
      }),
    });
  }
  const quizzes = snapshot.quizzes.flatMap((q): { id: string; kind: 'lesson' | 'course'; targetId: string }[] => {
    const kind = q.data.for?.kind;
    const targetId = q.data.for?.id;
    return targetId && (kind === 'lesson' || kind === 'course') ? [{ id: q.id, kind, targetId }] : [];
  });
  return buildCatalog(courses, quizzes);
}
