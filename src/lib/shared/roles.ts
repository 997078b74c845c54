import type { Role } from '../schemas/account';

/** Vietnamese role names, also the names accepted by the bulk import. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  learner: 'Học viên',
  organiser: 'Tổ chức',
  leader: 'Lãnh đạo',
  admin: 'Quản trị',
};

/** Roles in display order. */
export const ROLES: readonly Role[] = ['learner', 'organiser', 'leader', 'admin'];

/** Formats a list of roles for display: "Học viên, Quản trị". */
export function formatRoles(roles: readonly Role[]): string {
  return ROLES.filter((r) => roles.includes(r))
    .map((r) => ROLE_LABELS[r])
    .join(', ');
}
