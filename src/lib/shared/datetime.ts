/** Vietnam's time zone: account times are shown as people there read them, whatever the server's zone. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Formats an instant as "dd/mm/yyyy HH:MM" in Vietnam time.
 * @param date the instant; null gives "—"
 */
export function formatDateTime(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '—';
  const found: Record<string, string> = {};
  for (const part of parts.formatToParts(date)) found[part.type] = part.value;
  return `${found.day}/${found.month}/${found.year} ${found.hour}:${found.minute}`;
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
