import type { AstroCookies } from 'astro';
import type { AuthConfig } from './config';

/**
 * Cookie name: `__Host-taphuan_session` when the cookie is Secure (production over https),
 * else `taphuan_session` (browsers reject `__Host-` cookies without Secure, and plain
 * http://localhost cannot set Secure ones reliably). See docs/decisions/011-session-cookie.md.
 */
export function sessionCookieName(config: Pick<AuthConfig, 'cookieSecure'>): string {
  return config.cookieSecure ? '__Host-taphuan_session' : 'taphuan_session';
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure in production, until the absolute expiry. */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date, config: AuthConfig): void {
  cookies.set(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

/** Removes the session cookie from the browser. */
export function deleteSessionCookie(cookies: AstroCookies, config: AuthConfig): void {
  cookies.set(sessionCookieName(config), '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    maxAge: 0,
  });
}
