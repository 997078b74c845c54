/**
 * Published database records as the public site shows them: the same list items, unit
 * names and searchable text as records from content files, so both look and search alike.
 */
import { units as unitsTable } from '../../../../db/schema/index';
import { yearsBetween, type RecordSummary } from '../../content/records';
import type { UnitMap } from '../../content/units';
import { UnitSchema, type Unit } from '../../schemas/unit';
import type { Practice } from '../../schemas/practice';
import type { Seminar } from '../../schemas/seminar';
import { formatDateWithPrecision, formatPeriod } from '../../shared/format';
import type { Database } from '../db';
import { parseRecordData, type RecordData, type RecordKind } from './editor-form';
import { markdownToText } from './markdown';
import { listPublishedRecords, type StoredRecord } from './records';

const SEGMENT: Record<RecordKind, string> = { seminar: 'toa-dam', practice: 'cach-lam-hay' };

/** Public URL of a published record (the same address scheme as content records). */
export function publicRecordUrl(kind: RecordKind, slug: string): string {
  return `/${SEGMENT[kind]}/${slug}/`;
}

/** URL segment of a kind ("toa-dam", "cach-lam-hay") and back. */
export function kindSegment(kind: RecordKind): string {
  return SEGMENT[kind];
}

/** The kind of a URL segment, or null. */
export function kindOfSegment(segment: string): RecordKind | null {
  return segment === 'toa-dam' ? 'seminar' : segment === 'cach-lam-hay' ? 'practice' : null;
}

/**
 * The content units plus the units created in the admin pages (which records written in
 * the browser may name), in the shape of the units data. Content units win on a clash.
 * @param database the app database
 * @param contentUnits units from src/content/units.yaml
 */
export async function publishingUnitMap(database: Database, contentUnits: UnitMap): Promise<UnitMap> {
  const rows = await database.db.select().from(unitsTable);
  const merged = new Map<string, Unit>(contentUnits);
  for (const row of rows) {
    if (merged.has(row.id)) continue;
    const parsed = UnitSchema.safeParse({
      id: row.id,
      name: row.name,
      shortName: row.shortName ?? undefined,
      kind: row.kind,
      parent: row.parentId ?? undefined,
      validFrom: row.validFrom ?? undefined,
      validTo: row.validTo ?? undefined,
      note: row.note ?? undefined,
    });
    if (parsed.success) merged.set(row.id, parsed.data);
  }
  return merged;
}

const nameOf = (units: UnitMap, id: string | undefined): string => (id ? (units.get(id)?.name ?? id) : '');

/** A published record with its validated fields. */
export interface PublishedRecord {
  stored: StoredRecord;
  slug: string;
  url: string;
  record: RecordData;
}

/** Parses a stored published record (null if its fields no longer validate or it has no slug). */
export function toPublished(stored: StoredRecord): PublishedRecord | null {
  if (!stored.slug) return null;
  const record = parseRecordData(stored.kind, stored.data);
  if (!record) return null;
  return { stored, slug: stored.slug, url: publicRecordUrl(stored.kind, stored.slug), record };
}

/** The published records of a kind (or all), parsed. */
export async function listPublished(database: Database, kind?: RecordKind): Promise<PublishedRecord[]> {
  return (await listPublishedRecords(database, kind)).map(toPublished).filter((r): r is PublishedRecord => r !== null);
}

/**
 * A published record as a list item, like the content records' summaries.
 * @param published the record
 * @param units units by id (content and database)
 */
export function summaryOf(published: PublishedRecord, units: UnitMap): RecordSummary {
  const { record, slug, url } = published;
  if (record.kind === 'seminar') {
    const d = record.data;
    return {
      kind: 'seminar',
      id: slug,
      url,
      title: d.title,
      summary: d.summary,
      unitId: d.hostUnit,
      unitName: nameOf(units, d.hostUnit),
      topics: d.topics,
      years: [d.date.getUTCFullYear()],
      dateLabel: formatDateWithPrecision(d.date, d.datePrecision),
      sortDate: d.date,
    };
  }
  const d = record.data;
  return {
    kind: 'practice',
    id: slug,
    url,
    title: d.title,
    summary: d.summary,
    unitId: d.unit,
    unitName: nameOf(units, d.unit),
    topics: d.topics,
    years: yearsBetween(d.period.from, d.period.to),
    dateLabel: formatPeriod(d.period.from, d.period.to),
    sortDate: d.period.to,
  };
}

/**
 * Published records of a kind as list items.
 * @param database the app database
 * @param kind seminar or practice
 * @param units units by id (content and database)
 */
export async function publishedSummaries(
  database: Database,
  kind: RecordKind,
  units: UnitMap,
): Promise<RecordSummary[]> {
  return (await listPublished(database, kind)).map((p) => summaryOf(p, units));
}

/**
 * Merges list items from content files and the database, newest first (ties by title).
 * @param lists the lists to merge
 */
export function mergeSummaries(...lists: RecordSummary[][]): RecordSummary[] {
  const collator = new Intl.Collator('vi');
  return lists.flat().sort((a, b) => b.sortDate.getTime() - a.sortDate.getTime() || collator.compare(a.title, b.title));
}

/** The line naming a person: "Nguyễn Văn A, Viện trưởng, VKSND huyện X". */
export function personLine(person: { name: string; position?: string; unit?: string }, units: UnitMap): string {
  return [person.name, person.position, person.unit ? nameOf(units, person.unit) : undefined]
    .filter(Boolean)
    .join(', ');
}

/**
 * Everything a reader can search in a seminar record: the same parts the content record's
 * page puts into its search text.
 */
export function seminarSearchText(data: Seminar, units: UnitMap, bodyText: string): string {
  return [
    data.title,
    data.summary,
    nameOf(units, data.hostUnit),
    personLine(data.chair, units),
    ...data.participants.map((p) => `${p.name ?? ''} ${p.role}`),
    ...data.participants.flatMap((p) => (p.unit ? [nameOf(units, p.unit)] : [])),
    ...data.difficulties,
    ...data.solutions,
    ...data.conclusions,
    ...data.followUps.map((f) => `${f.action} ${f.owner}`),
    bodyText,
  ].join('\n');
}

/** Everything a reader can search in a best-practice write-up. */
export function practiceSearchText(data: Practice, units: UnitMap, bodyText: string): string {
  return [
    data.title,
    data.summary,
    nameOf(units, data.unit),
    personLine(data.author, units),
    ...data.results.map((r) => r.label),
    ...data.difficulties,
    ...data.howToReplicate,
    bodyText,
  ].join('\n');
}

/** The searchable text of a published record (fields and the body's plain text). */
export function searchTextOf(published: PublishedRecord, units: UnitMap): string {
  const bodyText = markdownToText(published.stored.body);
  return published.record.kind === 'seminar'
    ? seminarSearchText(published.record.data, units, bodyText)
    : practiceSearchText(published.record.data, units, bodyText);
}
