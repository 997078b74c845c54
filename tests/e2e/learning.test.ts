// Tracked learning in Chromium: open a lesson, mark it done, pass the quizzes, complete the
// course, download the certificate (Vietnamese name in the PDF text and on the rendered page),
// see it on "Học tập của tôi"; then the same with JavaScript turned off.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuizSchema, type Quiz } from '../../src/lib/schemas/quiz';
import { formatViolations, scanAccessibility } from '../support/axe';
import { collectPageErrors, launchBrowser, newContext } from '../support/browser';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { submitLogin } from '../support/site';
import { sql } from '../integration/helpers/http';

let server: TestServer;
let browser: Browser;
let work: string;

const COURSE = 'quan-ly-van-ban-dieu-hanh';
const COURSE_TITLE = 'Ứng dụng Quản lý văn bản điều hành';
const LESSON_1 = `/khoa-hoc/${COURSE}/lam-quen-ung-dung-quan-ly-van-ban/`;
const LESSON_2 = `/khoa-hoc/${COURSE}/xu-ly-van-ban-den-va-di-tren-ung-dung/`;
const FINAL_QUIZ = `/khoa-hoc/${COURSE}/kiem-tra-cuoi-khoa/`;
const hasPoppler =
  spawnSync('pdftotext', ['-v']).error === undefined && spawnSync('pdftoppm', ['-v']).error === undefined;

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  browser = await launchBrowser();
  work = mkdtempSync(path.join(tmpdir(), 'hoc-tap-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * A learner with a name full of Vietnamese marks, in the demo learner's unit, sharing the demo
 * password (its hash is copied: no argon2 in the test).
 */
async function addLearner(fullName: string): Promise<{ id: string; username: string }> {
  const id = `u_${randomBytes(8).toString('hex')}`;
  const username = `hv.${randomBytes(3).toString('hex')}`;
  await sql(
    server.databaseUrl,
    `INSERT INTO users (id, username, full_name, search_text, unit_id, position, password_hash, active, must_change_password)
     SELECT ?, ?, ?, ?, unit_id, 'Kiểm sát viên', password_hash, 1, 0 FROM users WHERE username = ?`,
    [id, username, fullName, username, DEMO_USERS.learner],
  );
  await sql(server.databaseUrl, `INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')`, [id]);
  return { id, username };
}

async function logIn(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await submitLogin(page, username);
  return page;
}

async function loadQuiz(id: string): Promise<Quiz> {
  return QuizSchema.parse(parse(await readFile(path.join('src/content/quizzes', `${id}.yaml`), 'utf8')));
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Answers every shown question right in the quiz page's plain form (the quiz module's form for
 * browsers without JavaScript; its island is tested in quiz.test.ts) and submits it.
 */
async function passQuizWithPlainForm(page: Page, quizPath: string, quiz: Quiz): Promise<void> {
  await page.goto(quizPath);
  await page.getByRole('button', { name: /Bắt đầu làm bài|Làm lại bài kiểm tra/ }).click();
  const form = page.locator('form.quiz-form');
  await form.waitFor();
  const fieldsets = form.locator('fieldset.quiz-question');
  const count = await fieldsets.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const prompt = squash(await fieldset.locator('.quiz-prompt').textContent());
    const question = quiz.questions.find((q) => squash(q.prompt) === prompt);
    if (!question) throw new Error(`Question not found in the quiz file: ${prompt}`);
    if (question.type === 'single' || question.type === 'multiple') {
      for (const option of question.options.filter((o) => o.correct)) {
        await fieldset.getByLabel(option.text, { exact: true }).check();
      }
    } else if (question.type === 'truefalse') {
      await fieldset.getByLabel(question.answer ? 'Đúng' : 'Sai', { exact: true }).check();
    } else if (question.type === 'ordering') {
      for (const [position, item] of question.items.entries()) {
        await fieldset.getByLabel(`Vị trí ${position + 1}`, { exact: true }).selectOption({ label: item });
      }
    } else {
      await fieldset.locator('input.quiz-text').fill(question.accept[0] ?? '');
    }
  }
  await form.getByRole('button', { name: 'Nộp bài' }).click();
  await page.waitForURL('**/tai-khoan/lich-su-kiem-tra/*/');
  expect(await page.locator('.quiz-verdict').first().textContent()).toMatch(/^Đạt/);
}

/** Text and first-page image of a PDF, checked with poppler's tools. */
function inspectPdf(file: string): { text: string; png: string } {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  const prefix = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, prefix]);
  const png = `${prefix}.png`;
  // Set KEEP_CERTIFICATE_PNG=<path> to look at the rendered certificate after the run.
  if (process.env.KEEP_CERTIFICATE_PNG) copyFileSync(png, process.env.KEEP_CERTIFICATE_PNG);
  return { text, png };
}

