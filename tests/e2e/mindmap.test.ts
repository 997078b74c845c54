import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatViolations, scanAccessibility } from '../support/axe';
import { collectPageErrors, newContext } from '../support/browser';
import { useBrowserSite } from '../support/browser-site';

const COURSE = '/khoa-hoc/so-do-tu-duy-va-so-do-hoa-chung-cu/';
const EVIDENCE_LESSON = `${COURSE}so-do-hoa-chung-cu/`;
const REPORT_LESSON = `${COURSE}bao-cao-an-bang-so-do-tu-duy/`;
const PLAIN_LESSON = '/khoa-hoc/so-hoa-ho-so-vu-an/chuan-bi-so-hoa-ho-so/';
// The evidence map of the starter content: a root, 5 facts, 10 evidence items, 10 sources, 10 assessments.
const EVIDENCE_NODES = 36;

const site = useBrowserSite({ context: { acceptDownloads: true } });

async function open(path: string, ctx: BrowserContext = site.context): Promise<Page> {
  const page = await ctx.newPage();
  const response = await page.goto(path);
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
  return page;
}

/** The evidence map's figure, once its script has enhanced it. */
async function enhancedMap(page: Page) {
  const figure = page.locator('figure[data-mindmap][data-variant="evidence"]');
  await figure.and(page.locator('.mindmap--enhanced')).waitFor();
  return figure;
}

