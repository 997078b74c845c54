/**
 * Quizzes, their immutable versions, attempts and saved answers (issue 4).
 *
 * Flow: the sync (scripts/db-prepare.ts, run by `npm start`) loads src/content/quizzes/*.yaml
 * with loadQuizFiles(), inserts a quiz_versions row for every hash not stored yet and points
 * quizzes.current_version_hash at it. An attempt is composed from the current version and keeps
 * its version_hash and layout for ever, so editing a quiz never changes the meaning of past
 * attempts. See src/lib/server/quizzes.ts and docs/decisions/021-quiz-attempts.md.
 */
import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Quiz } from '../../src/lib/schemas/quiz';
import type { AnswerMap } from '../../src/lib/schemas/quiz-answer';
import type { QuizLayout } from '../../src/lib/schemas/quiz-layout';
import type { QuestionGrade } from '../../src/lib/server/quiz/grade';
import { users } from './users';

const createdNow = sql`(unixepoch() * 1000)`;

/** One row per quiz file; which version new attempts use. */
export const quizzes = sqliteTable(
  'quizzes',
  {
    /** The file name without extension (LoadedQuiz.id). */
    id: text('id').primaryKey(),
    targetKind: text('target_kind', { enum: ['lesson', 'course'] }).notNull(),
    targetId: text('target_id').notNull(),
    /** The course of the target (the target itself for a final quiz): builds the quiz page URL. */
    courseId: text('course_id').notNull(),
    title: text('title').notNull(),
    currentVersionHash: text('current_version_hash').notNull(),
    /** Set when the file disappears from the content: no new attempts, history kept. */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(createdNow),
  },
  // A renamed file retires the old row; only live quizzes must have distinct targets.
  (t) => [
    uniqueIndex('quizzes_target_idx')
      .on(t.targetKind, t.targetId)
      .where(sql`retired_at IS NULL`),
  ],
);

/** Every version of every quiz ever synced, immutable. Holds the answer key: server-only. */
export const quizVersions = sqliteTable(
  'quiz_versions',
  {
    quizId: text('quiz_id')
      .notNull()
      .references(() => quizzes.id),
    /** quizContentHash(): SHA-256 hex of the canonical JSON of the parsed quiz. */
    versionHash: text('version_hash').notNull(),
    /** The parsed quiz (defaults applied); re-validated with QuizSchema when read. */
    definitionJson: text('definition_json', { mode: 'json' }).$type<Quiz>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(createdNow),
  },
  (t) => [primaryKey({ columns: [t.quizId, t.versionHash] })],
);

/** One learner's attempt at one quiz version. */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    /** Random id (not a counter): it appears in URLs and must not be guessable. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    quizId: text('quiz_id').notNull(),
    versionHash: text('version_hash').notNull(),
    /** 1 for the learner's first attempt at the quiz (any version); statistics use 1 only. */
    attemptNumber: integer('attempt_number').notNull(),
    /** composeAttempt() output, checked with QuizLayoutSchema and resolveLayout() when read. */
    layoutJson: text('layout_json', { mode: 'json' }).$type<QuizLayout>().notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull().default(createdNow),
    /** Null while open. Set once, by `UPDATE … WHERE id = ? AND submitted_at IS NULL` (double submit = 0 rows). */
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    /** AttemptGrade.percent (0–100). */
    score: real('score'),
    earned: real('earned'),
    total: real('total'),
    passed: integer('passed', { mode: 'boolean' }),
    /** AttemptGrade.questions, kept for review pages and question statistics. */
    gradeJson: text('grade_json', { mode: 'json' }).$type<QuestionGrade[]>(),
  },
  (t) => [
    foreignKey({ columns: [t.quizId, t.versionHash], foreignColumns: [quizVersions.quizId, quizVersions.versionHash] }),
    index('quiz_attempts_user_quiz_idx').on(t.userId, t.quizId, t.startedAt),
    index('quiz_attempts_quiz_first_idx').on(t.quizId, t.attemptNumber),
    uniqueIndex('quiz_attempts_number_idx').on(t.userId, t.quizId, t.attemptNumber),
    // At most one open attempt per learner and quiz, even when two "start" requests race.
    uniqueIndex('quiz_attempts_open_idx')
      .on(t.userId, t.quizId)
      .where(sql`submitted_at IS NULL`),
  ],
);

/** The latest saved answer per question of an open or submitted attempt (upserted on every save). */
export const quizAnswers = sqliteTable(
  'quiz_answers',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => quizAttempts.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    /** One Answer (AnswerSchema), in the attempt's opaque ids. */
    answerJson: text('answer_json', { mode: 'json' }).$type<AnswerMap[string]>().notNull(),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull().default(createdNow),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);
