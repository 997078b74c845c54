import { z } from 'astro/zod';

/** Longest short-text answer a learner may send. */
export const TEXT_ANSWER_MAX_LENGTH = 500;

/** Question ids as authored (see QuestionSchema in ./quiz). */
export const QuestionIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'Mã câu hỏi không hợp lệ');

/** Option ids as authored, and the opaque ordering-item ids made per attempt. */
const ChoiceIdSchema = z.string().regex(/^[a-z0-9-]{1,20}$/, 'Mã lựa chọn không hợp lệ');

// Generous bounds: they only stop absurd payloads; the exact check against the question is
// validateAnswer() in src/lib/shared/quiz/validate-answer.ts.
const MAX_CHOICES = 50;

export const SingleAnswerSchema = z.object({ type: z.literal('single'), optionId: ChoiceIdSchema });
export const MultipleAnswerSchema = z.object({
  type: z.literal('multiple'),
  optionIds: z.array(ChoiceIdSchema).max(MAX_CHOICES),
});
export const TrueFalseAnswerSchema = z.object({ type: z.literal('truefalse'), value: z.boolean() });
export const OrderingAnswerSchema = z.object({
  type: z.literal('ordering'),
  /** Every item id of the question, in the order the learner put them. */
  itemIds: z.array(ChoiceIdSchema).min(1).max(MAX_CHOICES),
});
export const TextAnswerSchema = z.object({
  type: z.literal('text'),
  text: z.string().max(TEXT_ANSWER_MAX_LENGTH, `Câu trả lời dài quá ${TEXT_ANSWER_MAX_LENGTH} ký tự`),
});

/** A learner's answer to one question; `type` must match the question's type. */
export const AnswerSchema = z.discriminatedUnion('type', [
  SingleAnswerSchema,
  MultipleAnswerSchema,
  TrueFalseAnswerSchema,
  OrderingAnswerSchema,
  TextAnswerSchema,
]);
export type Answer = z.infer<typeof AnswerSchema>;
export type SingleAnswer = z.infer<typeof SingleAnswerSchema>;
export type MultipleAnswer = z.infer<typeof MultipleAnswerSchema>;
export type TrueFalseAnswer = z.infer<typeof TrueFalseAnswerSchema>;
export type OrderingAnswer = z.infer<typeof OrderingAnswerSchema>;
export type TextAnswer = z.infer<typeof TextAnswerSchema>;

/** What the browser sends to save one answer while the attempt is open. */
export const QuestionAnswerSchema = z.object({ questionId: QuestionIdSchema, answer: AnswerSchema });
export type QuestionAnswer = z.infer<typeof QuestionAnswerSchema>;

/** All saved answers of an attempt, keyed by question id; unanswered questions are absent. */
export const AnswerMapSchema = z.record(QuestionIdSchema, AnswerSchema);
export type AnswerMap = z.infer<typeof AnswerMapSchema>;
