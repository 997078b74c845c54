import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  assignments,
  assignmentTargets,
  courseCompletions,
  courseQuizPasses,
  lessonProgress,
  units,
  users,
} from '../../../../db/schema/index';
import type { AssignmentForm } from '../../schemas/learning';
import type { CatalogCourse, CourseCatalog } from '../../shared/learning/catalog';
import {
  assignmentStatus,
  reminderFor,
  type AssignmentKind,
  type AssignmentStatus,
  type Reminder,
} from '../../shared/learning/assignment-status';
import { courseProgress, progressPercent, type CourseProgress } from '../../shared/learning/course-progress';
import { vietnamDay } from '../../shared/learning/days';
import type { Database } from '../db';
import { generateSecureRandomString, type SessionUser } from '../session';
import { unitSubtreeIds } from '../units';
import { loadCatalog } from './catalog';
import { progressByCourse, type LearningOptions } from './progress';

/** Who acts: the signed-in person's id, unit and roles. */
export type Actor = Pick<SessionUser, 'id' | 'unitId' | 'roles'>;

const isAdmin = (actor: Actor) => actor.roles.includes('admin');
const isLeader = (actor: Actor) => actor.roles.includes('leader');

/** The units an actor manages: null means every unit (admin). */
async function scopeOf(database: Database, actor: Actor): Promise<Set<string> | null> {
  if (isAdmin(actor)) return null;
  if (!isLeader(actor)) return new Set();
  return new Set(await unitSubtreeIds(database, actor.unitId));
}

/** Outcome of {@link createAssignment}. */
export type CreateAssignmentResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'forbidden' | 'unknown-course' | 'due-in-past' }
  | { ok: false; reason: 'unknown-unit' | 'unit-out-of-scope'; field: 'unitId' | 'positionUnitId' }
  | { ok: false; reason: 'unknown-users' | 'users-out-of-scope'; usernames: string[] };

/**
 * Assigns a course with a deadline to a unit (with or without the units below it), a position
 * (within a unit's subtree, or everywhere for an admin) and/or named people. A leader may only
 * target their own unit subtree; a leader's position target defaults to their unit.
 */
export async function createAssignment(
  database: Database,
  actor: Actor,
  input: AssignmentForm,
  options: LearningOptions = {},
): Promise<CreateAssignmentResult> {
  const scope = await scopeOf(database, actor);
  if (scope && scope.size === 0) return { ok: false, reason: 'forbidden' };
  const catalog = options.catalog ?? (await loadCatalog());
  if (!catalog.courses.has(input.courseId)) return { ok: false, reason: 'unknown-course' };
  const now = options.now ?? new Date();
  if (input.dueDate < vietnamDay(now)) return { ok: false, reason: 'due-in-past' };

  const positionUnitId = input.position ? (input.positionUnitId ?? (scope ? actor.unitId : undefined)) : undefined;
  for (const [field, unitId] of [
    ['unitId', input.unitId],
    ['positionUnitId', positionUnitId],
  ] as const) {
    if (!unitId) continue;
    const [unit] = await database.db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    if (!unit) return { ok: false, reason: 'unknown-unit', field };
    if (scope && !scope.has(unitId)) return { ok: false, reason: 'unit-out-of-scope', field };
  }

  const people =
    input.usernames.length === 0
      ? []
      : await database.db
          .select({ id: users.id, username: users.username, unitId: users.unitId })
          .from(users)
          .where(and(inArray(users.username, input.usernames), eq(users.active, true)));
  const found = new Set(people.map((p) => p.username));
  const unknown = input.usernames.filter((u) => !found.has(u));
  if (unknown.length > 0) return { ok: false, reason: 'unknown-users', usernames: unknown };
  const outside = scope ? people.filter((p) => !scope.has(p.unitId)).map((p) => p.username) : [];
  if (outside.length > 0) return { ok: false, reason: 'users-out-of-scope', usernames: outside };

  const id = generateSecureRandomString().slice(0, 16);
  await database.write(async (tx) => {
    await tx.insert(assignments).values({
      id,
      courseId: input.courseId,
      kind: input.kind,
      dueDate: input.dueDate,
      note: input.note ?? null,
      createdBy: actor.id,
      ownerUnitId: scope ? actor.unitId : null,
      createdAt: now,
    });
    const targets: (typeof assignmentTargets.$inferInsert)[] = [];
    if (input.unitId)
      targets.push({ assignmentId: id, kind: 'unit', unitId: input.unitId, includeSubunits: input.includeSubunits });
    if (input.position)
      targets.push({ assignmentId: id, kind: 'position', position: input.position, unitId: positionUnitId ?? null });
    for (const person of people) targets.push({ assignmentId: id, kind: 'user', userId: person.id });
    await tx.insert(assignmentTargets).values(targets);
  });
  return { ok: true, id };
}

