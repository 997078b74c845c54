import { parseReportDocument, parseReportFilters, type ReportFilters } from '../../schemas/report';
import { requireRole } from '../authz';
import { getDatabase, type Database } from '../db';
import type { SessionUser } from '../session';
import { buildPrintedReport, PRINTED_OVERDUE_LIMIT, type PrintedReport } from './printed';
import { listPersonStatuses, loadReport, type ReportData, type ReportOptions } from './report';

/** Outcome of {@link reportForRequest}: the data, or why not with Vietnamese messages. */
export type ReportRequestResult =
  | { ok: true; user: SessionUser; database: Database; data: ReportData; filters: ReportFilters }
  | { ok: false; status: 400 | 401 | 403 | 404; messages: string[] };

/**
 * What every dashboard page, export and report route does first: the leader or admin role,
 * the filters validated by ReportFiltersSchema, then the scope check and the data (loadReport).
 * @param locals the request's locals (user from the session)
 * @param params the query parameters
 * @param unitId a unit given in the path (drill-down), which replaces `don-vi`
 */
export async function reportForRequest(
  locals: App.Locals,
  params: URLSearchParams,
  unitId?: string,
  options: ReportOptions = {},
): Promise<ReportRequestResult> {
  const guard = requireRole(locals, 'leader', 'admin');
  if (!guard.ok)
    return {
      ok: false,
      status: guard.status,
      messages: [guard.status === 401 ? 'Bạn cần đăng nhập.' : 'Tài khoản của bạn không có quyền xem báo cáo.'],
    };
  const parsed = parseReportFilters(params);
  if (!parsed.ok) return { ok: false, status: 400, messages: parsed.errors };
  const filters = unitId === undefined ? parsed.filters : { ...parsed.filters, unitId };
  const database = await getDatabase();
  const result = await loadReport(database, guard.user, filters, options);
  if (!result.ok) return { ok: false, status: result.status, messages: [result.message] };
  return { ok: true, user: guard.user, database, data: result.data, filters };
}

/** A plain-text refusal for download routes (browsers show it; scripts read the status). */
export function textRefusal(status: number, messages: string[]): Response {
  return new Response(`${messages.join('\n')}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' },
  });
}

/** Outcome of {@link printedReportForRequest}. */
export type PrintedRequestResult =
  | { ok: true; report: PrintedReport; data: ReportData }
  | { ok: false; status: 400 | 401 | 403 | 404; messages: string[] };

/**
 * The printed report for a request: the dashboard's checks and data, the most overdue people,
 * and the administrative details validated by ReportDocumentSchema.
 */
export async function printedReportForRequest(
  locals: App.Locals,
  params: URLSearchParams,
  options: ReportOptions = {},
): Promise<PrintedRequestResult> {
  const result = await reportForRequest(locals, params, undefined, options);
  if (!result.ok) return result;
  const document = parseReportDocument(params);
  if (!document.ok) return { ok: false, status: 400, messages: document.errors };
  const overdue = await listPersonStatuses(result.database, result.data, {
    statuses: ['overdue'],
    order: 'most-overdue',
    limit: PRINTED_OVERDUE_LIMIT,
  });
  return {
    ok: true,
    data: result.data,
    report: buildPrintedReport(result.data, overdue.rows, overdue.total, document.document, result.user, options.now),
  };
}
