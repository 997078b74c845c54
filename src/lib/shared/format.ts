import type { LegalRef } from '../schemas/common';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats a date as dd/mm/yyyy.
 * Content dates are calendar days parsed as UTC midnight, so UTC fields are read:
 * local time would shift them by a day west of Greenwich.
 * @param date a Date or an ISO date string
 */
export function formatDate(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return '';
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** How much of a date is known (seminar records from news items often give only a year). */
export type DatePrecision = 'day' | 'month' | 'year';

/**
 * Formats a date as far as it is known: "12/11/2021", "tháng 11/2021" or "năm 2021".
 * @param date the date (first day of the month or year when imprecise)
 * @param precision how much of it is known
 */
export function formatDateWithPrecision(date: Date, precision: DatePrecision = 'day'): string {
  if (precision === 'year') return `năm ${date.getUTCFullYear()}`;
  if (precision === 'month') return `tháng ${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  return formatDate(date);
}

/**
 * Formats a period as "01/01/2023 – 31/12/2023".
 * @param from first day
 * @param to last day
 */
export function formatPeriod(from: Date, to: Date): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/**
 * Formats a duration in minutes in Vietnamese: "45 phút", "1 giờ", "1 giờ 30 phút".
 * @param minutes a non-negative number of minutes
 */
export function formatDuration(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} phút`;
  if (rest === 0) return `${hours} giờ`;
  return `${hours} giờ ${rest} phút`;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/**
 * Formats a number the Vietnamese way: "1.234,5".
 * @param value the number
 */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/**
 * Formats estimated hours: "4 giờ", "1,5 giờ".
 * @param hours number of hours
 */
export function formatHours(hours: number): string {
  return `${formatNumber(hours)} giờ`;
}

/**
 * Formats a file size in bytes: "850 B", "120 KB", "2,4 MB".
 * @param bytes size in bytes
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} KB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/**
 * Cites a legal document the way Vietnamese administrative texts do:
 * "Nghị quyết số 33/2021/QH15 ngày 12/11/2021 của Quốc hội".
 * @param ref the document reference (title is not part of the citation)
 */
export function formatLegalRef(ref: Pick<LegalRef, 'kind' | 'number' | 'date' | 'issuer'>): string {
  const parts = [`${ref.kind} số ${ref.number}`];
  if (ref.date) parts.push(`ngày ${formatDate(ref.date)}`);
  if (ref.issuer) parts.push(`của ${ref.issuer}`);
  return parts.join(' ');
}

/**
 * Joins labels as a Vietnamese list: "A", "A và B", "A, B và C".
 * @param items labels
 */
export function joinVietnamese(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Compares strings with Vietnamese collation (for sorting names and titles).
 * @param a first string
 * @param b second string
 */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
