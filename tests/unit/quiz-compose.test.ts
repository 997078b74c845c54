import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuizLayoutSchema } from '../../src/lib/schemas/quiz-layout';
import { composeAttempt } from '../../src/lib/server/quiz/compose-attempt';
import { gradeAttempt } from '../../src/lib/server/quiz/grade';
import { toPublicQuestions } from '../../src/lib/server/quiz/public-questions';
import { resolveLayout } from '../../src/lib/server/quiz/resolve-layout';
import { cryptoRng, seededRng } from '../../src/lib/shared/quiz/rng';
import { SAMPLE_KEY_ONLY_TEXTS, opaqueItemIds, opaqueOptionId, sampleQuiz } from '../support/quiz-fixtures';

const KEY_FIELDS = ['correct', 'answer', 'accept', 'explanation', 'feedback', 'index', 'optionId', 'foldDiacritics'];

/** Every property name anywhere inside a JSON value. */
function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

describe('composing an attempt', () => {
  it('draws drawCount distinct questions from the pool', () => {
    const quiz = sampleQuiz({ drawCount: 3 });
    const layout = composeAttempt(quiz, seededRng(1));
    const ids = layout.questions.map((q) => q.questionId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const poolIds = quiz.questions.map((q) => q.id);
    expect(ids.every((id) => poolIds.includes(id))).toBe(true);
  });

  it('draws different questions for different seeds', () => {
    const quiz = sampleQuiz({ drawCount: 2 });
    const draws = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        composeAttempt(quiz, seededRng(seed))
          .questions.map((q) => q.questionId)
          .sort()
          .join(','),
      ),
    );
    expect(draws.size).toBeGreaterThan(3);
  });

  it('uses every question when drawCount is absent', () => {
    const quiz = sampleQuiz();
    expect(composeAttempt(quiz, seededRng('all')).questions).toHaveLength(quiz.questions.length);
  });

  it('gives the same layout for the same seed and a different one for another seed', () => {
    const quiz = sampleQuiz();
    expect(composeAttempt(quiz, seededRng('seed-1'))).toEqual(composeAttempt(quiz, seededRng('seed-1')));
    expect(composeAttempt(quiz, seededRng('seed-1'))).not.toEqual(composeAttempt(quiz, seededRng('seed-2')));
  });

  it('keeps authored question and option order when shuffling is off', () => {
    const quiz = sampleQuiz({ shuffleQuestions: false, shuffleOptions: false });
    const layout = composeAttempt(quiz, seededRng('fixed'));
    expect(layout.questions.map((q) => q.questionId)).toEqual(quiz.questions.map((q) => q.id));
    const single = layout.questions[0]!;
    expect(single.type === 'single' && single.options.map((o) => o.optionId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps authored order among drawn questions when only drawing', () => {
    const quiz = sampleQuiz({ shuffleQuestions: false, drawCount: 3 });
    const ids = composeAttempt(quiz, seededRng('draw')).questions.map((q) => q.questionId);
    const authored = quiz.questions.map((q) => q.id);
    expect(ids).toEqual([...ids].sort((a, b) => authored.indexOf(a) - authored.indexOf(b)));
  });

  it('shuffles questions when asked (seed "order" moves at least one question)', () => {
    const quiz = sampleQuiz();
    const ids = composeAttempt(quiz, seededRng('order')).questions.map((q) => q.questionId);
    expect(ids).not.toEqual(quiz.questions.map((q) => q.id));
  });

  it('produces layouts that pass the stored-layout schema and fit the quiz version', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        (seed, drawCount, sq, so) => {
          const quiz = sampleQuiz({ drawCount, shuffleQuestions: sq, shuffleOptions: so });
          const layout = composeAttempt(quiz, seededRng(seed));
          expect(QuizLayoutSchema.safeParse(layout).success).toBe(true);
          expect(resolveLayout(quiz, layout).ok).toBe(true);
          expect(layout.questions).toHaveLength(drawCount);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never shows ordering items already in the right order', () => {
    const quiz = sampleQuiz({ questions: [sampleQuiz().questions[3]!] });
    for (let seed = 0; seed < 500; seed++) {
      const q = composeAttempt(quiz, seededRng(seed)).questions[0]!;
      expect(q.type === 'ordering' && q.items.map((i) => i.index)).not.toEqual([0, 1, 2, 3]);
    }
  });

  it('gives a perfect score to the key expressed in the attempt ids, for any layout', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const quiz = sampleQuiz();
        const layout = composeAttempt(quiz, seededRng(seed));
        const grade = gradeAttempt(quiz, layout, {
          'q-single': { type: 'single', optionId: opaqueOptionId(layout, 'q-single', 'a') },
          'q-multiple': {
            type: 'multiple',
            optionIds: [opaqueOptionId(layout, 'q-multiple', 'b'), opaqueOptionId(layout, 'q-multiple', 'a')],
          },
          'q-truefalse': { type: 'truefalse', value: true },
          'q-ordering': { type: 'ordering', itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2, 3]) },
          'q-text': { type: 'text', text: 'Hồ sơ điện tử' },
        });
        expect(grade.percent).toBe(100);
      }),
      { numRuns: 100 },
    );
  });

  it('works with the crypto generator used in production', () => {
    const quiz = sampleQuiz({ drawCount: 4 });
    const layout = composeAttempt(quiz, cryptoRng());
    expect(resolveLayout(quiz, layout).ok).toBe(true);
    expect(layout.questions).toHaveLength(4);
  });
});

