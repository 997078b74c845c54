// Taking a quiz in Chromium: with JavaScript (answers saved as you go, kept across a reload and a
// lost connection, submitted, feedback shown) and without JavaScript (the plain form).
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, scanAccessibility } from '../support/axe';
import { collectPageErrors, launchBrowser, newContext, waitForIslands } from '../support/browser';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { COURSE, LESSON_1, LESSON_2, submitLogin } from '../support/site';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await submitLogin(page, username);
  return page;
}

/** The question fieldsets of the attempt, in the order shown. */
const questions = (page: Page): Locator => page.locator('fieldset.quiz-question');

/** The first shown question whose fieldset matches `selector`. */
function questionWith(page: Page, selector: string): Locator {
  return questions(page)
    .filter({ has: page.locator(selector) })
    .first();
}

async function waitSaved(page: Page): Promise<void> {
  await page.locator('.quiz-save-status[data-state="saved"]').waitFor({ timeout: 10_000 });
}

describe('taking a quiz with JavaScript', () => {
  it(
    'saves each answer, keeps it across a reload and a lost connection, then shows the feedback',
    { timeout: 90_000 },
    async () => {
      const context = await newContext(browser, server.url);
      const page = await logIn(context, DEMO_USERS.learner);
      const errors = collectPageErrors(page);

      await page.goto(LESSON_1);
      await page.getByRole('link', { name: 'Làm bài kiểm tra' }).click();
      await page.waitForURL('**/kiem-tra/');
      await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
      await page.waitForLoadState('load');
      await waitForIslands(page);
      await questions(page).first().waitFor();
      expect(await questions(page).count()).toBe(6);

      // A single-choice question (radios that are not Đúng/Sai) and the short-text question.
      const single = questions(page)
        .filter({ has: page.locator('input[type="radio"]:not([value="true"]):not([value="false"])') })
        .first();
      const chosen = single.locator('input[type="radio"]').nth(1);
      const chosenId = await chosen.getAttribute('id');
      await chosen.check();
      await waitSaved(page);
      const text = questionWith(page, 'input.quiz-text').locator('input.quiz-text');
      // Reload at once, before the delayed save of typed text has run.
      await text.fill('bảng danh mục');
      await page.reload();
      await waitForIslands(page);
      await questions(page).first().waitFor();
      expect(await page.locator(`[id="${chosenId}"]`).isChecked()).toBe(true);
      expect(await page.locator('input.quiz-text').inputValue()).toBe('bảng danh mục');

      // The connection drops: the answer is kept and sent when it comes back.
      const truefalse = questionWith(page, 'input[value="false"]');
      await context.setOffline(true);
      await truefalse.getByLabel('Sai', { exact: true }).check();
      await page.locator('.quiz-save-status[data-state="failed"]').waitFor();
      expect(await page.getByRole('status').textContent()).toContain('Chưa lưu được câu trả lời');
      await context.setOffline(false);
      await waitSaved(page);

      // The save endpoint fails, then the page is reloaded: the answer is still there and is sent before submitting.
      await page.route('**/api/quiz/save', (route) => route.abort());
      const multiple = questionWith(page, 'input[type="checkbox"]');
      const ticked = multiple.locator('input[type="checkbox"]').first();
      const tickedId = await ticked.getAttribute('id');
      await ticked.check();
      await page.locator('.quiz-save-status[data-state="failed"]').waitFor();
      await page.reload();
      await waitForIslands(page);
      await questions(page).first().waitFor();
      expect(await page.locator(`[id="${tickedId}"]`).isChecked()).toBe(true);
      expect(await truefalse.getByLabel('Sai', { exact: true }).isChecked()).toBe(true);
      await page.unroute('**/api/quiz/save');

      // Ordering with the keyboard: move the first step down.
      const ordering = questionWith(page, 'ol.quiz-ordering');
      const firstStep = await ordering.locator('.quiz-ordering-text').first().textContent();
      await ordering.getByRole('button', { name: `Đưa “${firstStep}” xuống` }).focus();
      await page.keyboard.press('Enter');
      expect(await ordering.locator('.quiz-ordering-text').nth(1).textContent()).toBe(firstStep);
      await waitSaved(page);

      const beforeAxe = errors.length;
      const violations = await scanAccessibility(page);
      // axe is first injected as an inline script, which the CSP rightly refuses.
      const duringAxe = errors.splice(beforeAxe).filter((e) => !e.includes('Content Security Policy'));
      errors.push(...duringAxe);
      expect(violations, formatViolations(violations)).toEqual([]);

      await page.getByRole('button', { name: 'Nộp bài' }).click();
      const heading = page.getByRole('heading', { name: 'Kết quả' });
      await heading.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Kết quả');
      expect(await page.locator('.quiz-score').textContent()).toMatch(/^Điểm: \d+\/6 \(/);
      expect(await page.locator('.quiz-feedback').count()).toBe(6);
      const feedbackText = await page.locator('.quiz-result').textContent();
      expect(feedbackText).toContain('bảng danh mục');
      expect(feedbackText).toContain('Sai');

      // The server has every answer, including the one saved only after the reload.
      await page.getByRole('link', { name: 'Xem lại bài làm' }).click();
      await page.waitForURL('**/tai-khoan/lich-su-kiem-tra/*/');
      const review = await page.locator('main').textContent();
      expect(review).toContain('bảng danh mục');
      // Five of six answered: one of the two single-choice questions was left alone.
      expect(await page.locator('.quiz-feedback').filter({ hasText: 'Chưa trả lời' }).count()).toBe(1);
      expect(await page.locator('.quiz-feedback').filter({ hasText: 'Bạn đã trả lời' }).count()).toBe(5);
      expect(errors.filter((e) => !e.includes('net::ERR'))).toEqual([]);
      await context.close();
    },
  );

  it('links the course page to its final quiz', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await page.goto(COURSE);
    await page.getByRole('link', { name: 'Bài kiểm tra cuối khóa' }).click();
    await page.waitForURL('**/kiem-tra-cuoi-khoa/');
    expect(await page.getByRole('link', { name: 'Đăng nhập để làm bài' }).getAttribute('href')).toBe(
      `/dang-nhap/?next=${encodeURIComponent(new URL(page.url()).pathname)}`,
    );
    await context.close();
  });
});

