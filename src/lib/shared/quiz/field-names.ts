/**
 * The form field of a question's answer, shared by the plain (no-JavaScript) form and the
 * island; for ordering questions one field per position (1-based). Brackets cannot occur in
 * question ids, so names of different questions never collide.
 *
 * Kept apart from form-answers.ts so that the island does not bundle zod for one function.
 */
export function answerFieldName(questionId: string, position?: number): string {
  return position === undefined ? `answer[${questionId}]` : `answer[${questionId}][${position}]`;
}