describe('the public projection of an attempt', () => {
  const quiz = sampleQuiz();
  const layout = composeAttempt(quiz, seededRng('public'));
  const questions = toPublicQuestions(quiz, layout);
  const json = JSON.stringify(questions);

  it('lists the attempt questions in the layout order', () => {
    expect(questions.map((q) => q.id)).toEqual(layout.questions.map((q) => q.questionId));
  });

  it('has no key field at any depth', () => {
    const keys = keysDeep(JSON.parse(json));
    for (const field of KEY_FIELDS) expect(keys, `field "${field}"`).not.toContain(field);
  });

  it('contains no explanation, option feedback or accepted answer text', () => {
    for (const secret of SAMPLE_KEY_ONLY_TEXTS) expect(json, secret).not.toContain(secret);
  });

  it('shows option texts but not the authored option ids', () => {
    const single = questions.find((q) => q.id === 'q-single');
    expect(single?.type === 'single' && single.options.map((o) => o.text).sort()).toEqual(
      ['Bỏ hồ sơ giấy', 'Giảm số kiểm sát viên', 'Tra cứu và trình chiếu nhanh'].sort(),
    );
    expect(single?.type === 'single' && single.options.map((o) => o.id)).not.toContain('a');
  });

  it('shows ordering items in a different order than authored (seed "public")', () => {
    const ordering = questions.find((q) => q.id === 'q-ordering');
    const authored = quiz.questions.find((q) => q.id === 'q-ordering');
    expect(ordering?.type).toBe('ordering');
    expect(authored?.type).toBe('ordering');
    if (ordering?.type !== 'ordering' || authored?.type !== 'ordering') return;
    expect(ordering.items.map((i) => i.text)).not.toEqual(authored.items);
    expect([...ordering.items.map((i) => i.text)].sort()).toEqual([...authored.items].sort());
  });

  it('gives a text question its length limit and a true/false question nothing else', () => {
    expect(questions.find((q) => q.id === 'q-text')).toMatchObject({ type: 'text', maxLength: 500 });
    expect(Object.keys(questions.find((q) => q.id === 'q-truefalse')!).sort()).toEqual([
      'id',
      'points',
      'prompt',
      'type',
    ]);
  });

  it('throws on a layout from another quiz version instead of guessing', () => {
    const changed = sampleQuiz();
    changed.questions = changed.questions.filter((q) => q.id !== 'q-text');
    expect(() => toPublicQuestions(changed, layout)).toThrow(/q-text/);
  });
});

describe('checking a stored layout against a quiz version', () => {
  const quiz = sampleQuiz();
  const layout = composeAttempt(quiz, seededRng('check'));

  it('refuses a question whose type changed', () => {
    const changed = sampleQuiz();
    const tf = changed.questions.find((q) => q.id === 'q-truefalse')!;
    Object.assign(tf, { type: 'text', accept: ['đúng'], foldDiacritics: false });
    expect(resolveLayout(changed, layout)).toMatchObject({ ok: false, reason: expect.stringMatching(/q-truefalse/) });
  });

  it('refuses options that no longer match the authored ones', () => {
    const changed = sampleQuiz();
    const single = changed.questions.find((q) => q.id === 'q-single')!;
    if (single.type === 'single') single.options.push({ id: 'd', text: 'Thêm', correct: false });
    expect(resolveLayout(changed, layout).ok).toBe(false);
  });

  it('refuses ordering items that are not a permutation', () => {
    const broken = structuredClone(layout);
    const ordering = broken.questions.find((q) => q.type === 'ordering');
    if (ordering?.type === 'ordering') ordering.items[0]!.index = ordering.items[1]!.index;
    expect(resolveLayout(quiz, broken).ok).toBe(false);
  });

  it('refuses a question listed twice', () => {
    const doubled = { questions: [...layout.questions, layout.questions[0]!] };
    expect(resolveLayout(quiz, doubled)).toMatchObject({ ok: false, reason: expect.stringMatching(/twice/) });
  });
});
