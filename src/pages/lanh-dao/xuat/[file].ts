/**
 * Exports of the dashboard, honouring its filters and the viewer's scope:
 * /lanh-dao/xuat/tong-hop.xlsx|csv (the matrix) and /lanh-dao/xuat/danh-sach.xlsx|csv (people).
 */
import type { APIRoute } from 'astro';
import {
  attachment,
  describeReport,
  listPersonStatuses,
  matrixTable,
  peopleTable,
  reportForRequest,
  textRefusal,
  toCsv,
  toXlsx,
} from '../../../lib/server/reports/index';
import { vietnamDay } from '../../../lib/shared/learning/days';

export const prerender = false;

const FILES = {
  'tong-hop.xlsx': { table: 'matrix', format: 'xlsx' },
  'tong-hop.csv': { table: 'matrix', format: 'csv' },
  'danh-sach.xlsx': { table: 'people', format: 'xlsx' },
  'danh-sach.csv': { table: 'people', format: 'csv' },
} as const;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const GET: APIRoute = async ({ params, url, locals }) => {
  const file = FILES[(params.file ?? '') as keyof typeof FILES];
  if (!file) return textRefusal(404, ['Không có tệp này.']);
  const result = await reportForRequest(locals, url.searchParams);
  if (!result.ok) return textRefusal(result.status, result.messages);
  const { data, database } = result;
  const table =
    file.table === 'matrix' ? matrixTable(data) : peopleTable(data, (await listPersonStatuses(database, data)).rows);
  const name = `${file.table === 'matrix' ? 'tong-hop' : 'danh-sach-can-bo'}-${data.scope.root?.id ?? 'tat-ca'}-${vietnamDay(new Date())}.${file.format}`;
  const headers = {
    'content-disposition': attachment(name),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  if (file.format === 'csv') {
    return new Response(toCsv(table), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  }
  const body = await toXlsx(table, describeReport(data));
  return new Response(body, { headers: { ...headers, 'content-type': XLSX_TYPE } });
};
