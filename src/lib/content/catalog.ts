/**
 * What the record editors offer from the content files (lessons, practices) and what
 * published records may not take (content record ids), read from the content collections.
 * Server modules cannot import `astro:content`; pages build this and pass it down.
 */
import { getCollection } from 'astro:content';
import { compareVietnamese } from '../shared/format';
import { TOPICS } from '../shared/topics';

/** One lesson offered as a related lesson. */
export interface CatalogLesson {
  id: string;
  title: string;
  courseId: string;
  courseTitle: string;
}

/** The content the editors refer to. */
export interface ContentCatalog {
  /** Lessons, grouped by course in course order. */
  lessons: CatalogLesson[];
  /** Practices from content files, with their unit id. */
  practices: { id: string; title: string; unit: string }[];
  /** Ids of content seminar records. */
  seminarIds: string[];
}

/** Reads the catalog from the content collections. */
export async function contentCatalog(): Promise<ContentCatalog> {
  const [courses, lessons, practices, seminars] = await Promise.all([
    getCollection('courses'),
    getCollection('lessons'),
    getCollection('practices'),
    getCollection('seminars'),
  ]);
  const courseOrder = [...courses].sort(
    (a, b) =>
      TOPICS.indexOf(a.data.topic) - TOPICS.indexOf(b.data.topic) || compareVietnamese(a.data.title, b.data.title),
  );
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const ordered: CatalogLesson[] = [];
  for (const course of courseOrder) {
    for (const id of course.data.lessons) {
      const lesson = byId.get(id);
      if (lesson) ordered.push({ id, title: lesson.data.title, courseId: course.id, courseTitle: course.data.title });
    }
  }
  return {
    lessons: ordered,
    practices: practices
      .map((p) => ({ id: p.id, title: p.data.title, unit: p.data.unit }))
      .sort((a, b) => compareVietnamese(a.title, b.title)),
    seminarIds: seminars.map((s) => s.id),
  };
}
