import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, quizContentHash } from '../../src/lib/server/quiz/content-hash';
import { formatQuizFileErrors, loadQuizFiles } from '../../src/lib/server/quiz/load-quiz-files';
import { sampleQuiz } from '../support/quiz-fixtures';

const VALID = `title: Kiểm tra bài số hóa hồ sơ
for: { kind: lesson, id: so-hoa-ho-so }
passPercent: 80
drawCount: 2
questions:
  - id: q1
    type: single
    prompt: Máy quét dùng để làm gì?
    explanation: Máy quét chuyển tài liệu giấy thành tệp.
    options:
      - { id: a, text: Chuyển giấy thành tệp, correct: true }
      - { id: b, text: In tài liệu }
  - id: q2
    type: truefalse
    prompt: Tên tệp nên đặt thống nhất.
    explanation: Đặt tên thống nhất giúp tra cứu.
    answer: true
  - id: q3
    type: text
    prompt: Hồ sơ sau khi quét gọi là gì?
    explanation: Gọi là hồ sơ điện tử.
    accept: [hồ sơ điện tử]
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'quiz-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loading quiz files', () => {
  it('loads a valid file with defaults applied, its id from the file name and a hash', async () => {
    await writeFile(path.join(dir, 'so-hoa-ho-so.yaml'), VALID);
    await writeFile(path.join(dir, 'README.md'), 'không phải bài kiểm tra');
    const result = await loadQuizFiles(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.quizzes).toHaveLength(1);
    const [loaded] = result.quizzes;
    expect(loaded).toMatchObject({ id: 'so-hoa-ho-so', file: path.join(dir, 'so-hoa-ho-so.yaml') });
    expect(loaded!.quiz).toMatchObject({ passPercent: 80, attemptsAllowed: 0, shuffleQuestions: true, drawCount: 2 });
    expect(loaded!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats a missing directory as no quizzes', async () => {
    expect(await loadQuizFiles(path.join(dir, 'missing'))).toEqual({ ok: true, quizzes: [] });
  });

  it('names the file, the path and the line of a bad field', async () => {
    await writeFile(path.join(dir, 'bai-1.yaml'), VALID.replace('{ id: b, text: In tài liệu }', '{ id: b, text: "" }'));
    const result = await loadQuizFiles(dir);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          file: path.join(dir, 'bai-1.yaml'),
          path: 'questions[0].options[1].text',
          line: 12,
          message: 'Không được để trống',
        },
      ],
    });
  });

  it('reports an unknown question type in Vietnamese', async () => {
    await writeFile(path.join(dir, 'bai-1.yaml'), VALID.replace('type: truefalse', 'type: yesno'));
    const result = await loadQuizFiles(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({
      path: 'questions[1].type',
      message: expect.stringContaining('single, multiple'),
    });
  });

  it('reports the errors of every bad file, not just the first', async () => {
    await writeFile(path.join(dir, 'a.yaml'), VALID.replace('passPercent: 80', 'passPercent: 180'));
    await writeFile(path.join(dir, 'b.yml'), 'title: [không đóng');
    await writeFile(path.join(dir, 'c.yaml'), VALID.replace('lesson, id: so-hoa-ho-so', 'lesson, id: bai-khac'));
    const result = await loadQuizFiles(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [path.basename(e.file), e.path])).toEqual([
      ['a.yaml', 'passPercent'],
      ['b.yml', ''],
    ]);
    expect(result.errors[1]!.message).toMatch(/^YAML lỗi/);
  });

  it('applies the authoring rules the schema cannot express', async () => {
    const broken = VALID.replace('drawCount: 2', 'drawCount: 9')
      .replace('{ id: b, text: In tài liệu }', '{ id: b, text: In tài liệu, correct: true }')
      .replace('id: q2', 'id: q1');
    await writeFile(path.join(dir, 'bai.yaml'), broken);
    const result = await loadQuizFiles(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['drawCount', 'questions[0].options', 'questions[1].id']);
  });

  it('refuses two quizzes for the same lesson', async () => {
    await writeFile(path.join(dir, 'a.yaml'), VALID);
    await writeFile(path.join(dir, 'b.yaml'), VALID);
    const result = await loadQuizFiles(dir);
    expect(result).toMatchObject({ ok: false, errors: [{ file: path.join(dir, 'b.yaml'), path: 'for' }] });
  });

  it('refuses a file name that is not an id', async () => {
    await writeFile(path.join(dir, 'Bài 1.yaml'), VALID);
    const result = await loadQuizFiles(dir);
    expect(result).toMatchObject({ ok: false, errors: [{ path: '', message: expect.stringContaining('Tên tệp') }] });
  });

  it('formats errors one per line as file:line: path: message', () => {
    expect(formatQuizFileErrors([{ file: 'q.yaml', path: 'title', line: 1, message: 'Thiếu trường bắt buộc' }])).toBe(
      'q.yaml:1: title: Thiếu trường bắt buộc',
    );
  });
});

describe('quiz content hash', () => {
  it('does not depend on key order or on defaults being written out', async () => {
    const reordered = VALID.replace(
      'title: Kiểm tra bài số hóa hồ sơ\nfor: { kind: lesson, id: so-hoa-ho-so }',
      'for: { id: so-hoa-ho-so, kind: lesson }\ntitle: Kiểm tra bài số hóa hồ sơ\nattemptsAllowed: 0',
    );
    await writeFile(path.join(dir, 'a.yaml'), VALID);
    const first = await loadQuizFiles(dir);
    await writeFile(path.join(dir, 'a.yaml'), reordered);
    const second = await loadQuizFiles(dir);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.quizzes[0]!.hash).toBe(first.quizzes[0]!.hash);
  });

  it('changes when anything that affects grading changes', () => {
    const quiz = sampleQuiz();
    const changed = sampleQuiz();
    const tf = changed.questions.find((q) => q.id === 'q-truefalse');
    if (tf?.type === 'truefalse') tf.answer = false;
    expect(quizContentHash(changed)).not.toBe(quizContentHash(quiz));
    expect(quizContentHash(sampleQuiz({ passPercent: 61 }))).not.toBe(quizContentHash(quiz));
  });

  it('sorts keys at every depth in the canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});
