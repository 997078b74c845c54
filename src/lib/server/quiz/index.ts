// Server-only quiz core: everything here may touch answer keys. Islands import src/lib/shared/quiz.
export {
  loadQuizFiles,
  parseQuizSource,
  formatQuizFileErrors,
  type LoadedQuiz,
  type QuizFileError,
} from './load-quiz-files';
export { quizContentHash, canonicalJson } from './content-hash';
export { checkQuizRules } from './quiz-rules';
export { composeAttempt } from './compose-attempt';
export { resolveLayout } from './resolve-layout';
export { toPublicQuestions } from './public-questions';
export {
  gradeAttempt,
  gradeSingle,
  gradeMultiple,
  gradeTrueFalse,
  gradeOrdering,
  gradeText,
  type AttemptGrade,
  type QuestionGrade,
  type Response,
} from './grade';
export { toGradedFeedback } from './graded-feedback';
export { questionStatistics, firstAttempts, STATISTICS_THRESHOLDS, type QuestionStatistics } from './statistics';
