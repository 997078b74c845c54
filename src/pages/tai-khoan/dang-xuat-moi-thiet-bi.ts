import type { APIRoute } from 'astro';
import { requireUser } from '../../lib/server/authz';
import { authConfig } from '../../lib/server/config';
import { getDatabase } from '../../lib/server/db';
import { deleteUserSessions } from '../../lib/server/session';
import { deleteSessionCookie } from '../../lib/server/session-cookie';

export const prerender = false;

/** "Đăng xuất mọi thiết bị": ends every session of the signed-in person, this one included. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  const guard = requireUser(locals);
  if (!guard.ok) return redirect('/dang-nhap/', 303);
  await deleteUserSessions(await getDatabase(), guard.user.id);
  deleteSessionCookie(cookies, authConfig());
  return redirect('/dang-nhap/', 303);
};
