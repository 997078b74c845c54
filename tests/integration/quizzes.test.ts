// The quiz server module against a real libSQL file: sync and versions, attempt policy,
// version change mid-attempt, double submit, ownership, malformed answers, review rules,
// the progress hook, history and statistics.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { quizAnswers, quizAttempts, quizVersions, quizzes } from '../../db/schema/index';
import { eq } from 'drizzle-orm';
import type { Quiz } from '../../src/lib/schemas/quiz';
import type { Answer } from '../../src/lib/schemas/quiz-answer';
import type { QuizLayout } from '../../src/lib/schemas/quiz-layout';
import { quizContentHash } from '../../src/lib/server/quiz/content-hash';
import {
  readContentTargets,
  syncQuizzes,
  syncQuizzesFromContent,
  type ContentTargets,
} from '../../src/lib/server/quiz-sync';
import {
  attemptHistory,
  getAttemptView,
  quizOverview,
  quizStatistics,
  saveAnswer,
  startAttempt,
  submitAttempt,
} from '../../src/lib/server/quizzes';
import { findLoginCandidate } from '../../src/lib/server/users';
import { DEMO_USERS } from '../../db/seed/demo-accounts';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { opaqueItemIds, opaqueOptionId, sampleQuiz } from '../support/quiz-fixtures';

const hook = vi.hoisted(() => ({ calls: [] as unknown[], fail: false }));
vi.mock('../../src/lib/server/learning/quiz-hook', () => ({
  onQuizPassed: async (tx: unknown, event: unknown) => {
    hook.calls.push({ hasTx: typeof (tx as { select?: unknown }).select === 'function', event });
    if (hook.fail) throw new Error('progress failed');
  },
}));

const TARGETS: ContentTargets = { lessons: new Map([['so-hoa-ho-so', 'so-hoa-ho-so-vu-an']]), courses: new Set() };
const QUIZ_ID = 'mau-so-hoa';

let t: TestDatabase;
let learner: string;
let other: string;

const loaded = (quiz: Quiz, id = QUIZ_ID) => ({ id, file: `${id}.yaml`, quiz, hash: quizContentHash(quiz) });

async function layoutOf(attemptId: string): Promise<QuizLayout> {
  const row = await t.database.db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
  return row!.layoutJson;
}

async function attemptRow(attemptId: string) {
  return t.database.db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
}

/** Every answer right, in the attempt's opaque ids. */
async function rightAnswers(attemptId: string): Promise<Record<string, Answer>> {
  const layout = await layoutOf(attemptId);
  return {
    'q-single': { type: 'single', optionId: opaqueOptionId(layout, 'q-single', 'a') },
    'q-multiple': {
      type: 'multiple',
      optionIds: [opaqueOptionId(layout, 'q-multiple', 'a'), opaqueOptionId(layout, 'q-multiple', 'b')],
    },
    'q-truefalse': { type: 'truefalse', value: true },
    'q-ordering': { type: 'ordering', itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2, 3]) },
    'q-text': { type: 'text', text: 'dien tu' },
  };
}

async function saveAll(userId: string, attemptId: string, answers: Record<string, Answer>) {
  for (const [questionId, answer] of Object.entries(answers)) {
    const saved = await saveAnswer(t.database, { userId, attemptId, questionId, answer });
    expect(saved).toEqual({ ok: true });
  }
}

/** Saves the demo learner's `answer` to `questionId` in `attemptId`. */
function learnerSaves(attemptId: string, questionId: string, answer: Answer) {
  return saveAnswer(t.database, { userId: learner, attemptId, questionId, answer });
}

async function startOk(userId: string, now?: Date): Promise<string> {
  const started = await startAttempt(t.database, { userId, quizId: QUIZ_ID, now });
  if (!started.ok) throw new Error(`start refused: ${started.reason}`);
  return started.attemptId;
}