/** An assignment as stored, with its course title. */
export interface AssignmentRecord {
  id: string;
  courseId: string;
  courseTitle: string;
  kind: AssignmentKind;
  dueDate: string;
  note: string | null;
  createdBy: string;
  ownerUnitId: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** A target, described for people. */
export interface TargetDescription {
  kind: 'unit' | 'position' | 'user';
  text: string;
}

const assignmentColumns = {
  id: assignments.id,
  courseId: assignments.courseId,
  kind: assignments.kind,
  dueDate: assignments.dueDate,
  note: assignments.note,
  createdBy: assignments.createdBy,
  ownerUnitId: assignments.ownerUnitId,
  createdAt: assignments.createdAt,
  closedAt: assignments.closedAt,
};

const titleOf = (catalog: CourseCatalog, courseId: string) => catalog.courses.get(courseId)?.title ?? courseId;

/** A person an assignment reaches. */
export interface Assignee {
  userId: string;
  fullName: string;
  username: string;
  unitId: string;
  unitName: string;
  position: string;
}

/**
 * The active people an assignment reaches now: computed from its targets and the current units
 * and positions, so someone who joined a targeted unit yesterday is included and someone who
 * left is not.
 */
export async function listAssignees(database: Database, assignmentId: string): Promise<Assignee[]> {
  return database.db.all<Assignee>(sql`
    WITH RECURSIVE
      t AS (SELECT * FROM assignment_targets WHERE assignment_id = ${assignmentId}),
      scope(root, id) AS (
        SELECT unit_id, unit_id FROM t
          WHERE unit_id IS NOT NULL AND (kind = 'position' OR (kind = 'unit' AND include_subunits = 1))
        UNION
        SELECT s.root, u.id FROM units u JOIN scope s ON u.parent_id = s.id
      )
    SELECT u.id AS userId, u.full_name AS fullName, u.username AS username, u.unit_id AS unitId,
           un.name AS unitName, u.position AS position
    FROM users u JOIN units un ON un.id = u.unit_id
    WHERE u.active = 1 AND (
      u.id IN (SELECT user_id FROM t WHERE kind = 'user')
      OR u.unit_id IN (SELECT unit_id FROM t WHERE kind = 'unit')
      OR u.unit_id IN (
        SELECT s.id FROM scope s JOIN t ON t.unit_id = s.root AND t.kind = 'unit' AND t.include_subunits = 1)
      OR EXISTS (
        SELECT 1 FROM t WHERE t.kind = 'position' AND t.position = u.position
          AND (t.unit_id IS NULL OR u.unit_id IN (SELECT s.id FROM scope s WHERE s.root = t.unit_id)))
    )
    ORDER BY un.name, u.full_name`);
}

/** Per-person facts about one course: completion, whether started, and the progress. */
async function courseFactsOf(
  database: Database,
  course: CatalogCourse,
  userIds: readonly string[],
): Promise<Map<string, CourseProgress>> {
  const out = new Map<string, CourseProgress>();
  if (userIds.length === 0) return out;
  const lessonIds = course.lessons.map((l) => l.id);
  const rows = new Map<
    string,
    { lessonId: string; startedAt: Date; lastVisitedAt: Date; completedAt: Date | null }[]
  >();
  // Chunks keep the number of bound parameters far below SQLite's limit for large units.
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    if (lessonIds.length > 0) {
      for (const r of await database.db
        .select({
          userId: lessonProgress.userId,
          lessonId: lessonProgress.lessonId,
          startedAt: lessonProgress.startedAt,
          lastVisitedAt: lessonProgress.lastVisitedAt,
          completedAt: lessonProgress.completedAt,
        })
        .from(lessonProgress)
        .where(and(inArray(lessonProgress.userId, chunk), inArray(lessonProgress.lessonId, lessonIds)))) {
        rows.set(r.userId, [...(rows.get(r.userId) ?? []), r]);
      }
    }
    const passes = new Map(
      (
        await database.db
          .select({ userId: courseQuizPasses.userId, passedAt: courseQuizPasses.passedAt })
          .from(courseQuizPasses)
          .where(and(inArray(courseQuizPasses.userId, chunk), eq(courseQuizPasses.courseId, course.id)))
      ).map((p) => [p.userId, p.passedAt]),
    );
    const completions = new Map(
      (
        await database.db
          .select({ userId: courseCompletions.userId, completedAt: courseCompletions.completedAt })
          .from(courseCompletions)
          .where(and(inArray(courseCompletions.userId, chunk), eq(courseCompletions.courseId, course.id)))
      ).map((c) => [c.userId, c.completedAt]),
    );
    for (const userId of chunk) {
      out.set(
        userId,
        courseProgress(course, rows.get(userId) ?? [], passes.get(userId) ?? null, completions.get(userId) ?? null),
      );
    }
  }
  return out;
}

