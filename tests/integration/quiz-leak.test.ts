// The answer-key leak test (issue 4): no explanation, option feedback, accepted answer or right
// option of any quiz anywhere in the build output (every file of dist/client and dist/server,
// Pagefind's compressed index included), and no key field or key text in any response a learner
// gets before grading: quiz pages, the start response, save responses, refusals, the no-JS form.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuizFiles, type LoadedQuiz } from '../../src/lib/server/quiz/load-quiz-files';
import { readContentTargets } from '../../src/lib/server/quiz-sync';
import { QUIZ_MESSAGES } from '../../src/lib/shared/quiz/messages';
import { quizPageUrl } from '../../src/lib/shared/quiz/urls';
import {
  containsWords,
  decode,
  keyFieldsIn,
  keyNeedles,
  listFiles,
  normalise,
  publicTexts,
  readBuildFile,
  type Needle,
} from '../support/leak-scan';
import { DEMO_USERS, distDir, projectRoot, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs } from './helpers/http';

let quizzes: LoadedQuiz[];
let needles: Needle[];

beforeAll(async () => {
  const loaded = await loadQuizFiles(path.join(projectRoot, 'src/content/quizzes'));
  if (!loaded.ok) throw new Error('quiz files do not load');
  quizzes = loaded.quizzes;
  needles = keyNeedles(quizzes);
});

/**
 * Text of every content and public file a page may legitimately show (lessons teach what quizzes
 * ask; authors sometimes reuse a lesson sentence as feedback), without Markdown emphasis and
 * link syntax so that it reads like the built pages.
 */
async function publicContent(): Promise<string> {
  const content = path.join(projectRoot, 'src/content');
  const files = [
    ...(await listFiles(content)).filter((f) => !f.startsWith(path.join(content, 'quizzes'))),
    ...(await listFiles(path.join(projectRoot, 'public'))),
  ];
  const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
  return normalise(text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]+/g, ''));
}

/** Needles worth searching for in `haystack` (normalised), with the leaks found. */
function leaksIn(haystack: string, candidates: readonly Needle[], where: string): string[] {
  return candidates.flatMap((n) => {
    const text = normalise(n.text);
    return haystack.includes(text) && containsWords(haystack, text)
      ? [`${where}: ${n.kind} of ${n.source}: "${n.text}"`]
      : [];
  });
}

describe('the build output', () => {
  it('holds no explanation, option feedback, accepted answer or right option of any quiz', async () => {
    const corpus = await publicContent();
    // Accepted answers and right options are often ordinary words: only distinctive ones (8+
    // characters with Vietnamese letters) can be told apart from public text. Any key text that
    // a content file also holds is public anyway.
    const secret = needles.filter((n) => {
      const text = normalise(n.text);
      const distinctive = text.length >= 8 && /[\u0080-\uffff]/.test(text);
      if ((n.kind === 'accepted-answer' || n.kind === 'correct-option') && !distinctive) return false;
      return !containsWords(corpus, text);
    });
    const questionCount = quizzes.reduce((sum, q) => sum + q.quiz.questions.length, 0);
    expect(secret.filter((n) => n.kind === 'explanation').length).toBeGreaterThan(questionCount * 0.95);
    expect(secret.filter((n) => n.kind === 'option-feedback').length).toBeGreaterThan(100);
    expect(secret.filter((n) => n.kind === 'correct-option').length).toBeGreaterThan(50);

    const files = [
      ...(await listFiles(path.join(distDir, 'client'))),
      ...(await listFiles(path.join(distDir, 'server'))),
    ];
    expect(files.some((f) => f.includes(`${path.sep}pagefind${path.sep}`))).toBe(true);
    expect(files.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const file of files) {
      const text = normalise(decode(await readBuildFile(file)));
      leaks.push(...leaksIn(text, secret, path.relative(distDir, file)));
    }
    expect(leaks).toEqual([]);
  });
});

