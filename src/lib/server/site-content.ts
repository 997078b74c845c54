import { buildContentCatalog, type ContentCatalog } from '../content/catalog';
import { readContentSnapshot } from '../content/read-snapshot';
import { latestPracticeFirst, newestSeminarFirst } from '../content/order';
import { toUnitMap, type UnitMap } from '../content/units';
import { CourseSchema, type Course } from '../schemas/course';
import { LessonSchema, type Lesson } from '../schemas/lesson';
import { PracticeSchema, type Practice } from '../schemas/practice';
import { SeminarSchema, type Seminar } from '../schemas/seminar';
import { UnitSchema, type Unit } from '../schemas/unit';
import { oncePerContentRoot, type ContentRoot } from './content-root';

/** The content files' entries, parsed with the collections' own schemas. */
export interface SiteContent {
  courses: { id: string; data: Course }[];
  lessons: { id: string; data: Lesson }[];
  /** Newest first. */
  seminars: { id: string; data: Seminar }[];
  /** Most recent period first. */
  practices: { id: string; data: Practice }[];
  units: Unit[];
  unitMap: UnitMap;
  /** What the record editors offer and what published records may not take. */
  catalog: ContentCatalog;
}

/**
 * The content files' frontmatter for on-demand pages, read from disk once per process, like
 * the course catalog (decision 050). On-demand pages use this instead of `astro:content`,
 * whose import puts every lesson's compiled MDX into the server bundle
 * (docs/decisions/092-server-pages-without-astro-content.md). The build has already refused
 * invalid entries, so one that fails its schema here is skipped.
 * @param root project root and content folder (default: see contentRoot)
 */
export const loadSiteContent: (root?: ContentRoot) => Promise<SiteContent> = oncePerContentRoot(readSiteContent);

function parsed<T>(
  entries: readonly { id: string; data: unknown }[],
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } },
): { id: string; data: T }[] {
  return entries.flatMap((entry) => {
    const result = schema.safeParse(entry.data);
    return result.success ? [{ id: entry.id, data: result.data }] : [];
  });
}

async function readSiteContent(rootDir: string, contentDir: string): Promise<SiteContent> {
  const { snapshot } = await readContentSnapshot(rootDir, contentDir);
  const courses = parsed(snapshot.courses, CourseSchema);
  const lessons = parsed(snapshot.lessons, LessonSchema);
  const seminars = parsed(snapshot.seminars, SeminarSchema).sort(newestSeminarFirst);
  const practices = parsed(snapshot.practices, PracticeSchema).sort(latestPracticeFirst);
  const units = parsed(snapshot.units, UnitSchema).map((u) => u.data);
  return {
    courses,
    lessons,
    seminars,
    practices,
    units,
    unitMap: toUnitMap(units),
    catalog: buildContentCatalog({ courses, lessons, practices, seminars }),
  };
}
