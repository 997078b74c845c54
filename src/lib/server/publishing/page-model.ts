import type { ContentCatalog } from '../../content/catalog';
import type { UnitMap } from '../../content/units';
import type { Database } from '../db';
import { parseRecordData, type RecordData } from './editor-form';
import { markdownToText, renderMarkdown } from './markdown';
import { listPublished, publicRecordUrl, publishingUnitMap } from './public-records';
import { listAttachments, type StoredRecord } from './records';

/** What a record page built from a database record shows (the same layout as content records). */
export interface RecordPageModel {
  record: RecordData;
  units: UnitMap;
  /** Sanitised HTML of the Markdown body. */
  bodyHtml: string;
  /** Plain text of the body (search metadata). */
  bodyText: string;
  lessons: { href: string; title: string }[];
  practices: { href: string; title: string; note?: string }[];
  attachments: {
    id: string;
    kind: 'image' | 'pdf';
    alt: string;
    size: number;
    width: number | null;
    height: number | null;
  }[];
}

/**
 * Everything the record page needs for a stored record, or null when its fields do not
 * validate (an incomplete draft).
 * @param database the app database
 * @param stored the record
 * @param contentUnits units from the content collection (names as the content pages show them)
 * @param catalog lessons and practices from the content
 */
export async function recordPageModel(
  database: Database,
  stored: StoredRecord,
  contentUnits: UnitMap,
  catalog: ContentCatalog,
): Promise<RecordPageModel | null> {
  const record = parseRecordData(stored.kind, stored.data);
  if (!record) return null;
  const units = await publishingUnitMap(database, contentUnits);
  const lessonsById = new Map(catalog.lessons.map((l) => [l.id, l]));
  const lessons = record.data.relatedLessons.flatMap((id) => {
    const lesson = lessonsById.get(id);
    return lesson ? [{ href: `/khoa-hoc/${lesson.courseId}/${lesson.id}/`, title: lesson.title }] : [];
  });
  let practices: RecordPageModel['practices'] = [];
  if (record.kind === 'seminar' && record.data.relatedPractices.length > 0) {
    const published = new Map((await listPublished(database, 'practice')).map((p) => [p.slug, p]));
    const content = new Map(catalog.practices.map((p) => [p.id, p]));
    practices = record.data.relatedPractices.flatMap((id) => {
      const fromContent = content.get(id);
      if (fromContent)
        return [
          { href: publicRecordUrl('practice', id), title: fromContent.title, note: units.get(fromContent.unit)?.name },
        ];
      const fromDb = published.get(id);
      if (fromDb?.record.kind === 'practice')
        return [
          {
            href: fromDb.url,
            title: fromDb.record.data.title,
            note: units.get(fromDb.record.data.unit)?.name,
          },
        ];
      return [];
    });
  }
  const attachments = (await listAttachments(database, stored.id)).map((a) => ({
    id: a.id,
    kind: a.kind,
    alt: a.alt,
    size: a.size,
    width: a.pageWidth,
    height: a.pageHeight,
  }));
  return {
    record,
    units,
    bodyHtml: renderMarkdown(stored.body),
    bodyText: markdownToText(stored.body),
    lessons,
    practices,
    attachments,
  };
}
