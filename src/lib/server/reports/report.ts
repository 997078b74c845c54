import { inArray, sql } from 'drizzle-orm';
import { certificates } from '../../../../db/schema/index';
import type { ReportFilters } from '../../schemas/report';
import type { AssignmentKind, AssignmentStatus } from '../../shared/learning/assignment-status';
import type { CourseCatalog } from '../../shared/learning/catalog';
import { daysUntil, deadlineEnd, vietnamDay } from '../../shared/learning/days';
import {
  addCounts,
  countOf,
  emptyCounts,
  statusesOf,
  STATUS_ORDER,
  type StatusCounts,
} from '../../shared/reports/statuses';
import type { Database } from '../db';
import { loadCatalog } from '../learning/catalog';
import type { SessionUser } from '../session';
import { resolveReportScope, type ReportScope, type ReportUnit } from './scope';
import { courseCompletionsCte, reachAllCte, statusCte, type PairSet, type StatusQuerySpec } from './status-query';

/** Injectable clock and catalog (tests). */
export interface ReportOptions {
  now?: Date;
  catalog?: CourseCatalog;
}

/** A matrix column: a course, or an assignment of a course with its deadline. */
export interface ReportColumn {
  key: string;
  courseId: string;
  title: string;
  /** Assignment columns: the deadline (yyyy-mm-dd) and kind. */
  dueDate: string | null;
  kind: AssignmentKind | null;
  closed: boolean;
}

/** A unit's line of the matrix: counts per column, for its own members and with every unit below. */
export interface MatrixRow {
  unit: ReportUnit;
  /** Per column (same order as the columns), members of this unit only. */
  own: StatusCounts[];
  /** Per column, this unit and every unit below it. */
  total: StatusCounts[];
  /** All columns together (people × columns), this unit and every unit below it. */
  totalAll: StatusCounts;
}

/** An assignment a viewer may filter on: it reaches someone in their scope, or was made there. */
export interface AssignmentOption {
  id: string;
  courseId: string;
  courseTitle: string;
  kind: AssignmentKind;
  dueDate: string;
  closed: boolean;
  /** People it reaches within the viewer's scope. */
  reached: number;
}

/** Everything the dashboard, the exports and the printed report show. */
export interface ReportData {
  scope: ReportScope;
  filters: ReportFilters;
  /** The snapshot instant (end of the period, or now). */
  asOf: Date;
  /** First day of the period (yyyy-mm-dd), when one is set. */
  periodFrom: string | null;
  /** Last day counted (yyyy-mm-dd, Vietnam time). */
  periodTo: string;
  columns: ReportColumn[];
  /** Every unit of the scope, parents first, siblings in Vietnamese order. */
  rows: MatrixRow[];
  /** Per column, everyone in scope. */
  totals: StatusCounts[];
  /** Everything in scope. */
  grand: StatusCounts;
  /** Active people in scope (after the position filter). */
  people: number;
  /** Filter choices. */
  courses: { id: string; title: string }[];
  assignments: AssignmentOption[];
  /** The query spec the people lists and exports reuse. */
  spec: StatusQuerySpec;
}

/** Outcome of {@link loadReport}. */
export type ReportResult = { ok: true; data: ReportData } | { ok: false; status: 403 | 404; message: string };

/** The snapshot instant: the end of the period's last day, or now when that is later. */
export function snapshotInstant(filters: Pick<ReportFilters, 'to'>, now: Date): Date {
  if (!filters.to) return now;
  const end = deadlineEnd(filters.to);
  return end < now ? end : now;
}

/**
 * Courses a report can show: the published courses of the catalog, then courses that only the
 * data knows (removed from the content, or created by the province-sized seed), titled as their
 * certificates were.
 */
