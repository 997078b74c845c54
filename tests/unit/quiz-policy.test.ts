import { describe, expect, it } from 'vitest';
import { formatDateTimeVi } from '../../src/lib/shared/quiz/messages';
import { canStartAttempt, policyRefusalMessage, type PreviousAttempt } from '../../src/lib/shared/quiz/policy';

const at = (iso: string) => new Date(iso);
const submitted = (id: string, started: string, finished: string): PreviousAttempt => ({
  id,
  startedAt: at(started),
  submittedAt: at(finished),
});

describe('starting an attempt', () => {
  const now = at('2026-03-05T07:00:00Z');

  it('is allowed for a first attempt', () => {
    expect(canStartAttempt({ policy: { attemptsAllowed: 1, waitMinutes: 60 }, previous: [], now })).toEqual({
      ok: true,
    });
  });

  it('is refused when every allowed attempt has been used', () => {
    const previous = [
      submitted('a1', '2026-03-01T01:00:00Z', '2026-03-01T01:10:00Z'),
      submitted('a2', '2026-03-02T01:00:00Z', '2026-03-02T01:10:00Z'),
    ];
    expect(canStartAttempt({ policy: { attemptsAllowed: 2, waitMinutes: 0 }, previous, now })).toEqual({
      ok: false,
      reason: 'no-attempts-left',
    });
  });

  it('is allowed without limit when attemptsAllowed is 0', () => {
    const previous = Array.from({ length: 30 }, (_, i) =>
      submitted(`a${i}`, '2026-03-01T01:00:00Z', '2026-03-01T01:10:00Z'),
    );
    expect(canStartAttempt({ policy: { attemptsAllowed: 0, waitMinutes: 0 }, previous, now }).ok).toBe(true);
  });

  it('is refused during the wait after the last submission, with the time to come back', () => {
    const previous = [
      submitted('a1', '2026-03-05T05:00:00Z', '2026-03-05T05:20:00Z'),
      submitted('a2', '2026-03-05T06:30:00Z', '2026-03-05T06:40:00Z'),
    ];
    expect(canStartAttempt({ policy: { attemptsAllowed: 0, waitMinutes: 30 }, previous, now })).toEqual({
      ok: false,
      reason: 'wait',
      retryAt: at('2026-03-05T07:10:00Z'),
    });
  });

  it('is allowed again exactly when the wait is over', () => {
    const previous = [submitted('a1', '2026-03-05T06:20:00Z', '2026-03-05T06:30:00Z')];
    expect(canStartAttempt({ policy: { attemptsAllowed: 0, waitMinutes: 30 }, previous, now }).ok).toBe(true);
  });

  it('reports no attempts left rather than a wait when both apply', () => {
    const previous = [submitted('a1', '2026-03-05T06:50:00Z', '2026-03-05T06:55:00Z')];
    expect(canStartAttempt({ policy: { attemptsAllowed: 1, waitMinutes: 30 }, previous, now })).toMatchObject({
      reason: 'no-attempts-left',
    });
  });

  it('sends the learner back to an attempt still open instead of starting another', () => {
    const previous: PreviousAttempt[] = [
      submitted('a1', '2026-03-01T01:00:00Z', '2026-03-01T01:10:00Z'),
      { id: 'a2', startedAt: at('2026-03-05T06:59:00Z'), submittedAt: null },
    ];
    expect(canStartAttempt({ policy: { attemptsAllowed: 2, waitMinutes: 0 }, previous, now })).toEqual({
      ok: false,
      reason: 'in-progress',
      attemptId: 'a2',
    });
  });
});

describe('refusal messages', () => {
  it('give the retry time as dd/mm/yyyy HH:mm in Vietnam time', () => {
    expect(policyRefusalMessage({ ok: false, reason: 'wait', retryAt: at('2026-03-05T07:10:00Z') })).toBe(
      'Bạn cần chờ đến 05/03/2026 14:10 mới được làm lại bài.',
    );
  });

  it('say in Vietnamese that no attempts are left', () => {
    expect(policyRefusalMessage({ ok: false, reason: 'no-attempts-left' })).toBe(
      'Bạn đã dùng hết số lần làm bài cho phép.',
    );
  });

  it('format a date after midnight in Vietnam on the Vietnamese day', () => {
    expect(formatDateTimeVi(at('2025-12-31T17:30:00Z'))).toBe('01/01/2026 00:30');
  });
});
