// Progress, assignments and certificates through the real built server and its database file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../src/lib/shared/learning/days';
import { DEMO_USERS, distDir, startServer, type TestServer } from '../support/server';
import { HttpClient, loginAs, sql } from './helpers/http';

let server: TestServer;
let learner: HttpClient;
let leader: HttpClient;
let learnerId: string;

const COURSE = 'so-hoa-ho-so-vu-an';
const LESSONS = [
  'chuan-bi-so-hoa-ho-so',
  'quet-va-kiem-tra-chat-luong',
  'dat-ten-va-luu-tru-ho-so-so',
  'tra-cuu-bao-mat-sao-luu',
];
const lessonPath = (lesson: string) => `/khoa-hoc/${COURSE}/${lesson}/`;

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  learner = await loginAs(server.url, DEMO_USERS.learner);
  leader = await loginAs(server.url, DEMO_USERS.leader);
  learnerId = String(
    (await sql(server.databaseUrl, 'SELECT id FROM users WHERE username = ?', [DEMO_USERS.learner])).rows[0]?.id,
  );
});
afterAll(() => server?.stop());

async function progressRows(lesson: string) {
  return (
    await sql(server.databaseUrl, 'SELECT * FROM lesson_progress WHERE user_id = ? AND lesson_id = ?', [
      learnerId,
      lesson,
    ])
  ).rows;
}

/** The server-island URL a prerendered page fetches for its per-learner part. */
async function islandUrl(pagePath: string): Promise<string> {
  const html = await readFile(path.join(distDir, 'client', pagePath, 'index.html'), 'utf8');
  const match = /<link rel="preload" as="fetch" href="([^"]*_server-islands[^"]*)"/.exec(html);
  if (!match?.[1]) throw new Error(`No server island on ${pagePath}`);
  return match[1].replace(/&amp;/g, '&');
}

describe('lesson progress routes', () => {
  it('keep nothing for anonymous readers and send "mark done" to the login page', async () => {
    const anonymous = new HttpClient(server.url);
    const visit = await anonymous.post('/tien-do/bat-dau', { lesson: LESSONS[0]! });
    expect(visit.status).toBe(204);
    const done = await anonymous.post('/tien-do/hoan-thanh', { lesson: LESSONS[0]! });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/dang-nhap/?next=${encodeURIComponent(lessonPath(LESSONS[0]!))}`);
    expect((await sql(server.databaseUrl, 'SELECT count(*) AS n FROM lesson_progress')).rows[0]?.n).toBe(0);
    const island = await (await anonymous.get(await islandUrl(lessonPath(LESSONS[0]!)))).text();
    expect(island).toContain('Đăng nhập</a> để đánh dấu bài đã học');
    expect(island).not.toContain('Đánh dấu đã học xong');
  });

  it('refuse cross-site posts and never change state on GET', async () => {
    const cross = await learner.post(
      '/tien-do/hoan-thanh',
      { lesson: LESSONS[0]! },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    const noOrigin = await learner.post('/tien-do/bat-dau', { lesson: LESSONS[0]! }, { origin: null });
    expect(noOrigin.status).toBe(403);
    expect((await learner.get('/tien-do/hoan-thanh')).status).toBe(405);
    expect(await progressRows(LESSONS[0]!)).toHaveLength(0);
    // Reading the lesson panel (a GET) records nothing either.
    await learner.get(await islandUrl(lessonPath(LESSONS[0]!)));
    expect(await progressRows(LESSONS[0]!)).toHaveLength(0);
  });

  it('validate the lesson', async () => {
    expect((await learner.post('/tien-do/hoan-thanh', { lesson: 'khong-co-bai-nay' })).status).toBe(404);
    expect((await learner.post('/tien-do/hoan-thanh', { lesson: '../../etc' })).status).toBe(400);
    expect((await learner.post('/tien-do/bat-dau', {})).status).toBe(400);
  });

  it('end forty parallel visits and "mark done" posts in one completed row', async () => {
    const lesson = LESSONS[0]!;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? learner.post('/tien-do/hoan-thanh', { lesson, ve: 'tien-do' })
          : learner.post('/tien-do/bat-dau', { lesson }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(20);
    expect(statuses.filter((s) => s === 204)).toHaveLength(20);
    expect(responses[0]?.headers.get('location')).toBe(`${lessonPath(lesson)}#tien-do`);
    const rows = await progressRows(lesson);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.completed_at).not.toBeNull();
    expect(rows[0]?.completed_by).toBe('manual');
    const island = await (await learner.get(await islandUrl(lessonPath(lesson)))).text();
    expect(island).toContain('data-lesson-state="completed"');
    expect(island).toContain('đã xong 1/4 bài bắt buộc');
  });

  it("show each lesson's state on the course page and resume at the right lesson", async () => {
    await learner.post('/tien-do/bat-dau', { lesson: LESSONS[2]! });
    const island = await (await learner.get(await islandUrl(`/khoa-hoc/${COURSE}/`))).text();
    expect(island.match(/progress-badge--completed/g)?.length).toBe(1);
    expect(island.match(/progress-badge--started/g)?.length).toBe(1);
    expect(island).toContain(`href="${lessonPath(LESSONS[2]!)}"`);
    expect(island).toMatch(/Học tiếp: Đặt tên/);
  });
});