/** One person's line on an assignment. */
export interface AssigneeStatus extends Assignee {
  status: AssignmentStatus;
  completedAt: Date | null;
  percent: number;
}

/** An assignment as its manager sees it. */
export interface ManagedAssignment extends AssignmentRecord {
  targets: TargetDescription[];
  createdByName: string;
  /** People within the viewer's scope, with their status. */
  people: AssigneeStatus[];
  counts: Record<AssignmentStatus, number>;
  /** Whether the viewer may close it (admins; leaders for assignments made in their subtree). */
  canManage: boolean;
}

async function describeTargets(database: Database, assignmentId: string): Promise<TargetDescription[]> {
  const rows = await database.db
    .select({
      kind: assignmentTargets.kind,
      unitName: units.name,
      includeSubunits: assignmentTargets.includeSubunits,
      position: assignmentTargets.position,
      fullName: users.fullName,
      username: users.username,
    })
    .from(assignmentTargets)
    .leftJoin(units, eq(units.id, assignmentTargets.unitId))
    .leftJoin(users, eq(users.id, assignmentTargets.userId))
    .where(eq(assignmentTargets.assignmentId, assignmentId))
    .orderBy(assignmentTargets.id);
  return rows.map((r) => {
    if (r.kind === 'unit')
      return {
        kind: r.kind,
        text: `${r.unitName ?? 'Đơn vị đã xóa'}${r.includeSubunits ? ' (gồm cả các đơn vị trực thuộc)' : ''}`,
      };
    if (r.kind === 'position')
      return {
        kind: r.kind,
        text: `${r.position ?? ''}: ${r.unitName ? `${r.unitName} và các đơn vị trực thuộc` : 'mọi đơn vị'}`,
      };
    return { kind: r.kind, text: r.fullName ? `${r.fullName} (${r.username})` : 'Tài khoản đã xóa' };
  });
}

const emptyCounts = (): Record<AssignmentStatus, number> => ({
  'not-started': 0,
  'in-progress': 0,
  'completed-on-time': 0,
  'completed-late': 0,
  overdue: 0,
});

async function manage(
  database: Database,
  record: AssignmentRecord,
  scope: Set<string> | null,
  catalog: CourseCatalog,
  now: Date,
): Promise<ManagedAssignment> {
  const course = catalog.courses.get(record.courseId);
  const people = (await listAssignees(database, record.id)).filter((p) => !scope || scope.has(p.unitId));
  const facts = course
    ? await courseFactsOf(
        database,
        course,
        people.map((p) => p.userId),
      )
    : new Map<string, CourseProgress>();
  const counts = emptyCounts();
  const lines = people.map((p) => {
    const progress = facts.get(p.userId);
    const status = assignmentStatus(
      { dueDate: record.dueDate, completedAt: progress?.completedAt ?? null, started: progress?.started ?? false },
      now,
    );
    counts[status]++;
    return {
      ...p,
      status,
      completedAt: progress?.completedAt ?? null,
      percent: progress ? progressPercent(progress) : 0,
    };
  });
  const [creator] = await database.db
    .select({ fullName: users.fullName })
    .from(users)
    .where(eq(users.id, record.createdBy));
  return {
    ...record,
    targets: await describeTargets(database, record.id),
    createdByName: creator?.fullName ?? '—',
    people: lines,
    counts,
    canManage: !scope || (record.ownerUnitId !== null && scope.has(record.ownerUnitId)),
  };
}

