// Assigned training: who an assignment reaches, leader scope, statuses and reminders over time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentForm } from '../../src/lib/schemas/learning';
import { AssignmentFormSchema } from '../../src/lib/schemas/learning';
import {
  closeAssignment,
  createAssignment,
  getManagedAssignment,
  listAssignees,
  listLearnerAssignments,
  listManagedAssignments,
  listReminders,
  markLessonDone,
  onQuizPassed,
  recordLessonVisit,
  type Actor,
} from '../../src/lib/server/learning/index';
import { createUnit } from '../../src/lib/server/units';
import { deadlineEnd } from '../../src/lib/shared/learning/days';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { DEMO_USERS } from '../support/server';
import { addPerson, moveToUnit, testCatalog, userIdOf } from './helpers/learning';

let t: TestDatabase;
let admin: Actor;
let leader: Actor;
const catalog = testCatalog();
const at = (iso: string) => new Date(iso);
/** "Today" for every assignment created here. */
const CREATED = at('2026-09-01T02:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  admin = { id: await userIdOf(t.database, DEMO_USERS.admin), unitId: 'don-vi-minh-hoa-a', roles: ['admin'] };
  leader = {
    id: await userIdOf(t.database, DEMO_USERS.leader),
    unitId: 'don-vi-minh-hoa-a',
    roles: ['leader', 'learner'],
  };
  // A second level below A1, to check that "with sub-units" goes all the way down.
  const created = await createUnit(t.database, 'to-minh-hoa-a1x', {
    name: 'Tổ minh họa A1x (dữ liệu thử)',
    kind: 'phong',
    parentId: 'bo-phan-minh-hoa-a1',
    successorIds: [],
  });
  expect(created.ok).toBe(true);
});
afterAll(() => t.cleanup());

function form(overrides: Record<string, string>): AssignmentForm {
  return AssignmentFormSchema.parse({ courseId: 'khoa-b', kind: 'required', dueDate: '2026-09-30', ...overrides });
}

async function assign(actor: Actor, overrides: Record<string, string>) {
  const result = await createAssignment(t.database, actor, form(overrides), { catalog, now: CREATED });
  if (!result.ok) throw new Error(`createAssignment refused: ${result.reason}`);
  return result.id;
}

describe('who an assignment reaches', () => {
  it('reaches people in sub-units at every depth, and people who join later', async () => {
    const inA = await addPerson(t.database, { unitId: 'don-vi-minh-hoa-a' });
    const inA1 = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const inA1x = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x' });
    const inB = await addPerson(t.database, { unitId: 'don-vi-minh-hoa-b' });
    const id = await assign(leader, { unitId: 'don-vi-minh-hoa-a', includeSubunits: 'on' });

    const reached = new Set((await listAssignees(t.database, id)).map((p) => p.userId));
    expect(reached.has(inA.id) && reached.has(inA1.id) && reached.has(inA1x.id)).toBe(true);
    expect(reached.has(inB.id)).toBe(false);

    // Someone who joins the unit after the assignment was made gets it; someone who leaves does not.
    const newcomer = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x' });
    await moveToUnit(t.database, inB.id, 'bo-phan-minh-hoa-a1');
    await moveToUnit(t.database, inA.id, 'don-vi-minh-hoa-b');
    const now = new Set((await listAssignees(t.database, id)).map((p) => p.userId));
    expect(now.has(newcomer.id) && now.has(inB.id)).toBe(true);
    expect(now.has(inA.id)).toBe(false);
    const mine = await listLearnerAssignments(t.database, newcomer.id, { catalog, now: CREATED });
    expect(mine.map((a) => a.id)).toContain(id);
  });

  it('reaches only the unit itself without sub-units', async () => {
    const inA = await addPerson(t.database, { unitId: 'don-vi-minh-hoa-a' });
    const inA1 = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const id = await assign(leader, { unitId: 'don-vi-minh-hoa-a' });
    const reached = new Set((await listAssignees(t.database, id)).map((p) => p.userId));
    expect(reached.has(inA.id)).toBe(true);
    expect(reached.has(inA1.id)).toBe(false);
  });

  it("reaches a position within the leader's subtree, and named people", async () => {
    const procurator = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x', position: 'Kiểm sát viên' });
    const specialist = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x', position: 'Chuyên viên' });
    const procuratorElsewhere = await addPerson(t.database, { unitId: 'don-vi-minh-hoa-b', position: 'Kiểm sát viên' });
    const named = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1', position: 'Cán bộ' });
    const id = await assign(leader, { position: 'Kiểm sát viên', usernames: `${named.username}\n` });
    const reached = new Set((await listAssignees(t.database, id)).map((p) => p.userId));
    expect(reached.has(procurator.id) && reached.has(named.id)).toBe(true);
    expect(reached.has(specialist.id) || reached.has(procuratorElsewhere.id)).toBe(false);
    // An admin's position target without a unit reaches the position everywhere.
    const everywhere = await assign(admin, { position: 'Kiểm sát viên' });
    const all = new Set((await listAssignees(t.database, everywhere)).map((p) => p.userId));
    expect(all.has(procurator.id) && all.has(procuratorElsewhere.id)).toBe(true);
  });
});

