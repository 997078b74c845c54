/**
 * Counting people by assignment status for the leaders' dashboard. The statuses and their
 * labels are those of progress tracking (src/lib/shared/learning/assignment-status.ts); this
 * file only adds counting and the filter slugs.
 */
import type { StatusFilterSlug } from '../../schemas/report';
import { ASSIGNMENT_STATUS_LABELS, type AssignmentStatus } from '../learning/assignment-status';

export { ASSIGNMENT_STATUS_LABELS as STATUS_LABELS };
export type { AssignmentStatus };

/** Statuses in the order tables show them, from done to not started. */
export const STATUS_ORDER: readonly AssignmentStatus[] = [
  'completed-on-time',
  'completed-late',
  'in-progress',
  'not-started',
  'overdue',
];

/** Statuses each filter choice selects. */
export const STATUS_FILTERS: Readonly<Record<StatusFilterSlug, { label: string; statuses: AssignmentStatus[] }>> = {
  'hoan-thanh': { label: 'Đã hoàn thành (đúng hạn và muộn)', statuses: ['completed-on-time', 'completed-late'] },
  'dung-han': { label: 'Hoàn thành đúng hạn', statuses: ['completed-on-time'] },
  muon: { label: 'Hoàn thành muộn', statuses: ['completed-late'] },
  'dang-hoc': { label: 'Đang học', statuses: ['in-progress'] },
  'chua-bat-dau': { label: 'Chưa bắt đầu', statuses: ['not-started'] },
  'qua-han': { label: 'Quá hạn', statuses: ['overdue'] },
};

/** People counted per status, with their total. */
export type StatusCounts = Record<AssignmentStatus, number> & { total: number };

/** Zero for every status. */
export function emptyCounts(): StatusCounts {
  return { 'completed-on-time': 0, 'completed-late': 0, 'in-progress': 0, 'not-started': 0, overdue: 0, total: 0 };
}

/** Adds `from` into `into` (mutates and returns `into`). */
export function addCounts(into: StatusCounts, from: Readonly<StatusCounts>): StatusCounts {
  for (const status of STATUS_ORDER) into[status] += from[status];
  into.total += from.total;
  return into;
}

/** People who completed, on time or late. */
export function completedCount(counts: Readonly<StatusCounts>): number {
  return counts['completed-on-time'] + counts['completed-late'];
}

/** People with one of `statuses`. */
export function countOf(counts: Readonly<StatusCounts>, statuses: readonly AssignmentStatus[]): number {
  return statuses.reduce((sum, s) => sum + counts[s], 0);
}

/**
 * A share as a percentage with one decimal (0 when there is nobody to count).
 * @param part people counted
 * @param whole everyone
 */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** "66,7%" (Vietnamese decimal comma); "—" when there is nobody to count. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${percentFormat.format(percent(part, whole))}%`;
}

/** The statuses a filter selects; without a filter, all of them. */
export function statusesOf(slug: StatusFilterSlug | undefined): AssignmentStatus[] {
  return slug ? STATUS_FILTERS[slug].statuses : [...STATUS_ORDER];
}

/** What the matrix measures: the filtered statuses, or completion when no status is chosen. */
export function measuredStatuses(slug: StatusFilterSlug | undefined): AssignmentStatus[] {
  return slug ? STATUS_FILTERS[slug].statuses : ['completed-on-time', 'completed-late'];
}

/** Label of what the matrix measures. */
export function measureLabel(slug: StatusFilterSlug | undefined): string {
  return slug ? STATUS_FILTERS[slug].label : 'Đã hoàn thành';
}
