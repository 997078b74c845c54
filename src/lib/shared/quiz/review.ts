import type { ReviewVisibility } from './types';

/**
 * Moodle-like review rules, applied after a submission: whether each answer was right is
 * always shown; the right answers, explanations and option feedback only once the learner has
 * passed or has no attempt left (earlier they would hand the key to the next attempt).
 * `attemptsUsed` counts the attempt just submitted; `attemptsAllowed` 0 means unlimited.
 */
export function reviewVisibility(input: {
  passed: boolean;
  attemptsUsed: number;
  attemptsAllowed: number;
}): ReviewVisibility {
  const noAttemptsLeft = input.attemptsAllowed > 0 && input.attemptsUsed >= input.attemptsAllowed;
  return { showCorrectness: true, showCorrectAnswersAndExplanations: input.passed || noAttemptsLeft };
}
