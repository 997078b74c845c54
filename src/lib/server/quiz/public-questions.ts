import type { Quiz } from '../../schemas/quiz';
import { TEXT_ANSWER_MAX_LENGTH } from '../../schemas/quiz-answer';
import type { QuizLayout } from '../../schemas/quiz-layout';
import type { PublicQuestion } from '../../shared/quiz/types';
import { resolveLayoutOrThrow, type LayoutEntry } from './resolve-layout';

/**
 * What the browser gets of an attempt: the questions in the attempt's order with option and
 * item texts under opaque ids. Built field by field (never by spreading a question) so that no
 * key field (`correct`, `answer`, `accept`, `explanation`, `feedback`) can slip through.
 */
export function toPublicQuestions(quiz: Quiz, layout: QuizLayout): PublicQuestion[] {
  return resolveLayoutOrThrow(quiz, layout).map(toPublicQuestion);
}

/** The public form of one question of an attempt. */
export function toPublicQuestion(entry: LayoutEntry): PublicQuestion {
  const { question } = entry;
  const base = { id: question.id, prompt: question.prompt, points: question.points };
  switch (entry.type) {
    case 'single':
    case 'multiple': {
      const textOf = new Map(entry.question.options.map((o) => [o.id, o.text]));
      const options = entry.layout.options.map((o) => ({ id: o.id, text: textOf.get(o.optionId)! }));
      return { ...base, type: entry.type, options };
    }
    case 'ordering':
      return {
        ...base,
        type: 'ordering',
        items: entry.layout.items.map((i) => ({ id: i.id, text: entry.question.items[i.index]! })),
      };
    case 'truefalse':
      return { ...base, type: 'truefalse' };
    case 'text':
      return { ...base, type: 'text', maxLength: TEXT_ANSWER_MAX_LENGTH };
  }
}
