import type { ContentCatalog } from '../../content/catalog';
import type { Database } from '../db';
import { listUnitTree } from '../units';
import { listPublished } from './public-records';
import type { PublishingContext } from './records';

/** Choices offered by the editors. */
export interface EditorOptions {
  /** Every unit (content and database), parents before children. */
  units: { id: string; name: string; depth: number }[];
  lessons: ContentCatalog['lessons'];
  /** Practices from content files and published in the browser. */
  practices: { id: string; title: string }[];
}

/**
 * What the workflow checks references against, and what the editors offer: units from the
 * database (content units are synced into it), lessons and practices from the content, and
 * practices already published from the browser.
 * @param database the app database
 * @param catalog the content catalog (built by a page from the collections)
 */
export async function publishingContext(
  database: Database,
  catalog: ContentCatalog,
): Promise<{ context: PublishingContext; options: EditorOptions }> {
  const units = await listUnitTree(database);
  const published = await listPublished(database, 'practice');
  const contentPracticeIds = new Set(catalog.practices.map((p) => p.id));
  const practices = [
    ...catalog.practices.map((p) => ({ id: p.id, title: p.title })),
    ...published
      .filter((p) => !contentPracticeIds.has(p.slug))
      .map((p) => ({ id: p.slug, title: p.record.data.title })),
  ];
  return {
    context: {
      refs: {
        unitIds: new Set(units.map((u) => u.id)),
        lessonIds: new Set(catalog.lessons.map((l) => l.id)),
        practiceIds: new Set(practices.map((p) => p.id)),
      },
      reservedSlugs: { seminar: new Set(catalog.seminarIds), practice: contentPracticeIds },
    },
    options: {
      units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
      lessons: catalog.lessons,
      practices,
    },
  };
}
