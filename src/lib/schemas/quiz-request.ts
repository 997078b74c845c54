import { z } from 'astro/zod';
import { IdSchema } from './common';
import { AnswerSchema, QuestionIdSchema } from './quiz-answer';

/** Attempt ids as made by the server (random lowercase letters and digits). */
export const AttemptIdSchema = z.string().regex(/^[a-z0-9]{16,40}$/, 'Mã lần làm bài không hợp lệ');

/** POST /api/quiz/start: start (or resume) an attempt at a quiz. */
export const StartAttemptRequestSchema = z.strictObject({ quizId: IdSchema });
export type StartAttemptRequest = z.infer<typeof StartAttemptRequestSchema>;

/** POST /api/quiz/save: save the answer to one question of an open attempt. */
export const SaveAnswerRequestSchema = z.strictObject({
  attemptId: AttemptIdSchema,
  questionId: QuestionIdSchema,
  answer: AnswerSchema,
});
export type SaveAnswerRequest = z.infer<typeof SaveAnswerRequestSchema>;

/** POST /api/quiz/submit: submit an open attempt for grading. */
export const SubmitAttemptRequestSchema = z.strictObject({ attemptId: AttemptIdSchema });
export type SubmitAttemptRequest = z.infer<typeof SubmitAttemptRequestSchema>;

/**
 * The plain form posted to a quiz page (no JavaScript): start an attempt, save every answer to
 * continue later, or submit every answer at once.
 */
export const QuizPagePostSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.literal('save'), attemptId: AttemptIdSchema }),
  z.object({ intent: z.literal('submit'), attemptId: AttemptIdSchema }),
]);
export type QuizPagePost = z.infer<typeof QuizPagePostSchema>;
