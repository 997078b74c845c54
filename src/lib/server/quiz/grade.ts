import type { Question, Quiz } from '../../schemas/quiz';
import type { Answer, AnswerMap } from '../../schemas/quiz-answer';
import type { LayoutQuestion, QuizLayout } from '../../schemas/quiz-layout';
import { isAnswered } from '../../shared/quiz/describe';
import { normaliseTextAnswer } from '../../shared/quiz/text-answer';
import { validateAnswer } from '../../shared/quiz/validate-answer';
import { toPublicQuestion } from './public-questions';
import { resolveLayoutOrThrow, type LayoutEntry } from './resolve-layout';

type QuestionOf<T extends Question['type']> = Extract<Question, { type: T }>;
type LayoutOf<T extends LayoutQuestion['type']> = Extract<LayoutQuestion, { type: T }>;

/**
 * The learner's answer in authored terms, independent of the attempt's opaque ids: what
 * statistics count and what a later review can show.
 */
export type Response =
  | { type: 'single' | 'multiple'; optionIds: string[] }
  | { type: 'truefalse'; value: boolean }
  /** Authored indices of the items in the order the learner put them. */
  | { type: 'ordering'; order: number[] }
  /** The answer after normalisation. */
  | { type: 'text'; text: string };

/** The verdict on one answer. `partial` marks answers that were partly right; they earn nothing. */
export interface QuestionOutcome {
  correct: boolean;
  partial: boolean;
  response: Response;
}

/** Single choice: right when the chosen option is the right one. */
export function gradeSingle(
  question: QuestionOf<'single'>,
  layout: LayoutOf<'single' | 'multiple'>,
  answer: Extract<Answer, { type: 'single' }>,
): QuestionOutcome {
  const optionId = authoredOptionIds(layout, [answer.optionId])[0];
  const chosen = question.options.find((o) => o.id === optionId);
  return {
    correct: chosen?.correct === true,
    partial: false,
    response: { type: 'single', optionIds: optionId ? [optionId] : [] },
  };
}

/**
 * Multiple choice, all or nothing: right only when exactly the right options are chosen.
 * Partial when at least one right option is chosen (see docs/decisions/020-quiz-grading.md).
 */
export function gradeMultiple(
  question: QuestionOf<'multiple'>,
  layout: LayoutOf<'single' | 'multiple'>,
  answer: Extract<Answer, { type: 'multiple' }>,
): QuestionOutcome {
  const chosen = new Set(authoredOptionIds(layout, answer.optionIds));
  const rightIds = new Set(question.options.filter((o) => o.correct).map((o) => o.id));
  const correct = chosen.size === rightIds.size && [...chosen].every((id) => rightIds.has(id));
  const someRight = [...chosen].some((id) => rightIds.has(id));
  return {
    correct,
    partial: !correct && someRight,
    response: { type: 'multiple', optionIds: question.options.map((o) => o.id).filter((id) => chosen.has(id)) },
  };
}

/** True/false: right when the value matches. */
export function gradeTrueFalse(
  question: QuestionOf<'truefalse'>,
  answer: Extract<Answer, { type: 'truefalse' }>,
): QuestionOutcome {
  return {
    correct: answer.value === question.answer,
    partial: false,
    response: { type: 'truefalse', value: answer.value },
  };
}

/**
 * Ordering, all or nothing: right only when every item is in its place. Partial when at
 * least half of the items are in their place.
 */
export function gradeOrdering(
  question: QuestionOf<'ordering'>,
  layout: LayoutOf<'ordering'>,
  answer: Extract<Answer, { type: 'ordering' }>,
): QuestionOutcome {
  const indexOf = new Map(layout.items.map((i) => [i.id, i.index]));
  const order = answer.itemIds.map((id) => indexOf.get(id) ?? -1);
  const inPlace = order.filter((index, position) => index === position).length;
  const total = question.items.length;
  const correct = order.length === total && inPlace === total;
  return { correct, partial: !correct && inPlace * 2 >= total, response: { type: 'ordering', order } };
}

