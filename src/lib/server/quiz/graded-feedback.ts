import type { Quiz } from '../../schemas/quiz';
import type { AnswerMap } from '../../schemas/quiz-answer';
import type { QuizLayout } from '../../schemas/quiz-layout';
import type { CorrectAnswer, GradedFeedback, QuestionFeedback, ReviewVisibility } from '../../shared/quiz/types';
import type { AttemptGrade } from './grade';
import { toPublicQuestion } from './public-questions';
import { resolveLayoutOrThrow, type LayoutEntry } from './resolve-layout';

/**
 * What the browser may see of a graded attempt. Correctness and points always; right answers
 * (in the attempt's opaque ids), explanations and the feedback of chosen options only when
 * `visibility` allows them. Everything else of the key stays on the server.
 */
export function toGradedFeedback(input: {
  quiz: Quiz;
  layout: QuizLayout;
  grade: AttemptGrade;
  answers: AnswerMap;
  visibility: ReviewVisibility;
}): GradedFeedback {
  const { quiz, layout, grade, answers, visibility } = input;
  const gradeOf = new Map(grade.questions.map((g) => [g.questionId, g]));
  const questions = resolveLayoutOrThrow(quiz, layout).map((entry): QuestionFeedback => {
    const g = gradeOf.get(entry.question.id);
    if (!g) throw new Error(`No grade for question ${entry.question.id}`);
    const answer = g.answered ? (answers[entry.question.id] ?? null) : null;
    const feedback: QuestionFeedback = {
      question: toPublicQuestion(entry),
      answer,
      correct: g.correct,
      partial: g.partial,
      points: g.points,
      earned: g.earned,
    };
    if (!visibility.showCorrectAnswersAndExplanations) return feedback;

    feedback.correctAnswer = correctAnswerOf(entry);
    feedback.explanation = entry.question.explanation;
    const optionFeedback = chosenOptionFeedback(entry, answer);
    if (optionFeedback.length > 0) feedback.optionFeedback = optionFeedback;
    return feedback;
  });

  return {
    percent: grade.percent,
    passed: grade.passed,
    passPercent: quiz.passPercent,
    earned: grade.earned,
    total: grade.total,
    visibility,
    questions,
  };
}

function correctAnswerOf(entry: LayoutEntry): CorrectAnswer {
  switch (entry.type) {
    case 'single':
    case 'multiple': {
      const right = new Set(entry.question.options.filter((o) => o.correct).map((o) => o.id));
      const optionIds = entry.layout.options.filter((o) => right.has(o.optionId)).map((o) => o.id);
      return entry.type === 'single' ? { type: 'single', optionId: optionIds[0]! } : { type: 'multiple', optionIds };
    }
    case 'truefalse':
      return { type: 'truefalse', value: entry.question.answer };
    case 'ordering':
      return {
        type: 'ordering',
        itemIds: [...entry.layout.items].sort((a, b) => a.index - b.index).map((i) => i.id),
      };
    case 'text':
      return { type: 'text', accepted: [...entry.question.accept] };
  }
}

function chosenOptionFeedback(
  entry: LayoutEntry,
  answer: QuestionFeedback['answer'],
): { optionId: string; text: string }[] {
  if ((entry.type !== 'single' && entry.type !== 'multiple') || !answer) return [];
  const chosen = answer.type === 'single' ? [answer.optionId] : answer.type === 'multiple' ? answer.optionIds : [];
  const authored = new Map(entry.question.options.map((o) => [o.id, o]));
  return entry.layout.options.flatMap((o) => {
    const text = authored.get(o.optionId)?.feedback;
    return chosen.includes(o.id) && text ? [{ optionId: o.id, text }] : [];
  });
}