async function reportCourses(database: Database, catalog: CourseCatalog): Promise<{ id: string; title: string }[]> {
  const known = [...catalog.courses.values()].filter((c) => !c.draft).map((c) => ({ id: c.id, title: c.title }));
  const seen = new Set(catalog.courses.keys());
  const rows = await database.db.all<{ id: string }>(sql`
    SELECT DISTINCT course_id AS id FROM course_completions
    UNION SELECT DISTINCT course_id FROM assignments`);
  const extra = rows.map((r) => r.id).filter((id) => !seen.has(id));
  if (extra.length === 0) return known;
  const titles = new Map(
    (
      await database.db
        .select({ id: certificates.courseId, title: sql<string>`max(${certificates.courseTitle})` })
        .from(certificates)
        .where(inArray(certificates.courseId, extra))
        .groupBy(certificates.courseId)
    ).map((r) => [r.id, r.title]),
  );
  const collator = new Intl.Collator('vi');
  return [
    ...known,
    ...extra.map((id) => ({ id, title: titles.get(id) ?? id })).sort((a, b) => collator.compare(a.title, b.title)),
  ];
}

/** Assignments visible within a scope at a snapshot, newest deadline first. */
async function visibleAssignments(
  database: Database,
  scope: ReportScope,
  asOf: number,
  titles: ReadonlyMap<string, string>,
): Promise<AssignmentOption[]> {
  const unitIds = scope.root ? scope.unitIds : null;
  const rows = await database.db.all<{
    id: string;
    courseId: string;
    kind: AssignmentKind;
    dueDate: string;
    closedAt: number | null;
    ownerUnitId: string | null;
    reached: number;
  }>(sql`${reachAllCte({ unitIds, asOf })},
    counted(id, reached) AS (SELECT assignment_id, count(*) FROM reach GROUP BY assignment_id)
    SELECT a.id AS id, a.course_id AS courseId, a.kind AS kind, a.due_date AS dueDate, a.closed_at AS closedAt,
           a.owner_unit_id AS ownerUnitId, coalesce(c.reached, 0) AS reached
    FROM assignments a LEFT JOIN counted c ON c.id = a.id
    WHERE a.created_at <= ${asOf}
    ORDER BY a.due_date DESC, a.created_at DESC`);
  const inScope = new Set(scope.unitIds);
  return rows
    .filter((r) => r.reached > 0 || !unitIds || (r.ownerUnitId !== null && inScope.has(r.ownerUnitId)))
    .map((r) => ({
      id: r.id,
      courseId: r.courseId,
      courseTitle: titles.get(r.courseId) ?? r.courseId,
      kind: r.kind,
      dueDate: r.dueDate,
      closed: r.closedAt !== null,
      reached: r.reached,
    }));
}

/**
 * The completion matrix of a viewer's report: scope checked first (403 for a unit or an
 * assignment outside it), then one aggregate query grouped by unit, column and status; the
 * few hundred resulting counts are rolled up the unit tree here.
 * @param user the signed-in viewer (leader or admin)
 * @param filters validated query parameters
 */
