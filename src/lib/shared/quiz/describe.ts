import type { Answer } from '../../schemas/quiz-answer';
import { QUIZ_MESSAGES } from './messages';
import type { CorrectAnswer, PublicQuestion } from './types';

/**
 * A learner's answer in words, for feedback: option texts, "Đúng"/"Sai", the steps in the
 * learner's order, or the text typed. Null when there is nothing to show.
 */
export function describeAnswer(question: PublicQuestion, answer: Answer | null): string | null {
  if (!answer) return null;
  switch (answer.type) {
    case 'single':
      return question.type === 'single' ? textsOf(question.options, [answer.optionId]).join('; ') : null;
    case 'multiple':
      return question.type === 'multiple' ? textsOf(question.options, answer.optionIds).join('; ') || null : null;
    case 'truefalse':
      return answer.value ? QUIZ_MESSAGES.true : QUIZ_MESSAGES.false;
    case 'ordering':
      return question.type === 'ordering' ? textsOf(question.items, answer.itemIds).join(' → ') : null;
    case 'text':
      return answer.text.trim() || null;
  }
}

/** The right answer in words, once the review rules allow it. */
export function describeCorrectAnswer(question: PublicQuestion, correct: CorrectAnswer): string {
  switch (correct.type) {
    case 'single':
      return question.type === 'single' ? textsOf(question.options, [correct.optionId]).join('; ') : '';
    case 'multiple':
      return question.type === 'multiple' ? textsOf(question.options, correct.optionIds).join('; ') : '';
    case 'truefalse':
      return correct.value ? QUIZ_MESSAGES.true : QUIZ_MESSAGES.false;
    case 'ordering':
      return question.type === 'ordering' ? textsOf(question.items, correct.itemIds).join(' → ') : '';
    case 'text':
      return correct.accepted.join('; ');
  }
}

/** Whether an answer counts as given: an empty selection or blank text does not. */
export function isAnswered(answer: Answer | undefined | null): boolean {
  if (!answer) return false;
  if (answer.type === 'multiple') return answer.optionIds.length > 0;
  if (answer.type === 'text') return answer.text.trim() !== '';
  return true;
}

function textsOf(choices: readonly { id: string; text: string }[], ids: readonly string[]): string[] {
  const byId = new Map(choices.map((c) => [c.id, c.text]));
  return ids.flatMap((id) => {
    const text = byId.get(id);
    return text === undefined ? [] : [text];
  });
}
