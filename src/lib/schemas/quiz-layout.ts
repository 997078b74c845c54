import { z } from 'astro/zod';
import { QuestionIdSchema } from './quiz-answer';

/**
 * The layout of one question in an attempt. Server-only: it maps the opaque ids the browser
 * sees back to authored options and to the authored (correct) position of ordering items, so
 * a layout is as secret as the answer key.
 */
export const LayoutQuestionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['single', 'multiple']),
    questionId: QuestionIdSchema,
    /**
     * Options in the order shown: an opaque id per attempt and the authored option id. Authored
     * ids are not shown because authors tend to give the right option the same id ("a").
     */
    options: z.array(z.object({ id: z.string().min(1), optionId: z.string().min(1) })).min(2),
  }),
  z.object({ type: z.literal('truefalse'), questionId: QuestionIdSchema }),
  z.object({
    type: z.literal('ordering'),
    questionId: QuestionIdSchema,
    /** Items in the order shown: an opaque id per attempt and the authored index. */
    items: z.array(z.object({ id: z.string().min(1), index: z.number().int().min(0) })).min(2),
  }),
  z.object({ type: z.literal('text'), questionId: QuestionIdSchema }),
]);
export type LayoutQuestion = z.infer<typeof LayoutQuestionSchema>;

/** What an attempt showed: the drawn questions in order, with option and item orders. Stored with the attempt. */
export const QuizLayoutSchema = z.object({ questions: z.array(LayoutQuestionSchema).min(1) });
export type QuizLayout = z.infer<typeof QuizLayoutSchema>;
