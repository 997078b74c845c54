/**
 * What the record editors offer from the content files (lessons, practices) and what
 * published records may not take (content record ids). Built from entries the caller read
 * (on-demand pages: src/lib/server/site-content.ts), so it never imports `astro:content`.
 */
import type { Course } from '../schemas/course';
import type { Lesson } from '../schemas/lesson';
import type { Practice } from '../schemas/practice';
import type { Seminar } from '../schemas/seminar';
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

/** Content entries as both Astro's collections and the server's reader give them. */
export interface ContentEntries {
  courses: readonly { id: string; data: Course }[];
  lessons: readonly { id: string; data: Lesson }[];
  practices: readonly { id: string; data: Practice }[];
  seminars: readonly { id: string; data: Seminar }[];
}

/**
 * The catalog of the given content entries.
 * @param entries every course, lesson, practice and seminar
 */
export function buildContentCatalog({ courses, lessons, practices, seminars }: ContentEntries): ContentCatalog {
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
