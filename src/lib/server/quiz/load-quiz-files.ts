import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'astro/zod';
import { IdSchema } from '../../schemas/common';
import { QuizSchema, type Quiz } from '../../schemas/quiz';
import { quizContentHash } from './content-hash';
import { checkQuizRules } from './quiz-rules';

/** A quiz read from its YAML file, validated, with its version hash. */
export interface LoadedQuiz {
  /** The file name without extension, e.g. "so-hoa-ho-so-co-ban". */
  id: string;
  /** Path of the file as it was read. */
  file: string;
  quiz: Quiz;
  hash: string;
}

/** One problem in one quiz file. */
export interface QuizFileError {
  file: string;
  /** Dotted path of the bad field, e.g. "questions[2].options[0].text"; empty for the whole file. */
  path: string;
  /** 1-based line in the file, when the field (or its nearest parent) exists there. */
  line?: number;
  message: string;
}

export type LoadQuizFilesResult = { ok: true; quizzes: LoadedQuiz[] } | { ok: false; errors: QuizFileError[] };

const QUIZ_FILE = /\.ya?ml$/i;
const zodVietnamese = z.locales.vi().localeError;

// Plainer wording than zod's Vietnamese locale for the mistakes authors actually make.
const authorErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Thiếu trường bắt buộc';
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1 ? 'Không được để trống' : `Cần ít nhất ${issue.minimum} ký tự`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return `Cần ít nhất ${issue.minimum} mục`;
  if (issue.code === 'invalid_value' && issue.values.length > 1) {
    return `Giá trị phải là một trong: ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_union' && issue.note === 'No matching discriminator') {
    return 'Loại câu hỏi (type) phải là một trong: single, multiple, truefalse, ordering, text';
  }
  if (issue.code === 'invalid_format' && issue.format === 'regex') {
    return 'Chỉ dùng chữ thường không dấu, số và dấu gạch ngang';
  }
  return zodVietnamese(issue);
};

/**
 * Reads and validates every quiz file (*.yaml, *.yml) in `dir`, in file-name order. Either
 * all quizzes load or every error of every file is returned, each naming the file, the path of
 * the bad field and its line. A missing directory is an empty set of quizzes.
 */
export async function loadQuizFiles(dir: string): Promise<LoadQuizFilesResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => QUIZ_FILE.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, quizzes: [] };
    throw error;
  }

  const quizzes: LoadedQuiz[] = [];
  const errors: QuizFileError[] = [];
  const owners = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const result = parseQuizSource(name.replace(QUIZ_FILE, ''), file, await readFile(file, 'utf8'));
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const target = `${result.quiz.quiz.for.kind}:${result.quiz.quiz.for.id}`;
    const owner = owners.get(target);
    if (owner) {
      errors.push({ file, path: 'for', message: `Đã có bài kiểm tra khác cho ${target} (${owner})` });
      continue;
    }
    owners.set(target, file);
    quizzes.push(result.quiz);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, quizzes };
}

/**
 * Parses and validates the text of one quiz file. Exposed for tests and for tools that
 * validate a single file.
 */
export function parseQuizSource(
  id: string,
  file: string,
  source: string,
): { ok: true; quiz: LoadedQuiz } | { ok: false; errors: QuizFileError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ file, path: '', line: lineOf(e.pos[0]), message: `YAML lỗi: ${e.message}` })),
    };
  }

  const errors: QuizFileError[] = [];
  if (!IdSchema.safeParse(id).success) {
    errors.push({
      file,
      path: '',
      message: 'Tên tệp phải là mã định danh: chữ thường không dấu, số và dấu gạch ngang',
    });
  }

  const parsed = QuizSchema.safeParse(doc.toJS(), { error: authorErrors });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const issuePath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      errors.push({
        file,
        path: formatPath(issuePath),
        line: lineOfPath(doc, issuePath, lineOf),
        message: issue.message,
      });
    }
    return { ok: false, errors };
  }

  for (const issue of checkQuizRules(parsed.data)) {
    errors.push({
      file,
      path: formatPath(issue.path),
      line: lineOfPath(doc, issue.path, lineOf),
      message: issue.message,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, quiz: { id, file, quiz: parsed.data, hash: quizContentHash(parsed.data) } };
}

/** One line per error: "file:line: path: message". */
export function formatQuizFileErrors(errors: readonly QuizFileError[]): string {
  return errors
    .map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}`)
    .join('\n');
}

function formatPath(parts: readonly (string | number)[]): string {
  return parts.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

// The line of the field, or of its nearest existing parent when the field is missing.
function lineOfPath(
  doc: Document.Parsed,
  parts: readonly (string | number)[],
  lineOf: (offset: number) => number,
): number | undefined {
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // A collection's range starts at its first entry; that is still the field's place.
      return lineOf((node.range as number[])[0]!);
    }
  }
  return undefined;
}
