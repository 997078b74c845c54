import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
import { checkPolicy, routePolicy } from './lib/server/authz';
import { authConfig } from './lib/server/config';
import { getDatabase } from './lib/server/db';
import { failureResponse } from './lib/server/failure';
import { scheduleSearchIndexCheck } from './lib/server/publishing/search-check';
import { isAllowedOrigin, SAFE_METHODS } from './lib/server/origin';
import { jsonRefusal, unsavedText, wantsJson, type RefusalReason } from './lib/server/refusal';
import { validateSessionToken } from './lib/server/session';
import { deleteSessionCookie, sessionCookieName } from './lib/server/session-cookie';

/** Paths a person with a temporary password may still use. */
const CHANGE_PASSWORD_PATH = '/tai-khoan/doi-mat-khau/';
const ALLOWED_WHILE_MUST_CHANGE = new Set([
  CHANGE_PASSWORD_PATH,
  '/tai-khoan/doi-mat-khau',
  '/dang-xuat',
  '/dang-xuat/',
]);

async function refuse(
  context: APIContext,
  next: MiddlewareNext,
  status: 401 | 403,
  reason: RefusalReason,
): Promise<Response> {
  if (wantsJson(context.request)) return jsonRefusal(status, reason);
  context.locals.refusal = { reason, next: `${context.url.pathname}${context.url.search}` };
  // A form posted after the session ended: show what was typed, so signing in again loses nothing.
  if (status === 401 && context.request.method === 'POST') {
    context.locals.refusal.unsaved = await unsavedText(context.request);
  }
  // Rendered by src/pages/401.astro or 403.astro, which set the status; the URL stays.
  return next(status === 401 ? '/401' : '/403');
}

/**
 * Runs before every server-rendered request: refuses cross-origin state changes (CSRF),
 * validates the session cookie once and fills `locals.user`/`locals.session`, sends people
 * with a temporary password to the change-password page, and applies the route policies
 * (account pages need a session, admin pages the admin role). Prerendered pages are built
 * without a request: no cookie or database is touched for them.
 */
async function handle(context: APIContext, next: MiddlewareNext): Promise<Response> {
  context.locals.user = null;
  context.locals.session = null;
  if (context.isPrerendered) return next();

  const { request, url, cookies } = context;
  const config = authConfig();
  if (!SAFE_METHODS.has(request.method) && !isAllowedOrigin(request.headers.get('origin'), url, config.siteOrigin)) {
    return refuse(context, next, 403, 'csrf');
  }

  const token = cookies.get(sessionCookieName(config))?.value;
  if (token) {
    const database = await getDatabase();
    const result = await validateSessionToken(database, token, { config });
    if (result.ok) {
      context.locals.user = result.user;
      context.locals.session = result.session;
    } else {
      deleteSessionCookie(cookies, config);
    }
  }

  const user = context.locals.user;
  if (user?.mustChangePassword && !ALLOWED_WHILE_MUST_CHANGE.has(url.pathname)) {
    if (request.method === 'GET' || request.method === 'HEAD') return context.redirect(CHANGE_PASSWORD_PATH, 303);
    return refuse(context, next, 403, 'must-change-password');
  }

  const policy = routePolicy(url.pathname);
  const allowed = checkPolicy(policy, user);
  if (!allowed.ok)
    return refuse(context, next, allowed.status, allowed.status === 401 ? 'unauthenticated' : 'forbidden');

  // Keeps this instance's search index as new as the published records (cheap, throttled).
  scheduleSearchIndexCheck();
  const response = await next();
  if (user || policy.kind !== 'public') {
    // Pages that depend on who is signed in must not be stored by shared caches or the back button.
    try {
      response.headers.set('cache-control', 'private, no-store');
    } catch {
      // Immutable headers (Response.redirect): nothing to cache there anyway.
    }
  }
  return response;
}

/**
 * {@link handle}, with every error a route throws (a full disk, a read-only or busy database,
 * a bug) answered by a Vietnamese 503/500 page or JSON, never Astro's default error output.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  try {
    return await handle(context, next);
  } catch (error) {
    return failureResponse(error, context.request);
  }
});