describe('taking a quiz without JavaScript', () => {
  it('posts the plain form and shows the server-rendered result', async () => {
    const context = await newContext(browser, server.url, { javaScriptEnabled: false });
    const page = await logIn(context, DEMO_USERS.leader);
    await page.goto(`${LESSON_2}kiem-tra/`);
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
    await page.waitForLoadState('load');

    const form = page.locator('form.quiz-form');
    await form.waitFor();
    expect(await form.locator('fieldset.quiz-question').count()).toBeGreaterThanOrEqual(4);
    await form
      .locator('fieldset.quiz-question')
      .filter({ has: page.locator('input[type="radio"]') })
      .first()
      .locator('input[type="radio"]')
      .first()
      .check();
    const text = form.locator('input.quiz-text');
    if ((await text.count()) > 0) await text.first().fill('thử không có JavaScript');

    // Save and come back later: the answers are there again, nothing submitted yet.
    await form.getByRole('button', { name: 'Lưu câu trả lời, làm tiếp sau' }).click();
    await page.waitForURL('**/kiem-tra/?da-luu');
    expect(await page.getByRole('status').filter({ hasText: 'Đã lưu các câu trả lời' }).count()).toBe(1);
    await page.goto(`${LESSON_2}kiem-tra/`);
    expect(await form.locator('input[type="radio"]:checked').count()).toBe(1);
    if ((await text.count()) > 0) expect(await text.first().inputValue()).toBe('thử không có JavaScript');

    await form.getByRole('button', { name: 'Nộp bài' }).click();
    await page.waitForURL('**/tai-khoan/lich-su-kiem-tra/*/');
    expect(await page.getByRole('heading', { name: 'Kết quả' }).count()).toBe(1);
    expect(await page.locator('.quiz-verdict').first().textContent()).toMatch(/^(Đạt|Chưa đạt) \(yêu cầu 70%\)$/);
    await page.goto('/tai-khoan/lich-su-kiem-tra/');
    expect(await page.locator('main table tbody tr').count()).toBe(1);
    await context.close();
  });
});
