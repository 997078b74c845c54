// The quiz pages and JSON endpoints through the real built server: sign-in invitation, session,
// Origin, input schemas, attempt ownership, policy, double submit and the plain-form path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs, sql } from './helpers/http';

const LESSON_QUIZ = '/khoa-hoc/so-hoa-ho-so-vu-an/chuan-bi-so-hoa-ho-so/kiem-tra/';
const FINAL_QUIZ = '/khoa-hoc/so-hoa-ho-so-vu-an/kiem-tra-cuoi-khoa/';

let server: TestServer;
let learner: HttpClient;
let organiser: HttpClient;
let leader: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  learner = await loginAs(server.url, DEMO_USERS.learner);
  organiser = await loginAs(server.url, DEMO_USERS.organiser);
  leader = await loginAs(server.url, DEMO_USERS.leader);
  admin = await loginAs(server.url, DEMO_USERS.admin);
});
afterAll(() => server?.stop());

/** What the endpoints answer, as far as these tests read it. */
interface ApiJson {
  error: { code: string; message: string; field?: string };
  attemptId: string;
  resumed: boolean;
  reviewUrl: string;
  feedback: { passed: boolean };
  questions: { id: string; type: string; options?: { id: string }[] }[];
}

/** POSTs JSON with the client's cookies and (by default) the site's Origin. */
async function postJson(
  client: HttpClient,
  path: string,
  body: unknown,
  options: { origin?: string | null; raw?: string; type?: string } = {},
) {
  const headers = new Headers({ 'content-type': options.type ?? 'application/json', accept: 'application/json' });
  if (client.cookies.size > 0) headers.set('cookie', [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
  const origin = options.origin === undefined ? new URL(server.url).origin : options.origin;
  if (origin !== null) headers.set('origin', origin);
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers,
    body: options.raw ?? JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: ApiJson = null as unknown as ApiJson;
  try {
    json = JSON.parse(text) as ApiJson;
  } catch {
    // Not JSON: tests look at `text`.
  }
  return { status: response.status, json, text };
}

async function attemptRow(id: string) {
  return (await sql(server.databaseUrl, 'SELECT * FROM quiz_attempts WHERE id = ?', [id])).rows[0];
}

/** Starts (or resumes) an attempt with the plain form, then reads its id and questions from the JSON start. */
async function startByForm(client: HttpClient, page: string, quizId: string) {
  const response = await client.post(page, { intent: 'start' });
  expect(response.status).toBe(303);
  expect(new URL(response.headers.get('location')!, server.url).pathname).toBe(page);
  const resumed = await postJson(client, '/api/quiz/start', { quizId });
  expect(resumed.status).toBe(200);
  expect(resumed.json.resumed).toBe(true);
  return resumed.json;
}

describe('the quiz page', () => {
  it('invites an anonymous visitor to sign in and come back', async () => {
    const response = await new HttpClient(server.url).get(LESSON_QUIZ);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Cần đăng nhập để làm bài');
    expect(html).toContain(`href="/dang-nhap/?next=${encodeURIComponent(LESSON_QUIZ)}"`);
    expect(html).not.toContain('astro-island');
  });

  it('answers 404 for a lesson that is not in that course', async () => {
    const response = await learner.get('/khoa-hoc/xet-xu-truc-tuyen/chuan-bi-so-hoa-ho-so/kiem-tra/');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Không tìm thấy bài kiểm tra');
  });

  it('shows the rules and a start button, then the open attempt after starting', async () => {
    const before = await leader.get(FINAL_QUIZ);
    const intro = await before.text();
    expect(before.status).toBe(200);
    expect(intro).toContain('Đã làm 0/3');
    expect(intro).toContain('Bắt đầu làm bài');
    const { attemptId, questions } = await startByForm(leader, FINAL_QUIZ, 'so-hoa-ho-so-vu-an-cuoi-khoa');
    expect(questions).toHaveLength(8);
    const page = await (await leader.get(FINAL_QUIZ)).text();
    expect(page).toContain('client="only"');
    expect(page).toContain(attemptId);
    expect(page).toContain('<noscript>');
  });
});

describe('the JSON endpoints', () => {
  it('refuse anonymous requests with a JSON 401', async () => {
    for (const path of ['/api/quiz/start', '/api/quiz/save', '/api/quiz/submit']) {
      const response = await postJson(new HttpClient(server.url), path, { quizId: 'chuan-bi-so-hoa-ho-so' });
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('unauthenticated');
    }
  });

  it('refuse a cross-site request and start nothing', async () => {
    const response = await postJson(
      admin,
      '/api/quiz/start',
      { quizId: 'chuan-bi-diem-cau' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('csrf');
    const rows = await sql(
      server.databaseUrl,
      "SELECT count(*) AS n FROM quiz_attempts WHERE quiz_id = 'chuan-bi-diem-cau'",
    );
    expect(Number(rows.rows[0]?.n)).toBe(0);
  });

  it('refuse bodies that are not JSON or do not fit the schema, in Vietnamese', async () => {
    const { attemptId } = await startByForm(learner, LESSON_QUIZ, 'chuan-bi-so-hoa-ho-so');
    const notJson = await postJson(learner, '/api/quiz/save', null, {
      raw: 'attemptId=x',
      type: 'application/x-www-form-urlencoded',
    });
    expect(notJson.status).toBe(415);
    expect(notJson.json.error.message).toBe('Yêu cầu phải gửi dữ liệu JSON.');
    const broken = await postJson(learner, '/api/quiz/save', null, { raw: '{"attemptId":' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toContain('Dữ liệu gửi lên không hợp lệ');
    const extra = await postJson(learner, '/api/quiz/submit', { attemptId, score: 100 });
    expect(extra.status).toBe(400);

    const wrongValue = await postJson(learner, '/api/quiz/save', {
      attemptId,
      questionId: 'q3',
      answer: { type: 'truefalse', value: 'có' },
    });
    expect(wrongValue.status).toBe(422);
    expect(wrongValue.json.error).toMatchObject({ code: 'invalid-answer', field: 'answer.value' });
    expect(wrongValue.json.error.message).toMatch(/^Câu trả lời không hợp lệ: answer\.value: .*boolean/);

    const wrongType = await postJson(learner, '/api/quiz/save', {
      attemptId,
      questionId: 'q3',
      answer: { type: 'single', optionId: 'a' },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.error.message).toBe('Câu trả lời không đúng dạng của câu hỏi.');

    const tooLong = await postJson(learner, '/api/quiz/save', {
      attemptId,
      questionId: 'q5',
      answer: { type: 'text', text: 'x'.repeat(501) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.error.message).toContain('dài quá 500 ký tự');
    const saved = await sql(server.databaseUrl, 'SELECT count(*) AS n FROM quiz_answers WHERE attempt_id = ?', [
      attemptId,
    ]);
    expect(Number(saved.rows[0]?.n)).toBe(0);
  });

  it('treat another person’s attempt as missing and leave it untouched', async () => {
    const { attemptId } = await startByForm(learner, LESSON_QUIZ, 'chuan-bi-so-hoa-ho-so');
    const mine = await postJson(learner, '/api/quiz/save', {
      attemptId,
      questionId: 'q3',
      answer: { type: 'truefalse', value: false },
    });
    expect(mine.status).toBe(200);

    const save = await postJson(organiser, '/api/quiz/save', {
      attemptId,
      questionId: 'q3',
      answer: { type: 'truefalse', value: true },
    });
    expect(save.status).toBe(404);
    expect(save.json.error.message).toBe('Không tìm thấy lần làm bài này.');
    const submit = await postJson(organiser, '/api/quiz/submit', { attemptId });
    expect(submit.status).toBe(404);
    expect((await organiser.get(`/tai-khoan/lich-su-kiem-tra/${attemptId}/`)).status).toBe(404);
    const form = await organiser.post(LESSON_QUIZ, { intent: 'submit', attemptId });
    expect(form.status).toBe(404);

    const row = await attemptRow(attemptId);
    expect(row?.submitted_at).toBeNull();
    const answer = await sql(server.databaseUrl, 'SELECT answer_json FROM quiz_answers WHERE attempt_id = ?', [
      attemptId,
    ]);
    expect(JSON.parse(String(answer.rows[0]?.answer_json))).toEqual({ type: 'truefalse', value: false });
  });

  it('grade once: a second submit is refused and the score stays', async () => {
    const { attemptId } = await startByForm(learner, LESSON_QUIZ, 'chuan-bi-so-hoa-ho-so');
    const first = await postJson(learner, '/api/quiz/submit', { attemptId });
    expect(first.status).toBe(200);
    expect(first.json.reviewUrl).toBe(`/tai-khoan/lich-su-kiem-tra/${attemptId}/`);
    expect(first.json.feedback.passed).toBe(false);
    const graded = await attemptRow(attemptId);

    const save = await postJson(learner, '/api/quiz/save', {
      attemptId,
      questionId: 'q3',
      answer: { type: 'truefalse', value: false },
    });
    expect(save.status).toBe(409);
    const second = await postJson(learner, '/api/quiz/submit', { attemptId });
    expect(second.status).toBe(409);
    expect(second.json.error.message).toBe('Lần làm bài này đã được nộp; điểm không thay đổi.');
    expect(await attemptRow(attemptId)).toEqual(graded);
  });

  it('refuse a new attempt during the wait with the time to come back', async () => {
    const { attemptId } = await startByForm(organiser, FINAL_QUIZ, 'so-hoa-ho-so-vu-an-cuoi-khoa');
    expect((await postJson(organiser, '/api/quiz/submit', { attemptId })).status).toBe(200);
    const again = await postJson(organiser, '/api/quiz/start', { quizId: 'so-hoa-ho-so-vu-an-cuoi-khoa' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('wait');
    expect(again.json.error.message).toMatch(
      /^Bạn cần chờ đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} mới được làm lại bài\.$/,
    );
    const page = await organiser.post(FINAL_QUIZ, { intent: 'start' });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('Bạn cần chờ đến');
  });
});

describe('the plain form (no JavaScript)', () => {
  it('posts every answer at once and lands on the server-rendered result', async () => {
    const client = await loginAs(server.url, DEMO_USERS.admin);
    const { attemptId, questions } = await startByForm(client, LESSON_QUIZ, 'chuan-bi-so-hoa-ho-so');
    const single = questions.find((q) => q.type === 'single')!;
    const form = {
      intent: 'submit',
      attemptId,
      [`answer[${single.id}]`]: single.options![0]!.id,
      'answer[q3]': 'false',
      'answer[q5]': 'Danh muc',
    };
    const response = await client.post(LESSON_QUIZ, form);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/tai-khoan/lich-su-kiem-tra/${attemptId}/`);
    const row = await attemptRow(attemptId);
    expect(row?.submitted_at).not.toBeNull();
    const review = await client.get(`/tai-khoan/lich-su-kiem-tra/${attemptId}/`);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('Kết quả');
    expect(html).toContain('Danh muc');

    // The back button and a second post: the result is shown again, the score does not move.
    const again = await client.post(LESSON_QUIZ, { ...form, 'answer[q5]': 'sai hoàn toàn' });
    expect(again.status).toBe(303);
    expect(await attemptRow(attemptId)).toEqual(row);

    const history = await (await client.get('/tai-khoan/lich-su-kiem-tra/')).text();
    expect(history).toContain('Ôn tập bài Chuẩn bị số hóa hồ sơ vụ án');
    expect(history).toContain(`/tai-khoan/lich-su-kiem-tra/${attemptId}/`);
  });

  it('saves the answers for later without submitting, and shows them again on return', async () => {
    const client = await loginAs(server.url, DEMO_USERS.learner);
    const { attemptId, questions } = await startByForm(client, LESSON_QUIZ, 'chuan-bi-so-hoa-ho-so');
    const single = questions.find((q) => q.type === 'single')!;
    const chosen = single.options![1]!.id;
    const saved = await client.post(LESSON_QUIZ, {
      intent: 'save',
      attemptId,
      [`answer[${single.id}]`]: chosen,
      'answer[q5]': 'Lưu để làm tiếp',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${LESSON_QUIZ}?da-luu`);
    expect((await attemptRow(attemptId))?.submitted_at).toBeNull();
    const answers = await sql(
      server.databaseUrl,
      'SELECT question_id, answer_json FROM quiz_answers WHERE attempt_id = ?',
      [attemptId],
    );
    expect(answers.rows.map((r) => String(r.question_id)).sort()).toEqual([single.id, 'q5'].sort());

    const back = await (await client.get(`${LESSON_QUIZ}?da-luu`)).text();
    expect(back).toContain('Đã lưu các câu trả lời');
    expect(back).toContain('value="Lưu để làm tiếp"');
    expect(back).toMatch(new RegExp(`value="${chosen}"[^>]*checked`));

    // Saving again replaces the saved answers: a cleared question keeps no answer.
    await client.post(LESSON_QUIZ, { intent: 'save', attemptId, 'answer[q5]': 'Bản mới' });
    const after = await sql(server.databaseUrl, 'SELECT question_id FROM quiz_answers WHERE attempt_id = ?', [
      attemptId,
    ]);
    expect(after.rows.map((r) => String(r.question_id))).toEqual(['q5']);
  });

  it('shows the form again with a Vietnamese message for an incomplete order', async () => {
    const { attemptId, questions } = await startByForm(leader, LESSON_QUIZ, 'chuan-bi-so-hoa-ho-so');
    const ordering = questions.find((q) => q.type === 'ordering')!;
    const response = await leader.post(LESSON_QUIZ, {
      intent: 'submit',
      attemptId,
      [`answer[${ordering.id}][1]`]: 'x',
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Cần sắp xếp đủ tất cả các bước, mỗi bước một lần.');
    expect((await attemptRow(attemptId))?.submitted_at).toBeNull();
  });
});

describe('question statistics', () => {
  it('are open to organisers and admins only', async () => {
    expect((await organiser.get('/quan-tri/thong-ke-cau-hoi/')).status).toBe(200);
    expect((await admin.get('/quan-tri/thong-ke-cau-hoi/chuan-bi-so-hoa-ho-so/')).status).toBe(200);
    expect((await learner.get('/quan-tri/thong-ke-cau-hoi/')).status).toBe(403);
    expect((await leader.get('/quan-tri/thong-ke-cau-hoi/chuan-bi-so-hoa-ho-so/')).status).toBe(403);
    expect((await new HttpClient(server.url).get('/quan-tri/thong-ke-cau-hoi/')).status).toBe(401);
    const page = await (await organiser.get('/quan-tri/thong-ke-cau-hoi/chuan-bi-so-hoa-ho-so/')).text();
    expect(page).toContain('Độ phân biệt');
    expect(page).toContain('lượt làm lần đầu');
  });
});
