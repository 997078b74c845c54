import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatViolations, scanAccessibility } from '../support/axe';
import { collectPageErrors, newContext } from '../support/browser';
import { useBrowserSite } from '../support/browser-site';

const LESSON_PAGE = '/khoa-hoc/so-do-tu-duy-va-so-do-hoa-chung-cu/bao-cao-an-bang-so-do-tu-duy/';
const LESSON_DECK = '/trinh-chieu/bai-hoc/bao-cao-an-bang-so-do-tu-duy/';
const IMAGE_DECK = '/trinh-chieu/bai-hoc/can-cu-phap-ly-xet-xu-truc-tuyen/';
const SEMINAR_PAGE = '/toa-dam/toa-dam-my-xuyen-so-hoa-trinh-chieu-chung-cu/';
const SEMINAR_DECK = '/trinh-chieu/toa-dam/toa-dam-my-xuyen-so-hoa-trinh-chieu-chung-cu/';
const PRACTICE_DECK = '/trinh-chieu/cach-lam-hay/van-yen-ung-dung-cntt-2023/';
// A sentence of the lesson's speaker notes (section "Bộ khung bảy nhánh").
const NOTE = 'ở đơn vị mình, báo cáo án đang đi theo thứ tự nào';

const site = useBrowserSite({ context: { viewport: { width: 1280, height: 720 } } });

async function openDeck(path: string, ctx: BrowserContext = site.context): Promise<Page> {
  const page = await ctx.newPage();
  const response = await page.goto(path);
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  await page.locator('.deck--active').waitFor({ state: 'attached' });
  return page;
}

