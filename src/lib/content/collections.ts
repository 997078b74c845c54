import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Unit } from '../schemas/unit';
import { compareVietnamese } from '../shared/format';
import { TOPICS } from '../shared/topics';
import { toUnitMap, unitNameAt, type UnitMap } from './units';

export type CourseEntry = CollectionEntry<'courses'>;
export type LessonEntry = CollectionEntry<'lessons'>;
export type SeminarEntry = CollectionEntry<'seminars'>;
export type PracticeEntry = CollectionEntry<'practices'>;

/** URL of a course page. */
export const courseUrl = (courseId: string): string => `/khoa-hoc/${courseId}/`;
/** URL of a lesson page. */
export const lessonUrl = (courseId: string, lessonId: string): string => `/khoa-hoc/${courseId}/${lessonId}/`;
/** URL of a seminar record. */
export const seminarUrl = (id: string): string => `/toa-dam/${id}/`;
/** URL of a best-practice write-up. */
export const practiceUrl = (id: string): string => `/cach-lam-hay/${id}/`;
/** URL of a unit page. */
export const unitUrl = (id: string): string => `/don-vi/${id}/`;

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
  const seminars = await getCollection('seminars');
  return seminars.sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || compareVietnamese(a.data.title, b.data.title),
  );
}

/** Best-practice write-ups, most recent period first. */
export async function getPractices(): Promise<PracticeEntry[]> {
  const practices = await getCollection('practices');
  return practices.sort(
    (a, b) => b.data.period.to.getTime() - a.data.period.to.getTime() || compareVietnamese(a.data.title, b.data.title),
  );
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

/**
 * The name of a unit as stored (records keep the name the unit had when they were written).
 * @param units units by id
 * @param unitId unit id
 */
export function unitName(units: UnitMap, unitId: string): string {
  return units.get(unitId)?.name ?? unitId;
}

/**
 * The name of a unit on a given day, following successors after a merger.
 * @param units units by id
 * @param unitId unit id
 * @param at the day (defaults to today)
 */
export function currentUnitName(units: UnitMap, unitId: string, at: Date = new Date()): string {
  return unitNameAt(units, unitId, at) ?? unitId;
}
