import { AnswerSchema, type AnswerMap } from '../../schemas/quiz-answer';
import { answerFieldName } from './field-names';
import { QUIZ_MESSAGES } from './messages';
import type { PublicQuestion } from './types';
import { validateAnswer } from './validate-answer';

export { answerFieldName };

/** Anything with FormData's getAll: FormData, URLSearchParams. */
export interface FormValues {
  getAll(name: string): unknown[];
}

export interface FormAnswerError {
  questionId: string;
  message: string;
}

/**
 * Reads the answers of a posted plain quiz form. Empty fields mean "not answered" and are left
 * out; a field that does not fit its question gives a Vietnamese error for that question.
 */
export function answersFromForm(
  form: FormValues,
  questions: readonly PublicQuestion[],
): { answers: AnswerMap; errors: FormAnswerError[] } {
  const answers: AnswerMap = {};
  const errors: FormAnswerError[] = [];
  for (const question of questions) {
    const raw = rawAnswer(form, question);
    if (raw === undefined) continue;
    if (raw === INCOMPLETE_ORDER) {
      errors.push({ questionId: question.id, message: QUIZ_MESSAGES.answerNotPermutation });
      continue;
    }
    // Messages written into the schema (too long, bad id) win; anything else is a wrong shape.
    const parsed = AnswerSchema.safeParse(raw, { error: () => QUIZ_MESSAGES.answerWrongType });
    if (!parsed.success) {
      errors.push({
        questionId: question.id,
        message: parsed.error.issues[0]?.message ?? QUIZ_MESSAGES.answerWrongType,
      });
      continue;
    }
    const check = validateAnswer(question, parsed.data);
    if (!check.ok) {
      errors.push({ questionId: question.id, message: check.message });
      continue;
    }
    answers[question.id] = parsed.data;
  }
  return { answers, errors };
}

const INCOMPLETE_ORDER = Symbol('incomplete order');

// The answer as posted, not yet validated; undefined when the question was left blank.
function rawAnswer(form: FormValues, question: PublicQuestion): unknown {
  const values = (name: string) =>
    form.getAll(name).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const name = answerFieldName(question.id);

  switch (question.type) {
    case 'single': {
      const [optionId, ...rest] = values(name);
      if (optionId === undefined) return undefined;
      // Two values for a radio group means a forged form.
      return rest.length > 0 ? { type: 'single', optionId: null } : { type: 'single', optionId };
    }
    case 'multiple': {
      const optionIds = values(name);
      return optionIds.length === 0 ? undefined : { type: 'multiple', optionIds };
    }
    case 'truefalse': {
      const [value] = values(name);
      if (value === undefined) return undefined;
      return { type: 'truefalse', value: value === 'true' ? true : value === 'false' ? false : value };
    }
    case 'ordering': {
      const itemIds = question.items.map((_, i) => values(answerFieldName(question.id, i + 1))[0]);
      if (itemIds.every((id) => id === undefined)) return undefined;
      if (itemIds.some((id) => id === undefined)) return INCOMPLETE_ORDER;
      return { type: 'ordering', itemIds };
    }
    case 'text': {
      const [text] = form.getAll(name).filter((v): v is string => typeof v === 'string');
      return text === undefined || text.trim() === '' ? undefined : { type: 'text', text };
    }
  }
}
