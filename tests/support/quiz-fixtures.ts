import { QuizSchema, type Quiz } from '../../src/lib/schemas/quiz';
import type { QuizLayout } from '../../src/lib/schemas/quiz-layout';

/**
 * A quiz with one question of every type, parsed through QuizSchema so defaults apply.
 * Key-only texts (explanations, feedback, accepted answers) are distinctive so that leak
 * tests can search for them.
 */
export function sampleQuiz(overrides: Partial<Record<keyof Quiz, unknown>> = {}): Quiz {
  return QuizSchema.parse({
    title: 'Kiểm tra: số hóa hồ sơ vụ án',
    for: { kind: 'lesson', id: 'so-hoa-ho-so' },
    passPercent: 60,
    attemptsAllowed: 3,
    waitMinutes: 30,
    questions: [
      {
        id: 'q-single',
        type: 'single',
        prompt: 'Mục đích chính của số hóa hồ sơ vụ án là gì?',
        explanation: 'GIẢI-THÍCH-SINGLE: số hóa giúp tra cứu và trình chiếu nhanh.',
        options: [
          { id: 'a', text: 'Tra cứu và trình chiếu nhanh', correct: true, feedback: 'PHẢN-HỒI-A: chính xác.' },
          { id: 'b', text: 'Bỏ hồ sơ giấy', feedback: 'PHẢN-HỒI-B: hồ sơ giấy vẫn được lưu.' },
          { id: 'c', text: 'Giảm số kiểm sát viên' },
        ],
      },
      {
        id: 'q-multiple',
        type: 'multiple',
        prompt: 'Những việc nào thuộc quy trình số hóa?',
        explanation: 'GIẢI-THÍCH-MULTIPLE: quét và đặt tên tệp đều cần.',
        options: [
          { id: 'a', text: 'Quét tài liệu', correct: true },
          { id: 'b', text: 'Đặt tên tệp thống nhất', correct: true },
          { id: 'c', text: 'In lại toàn bộ hồ sơ', feedback: 'PHẢN-HỒI-MULTIPLE-C: không cần in lại.' },
        ],
      },
      {
        id: 'q-truefalse',
        type: 'truefalse',
        prompt: 'Phiên tòa trực tuyến có điểm cầu thành phần.',
        explanation: 'GIẢI-THÍCH-TRUEFALSE: đúng theo Nghị quyết 33/2021/QH15.',
        answer: true,
      },
      {
        id: 'q-ordering',
        type: 'ordering',
        prompt: 'Sắp xếp các bước số hóa một tập hồ sơ.',
        explanation: 'GIẢI-THÍCH-ORDERING: quét trước, đặt tên, rồi lưu trữ.',
        items: ['Quét tài liệu', 'Đặt tên tệp', 'Lưu vào kho chung', 'Kiểm tra tra cứu'],
      },
      {
        id: 'q-text',
        type: 'text',
        prompt: 'Hồ sơ sau khi quét được gọi là hồ sơ gì?',
        explanation: 'GIẢI-THÍCH-TEXT: gọi là hồ sơ điện tử.',
        accept: ['Điện tử', 'hồ sơ điện tử'],
        foldDiacritics: true,
      },
    ],
    ...overrides,
  });
}

/** Every string that only the answer key holds in sampleQuiz(). */
export const SAMPLE_KEY_ONLY_TEXTS = [
  'GIẢI-THÍCH-SINGLE',
  'GIẢI-THÍCH-MULTIPLE',
  'GIẢI-THÍCH-TRUEFALSE',
  'GIẢI-THÍCH-ORDERING',
  'GIẢI-THÍCH-TEXT',
  'PHẢN-HỒI-A',
  'PHẢN-HỒI-B',
  'PHẢN-HỒI-MULTIPLE-C',
  'Điện tử',
  'hồ sơ điện tử',
];

/** The opaque id an attempt gave to an authored option. */
export function opaqueOptionId(layout: QuizLayout, questionId: string, optionId: string): string {
  const q = layout.questions.find((x) => x.questionId === questionId);
  if (!q || (q.type !== 'single' && q.type !== 'multiple')) throw new Error(`no choice question ${questionId}`);
  const option = q.options.find((o) => o.optionId === optionId);
  if (!option) throw new Error(`no option ${optionId}`);
  return option.id;
}

/** The opaque item ids of an ordering question, listed in the given authored order. */
export function opaqueItemIds(layout: QuizLayout, questionId: string, authoredOrder: readonly number[]): string[] {
  const q = layout.questions.find((x) => x.questionId === questionId);
  if (!q || q.type !== 'ordering') throw new Error(`no ordering question ${questionId}`);
  return authoredOrder.map((index) => q.items.find((i) => i.index === index)!.id);
}
