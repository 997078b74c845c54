import { describe, expect, it } from 'vitest';
import { AnswerSchema, QuestionAnswerSchema } from '../../src/lib/schemas/quiz-answer';
import { answerFieldName, answersFromForm } from '../../src/lib/shared/quiz/form-answers';
import type { PublicQuestion } from '../../src/lib/shared/quiz/types';
import { validateAnswer } from '../../src/lib/shared/quiz/validate-answer';

const questions: PublicQuestion[] = [
  {
    id: 'q1',
    type: 'single',
    prompt: 'Một?',
    points: 1,
    options: [
      { id: 'o1', text: 'A' },
      { id: 'o2', text: 'B' },
    ],
  },
  {
    id: 'q2',
    type: 'multiple',
    prompt: 'Nhiều?',
    points: 1,
    options: [
      { id: 'o3', text: 'A' },
      { id: 'o4', text: 'B' },
    ],
  },
  { id: 'q3', type: 'truefalse', prompt: 'Đúng sai?', points: 1 },
  {
    id: 'q4',
    type: 'ordering',
    prompt: 'Thứ tự?',
    points: 1,
    items: [
      { id: 'i1', text: 'X' },
      { id: 'i2', text: 'Y' },
      { id: 'i3', text: 'Z' },
    ],
  },
  { id: 'q5', type: 'text', prompt: 'Viết?', points: 1, maxLength: 500 },
];

/** What the server reads from a posted plain form holding `entries` (field name, value). */
function answersOf(entries: [string, string][]) {
  return answersFromForm(new URLSearchParams(entries), questions);
}

/** Two values for one radio group: never sent by the form itself. */
const FORGED_RADIO: [string, string][] = [
  [answerFieldName('q1'), 'o1'],
  [answerFieldName('q1'), 'o2'],
];

describe('reading a posted plain quiz form', () => {
  it('reads one answer of every type', () => {
    const result = answersOf([
      [answerFieldName('q1'), 'o2'],
      [answerFieldName('q2'), 'o3'],
      [answerFieldName('q2'), 'o4'],
      [answerFieldName('q3'), 'false'],
      [answerFieldName('q4', 1), 'i3'],
      [answerFieldName('q4', 2), 'i1'],
      [answerFieldName('q4', 3), 'i2'],
      [answerFieldName('q5'), ' hồ sơ điện tử '],
    ]);
    expect(result).toEqual({
      errors: [],
      answers: {
        q1: { type: 'single', optionId: 'o2' },
        q2: { type: 'multiple', optionIds: ['o3', 'o4'] },
        q3: { type: 'truefalse', value: false },
        q4: { type: 'ordering', itemIds: ['i3', 'i1', 'i2'] },
        q5: { type: 'text', text: ' hồ sơ điện tử ' },
      },
    });
  });

  it('leaves blank questions out without an error', () => {
    expect(answersOf([[answerFieldName('q5'), '   ']])).toEqual({ answers: {}, errors: [] });
  });

  it('refuses an order that uses a step twice', () => {
    const result = answersOf([
      [answerFieldName('q4', 1), 'i1'],
      [answerFieldName('q4', 2), 'i1'],
      [answerFieldName('q4', 3), 'i2'],
    ]);
    expect(result.errors).toEqual([{ questionId: 'q4', message: 'Cần sắp xếp đủ tất cả các bước, mỗi bước một lần.' }]);
  });

  it('refuses an order with an empty position', () => {
    const result = answersOf([[answerFieldName('q4', 1), 'i1']]);
    expect(result.errors).toEqual([{ questionId: 'q4', message: 'Cần sắp xếp đủ tất cả các bước, mỗi bước một lần.' }]);
  });

  it('refuses an option of another question and two values for one radio group', () => {
    const result = answersOf([
      [answerFieldName('q1'), 'o3'],
      [answerFieldName('q2'), 'o1'],
    ]);
    expect(result.errors.map((e) => e.questionId)).toEqual(['q1', 'q2']);
    const forged = answersOf(FORGED_RADIO);
    expect(forged.errors.map((e) => e.questionId)).toEqual(['q1']);
  });

  it('refuses a text answer longer than 500 characters with a Vietnamese message', () => {
    const result = answersOf([[answerFieldName('q5'), 'a'.repeat(501)]]);
    expect(result.errors).toEqual([{ questionId: 'q5', message: 'Câu trả lời dài quá 500 ký tự' }]);
  });

  it('refuses a true/false value other than "true" or "false" in Vietnamese', () => {
    expect(answersOf([[answerFieldName('q3'), 'yes']]).errors).toEqual([
      { questionId: 'q3', message: 'Câu trả lời không đúng dạng của câu hỏi.' },
    ]);
  });

  it('names a forged radio group in Vietnamese', () => {
    const forged = answersOf(FORGED_RADIO);
    expect(forged.errors).toEqual([{ questionId: 'q1', message: 'Câu trả lời không đúng dạng của câu hỏi.' }]);
  });
});

describe('answer validation', () => {
  it('accepts a well-formed save request and refuses one without a type', () => {
    expect(
      QuestionAnswerSchema.safeParse({ questionId: 'q1', answer: { type: 'single', optionId: 'o1' } }).success,
    ).toBe(true);
    expect(QuestionAnswerSchema.safeParse({ questionId: 'q1', answer: { optionId: 'o1' } }).success).toBe(false);
  });

  it('refuses an answer whose type differs from the question', () => {
    const answer = AnswerSchema.parse({ type: 'truefalse', value: true });
    expect(validateAnswer(questions[0]!, answer)).toEqual({
      ok: false,
      message: 'Câu trả lời không đúng dạng của câu hỏi.',
    });
  });

  it('refuses an option chosen twice in a multiple choice answer', () => {
    expect(validateAnswer(questions[1]!, { type: 'multiple', optionIds: ['o3', 'o3'] }).ok).toBe(false);
  });

  it('accepts an empty multiple choice answer (nothing ticked yet)', () => {
    expect(validateAnswer(questions[1]!, { type: 'multiple', optionIds: [] }).ok).toBe(true);
  });
});
