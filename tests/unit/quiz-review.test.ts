import { describe, expect, it } from 'vitest';
import type { AnswerMap } from '../../src/lib/schemas/quiz-answer';
import { composeAttempt } from '../../src/lib/server/quiz/compose-attempt';
import { gradeAttempt } from '../../src/lib/server/quiz/grade';
import { toGradedFeedback } from '../../src/lib/server/quiz/graded-feedback';
import { reviewVisibility } from '../../src/lib/shared/quiz/review';
import { seededRng } from '../../src/lib/shared/quiz/rng';
import { SAMPLE_KEY_ONLY_TEXTS, opaqueItemIds, opaqueOptionId, sampleQuiz } from '../support/quiz-fixtures';

describe('review visibility', () => {
  it('always shows correctness after a submission', () => {
    expect(reviewVisibility({ passed: false, attemptsUsed: 1, attemptsAllowed: 3 }).showCorrectness).toBe(true);
  });

  it('hides answers and explanations after a failed attempt with attempts left', () => {
    expect(reviewVisibility({ passed: false, attemptsUsed: 1, attemptsAllowed: 3 })).toEqual({
      showCorrectness: true,
      showCorrectAnswersAndExplanations: false,
    });
  });

  it('shows answers and explanations after passing', () => {
    expect(
      reviewVisibility({ passed: true, attemptsUsed: 1, attemptsAllowed: 3 }).showCorrectAnswersAndExplanations,
    ).toBe(true);
  });

  it('shows answers and explanations after the last allowed attempt, even when failed', () => {
    expect(
      reviewVisibility({ passed: false, attemptsUsed: 3, attemptsAllowed: 3 }).showCorrectAnswersAndExplanations,
    ).toBe(true);
  });

  it('never counts attempts as used up when attempts are unlimited', () => {
    expect(
      reviewVisibility({ passed: false, attemptsUsed: 50, attemptsAllowed: 0 }).showCorrectAnswersAndExplanations,
    ).toBe(false);
  });
});

describe('graded feedback', () => {
  const quiz = sampleQuiz();
  const layout = composeAttempt(quiz, seededRng('feedback'));
  const answers: AnswerMap = {
    'q-single': { type: 'single', optionId: opaqueOptionId(layout, 'q-single', 'b') },
    'q-multiple': { type: 'multiple', optionIds: [opaqueOptionId(layout, 'q-multiple', 'a')] },
    'q-truefalse': { type: 'truefalse', value: true },
    'q-ordering': { type: 'ordering', itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2, 3]) },
  };
  const grade = gradeAttempt(quiz, layout, answers);
  const feedbackFor = (showCorrectAnswersAndExplanations: boolean) =>
    toGradedFeedback({
      quiz,
      layout,
      grade,
      answers,
      visibility: { showCorrectness: true, showCorrectAnswersAndExplanations },
    });

  it('reports score, pass mark and per-question correctness', () => {
    const feedback = feedbackFor(false);
    expect(feedback).toMatchObject({ earned: 2, total: 5, percent: 40, passed: false, passPercent: 60 });
    const byId = Object.fromEntries(feedback.questions.map((q) => [q.question.id, q]));
    expect(byId['q-single']).toMatchObject({ correct: false, partial: false, earned: 0 });
    expect(byId['q-multiple']).toMatchObject({ correct: false, partial: true, earned: 0 });
    expect(byId['q-truefalse']).toMatchObject({ correct: true, earned: 1 });
    expect(byId['q-text']).toMatchObject({ correct: false, answer: null });
  });

  it('leaves out every key text while answers are hidden', () => {
    const json = JSON.stringify(feedbackFor(false));
    for (const secret of SAMPLE_KEY_ONLY_TEXTS) expect(json, secret).not.toContain(secret);
    expect(json).not.toContain('correctAnswer');
  });

  it('gives right answers in the attempt ids, explanations and chosen-option feedback when allowed', () => {
    const feedback = feedbackFor(true);
    const byId = Object.fromEntries(feedback.questions.map((q) => [q.question.id, q]));
    expect(byId['q-single']).toMatchObject({
      correctAnswer: { type: 'single', optionId: opaqueOptionId(layout, 'q-single', 'a') },
      explanation: expect.stringContaining('GIẢI-THÍCH-SINGLE'),
      optionFeedback: [
        { optionId: opaqueOptionId(layout, 'q-single', 'b'), text: expect.stringContaining('PHẢN-HỒI-B') },
      ],
    });
    expect(byId['q-ordering']!.correctAnswer).toEqual({
      type: 'ordering',
      itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2, 3]),
    });
    expect(byId['q-text']!.correctAnswer).toEqual({ type: 'text', accepted: ['Điện tử', 'hồ sơ điện tử'] });
  });

  it('shows feedback only of the options the learner chose', () => {
    const json = JSON.stringify(feedbackFor(true));
    expect(json).toContain('PHẢN-HỒI-B');
    expect(json).not.toContain('PHẢN-HỒI-A');
    expect(json).not.toContain('PHẢN-HỒI-MULTIPLE-C');
  });
});
