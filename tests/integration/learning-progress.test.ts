// Lesson progress and the course completion rule against a real temporary libSQL file.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { certificates, courseCompletions, lessonProgress } from '../../db/schema/index';
import {
  getCourseProgress,
  getLessonPanel,
  lastVisitedLesson,
  listLearnerCourses,
  loadCatalog,
  markLessonDone,
  onQuizPassed,
  applyCompletionRules,
  recomputeCompletions,
  recordLessonVisit,
} from '../../src/lib/server/learning/index';
import { progressPercent } from '../../src/lib/shared/learning/course-progress';
import { useTestDatabase } from '../support/db';
import { addPerson, COURSE_A, COURSE_B, testCatalog } from './helpers/learning';

const t = useTestDatabase();

const catalog = testCatalog();
const at = (iso: string) => new Date(iso);

async function rows(userId: string, lessonId: string) {
  return t.database.db
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
}

async function completion(userId: string, courseId: string) {
  const [row] = await t.database.db
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, userId), eq(courseCompletions.courseId, courseId)));
  return row ?? null;
}

describe('lesson progress', () => {
  it('starts a lesson on the first visit and only moves the last visit forward afterwards', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    expect(await recordLessonVisit(t.database, id, 'bai-a1', { catalog, now: at('2026-03-01T08:00:00Z') })).toEqual({
      ok: true,
      courseId: 'khoa-a',
    });
    await recordLessonVisit(t.database, id, 'bai-a1', { catalog, now: at('2026-03-03T08:00:00Z') });
    // A late, out-of-order request must not move the last visit back.
    await recordLessonVisit(t.database, id, 'bai-a1', { catalog, now: at('2026-03-02T08:00:00Z') });
    const [row] = await rows(id, 'bai-a1');
    expect(row?.startedAt).toEqual(at('2026-03-01T08:00:00Z'));
    expect(row?.lastVisitedAt).toEqual(at('2026-03-03T08:00:00Z'));
    expect(row?.completedAt).toBeNull();
    const panel = await getLessonPanel(t.database, id, 'bai-a1', { catalog });
    expect(panel?.lesson.state).toBe('started');
    expect(panel?.lessonQuizId).toBe('bai-a1');
  });

  it('refuses lessons that are not in the content', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    expect(await recordLessonVisit(t.database, id, 'khong-co-bai-nay', { catalog })).toEqual({
      ok: false,
      reason: 'unknown-lesson',
    });
    expect(await markLessonDone(t.database, id, 'khong-co-bai-nay', { catalog })).toEqual({
      ok: false,
      reason: 'unknown-lesson',
    });
    expect(await t.database.db.select().from(lessonProgress).where(eq(lessonProgress.userId, id))).toEqual([]);
  });

  it('keeps the first completion when a lesson is marked done twice', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const first = await markLessonDone(t.database, id, 'bai-a2', { catalog, now: at('2026-03-05T09:00:00Z') });
    expect(first).toMatchObject({ ok: true, alreadyCompleted: false, course: { completed: false } });
    const before = await rows(id, 'bai-a2');
    const second = await markLessonDone(t.database, id, 'bai-a2', { catalog, now: at('2026-03-06T09:00:00Z') });
    expect(second).toMatchObject({ ok: true, alreadyCompleted: true });
    expect(await rows(id, 'bai-a2')).toEqual(before);
    expect(before[0]).toMatchObject({ completedAt: at('2026-03-05T09:00:00Z'), completedBy: 'manual' });
  });

  it('ends fifty parallel "mark done" requests in one row, one completion and one certificate', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const when = { catalog, now: at('2026-04-01T10:00:00Z') };
    const [marks, visits] = await Promise.all([
      Promise.all(Array.from({ length: 25 }, () => markLessonDone(t.database, id, 'bai-b1', when))),
      Promise.all(Array.from({ length: 25 }, () => recordLessonVisit(t.database, id, 'bai-b1', when))),
    ]);
    expect([...marks, ...visits].every((r) => r.ok)).toBe(true);
    const stored = await rows(id, 'bai-b1');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.completedAt).toEqual(at('2026-04-01T10:00:00Z'));
    const newly = marks.filter((r) => r.ok && r.course.completed && r.course.newly);
    expect(newly).toHaveLength(1);
    expect(await completion(id, 'khoa-b')).toMatchObject({ completedAt: at('2026-04-01T10:00:00Z') });
    const certs = await t.database.db.select().from(certificates).where(eq(certificates.userId, id));
    expect(certs).toHaveLength(1);
  });

  it('remembers the last lesson visited and resumes a course at the right lesson', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await markLessonDone(t.database, id, 'bai-a1', { catalog, now: at('2026-05-01T08:00:00Z') });
    await recordLessonVisit(t.database, id, 'bai-a3', { catalog, now: at('2026-05-02T08:00:00Z') });
    expect(await lastVisitedLesson(t.database, id)).toMatchObject({ lessonId: 'bai-a3', courseId: 'khoa-a' });
    let progress = (await getCourseProgress(t.database, id, 'khoa-a', { catalog }))?.progress;
    // a3 was opened last and is not done: resume there.
    expect(progress?.resumeLessonId).toBe('bai-a3');
    await markLessonDone(t.database, id, 'bai-a3', { catalog, now: at('2026-05-02T09:00:00Z') });
    progress = (await getCourseProgress(t.database, id, 'khoa-a', { catalog }))?.progress;
    // a3 done: the next lesson not done, wrapping round, is a2.
    expect(progress?.resumeLessonId).toBe('bai-a2');
    expect(progress).toMatchObject({ requiredTotal: 2, requiredDone: 1, stepsTotal: 3, stepsDone: 1 });
    expect(progressPercent(progress!)).toBe(33);
    const courses = await listLearnerCourses(t.database, id, { catalog });
    expect(courses.map((c) => c.course.id)).toEqual(['khoa-a']);
  });
});

