/** Methods that must not change state and are never checked for Origin. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state-changing request (forms, JSON, anything): the Origin header
 * must be the site's own origin, i.e. the request URL's origin or that of SITE_URL. A missing
 * Origin is refused: every browser sends it on POST, PUT, PATCH and DELETE.
 */
export function isAllowedOrigin(origin: string | null, requestUrl: URL, siteOrigin: string | null): boolean {
  if (!origin || origin === 'null') return false;
  return origin === requestUrl.origin || (siteOrigin !== null && origin === siteOrigin);
}

/**
 * A redirect target taken from user input (?next=): only a path on this site, never a
 * scheme, another host ("//evil.example"), a backslash trick or control characters.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/tai-khoan/'): string {
  if (!next || next.length > 500) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const base = 'http://same-origin.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
