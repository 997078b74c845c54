import type { APIRoute } from 'astro';
import { authConfig } from '../lib/server/config';
import { getDatabase } from '../lib/server/db';
import { deleteSession } from '../lib/server/session';
import { deleteSessionCookie } from '../lib/server/session-cookie';

export const prerender = false;

/** Logout: deletes the session on the server and the cookie in the browser. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (locals.session) await deleteSession(await getDatabase(), locals.session.id);
  deleteSessionCookie(cookies, authConfig());
  return redirect('/', 303);
};

/** Logging out changes state, so GET only explains how. */
export const GET: APIRoute = () =>
  new Response('Vui lòng dùng nút "Đăng xuất" trên trang để đăng xuất.', {
    status: 405,
    headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' },
  });
