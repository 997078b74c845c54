import { describe, expect, it } from 'vitest';
import { QuizSchema } from '../../src/lib/schemas/quiz';
import type { Response } from '../../src/lib/server/quiz/grade';
import { firstAttempts, questionStatistics, type AttemptForStatistics } from '../../src/lib/server/quiz/statistics';

/*
 * Hand-computed data set: 6 learners (L1–L6), 5 questions of 1 point each, first attempts.
 *
 *          q1  q2  q3  q4  q5 | total
 *     L1    1   1   1   0   1 |   4
 *     L2    1   1   1   0   1 |   4
 *     L3    1   1   0   0   1 |   3
 *     L4    0   1   1   0   1 |   3
 *     L5    0   1   0   0   0 |   1
 *     L6    0   1   0   1   0 |   2
 *
 * Facility = mean score: q1 3/6 = 0.5, q2 6/6 = 1, q3 3/6 = 0.5, q4 1/6 ≈ 0.1667, q5 4/6 ≈ 0.6667.
 *
 * Discrimination = Pearson r between the question score x and the rest score
 * y = (total − x) / 4 (the points of the other questions). r does not change when y is divided
 * by 4, so the sums below use rest = total − x. Sxy = Σ(x−x̄)(y−ȳ), Sxx = Σ(x−x̄)², Syy = Σ(y−ȳ)².
 *
 * q1: x = 1 1 1 0 0 0, x̄ = 1/2; rest = 3 3 2 3 1 2, mean 7/3
 *     x−x̄ = ±1/2; rest−mean = 2/3 2/3 −1/3 2/3 −4/3 −1/3
 *     Sxy = ½(2/3+2/3−1/3) − ½(2/3−4/3−1/3) = ½ + ½ = 1
 *     Sxx = 6·¼ = 3/2;  Syy = 3·4/9 + 2·1/9 + 16/9 = 10/3
 *     r = 1 / √(3/2 · 10/3) = 1/√5 ≈ 0.447214
 * q2: x = 1 for everyone, Sxx = 0 → r undefined (null)
 * q3: x = 1 1 0 1 0 0, x̄ = 1/2; rest = 3 3 3 2 1 2, mean 7/3
 *     rest−mean = 2/3 2/3 2/3 −1/3 −4/3 −1/3
 *     Sxy = ½(2/3+2/3−1/3) − ½(2/3−4/3−1/3) = 1;  Sxx = 3/2;  Syy = 10/3
 *     r = 1/√5 ≈ 0.447214
 * q4: x = 0 0 0 0 0 1, x̄ = 1/6; rest = 4 4 3 3 1 1, mean 8/3
 *     rest−mean = 4/3 4/3 1/3 1/3 −5/3 −5/3
 *     Sxy = −1/6·(4/3+4/3+1/3+1/3−5/3) + 5/6·(−5/3) = −5/18 − 25/18 = −5/3
 *     Sxx = 5·1/36 + 25/36 = 5/6;  Syy = 2·16/9 + 2·1/9 + 2·25/9 = 28/3
 *     r = (−5/3) / √(5/6 · 28/3) = (−5/3) / (√70/3) = −5/√70 ≈ −0.597614
 * q5: x = 1 1 1 1 0 0, x̄ = 2/3; rest = 3 3 2 2 1 2, mean 13/6
 *     x−x̄ = 1/3 (×4), −2/3 (×2); rest−mean = 5/6 5/6 −1/6 −1/6 −7/6 −1/6
 *     Sxy = 1/3·(5/6+5/6−1/6−1/6) − 2/3·(−7/6−1/6) = 8/18 + 16/18 = 4/3
 *     Sxx = 4·1/9 + 2·4/9 = 4/3;  Syy = 2·25/36 + 3·1/36 + 49/36 = 17/6
 *     r = (4/3) / √(4/3 · 17/6) = (4/3) / (√34/3) = 4/√34 ≈ 0.685994
 *
 * Flags (easy > 0.9, hard < 0.2, poor discrimination < 0.2, at least 5 responses):
 *     q2 too easy; q4 too hard and poor discrimination; q1, q3, q5 none.
 *
 * Answers given (options a, b, c; "–" = unanswered):
 *     q1 single, a right:          L1 a, L2 a, L3 a, L4 b, L5 c, L6 –   → a 3, b 1, c 1, unanswered 1
 *     q2 true/false, true right:   all true                              → true 6, false 0
 *     q3 multiple, a+b right:      L1 ab, L2 ab, L3 a, L4 ab, L5 c, L6 bc → a 4, b 4, c 2
 *     q4 text "Điện tử", folded:   L1–L3 "so hoa", L4 –, L5 "giay", L6 "dien tu"
 *                                  → so hoa 3, dien tu 1 (right), giay 1, unanswered 1
 *     q5 ordering of 3 steps:      L1–L4 0-1-2, L5 1-0-2, L6 2-1-0       → 0-1-2 4 (right), 1-0-2 1, 2-1-0 1
 */

