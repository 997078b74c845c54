/**
 * Vietnam's offset from UTC. Vietnam has kept UTC+7, without daylight saving, since 1975; the
 * reports' SQL and the deadline days (learning/days.ts) use the same offset. Arithmetic rather
 * than Intl: the account page formats several instants per request, and `formatToParts` was
 * 4 % of its CPU time under load.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Formats an instant as "dd/mm/yyyy HH:MM" in Vietnam time, whatever the server's or browser's zone.
 * @param date the instant; null gives "—"
 */
export function formatDateTime(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '—';
  const local = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/**
 * Formats an ISO calendar day ("2025-06-30") as "30/06/2025".
 * @param day yyyy-mm-dd; null gives "—"
 */
export function formatIsoDay(day: string | null | undefined): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return '—';
  return `${match[3]}/${match[2]}/${match[1]}`;
}