/** The audience counter's "n / total" as [n, total]. */
async function counter(page: Page): Promise<[number, number]> {
  const text = (await page.locator('[data-counter]').textContent()) ?? '';
  const match = /^(\d+) \/ (\d+)$/.exec(text.trim());
  if (!match) throw new Error(`counter reads "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

const current = async (page: Page) => (await counter(page))[0];

/** Index (1-based) of the first slide matching a selector. */
async function slideWith(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const slides = [...document.querySelectorAll('[data-slide]')];
    return slides.findIndex((s) => s.querySelector(sel) !== null) + 1;
  }, selector);
}

describe('presentation mode', () => {
  it('opens from the "Trình chiếu" link on the lesson page, on a title slide', async () => {
    const page = await site.context.newPage();
    await page.goto(LESSON_PAGE);
    await page.getByRole('link', { name: 'Trình chiếu', exact: true }).click();
    await page.waitForURL(`**${LESSON_DECK}#slide-1`);
    const [n, total] = await counter(page);
    expect(n).toBe(1);
    expect(total).toBeGreaterThan(8);
    const visible = page.locator('[data-slide]:not([hidden])');
    expect(await visible.count()).toBe(1);
    expect(await visible.getByRole('heading', { level: 1 }).textContent()).toBe('Báo cáo án bằng sơ đồ tư duy');
    expect(await page.locator('[data-counter]').getAttribute('aria-live')).toBe('polite');
    await page.close();
  });

  it('moves with the keys presentation clickers send, and keeps the slide in the URL', async () => {
    const page = await openDeck(LESSON_DECK);
    const errors = collectPageErrors(page);
    await page.keyboard.press('ArrowRight');
    expect(await current(page)).toBe(2);
    await page.keyboard.press('PageDown');
    expect(await current(page)).toBe(3);
    await page.keyboard.press('Space');
    expect(await current(page)).toBe(4);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await current(page)).toBe(6);
    await page.keyboard.press('ArrowLeft');
    expect(await current(page)).toBe(5);
    await page.keyboard.press('PageUp');
    expect(await current(page)).toBe(4);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Backspace');
    expect(await current(page)).toBe(2);
    expect(new URL(page.url()).hash).toBe('#slide-2');

    await page.reload();
    await page.locator('.deck--active').waitFor({ state: 'attached' });
    expect(await current(page)).toBe(2);

    await page.keyboard.press('End');
    const [, total] = await counter(page);
    expect(await current(page)).toBe(total);
    await page.keyboard.press('ArrowRight');
    expect(await current(page)).toBe(total);
    await page.keyboard.press('Home');
    expect(await current(page)).toBe(1);
    await page.getByRole('button', { name: 'Trang sau' }).click();
    expect(await current(page)).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps speaker notes off the lesson page and off the audience slides', async () => {
    const lesson = await site.context.newPage();
    await lesson.goto(LESSON_PAGE);
    expect(await lesson.locator('[data-speaker-notes]').count()).toBeGreaterThan(0);
    expect(await lesson.getByText(NOTE).isVisible()).toBe(false);
    await lesson.close();

    const page = await openDeck(LESSON_DECK);
    const notesSlide = await slideWith(page, '[data-notes]');
    await page.goto(`${LESSON_DECK}#slide-${notesSlide}`);
    await page.reload();
    await page.locator('.deck--active').waitFor({ state: 'attached' });
    expect(await current(page)).toBe(notesSlide);
    expect(await page.getByText(NOTE).isVisible()).toBe(false);
    await page.close();
  });

  it('starts a new slide at a <SlideBreak /> inside a section', async () => {
    const page = await openDeck(LESSON_DECK);
    const labels = await page
      .locator('[data-slide]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels.filter((l) => l === 'Lỗi thường gặp')).toHaveLength(2);
    const checklist = await slideWith(page, '.checklist');
    expect(labels[checklist - 1]).toBe('Lỗi thường gặp');
    expect(await page.locator(`#slide-${checklist} .slide__kicker`).textContent()).toBe('Lỗi thường gặp (tiếp theo)');
    await page.close();
  });

  it('shows a mind map on a slide of its own, large enough to read', async () => {
    const page = await openDeck(LESSON_DECK);
    const n = await slideWith(page, 'figure[data-mindmap]');
    await page.goto(`${LESSON_DECK}#slide-${n}`);
    const figure = page.locator(`#slide-${n} figure.mindmap--enhanced`);
    await figure.waitFor();
    expect(await page.locator(`#slide-${n}`).getAttribute('class')).toContain('slide--mindmap');
    const view = await figure.locator('.mindmap__view').boundingBox();
    expect(view?.height ?? 0).toBeGreaterThan(400);
    const nodes = figure.locator('svg .mm-node');
    expect(await nodes.count()).toBe(37);
    // Labels drawn at 14 px show at 80 % or more: legible on a projector.
    const scale = await figure.locator('svg').evaluate((svg) => {
      const box = (svg as SVGSVGElement).viewBox.baseVal;
      return svg.getBoundingClientRect().width / box.width;
    });
    expect(scale).toBeGreaterThanOrEqual(0.79);
    await page.close();
  });

  it('turns seminar and practice fields into slides', async () => {
    const seminar = await openDeck(SEMINAR_DECK);
    const labels = await seminar
      .locator('[data-slide]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels).toEqual(
      expect.arrayContaining([
        'Thành phần tham dự',
        'Khó khăn, vướng mắc',
        'Giải pháp đề xuất',
        'Kết luận',
        'Việc cần làm tiếp theo',
      ]),
    );
    expect(await seminar.locator('[data-slide] table td', { hasText: 'Công an huyện Mỹ Xuyên' }).count()).toBe(1);
    await seminar.close();

    const practice = await openDeck(PRACTICE_DECK);
    const results = await slideWith(practice, '.key-figure');
    await practice.goto(`${PRACTICE_DECK}#slide-${results}`);
    await practice.reload();
    await practice.locator('.deck--active').waitFor({ state: 'attached' });
    const figures = practice.locator(`#slide-${results} .key-figure`);
    expect(await figures.count()).toBe(6);
    expect(await figures.first().isVisible()).toBe(true);
    const slide = practice.locator(`#slide-${results}`);
    // Long slides shrink their type to fit rather than spill off the screen.
    expect(await slide.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await practice.close();
  });

  it('opens the presenter view from the seminar page, with notes and timer, in step with the audience', async () => {
    const audience = await site.context.newPage();
    await audience.goto(SEMINAR_PAGE);
    await audience.getByRole('link', { name: 'Trình chiếu', exact: true }).click();
    await audience.locator('.deck--active').waitFor({ state: 'attached' });
    const [presenter] = await Promise.all([
      site.context.waitForEvent('page'),
      audience.getByRole('button', { name: 'Màn hình người trình bày' }).click(),
    ]);
    await presenter.waitForLoadState();
    const view = presenter.getByRole('region', { name: 'Màn hình người trình bày' });
    await view.waitFor();
    const presenterCounter = view.locator('[data-presenter-counter]');
    const [, total] = await counter(audience);
    await expect.poll(() => presenterCounter.textContent()).toBe(`Trang 1 / ${total}`);

    // The audience window leads…
    await audience.bringToFront();
    await audience.keyboard.press('ArrowRight');
    await audience.keyboard.press('PageDown');
    expect(await current(audience)).toBe(3);
    await expect.poll(() => presenterCounter.textContent()).toBe(`Trang 3 / ${total}`);

    // …or the presenter window does.
    await presenter.bringToFront();
    await presenter.keyboard.press('PageDown');
    await expect.poll(() => current(audience)).toBe(4);
    await view.getByRole('button', { name: 'Trang sau' }).click();
    await expect.poll(() => current(audience)).toBe(5);
    await presenter.keyboard.press('ArrowLeft');
    await expect.poll(() => current(audience)).toBe(4);

    // Current and next slide, and the speaker notes of the current one.
    const notesAt = await slideWith(audience, '[data-notes]');
    await presenter.keyboard.press('Home');
    for (let i = 1; i < notesAt; i += 1) await presenter.keyboard.press('ArrowRight');
    await expect.poll(() => current(audience)).toBe(notesAt);
    const notes = view.locator('[data-notes-view]');
    await expect.poll(() => notes.textContent()).toContain('ba việc ngành đang nhấn mạnh');
    expect(await audience.getByText('ba việc ngành đang nhấn mạnh').isVisible()).toBe(false);
    expect(await view.locator('[data-stage="current"] [data-slide]').count()).toBe(1);
    expect(await view.locator('[data-stage="next"] [data-slide]').count()).toBe(1);
    const nextLabel = await audience.locator(`#slide-${notesAt + 1}`).getAttribute('data-label');
    expect(await view.locator('[data-next-label]').textContent()).toBe(nextLabel);

    const clock = view.getByRole('timer');
    expect(await clock.textContent()).toBe('00:00');
    await view.getByRole('button', { name: 'Bắt đầu' }).click();
    await expect.poll(() => clock.textContent(), { timeout: 5_000 }).toBe('00:01');
    await view.getByRole('button', { name: 'Tạm dừng' }).click();
    const paused = await clock.textContent();
    await presenter.waitForTimeout(1_200);
    expect(await clock.textContent()).toBe(paused);
    await view.getByRole('button', { name: 'Đặt lại' }).click();
    expect(await clock.textContent()).toBe('00:00');

    await presenter.close();
    await audience.close();
  });

  it('goes full screen with the F key and the button', async () => {
    const page = await openDeck(LESSON_DECK);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Thoát toàn màn hình' }).count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await current(page)).toBe(2);
    await page.getByRole('button', { name: 'Thoát toàn màn hình' }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await page.close();
  });
});

describe('accessibility of presentation mode', () => {
  it('has no serious or critical axe violations on a slide, a mind-map slide and the presenter view', async () => {
    const page = await openDeck(LESSON_DECK);
    let violations = await scanAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    const map = await slideWith(page, 'figure[data-mindmap]');
    await page.goto(`${LESSON_DECK}#slide-${map}`);
    await page.locator(`#slide-${map} figure.mindmap--enhanced`).waitFor();
    violations = await scanAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.goto(`${LESSON_DECK}?presenter#slide-4`);
    await page.getByRole('region', { name: 'Màn hình người trình bày' }).waitFor();
    violations = await scanAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.close();
  });
});

describe('offline presentation', () => {
  it('reloads, navigates and shows its images with the network blocked after the first visit', async () => {
    const offline = await newContext(site.browser, site.server.url, { viewport: { width: 1280, height: 720 } });
    try {
      const page = await openDeck(IMAGE_DECK, offline);
      await page.waitForSelector('html[data-offline-ready="true"]', { timeout: 20_000 });
      expect(await page.locator('[data-offline-status]').textContent()).toContain('không có mạng');
      const imageSlide = await slideWith(page, 'img');
      expect(imageSlide).toBeGreaterThan(1);

      await offline.setOffline(true);
      // Really offline: the server cannot be reached from the page any more.
      const reachable = await page.evaluate(() =>
        fetch('/khoa-hoc/', { cache: 'no-store' }).then(
          () => true,
          () => false,
        ),
      );
      expect(reachable).toBe(false);

      await page.reload();
      await page.locator('.deck--active').waitFor({ state: 'attached' });
      expect(await current(page)).toBe(1);
      expect(await page.locator('[data-slide]:not([hidden]) h1').isVisible()).toBe(true);
      for (let i = 1; i < imageSlide; i += 1) await page.keyboard.press('ArrowRight');
      expect(await current(page)).toBe(imageSlide);
      const image = page.locator(`#slide-${imageSlide} img`).first();
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      expect(await image.isVisible()).toBe(true);
      // The styles came from the cache too: slides are laid out, not raw HTML.
      const position = await page.locator('.deck__bar').evaluate((el) => getComputedStyle(el).position);
      expect(position).toBe('fixed');

      // A presentation never opened before is not available offline, and says so in Vietnamese.
      const other = await offline.newPage();
      const response = await other.goto(SEMINAR_DECK);
      expect(response?.status()).toBe(503);
      expect(await other.locator('h1').textContent()).toBe('Không có mạng');
    } finally {
      await offline.setOffline(false);
      await offline.close();
    }
  });
});
