import { formatDateWithPrecision, formatPeriod } from '../shared/format';
import type { Practice } from '../schemas/practice';
import type { Seminar } from '../schemas/seminar';
import { practiceUrl, seminarUrl, unitName } from './links';
import { yearsBetween, type RecordSummary } from './records';
import type { UnitMap } from './units';

/**
 * Seminar records from content files as list items, in the order given.
 * @param seminars the entries (getSeminars, or the server's loadSiteContent)
 * @param units units by id
 */
export function seminarSummaries(seminars: readonly { id: string; data: Seminar }[], units: UnitMap): RecordSummary[] {
  return seminars.map(({ id, data }) => ({
    kind: 'seminar',
    id,
    url: seminarUrl(id),
    title: data.title,
    summary: data.summary,
    unitId: data.hostUnit,
    unitName: unitName(units, data.hostUnit),
    topics: data.topics,
    years: [data.date.getUTCFullYear()],
    dateLabel: formatDateWithPrecision(data.date, data.datePrecision),
    sortDate: data.date,
  }));
}

/**
 * Best-practice write-ups from content files as list items, in the order given.
 * @param practices the entries (getPractices, or the server's loadSiteContent)
 * @param units units by id
 */
export function practiceSummaries(
  practices: readonly { id: string; data: Practice }[],
  units: UnitMap,
): RecordSummary[] {
  return practices.map(({ id, data }) => ({
    kind: 'practice',
    id,
    url: practiceUrl(id),
    title: data.title,
    summary: data.summary,
    unitId: data.unit,
    unitName: unitName(units, data.unit),
    topics: data.topics,
    years: yearsBetween(data.period.from, data.period.to),
    dateLabel: formatPeriod(data.period.from, data.period.to),
    sortDate: data.period.to,
  }));
}
