// The status of a person on a course is written twice: in TypeScript for the learner's own
// pages (listLearnerAssignments, listLearnerCourses) and in SQL for the leaders' reports
// (src/lib/server/reports/status-query.ts). This test holds them together on the seeded
// province, person by person and course by course.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { LARGE_ROOT_ID, seedLarge } from '../../db/seed/large';
import { AssignmentFormSchema } from '../../src/lib/schemas/learning';
import { parseReportFilters } from '../../src/lib/schemas/report';
import {
  createAssignment,
  listLearnerAssignments,
  listLearnerCourses,
  loadCatalog,
} from '../../src/lib/server/learning/index';
import { listPersonStatuses, loadReport, type PersonStatusRow } from '../../src/lib/server/reports/index';
import type { SessionUser } from '../../src/lib/server/session';
import type { CourseCatalog } from '../../src/lib/shared/learning/catalog';
import { STATUS_ORDER } from '../../src/lib/shared/reports/statuses';
import { useTestDatabase } from '../support/db';

const t = useTestDatabase();
const NOW = new Date('2026-11-01T03:00:00Z');
let catalog: CourseCatalog;

beforeAll(async () => {
  catalog = await loadCatalog();
  await seedLarge(t.database, { catalog, loginPasswordHash: 'not-a-real-hash', people: 300, now: NOW });
  // Edge cases the seed does not make: a required deadline that ended a few hours before NOW
  // (end of 31/10 in Vietnam), and people reached by an earlier recommended and a later
  // required assignment of the same course (the required one must win).
  // A course of the catalog the seed made required for nobody, so these deadlines are the strictest.
  const assignedBySeed = new Set(
    (
      await t.database.db.all<{ courseId: string }>(
        sql`SELECT DISTINCT course_id AS courseId FROM assignments WHERE kind = 'required'`,
      )
    ).map((r) => r.courseId),
  );
  const courseId = [...catalog.courses.keys()].find((id) => !assignedBySeed.has(id));
  if (!courseId) throw new Error('Every catalog course is required by the seed: pick the edge cases differently.');
  const assign = async (kind: 'required' | 'recommended', dueDate: string, unitId: string) => {
    const form = AssignmentFormSchema.parse({ courseId, kind, dueDate, unitId, includeSubunits: 'on' });
    // Made by the seeded province leader, as the dashboard's own assignments are.
    const leader = { ...admin, id: 'u_mhlanhdaotinh', roles: ['leader' as const] };
    const created = await createAssignment(t.database, leader, form, {
      catalog,
      now: new Date('2026-10-01T03:00:00Z'),
    });
    if (!created.ok) throw new Error(created.reason);
  };
  await assign('required', '2026-10-31', 'minh-hoa-kv2');
  await assign('recommended', '2026-10-20', 'minh-hoa-kv3');
  await assign('required', '2026-12-15', 'minh-hoa-kv3-bp1');
});

const admin: SessionUser = {
  id: 'xem-bao-cao',
  username: 'xem-bao-cao',
  fullName: 'Người xem',
  unitId: LARGE_ROOT_ID,
  unitName: '',
  position: 'Viện trưởng',
  roles: ['admin'],
  mustChangePassword: false,
};

describe('the status rule', () => {
  it('gives every person the same status per course in the reports as on their own pages', async () => {
    const filters = parseReportFilters(new URLSearchParams());
    if (!filters.ok) throw new Error(filters.errors.join('; '));
    const report = await loadReport(t.database, admin, filters.filters, { catalog, now: NOW });
    if (!report.ok) throw new Error(report.message);
    const { rows } = await listPersonStatuses(t.database, report.data, { statuses: STATUS_ORDER });

    const byPerson = new Map<string, PersonStatusRow[]>();
    for (const row of rows)
      if (catalog.courses.has(row.courseId)) byPerson.set(row.userId, [...(byPerson.get(row.userId) ?? []), row]);
    const mismatches: string[] = [];
    const seen = new Set<string>();
    for (const [userId, personRows] of byPerson) {
      const assigned = new Map(
        (await listLearnerAssignments(t.database, userId, { catalog, now: NOW })).map((a) => [a.courseId, a.status]),
      );
      const progress = new Map(
        (await listLearnerCourses(t.database, userId, { catalog })).map((c) => [c.course.id, c.progress]),
      );
      for (const row of personRows) {
        const p = progress.get(row.courseId);
        // A course nobody assigned has no deadline: completed counts as on time, nobody is overdue.
        const expected =
          assigned.get(row.courseId) ??
          (p?.completedAt ? 'completed-on-time' : p?.started ? 'in-progress' : 'not-started');
        seen.add(row.status);
        if (row.status !== expected)
          mismatches.push(`${userId} ${row.courseId}: SQL ${row.status}, TypeScript ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The comparison covers the whole province and every status, not a few easy cases.
    expect(byPerson.size).toBeGreaterThan(250);
    expect([...seen].sort()).toEqual([...STATUS_ORDER].sort());
  });
});
