import type { Role } from '../schemas/account';
import type { Database } from './db';
import type { SessionUser } from './session';
import { isUnitWithin } from './units';

/** Outcome of a guard: the user, or the status to refuse with. */
export type Guard = { ok: true; user: SessionUser } | { ok: false; status: 401 | 403 };

/** Needs a signed-in user. */
export function requireUser(locals: App.Locals): Guard {
  return locals.user ? { ok: true, user: locals.user } : { ok: false, status: 401 };
}

/** Needs a signed-in user holding at least one of `roles`. */
export function requireRole(locals: App.Locals, ...roles: Role[]): Guard {
  const guard = requireUser(locals);
  if (!guard.ok) return guard;
  return hasAnyRole(guard.user, roles) ? guard : { ok: false, status: 403 };
}

/** True when the user holds one of the roles. */
export function hasAnyRole(user: Pick<SessionUser, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}

/**
 * Whether a user may see data of a unit: an admin sees every unit; a leader sees their own
 * unit and every unit below it; other roles see no unit-wide data.
 */
export async function canAccessUnit(database: Database, user: SessionUser, unitId: string): Promise<boolean> {
  if (user.roles.includes('admin')) return true;
  if (!user.roles.includes('leader')) return false;
  return isUnitWithin(database, user.unitId, unitId);
}

/** Who may open a path: anyone, any signed-in user, or holders of some roles. */
export type RoutePolicy = { kind: 'public' } | { kind: 'user' } | { kind: 'roles'; roles: Role[] };

const POLICIES: { prefix: string; policy: RoutePolicy }[] = [
  // Question statistics are for quiz authors (organisers) too; listed before '/quan-tri'.
  { prefix: '/quan-tri/thong-ke-cau-hoi', policy: { kind: 'roles', roles: ['organiser', 'admin'] } },
  { prefix: '/quan-tri', policy: { kind: 'roles', roles: ['admin'] } },
  { prefix: '/bien-tap', policy: { kind: 'roles', roles: ['organiser', 'leader', 'admin'] } },
  { prefix: '/tai-khoan/don-vi', policy: { kind: 'roles', roles: ['leader', 'admin'] } },
  { prefix: '/tai-khoan', policy: { kind: 'user' } },
  { prefix: '/hoc-tap-cua-toi', policy: { kind: 'user' } },
  { prefix: '/lanh-dao', policy: { kind: 'roles', roles: ['leader', 'admin'] } },
  { prefix: '/api/quiz', policy: { kind: 'user' } },
];

/**
 * The policy for a path, checked by middleware before any page runs (pages check again
 * for their own needs, e.g. unit scope). Public content is everything not listed.
 */
export function routePolicy(pathname: string): RoutePolicy {
  for (const { prefix, policy } of POLICIES) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return policy;
  }
  return { kind: 'public' };
}

/** Applies a route policy to the current user. */
export function checkPolicy(
  policy: RoutePolicy,
  user: SessionUser | null,
): { ok: true } | { ok: false; status: 401 | 403 } {
  if (policy.kind === 'public') return { ok: true };
  if (!user) return { ok: false, status: 401 };
  if (policy.kind === 'roles' && !hasAnyRole(user, policy.roles)) return { ok: false, status: 403 };
  return { ok: true };
}
