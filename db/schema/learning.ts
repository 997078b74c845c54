/**
 * Learning progress, course completions, certificates and assigned training (issue 5).
 * Courses and lessons live in the content (src/content), so their ids are plain text here;
 * rows that point at content that later disappears are kept and ignored.
 * See src/lib/server/learning/ and docs/decisions/050-progress-and-completion.md.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { users } from './users';

const createdNow = sql`(unixepoch() * 1000)`;

/**
 * One row per learner and lesson, created when the lesson is first opened (or marked done,
 * or its quiz passed). Written only with INSERT … ON CONFLICT DO UPDATE, so parallel requests
 * end in this one row.
 */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    /** The course the lesson belonged to at the last write (lessons are listed per course). */
    courseId: text('course_id').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    /** Last time the learner opened the lesson; the latest row is "where I stopped". */
    lastVisitedAt: integer('last_visited_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set once; marking again or passing the quiz later keeps the first date. */
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    /** What completed it first: the learner's "mark done" or a passed lesson quiz. */
    completedBy: text('completed_by', { enum: ['manual', 'quiz'] }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonId] }),
    index('lesson_progress_user_course_idx').on(t.userId, t.courseId),
    index('lesson_progress_user_visited_idx').on(t.userId, t.lastVisitedAt),
  ],
);

/**
 * First pass of a course's final quiz per learner, recorded by onQuizPassed() inside the quiz
 * submit transaction (kept here so the completion rule does not read the quiz tables).
 */
export const courseQuizPasses = sqliteTable(
  'course_quiz_passes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    passedAt: integer('passed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] })],
);

/** A course completed by a learner: recorded once, never revoked (decision 050). */
export const courseCompletions = sqliteTable(
  'course_completions',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    /** When the rule was first met: the latest of the required lessons' and the final quiz's dates. */
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull().default(createdNow),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] }), index('course_completions_course_idx').on(t.courseId)],
);

/**
 * A certificate issued on completion. The printed facts are copied at issue time: a
 * certificate keeps saying what was true when it was issued, whatever is renamed later.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    /** Unique verification code (e.g. "K7QF-3M9T-XW2H"), printed on the PDF and used in /chung-nhan/<code>. */
    code: text('code').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    fullName: text('full_name').notNull(),
    position: text('position').notNull(),
    unitName: text('unit_name').notNull(),
    courseTitle: text('course_title').notNull(),
    hours: real('hours').notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('certificates_user_course_idx').on(t.userId, t.courseId)],
);

/**
 * A course assigned by a leader (within their unit subtree) or an admin, with a deadline.
 * Who it reaches is computed from its targets at query time, so people who join a unit later
 * get its open assignments.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    /** Random id (appears in URLs). */
    id: text('id').primaryKey(),
    courseId: text('course_id').notNull(),
    kind: text('kind', { enum: ['required', 'recommended'] }).notNull(),
    /** Last day (yyyy-mm-dd, Vietnam time), inclusive. */
    dueDate: text('due_date').notNull(),
    note: text('note'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    /** The unit whose leaders manage it: the creator's unit for a leader, null for an admin. */
    ownerUnitId: text('owner_unit_id').references(() => units.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(createdNow),
    /** Closed assignments reach nobody new and give no reminders; statuses stay readable. */
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('assignments_owner_idx').on(t.ownerUnitId), index('assignments_course_idx').on(t.courseId)],
);

/** Who an assignment is for: a unit (with or without the units below it), a position, or one person. */
export const assignmentTargets = sqliteTable(
  'assignment_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['unit', 'position', 'user'] }).notNull(),
    /** Unit target: the unit. Position target: where the position counts (its subtree); null = everywhere. */
    unitId: text('unit_id').references(() => units.id),
    /** Unit target: also the units below it. */
    includeSubunits: integer('include_subunits', { mode: 'boolean' }).notNull().default(false),
    position: text('position'),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('assignment_targets_assignment_idx').on(t.assignmentId),
    index('assignment_targets_unit_idx').on(t.kind, t.unitId),
    index('assignment_targets_user_idx').on(t.kind, t.userId),
    index('assignment_targets_position_idx').on(t.kind, t.position),
  ],
);

/**
 * The completion rules the recorded completions were last checked against (a hash of every
 * course's required lessons and final quiz). When the content changes them, startup re-applies
 * the rule to everyone with progress (src/lib/server/learning/completion.ts applyCompletionRules).
 */
export const completionRulesState = sqliteTable('completion_rules_state', {
  id: integer('id').primaryKey(),
  rulesHash: text('rules_hash').notNull(),
  appliedAt: integer('applied_at', { mode: 'timestamp_ms' }).notNull(),
});
