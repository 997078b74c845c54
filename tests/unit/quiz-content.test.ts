import { describe, expect, it } from 'vitest';
import type { Quiz } from '../../src/lib/schemas/quiz';
import type { AnswerMap } from '../../src/lib/schemas/quiz-answer';
import type { QuizLayout } from '../../src/lib/schemas/quiz-layout';
import { composeAttempt } from '../../src/lib/server/quiz/compose-attempt';
import { gradeAttempt } from '../../src/lib/server/quiz/grade';
import { formatQuizFileErrors, loadQuizFiles } from '../../src/lib/server/quiz/load-quiz-files';
import { toPublicQuestions } from '../../src/lib/server/quiz/public-questions';
import { seededRng } from '../../src/lib/shared/quiz/rng';

const result = await loadQuizFiles('src/content/quizzes');
const quizzes = result.ok ? result.quizzes : [];

/** The answer key of an attempt, in the attempt's opaque ids. */
function keyAnswers(quiz: Quiz, layout: QuizLayout): AnswerMap {
  const answers: AnswerMap = {};
  for (const lq of layout.questions) {
    const q = quiz.questions.find((x) => x.id === lq.questionId)!;
    if (q.type === 'single' && (lq.type === 'single' || lq.type === 'multiple')) {
      const right = q.options.find((o) => o.correct)!.id;
      answers[q.id] = { type: 'single', optionId: lq.options.find((o) => o.optionId === right)!.id };
    } else if (q.type === 'multiple' && (lq.type === 'single' || lq.type === 'multiple')) {
      const right = new Set(q.options.filter((o) => o.correct).map((o) => o.id));
      answers[q.id] = { type: 'multiple', optionIds: lq.options.filter((o) => right.has(o.optionId)).map((o) => o.id) };
    } else if (q.type === 'truefalse') {
      answers[q.id] = { type: 'truefalse', value: q.answer };
    } else if (q.type === 'ordering' && lq.type === 'ordering') {
      answers[q.id] = { type: 'ordering', itemIds: [...lq.items].sort((a, b) => a.index - b.index).map((i) => i.id) };
    } else if (q.type === 'text') {
      answers[q.id] = { type: 'text', text: q.accept[0]! };
    }
  }
  return answers;
}

describe('the authored quizzes in src/content/quizzes', () => {
  it('all load without errors', () => {
    expect(result.ok ? '' : formatQuizFileErrors(result.errors)).toBe('');
    expect(quizzes.length).toBeGreaterThan(0);
  });

  it.each(quizzes.map((q) => [q.id, q] as const))(
    '%s: the key scores 100%% and the public view hides it',
    (_id, loaded) => {
      const { quiz } = loaded;
      const secrets = quiz.questions.flatMap((q) => [
        q.explanation,
        ...(q.type === 'single' || q.type === 'multiple'
          ? q.options.flatMap((o) => (o.feedback ? [o.feedback] : []))
          : []),
      ]);
      for (let seed = 0; seed < 10; seed++) {
        const layout = composeAttempt(quiz, seededRng(`${loaded.id}-${seed}`));
        expect(gradeAttempt(quiz, layout, keyAnswers(quiz, layout)).percent).toBe(100);
        const json = JSON.stringify(toPublicQuestions(quiz, layout));
        expect(json).not.toMatch(/"(correct|answer|accept|explanation|feedback|index|optionId)":/);
        for (const secret of secrets) expect(json).not.toContain(secret);
      }
    },
  );
});