beforeAll(async () => {
  t = await createTestDatabase();
  learner = (await findLoginCandidate(t.database, DEMO_USERS.learner))!.id;
  other = (await findLoginCandidate(t.database, DEMO_USERS.organiser))!.id;
});
afterAll(async () => {
  await t?.cleanup();
});
beforeEach(async () => {
  hook.calls.length = 0;
  hook.fail = false;
  // Each test starts from no attempts and the sample quiz as the only live quiz.
  await t.database.write(async (tx) => {
    await tx.delete(quizAnswers);
    await tx.delete(quizAttempts);
  });
  const synced = await syncQuizzes(t.database, [loaded(sampleQuiz())], TARGETS);
  expect(synced.ok).toBe(true);
});

describe('syncing quizzes from content', () => {
  it('stores every starter quiz with its content hash and a lesson or course that exists', async () => {
    const fresh = await createTestDatabase({ seedDemo: false });
    try {
      const rows = await fresh.database.db.select().from(quizzes);
      const versions = await fresh.database.db.select().from(quizVersions);
      expect(rows.length).toBeGreaterThanOrEqual(23);
      expect(versions).toHaveLength(rows.length);
      const targets = await readContentTargets('src/content');
      for (const row of rows) {
        expect(row.retiredAt).toBeNull();
        const version = versions.find((v) => v.quizId === row.id)!;
        expect(row.currentVersionHash).toBe(quizContentHash(version.definitionJson));
        if (row.targetKind === 'lesson') expect(targets.lessons.get(row.targetId)).toBe(row.courseId);
        else expect(targets.courses.has(row.targetId)).toBe(true);
      }
      // Syncing the same files again changes nothing.
      const again = await syncQuizzesFromContent(fresh.database);
      expect(again).toMatchObject({ ok: true, newVersions: 0, retired: 0 });
    } finally {
      await fresh.cleanup();
    }
  });

  it('adds a version when a quiz changes, keeps the old one, and retires quizzes whose file is gone', async () => {
    const v1 = sampleQuiz();
    const v2 = sampleQuiz({ passPercent: 80 });
    const result = await syncQuizzes(t.database, [loaded(v2)], TARGETS);
    expect(result).toMatchObject({ ok: true, newVersions: 1 });
    const versions = await t.database.db.select().from(quizVersions).where(eq(quizVersions.quizId, QUIZ_ID));
    expect(versions.map((v) => v.versionHash).sort()).toEqual([quizContentHash(v1), quizContentHash(v2)].sort());
    const row = await t.database.db.select().from(quizzes).where(eq(quizzes.id, QUIZ_ID)).get();
    expect(row?.currentVersionHash).toBe(quizContentHash(v2));

    const retired = await syncQuizzes(t.database, [], TARGETS);
    expect(retired).toMatchObject({ ok: true, retired: 1 });
    expect(await startAttempt(t.database, { userId: learner, quizId: QUIZ_ID })).toEqual({
      ok: false,
      reason: 'not-found',
    });
  });

  it('lets two quizzes swap their lessons in one sync', async () => {
    const targets: ContentTargets = {
      lessons: new Map([
        ['so-hoa-ho-so', 'so-hoa-ho-so-vu-an'],
        ['bai-hai', 'so-hoa-ho-so-vu-an'],
      ]),
      courses: new Set(),
    };
    const on = (lesson: string) => sampleQuiz({ for: { kind: 'lesson', id: lesson } });
    await syncQuizzes(t.database, [loaded(on('so-hoa-ho-so')), loaded(on('bai-hai'), 'mau-hai')], targets);
    const swapped = await syncQuizzes(
      t.database,
      [loaded(on('bai-hai')), loaded(on('so-hoa-ho-so'), 'mau-hai')],
      targets,
    );
    expect(swapped.ok).toBe(true);
    const rows = await t.database.db.select().from(quizzes);
    const live = rows.filter((r) => r.retiredAt === null).map((r) => [r.id, r.targetId]);
    expect(live.sort()).toEqual([
      ['mau-hai', 'so-hoa-ho-so'],
      [QUIZ_ID, 'bai-hai'],
    ]);
  });

  it('refuses a quiz for a lesson that does not exist and changes nothing', async () => {
    const before = await t.database.db.select().from(quizzes).where(eq(quizzes.id, QUIZ_ID)).get();
    const stray = sampleQuiz({ for: { kind: 'lesson', id: 'bai-hoc-khong-co' }, passPercent: 90 });
    const result = await syncQuizzes(t.database, [loaded(stray)], TARGETS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain('bài học "bai-hoc-khong-co" không có trong nội dung');
    const after = await t.database.db.select().from(quizzes).where(eq(quizzes.id, QUIZ_ID)).get();
    expect(after).toEqual(before);
  });
});

describe('attempt policy', () => {
  it('resumes the open attempt instead of starting a second one', async () => {
    const first = await startAttempt(t.database, { userId: learner, quizId: QUIZ_ID });
    const second = await startAttempt(t.database, { userId: learner, quizId: QUIZ_ID });
    expect(first).toMatchObject({ ok: true, resumed: false });
    expect(second).toEqual({ ok: true, attemptId: first.ok ? first.attemptId : '', resumed: true });
  });

  it('refuses a new attempt once every allowed attempt is used', async () => {
    await syncQuizzes(t.database, [loaded(sampleQuiz({ attemptsAllowed: 2, waitMinutes: 0 }))], TARGETS);
    for (let i = 0; i < 2; i++) {
      const id = await startOk(learner);
      expect((await submitAttempt(t.database, { userId: learner, attemptId: id })).ok).toBe(true);
    }
    expect(await startAttempt(t.database, { userId: learner, quizId: QUIZ_ID })).toEqual({
      ok: false,
      reason: 'no-attempts-left',
    });
    // Another learner has attempts of their own.
    expect((await startAttempt(t.database, { userId: other, quizId: QUIZ_ID })).ok).toBe(true);
  });

  it('makes the learner wait between attempts and allows the next one after the wait', async () => {
    const submittedAt = new Date('2026-03-05T07:00:00Z');
    const id = await startOk(learner, new Date('2026-03-05T06:50:00Z'));
    await submitAttempt(t.database, { userId: learner, attemptId: id, now: submittedAt });

    const early = await startAttempt(t.database, {
      userId: learner,
      quizId: QUIZ_ID,
      now: new Date('2026-03-05T07:10:00Z'),
    });
    expect(early).toEqual({ ok: false, reason: 'wait', retryAt: new Date('2026-03-05T07:30:00Z') });
    const overview = await quizOverview(t.database, {
      userId: learner,
      quizId: QUIZ_ID,
      now: new Date('2026-03-05T07:10:00Z'),
    });
    expect(overview?.canStart).toEqual(early);

    const later = await startAttempt(t.database, {
      userId: learner,
      quizId: QUIZ_ID,
      now: new Date('2026-03-05T07:30:00Z'),
    });
    expect(later).toMatchObject({ ok: true, resumed: false });
  });
});

describe('a quiz edited while an attempt is open', () => {
  it('grades the attempt against the version it started on and starts new attempts on the new version', async () => {
    const v1 = sampleQuiz();
    const attemptId = await startOk(learner);
    const answers = await rightAnswers(attemptId);
    await saveAll(learner, attemptId, answers);

    // The author makes option "b" the right one and drops the text question's accepted answers.
    const edited = structuredClone(v1) as Quiz;
    const single = edited.questions.find((q) => q.id === 'q-single');
    if (single?.type !== 'single') throw new Error('fixture changed');
    single.options = single.options.map((o) => ({ ...o, correct: o.id === 'b' }));
    const text = edited.questions.find((q) => q.id === 'q-text');
    if (text?.type !== 'text') throw new Error('fixture changed');
    text.accept = ['hồ sơ số'];
    expect((await syncQuizzes(t.database, [loaded(edited)], TARGETS)).ok).toBe(true);

    const submitted = await submitAttempt(t.database, { userId: learner, attemptId });
    expect(submitted.ok && submitted.grade.passed).toBe(true);
    expect(submitted.ok && submitted.grade.percent).toBe(100);
    const row = await attemptRow(attemptId);
    expect(row?.versionHash).toBe(quizContentHash(v1));

    const next = await startOk(learner, new Date(Date.now() + 60 * 60_000));
    expect((await attemptRow(next))?.versionHash).toBe(quizContentHash(edited));
  });
});

describe('submitting', () => {
  it('refuses a second submit of the same attempt and keeps the first score', async () => {
    const attemptId = await startOk(learner);
    await learnerSaves(attemptId, 'q-truefalse', { type: 'truefalse', value: true });
    const first = await submitAttempt(t.database, { userId: learner, attemptId });
    expect(first.ok).toBe(true);
    const before = await attemptRow(attemptId);
    expect(before?.score).toBe(20);

    // A late save, then a second submit with every answer right: neither may change anything.
    const late = await learnerSaves(attemptId, 'q-truefalse', { type: 'truefalse', value: false });
    expect(late).toEqual({ ok: false, reason: 'already-submitted' });
    const again = await submitAttempt(t.database, {
      userId: learner,
      attemptId,
      answers: await rightAnswers(attemptId),
    });
    expect(again).toEqual({ ok: false, reason: 'already-submitted', attemptId });
    expect(await attemptRow(attemptId)).toEqual(before);
  });

  it('treats another learner’s attempt as missing and leaves it untouched', async () => {
    const attemptId = await startOk(learner);
    await learnerSaves(attemptId, 'q-truefalse', { type: 'truefalse', value: true });
    const answer: Answer = { type: 'truefalse', value: false };
    expect(await saveAnswer(t.database, { userId: other, attemptId, questionId: 'q-truefalse', answer })).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(await submitAttempt(t.database, { userId: other, attemptId })).toEqual({ ok: false, reason: 'not-found' });
    expect(await getAttemptView(t.database, { userId: other, attemptId })).toEqual({ ok: false, reason: 'not-found' });
    const mine = await getAttemptView(t.database, { userId: learner, attemptId });
    expect(mine.ok && mine.view.state === 'open' && mine.view.answers['q-truefalse']).toEqual({
      type: 'truefalse',
      value: true,
    });
    expect((await attemptRow(attemptId))?.submittedAt).toBeNull();
  });

  it('refuses malformed answers with a clear Vietnamese message', async () => {
    const attemptId = await startOk(learner);
    const layout = await layoutOf(attemptId);
    const save = (questionId: string, answer: Answer) =>
      saveAnswer(t.database, { userId: learner, attemptId, questionId, answer });

    expect(await save('q-single', { type: 'truefalse', value: true })).toEqual({
      ok: false,
      reason: 'invalid-answer',
      message: 'Câu trả lời không đúng dạng của câu hỏi.',
    });
    // Authored option ids are not what the attempt showed.
    expect(await save('q-single', { type: 'single', optionId: 'a' })).toMatchObject({
      message: 'Lựa chọn không thuộc câu hỏi này.',
    });
    expect(
      await save('q-ordering', { type: 'ordering', itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2]) }),
    ).toMatchObject({ message: 'Cần sắp xếp đủ tất cả các bước, mỗi bước một lần.' });
    expect(await save('khong-co', { type: 'truefalse', value: true })).toEqual({
      ok: false,
      reason: 'unknown-question',
    });
    const bad = await submitAttempt(t.database, {
      userId: learner,
      attemptId,
      answers: { 'q-multiple': { type: 'multiple', optionIds: ['zzzz'] } },
    });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid-answer', questionId: 'q-multiple' });
    expect((await attemptRow(attemptId))?.submittedAt).toBeNull();
    const view = await getAttemptView(t.database, { userId: learner, attemptId });
    expect(view.ok && view.view.state === 'open' && view.view.answers).toEqual({});
  });

  it('forgets a saved answer when the learner clears it', async () => {
    const attemptId = await startOk(learner);
    await learnerSaves(attemptId, 'q-text', { type: 'text', text: 'điện tử' });
    await learnerSaves(attemptId, 'q-text', { type: 'text', text: '  ' });
    const view = await getAttemptView(t.database, { userId: learner, attemptId });
    expect(view.ok && view.view.state === 'open' && view.view.answers).toEqual({});
  });
});