describe('a mind map on a lesson page', () => {
  it('renders as an SVG with one node per outline item, a legend and no type markers', async () => {
    const page = await open(EVIDENCE_LESSON);
    const errors = collectPageErrors(page);
    const figure = await enhancedMap(page);
    await expect.poll(() => figure.locator('svg .mm-node').count()).toBe(EVIDENCE_NODES);
    expect(await figure.getAttribute('data-nodes')).toBe(String(EVIDENCE_NODES));
    expect(await figure.locator('li[role="treeitem"]').count()).toBe(EVIDENCE_NODES);
    for (const kind of ['fact', 'evidence', 'source', 'assessment']) {
      expect(await figure.locator(`svg .mm-node--${kind}`).count(), kind).toBeGreaterThan(0);
    }
    await expect.poll(() => figure.locator('svg .mm-legend').textContent()).toContain('Tài liệu nguồn, bút lục');
    expect(await figure.locator('svg').textContent()).not.toMatch(/\[(fact|evidence|source|assessment)\]/);
    expect(await figure.locator('svg').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('collapses and expands a branch from the keyboard in its outline', async () => {
    const page = await open(EVIDENCE_LESSON);
    const figure = await enhancedMap(page);
    const summary = figure.getByText('Xem dạng dàn ý');
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const root = figure.locator('li[role="treeitem"][data-id="n"]');
    await expect.poll(() => root.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('ArrowDown');
    const fact = figure.locator('li[data-id="n-0"]');
    await expect.poll(() => fact.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => fact.getAttribute('aria-expanded')).toBe('false');
    // The first fact hides 2 evidence items, their 2 sources and 2 assessments.
    await expect.poll(() => figure.locator('svg .mm-node').count()).toBe(EVIDENCE_NODES - 6);
    expect(await figure.locator('svg .mm-node--collapsed .mm-badge').textContent()).toBe('+6');
    await expect.poll(() => figure.locator('.mindmap__status').textContent()).toContain('Đã thu gọn nhánh');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => figure.locator('svg .mm-node').count()).toBe(EVIDENCE_NODES);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => figure.locator('svg .mm-node').count()).toBe(EVIDENCE_NODES - 6);
    await page.keyboard.press(' ');
    await expect.poll(() => fact.getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('zooms with + and − and fits with 0 from its view, and collapses a branch on click', async () => {
    const page = await open(REPORT_LESSON);
    const figure = page.locator('figure.mindmap--enhanced');
    await figure.waitFor();
    const svg = figure.locator('.mindmap__view svg');
    const viewWidth = async () => Number((await svg.getAttribute('viewBox'))?.split(' ')[2]);
    const before = await viewWidth();
    await figure.locator('.mindmap__view').focus();
    await page.keyboard.press('+');
    await expect.poll(viewWidth).toBeLessThan(before);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(viewWidth).toBeGreaterThan(before);
    await page.keyboard.press('0');
    const layoutWidth = Number(await svg.getAttribute('width'));
    await expect.poll(viewWidth).toBeGreaterThanOrEqual(layoutWidth - 1);

    const nodes = await svg.locator('.mm-node').count();
    await svg.locator('.mm-node[data-id="n-0"]').click();
    await expect.poll(() => svg.locator('.mm-node').count()).toBeLessThan(nodes);
    await page.close();
  });

  it('downloads the map as an SVG file that parses', async () => {
    const page = await open(EVIDENCE_LESSON);
    const figure = await enhancedMap(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: 'Tải SVG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^so-do-chung-cu-.*\.svg$/);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        nodes: doc.querySelectorAll('.mm-node').length,
      };
    }, text);
    expect(parsed).toEqual({ error: null, root: 'svg', nodes: EVIDENCE_NODES });
    await page.close();
  });

  it('downloads the map as a non-empty PNG image', async () => {
    const page = await open(EVIDENCE_LESSON);
    const figure = await enhancedMap(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: 'Tải PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const png = await readFile(await download.path());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const svgWidth = Number(await figure.locator('.mindmap__view svg').getAttribute('width'));
    expect(width).toBe(svgWidth * 2);
    expect(png.length).toBeGreaterThan(20_000);
    // Not a blank canvas: the picture has dark pixels (text and lines) as well as white.
    const dark = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const blob = new Blob([bytes], { type: 'image/png' });
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 200) count += 1;
      return count;
    }, png.toString('base64'));
    expect(dark).toBeGreaterThan(5_000);
    await page.close();
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe violations with the map enhanced and its outline open', async () => {
    const page = await open(EVIDENCE_LESSON);
    const figure = await enhancedMap(page);
    await figure.getByText('Xem dạng dàn ý').click();
    const violations = await scanAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('shows the static map and, one click away, the outline with every item', async () => {
    const noJs = await newContext(site.browser, site.server.url, { javaScriptEnabled: false });
    try {
      const page = await open(EVIDENCE_LESSON, noJs);
      const figure = page.locator('figure[data-mindmap][data-variant="evidence"]');
      expect(await figure.locator('svg').isVisible()).toBe(true);
      expect(await figure.locator('svg .mm-node').count()).toBe(EVIDENCE_NODES);
      expect(await figure.getByRole('button', { name: 'Tải SVG' }).isVisible()).toBe(false);
      await figure.getByText('Xem dạng dàn ý').click();
      const items = figure.locator('.mindmap__tree li');
      expect(await items.count()).toBe(EVIDENCE_NODES);
      expect(await items.nth(1).isVisible()).toBe(true);
      const text = (await figure.locator('.mindmap__tree').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('Sự kiện cần chứng minh: Người lấy xe là bị can Nguyễn Văn A');
      expect(text).toContain('Tài liệu nguồn, bút lục: Kết luận của Hội đồng định giá tài sản, bút lục 70–71');
      await page.close();
    } finally {
      await noJs.close();
    }
  });
});

describe('page weight', () => {
  it('loads the mind-map script only on pages with a mind map', async () => {
    const scriptsOf = async (path: string) => {
      const page = await open(path);
      const srcs = await page.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
      await page.close();
      return srcs;
    };
    const withMap = await scriptsOf(EVIDENCE_LESSON);
    expect(withMap.filter((s) => s.includes('MindMap'))).toHaveLength(1);
    const withoutMap = await scriptsOf(PLAIN_LESSON);
    expect(withoutMap.filter((s) => s.includes('MindMap'))).toEqual([]);
  });
});