describe('leader scope', () => {
  it("refuses units, position scopes and people outside the leader's subtree", async () => {
    const outsider = await addPerson(t.database, { unitId: 'don-vi-minh-hoa-b' });
    const refuse = (overrides: Record<string, string>) =>
      createAssignment(t.database, leader, form(overrides), { catalog, now: CREATED });
    expect(await refuse({ unitId: 'don-vi-minh-hoa-b' })).toMatchObject({ ok: false, reason: 'unit-out-of-scope' });
    expect(await refuse({ position: 'Kiểm sát viên', positionUnitId: 'vksnd-tp-can-tho' })).toMatchObject({
      ok: false,
      reason: 'unit-out-of-scope',
      field: 'positionUnitId',
    });
    expect(await refuse({ usernames: outsider.username })).toMatchObject({
      ok: false,
      reason: 'users-out-of-scope',
      usernames: [outsider.username],
    });
    expect(await refuse({ usernames: 'khong.co.ai' })).toMatchObject({ ok: false, reason: 'unknown-users' });
    expect(await refuse({ unitId: 'don-vi-minh-hoa-a', courseId: 'khong-co-khoa' })).toMatchObject({
      ok: false,
      reason: 'unknown-course',
    });
    expect(await refuse({ unitId: 'don-vi-minh-hoa-a', dueDate: '2026-08-31' })).toMatchObject({
      ok: false,
      reason: 'due-in-past',
    });
    const learner: Actor = { id: outsider.id, unitId: 'don-vi-minh-hoa-b', roles: ['learner'] };
    expect(
      await createAssignment(t.database, learner, form({ unitId: 'don-vi-minh-hoa-b' }), { catalog, now: CREATED }),
    ).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('shows a leader only assignments of their subtree and only their own people', async () => {
    const inB = await addPerson(t.database, { unitId: 'don-vi-minh-hoa-b' });
    const inA1 = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const adminB = await assign(admin, { unitId: 'don-vi-minh-hoa-b' });
    const adminBoth = await assign(admin, { usernames: `${inB.username} ${inA1.username}` });
    const listed = await listManagedAssignments(t.database, leader, { catalog, now: CREATED });
    const ids = listed.map((a) => a.id);
    expect(ids).not.toContain(adminB);
    expect(ids).toContain(adminBoth);
    const both = await getManagedAssignment(t.database, leader, adminBoth, { catalog, now: CREATED });
    expect(both?.people.map((p) => p.userId)).toEqual([inA1.id]);
    expect(both?.canManage).toBe(false);
    expect(await getManagedAssignment(t.database, leader, adminB, { catalog, now: CREATED })).toBeNull();
    expect(await closeAssignment(t.database, leader, adminBoth)).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('statuses over time (injectable clock)', () => {
  it('go from not started to in progress to overdue, then completed late', async () => {
    const person = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x' });
    const id = await assign(leader, { usernames: person.username, dueDate: '2026-09-30' });
    const statusAt = async (iso: string) => {
      const mine = await listLearnerAssignments(t.database, person.id, { catalog, now: at(iso) });
      return mine.find((a) => a.id === id);
    };
    expect((await statusAt('2026-09-02T00:00:00Z'))?.status).toBe('not-started');
    expect((await statusAt('2026-09-02T00:00:00Z'))?.reminder).toBeNull();
    await recordLessonVisit(t.database, person.id, 'bai-b1', { catalog, now: at('2026-09-10T03:00:00Z') });
    expect((await statusAt('2026-09-10T04:00:00Z'))?.status).toBe('in-progress');
    // Seven days before the deadline the reminder appears.
    expect((await statusAt('2026-09-22T12:00:00Z'))?.reminder).toBeNull();
    expect((await statusAt('2026-09-23T12:00:00Z'))?.reminder).toEqual({ kind: 'due-soon', daysLeft: 7 });
    // The deadline is the end of 30/09 in Vietnam (16:59:59.999 UTC).
    expect((await statusAt('2026-09-30T16:59:00Z'))?.status).toBe('in-progress');
    expect((await statusAt('2026-09-30T16:59:00Z'))?.reminder).toEqual({ kind: 'due-soon', daysLeft: 0 });
    const late = await statusAt('2026-09-30T17:00:00Z');
    expect(late?.status).toBe('overdue');
    expect(late?.reminder).toEqual({ kind: 'overdue', daysLate: 1 });
    expect(await listReminders(t.database, person.id, { catalog, now: at('2026-10-05T00:00:00Z') })).toHaveLength(1);

    await markLessonDone(t.database, person.id, 'bai-b1', { catalog, now: at('2026-10-02T03:00:00Z') });
    const after = await statusAt('2026-10-03T00:00:00Z');
    expect(after?.status).toBe('completed-late');
    expect(after?.reminder).toBeNull();
    const managed = await getManagedAssignment(t.database, leader, id, { catalog, now: at('2026-10-03T00:00:00Z') });
    expect(managed?.people).toMatchObject([{ userId: person.id, status: 'completed-late', percent: 100 }]);
    expect(managed?.counts['completed-late']).toBe(1);
  });

  it("counts a completion just before the deadline's end as on time, including the final quiz", async () => {
    const person = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x' });
    const id = await assign(leader, { usernames: person.username, courseId: 'khoa-a', dueDate: '2026-09-15' });
    await markLessonDone(t.database, person.id, 'bai-a1', { catalog, now: at('2026-09-10T00:00:00Z') });
    await markLessonDone(t.database, person.id, 'bai-a2', { catalog, now: at('2026-09-11T00:00:00Z') });
    const before = await listLearnerAssignments(t.database, person.id, { catalog, now: at('2026-09-15T10:00:00Z') });
    expect(before.find((a) => a.id === id)?.status).toBe('in-progress');
    const justBefore = new Date(deadlineEnd('2026-09-15').getTime() - 1);
    await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: person.id, target: { kind: 'course', id: 'khoa-a' }, passedAt: justBefore },
        { catalog },
      ),
    );
    const after = await listLearnerAssignments(t.database, person.id, { catalog, now: at('2026-12-01T00:00:00Z') });
    expect(after.find((a) => a.id === id)?.status).toBe('completed-on-time');
  });

  it('counts a course completed before the assignment as completed on time', async () => {
    const person = await addPerson(t.database, { unitId: 'to-minh-hoa-a1x' });
    await markLessonDone(t.database, person.id, 'bai-b1', { catalog, now: at('2026-08-01T00:00:00Z') });
    const id = await assign(leader, { usernames: person.username });
    const mine = await listLearnerAssignments(t.database, person.id, { catalog, now: CREATED });
    expect(mine.find((a) => a.id === id)?.status).toBe('completed-on-time');
  });

  it('keeps the strictest assignment per course and stops reminding once an assignment is closed', async () => {
    // A unit and a position no other test targets, so only these two assignments reach the person.
    await createUnit(t.database, 'to-thu-rieng', { name: 'Tổ thử riêng', kind: 'phong', successorIds: [] });
    const person = await addPerson(t.database, { unitId: 'to-thu-rieng', position: 'Nhân viên' });
    const loose = await assign(admin, { usernames: person.username, kind: 'recommended', dueDate: '2026-09-05' });
    const strict = await assign(admin, { usernames: person.username, dueDate: '2026-09-20' });
    let mine = await listLearnerAssignments(t.database, person.id, { catalog, now: at('2026-09-18T00:00:00Z') });
    expect(mine.map((a) => a.id)).toEqual([strict]);
    expect(mine[0]?.reminder).toEqual({ kind: 'due-soon', daysLeft: 2 });
    expect(await closeAssignment(t.database, admin, strict)).toEqual({ ok: true });
    mine = await listLearnerAssignments(t.database, person.id, { catalog, now: at('2026-09-18T00:00:00Z') });
    expect(mine.map((a) => a.id)).toEqual([loose]);
    expect(mine[0]?.status).toBe('overdue');
    expect(await closeAssignment(t.database, admin, loose)).toEqual({ ok: true });
    expect(await listReminders(t.database, person.id, { catalog, now: at('2026-09-18T00:00:00Z') })).toEqual([]);
  });
});
