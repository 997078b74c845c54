/**
 * Validates every quiz file in src/content/quizzes (or the folder given as argument) the way
 * the sync will, and prints each quiz with its question count and version hash, or every
 * error with file, line and field. Exit code 1 on errors.
 *
 *   npx tsx scripts/check-quizzes.ts [dir]
 */
import { formatQuizFileErrors, loadQuizFiles } from '../src/lib/server/quiz/load-quiz-files';

const dir = process.argv[2] ?? 'src/content/quizzes';
const result = await loadQuizFiles(dir);
if (!result.ok) {
  console.error(formatQuizFileErrors(result.errors));
  console.error(`\n${result.errors.length} lỗi trong bài kiểm tra.`);
  process.exit(1);
}
for (const { id, quiz, hash } of result.quizzes) {
  const drawn = quiz.drawCount ? `, rút ${quiz.drawCount}` : '';
  console.log(`${id}: ${quiz.questions.length} câu${drawn} → ${quiz.for.kind}:${quiz.for.id} (${hash.slice(0, 12)})`);
}
console.log(`\n${result.quizzes.length} bài kiểm tra hợp lệ.`);
