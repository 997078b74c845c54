// Helpers of the answer-key leak test: which strings are secret, how to read any build file or
// response as searchable text, and how to search it without tripping over public text.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LoadedQuiz } from '../../src/lib/server/quiz/load-quiz-files';

/** One secret string and where it comes from (for failure messages). */
export interface Needle {
  text: string;
  kind: 'explanation' | 'option-feedback' | 'accepted-answer' | 'correct-option';
  source: string;
}

/** JSON member names that only a key holds: none may appear in a response before grading. */
export const KEY_FIELD_NAMES = [
  'correct',
  'accept',
  'accepted',
  'explanation',
  'feedback',
  'answer',
  'correctAnswer',
  'optionFeedback',
  'layout',
  'index',
] as const;

/** Lower case, NFC, whitespace collapsed: how needles and haystacks are compared. */
export function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Undoes HTML entities and JavaScript/JSON string escapes, so escaped text is found too. */
export function decode(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})/gi, (_, a: string, b: string) =>
      String.fromCodePoint(parseInt(a ?? b, 16)),
    )
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(["'`\\/])/g, '$1');
}

/** Whether `needle` (normalised) occurs in `haystack` (normalised) as whole words. */
export function containsWords(haystack: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(haystack);
}

/** Every secret string of every quiz: explanations, option feedback, accepted answers, right options. */
export function keyNeedles(quizzes: readonly LoadedQuiz[]): Needle[] {
  const needles: Needle[] = [];
  for (const { id, quiz } of quizzes) {
    for (const q of quiz.questions) {
      const source = `${id}/${q.id}`;
      needles.push({ text: q.explanation, kind: 'explanation', source });
      if (q.type === 'single' || q.type === 'multiple') {
        for (const o of q.options) {
          if (o.feedback) needles.push({ text: o.feedback, kind: 'option-feedback', source: `${source}/${o.id}` });
          if (o.correct) needles.push({ text: o.text, kind: 'correct-option', source: `${source}/${o.id}` });
        }
      }
      if (q.type === 'text') {
        for (const a of q.accept) needles.push({ text: a, kind: 'accepted-answer', source });
      }
    }
  }
  return needles;
}

/** Texts every attempt of the quiz may show: title, prompts, option and item texts. */
export function publicTexts(quiz: LoadedQuiz): string[] {
  return [
    quiz.quiz.title,
    ...quiz.quiz.questions.flatMap((q) => [
      q.prompt,
      ...(q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.text) : []),
      ...(q.type === 'ordering' ? q.items : []),
    ]),
  ].map(normalise);
}

/** Every file below `dir`, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * A build file as text: gzip (Pagefind's index and fragments) and Brotli files are
 * decompressed first; binary files simply yield text that matches nothing.
 */
export async function readBuildFile(file: string): Promise<string> {
  let bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  else if (file.endsWith('.br')) bytes = brotliDecompressSync(bytes);
  return bytes.toString('utf8');
}

/** Names of key fields used as JSON members (`"name":`) in a decoded text. */
export function keyFieldsIn(decoded: string): string[] {
  return KEY_FIELD_NAMES.filter((name) => new RegExp(`"${name}"\\s*:`).test(decoded));
}