async function progressRow(userId: string, lessonPath: string) {
  const lessonId = lessonPath.split('/').at(-2) ?? '';
  return (
    await sql(server.databaseUrl, 'SELECT * FROM lesson_progress WHERE user_id = ? AND lesson_id = ?', [
      userId,
      lessonId,
    ])
  ).rows[0];
}

describe('tracked learning with JavaScript', () => {
  it('takes a learner from the first lesson to a downloaded certificate with their Vietnamese name', async () => {
    const name = 'Trần Thị Ngọc Hường';
    const person = await addLearner(name);
    const context = await newContext(browser, server.url, { acceptDownloads: true });
    const page = await logIn(context, person.username);
    const errors = collectPageErrors(page);

    // Opening the lesson records "started" (a POST from the page) and shows the panel.
    await page.goto(LESSON_1);
    const panel = page.locator('#tien-do');
    const markDone = panel.getByRole('button', { name: 'Đánh dấu đã học xong' });
    await markDone.waitFor();
    await expect.poll(async () => (await progressRow(person.id, LESSON_1))?.started_at ?? null).not.toBeNull();
    expect((await progressRow(person.id, LESSON_1))?.completed_at).toBeNull();
    expect(await panel.textContent()).toContain(`Khóa học «${COURSE_TITLE}»: đã xong 0/2 bài bắt buộc`);

    await markDone.click();
    await page.waitForURL(`**${LESSON_1}#tien-do`);
    await panel.getByText('Bạn đã học xong bài này').waitFor();
    expect(await panel.textContent()).toContain('đã xong 1/2 bài bắt buộc');
    expect(await panel.getByRole('button', { name: 'Đánh dấu đã học xong' }).count()).toBe(0);
    const lessonViolations = await scanAccessibility(page);
    expect(lessonViolations, formatViolations(lessonViolations)).toEqual([]);

    // The course page shows each lesson's state and resumes at the next lesson.
    await page.goto(`/khoa-hoc/${COURSE}/`);
    const courseIsland = page.locator('#tien-do');
    const resume = courseIsland.getByRole('link', { name: /^Học tiếp: / });
    await resume.waitFor();
    expect(await courseIsland.locator('.progress-badge--completed').count()).toBe(1);
    await resume.click();
    await page.waitForURL(`**${LESSON_2}`);
    await page.locator('#tien-do').getByRole('button', { name: 'Đánh dấu đã học xong' }).waitFor();

    // The quizzes are answered in the plain form of the same session (see passQuizWithPlainForm):
    // the lesson quiz completes lesson 2, the final quiz completes the course.
    const noScript = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const quizPage = await noScript.newPage();
    await passQuizWithPlainForm(
      quizPage,
      `${LESSON_2}kiem-tra/`,
      await loadQuiz('xu-ly-van-ban-den-va-di-tren-ung-dung'),
    );
    expect((await progressRow(person.id, LESSON_2))?.completed_by).toBe('quiz');
    await passQuizWithPlainForm(quizPage, FINAL_QUIZ, await loadQuiz('quan-ly-van-ban-dieu-hanh-cuoi-khoa'));
    await noScript.close();

    await page.goto(`/khoa-hoc/${COURSE}/`);
    const done = page.locator('#tien-do');
    await done.getByText('Bạn đã hoàn thành khóa học ngày').waitFor();

    // "Học tập của tôi": the completed course with its date and certificate.
    await done.getByRole('link', { name: 'Tải giấy chứng nhận' }).click();
    await page.waitForURL('**/hoc-tap-cua-toi/');
    // Server-rendered pages show the learner's own link in the header.
    expect(
      await page
        .getByRole('banner')
        .getByRole('link', { name: /^Học tập của tôi/ })
        .getAttribute('aria-current'),
    ).toBe('page');
    const completed = page.getByRole('region', { name: 'Đã hoàn thành' });
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const row = completed.getByRole('row', { name: new RegExp(COURSE_TITLE) });
    expect(await row.textContent()).toContain(today);
    const history = page.getByRole('region', { name: 'Lịch sử làm bài kiểm tra' });
    expect(await history.getByRole('row').count()).toBe(3);
    const pageViolations = await scanAccessibility(page);
    expect(pageViolations, formatViolations(pageViolations)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Tải giấy chứng nhận/ }).click(),
    ]);
    const file = path.join(work, 'chung-nhan.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const code = String(
      (await sql(server.databaseUrl, 'SELECT code FROM certificates WHERE user_id = ?', [person.id])).rows[0]?.code,
    );
    expect(download.suggestedFilename()).toBe(`chung-nhan-${COURSE}-${code}.pdf`);

    if (hasPoppler) {
      const { text, png } = inspectPdf(file);
      expect(text).toContain(name);
      expect(text).toContain(COURSE_TITLE);
      expect(text).toContain('Kiểm sát viên');
      expect(text).toContain(`Ngày hoàn thành: ${today}`);
      expect(text).toContain(`${server.url}/chung-nhan/${code}`);
      // The page renders: an A4 landscape image with dark text on a light background.
      const image = sharp(png);
      const { width = 0, height = 0 } = await image.metadata();
      expect(width / height).toBeCloseTo(297 / 210, 1);
      const stats = await image.stats();
      expect(stats.channels[0]!.min).toBeLessThan(80);
      expect(stats.channels[0]!.mean).toBeGreaterThan(200);
      expect(statSync(png).size).toBeGreaterThan(10_000);
    }

    // The public verification page confirms it.
    await completed.getByRole('link', { name: code }).click();
    await page.waitForURL(`**/chung-nhan/${code}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Giấy chứng nhận hợp lệ');
    expect(await page.locator('main').textContent()).toContain(name);

    // axe is first injected as an inline script, which the CSP rightly refuses.
    expect(errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('assigning a course', () => {
  it('lets a leader assign a course to their unit and follow each person, and reminds the learner', async () => {
    const person = await addLearner('Võ Thị Yến');
    const context = await newContext(browser, server.url);
    const page = await logIn(context, DEMO_USERS.leader);
    await page.goto('/lanh-dao/giao-khoa-hoc/');
    await page.getByLabel('Khóa học').selectOption({ label: 'Công bố, trình chiếu chứng cứ tại phiên tòa' });
    const due = new Date(Date.now() + 5 * 24 * 3600 * 1000);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).format(due);
    await page.getByLabel('Hạn hoàn thành').fill(day);
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('don-vi-minh-hoa-a');
    expect(await page.getByLabel('Gồm cả các đơn vị trực thuộc').isChecked()).toBe(true);
    const formViolations = await scanAccessibility(page);
    expect(formViolations, formatViolations(formViolations)).toEqual([]);
    await page.getByRole('button', { name: 'Giao khóa học' }).click();
    await page.waitForURL('**/lanh-dao/giao-khoa-hoc/*/?da-giao');
    expect(await page.getByRole('status').first().textContent()).toContain('Đã giao khóa học.');
    const row = page.getByRole('row', { name: /Võ Thị Yến/ });
    expect(await row.textContent()).toContain('Chưa bắt đầu');
    const detailViolations = await scanAccessibility(page);
    expect(detailViolations, formatViolations(detailViolations)).toEqual([]);
    await context.close();

    const learnerContext = await newContext(browser, server.url);
    const learnerPage = await logIn(learnerContext, person.username);
    // Signing in lands on the account page, which carries the reminder.
    const notice = learnerPage.getByRole('status').filter({ hasText: 'sắp đến hạn' });
    expect(await notice.textContent()).toContain('Công bố, trình chiếu chứng cứ tại phiên tòa');
    expect(await notice.textContent()).toContain('Còn 5 ngày');
    expect(
      await learnerPage
        .getByRole('banner')
        .getByRole('link', { name: /Học tập của tôi.*1 khóa học sắp đến hạn/ })
        .count(),
    ).toBe(1);
    await learnerContext.close();
  });
});

describe('tracked learning without JavaScript', () => {
  it('marks lessons done with the plain form, confirms it, and completes the course', async () => {
    const name = 'Phạm Đức Thắng';
    const person = await addLearner(name);
    const context = await newContext(browser, server.url, { javaScriptEnabled: false, acceptDownloads: true });
    const page = await logIn(context, person.username);

    await page.goto(LESSON_1);
    // getByText skips <noscript>, where the no-JavaScript panel lives: find it by its id.
    const confirmation = page.locator('#da-luu-tien-do');
    expect(await confirmation.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).click();
    await page.waitForURL(`**${LESSON_1}#da-luu-tien-do`);
    expect(await confirmation.isVisible()).toBe(true);
    expect(await confirmation.textContent()).toBe('Đã ghi nhận: bạn đã học xong bài này.');
    expect((await progressRow(person.id, LESSON_1))?.completed_by).toBe('manual');

    // Marking again changes nothing.
    const before = await progressRow(person.id, LESSON_1);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).click();
    await page.waitForURL(`**${LESSON_1}#da-luu-tien-do`);
    expect(await progressRow(person.id, LESSON_1)).toEqual(before);

    await page.goto('/hoc-tap-cua-toi/');
    const inProgress = page.getByRole('region', { name: 'Đang học' });
    expect(await inProgress.textContent()).toContain('1/2 bài bắt buộc');
    await inProgress.getByRole('link', { name: /^Học tiếp: / }).click();
    await page.waitForURL(`**${LESSON_2}`);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).click();
    await page.waitForURL(`**${LESSON_2}#da-luu-tien-do`);

    await passQuizWithPlainForm(page, FINAL_QUIZ, await loadQuiz('quan-ly-van-ban-dieu-hanh-cuoi-khoa'));
    await page.goto('/hoc-tap-cua-toi/');
    const row = page
      .getByRole('region', { name: 'Đã hoàn thành' })
      .getByRole('row', { name: new RegExp(COURSE_TITLE) });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Tải giấy chứng nhận/ }).click(),
    ]);
    const file = path.join(work, 'chung-nhan-khong-js.pdf');
    await download.saveAs(file);
    if (hasPoppler) expect(inspectPdf(file).text).toContain(name);
    else expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  }, 90_000);

  it('sends an anonymous reader who marks a lesson done to the login page and stores nothing', async () => {
    const context = await newContext(browser, server.url, { javaScriptEnabled: false });
    const page = await context.newPage();
    const before = (await sql(server.databaseUrl, 'SELECT count(*) AS n FROM lesson_progress')).rows[0]?.n;
    await page.goto(LESSON_1);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).click();
    await page.waitForURL('**/dang-nhap/**');
    expect(new URL(page.url()).searchParams.get('next')).toBe(LESSON_1);
    expect((await sql(server.databaseUrl, 'SELECT count(*) AS n FROM lesson_progress')).rows[0]?.n).toBe(before);
    await context.close();
  });
});

describe('the lesson page for anonymous readers with JavaScript', () => {
  it('invites them to sign in and sends no error', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(LESSON_1);
    await page.locator('#tien-do').getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('#tien-do').getByRole('button').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
