import type { QuestionType } from './types';

/** Vietnamese names of the question types. */
export const QUESTION_TYPE_LABELS: Readonly<Record<QuestionType, string>> = {
  single: 'Một đáp án',
  multiple: 'Nhiều đáp án',
  truefalse: 'Đúng/Sai',
  ordering: 'Sắp xếp thứ tự',
  text: 'Trả lời ngắn',
};

/** Vietnamese names of the question-statistics flags. */
export const QUESTION_FLAG_LABELS: Readonly<Record<'too-easy' | 'too-hard' | 'poor-discrimination', string>> = {
  'too-easy': 'Quá dễ',
  'too-hard': 'Quá khó',
  'poor-discrimination': 'Phân loại kém',
};
