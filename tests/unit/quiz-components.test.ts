import { getContainerRenderer } from '@astrojs/solid-js/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { beforeAll, describe, expect, it } from 'vitest';
import QuizForm from '../../src/components/QuizForm.astro';
import QuizRunner from '../../src/components/islands/QuizRunner';
import { composeAttempt } from '../../src/lib/server/quiz/compose-attempt';
import { gradeAttempt } from '../../src/lib/server/quiz/grade';
import { toGradedFeedback } from '../../src/lib/server/quiz/graded-feedback';
import { toPublicQuestions } from '../../src/lib/server/quiz/public-questions';
import { answersFromForm } from '../../src/lib/shared/quiz/form-answers';
import { seededRng } from '../../src/lib/shared/quiz/rng';
import { SAMPLE_KEY_ONLY_TEXTS, opaqueItemIds, opaqueOptionId, sampleQuiz } from '../support/quiz-fixtures';

const quiz = sampleQuiz();
const layout = composeAttempt(quiz, seededRng('components'));
const questions = toPublicQuestions(quiz, layout);

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
});

/** Name/value pairs a browser would post for the form as rendered (checked boxes, selected options, text values). */
function defaultPost(html: string): URLSearchParams {
  const post = new URLSearchParams();
  for (const input of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = input[0];
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    const type = attr('type');
    const name = attr('name');
    if (!name) continue;
    if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag)) continue;
    post.append(name, attr('value') ?? '');
  }
  for (const select of html.matchAll(/<select\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(select[2]!)?.[1];
    if (selected) post.append(select[1]!, selected);
  }
  return post;
}

describe('the plain quiz form', () => {
  it('posts to the given URL with a fieldset and legend per question', async () => {
    const html = await container.renderToString(QuizForm, { props: { questions, action: '/bai-kiem-tra/nop' } });
    expect(html).toMatch(/<form[^>]*method="post"[^>]*action="\/bai-kiem-tra\/nop"/);
    expect(html.match(/<fieldset/g)).toHaveLength(questions.length);
    expect(html.match(/<legend>/g)).toHaveLength(questions.length);
    expect(html).toContain('data-pagefind-ignore="all"');
  });

  it('labels every input and select', async () => {
    const html = await container.renderToString(QuizForm, { props: { questions, action: '/x' } });
    const ids = [...html.matchAll(/<(?:input|select)\b(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(html, id).toContain(`for="${id}"`);
  });

  it('contains no answer key text', async () => {
    const html = await container.renderToString(QuizForm, { props: { questions, action: '/x' } });
    for (const secret of SAMPLE_KEY_ONLY_TEXTS) expect(html, secret).not.toContain(secret);
  });

  it('posts back, as rendered, answers that answersFromForm reads without errors', async () => {
    const saved = {
      'q-single': { type: 'single' as const, optionId: opaqueOptionId(layout, 'q-single', 'a') },
      'q-multiple': { type: 'multiple' as const, optionIds: [opaqueOptionId(layout, 'q-multiple', 'b')] },
      'q-truefalse': { type: 'truefalse' as const, value: false },
      'q-ordering': { type: 'ordering' as const, itemIds: opaqueItemIds(layout, 'q-ordering', [0, 1, 2, 3]) },
      'q-text': { type: 'text' as const, text: 'hồ sơ số' },
    };
    const html = await container.renderToString(QuizForm, {
      props: { questions, action: '/x', answers: saved, hidden: { attempt: 'a-1' } },
    });
    const post = defaultPost(html);
    expect(post.get('attempt')).toBe('a-1');
    expect(answersFromForm(post, questions)).toEqual({ answers: saved, errors: [] });
  });

  it('shows errors in a summary linked to the question, and on the question itself', async () => {
    const html = await container.renderToString(QuizForm, {
      props: {
        questions,
        action: '/x',
        errors: [{ questionId: 'q-ordering', message: 'Cần sắp xếp đủ tất cả các bước.' }],
      },
    });
    expect(html).toContain('href="#quiz-q-ordering"');
    expect(html).toMatch(/<fieldset[^>]*id="quiz-q-ordering"[^>]*aria-invalid="true"/);
    expect(html.match(/Cần sắp xếp đủ tất cả các bước\./g)).toHaveLength(2);
  });
});

describe('the quiz island rendered on the server', () => {
  const noop = async () => ({ ok: true as const });

  it('renders the questions with radios, checkboxes, ordering buttons and a text field', async () => {
    const html = await container.renderToString(QuizRunner as never, {
      props: { questions, save: noop, submit: async () => ({ ok: false, message: 'x' }) },
    });
    expect(html.match(/<fieldset/g)).toHaveLength(questions.length);
    expect(html).toContain('type="radio"');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('aria-label="Đưa “');
    expect(html).toContain('type="text"');
    expect(html).toContain('role="status"');
    for (const secret of SAMPLE_KEY_ONLY_TEXTS) expect(html, secret).not.toContain(secret);
  });

  it('renders graded feedback with the score, verdict and allowed explanations', async () => {
    const answers = { 'q-truefalse': { type: 'truefalse' as const, value: true } };
    const grade = gradeAttempt(quiz, layout, answers);
    const feedback = toGradedFeedback({
      quiz,
      layout,
      grade,
      answers,
      visibility: { showCorrectness: true, showCorrectAnswersAndExplanations: true },
    });
    const html = await container.renderToString(QuizRunner as never, {
      props: { questions, feedback, save: noop, submit: noop },
    });
    expect(html).toContain('Điểm: 1/5 (20%)');
    expect(html).toContain('Chưa đạt (yêu cầu 60%)');
    expect(html).toContain('GIẢI-THÍCH-TRUEFALSE');
    expect(html).toContain('Đáp án đúng');
    expect(html).not.toContain('<fieldset');
  });
});