describe('review rules and progress', () => {
  it('hides right answers and explanations after a failed attempt while attempts remain', async () => {
    const attemptId = await startOk(learner);
    const result = await submitAttempt(t.database, { userId: learner, attemptId });
    if (!result.ok) throw new Error(result.reason);
    expect(result.feedback.passed).toBe(false);
    expect(result.feedback.visibility.showCorrectAnswersAndExplanations).toBe(false);
    const json = JSON.stringify(result.feedback);
    expect(json).not.toContain('GIẢI-THÍCH');
    expect(json).not.toContain('"correctAnswer"');
    expect(json).not.toContain('"accepted"');
    expect(hook.calls).toEqual([]);
  });

  it('shows them after the last allowed attempt even when it failed', async () => {
    await syncQuizzes(t.database, [loaded(sampleQuiz({ attemptsAllowed: 1 }))], TARGETS);
    const attemptId = await startOk(learner);
    const result = await submitAttempt(t.database, { userId: learner, attemptId });
    if (!result.ok) throw new Error(result.reason);
    expect(result.feedback.passed).toBe(false);
    expect(JSON.stringify(result.feedback)).toContain('GIẢI-THÍCH-SINGLE');
  });

  it('shows them after a pass and reports the pass to progress inside the submit transaction', async () => {
    const attemptId = await startOk(learner);
    const now = new Date('2026-04-01T02:00:00Z');
    const result = await submitAttempt(t.database, {
      userId: learner,
      attemptId,
      answers: await rightAnswers(attemptId),
      now,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.feedback.passed).toBe(true);
    expect(result.feedback.questions.every((q) => q.explanation && q.correctAnswer)).toBe(true);
    expect(hook.calls).toEqual([
      { hasTx: true, event: { userId: learner, target: { kind: 'lesson', id: 'so-hoa-ho-so' }, passedAt: now } },
    ]);
    const review = await getAttemptView(t.database, { userId: learner, attemptId });
    expect(
      review.ok && review.view.state === 'submitted' && review.view.feedback.questions[0]?.explanation,
    ).toBeTruthy();
  });

  it('rolls the submit back when progress cannot be recorded', async () => {
    hook.fail = true;
    const attemptId = await startOk(learner);
    const answers = await rightAnswers(attemptId);
    await expect(submitAttempt(t.database, { userId: learner, attemptId, answers })).rejects.toThrow('progress failed');
    expect((await attemptRow(attemptId))?.submittedAt).toBeNull();
  });
});

describe('history and statistics', () => {
  it('lists a learner’s attempts newest first with quiz title and place', async () => {
    const first = await startOk(learner, new Date('2026-01-01T01:00:00Z'));
    await submitAttempt(t.database, { userId: learner, attemptId: first, now: new Date('2026-01-01T01:05:00Z') });
    const second = await startOk(learner, new Date('2026-01-02T01:00:00Z'));
    const history = await attemptHistory(t.database, learner);
    expect(history.map((h) => [h.id, h.attemptNumber, h.submittedAt === null])).toEqual([
      [second, 2, true],
      [first, 1, false],
    ]);
    expect(history[0]).toMatchObject({
      quizTitle: 'Kiểm tra: số hóa hồ sơ vụ án',
      place: { targetKind: 'lesson', targetId: 'so-hoa-ho-so', courseId: 'so-hoa-ho-so-vu-an' },
    });
    expect(await attemptHistory(t.database, other)).toEqual([]);
  });

  it('computes question statistics on first attempts only', async () => {
    // Learner: fails first (everything blank), then passes. Other: passes at once.
    await syncQuizzes(t.database, [loaded(sampleQuiz({ waitMinutes: 0 }))], TARGETS);
    const a1 = await startOk(learner);
    await submitAttempt(t.database, { userId: learner, attemptId: a1 });
    const a2 = await startOk(learner);
    await submitAttempt(t.database, { userId: learner, attemptId: a2, answers: await rightAnswers(a2) });
    const b1 = await startOk(other);
    await submitAttempt(t.database, { userId: other, attemptId: b1, answers: await rightAnswers(b1) });

    const report = await quizStatistics(t.database, QUIZ_ID);
    expect(report?.firstAttempts).toBe(2);
    const single = report?.questions.find((q) => q.questionId === 'q-single');
    expect(single).toMatchObject({ responses: 2, unanswered: 1, facility: 0.5, enoughData: false, flags: [] });
    expect(single?.choices.find((c) => c.key === 'a')).toMatchObject({ count: 1, correct: true });
    expect(await quizStatistics(t.database, QUIZ_ID, 'f'.repeat(64))).toBeNull();
  });
});
