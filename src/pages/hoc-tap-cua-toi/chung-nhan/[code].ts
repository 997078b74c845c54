import type { APIRoute } from 'astro';
import { requireUser } from '../../../lib/server/authz';
import { authConfig } from '../../../lib/server/config';
import { getDatabase } from '../../../lib/server/db';
import { findOwnCertificate, renderCertificatePdf } from '../../../lib/server/learning/index';

export const prerender = false;

/**
 * Downloads the signed-in learner's own certificate as a PDF. Someone else's code answers 404,
 * like an unknown one, so the page reveals nothing about other people's certificates.
 */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const guard = requireUser(locals);
  if (!guard.ok) return redirect('/dang-nhap/?next=/hoc-tap-cua-toi/', 303);
  const certificate = await findOwnCertificate(await getDatabase(), guard.user.id, params.code ?? '');
  if (!certificate)
    return new Response('Không tìm thấy giấy chứng nhận này trong tài khoản của bạn.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  const pdf = await renderCertificatePdf(certificate, authConfig().siteOrigin ?? url.origin);
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="chung-nhan-${certificate.courseId}-${certificate.code}.pdf"`,
      'content-length': String(pdf.byteLength),
      'cache-control': 'private, no-store',
    },
  });
};