export async function loadReport(
  database: Database,
  user: Pick<SessionUser, 'roles' | 'unitId'>,
  filters: ReportFilters,
  options: ReportOptions = {},
): Promise<ReportResult> {
  const scoped = await resolveReportScope(database, user, filters.unitId);
  if (!scoped.ok)
    return {
      ok: false,
      status: scoped.status,
      message: scoped.status === 403 ? 'Đơn vị này nằm ngoài phạm vi bạn được xem.' : 'Không tìm thấy đơn vị.',
    };
  const { scope } = scoped;
  const catalog = options.catalog ?? (await loadCatalog());
  const now = options.now ?? new Date();
  const asOf = snapshotInstant(filters, now);
  const courses = await reportCourses(database, catalog);
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  if (filters.courseId && !titles.has(filters.courseId))
    return { ok: false, status: 404, message: 'Không tìm thấy khóa học đã chọn.' };

  const assignments = await visibleAssignments(database, scope, asOf.getTime(), titles);
  if (filters.assignmentId && !assignments.some((a) => a.id === filters.assignmentId))
    return { ok: false, status: 403, message: 'Đợt giao này không thuộc phạm vi bạn được xem.' };

  let columns: ReportColumn[];
  if (filters.columns === 'assignment') {
    columns = assignments
      .filter((a) => (filters.assignmentId ? a.id === filters.assignmentId : true))
      .filter((a) => (filters.courseId ? a.courseId === filters.courseId : true))
      .map((a) => ({
        key: a.id,
        courseId: a.courseId,
        title: a.courseTitle,
        dueDate: a.dueDate,
        kind: a.kind,
        closed: a.closed,
      }));
  } else {
    columns = courses
      .filter((c) => (filters.courseId ? c.id === filters.courseId : true))
      .map((c) => ({ key: c.id, courseId: c.id, title: c.title, dueDate: null, kind: null, closed: false }));
  }

  const spec: StatusQuerySpec = {
    unitIds: scope.root ? scope.unitIds : null,
    position: filters.position,
    columns:
      filters.columns === 'assignment'
        ? { kind: 'assignment', assignmentIds: columns.map((c) => c.key) }
        : { kind: 'course', courseIds: columns.map((c) => c.key) },
    asOf: asOf.getTime(),
    current: asOf.getTime() === now.getTime(),
  };
  const counts =
    columns.length === 0
      ? []
      : await database.db.all<{
          unitId: string;
          col: string;
          status: AssignmentStatus;
          n: number;
        }>(sql`${statusCte(spec)}
      SELECT unit_id AS unitId, col, status, count(*) AS n FROM statused GROUP BY unit_id, col, status`);
  const [{ people = 0 } = {}] = await database.db.all<{ people: number }>(sql`
    SELECT count(*) AS people FROM users WHERE active = 1
      ${spec.unitIds ? sql`AND unit_id IN (SELECT value FROM json_each(${JSON.stringify(spec.unitIds)}))` : sql``}
      ${spec.position ? sql`AND position = ${spec.position}` : sql``}`);

  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  const own = new Map<string, StatusCounts[]>(scope.units.map((u) => [u.id, columns.map(() => emptyCounts())]));
  for (const row of counts) {
    const cells = own.get(row.unitId);
    const i = colIndex.get(row.col);
    if (!cells || i === undefined) continue;
    const cell = cells[i]!;
    cell[row.status] += row.n;
    cell.total += row.n;
  }
  // Children come after their parent in scope.units: summing in reverse order rolls every
  // unit's counts up into its parent in one pass.
  const total = new Map<string, StatusCounts[]>();
  for (const unit of scope.units)
    total.set(
      unit.id,
      own.get(unit.id)!.map((c) => addCounts(emptyCounts(), c)),
    );
  for (const unit of [...scope.units].reverse()) {
    // Only parents inside the scope: a root's own parent is not part of the report.
    const parentCells = unit.parentId && unit.depth > 0 ? total.get(unit.parentId) : undefined;
    if (!parentCells) continue;
    total.get(unit.id)!.forEach((c, i) => addCounts(parentCells[i]!, c));
  }
  const rows: MatrixRow[] = scope.units.map((unit) => {
    const cells = total.get(unit.id)!;
    return {
      unit,
      own: own.get(unit.id)!,
      total: cells,
      totalAll: cells.reduce((sum, c) => addCounts(sum, c), emptyCounts()),
    };
  });
  const tops = rows.filter((r) => scope.topIds.includes(r.unit.id));
  const totals = columns.map((_, i) => tops.reduce((sum, r) => addCounts(sum, r.total[i]!), emptyCounts()));
  return {
    ok: true,
    data: {
      scope,
      filters,
      asOf,
      periodFrom: filters.from ?? null,
      periodTo: vietnamDay(new Date(asOf.getTime() - 1)),
      columns,
      rows,
      totals,
      grand: totals.reduce((sum, c) => addCounts(sum, c), emptyCounts()),
      people,
      courses,
      assignments,
      spec,
    },
  };
}

/** One person's line on one column. */
export interface PersonStatusRow {
  userId: string;
  fullName: string;
  username: string;
  position: string;
  unitId: string;
  unitName: string;
  columnKey: string;
  courseId: string;
  dueDate: string | null;
  completedAt: Date | null;
  status: AssignmentStatus;
  /** Whole days past the deadline at the snapshot (overdue rows), else 0. */
  daysOverdue: number;
}

