import type { Question } from '../../schemas/quiz';
import { normaliseTextAnswer } from '../../shared/quiz/text-answer';
import type { Response } from './grade';

/** Thresholds of the question flags (docs/decisions/020-quiz-grading.md). */
export const STATISTICS_THRESHOLDS = {
  /** Facility above this: too easy. */
  tooEasy: 0.9,
  /** Facility below this: too hard. */
  tooHard: 0.2,
  /** Discrimination below this: separates strong from weak learners badly. */
  poorDiscrimination: 0.2,
  /** Fewer responses than this: no flags, the numbers are shown as indicative only. */
  minResponses: 5,
  /** Most distinct orders or texts listed for ordering and text questions. */
  topAnswers: 10,
} as const;
export type StatisticsThresholds = { [K in keyof typeof STATISTICS_THRESHOLDS]: number };

export type QuestionFlag = 'too-easy' | 'too-hard' | 'poor-discrimination';

/** One learner's graded first attempt, as far as statistics need it. */
export interface AttemptForStatistics {
  questions: readonly { questionId: string; points: number; earned: number; response: Response | null }[];
}

/** How often an option (or, for ordering and text, a whole answer) was chosen. */
export interface ChoiceFrequency {
  key: string;
  label: string;
  count: number;
  /** count / responses. */
  share: number;
  correct: boolean;
}

export interface QuestionStatistics {
  questionId: string;
  type: Question['type'];
  /** First attempts that showed the question (a pool may draw it or not). */
  responses: number;
  unanswered: number;
  /** Mean share of the question's points earned, 0–1; null without responses. */
  facility: number | null;
  /**
   * Corrected point-biserial correlation between the question's score and the rest of the
   * attempt's score, -1–1; null when either does not vary.
   */
  discrimination: number | null;
  choices: ChoiceFrequency[];
  flags: QuestionFlag[];
  /** Whether there are enough responses for the flags to mean something. */
  enoughData: boolean;
}

/**
 * Classical item analysis of a quiz's questions over learners' first attempts: facility,
 * discrimination (corrected point-biserial), choice frequencies and flags. Questions are
 * reported in authored order; a question nobody was shown has zero responses.
 */
export function questionStatistics(input: {
  questions: readonly Question[];
  attempts: readonly AttemptForStatistics[];
  thresholds?: Partial<StatisticsThresholds>;
}): QuestionStatistics[] {
  const limits = { ...STATISTICS_THRESHOLDS, ...input.thresholds };
  const totals = input.attempts.map((a) => ({
    earned: sum(a.questions.map((q) => q.earned)),
    points: sum(a.questions.map((q) => q.points)),
  }));

  return input.questions.map((question) => {
    const scores: number[] = [];
    const rests: number[] = [];
    const answers: (Response | null)[] = [];
    input.attempts.forEach((attempt, i) => {
      const row = attempt.questions.find((q) => q.questionId === question.id);
      if (!row) return;
      answers.push(row.response);
      scores.push(row.points > 0 ? row.earned / row.points : 0);
      const restPoints = totals[i]!.points - row.points;
      // With nothing else in the attempt there is no rest score to correlate with.
      rests.push(restPoints > 0 ? (totals[i]!.earned - row.earned) / restPoints : Number.NaN);
    });

    const responses = scores.length;
    const facility = responses > 0 ? sum(scores) / responses : null;
    const paired = scores.map((s, i) => [s, rests[i]!] as const).filter(([, r]) => !Number.isNaN(r));
    const discrimination = pearson(
      paired.map(([s]) => s),
      paired.map(([, r]) => r),
    );
    const enoughData = responses >= limits.minResponses;
    const flags: QuestionFlag[] = [];
    if (enoughData && facility !== null && facility > limits.tooEasy) flags.push('too-easy');
    if (enoughData && facility !== null && facility < limits.tooHard) flags.push('too-hard');
    if (enoughData && discrimination !== null && discrimination < limits.poorDiscrimination) {
      flags.push('poor-discrimination');
    }

    return {
      questionId: question.id,
      type: question.type,
      responses,
      unanswered: answers.filter((a) => a === null).length,
      facility,
      discrimination,
      choices: choiceFrequencies(question, answers, responses, limits.topAnswers),
      flags,
      enoughData,
    };
  });
}

/**
 * Each learner's first submitted attempt, by start time: statistics use first attempts only,
 * because later attempts are taken by learners who have already seen the questions.
 */
export function firstAttempts<T extends { userId: string; startedAt: Date }>(attempts: readonly T[]): T[] {
  const first = new Map<string, T>();
  for (const attempt of attempts) {
    const seen = first.get(attempt.userId);
    if (!seen || attempt.startedAt.getTime() < seen.startedAt.getTime()) first.set(attempt.userId, attempt);
  }
  return [...first.values()];
}

function choiceFrequencies(
  question: Question,
  answers: readonly (Response | null)[],
  responses: number,
  top: number,
): ChoiceFrequency[] {
  const share = (count: number) => (responses > 0 ? count / responses : 0);
  const given = answers.filter((a): a is Response => a !== null);

  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((option) => {
        const count = given.filter((a) => a.type === question.type && a.optionIds.includes(option.id)).length;
        return { key: option.id, label: option.text, count, share: share(count), correct: option.correct };
      });
    case 'truefalse':
      return [true, false].map((value) => {
        const count = given.filter((a) => a.type === 'truefalse' && a.value === value).length;
        return {
          key: String(value),
          label: value ? 'Đúng' : 'Sai',
          count,
          share: share(count),
          correct: value === question.answer,
        };
      });
    case 'ordering': {
      const counts = countBy(given.flatMap((a) => (a.type === 'ordering' ? [a.order.join('-')] : [])));
      const rightKey = question.items.map((_, i) => i).join('-');
      return topEntries(counts, top).map(([key, count]) => ({
        key,
        label: key
          .split('-')
          .map((i) => question.items[Number(i)] ?? '?')
          .join(' → '),
        count,
        share: share(count),
        correct: key === rightKey,
      }));
    }
    case 'text': {
      const options = { foldDiacritics: question.foldDiacritics };
      const accepted = new Set(question.accept.map((a) => normaliseTextAnswer(a, options)));
      const counts = countBy(given.flatMap((a) => (a.type === 'text' ? [a.text] : [])));
      return topEntries(counts, top).map(([key, count]) => ({
        key,
        label: key,
        count,
        share: share(count),
        correct: accepted.has(key),
      }));
    }
  }
}

/** Pearson's r; null when there are fewer than two pairs or either variable is constant. */
function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = sum(xs) / n;
  const my = sum(ys) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Float noise can leave a constant column with a variance of ~1e-33.
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

// Most frequent first; ties in key order so that the list is stable.
function topEntries(counts: Map<string, number>, top: number): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