describe('the course completion rule', () => {
  it('needs every required lesson and the final quiz, and records the date the rule was met', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await markLessonDone(t.database, id, 'bai-a1', { catalog, now: at('2026-06-01T08:00:00Z') });
    await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: id, target: { kind: 'course', id: 'khoa-a' }, passedAt: at('2026-06-02T08:00:00Z') },
        { catalog },
      ),
    );
    // The optional lesson a3 is not needed, but a2 is.
    expect(await completion(id, 'khoa-a')).toBeNull();
    const result = await markLessonDone(t.database, id, 'bai-a2', { catalog, now: at('2026-06-03T08:00:00Z') });
    expect(result).toMatchObject({ ok: true, course: { completed: true, newly: true } });
    expect(await completion(id, 'khoa-a')).toMatchObject({ completedAt: at('2026-06-03T08:00:00Z') });
    const progress = (await getCourseProgress(t.database, id, 'khoa-a', { catalog }))?.progress;
    expect(progress).toMatchObject({ stepsDone: 3, stepsTotal: 3, completedAt: at('2026-06-03T08:00:00Z') });
    expect(progressPercent(progress!)).toBe(100);
  });

  it('does not complete a course with a final quiz on lessons alone', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    for (const lesson of ['bai-a1', 'bai-a2', 'bai-a3'])
      await markLessonDone(t.database, id, lesson, { catalog, now: at('2026-06-10T08:00:00Z') });
    expect(await completion(id, 'khoa-a')).toBeNull();
    const outcome = await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: id, target: { kind: 'course', id: 'khoa-a' }, passedAt: at('2026-06-11T08:00:00Z') },
        { catalog },
      ),
    );
    expect(outcome).toMatchObject({ completed: true, newly: true, completedAt: at('2026-06-11T08:00:00Z') });
  });

  it('completes a lesson when its quiz is passed, keeping an earlier manual completion', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: id, target: { kind: 'lesson', id: 'bai-a1' }, passedAt: at('2026-06-12T08:00:00Z') },
        { catalog },
      ),
    );
    expect((await rows(id, 'bai-a1'))[0]).toMatchObject({
      completedAt: at('2026-06-12T08:00:00Z'),
      completedBy: 'quiz',
    });
    const other = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await markLessonDone(t.database, other.id, 'bai-a1', { catalog, now: at('2026-06-12T07:00:00Z') });
    await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: other.id, target: { kind: 'lesson', id: 'bai-a1' }, passedAt: at('2026-06-12T09:00:00Z') },
        { catalog },
      ),
    );
    expect((await rows(other.id, 'bai-a1'))[0]).toMatchObject({
      completedAt: at('2026-06-12T07:00:00Z'),
      completedBy: 'manual',
    });
  });

  it('keeps a completed course completed when it gains a required lesson, and asks it of everyone else', async () => {
    const done = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const midway = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await markLessonDone(t.database, done.id, 'bai-b1', { catalog, now: at('2026-07-01T08:00:00Z') });
    expect(await completion(done.id, 'khoa-b')).not.toBeNull();

    const grown = testCatalog([
      COURSE_A,
      { ...COURSE_B, lessons: [...COURSE_B.lessons, { id: 'bai-b2', title: 'Bài B2 (mới)', required: true }] },
    ]);
    // The completed learner keeps the completion and its date, even after a recomputation.
    expect(await recomputeCompletions(t.database, grown, { now: at('2026-07-05T08:00:00Z') })).toBe(0);
    expect(await completion(done.id, 'khoa-b')).toMatchObject({ completedAt: at('2026-07-01T08:00:00Z') });
    const progress = (await getCourseProgress(t.database, done.id, 'khoa-b', { catalog: grown }))?.progress;
    expect(progress).toMatchObject({ requiredDone: 1, requiredTotal: 2, completedAt: at('2026-07-01T08:00:00Z') });
    expect(progress?.lessons.find((l) => l.id === 'bai-b2')?.state).toBe('not-started');

    // Someone who had not completed it yet needs the new lesson too.
    await markLessonDone(t.database, midway.id, 'bai-b1', { catalog: grown, now: at('2026-07-06T08:00:00Z') });
    expect(await completion(midway.id, 'khoa-b')).toBeNull();
    await markLessonDone(t.database, midway.id, 'bai-b2', { catalog: grown, now: at('2026-07-07T08:00:00Z') });
    expect(await completion(midway.id, 'khoa-b')).toMatchObject({ completedAt: at('2026-07-07T08:00:00Z') });
  });

  it('completes, on recomputation, a learner who meets the rule after a required lesson was removed', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await markLessonDone(t.database, id, 'bai-a1', { catalog, now: at('2026-08-01T08:00:00Z') });
    await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: id, target: { kind: 'course', id: 'khoa-a' }, passedAt: at('2026-08-02T08:00:00Z') },
        { catalog },
      ),
    );
    const shrunk = testCatalog([{ ...COURSE_A, lessons: COURSE_A.lessons.filter((l) => l.id !== 'bai-a2') }, COURSE_B]);
    expect(await recomputeCompletions(t.database, shrunk, { now: at('2026-08-10T08:00:00Z') })).toBeGreaterThanOrEqual(
      1,
    );
    // The date is when the rule was met under the current lessons, not the day of the recomputation.
    expect(await completion(id, 'khoa-a')).toMatchObject({ completedAt: at('2026-08-02T08:00:00Z') });
  });

  it('re-applies the completion rule at startup only when the content changed who must do what', async () => {
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    await markLessonDone(t.database, id, 'bai-a1', { catalog, now: at('2026-09-01T08:00:00Z') });
    await t.database.write((tx) =>
      onQuizPassed(
        tx,
        { userId: id, target: { kind: 'course', id: 'khoa-a' }, passedAt: at('2026-09-02T08:00:00Z') },
        { catalog },
      ),
    );
    await applyCompletionRules(t.database, catalog, { now: at('2026-09-03T08:00:00Z') });
    expect(await applyCompletionRules(t.database, catalog)).toEqual({ changed: false });
    // Retitling a lesson changes nothing that completion depends on.
    const retitled = testCatalog([
      { ...COURSE_A, lessons: COURSE_A.lessons.map((l) => ({ ...l, title: `${l.title} (sửa)` })) },
      COURSE_B,
    ]);
    expect(await applyCompletionRules(t.database, retitled)).toEqual({ changed: false });
    expect(await completion(id, 'khoa-a')).toBeNull();

    const shrunk = testCatalog([{ ...COURSE_A, lessons: COURSE_A.lessons.filter((l) => l.id !== 'bai-a2') }, COURSE_B]);
    const outcome = await applyCompletionRules(t.database, shrunk, { now: at('2026-09-10T08:00:00Z') });
    expect(outcome).toMatchObject({ changed: true });
    expect(outcome.changed && outcome.newlyCompleted).toBeGreaterThanOrEqual(1);
    expect(await completion(id, 'khoa-a')).toMatchObject({ completedAt: at('2026-09-02T08:00:00Z') });
    expect(await applyCompletionRules(t.database, shrunk)).toEqual({ changed: false });
  });

  it('reads the real content: a course with a final quiz file needs it', async () => {
    const real = await loadCatalog();
    const course = real.courses.get('so-hoa-ho-so-vu-an');
    expect(course?.finalQuizId).toBe('so-hoa-ho-so-vu-an-cuoi-khoa');
    expect(course?.lessons.map((l) => l.id)).toEqual([
      'chuan-bi-so-hoa-ho-so',
      'quet-va-kiem-tra-chat-luong',
      'dat-ten-va-luu-tru-ho-so-so',
      'tra-cuu-bao-mat-sao-luu',
    ]);
    const { id } = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    for (const lesson of course!.lessons) await markLessonDone(t.database, id, lesson.id);
    expect(await completion(id, 'so-hoa-ho-so-vu-an')).toBeNull();
    await t.database.write((tx) =>
      onQuizPassed(tx, { userId: id, target: { kind: 'course', id: 'so-hoa-ho-so-vu-an' }, passedAt: new Date() }),
    );
    expect(await completion(id, 'so-hoa-ho-so-vu-an')).not.toBeNull();
    expect(COURSE_B.finalQuizId).toBeNull();
  });
});
