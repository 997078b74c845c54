import type { Role } from '../../src/lib/schemas/account';

/** Demo units, created on an empty database under current provinces when those exist. */
export const DEMO_UNITS = [
  { id: 'don-vi-minh-hoa-a', name: 'Đơn vị minh họa A (dữ liệu mẫu)', kind: 'khu-vuc', parent: 'vksnd-tp-can-tho' },
  { id: 'bo-phan-minh-hoa-a1', name: 'Bộ phận minh họa A1 (dữ liệu mẫu)', kind: 'phong', parent: 'don-vi-minh-hoa-a' },
  { id: 'don-vi-minh-hoa-b', name: 'Đơn vị minh họa B (dữ liệu mẫu)', kind: 'khu-vuc', parent: 'vksnd-tinh-lao-cai' },
] as const;

/** One demo account per role (username → details). The leader's scope is unit A and A1 below it. */
export const DEMO_ACCOUNTS: readonly {
  role: Role;
  username: string;
  fullName: string;
  unitId: string;
  position: string;
  roles: Role[];
}[] = [
  {
    role: 'learner',
    username: 'hocvien.mau',
    fullName: 'Học viên Mẫu',
    unitId: 'bo-phan-minh-hoa-a1',
    position: 'Kiểm tra viên',
    roles: ['learner'],
  },
  {
    role: 'organiser',
    username: 'tochuc.mau',
    fullName: 'Người tổ chức Mẫu',
    unitId: 'don-vi-minh-hoa-b',
    position: 'Chuyên viên',
    roles: ['organiser', 'learner'],
  },
  {
    role: 'leader',
    username: 'lanhdao.mau',
    fullName: 'Lãnh đạo Mẫu',
    unitId: 'don-vi-minh-hoa-a',
    position: 'Viện trưởng',
    roles: ['leader', 'learner'],
  },
  {
    role: 'admin',
    username: 'quantri.mau',
    fullName: 'Quản trị viên Mẫu',
    unitId: 'don-vi-minh-hoa-a',
    position: 'Chuyên viên',
    roles: ['admin'],
  },
];

/** Demo usernames by role, for tests and documentation. */
export const DEMO_USERS: Readonly<Record<Role, string>> = Object.fromEntries(
  DEMO_ACCOUNTS.map((a) => [a.role, a.username]),
) as Record<Role, string>;
