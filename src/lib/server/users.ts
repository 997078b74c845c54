import { and, eq, exists, inArray, like, sql } from 'drizzle-orm';
import { units, userRoles, users } from '../../../db/schema/index';
import type { Role } from '../schemas/account';
import type { UserEditForm, UserListQuery } from '../schemas/admin';
import { foldVietnamese } from '../shared/fold';
import type { Database, Tx } from './db';
import { generateTemporaryPassword, hashPassword } from './password';
import type { SessionUser } from './session';
import { deleteUserSessions } from './session';
import { unitSubtreeIds } from './units';
import { prepared } from './prepared';

/** An account as the admin pages show it. */
export interface UserDetail {
  id: string;
  username: string;
  fullName: string;
  unitId: string;
  unitName: string;
  position: string;
  roles: Role[];
  active: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
  passwordChangedAt: Date | null;
}

/** What login needs to know about a username. */
export interface LoginCandidate {
  id: string;
  passwordHash: string;
  active: boolean;
  fullName: string;
  username: string;
}

const ROLE_ORDER: readonly Role[] = ['learner', 'organiser', 'leader', 'admin'];
const collator = new Intl.Collator('vi', { sensitivity: 'base' });

/** Text stored for accent-insensitive search of accounts. */
export function userSearchText(fullName: string, username: string): string {
  return foldVietnamese(`${fullName} ${username}`);
}

/** Random id for new accounts. */
export function newUserId(): string {
  return `u_${crypto.randomUUID().replaceAll('-', '')}`;
}

async function rolesOf(database: Database | Tx, ids: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (ids.length === 0) return map;
  const db = 'db' in database ? database.db : database;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, ids));
  for (const row of rows) {
    const list = map.get(row.userId) ?? [];
    list.push(row.role);
    map.set(row.userId, list);
  }
  for (const list of map.values()) list.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return map;
}

const detailColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  unitId: users.unitId,
  unitName: units.name,
  position: users.position,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  lastLoginAt: users.lastLoginAt,
  passwordChangedAt: users.passwordChangedAt,
};

/** The active account behind a session, or null when missing or deactivated. */
export async function findSessionUser(database: Database, userId: string): Promise<SessionUser | null> {
  const row = await prepared(database, 'session-user', (db) =>
    db
      .select(detailColumns)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.id, sql.placeholder('userId')), eq(users.active, true)))
      .prepare(),
  ).get({ userId });
  if (!row) return null;
  const roleRows = await prepared(database, 'roles-of-user', (db) =>
    db
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, sql.placeholder('userId')))
      .prepare(),
  ).all({ userId });
  const roles = roleRows.map((r) => r.role).sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    unitId: row.unitId,
    unitName: row.unitName,
    position: row.position,
    roles,
    mustChangePassword: row.mustChangePassword,
  };
}

/** Looks up a username (already normalised) for login. */
export async function findLoginCandidate(database: Database, username: string): Promise<LoginCandidate | null> {
  const [row] = await database.db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      fullName: users.fullName,
      username: users.username,
    })
    .from(users)
    .where(eq(users.username, username));
  return row ?? null;
}

/** One account with its unit name and roles. */
export async function getUser(database: Database, id: string): Promise<UserDetail | null> {
  const [row] = await database.db
    .select(detailColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id));
  if (!row) return null;
  return { ...row, roles: (await rolesOf(database, [id])).get(id) ?? [] };
}

/** A page of accounts. */
export interface UserPage {
  users: UserDetail[];
  total: number;
  page: number;
  pageCount: number;
}

/** Vietnamese order: by given name (last word), then by the whole name. */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (name: string) => name.trim().split(/\s+/).at(-1) ?? name;
  return collator.compare(given(a), given(b)) || collator.compare(a, b);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Lists accounts matching the admin's search: name or username without diacritics, unit
 * (including the units below it), role, status. Sorted in Vietnamese order.
 */
