import type { Question, Quiz } from '../../schemas/quiz';
import type { LayoutQuestion, QuizLayout } from '../../schemas/quiz-layout';
import { randomId, randomInt, shuffled, type Rng } from '../../shared/quiz/rng';

/**
 * Composes the layout of a new attempt: draws `drawCount` questions from the pool (all when
 * absent), shuffles questions and options as the quiz says, and always shuffles ordering items.
 * Options and items get fresh opaque ids so that neither order nor ids give the answer away.
 * Pass `seededRng(seed)` in tests and `cryptoRng()` in production.
 */
export function composeAttempt(quiz: Quiz, rng: Rng): QuizLayout {
  const pool = quiz.questions;
  const count = Math.min(quiz.drawCount ?? pool.length, pool.length);
  // Draw by index so that an unshuffled quiz keeps its authored order among drawn questions.
  const drawn = shuffled(
    pool.map((_, i) => i),
    rng,
  ).slice(0, count);
  const order = quiz.shuffleQuestions ? drawn : drawn.sort((a, b) => a - b);

  const usedIds = new Set<string>();
  return { questions: order.map((i) => layoutQuestion(pool[i]!, quiz.shuffleOptions, rng, usedIds)) };
}

function layoutQuestion(question: Question, shuffleOptions: boolean, rng: Rng, usedIds: Set<string>): LayoutQuestion {
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const ids = question.options.map((o) => o.id);
      return {
        type: question.type,
        questionId: question.id,
        options: (shuffleOptions ? shuffled(ids, rng) : ids).map((optionId) => ({
          id: freshId(rng, usedIds),
          optionId,
        })),
      };
    }
    case 'ordering':
      return {
        type: 'ordering',
        questionId: question.id,
        items: shuffledNotIdentity(question.items.length, rng).map((index) => ({ id: freshId(rng, usedIds), index })),
      };
    case 'truefalse':
    case 'text':
      return { type: question.type, questionId: question.id };
  }
}

// Showing the steps already in order would hand out the answer; reshuffle until they are not.
function shuffledNotIdentity(n: number, rng: Rng): number[] {
  const identity = Array.from({ length: n }, (_, i) => i);
  for (let tries = 0; tries < 20; tries++) {
    const candidate = shuffled(identity, rng);
    if (candidate.some((v, i) => v !== i)) return candidate;
  }
  // Practically unreachable for n >= 3; a rotation is never the identity.
  const shift = 1 + randomInt(rng, n - 1);
  return identity.map((i) => (i + shift) % n);
}

function freshId(rng: Rng, used: Set<string>): string {
  for (;;) {
    const id = randomId(rng, 8);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}
