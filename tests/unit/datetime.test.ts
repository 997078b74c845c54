import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatIsoDay } from '../../src/lib/shared/datetime';

/** What the function replaced: Intl with the IANA zone, as people in Vietnam read the time. */
const intl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function byIntl(date: Date): string {
  const p = Object.fromEntries(intl.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

describe('formatDateTime', () => {
  it('shows Vietnam time across midnight and the new year', () => {
    expect(formatDateTime(new Date('2025-12-31T17:30:00Z'))).toBe('01/01/2026 00:30');
    expect(formatDateTime(new Date('2026-03-01T16:59:59Z'))).toBe('01/03/2026 23:59');
  });

  it('agrees with the time zone database for any instant since 1976', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1976-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          expect(formatDateTime(date)).toBe(byIntl(date));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('shows a dash for a missing or invalid instant', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(new Date(Number.NaN))).toBe('—');
    expect(formatIsoDay('2025-06-30')).toBe('30/06/2025');
  });
});