const quiz = QuizSchema.parse({
  title: 'Thống kê câu hỏi',
  for: { kind: 'course', id: 'thong-ke' },
  questions: [
    {
      id: 'q1',
      type: 'single',
      prompt: 'Câu hỏi số một?',
      explanation: 'Giải thích câu một.',
      options: [
        { id: 'a', text: 'Phương án A', correct: true },
        { id: 'b', text: 'Phương án B' },
        { id: 'c', text: 'Phương án C' },
      ],
    },
    { id: 'q2', type: 'truefalse', prompt: 'Câu hỏi số hai?', explanation: 'Giải thích câu hai.', answer: true },
    {
      id: 'q3',
      type: 'multiple',
      prompt: 'Câu hỏi số ba?',
      explanation: 'Giải thích câu ba.',
      options: [
        { id: 'a', text: 'Phương án A', correct: true },
        { id: 'b', text: 'Phương án B', correct: true },
        { id: 'c', text: 'Phương án C' },
      ],
    },
    {
      id: 'q4',
      type: 'text',
      prompt: 'Câu hỏi số bốn?',
      explanation: 'Giải thích câu bốn.',
      accept: ['Điện tử'],
      foldDiacritics: true,
    },
    {
      id: 'q5',
      type: 'ordering',
      prompt: 'Câu hỏi số năm?',
      explanation: 'Giải thích câu năm.',
      items: ['Bước một', 'Bước hai', 'Bước ba'],
    },
  ],
});

type Row = [score: number, response: Response | null];
const single = (id: string): Response => ({ type: 'single', optionIds: [id] });
const multiple = (...ids: string[]): Response => ({ type: 'multiple', optionIds: ids });
const tf = (value: boolean): Response => ({ type: 'truefalse', value });
const text = (t: string): Response => ({ type: 'text', text: t });
const order = (...o: number[]): Response => ({ type: 'ordering', order: o });

// One row per learner: q1..q5 as [score, response].
const table: Row[][] = [
  /* L1 */ [
    [1, single('a')],
    [1, tf(true)],
    [1, multiple('a', 'b')],
    [0, text('so hoa')],
    [1, order(0, 1, 2)],
  ],
  /* L2 */ [
    [1, single('a')],
    [1, tf(true)],
    [1, multiple('a', 'b')],
    [0, text('so hoa')],
    [1, order(0, 1, 2)],
  ],
  /* L3 */ [
    [1, single('a')],
    [1, tf(true)],
    [0, multiple('a')],
    [0, text('so hoa')],
    [1, order(0, 1, 2)],
  ],
  /* L4 */ [
    [0, single('b')],
    [1, tf(true)],
    [1, multiple('a', 'b')],
    [0, null],
    [1, order(0, 1, 2)],
  ],
  /* L5 */ [
    [0, single('c')],
    [1, tf(true)],
    [0, multiple('c')],
    [0, text('giay')],
    [0, order(1, 0, 2)],
  ],
  /* L6 */ [
    [0, null],
    [1, tf(true)],
    [0, multiple('b', 'c')],
    [1, text('dien tu')],
    [0, order(2, 1, 0)],
  ],
];
const attempts: AttemptForStatistics[] = table.map((row) => ({
  questions: row.map(([earned, response], i) => ({ questionId: `q${i + 1}`, points: 1, earned, response })),
}));

