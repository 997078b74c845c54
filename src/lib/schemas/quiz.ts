import { z } from 'astro/zod';
import { IdSchema } from './common';

const OptionSchema = z.object({
  /** Stable option id within the question, e.g. "a". */
  id: z.string().regex(/^[a-z0-9-]{1,20}$/),
  /** Option text shown to the learner. */
  text: z.string().min(1),
  /** Whether this option is (one of) the right answer(s). Never sent to the browser before grading. */
  correct: z.boolean().default(false),
  /** Feedback shown after grading when this option was chosen. */
  feedback: z.string().optional(),
});

const Base = {
  /** Stable question id within the quiz, e.g. "q1". Changing it makes a new question. */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  /** The question as shown. */
  prompt: z.string().min(5),
  /** Why the right answer is right; shown after grading under the review rules. */
  explanation: z.string().min(10),
  /** Relative weight in the score. */
  points: z.number().positive().default(1),
};

/** One question of a quiz; `type` selects the shape of its answer key. */
export const QuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...Base, type: z.literal('single'), options: z.array(OptionSchema).min(2) }),
  z.object({ ...Base, type: z.literal('multiple'), options: z.array(OptionSchema).min(2) }),
  z.object({
    ...Base,
    type: z.literal('truefalse'),
    /** The right answer. */
    answer: z.boolean(),
  }),
  z.object({
    ...Base,
    type: z.literal('ordering'),
    /** The steps in their correct order; shown shuffled. */
    items: z.array(z.string().min(1)).min(3),
  }),
  z.object({
    ...Base,
    type: z.literal('text'),
    /** Accepted answers; compared after trimming and case folding. */
    accept: z.array(z.string().min(1)).min(1),
    /** Also ignore Vietnamese diacritics (and đ/d) when comparing. */
    foldDiacritics: z.boolean().default(false),
  }),
]);
export type Question = z.infer<typeof QuestionSchema>;

/** A quiz file (src/content/quizzes/<lesson-or-course-id>.yaml). */
export const QuizSchema = z.object({
  /** Quiz title. */
  title: z.string().min(5),
  /** What the quiz belongs to: a lesson (end-of-lesson quiz) or a course (final quiz). */
  for: z.object({ kind: z.enum(['lesson', 'course']), id: IdSchema }),
  /** Share of points needed to pass, in percent. */
  passPercent: z.number().min(1).max(100).default(70),
  /** Attempts allowed; 0 means unlimited. */
  attemptsAllowed: z.number().int().min(0).default(0),
  /** Minutes a learner waits between attempts. */
  waitMinutes: z.number().int().min(0).default(0),
  /** Show questions in a random order per attempt. */
  shuffleQuestions: z.boolean().default(true),
  /** Show options in a random order per attempt. */
  shuffleOptions: z.boolean().default(true),
  /** Draw this many questions at random from the pool per attempt; absent means all. */
  drawCount: z.number().int().positive().optional(),
  /** The question pool. */
  questions: z.array(QuestionSchema).min(1),
});
export type Quiz = z.infer<typeof QuizSchema>;
