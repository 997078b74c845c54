import { formatDateTime } from '../datetime';
/** Vietnamese texts of the quiz feature, shared by the server, the island and the plain form. */
export const QUIZ_MESSAGES = {
  // Attempt policy
  noAttemptsLeft: 'Bạn đã dùng hết số lần làm bài cho phép.',
  wait: 'Bạn cần chờ đến {retryAt} mới được làm lại bài.',
  inProgress: 'Bạn đang có một lần làm bài chưa nộp; hãy tiếp tục lần đó.',
  // Answer validation
  answerWrongType: 'Câu trả lời không đúng dạng của câu hỏi.',
  answerUnknownOption: 'Lựa chọn không thuộc câu hỏi này.',
  answerRepeatedOption: 'Một lựa chọn được gửi nhiều lần.',
  answerNotPermutation: 'Cần sắp xếp đủ tất cả các bước, mỗi bước một lần.',
  answerTooLong: 'Câu trả lời quá dài.',
  // Taking a quiz
  questionNumber: 'Câu {n}',
  points: '{points} điểm',
  chooseOne: 'Chọn một đáp án.',
  chooseMany: 'Chọn tất cả các đáp án đúng.',
  true: 'Đúng',
  false: 'Sai',
  orderingHint: 'Sắp xếp các bước theo đúng thứ tự, bước đầu tiên ở trên cùng.',
  orderingPosition: 'Vị trí {n}',
  moveUp: 'Đưa “{item}” lên',
  moveDown: 'Đưa “{item}” xuống',
  moved: 'Đã chuyển “{item}” đến vị trí {n} trên {total}.',
  textLabel: 'Câu trả lời của bạn',
  orderingSelectHint: 'Chọn bước cho từng vị trí, mỗi bước dùng một lần.',
  errorSummary: 'Có câu trả lời chưa hợp lệ',
  saving: 'Đang lưu…',
  saved: 'Đã lưu',
  saveFailed: 'Chưa lưu được câu trả lời. Sẽ thử lại khi có mạng.',
  unanswered: 'Còn {n} câu chưa trả lời.',
  submit: 'Nộp bài',
  submitting: 'Đang nộp bài…',
  submitFailed: 'Chưa nộp được bài. Vui lòng thử lại.',
  // Feedback
  resultHeading: 'Kết quả',
  score: 'Điểm: {earned}/{total} ({percent}%)',
  passed: 'Đạt (yêu cầu {passPercent}%)',
  failed: 'Chưa đạt (yêu cầu {passPercent}%)',
  answerCorrect: 'Đúng',
  answerPartial: 'Đúng một phần',
  answerIncorrect: 'Sai',
  answerMissing: 'Chưa trả lời',
  correctAnswer: 'Đáp án đúng',
  explanation: 'Giải thích',
  yourAnswer: 'Bạn đã trả lời',
  reviewLater: 'Đáp án và lời giải thích sẽ hiện khi bạn đạt hoặc đã dùng hết số lần làm bài.',
  // Refusals of the quiz endpoints and pages
  quizNotFound: 'Không tìm thấy bài kiểm tra này.',
  attemptNotFound: 'Không tìm thấy lần làm bài này.',
  answersSaved:
    'Đã lưu các câu trả lời. Anh/chị có thể làm tiếp ngay hoặc quay lại sau, rồi bấm “Nộp bài” khi đã xong.',
  saveForLater: 'Lưu câu trả lời, làm tiếp sau',
  alreadySubmitted: 'Lần làm bài này đã được nộp; điểm không thay đổi.',
  unknownQuestion: 'Câu hỏi không thuộc lần làm bài này.',
  invalidRequest: 'Dữ liệu gửi lên không hợp lệ: {detail}',
  invalidAnswer: 'Câu trả lời không hợp lệ: {detail}',
  notJson: 'Yêu cầu phải gửi dữ liệu JSON.',
  tooLarge: 'Dữ liệu gửi lên quá lớn.',
} as const;

export type QuizMessageKey = keyof typeof QUIZ_MESSAGES;

/** A message with its {placeholders} filled in. */
export function quizMessage(key: QuizMessageKey, values: Record<string, string | number> = {}): string {
  return QUIZ_MESSAGES[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** dd/mm/yyyy HH:mm in Vietnam's time zone, whatever the server's or browser's zone. */
export function formatDateTimeVi(date: Date): string {
  return formatDateTime(date);
}
