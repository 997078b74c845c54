/**
 * The dashboard's one definition of "a person's status on a course or an assignment", written
 * as SQL so that 3,000 people × 8 courses are counted by SQLite, not by JavaScript loops.
 *
 * It is the SQL equivalent of progress tracking's rule (src/lib/shared/learning/assignment-status.ts
 * `assignmentStatus`, with `deadlineEnd` of days.ts and `started` of course-progress.ts):
 * - completed: a recorded course completion (course_completions); on time when it falls before the
 *   end of the deadline day in Vietnam time (the deadline day + 1, 00:00 UTC+7), late otherwise;
 * - overdue: not completed and the deadline has ended;
 * - in progress: a lesson of the course opened, or its final quiz passed;
 * - not started: none of this.
 * Which deadline applies to a person and a course is the learner's own rule
 * (listLearnerAssignments): among the open assignments that reach them, the strictest
 * (required before recommended, then the earliest due date). A course nobody assigned has no
 * deadline, so a completion counts as on time and nobody is overdue.
 *
 * `asOf` makes the report a snapshot at the end of its period: completions, starts and
 * assignments after it are not counted yet, and deadlines are judged at that instant.
 */
import { sql, type SQL } from 'drizzle-orm';

/** The deadline end of a yyyy-mm-dd column as epoch milliseconds (UTC+7, inclusive day). */
const deadlineEndMs = (column: string) => sql.raw(`(unixepoch(${column}, '+1 day') * 1000 - 25200000)`);

/** What the status rows are computed over. */
export interface StatusQuerySpec {
  /** Units whose active members are counted; null means every unit. */
  unitIds: readonly string[] | null;
  /** Only people holding this position. */
  position?: string;
  /** One column per course (strictest open assignment gives the deadline), or per assignment. */
  columns: { kind: 'course'; courseIds: readonly string[] } | { kind: 'assignment'; assignmentIds: readonly string[] };
  /** The instant of the snapshot, epoch ms. */
  asOf: number;
  /**
   * The snapshot is now (no period end in the past): nothing can have started after it, so the
   * start checks need not read the rows' dates and stay within the (user, course) indexes.
   */
  current?: boolean;
}

/** Who may be counted: active members of the units, optionally holding one position. */
function peopleCte(spec: Pick<StatusQuerySpec, 'unitIds' | 'position'>): SQL {
  const unitFilter = spec.unitIds
    ? sql`AND unit_id IN (SELECT value FROM json_each(${JSON.stringify(spec.unitIds)}))`
    : sql``;
  const positionFilter = spec.position ? sql`AND position = ${spec.position}` : sql``;
  return sql`people(id, unit_id, position) AS (
      SELECT id, unit_id, position FROM users WHERE active = 1 ${unitFilter} ${positionFilter}
    )`;
}

/**
 * `people`, `asg` (given), `tgt`, `closure` and `reach(assignment_id, user_id)`: who each
 * assignment of `asg` reaches among `people`, as in listAssignees (learning/assignments.ts):
 * named people, the members of a unit (and of the units below it with include_subunits),
 * holders of a position (within a unit's subtree, or everywhere).
 */
function reachCtes(spec: Pick<StatusQuerySpec, 'unitIds' | 'position'>, asg: SQL): SQL {
  return sql`${peopleCte(spec)},
    ${asg},
    tgt AS (SELECT * FROM assignment_targets WHERE assignment_id IN (SELECT id FROM asg)),
    closure(root, id) AS (
      SELECT DISTINCT unit_id, unit_id FROM tgt WHERE unit_id IS NOT NULL
      UNION
      SELECT c.root, u.id FROM units u JOIN closure c ON u.parent_id = c.id
    ),
    reach(assignment_id, user_id) AS (
      SELECT t.assignment_id, p.id FROM tgt t JOIN people p ON t.kind = 'user' AND p.id = t.user_id
      UNION
      SELECT t.assignment_id, p.id FROM tgt t JOIN people p ON t.kind = 'unit' AND p.unit_id = t.unit_id
      UNION
      SELECT t.assignment_id, p.id FROM tgt t
        JOIN closure c ON t.kind = 'unit' AND t.include_subunits = 1 AND c.root = t.unit_id
        JOIN people p ON p.unit_id = c.id
      UNION
      SELECT t.assignment_id, p.id FROM tgt t JOIN people p ON t.kind = 'position' AND p.position = t.position
        WHERE t.unit_id IS NULL OR p.unit_id IN (SELECT c.id FROM closure c WHERE c.root = t.unit_id)
    )`;
}

/**
 * `WITH RECURSIVE …` defining `reach(assignment_id, user_id)` for every assignment made before
 * `asOf` (closed ones included) over the people of the spec. Callers append their SELECT.
 */
export function reachAllCte(spec: Pick<StatusQuerySpec, 'unitIds' | 'position' | 'asOf'>): SQL {
  const asg = sql`asg(id, course_id, kind, due_date) AS (
      SELECT id, course_id, kind, due_date FROM assignments WHERE created_at <= ${spec.asOf}
    )`;
  return sql`WITH RECURSIVE ${reachCtes(spec, asg)}`;
}

/**
 * Which (person, column) pairs a query needs: all of them, only those with a deadline (enough
 * for "overdue"), or only completed ones (enough for completions over time). The narrower sets
 * let SQLite start from the assignments or the completions instead of every person × course.
 */
export type PairSet = 'all' | 'deadlined' | 'completed';

/**
 * `WITH RECURSIVE …` defining `statused(user_id, unit_id, col, course_id, due_date,
 * completed_at, status)`: one row per person and column (of `pairs`). Callers append their SELECT.
 */