describe('question statistics on a hand-computed data set', () => {
  const stats = questionStatistics({ questions: quiz.questions, attempts });
  const of = (id: string) => stats.find((s) => s.questionId === id)!;

  it('reports every question in authored order with six responses', () => {
    expect(stats.map((s) => [s.questionId, s.responses])).toEqual([
      ['q1', 6],
      ['q2', 6],
      ['q3', 6],
      ['q4', 6],
      ['q5', 6],
    ]);
  });

  it('computes the facility index as the mean score', () => {
    expect(of('q1').facility).toBeCloseTo(0.5, 10);
    expect(of('q2').facility).toBeCloseTo(1, 10);
    expect(of('q3').facility).toBeCloseTo(0.5, 10);
    expect(of('q4').facility).toBeCloseTo(0.166667, 5);
    expect(of('q5').facility).toBeCloseTo(0.666667, 5);
  });

  it('computes the discrimination index as the corrected point-biserial correlation', () => {
    expect(of('q1').discrimination).toBeCloseTo(0.447214, 5);
    expect(of('q2').discrimination).toBeNull();
    expect(of('q3').discrimination).toBeCloseTo(0.447214, 5);
    expect(of('q4').discrimination).toBeCloseTo(-0.597614, 5);
    expect(of('q5').discrimination).toBeCloseTo(0.685994, 5);
  });

  it('flags the too easy, too hard and badly discriminating questions', () => {
    expect(stats.map((s) => [s.questionId, s.flags])).toEqual([
      ['q1', []],
      ['q2', ['too-easy']],
      ['q3', []],
      ['q4', ['too-hard', 'poor-discrimination']],
      ['q5', []],
    ]);
  });

  it('counts how often each option was chosen, and unanswered questions', () => {
    expect(of('q1').choices.map((c) => [c.key, c.count, c.correct])).toEqual([
      ['a', 3, true],
      ['b', 1, false],
      ['c', 1, false],
    ]);
    expect(of('q1').choices[0]!.share).toBeCloseTo(0.5, 10);
    expect(of('q1').unanswered).toBe(1);
    expect(of('q2').choices.map((c) => [c.label, c.count, c.correct])).toEqual([
      ['Đúng', 6, true],
      ['Sai', 0, false],
    ]);
    expect(of('q3').choices.map((c) => [c.key, c.count])).toEqual([
      ['a', 4],
      ['b', 4],
      ['c', 2],
    ]);
  });

  it('lists the most frequent texts and orders, marking the right ones', () => {
    expect(of('q4').choices.map((c) => [c.key, c.count, c.correct])).toEqual([
      ['so hoa', 3, false],
      ['dien tu', 1, true],
      ['giay', 1, false],
    ]);
    expect(of('q4').unanswered).toBe(1);
    expect(of('q5').choices.map((c) => [c.label, c.count, c.correct])).toEqual([
      ['Bước một → Bước hai → Bước ba', 4, true],
      ['Bước hai → Bước một → Bước ba', 1, false],
      ['Bước ba → Bước hai → Bước một', 1, false],
    ]);
  });
});

describe('question statistics with little or uneven data', () => {
  it('raises no flags below the minimum number of responses', () => {
    const stats = questionStatistics({ questions: quiz.questions, attempts: attempts.slice(0, 4) });
    expect(stats.every((s) => s.flags.length === 0 && !s.enoughData)).toBe(true);
  });

  it('counts only the learners who were shown a question drawn from a pool', () => {
    const withoutQ5 = attempts.map((a, i) =>
      i < 2 ? { questions: a.questions.filter((q) => q.questionId !== 'q5') } : a,
    );
    const q5 = questionStatistics({ questions: quiz.questions, attempts: withoutQ5 }).find(
      (s) => s.questionId === 'q5',
    )!;
    expect(q5.responses).toBe(4);
    expect(q5.facility).toBeCloseTo(0.5, 10);
  });

  it('reports a question nobody was shown with zero responses and no numbers', () => {
    const stats = questionStatistics({ questions: quiz.questions, attempts: [] });
    expect(stats[0]).toMatchObject({ responses: 0, facility: null, discrimination: null, flags: [] });
  });
});

describe('choosing first attempts', () => {
  it('keeps the earliest attempt of each learner', () => {
    const attemptsByUser = [
      { id: 'b2', userId: 'u-b', startedAt: new Date('2026-02-02') },
      { id: 'a1', userId: 'u-a', startedAt: new Date('2026-01-01') },
      { id: 'b1', userId: 'u-b', startedAt: new Date('2026-02-01') },
      { id: 'a2', userId: 'u-a', startedAt: new Date('2026-01-05') },
    ];
    expect(
      firstAttempts(attemptsByUser)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['a1', 'b1']);
  });
});
