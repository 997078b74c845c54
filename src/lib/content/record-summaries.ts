import { formatDateWithPrecision, formatPeriod } from '../shared/format';
import { getPractices, getSeminars, practiceUrl, seminarUrl, unitName } from './collections';
import { yearsBetween, type RecordSummary } from './records';
import type { UnitMap } from './units';

/**
 * Seminar records from the content collection as list items, newest first.
 * @param units units by id
 */
export async function seminarSummaries(units: UnitMap): Promise<RecordSummary[]> {
  const seminars = await getSeminars();
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
 * Best-practice write-ups from the content collection as list items, most recent first.
 * @param units units by id
 */
export async function practiceSummaries(units: UnitMap): Promise<RecordSummary[]> {
  const practices = await getPractices();
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