/**
 * Assignments an admin or leader manages, newest first, with per-status counts of the people
 * within their scope. A leader sees assignments made in their subtree and those made by an
 * admin that reach someone in it.
 */
export async function listManagedAssignments(
  database: Database,
  actor: Actor,
  options: LearningOptions = {},
): Promise<ManagedAssignment[]> {
  const scope = await scopeOf(database, actor);
  if (scope && scope.size === 0) return [];
  const catalog = options.catalog ?? (await loadCatalog());
  const now = options.now ?? new Date();
  const rows = await database.db
    .select(assignmentColumns)
    .from(assignments)
    .orderBy(sql`${assignments.createdAt} DESC`);
  const out: ManagedAssignment[] = [];
  for (const row of rows) {
    const ownedHere = !scope || (row.ownerUnitId !== null && scope.has(row.ownerUnitId));
    if (!ownedHere && row.ownerUnitId !== null) continue;
    const managed = await manage(
      database,
      { ...row, courseTitle: titleOf(catalog, row.courseId) },
      scope,
      catalog,
      now,
    );
    if (ownedHere || managed.people.length > 0) out.push(managed);
  }
  return out;
}

/** One assignment for its manager, or null when it does not exist or is not theirs to see. */
export async function getManagedAssignment(
  database: Database,
  actor: Actor,
  id: string,
  options: LearningOptions = {},
): Promise<ManagedAssignment | null> {
  const scope = await scopeOf(database, actor);
  if (scope && scope.size === 0) return null;
  const catalog = options.catalog ?? (await loadCatalog());
  const [row] = await database.db.select(assignmentColumns).from(assignments).where(eq(assignments.id, id));
  if (!row) return null;
  const managed = await manage(
    database,
    { ...row, courseTitle: titleOf(catalog, row.courseId) },
    scope,
    catalog,
    options.now ?? new Date(),
  );
  return managed.canManage || managed.people.length > 0 ? managed : null;
}

/** Outcome of {@link closeAssignment}. */
export type CloseAssignmentResult = { ok: true } | { ok: false; reason: 'not-found' | 'forbidden' };

/**
 * Closes an assignment: it reaches nobody new and gives no reminders; statuses stay readable.
 * Closing twice keeps the first date.
 */
export async function closeAssignment(
  database: Database,
  actor: Actor,
  id: string,
  options: { now?: Date } = {},
): Promise<CloseAssignmentResult> {
  const scope = await scopeOf(database, actor);
  const [row] = await database.db
    .select({ ownerUnitId: assignments.ownerUnitId })
    .from(assignments)
    .where(eq(assignments.id, id));
  if (!row) return { ok: false, reason: 'not-found' };
  if (scope && (row.ownerUnitId === null || !scope.has(row.ownerUnitId))) return { ok: false, reason: 'forbidden' };
  const now = options.now ?? new Date();
  await database.write((tx) =>
    tx
      .update(assignments)
      .set({ closedAt: sql`coalesce(${assignments.closedAt}, ${now.getTime()})` })
      .where(eq(assignments.id, id)),
  );
  return { ok: true };
}

/** An open assignment that reaches a learner, with their status. */
export interface LearnerAssignment extends AssignmentRecord {
  status: AssignmentStatus;
  reminder: Reminder | null;
  course: CatalogCourse | null;
  progress: CourseProgress | null;
}

/**
 * The open assignments that reach a learner now (by name, by their current unit or a unit
 * above it with sub-units, or by their position), ordered by deadline. When several reach
 * the same course, the strictest one is kept (required before recommended, then the earliest deadline).
 */
