import type { Practice } from '../schemas/practice';
import type { Seminar } from '../schemas/seminar';
import { compareVietnamese } from '../shared/format';

/** Seminar records, newest first, then by title. */
export function newestSeminarFirst(a: { data: Seminar }, b: { data: Seminar }): number {
  return b.data.date.getTime() - a.data.date.getTime() || compareVietnamese(a.data.title, b.data.title);
}

/** Best-practice write-ups, most recent period first, then by title. */
export function latestPracticeFirst(a: { data: Practice }, b: { data: Practice }): number {
  return b.data.period.to.getTime() - a.data.period.to.getTime() || compareVietnamese(a.data.title, b.data.title);
}