/**
 * Short text: right when the normalised answer equals a normalised accepted answer (trim,
 * whitespace, NFC, Vietnamese case folding, tone placement, and diacritics when allowed).
 */
export function gradeText(question: QuestionOf<'text'>, answer: Extract<Answer, { type: 'text' }>): QuestionOutcome {
  const options = { foldDiacritics: question.foldDiacritics };
  const given = normaliseTextAnswer(answer.text, options);
  const correct = given !== '' && question.accept.some((a) => normaliseTextAnswer(a, options) === given);
  return { correct, partial: false, response: { type: 'text', text: given } };
}

/** The grade of one question of an attempt. */
export interface QuestionGrade {
  questionId: string;
  type: Question['type'];
  /** False when there was no answer, an empty one, or one that did not fit the question. */
  answered: boolean;
  correct: boolean;
  partial: boolean;
  points: number;
  earned: number;
  response: Response | null;
}

/** The grade of a whole attempt, questions in the attempt's order. */
export interface AttemptGrade {
  questions: QuestionGrade[];
  earned: number;
  total: number;
  /** Share of points earned, 0–100, rounded to two decimals. */
  percent: number;
  passed: boolean;
}

/**
 * Grades an attempt against the quiz version it was started on. Unanswered questions and
 * answers that do not fit their question earn nothing. Passing compares exact points with the
 * pass mark, so rounding of `percent` never turns a fail into a pass.
 */
export function gradeAttempt(quiz: Quiz, layout: QuizLayout, answers: AnswerMap): AttemptGrade {
  const questions = resolveLayoutOrThrow(quiz, layout).map((entry) => gradeEntry(entry, answers[entry.question.id]));
  const earned = sum(questions.map((q) => q.earned));
  const total = sum(questions.map((q) => q.points));
  const percent = total > 0 ? Math.round((earned / total) * 10_000) / 100 : 0;
  // Points are small decimals at most; the tolerance absorbs float noise such as 0.1 + 0.2.
  const passed = total > 0 && earned * 100 >= quiz.passPercent * total - 1e-9;
  return { questions, earned, total, percent, passed };
}

function gradeEntry(entry: LayoutEntry, answer: Answer | undefined): QuestionGrade {
  const { question } = entry;
  const base = { questionId: question.id, type: question.type, points: question.points };
  const given = answer && isAnswered(answer) && validateAnswer(toPublicQuestion(entry), answer).ok;
  const outcome = given ? outcomeOf(entry, answer) : null;
  if (!outcome) return { ...base, answered: false, correct: false, partial: false, earned: 0, response: null };
  return {
    ...base,
    answered: true,
    correct: outcome.correct,
    partial: outcome.partial,
    earned: outcome.correct ? question.points : 0,
    response: outcome.response,
  };
}

// validateAnswer has matched the answer's type to the question's; the checks here narrow types.
function outcomeOf(entry: LayoutEntry, answer: Answer): QuestionOutcome | null {
  switch (entry.type) {
    case 'single':
      return answer.type === 'single' ? gradeSingle(entry.question, entry.layout, answer) : null;
    case 'multiple':
      return answer.type === 'multiple' ? gradeMultiple(entry.question, entry.layout, answer) : null;
    case 'truefalse':
      return answer.type === 'truefalse' ? gradeTrueFalse(entry.question, answer) : null;
    case 'ordering':
      return answer.type === 'ordering' ? gradeOrdering(entry.question, entry.layout, answer) : null;
    case 'text':
      return answer.type === 'text' ? gradeText(entry.question, answer) : null;
  }
}

function authoredOptionIds(layout: LayoutOf<'single' | 'multiple'>, opaqueIds: readonly string[]): string[] {
  const byOpaque = new Map(layout.options.map((o) => [o.id, o.optionId]));
  return opaqueIds.flatMap((id) => {
    const optionId = byOpaque.get(id);
    return optionId ? [optionId] : [];
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
