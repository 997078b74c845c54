/** Why a request is refused, with the Vietnamese message shown to the person. */
export type RefusalReason = 'unauthenticated' | 'forbidden' | 'csrf' | 'must-change-password';

/** Vietnamese messages for refusals. */
export const REFUSAL_MESSAGES: Readonly<Record<RefusalReason, string>> = {
  unauthenticated: 'Bạn cần đăng nhập để xem trang này.',
  forbidden: 'Tài khoản của bạn không có quyền truy cập trang này.',
  csrf: 'Yêu cầu bị từ chối vì không xuất phát từ trang của Tập huấn số. Vui lòng tải lại trang rồi thử lại.',
  'must-change-password': 'Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.',
};

/** True when the client asked for JSON rather than a page (fetch from a script, API clients). */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const type = request.headers.get('content-type') ?? '';
  if (accept.includes('text/html')) return false;
  return accept.includes('application/json') || type.includes('application/json');
}

/** A JSON refusal: `{ "error": { "code": ..., "message": ... } }`. */
export function jsonRefusal(status: 401 | 403, reason: RefusalReason): Response {
  return new Response(JSON.stringify({ error: { code: reason, message: REFUSAL_MESSAGES[reason] } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
