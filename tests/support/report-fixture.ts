// A small data set for the dashboard's route and browser tests, written into a test server's
// database with the progress module's own functions (real content catalog).
import { eq } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { users } from '../../db/schema/index';
import { AssignmentFormSchema } from '../../src/lib/schemas/learning';
import { createAssignment, loadCatalog, markLessonDone, onQuizPassed } from '../../src/lib/server/learning/index';
import { createUnit } from '../../src/lib/server/units';
import { insertUser } from '../../src/lib/server/users';
import { DEMO_USERS } from './server';

/** The course every fixture line is about (4 required lessons and a final quiz). */
export const REPORT_COURSE = 'so-hoa-ho-so-vu-an';
export const REPORT_COURSE_TITLE = 'Số hóa hồ sơ vụ án';
const LESSONS = [
  'chuan-bi-so-hoa-ho-so',
  'quet-va-kiem-tra-chat-luong',
  'dat-ten-va-luu-tru-ho-so-so',
  'tra-cuu-bao-mat-sao-luu',
];

/** The demo leader's unit, its sub-unit, a sibling and the parent they share. */
export const UNITS = {
  leader: 'don-vi-minh-hoa-a',
  below: 'bo-phan-minh-hoa-a1',
  sibling: 'don-vi-minh-hoa-c',
  siblingName: 'Đơn vị minh họa C (dữ liệu thử báo cáo)',
  parent: 'vksnd-tp-can-tho',
} as const;

/** What the fixture created. */
export interface ReportFixture {
  learnerId: string;
  organiserId: string;
  /** A person in the sibling unit. */
  outsiderId: string;
  /** The leader's assignment of the course to their subtree, due 01/02/2026 (past). */
  assignmentId: string;
  /** An admin's assignment that reaches only the sibling unit. */
  outsideAssignmentId: string;
}

/**
 * Adds a sibling unit with one person, completes the course for the demo learner (15/01/2026),
 * assigns it to the leader's subtree (due 01/02/2026) and to the sibling unit. In the leader's
 * scope: 3 people (leader and admin in unit A, the learner in A1); on the course the learner is
 * "completed on time" and the two others are overdue.
 */
export async function seedReportFixture(databaseUrl: string): Promise<ReportFixture> {
  const database = await createDatabase({ url: databaseUrl });
  try {
    const catalog = await loadCatalog();
    const idOf = async (username: string) => {
      const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (!row) throw new Error(`No user ${username}`);
      return row.id;
    };
    const created = await createUnit(database, UNITS.sibling, {
      name: UNITS.siblingName,
      kind: 'khu-vuc',
      parentId: UNITS.parent,
      successorIds: [],
    });
    if (!created.ok) throw new Error(`createUnit: ${created.reason}`);
    const outsider = await database.write((tx) =>
      insertUser(tx, {
        username: 'nguoi.ngoai.pham.vi',
        fullName: 'Người Ngoài Phạm Vi',
        unitId: UNITS.sibling,
        position: 'Kiểm sát viên',
        roles: ['learner'],
        passwordHash: 'not-a-real-hash',
        mustChangePassword: false,
      }),
    );
    if (!outsider.ok) throw new Error(outsider.reason);

    const learnerId = await idOf(DEMO_USERS.learner);
    const leaderId = await idOf(DEMO_USERS.leader);
    const adminId = await idOf(DEMO_USERS.admin);
    const madeAt = new Date('2026-01-02T02:00:00Z');
    const leaderActor = { id: leaderId, unitId: UNITS.leader, roles: ['leader' as const, 'learner' as const] };
    const assignment = await createAssignment(
      database,
      leaderActor,
      AssignmentFormSchema.parse({
        courseId: REPORT_COURSE,
        kind: 'required',
        dueDate: '2026-02-01',
        unitId: UNITS.leader,
        includeSubunits: 'on',
      }),
      { catalog, now: madeAt },
    );
    if (!assignment.ok) throw new Error(`createAssignment: ${assignment.reason}`);
    const outside = await createAssignment(
      database,
      { id: adminId, unitId: UNITS.leader, roles: ['admin'] },
      AssignmentFormSchema.parse({
        courseId: REPORT_COURSE,
        kind: 'recommended',
        dueDate: '2026-03-01',
        unitId: UNITS.sibling,
      }),
      { catalog, now: madeAt },
    );
    if (!outside.ok) throw new Error(`createAssignment: ${outside.reason}`);

    for (const [i, lesson] of LESSONS.entries()) {
      await markLessonDone(database, learnerId, lesson, { catalog, now: new Date(Date.UTC(2026, 0, 10 + i, 3)) });
    }
    await database.write((tx) =>
      onQuizPassed(
        tx,
        {
          userId: learnerId,
          target: { kind: 'course', id: REPORT_COURSE },
          passedAt: new Date('2026-01-15T03:00:00Z'),
        },
        { catalog },
      ),
    );
    return {
      learnerId,
      organiserId: await idOf(DEMO_USERS.organiser),
      outsiderId: outsider.id,
      assignmentId: assignment.id,
      outsideAssignmentId: outside.id,
    };
  } finally {
    database.close();
  }
}
