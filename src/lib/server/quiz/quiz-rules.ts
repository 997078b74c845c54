import type { Quiz } from '../../schemas/quiz';
import { normaliseTextAnswer } from '../../shared/quiz/text-answer';

/** Most options or ordering items a question may have (the answer schema accepts no more). */
export const MAX_CHOICES_PER_QUESTION = 50;

/** A rule broken inside a quiz that the schema alone cannot express. */
export interface QuizRuleIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Authoring rules beyond the schema: unique ids, a single-choice question has exactly one
 * right option, a multiple-choice question at least one, ordering items are distinct, text
 * answers are not empty once normalised, and drawCount fits the pool.
 */
export function checkQuizRules(quiz: Quiz): QuizRuleIssue[] {
  const issues: QuizRuleIssue[] = [];
  const seenQuestionIds = new Set<string>();

  if (quiz.drawCount !== undefined && quiz.drawCount > quiz.questions.length) {
    issues.push({
      path: ['drawCount'],
      message: `drawCount (${quiz.drawCount}) lớn hơn số câu hỏi trong ngân hàng (${quiz.questions.length})`,
    });
  }

  quiz.questions.forEach((question, qi) => {
    const at = (...rest: (string | number)[]) => ['questions', qi, ...rest];
    if (seenQuestionIds.has(question.id)) {
      issues.push({ path: at('id'), message: `Mã câu hỏi "${question.id}" bị trùng` });
    }
    seenQuestionIds.add(question.id);

    switch (question.type) {
      case 'single':
      case 'multiple': {
        if (question.options.length > MAX_CHOICES_PER_QUESTION) {
          issues.push({ path: at('options'), message: `Tối đa ${MAX_CHOICES_PER_QUESTION} lựa chọn` });
        }
        const seen = new Set<string>();
        question.options.forEach((option, oi) => {
          if (seen.has(option.id)) {
            issues.push({ path: at('options', oi, 'id'), message: `Mã lựa chọn "${option.id}" bị trùng` });
          }
          seen.add(option.id);
        });
        const correctCount = question.options.filter((o) => o.correct).length;
        if (question.type === 'single' && correctCount !== 1) {
          issues.push({
            path: at('options'),
            message: `Câu một đáp án cần đúng 1 lựa chọn có "correct: true" (đang có ${correctCount})`,
          });
        }
        if (question.type === 'multiple' && correctCount < 1) {
          issues.push({ path: at('options'), message: 'Câu nhiều đáp án cần ít nhất 1 lựa chọn có "correct: true"' });
        }
        break;
      }
      case 'ordering': {
        if (question.items.length > MAX_CHOICES_PER_QUESTION) {
          issues.push({ path: at('items'), message: `Tối đa ${MAX_CHOICES_PER_QUESTION} bước` });
        }
        const seen = new Set<string>();
        question.items.forEach((item, ii) => {
          const key = normaliseTextAnswer(item, { foldDiacritics: false });
          // Two identical steps could be swapped without the learner seeing a difference.
          if (seen.has(key)) issues.push({ path: at('items', ii), message: 'Bước này trùng với một bước khác' });
          seen.add(key);
        });
        break;
      }
      case 'text': {
        question.accept.forEach((accepted, ai) => {
          if (normaliseTextAnswer(accepted, { foldDiacritics: question.foldDiacritics }) === '') {
            issues.push({ path: at('accept', ai), message: 'Đáp án chấp nhận bị rỗng sau khi chuẩn hóa' });
          }
        });
        break;
      }
      case 'truefalse':
        break;
    }
  });
  return issues;
}