/** Options of {@link listPersonStatuses}. */
export interface PersonListOptions {
  /** Only members of these units (default: the whole report scope). */
  unitIds?: readonly string[];
  /** Only these statuses (default: the report's status filter). */
  statuses?: readonly AssignmentStatus[];
  /** Most overdue first instead of by unit and name. */
  order?: 'unit-name' | 'most-overdue';
  limit?: number;
}

/** Vietnamese order of names (Intl.Collator 'vi'): by given name (the last word), then the whole name. */
const collator = new Intl.Collator('vi', { sensitivity: 'base' });
const givenName = (name: string) => name.trim().split(/\s+/).at(-1) ?? name;

/**
 * People of a report with their status per column, filtered in SQL (units, statuses) and
 * sorted in Vietnamese order (unit tree order, then given name) or most overdue first.
 * @returns the rows (limited when asked) and how many there are in all
 */
export async function listPersonStatuses(
  database: Database,
  data: ReportData,
  options: PersonListOptions = {},
): Promise<{ rows: PersonStatusRow[]; total: number }> {
  if (data.columns.length === 0) return { rows: [], total: 0 };
  const statuses = options.statuses ?? statusesOf(data.filters.status);
  const spec: StatusQuerySpec = options.unitIds ? { ...data.spec, unitIds: options.unitIds } : data.spec;
  const where = sql`WHERE s.status IN (SELECT value FROM json_each(${JSON.stringify(statuses)}))`;
  // Overdue needs a deadline and completed statuses a completion: compute only those pairs.
  const pairSet: PairSet = statuses.every((st) => st === 'overdue')
    ? 'deadlined'
    : statuses.every((st) => st === 'completed-on-time' || st === 'completed-late')
      ? 'completed'
      : 'all';
  const mostOverdue = options.order === 'most-overdue';
  const raw = await database.db.all<{
    userId: string;
    fullName: string;
    username: string;
    position: string;
    unitId: string;
    col: string;
    courseId: string;
    dueDate: string | null;
    completedAt: number | null;
    status: AssignmentStatus;
  }>(sql`${statusCte(spec, pairSet)}
    SELECT s.user_id AS userId, u.full_name AS fullName, u.username AS username, u.position AS position,
           s.unit_id AS unitId, s.col AS col, s.course_id AS courseId, s.due_date AS dueDate,
           s.completed_at AS completedAt, s.status AS status
    FROM statused s JOIN users u ON u.id = s.user_id ${where}
    ${mostOverdue ? sql`ORDER BY s.due_date, s.user_id` : sql``}
    ${mostOverdue && options.limit ? sql`LIMIT ${options.limit}` : sql``}`);
  // Over the whole report the matrix has already counted every status: no second pass needed.
  const total =
    mostOverdue && options.limit
      ? options.unitIds
        ? ((
            await database.db.all<{ n: number }>(
              sql`${statusCte(spec, pairSet)} SELECT count(*) AS n FROM statused s ${where}`,
            )
          )[0]?.n ?? 0)
        : countOf(data.grand, statuses)
      : raw.length;

  const unitName = new Map(data.scope.units.map((u) => [u.id, u.name]));
  const unitOrder = new Map(data.scope.units.map((u, i) => [u.id, i]));
  const colOrder = new Map(data.columns.map((c, i) => [c.key, i]));
  const asOf = data.asOf;
  const rows: PersonStatusRow[] = raw.map((r) => {
    return {
      userId: r.userId,
      fullName: r.fullName,
      username: r.username,
      position: r.position,
      unitId: r.unitId,
      unitName: unitName.get(r.unitId) ?? r.unitId,
      columnKey: r.col,
      courseId: r.courseId,
      dueDate: r.dueDate,
      completedAt: r.completedAt === null ? null : new Date(r.completedAt),
      status: r.status,
      // daysUntil counts calendar days; the snapshot instant is just after the period's last day.
      daysOverdue:
        r.status === 'overdue' && r.dueDate ? Math.max(1, -daysUntil(r.dueDate, new Date(asOf.getTime() - 1))) : 0,
    };
  });
  // Sort keys computed once per row: Intl.Collator compares are the cost here, not the rows.
  const givenKey = new Map<string, string>();
  for (const r of rows) if (!givenKey.has(r.fullName)) givenKey.set(r.fullName, givenName(r.fullName));
  const nameOrder = new Map(
    [...givenKey.keys()]
      .sort((a, b) => collator.compare(givenKey.get(a)!, givenKey.get(b)!) || collator.compare(a, b))
      .map((name, i) => [name, i]),
  );
  const byName = (a: PersonStatusRow, b: PersonStatusRow) =>
    nameOrder.get(a.fullName)! - nameOrder.get(b.fullName)! || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  const byColumn = (a: PersonStatusRow, b: PersonStatusRow) =>
    (colOrder.get(a.columnKey) ?? 0) - (colOrder.get(b.columnKey) ?? 0);
  rows.sort(
    mostOverdue
      ? (a, b) => b.daysOverdue - a.daysOverdue || byName(a, b) || byColumn(a, b)
      : (a, b) => (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) || byName(a, b) || byColumn(a, b),
  );
  return { rows: options.limit && !mostOverdue ? rows.slice(0, options.limit) : rows, total };
}

