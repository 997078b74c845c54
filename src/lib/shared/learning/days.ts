/**
 * Calendar days in Vietnam time (UTC+7, no daylight saving). Deadlines are days a leader
 * picks ("đến hết ngày 30/06/2026"); completion dates are instants shown as the day they fell on
 * in Vietnam, whatever the server's own time zone.
 */

/** Vietnam's offset from UTC; the country has not used daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `day` is a real calendar day written yyyy-mm-dd. */
export function isIsoDay(day: string): boolean {
  const match = ISO_DAY.exec(day);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The first instant after a deadline day in Vietnam: work done before it is on time.
 * @param day yyyy-mm-dd (inclusive last day)
 */
export function deadlineEnd(day: string): Date {
  const match = ISO_DAY.exec(day);
  if (!match) throw new Error(`Not a yyyy-mm-dd day: ${day}`);
  const midnightUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1);
  return new Date(midnightUtc - VIETNAM_OFFSET_MS);
}

/**
 * The calendar day (yyyy-mm-dd) an instant falls on in Vietnam.
 * @param instant the instant
 */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Formats the Vietnam day of an instant as dd/mm/yyyy.
 * @param instant the instant; null gives "—"
 */
export function formatVietnamDate(instant: Date | null | undefined): string {
  if (!instant || Number.isNaN(instant.getTime())) return '—';
  const [y, m, d] = vietnamDay(instant).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Formats a yyyy-mm-dd day as dd/mm/yyyy.
 * @param day the day
 */
export function formatDay(day: string): string {
  const match = ISO_DAY.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

/**
 * Whole Vietnam calendar days from `now`'s day to `day` (0 = today, negative = past).
 * @param day yyyy-mm-dd
 * @param now the current instant
 */
export function daysUntil(day: string, now: Date): number {
  const target = Date.parse(`${day}T00:00:00Z`);
  const today = Date.parse(`${vietnamDay(now)}T00:00:00Z`);
  return Math.round((target - today) / DAY_MS);
}