describe('responses before grading', () => {
  let server: TestServer;
  let learner: HttpClient;
  const uiTexts = Object.values(QUIZ_MESSAGES).map((m) => normalise(m.replace(/\{\w+\}/g, ' ')));

  beforeAll(async () => {
    server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
    learner = await loginAs(server.url, DEMO_USERS.learner);
  });
  afterAll(() => server?.stop());

  async function postJson(path: string, body: unknown): Promise<Response> {
    return fetch(new URL(path, server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        origin: new URL(server.url).origin,
        cookie: [...learner.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: JSON.stringify(body),
    });
  }

  // About 250 requests: far more than the default time on a busy two-core machine.
  it(
    'hold no key field and no key text for any quiz: pages, start, saves, refusals',
    { timeout: 180_000 },
    async () => {
      const targets = await readContentTargets(path.join(projectRoot, 'src/content'));
      const leaks: string[] = [];
      let responses = 0;
      let checkedNeedles = 0;

      for (const loaded of quizzes) {
        const { kind, id } = loaded.quiz.for;
        const page = quizPageUrl({
          targetKind: kind,
          targetId: id,
          courseId: kind === 'lesson' ? targets.lessons.get(id)! : id,
        });
        const anonymous = await (await new HttpClient(server.url).get(page)).text();
        // Words of the page around the quiz (titles, navigation) and of the quiz UI are public.
        const baseline = normalise(decode(anonymous));
        // A key text that a prompt, option or item of the quiz also contains, or (for short accepted
        // answers) that the page shows anyway to an anonymous visitor, cannot be told apart.
        const shown = [...publicTexts(loaded), ...uiTexts];
        const checked = needles.filter((n) => {
          if (!n.source.startsWith(`${loaded.id}/`) || n.kind === 'correct-option') return false;
          const text = normalise(n.text);
          if (shown.some((p) => containsWords(p, text))) return false;
          return n.kind !== 'accepted-answer' || !containsWords(baseline, text);
        });
        const scan = (label: string, body: string) => {
          responses += 1;
          const decoded = decode(body);
          const fields = keyFieldsIn(decoded);
          if (fields.length > 0) leaks.push(`${label}: key fields ${fields.join(', ')}`);
          leaks.push(...leaksIn(normalise(decoded), checked, label));
        };
        checkedNeedles += checked.length;

        scan(`${page} (anonymous)`, anonymous);
        const intro = await learner.get(page);
        expect(intro.status).toBe(200);
        scan(`${page} (before start)`, await intro.text());

        const start = await postJson('/api/quiz/start', { quizId: loaded.id });
        expect(start.status).toBe(201);
        const startBody = await start.text();
        scan(`start ${loaded.id}`, startBody);
        const { attemptId, questions } = JSON.parse(startBody) as {
          attemptId: string;
          questions: { id: string; type: string; options?: { id: string }[]; items?: { id: string; text: string }[] }[];
        };
        for (const q of questions) {
          for (const o of q.options ?? []) expect(o.id).toMatch(/^[a-z0-9]{8}$/);
          const authored = loaded.quiz.questions.find((a) => a.id === q.id);
          if (authored?.type === 'ordering') expect(q.items!.map((i) => i.text)).not.toEqual(authored.items);
        }
        scan(`${page} (open attempt)`, await (await learner.get(page)).text());

        for (const q of questions) {
          const answer =
            q.type === 'single'
              ? { type: 'single', optionId: q.options![0]!.id }
              : q.type === 'multiple'
                ? { type: 'multiple', optionIds: [q.options![0]!.id] }
                : q.type === 'truefalse'
                  ? { type: 'truefalse', value: true }
                  : q.type === 'ordering'
                    ? { type: 'ordering', itemIds: q.items!.map((i) => i.id) }
                    : { type: 'text', text: 'câu trả lời thử' };
          const saved = await postJson('/api/quiz/save', { attemptId, questionId: q.id, answer });
          expect(saved.status).toBe(200);
          scan(`save ${loaded.id}/${q.id}`, await saved.text());
          const refused = await postJson('/api/quiz/save', {
            attemptId,
            questionId: q.id,
            answer: q.type === 'truefalse' ? { type: 'text', text: 'x' } : { type: 'truefalse', value: true },
          });
          expect(refused.status).toBe(422);
          scan(`refused save ${loaded.id}/${q.id}`, await refused.text());
        }
        scan(`${page} (answers saved)`, await (await learner.get(page)).text());

        // The no-JS form posted with a forged choice: shown again with a message, not graded.
        const choice = questions.find((q) => ['single', 'multiple', 'truefalse'].includes(q.type))!;
        const forged = await learner.post(page, {
          intent: 'submit',
          attemptId,
          [`answer[${choice.id}]`]: choice.type === 'truefalse' ? 'có lẽ' : 'khong-co',
        });
        expect(forged.status).toBe(422);
        scan(`${page} (no-JS form refused)`, await forged.text());
      }

      expect(responses).toBeGreaterThan(quizzes.length * 10);
      expect(checkedNeedles).toBeGreaterThan(needles.filter((n) => n.kind !== 'correct-option').length * 0.9);
      expect(leaks).toEqual([]);
    },
  );
});
