/**
 * Links of the leaders' dashboard that keep the current filters (GET query parameters with
 * the Vietnamese names of src/lib/schemas/report.ts).
 */
import type { ReportFilters } from '../../schemas/report';

/** The query parameters that express `filters` (defaults left out). */
export function filterParams(filters: Partial<ReportFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.unitId) params.set('don-vi', filters.unitId);
  if (filters.columns === 'assignment' && !filters.assignmentId) params.set('theo', 'dot-giao');
  if (filters.courseId) params.set('khoa-hoc', filters.courseId);
  if (filters.assignmentId) params.set('dot-giao', filters.assignmentId);
  if (filters.status) params.set('trang-thai', filters.status);
  if (filters.position) params.set('chuc-vu', filters.position);
  if (filters.from) params.set('tu', filters.from);
  if (filters.to) params.set('den', filters.to);
  if (filters.expanded && filters.expanded.length > 0) params.set('mo', filters.expanded.join(','));
  return params;
}

/**
 * A dashboard URL with the filters, changed by `changes` (undefined removes a filter).
 * @param path e.g. "/lanh-dao/" or "/lanh-dao/xuat/tong-hop.xlsx"
 */
export function reportHref(
  path: string,
  filters: Partial<ReportFilters>,
  changes: Partial<ReportFilters> = {},
): string {
  const query = filterParams({ ...filters, ...changes }).toString();
  return query ? `${path}?${query}` : path;
}

/** The drill-down page of a unit (the unit is in the path, not in `don-vi`). */
export function unitHref(unitId: string, filters: Partial<ReportFilters>): string {
  return reportHref(`/lanh-dao/don-vi/${encodeURIComponent(unitId)}/`, { ...filters, unitId: undefined, expanded: [] });
}

/** The record page of a person. */
export function personHref(userId: string): string {
  return `/lanh-dao/nguoi/${encodeURIComponent(userId)}/`;
}
