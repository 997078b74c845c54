import type { Question, Quiz } from '../../schemas/quiz';
import type { LayoutQuestion, QuizLayout } from '../../schemas/quiz-layout';

type Of<T extends Question['type']> = {
  type: T;
  question: Extract<Question, { type: T }>;
  layout: Extract<LayoutQuestion, { type: T extends 'single' | 'multiple' ? 'single' | 'multiple' : T }>;
};

/** A question of the attempt with its layout; the two always have the same type. */
export type LayoutEntry = Of<'single'> | Of<'multiple'> | Of<'truefalse'> | Of<'ordering'> | Of<'text'>;

export type ResolveLayoutResult = { ok: true; entries: LayoutEntry[] } | { ok: false; reason: string };

/**
 * Pairs every question of a layout with its definition in the quiz version and checks that
 * they fit: the question exists with the same type, options are the authored ones each shown
 * once, ordering items are a permutation, and opaque ids are unique within the attempt.
 */
export function resolveLayout(quiz: Quiz, layout: QuizLayout): ResolveLayoutResult {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const seenQuestions = new Set<string>();
  const seenOpaque = new Set<string>();
  const entries: LayoutEntry[] = [];
  const fail = (reason: string): ResolveLayoutResult => ({ ok: false, reason });

  for (const lq of layout.questions) {
    const question = byId.get(lq.questionId);
    if (!question) return fail(`question ${lq.questionId} is not in this quiz version`);
    if (seenQuestions.has(lq.questionId)) return fail(`question ${lq.questionId} appears twice`);
    seenQuestions.add(lq.questionId);
    if (question.type !== lq.type) return fail(`question ${lq.questionId} is ${question.type}, layout says ${lq.type}`);

    const opaque =
      lq.type === 'single' || lq.type === 'multiple'
        ? lq.options.map((o) => o.id)
        : lq.type === 'ordering'
          ? lq.items.map((i) => i.id)
          : [];
    for (const id of opaque) {
      if (seenOpaque.has(id)) return fail(`opaque id ${id} is used twice`);
      seenOpaque.add(id);
    }

    if (
      (question.type === 'single' || question.type === 'multiple') &&
      (lq.type === 'single' || lq.type === 'multiple')
    ) {
      const authored = question.options.map((o) => o.id).sort();
      const shown = lq.options.map((o) => o.optionId).sort();
      if (authored.join('\n') !== shown.join('\n')) return fail(`options of ${lq.questionId} do not match`);
      entries.push(
        question.type === 'single'
          ? { type: 'single', question, layout: lq }
          : { type: 'multiple', question, layout: lq },
      );
    } else if (question.type === 'ordering' && lq.type === 'ordering') {
      const indices = lq.items.map((i) => i.index).sort((a, b) => a - b);
      if (indices.length !== question.items.length || indices.some((v, i) => v !== i)) {
        return fail(`items of ${lq.questionId} are not a permutation`);
      }
      entries.push({ type: 'ordering', question, layout: lq });
    } else if (question.type === 'truefalse' && lq.type === 'truefalse') {
      entries.push({ type: 'truefalse', question, layout: lq });
    } else if (question.type === 'text' && lq.type === 'text') {
      entries.push({ type: 'text', question, layout: lq });
    }
  }
  return { ok: true, entries };
}

/** resolveLayout for layouts already checked when read: a mismatch here is a bug, so it throws. */
export function resolveLayoutOrThrow(quiz: Quiz, layout: QuizLayout): LayoutEntry[] {
  const result = resolveLayout(quiz, layout);
  if (!result.ok) throw new Error(`Quiz layout does not fit its quiz version: ${result.reason}`);
  return result.entries;
}
