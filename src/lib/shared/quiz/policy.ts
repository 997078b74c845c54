import { formatDateTimeVi, quizMessage } from './messages';

/** The attempt rules of a quiz version (the fields of the same name in QuizSchema). */
export interface AttemptPolicy {
  /** 0 means unlimited. */
  attemptsAllowed: number;
  waitMinutes: number;
}

/** What the policy needs to know of a learner's earlier attempts at the quiz. */
export interface PreviousAttempt {
  id: string;
  startedAt: Date;
  /** null while the attempt is open. */
  submittedAt: Date | null;
}

export type CanStartAttempt =
  | { ok: true }
  | { ok: false; reason: 'in-progress'; attemptId: string }
  | { ok: false; reason: 'no-attempts-left' }
  | { ok: false; reason: 'wait'; retryAt: Date };

/**
 * Whether a learner may start a new attempt now. An open attempt must be resumed rather than
 * replaced (otherwise starting over would let a learner look at questions for free); every
 * attempt started counts toward the limit; the wait runs from the last submission.
 */
export function canStartAttempt(input: {
  policy: AttemptPolicy;
  previous: readonly PreviousAttempt[];
  now: Date;
}): CanStartAttempt {
  const { policy, previous, now } = input;
  const open = previous.find((a) => a.submittedAt === null);
  if (open) return { ok: false, reason: 'in-progress', attemptId: open.id };

  if (policy.attemptsAllowed > 0 && previous.length >= policy.attemptsAllowed) {
    return { ok: false, reason: 'no-attempts-left' };
  }

  if (policy.waitMinutes > 0 && previous.length > 0) {
    const lastSubmitted = Math.max(...previous.map((a) => a.submittedAt!.getTime()));
    const retryAt = new Date(lastSubmitted + policy.waitMinutes * 60_000);
    if (now.getTime() < retryAt.getTime()) return { ok: false, reason: 'wait', retryAt };
  }
  return { ok: true };
}

/** The Vietnamese message for a refusal, e.g. "Bạn cần chờ đến 05/03/2026 14:30 mới được làm lại bài." */
export function policyRefusalMessage(result: Exclude<CanStartAttempt, { ok: true }>): string {
  switch (result.reason) {
    case 'in-progress':
      return quizMessage('inProgress');
    case 'no-attempts-left':
      return quizMessage('noAttemptsLeft');
    case 'wait':
      return quizMessage('wait', { retryAt: formatDateTimeVi(result.retryAt) });
  }
}
