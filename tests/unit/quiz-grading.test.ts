import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/lib/schemas/quiz';
import type { QuizLayout } from '../../src/lib/schemas/quiz-layout';
import { composeAttempt } from '../../src/lib/server/quiz/compose-attempt';
import {
  gradeAttempt,
  gradeMultiple,
  gradeOrdering,
  gradeSingle,
  gradeText,
  gradeTrueFalse,
} from '../../src/lib/server/quiz/grade';
import { foldVietnamese } from '../../src/lib/shared/fold';
import { seededRng } from '../../src/lib/shared/quiz/rng';
import { normaliseTextAnswer } from '../../src/lib/shared/quiz/text-answer';
import { opaqueItemIds, opaqueOptionId, sampleQuiz } from '../support/quiz-fixtures';

const quiz = sampleQuiz();
const layout = composeAttempt(quiz, seededRng('grading'));
const question = <T extends Question['type']>(id: string) =>
  quiz.questions.find((q) => q.id === id) as Extract<Question, { type: T }>;
const layoutOf = <T extends QuizLayout['questions'][number]['type']>(id: string) =>
  layout.questions.find((q) => q.questionId === id) as Extract<QuizLayout['questions'][number], { type: T }>;

describe('single choice grading', () => {
  const q = question<'single'>('q-single');
  const l = layoutOf<'single' | 'multiple'>('q-single');

  it('accepts the right option through its opaque id', () => {
    const outcome = gradeSingle(q, l, { type: 'single', optionId: opaqueOptionId(layout, 'q-single', 'a') });
    expect(outcome).toEqual({ correct: true, partial: false, response: { type: 'single', optionIds: ['a'] } });
  });

  it('rejects a wrong option', () => {
    const outcome = gradeSingle(q, l, { type: 'single', optionId: opaqueOptionId(layout, 'q-single', 'b') });
    expect(outcome.correct).toBe(false);
    expect(outcome.response).toEqual({ type: 'single', optionIds: ['b'] });
  });

  it('rejects the authored id of the right option, which the browser never saw', () => {
    expect(gradeSingle(q, l, { type: 'single', optionId: 'a' }).correct).toBe(false);
  });
});

describe('multiple choice grading (all or nothing)', () => {
  const q = question<'multiple'>('q-multiple');
  const l = layoutOf<'single' | 'multiple'>('q-multiple');
  const ids = (...authored: string[]) => authored.map((a) => opaqueOptionId(layout, 'q-multiple', a));

  it('gives credit only for exactly the right set, in any order', () => {
    expect(gradeMultiple(q, l, { type: 'multiple', optionIds: ids('b', 'a') })).toEqual({
      correct: true,
      partial: false,
      response: { type: 'multiple', optionIds: ['a', 'b'] },
    });
  });

  it('marks a subset of the right options as partial but not correct', () => {
    expect(gradeMultiple(q, l, { type: 'multiple', optionIds: ids('a') })).toMatchObject({
      correct: false,
      partial: true,
    });
  });

  it('marks the right options plus a wrong one as partial but not correct', () => {
    expect(gradeMultiple(q, l, { type: 'multiple', optionIds: ids('a', 'b', 'c') })).toMatchObject({
      correct: false,
      partial: true,
    });
  });

  it('marks only wrong options as neither correct nor partial', () => {
    expect(gradeMultiple(q, l, { type: 'multiple', optionIds: ids('c') })).toMatchObject({
      correct: false,
      partial: false,
    });
  });

  it('marks an empty selection as wrong', () => {
    expect(gradeMultiple(q, l, { type: 'multiple', optionIds: [] }).correct).toBe(false);
  });
});

describe('true/false grading', () => {
  const q = question<'truefalse'>('q-truefalse');

  it('accepts the right value and rejects the other', () => {
    expect(gradeTrueFalse(q, { type: 'truefalse', value: true }).correct).toBe(true);
    expect(gradeTrueFalse(q, { type: 'truefalse', value: false }).correct).toBe(false);
  });
});

describe('ordering grading (all or nothing)', () => {
  const q = question<'ordering'>('q-ordering');
  const l = layoutOf<'ordering'>('q-ordering');
  const order = (...indices: number[]) => ({
    type: 'ordering' as const,
    itemIds: opaqueItemIds(layout, 'q-ordering', indices),
  });

  it('gives credit when every item is in its authored place', () => {
    expect(gradeOrdering(q, l, order(0, 1, 2, 3))).toEqual({
      correct: true,
      partial: false,
      response: { type: 'ordering', order: [0, 1, 2, 3] },
    });
  });

  it('gives no credit for one swapped pair but marks it partial (half the items in place)', () => {
    expect(gradeOrdering(q, l, order(0, 1, 3, 2))).toMatchObject({ correct: false, partial: true });
  });

  it('marks an order with fewer than half the items in place as wrong, not partial', () => {
    expect(gradeOrdering(q, l, order(1, 2, 3, 0))).toMatchObject({ correct: false, partial: false });
  });

  it('rejects the order in which the attempt showed the items', () => {
    const shown = { type: 'ordering' as const, itemIds: l.items.map((i) => i.id) };
    expect(gradeOrdering(q, l, shown).correct).toBe(false);
  });
});

