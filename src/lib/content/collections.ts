import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Unit } from '../schemas/unit';
import { compareVietnamese } from '../shared/format';
import { TOPICS } from '../shared/topics';
import { latestPracticeFirst, newestSeminarFirst } from './order';
import { toUnitMap, type UnitMap } from './units';

export type CourseEntry = CollectionEntry<'courses'>;
export type LessonEntry = CollectionEntry<'lessons'>;
export type SeminarEntry = CollectionEntry<'seminars'>;
export type PracticeEntry = CollectionEntry<'practices'>;

export { courseUrl, currentUnitName, lessonUrl, practiceUrl, seminarUrl, unitName, unitUrl } from './links';

/**
 * Published courses, ordered by topic (the order of the five practices) then title.
 */
export async function getCourses(): Promise<CourseEntry[]> {
  const courses = await getCollection('courses', (c) => !c.data.draft);
  return courses.sort(
    (a, b) =>
      TOPICS.indexOf(a.data.topic) - TOPICS.indexOf(b.data.topic) || compareVietnamese(a.data.title, b.data.title),
  );
}

/**
 * One course by id, drafts included (for previews by direct URL).
 * @param courseId course id
 */
export async function getCourse(courseId: string): Promise<CourseEntry | undefined> {
  return getEntry('courses', courseId);
}

/**
 * The lessons of a course in the course's order (the build checks that lessons and course agree).
 * @param course the course entry
 */
export async function getLessonsOfCourse(course: CourseEntry): Promise<LessonEntry[]> {
  const lessons = await getCollection('lessons', (l) => l.data.course === course.id);
  const byId = new Map(lessons.map((l) => [l.id, l]));
  return course.data.lessons.map((id) => byId.get(id)).filter((l): l is LessonEntry => l !== undefined);
}

/** All lessons, unordered. */
export async function getLessons(): Promise<LessonEntry[]> {
  return getCollection('lessons');
}

/**
 * Lessons by id, for resolving `relatedLessons` and `prerequisites`.
 * @param ids lesson ids
 */
export async function getLessonsByIds(ids: readonly string[]): Promise<LessonEntry[]> {
  if (ids.length === 0) return [];
  const all = await getCollection('lessons');
  const byId = new Map(all.map((l) => [l.id, l]));
  return ids.map((id) => byId.get(id)).filter((l): l is LessonEntry => l !== undefined);
}

/** Seminar records, newest first. */
export async function getSeminars(): Promise<SeminarEntry[]> {
  return (await getCollection('seminars')).sort(newestSeminarFirst);
}

/** Best-practice write-ups, most recent period first. */
export async function getPractices(): Promise<PracticeEntry[]> {
  return (await getCollection('practices')).sort(latestPracticeFirst);
}

/**
 * Practices by id, for resolving `relatedPractices`.
 * @param ids practice ids
 */
export async function getPracticesByIds(ids: readonly string[]): Promise<PracticeEntry[]> {
  if (ids.length === 0) return [];
  const all = await getCollection('practices');
  const byId = new Map(all.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is PracticeEntry => p !== undefined);
}

/** All units from `src/content/units.yaml`. */
export async function getUnits(): Promise<Unit[]> {
  const entries = await getCollection('units');
  return entries.map((e) => e.data);
}

/** Units indexed by id. */
export async function getUnitMap(): Promise<UnitMap> {
  return toUnitMap(await getUnits());
}
