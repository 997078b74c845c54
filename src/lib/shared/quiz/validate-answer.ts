import type { Answer } from '../../schemas/quiz-answer';
import { QUIZ_MESSAGES } from './messages';
import type { PublicQuestion } from './types';

export type AnswerCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks a schema-valid answer against the question it answers, as the learner saw it: same
 * type, known option ids, no repeats, and for ordering every item exactly once. Messages are
 * Vietnamese and safe to show.
 */
export function validateAnswer(question: PublicQuestion, answer: Answer): AnswerCheck {
  const fail = (message: string): AnswerCheck => ({ ok: false, message });
  if (question.type !== answer.type) return fail(QUIZ_MESSAGES.answerWrongType);

  switch (answer.type) {
    case 'single': {
      if (question.type !== 'single') return fail(QUIZ_MESSAGES.answerWrongType);
      return question.options.some((o) => o.id === answer.optionId)
        ? { ok: true }
        : fail(QUIZ_MESSAGES.answerUnknownOption);
    }
    case 'multiple': {
      if (question.type !== 'multiple') return fail(QUIZ_MESSAGES.answerWrongType);
      const known = new Set(question.options.map((o) => o.id));
      if (answer.optionIds.some((id) => !known.has(id))) return fail(QUIZ_MESSAGES.answerUnknownOption);
      if (new Set(answer.optionIds).size !== answer.optionIds.length) return fail(QUIZ_MESSAGES.answerRepeatedOption);
      return { ok: true };
    }
    case 'ordering': {
      if (question.type !== 'ordering') return fail(QUIZ_MESSAGES.answerWrongType);
      const expected = question.items.map((i) => i.id).sort();
      const given = [...answer.itemIds].sort();
      if (expected.length !== given.length || expected.some((id, i) => id !== given[i])) {
        return fail(QUIZ_MESSAGES.answerNotPermutation);
      }
      return { ok: true };
    }
    case 'truefalse':
      return { ok: true };
    case 'text':
      return question.type === 'text' && answer.text.length <= question.maxLength
        ? { ok: true }
        : fail(QUIZ_MESSAGES.answerTooLong);
  }
}