export function statusCte(spec: StatusQuerySpec, pairSet: PairSet = 'all'): SQL {
  const asOf = spec.asOf;
  const startedBefore = (column: string) => (spec.current ? sql`` : sql`AND ${sql.raw(column)} < ${asOf}`);

  const cols =
    spec.columns.kind === 'course'
      ? sql`cols(col, course_id, due_date) AS (
          SELECT value, value, NULL FROM json_each(${JSON.stringify(spec.columns.courseIds)})
        )`
      : sql`cols(col, course_id, due_date) AS (
          SELECT id, course_id, due_date FROM assignments
          WHERE id IN (SELECT value FROM json_each(${JSON.stringify(spec.columns.assignmentIds)}))
        )`;

  // Assignments that can give deadlines: per course, the open ones made before the snapshot;
  // per assignment, exactly the chosen ones (a closed assignment's statuses stay readable).
  const asg =
    spec.columns.kind === 'course'
      ? sql`asg(id, course_id, kind, due_date) AS (
          SELECT id, course_id, kind, due_date FROM assignments
          WHERE closed_at IS NULL AND created_at <= ${asOf} AND course_id IN (SELECT course_id FROM cols)
        )`
      : sql`asg(id, course_id, kind, due_date) AS (
          SELECT id, course_id, kind, due_date FROM assignments WHERE id IN (SELECT col FROM cols)
        )`;

  const coursePairs =
    pairSet === 'deadlined'
      ? sql`SELECT p.id, p.unit_id, c.col, c.course_id, d.due_date
          FROM deadline d JOIN people p ON p.id = d.user_id JOIN cols c ON c.course_id = d.course_id`
      : pairSet === 'completed'
        ? sql`SELECT p.id, p.unit_id, c.col, c.course_id, d.due_date
            FROM course_completions done JOIN people p ON p.id = done.user_id
            JOIN cols c ON c.course_id = done.course_id
            LEFT JOIN deadline d ON d.user_id = p.id AND d.course_id = c.course_id
            WHERE done.completed_at < ${asOf}`
        : sql`SELECT p.id, p.unit_id, c.col, c.course_id, d.due_date
            FROM people p CROSS JOIN cols c
            LEFT JOIN deadline d ON d.user_id = p.id AND d.course_id = c.course_id`;
  const pairs =
    spec.columns.kind === 'course'
      ? // The strictest assignment per person and course: required before recommended, then the
        // earliest deadline; min() over "0yyyy-mm-dd"/"1yyyy-mm-dd" keys picks it without a sort.
        sql`deadline(user_id, course_id, due_date) AS (
          SELECT r.user_id, a.course_id,
                 substr(min(CASE a.kind WHEN 'required' THEN '0' ELSE '1' END || a.due_date), 2)
          FROM reach r JOIN asg a ON a.id = r.assignment_id
          GROUP BY r.user_id, a.course_id
        ),
        pairs(user_id, unit_id, col, course_id, due_date) AS (${coursePairs})`
      : sql`pairs(user_id, unit_id, col, course_id, due_date) AS (
          SELECT p.id, p.unit_id, c.col, c.course_id, c.due_date
          FROM reach r JOIN people p ON p.id = r.user_id JOIN cols c ON c.col = r.assignment_id
        )`;

  return sql`WITH RECURSIVE
    ${cols},
    ${reachCtes(spec, asg)},
    ${pairs},
    facts AS (
      SELECT pr.*, cc.completed_at AS completed_at,
        (cc.completed_at IS NOT NULL
          OR EXISTS (SELECT 1 FROM lesson_progress lp
                     WHERE lp.user_id = pr.user_id AND lp.course_id = pr.course_id ${startedBefore('lp.started_at')})
          OR EXISTS (SELECT 1 FROM course_quiz_passes q
                     WHERE q.user_id = pr.user_id AND q.course_id = pr.course_id ${startedBefore('q.passed_at')})) AS started
      FROM pairs pr
      LEFT JOIN course_completions cc
        ON cc.user_id = pr.user_id AND cc.course_id = pr.course_id AND cc.completed_at < ${asOf}
    ),
    statused AS (
      SELECT user_id, unit_id, col, course_id, due_date, completed_at,
        CASE
          WHEN completed_at IS NOT NULL THEN
            CASE WHEN due_date IS NULL OR completed_at < ${deadlineEndMs('due_date')}
                 THEN 'completed-on-time' ELSE 'completed-late' END
          WHEN due_date IS NOT NULL AND ${asOf} >= ${deadlineEndMs('due_date')} THEN 'overdue'
          WHEN started THEN 'in-progress'
          ELSE 'not-started'
        END AS status
      FROM facts
    )`;
}

/**
 * `WITH …` defining `completed(user_id, unit_id, course_id, completed_at)`: the course
 * completions before `asOf` of the spec's people, for course columns. These are exactly the
 * completed rows of {@link statusCte} with pair set 'completed' (a completion is completed
 * whatever its deadline), without working out anyone's deadline: enough for counting
 * completions over time. Callers append their SELECT.
 */
export function courseCompletionsCte(spec: StatusQuerySpec & { columns: { kind: 'course' } }): SQL {
  return sql`WITH ${peopleCte(spec)},
    completed(user_id, unit_id, course_id, completed_at) AS (
      SELECT p.id, p.unit_id, done.course_id, done.completed_at
      FROM course_completions done JOIN people p ON p.id = done.user_id
      WHERE done.completed_at < ${spec.asOf}
        AND done.course_id IN (SELECT value FROM json_each(${JSON.stringify(spec.columns.courseIds)}))
    )`;
}