describe('short text grading', () => {
  const folding = question<'text'>('q-text');
  const strict = { ...folding, accept: ['Điện tử'], foldDiacritics: false };
  const answer = (text: string) => ({ type: 'text' as const, text });

  it('accepts "dien tu" for "Điện tử" when the author allows diacritic folding', () => {
    expect(gradeText(folding, answer('dien tu')).correct).toBe(true);
    expect(gradeText(folding, answer('DIEN TU')).correct).toBe(true);
  });

  it('rejects "dien tu" for "Điện tử" when the author does not allow folding', () => {
    expect(gradeText(strict, answer('dien tu')).correct).toBe(false);
  });

  it('ignores case, surrounding spaces, repeated inner spaces and a final full stop', () => {
    expect(gradeText(strict, answer('  ĐIỆN    TỬ. ')).correct).toBe(true);
  });

  it('compares composed and decomposed Unicode as equal', () => {
    expect(gradeText(strict, answer('Điện tử'.normalize('NFD'))).correct).toBe(true);
  });

  it('accepts either tone placement of oa/oe/uy ("hoá" and "hóa")', () => {
    const q = { ...strict, accept: ['số hóa', 'sức khỏe', 'thủy'] };
    expect(gradeText(q, answer('Số hoá')).correct).toBe(true);
    expect(gradeText(q, answer('sức khoẻ')).correct).toBe(true);
    expect(gradeText(q, answer('thuỷ')).correct).toBe(true);
  });

  it('rejects a different word and an empty answer', () => {
    expect(gradeText(strict, answer('điện thoại')).correct).toBe(false);
    expect(gradeText({ ...strict, accept: ['.'] }, answer('   ')).correct).toBe(false);
  });

  it('keeps the normalised text as the response', () => {
    expect(gradeText(folding, answer(' Hồ  Sơ Điện Tử ')).response).toEqual({ type: 'text', text: 'ho so dien tu' });
  });
});

describe('text folding helpers', () => {
  it('fold "Điện tử" and "ĐƯỜNG TRUYỀN" to plain lowercase letters', () => {
    expect(foldVietnamese('Điện tử')).toBe('dien tu');
    expect(foldVietnamese('ĐƯỜNG TRUYỀN')).toBe('duong truyen');
  });

  it('leave "quý" alone when normalising tone placement, since u belongs to "qu"', () => {
    expect(normaliseTextAnswer('quý', { foldDiacritics: false })).toBe('quý');
    expect(normaliseTextAnswer('hoà', { foldDiacritics: false })).toBe('hòa');
  });
});

describe('grading a whole attempt', () => {
  const allRight = {
    'q-single': { type: 'single' as const, optionId: opaqueOptionId(layout, 'q-single', 'a') },
    'q-multiple': {
      type: 'multiple' as const,
      optionIds: [opaqueOptionId(layout, 'q-multiple', 'a'), opaqueOptionId(layout, 'q-multiple', 'b')],
    },
    'q-truefalse': { type: 'truefalse' as const, value: true },
    'q-ordering': { type: 'ordering' as const, itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2, 3]) },
    'q-text': { type: 'text' as const, text: 'dien tu' },
  };

  it('gives 100% and a pass when every answer is right', () => {
    const grade = gradeAttempt(quiz, layout, allRight);
    expect(grade).toMatchObject({ earned: 5, total: 5, percent: 100, passed: true });
    expect(grade.questions.map((q) => q.questionId)).toEqual(layout.questions.map((q) => q.questionId));
  });

  it('counts unanswered questions as answered: false with no points', () => {
    const grade = gradeAttempt(quiz, layout, { 'q-truefalse': { type: 'truefalse', value: true } });
    expect(grade).toMatchObject({ earned: 1, total: 5, percent: 20, passed: false });
    expect(grade.questions.find((q) => q.questionId === 'q-text')).toMatchObject({
      answered: false,
      earned: 0,
      response: null,
    });
  });

  it('passes exactly at the pass mark (3 of 5 = 60%)', () => {
    const { 'q-single': _a, 'q-multiple': _b, ...three } = allRight;
    expect(gradeAttempt(quiz, layout, three)).toMatchObject({ earned: 3, percent: 60, passed: true });
  });

  it('fails just below the pass mark even when rounding would reach it', () => {
    // 2 of 3 points = 66.666…%; with a pass mark of 66.67 the learner has not passed.
    const small = sampleQuiz({ passPercent: 66.67 });
    const smallLayout: QuizLayout = {
      questions: layout.questions.filter((q) => q.type !== 'single' && q.type !== 'multiple'),
    };
    const grade = gradeAttempt(small, smallLayout, {
      'q-truefalse': allRight['q-truefalse'],
      'q-ordering': allRight['q-ordering'],
    });
    expect(grade.percent).toBe(66.67);
    expect(grade.passed).toBe(false);
  });

  it('weights questions by their points', () => {
    const weighted = sampleQuiz();
    weighted.questions.find((q) => q.id === 'q-text')!.points = 5;
    const grade = gradeAttempt(weighted, layout, { 'q-text': allRight['q-text'] });
    expect(grade).toMatchObject({ earned: 5, total: 9, percent: 55.56, passed: false });
  });

  it('gives nothing for an answer of the wrong type or with unknown ids, without throwing', () => {
    const grade = gradeAttempt(quiz, layout, {
      'q-single': { type: 'truefalse', value: true },
      'q-ordering': { type: 'ordering', itemIds: ['x1', 'x2', 'x3', 'x4'] },
    });
    expect(grade.earned).toBe(0);
    expect(grade.questions.filter((q) => q.answered)).toEqual([]);
  });

  it('refuses a layout that does not belong to the quiz version', () => {
    const foreign: QuizLayout = { questions: [{ type: 'truefalse', questionId: 'q-gone' }] };
    expect(() => gradeAttempt(quiz, foreign, {})).toThrow(/q-gone/);
  });
});
