/** The printed report "Báo cáo kết quả tập huấn" as a PDF (pdfkit, same layout as /lanh-dao/bao-cao/). */
import type { APIRoute } from 'astro';
import { attachment, printedReportForRequest, renderReportPdf, textRefusal } from '../../lib/server/reports/index';
import { vietnamDay } from '../../lib/shared/learning/days';

export const prerender = false;

export const GET: APIRoute = async ({ url, locals }) => {
  const result = await printedReportForRequest(locals, url.searchParams);
  if (!result.ok) return textRefusal(result.status, result.messages);
  const pdf = await renderReportPdf(result.report);
  const name = `bao-cao-ket-qua-tap-huan-${result.data.scope.root?.id ?? 'tat-ca'}-${vietnamDay(new Date())}.pdf`;
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': attachment(name).replace(/^attachment/, 'inline'),
      'cache-control': 'private, no-store',
    },
  });
};
