// Builders for the learning tests: a small fixed catalog and accounts inserted without argon2.
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { users } from '../../../db/schema/index';
import type { Role } from '../../../src/lib/schemas/account';
import { buildCatalog, type CatalogCourse, type CourseCatalog } from '../../../src/lib/shared/learning/catalog';
import { insertUser } from '../../../src/lib/server/users';

/** A course "khoa-a" with lessons a1, a2 (required) and a3 (optional) and a final quiz. */
export const COURSE_A: CatalogCourse = {
  id: 'khoa-a',
  title: 'Khóa học thử nghiệm A',
  estimatedHours: 3,
  draft: false,
  finalQuizId: 'khoa-a-cuoi-khoa',
  lessons: [
    { id: 'bai-a1', title: 'Bài A1', required: true },
    { id: 'bai-a2', title: 'Bài A2', required: true },
    { id: 'bai-a3', title: 'Bài A3 (tự chọn)', required: false },
  ],
};

/** A course without a final quiz. */
export const COURSE_B: CatalogCourse = {
  id: 'khoa-b',
  title: 'Khóa học thử nghiệm B',
  estimatedHours: 1.5,
  draft: false,
  finalQuizId: null,
  lessons: [{ id: 'bai-b1', title: 'Bài B1', required: true }],
};

/** A catalog of the given courses (default A and B), with a lesson quiz for a1. */
export function testCatalog(courses: CatalogCourse[] = [COURSE_A, COURSE_B]): CourseCatalog {
  return buildCatalog(courses, [{ id: 'bai-a1', kind: 'lesson', targetId: 'bai-a1' }]);
}

let counter = 0;

/** Inserts an active account (no real password) and returns its id. */
export async function addPerson(
  database: Database,
  input: { unitId: string; position?: string; fullName?: string; roles?: Role[]; username?: string },
): Promise<{ id: string; username: string }> {
  counter++;
  const username = input.username ?? `nguoi.thu.${counter}.${Math.random().toString(36).slice(2, 7)}`;
  const result = await database.write((tx) =>
    insertUser(tx, {
      username,
      fullName: input.fullName ?? `Người thử ${counter}`,
      unitId: input.unitId,
      position: input.position ?? 'Kiểm sát viên',
      roles: input.roles ?? ['learner'],
      passwordHash: 'not-a-real-hash',
      mustChangePassword: false,
    }),
  );
  if (!result.ok) throw new Error(`addPerson failed: ${result.reason}`);
  return { id: result.id, username };
}

/** Moves a person to another unit (as an admin edit would). */
export async function moveToUnit(database: Database, userId: string, unitId: string): Promise<void> {
  await database.write((tx) => tx.update(users).set({ unitId }).where(eq(users.id, userId)));
}

/** The id of a demo account by username. */
export async function userIdOf(database: Database, username: string): Promise<string> {
  const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`No user ${username}`);
  return row.id;
}