describe('"Học tập của tôi", assignments and reminders', () => {
  it('lets a leader assign a course to their unit with sub-units, and refuses units outside it', async () => {
    const outside = await leader.post('/lanh-dao/giao-khoa-hoc/', {
      courseId: COURSE,
      kind: 'required',
      dueDate: '2099-01-01',
      unitId: 'don-vi-minh-hoa-b',
      includeSubunits: 'on',
    });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('Bạn chỉ được giao cho đơn vị mình và các đơn vị trực thuộc.');
    const due = vietnamDay(new Date(Date.now() + 3 * 24 * 3600 * 1000));
    const created = await leader.post('/lanh-dao/giao-khoa-hoc/', {
      courseId: COURSE,
      kind: 'required',
      dueDate: due,
      unitId: 'don-vi-minh-hoa-a',
      includeSubunits: 'on',
    });
    expect(created.status).toBe(303);
    const detail = await (await leader.get(created.headers.get('location')!)).text();
    expect(detail).toContain('Đã giao khóa học.');
    // The demo learner works in A1, below A.
    expect(detail).toContain(`data-user="${DEMO_USERS.learner}"`);
    expect(detail).toContain('Đang học');
    expect((await learner.post('/lanh-dao/giao-khoa-hoc/', { courseId: COURSE })).status).toBe(403);
  });

  it('reminds the learner on their page, in the header and on the account page', async () => {
    const page = await (await learner.get('/hoc-tap-cua-toi/')).text();
    expect(page).toContain('Bạn có 1 khóa học được giao sắp đến hạn');
    expect(page).toContain('Còn 3 ngày');
    expect(page).toContain('Số hóa hồ sơ vụ án');
    expect(page).toContain('(1 khóa học sắp đến hạn hoặc quá hạn)');
    const account = await (await learner.get('/tai-khoan/')).text();
    expect(account).toContain('Xem trong Học tập của tôi');
    const organiser = await loginAs(server.url, DEMO_USERS.organiser);
    expect(await (await organiser.get('/hoc-tap-cua-toi/')).text()).toContain('Bạn chưa được giao khóa học nào.');
  });
});

describe('certificates', () => {
  let code = '';

  it('are issued when the last step is done and downloadable by their owner only', async () => {
    for (const lesson of LESSONS) await learner.post('/tien-do/hoan-thanh', { lesson });
    expect((await sql(server.databaseUrl, 'SELECT * FROM course_completions')).rows).toHaveLength(0);
    // The final quiz is passed through the quiz module in the browser tests; here its record is
    // written as onQuizPassed() would, and the next progress event applies the rule.
    await sql(server.databaseUrl, 'INSERT INTO course_quiz_passes (user_id, course_id, passed_at) VALUES (?, ?, ?)', [
      learnerId,
      COURSE,
      Date.now(),
    ]);
    await learner.post('/tien-do/hoan-thanh', { lesson: LESSONS[3]! });
    const certificate = (await sql(server.databaseUrl, 'SELECT * FROM certificates WHERE user_id = ?', [learnerId]))
      .rows[0];
    code = String(certificate?.code);
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const page = await (await learner.get('/hoc-tap-cua-toi/')).text();
    expect(page).toContain(`/hoc-tap-cua-toi/chung-nhan/${code}`);
    expect(page).toContain('Hoàn thành đúng hạn');
    const pdf = await learner.get(`/hoc-tap-cua-toi/chung-nhan/${code}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('attachment');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await leader.get(`/hoc-tap-cua-toi/chung-nhan/${code}`)).status).toBe(404);
    expect((await new HttpClient(server.url).get(`/hoc-tap-cua-toi/chung-nhan/${code}`)).status).toBe(401);
  });

  it('are confirmed publicly with only the name, the course and the date; unknown codes get a Vietnamese 404', async () => {
    const page = await new HttpClient(server.url).get(`/chung-nhan/${code.toLowerCase()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Giấy chứng nhận hợp lệ');
    expect(html).toContain('Học viên Mẫu');
    expect(html).toContain('Số hóa hồ sơ vụ án');
    expect(html).toContain(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));
    expect(html).not.toContain('Kiểm tra viên');
    expect(html).not.toContain('Bộ phận minh họa A1');
    expect(html).not.toContain(DEMO_USERS.learner);
    const unknown = await new HttpClient(server.url).get('/chung-nhan/ZZZZ-ZZZZ-ZZZZ');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Không tìm thấy giấy chứng nhận');
  });
});