export async function listLearnerAssignments(
  database: Database,
  userId: string,
  options: LearningOptions = {},
): Promise<LearnerAssignment[]> {
  const catalog = options.catalog ?? (await loadCatalog());
  const now = options.now ?? new Date();
  const rows = await database.db.all<Omit<AssignmentRecord, 'courseTitle'>>(sql`
    WITH RECURSIVE
      me AS (SELECT id, unit_id, position FROM users WHERE id = ${userId} AND active = 1),
      above(id) AS (
        SELECT unit_id FROM me
        UNION
        SELECT u.parent_id FROM units u JOIN above a ON u.id = a.id WHERE u.parent_id IS NOT NULL
      )
    SELECT DISTINCT a.id AS id, a.course_id AS courseId, a.kind AS kind, a.due_date AS dueDate, a.note AS note,
           a.created_by AS createdBy, a.owner_unit_id AS ownerUnitId, a.created_at AS createdAt, a.closed_at AS closedAt
    FROM assignments a JOIN assignment_targets t ON t.assignment_id = a.id, me
    WHERE a.closed_at IS NULL AND (
      (t.kind = 'user' AND t.user_id = me.id)
      OR (t.kind = 'unit' AND t.unit_id = me.unit_id)
      OR (t.kind = 'unit' AND t.include_subunits = 1 AND t.unit_id IN (SELECT id FROM above))
      OR (t.kind = 'position' AND t.position = me.position AND (t.unit_id IS NULL OR t.unit_id IN (SELECT id FROM above)))
    )`);
  const strictest = new Map<string, Omit<AssignmentRecord, 'courseTitle'>>();
  for (const row of rows) {
    const kept = strictest.get(row.courseId);
    const better =
      !kept ||
      (row.kind === 'required' && kept.kind !== 'required') ||
      (row.kind === kept.kind && row.dueDate < kept.dueDate);
    if (better) strictest.set(row.courseId, row);
  }
  const progress = await progressByCourse(database, userId, [...strictest.keys()], { catalog });
  return [...strictest.values()]
    .map((row) => {
      const found = progress.get(row.courseId);
      const status = assignmentStatus(
        {
          dueDate: row.dueDate,
          completedAt: found?.progress.completedAt ?? null,
          started: found?.progress.started ?? false,
        },
        now,
      );
      return {
        ...row,
        // Raw SQL gives numbers for timestamp columns.
        createdAt: new Date(row.createdAt),
        closedAt: row.closedAt === null ? null : new Date(row.closedAt),
        courseTitle: titleOf(catalog, row.courseId),
        status,
        reminder: reminderFor(row.dueDate, status, now),
        course: found?.course ?? null,
        progress: found?.progress ?? null,
      };
    })
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.courseTitle.localeCompare(b.courseTitle, 'vi'));
}

/** The computed reminders of a learner (deadline within 7 days or passed, course not completed). */
export async function listReminders(
  database: Database,
  userId: string,
  options: LearningOptions = {},
): Promise<(LearnerAssignment & { reminder: Reminder })[]> {
  return (await listLearnerAssignments(database, userId, options)).filter(
    (a): a is LearnerAssignment & { reminder: Reminder } => a.reminder !== null,
  );
}

const remindersOfRequest = new WeakMap<object, Promise<(LearnerAssignment & { reminder: Reminder })[]>>();

/**
 * {@link listReminders}, computed once per request: the header's badge and a page's reminder
 * list ask for the same thing. `request` is any object that lives as long as the request
 * (Astro.locals).
 */
export function requestReminders(
  request: object,
  database: Database,
  userId: string,
): Promise<(LearnerAssignment & { reminder: Reminder })[]> {
  let pending = remindersOfRequest.get(request);
  if (!pending) {
    pending = listReminders(database, userId);
    remindersOfRequest.set(request, pending);
  }
  return pending;
}

/** Courses an actor may assign: published courses of the catalog, in catalog order. */
export async function assignableCourses(options: LearningOptions = {}): Promise<CatalogCourse[]> {
  const catalog = options.catalog ?? (await loadCatalog());
  return [...catalog.courses.values()].filter((c) => !c.draft);
}

/** Units an actor may target (their subtree, or all for an admin), for the form. */
export async function assignableUnitIds(database: Database, actor: Actor): Promise<Set<string> | null> {
  return scopeOf(database, actor);
}