/** Completions per period bucket for the line chart. */
export interface TimelinePoint {
  /** yyyy-mm (month buckets) or yyyy-mm-dd (day buckets). */
  bucket: string;
  label: string;
  count: number;
}

/**
 * Completions over time within the report's population and columns: per day for periods up to
 * 45 days, per month otherwise; the default period is the 12 months up to the snapshot.
 */
export async function completionTimeline(database: Database, data: ReportData): Promise<TimelinePoint[]> {
  const lastDay = data.periodTo;
  const firstDay =
    data.periodFrom ??
    (() => {
      const [y, m] = lastDay.split('-').map(Number) as [number, number];
      const start = new Date(Date.UTC(y, m - 12, 1));
      return start.toISOString().slice(0, 10);
    })();
  const spanDays = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000) + 1;
  const byDay = spanDays <= 45;
  const buckets: { bucket: string; label: string }[] = [];
  if (byDay) {
    for (let t = Date.parse(firstDay); t <= Date.parse(lastDay); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      buckets.push({ bucket: iso, label: `${iso.slice(8, 10)}/${iso.slice(5, 7)}` });
    }
  } else {
    let [y, m] = firstDay.split('-').map(Number) as [number, number];
    const [ly, lm] = lastDay.split('-').map(Number) as [number, number];
    while (y < ly || (y === ly && m <= lm)) {
      buckets.push({ bucket: `${y}-${String(m).padStart(2, '0')}`, label: `${String(m).padStart(2, '0')}/${y}` });
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  if (data.columns.length === 0) return buckets.map((b) => ({ ...b, count: 0 }));
  const from = deadlineEnd(firstDay).getTime() - 86_400_000;
  const format = byDay ? '%Y-%m-%d' : '%Y-%m';
  const bucket = sql`strftime(${format}, (completed_at + 25200000) / 1000, 'unixepoch')`;
  const { spec } = data;
  // Per course, a completion counts whatever its deadline: no need to work deadlines out.
  const rows =
    spec.columns.kind === 'course'
      ? await database.db.all<{
          bucket: string;
          n: number;
        }>(sql`${courseCompletionsCte({ ...spec, columns: spec.columns })}
    SELECT ${bucket} AS bucket, count(*) AS n FROM completed WHERE completed_at >= ${from} GROUP BY bucket`)
      : await database.db.all<{ bucket: string; n: number }>(sql`${statusCte(spec, 'completed')}
    SELECT ${bucket} AS bucket, count(*) AS n
    FROM statused WHERE completed_at IS NOT NULL AND completed_at >= ${from}
    GROUP BY bucket`);
  const counts = new Map(rows.map((r) => [r.bucket, r.n]));
  return buckets.map((b) => ({ ...b, count: counts.get(b.bucket) ?? 0 }));
}

/** Statuses in table order (re-exported for pages). */
export { STATUS_ORDER };