export async function listUsers(
  database: Database,
  query: Partial<UserListQuery> & { page: number },
  options: { pageSize?: number; withinUnitIds?: string[] } = {},
): Promise<UserPage> {
  const pageSize = options.pageSize ?? 50;
  const conditions = [];
  if (query.q) conditions.push(like(users.searchText, `%${escapeLike(foldVietnamese(query.q))}%`));
  if (query.unitId) conditions.push(inArray(users.unitId, await unitSubtreeIds(database, query.unitId)));
  if (options.withinUnitIds) conditions.push(inArray(users.unitId, options.withinUnitIds));
  if (query.role) {
    const role = query.role;
    conditions.push(
      exists(
        database.db
          .select({ one: sql`1` })
          .from(userRoles)
          .where(and(eq(userRoles.userId, users.id), eq(userRoles.role, role))),
      ),
    );
  }
  if (query.status) conditions.push(eq(users.active, query.status === 'active'));
  const rows = await database.db
    .select(detailColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(conditions.length ? and(...conditions) : undefined);
  rows.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(query.page, pageCount);
  const slice = rows.slice((page - 1) * pageSize, page * pageSize);
  const roles = await rolesOf(
    database,
    slice.map((r) => r.id),
  );
  return {
    users: slice.map((r) => ({ ...r, roles: roles.get(r.id) ?? [] })),
    total: rows.length,
    page,
    pageCount,
  };
}

/** Input of {@link createUser}. */
export interface NewUser {
  username: string;
  fullName: string;
  unitId: string;
  position: string;
  roles: Role[];
  /** Plain password; hashed here, outside the write transaction. */
  password: string;
  mustChangePassword: boolean;
}

/** Outcome of {@link createUser}. */
export type CreateUserResult = { ok: true; id: string } | { ok: false; reason: 'username-taken' | 'unknown-unit' };

/** Inserts an account inside an open write transaction (password already hashed). */
export async function insertUser(
  tx: Tx,
  input: Omit<NewUser, 'password'> & { passwordHash: string; id?: string },
  now = new Date(),
): Promise<CreateUserResult> {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) return { ok: false, reason: 'username-taken' };
  const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
  if (!unit) return { ok: false, reason: 'unknown-unit' };
  const id = input.id ?? newUserId();
  await tx.insert(users).values({
    id,
    username: input.username,
    fullName: input.fullName,
    searchText: userSearchText(input.fullName, input.username),
    unitId: input.unitId,
    position: input.position,
    passwordHash: input.passwordHash,
    active: true,
    mustChangePassword: input.mustChangePassword,
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
  });
  await tx.insert(userRoles).values([...new Set(input.roles)].map((role) => ({ userId: id, role })));
  return { ok: true, id };
}

/** Creates an account (the password is hashed before the write transaction starts). */
export async function createUser(database: Database, input: NewUser): Promise<CreateUserResult> {
  const passwordHash = await hashPassword(input.password);
  // insertUser checks before it writes, so a refusal leaves nothing to roll back.
  return database.write((tx) => insertUser(tx, { ...input, passwordHash }));
}

/** Outcome of account changes made by an admin. */
export type AdminChangeResult =
  { ok: true } | { ok: false; reason: 'not-found' | 'unknown-unit' | 'own-admin-role' | 'own-account' };

/**
 * Updates name, unit, position and roles. An admin cannot take the admin role from
 * themselves (so the last admin cannot lock everyone out by mistake).
 */
export async function updateUser(
  database: Database,
  id: string,
  input: UserEditForm,
  actorId: string,
): Promise<AdminChangeResult> {
  if (id === actorId && !input.roles.includes('admin')) return { ok: false, reason: 'own-admin-role' };
  return database.write(async (tx) => {
    const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, id));
    if (!user) return { ok: false, reason: 'not-found' } as const;
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
    if (!unit) return { ok: false, reason: 'unknown-unit' } as const;
    await tx
      .update(users)
      .set({
        fullName: input.fullName,
        searchText: userSearchText(input.fullName, user.username),
        unitId: input.unitId,
        position: input.position,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id));
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    await tx.insert(userRoles).values([...new Set(input.roles)].map((role) => ({ userId: id, role })));
    return { ok: true } as const;
  });
}

/** Deactivates (ending every session at once) or reactivates an account. */
export async function setUserActive(
  database: Database,
  id: string,
  active: boolean,
  actorId: string,
): Promise<AdminChangeResult> {
  if (id === actorId && !active) return { ok: false, reason: 'own-account' };
  return database.write(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ active, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (updated.length === 0) return { ok: false, reason: 'not-found' } as const;
    if (!active) await deleteUserSessions(database, id, tx);
    return { ok: true } as const;
  });
}

/** Outcome of {@link resetPassword}. */
export type ResetPasswordResult = { ok: true; temporaryPassword: string } | { ok: false; reason: 'not-found' };

/**
 * Gives an account a new temporary password (shown once to the admin), ends its sessions
 * and forces a change at next login.
 */
export async function resetPassword(database: Database, id: string): Promise<ResetPasswordResult> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return database.write(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (updated.length === 0) return { ok: false, reason: 'not-found' } as const;
    await deleteUserSessions(database, id, tx);
    return { ok: true, temporaryPassword } as const;
  });
}

/** Usernames (normalised) among `usernames` that already have an account. */
export async function existingUsernames(database: Database | Tx, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const db = 'db' in database ? database.db : database;
  const found = new Set<string>();
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < usernames.length; i += 500) {
    const rows = await db
      .select({ username: users.username })
      .from(users)
      .where(inArray(users.username, usernames.slice(i, i + 500)));
    for (const row of rows) found.add(row.username);
  }
  return found;
}

/** Number of accounts (the demo seed runs only on an empty table). */
export async function countUsers(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(users);
  return row?.n ?? 0;
}
