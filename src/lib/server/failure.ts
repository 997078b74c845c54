import { wantsJson } from './refusal';

/** Why a request failed on the server side, as far as the person is concerned. */
export type FailureKind = 'storage' | 'unexpected';

/** Vietnamese messages for server-side failures: no error text, stack or SQL ever reaches a response. */
export const FAILURE_MESSAGES: Readonly<Record<FailureKind, { title: string; message: string }>> = {
  storage: {
    title: 'Hệ thống tạm thời không lưu được dữ liệu',
    message:
      'Máy chủ đang không ghi được vào cơ sở dữ liệu (ổ đĩa đầy, chỉ cho phép đọc hoặc đang bận). ' +
      'Thao tác vừa rồi chưa được lưu; những gì đã lưu trước đó vẫn còn nguyên. ' +
      'Vui lòng thử lại sau ít phút và báo cho người quản trị hệ thống của đơn vị nếu lỗi còn tiếp diễn.',
  },
  unexpected: {
    title: 'Đã xảy ra lỗi ngoài ý muốn',
    message:
      'Máy chủ gặp lỗi khi xử lý yêu cầu này. Vui lòng tải lại trang hoặc thử lại sau; ' +
      'nếu lỗi còn tiếp diễn, hãy báo cho người quản trị hệ thống của đơn vị.',
  },
};

/** SQLite result codes (and Node errno codes) that mean the database cannot be written or read now. */
const STORAGE_CODES =
  /^(SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|PROTOCOL|NOLFS|CORRUPT|NOTADB)\w*|ENOSPC|EROFS|EDQUOT|EIO|EACCES|EPERM)$/;

/** Every code found on an error and its causes (libSQL and Drizzle wrap the driver's error). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, extendedCode, message } = current as { code?: unknown; extendedCode?: unknown; message?: unknown };
    for (const c of [code, extendedCode]) if (typeof c === 'string') codes.push(c);
    // Drizzle's own wrapper carries the driver's code only in its message text.
    if (typeof message === 'string') codes.push(...(message.match(/SQLITE_[A-Z_]+/g) ?? []));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Classifies an error thrown while handling a request. */
export function classifyFailure(error: unknown): FailureKind {
  return errorCodes(error).some((c) => STORAGE_CODES.test(c)) ? 'storage' : 'unexpected';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * The response for a request that failed on the server: 503 (with Retry-After) when the
 * database cannot be used now, 500 otherwise; a small self-contained Vietnamese page, or JSON
 * `{ error: { code, message } }` for scripts. It needs nothing that could itself be failing
 * (no database, no layout). The error is logged for the administrator, never sent.
 */
export function failureResponse(error: unknown, request: Request): Response {
  const kind = classifyFailure(error);
  const status = kind === 'storage' ? 503 : 500;
  console.error(`[${new Date().toISOString()}] ${request.method} ${new URL(request.url).pathname} → ${status}:`, error);
  const { title, message } = FAILURE_MESSAGES[kind];
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (status === 503) headers['retry-after'] = '60';
  if (wantsJson(request)) {
    return new Response(
      JSON.stringify({ error: { code: kind === 'storage' ? 'unavailable' : 'server-error', message } }),
      {
        status,
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      },
    );
  }
  const html = `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Tập huấn số</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Về trang chủ Tập huấn số</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}
