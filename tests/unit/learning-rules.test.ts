import { describe, expect, it } from 'vitest';
import { AssignmentFormSchema } from '../../src/lib/schemas/learning';
import { assignmentStatus, reminderFor, reminderText } from '../../src/lib/shared/learning/assignment-status';
import { buildCatalog, type CatalogCourse } from '../../src/lib/shared/learning/catalog';
import { completionMetAt, courseProgress, progressPercent } from '../../src/lib/shared/learning/course-progress';
import { daysUntil, deadlineEnd, formatVietnamDate, isIsoDay, vietnamDay } from '../../src/lib/shared/learning/days';

const at = (iso: string) => new Date(iso);

describe('days in Vietnam time', () => {
  it('end a deadline at midnight in Vietnam, 17:00 UTC the same day', () => {
    expect(deadlineEnd('2026-09-30').toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(deadlineEnd('2026-12-31').toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('put an instant on the day it is in Vietnam', () => {
    expect(vietnamDay(at('2026-11-20T16:59:59Z'))).toBe('2026-11-20');
    expect(vietnamDay(at('2026-11-20T17:00:00Z'))).toBe('2026-11-21');
    expect(formatVietnamDate(at('2026-11-20T17:30:00Z'))).toBe('21/11/2026');
    expect(formatVietnamDate(null)).toBe('—');
  });

  it('count whole days to a deadline from the Vietnam day of now', () => {
    expect(daysUntil('2026-09-30', at('2026-09-23T12:00:00Z'))).toBe(7);
    expect(daysUntil('2026-09-30', at('2026-09-30T16:00:00Z'))).toBe(0);
    expect(daysUntil('2026-09-30', at('2026-09-30T18:00:00Z'))).toBe(-1);
  });

  it('accept only real calendar days', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('30/09/2026')).toBe(false);
  });
});

describe('assignment statuses', () => {
  const due = '2026-09-30';
  const end = deadlineEnd(due);

  it('move from not started to in progress to overdue with the clock', () => {
    expect(assignmentStatus({ dueDate: due, completedAt: null, started: false }, at('2026-09-01T00:00:00Z'))).toBe(
      'not-started',
    );
    expect(assignmentStatus({ dueDate: due, completedAt: null, started: true }, at('2026-09-01T00:00:00Z'))).toBe(
      'in-progress',
    );
    expect(assignmentStatus({ dueDate: due, completedAt: null, started: true }, end)).toBe('overdue');
    expect(assignmentStatus({ dueDate: due, completedAt: null, started: false }, end)).toBe('overdue');
  });

  it('call a completion before the end of the deadline day on time, after it late', () => {
    const later = at('2027-01-01T00:00:00Z');
    const justBefore = new Date(end.getTime() - 1);
    expect(assignmentStatus({ dueDate: due, completedAt: justBefore, started: true }, later)).toBe('completed-on-time');
    expect(assignmentStatus({ dueDate: due, completedAt: end, started: true }, later)).toBe('completed-late');
  });

  it('remind within seven days and when overdue, never once completed', () => {
    expect(reminderFor(due, 'in-progress', at('2026-09-22T12:00:00Z'))).toBeNull();
    expect(reminderFor(due, 'not-started', at('2026-09-23T12:00:00Z'))).toEqual({ kind: 'due-soon', daysLeft: 7 });
    expect(reminderFor(due, 'overdue', at('2026-10-03T01:00:00Z'))).toEqual({ kind: 'overdue', daysLate: 3 });
    expect(reminderFor(due, 'completed-late', at('2026-10-03T01:00:00Z'))).toBeNull();
    expect(reminderText({ kind: 'due-soon', daysLeft: 0 })).toBe('Hết hạn hôm nay');
    expect(reminderText({ kind: 'overdue', daysLate: 2 })).toBe('Quá hạn 2 ngày');
  });
});

describe('the course completion rule', () => {
  const course: CatalogCourse = {
    id: 'k',
    title: 'Khóa',
    estimatedHours: 2,
    draft: false,
    finalQuizId: 'k-cuoi-khoa',
    lessons: [
      { id: 'b1', title: 'B1', required: true },
      { id: 'b2', title: 'B2', required: false },
      { id: 'b3', title: 'B3', required: true },
    ],
  };

  it('needs the required lessons and the final quiz, and dates completion by the last of them', () => {
    const lessons = new Map([
      ['b1', at('2026-01-01T00:00:00Z')],
      ['b3', at('2026-01-03T00:00:00Z')],
    ]);
    expect(completionMetAt(course, lessons, null)).toBeNull();
    expect(
      completionMetAt(course, new Map([['b1', at('2026-01-01T00:00:00Z')]]), at('2026-01-02T00:00:00Z')),
    ).toBeNull();
    expect(completionMetAt(course, lessons, at('2026-01-02T00:00:00Z'))).toEqual(at('2026-01-03T00:00:00Z'));
    expect(completionMetAt({ ...course, finalQuizId: null }, lessons, null)).toEqual(at('2026-01-03T00:00:00Z'));
    expect(completionMetAt({ lessons: [], finalQuizId: null }, new Map(), null)).toBeNull();
  });

  it('resumes at the last lesson opened, else the next one not done, and reports progress', () => {
    const row = (lessonId: string, visited: string, completed: string | null = null) => ({
      lessonId,
      startedAt: at(visited),
      lastVisitedAt: at(visited),
      completedAt: completed ? at(completed) : null,
    });
    const fresh = courseProgress(course, [], null, null);
    expect(fresh).toMatchObject({ started: false, resumeLessonId: 'b1', stepsTotal: 3, stepsDone: 0 });
    const midway = courseProgress(
      course,
      [
        row('b1', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'),
        row('b2', '2026-01-02T00:00:00Z', '2026-01-02T01:00:00Z'),
      ],
      null,
      null,
    );
    expect(midway.resumeLessonId).toBe('b3');
    expect(progressPercent(midway)).toBe(33);
    const stray = courseProgress(course, [row('bai-khac', '2026-01-05T00:00:00Z')], null, null);
    expect(stray.started).toBe(false);
    expect(progressPercent({ stepsDone: 3, stepsTotal: 3, completedAt: null })).toBe(99);
    expect(progressPercent({ stepsDone: 1, stepsTotal: 4, completedAt: at('2026-01-01T00:00:00Z') })).toBe(100);
  });

  it('finds final quizzes and lesson quizzes when building a catalog', () => {
    const catalog = buildCatalog(
      [{ ...course, finalQuizId: null }],
      [
        { id: 'k-cuoi-khoa', kind: 'course', targetId: 'k' },
        { id: 'b1', kind: 'lesson', targetId: 'b1' },
        { id: 'mo-coi', kind: 'lesson', targetId: 'khong-co' },
      ],
    );
    expect(catalog.courses.get('k')?.finalQuizId).toBe('k-cuoi-khoa');
    expect([...catalog.lessonQuizzes]).toEqual([['b1', 'b1']]);
    expect(catalog.lessonCourse.get('b3')).toBe('k');
  });
});

describe('the assignment form', () => {
  const base = { courseId: 'so-hoa-ho-so-vu-an', kind: 'required', dueDate: '2026-09-30' };

  it('needs at least one target and reads usernames one per line, in any case', () => {
    const none = AssignmentFormSchema.safeParse(base);
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.path).toEqual(['targets']);
    const parsed = AssignmentFormSchema.parse({ ...base, usernames: 'Hocvien.Mau\n\nhocvien.mau, lanhdao.mau' });
    expect(parsed.usernames).toEqual(['hocvien.mau', 'lanhdao.mau']);
    expect(parsed.includeSubunits).toBe(false);
  });

  it('refuses a made-up day, an unknown position and a malformed course id in Vietnamese', () => {
    const result = AssignmentFormSchema.safeParse({
      ...base,
      dueDate: '2026-02-30',
      position: 'Thẩm phán',
      courseId: 'A B',
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message).join(' | ') ?? '';
    expect(messages).toContain('Vui lòng nhập hạn hoàn thành hợp lệ');
    expect(messages).toContain('Vui lòng chọn chức vụ trong danh sách');
  });
});
