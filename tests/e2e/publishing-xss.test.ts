// Known XSS payloads typed into every structured field, the Markdown body, an image's alt
// text and a file name of a seminar record and a best practice, published, then every page
// that shows them opened in Chromium with a tripwire: the payloads call window.__xss, any
// dialog is recorded, and the DOM is searched for markup that could run script. The CSP is
// bypassed in these pages, so the test is about the sanitising, not the second line of defence.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, waitForIslands } from '../support/browser';
import { DEMO_USERS } from '../support/server';
import { searchFor, submitLogin } from '../support/site';
import { sql } from '../integration/helpers/http';
import { act, pngBytes, recordIdOf, usePublishingSite, versionOf } from '../integration/helpers/publishing';

const site = usePublishingSite(['organiser', 'leader']);
let browser: Browser;
const UNIT = 'bo-phan-minh-hoa-a1';

/** Payloads; each calls the tripwire with the field it came through. */
const TEMPLATES: ((marker: string) => string)[] = [
  (m) => `<script>window.__xss('${m}')</script>`,
  (m) => `<img src=x onerror="window.__xss('${m}')">`,
  (m) => `"><img src=x onerror=window.__xss('${m}')>`,
  (m) => `'><svg onload=window.__xss('${m}')>`,
  (m) => `javascript:window.__xss('${m}')`,
  (m) => `[bấm vào đây](javascript:window.__xss('${m}'))`,
  (m) => `![ảnh](x" onerror="window.__xss('${m}'))`,
  (m) => `<a href="data:text/html,<script>window.__xss('${m}')</script>">tài liệu</a>`,
  (m) => `\u202e<iframe srcdoc="<script>parent.__xss('${m}')</script>"></iframe>`,
  (m) => `</textarea><script>window.__xss('${m}')</script>`,
  (m) => `</title><script>window.__xss('${m}')</script><title>`,
  (m) => `<details open ontoggle=window.__xss('${m}')>`,
  (m) => `&#60;script&#62;window.__xss('${m}')&#60;/script&#62;`,
  (m) => `{{constructor.constructor("window.__xss('${m}')")()}}`,
];
let next = 0;
/** A field value: a searchable marker, some Vietnamese text and the next payload. */
const evil = (field: string): string => `xsstest đường dây ${field} ${TEMPLATES[next++ % TEMPLATES.length]!(field)}`;

const BODY = [
  '## Mục <script>window.__xss("body-heading")</script>',
  ...TEMPLATES.map((t, i) => t(`body-${i}`)),
  '[liên kết](JaVaScRiPt:window.__xss("body-case"))',
  '[liên kết](&#106;avascript:window.__xss("body-entity"))',
  '[liên kết](java\tscript:window.__xss("body-tab"))',
  '[liên kết](ｊａｖａｓｃｒｉｐｔ:window.__xss("body-fullwidth"))',
  '[liên kết](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3MoJ2I2NCcpPC9zY3JpcHQ+)',
  '[liên kết][ref]\n\n[ref]: javascript:window.__xss("body-ref")',
  '![ảnh](javascript:window.__xss("body-img"))',
  '<https://example.org/"onmouseover="window.__xss(\'body-autolink\')>',
].join('\n\n');

function seminarFields(): Record<string, string | string[]> {
  return {
    title: evil('title'),
    summary: evil('summary'),
    date: '2026-05-05',
    datePrecision: 'day',
    hostUnit: UNIT,
    'chair.name': evil('chair.name'),
    'chair.position': evil('chair.position'),
    'chair.unit': UNIT,
    'participants.0.name': evil('participants.name'),
    'participants.0.role': evil('participants.role'),
    'participants.1.unit': UNIT,
    'participants.1.role': evil('participants.unit-role'),
    'basis.0.kind': evil('basis.kind'),
    'basis.0.number': evil('basis.number'),
    'basis.0.date': '2026-01-02',
    'basis.0.issuer': evil('basis.issuer'),
    'basis.0.title': evil('basis.title'),
    topics: ['so-hoa-ho-so'],
    'difficulties.0': evil('difficulties'),
    'solutions.0': evil('solutions'),
    'conclusions.0': evil('conclusions'),
    'followUps.0.action': evil('followUps.action'),
    'followUps.0.owner': evil('followUps.owner'),
    relatedLessons: ['chuan-bi-so-hoa-ho-so'],
    body: BODY,
  };
}

function practiceFields(): Record<string, string | string[]> {
  return {
    title: evil('p.title'),
    summary: evil('p.summary'),
    unit: UNIT,
    'period.from': '2025-01-01',
    'period.to': '2025-12-31',
    fields: ['hinh-su'],
    topics: ['so-do-tu-duy'],
    'results.0.value': '7',
    'results.0.label': evil('p.results.label'),
    'results.0.unit': evil('p.results.unit'),
    'difficulties.0': evil('p.difficulties'),
    'howToReplicate.0': evil('p.howToReplicate'),
    'author.name': evil('p.author.name'),
    'author.position': evil('p.author.position'),
    body: BODY,
  };
}

let seminarId: string;
let practiceId: string;
let seminarUrl: string;
let practiceUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();

  const seminar = seminarFields();
  seminarId = recordIdOf(await site.organiser.post('/bien-tap/toa-dam/moi/', { ...seminar, intent: 'save' }));
  // A photo whose alt text and file name are payloads too.
  const form = new FormData();
  for (const [k, v] of Object.entries(seminar)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  form.append('version', await versionOf(site.server.databaseUrl, seminarId));
  form.append('intent', 'upload');
  form.append('uploadAlt', evil('alt'));
  form.append(
    'upload',
    new File([new Uint8Array(await pngBytes())], `"><img src=x onerror=window.__xss('filename')>.png`, {
      type: 'image/png',
    }),
  );
  const uploaded = await site.organiser.post(`/bien-tap/ban-ghi/${seminarId}/`, form);
  expect(uploaded.status, await uploaded.clone().text()).toBe(303);
  const attachment = String(
    (await sql(site.server.databaseUrl, 'SELECT id FROM record_attachments WHERE record_id = ?', [seminarId])).rows[0]
      ?.id,
  );
  const withImage = { ...seminar, body: `${BODY}\n\n![${evil('inline-alt')}](/tep/${attachment}/)` };
  expect((await act(site.server, site.organiser, seminarId, 'submit', withImage)).status).toBe(303);
  expect((await act(site.server, site.leader, seminarId, 'publish', withImage)).status).toBe(303);

  const practice = practiceFields();
  practiceId = recordIdOf(await site.organiser.post('/bien-tap/cach-lam-hay/moi/', { ...practice, intent: 'submit' }));
  expect((await act(site.server, site.leader, practiceId, 'publish', practice)).status).toBe(303);

  const slugs = await sql(site.server.databaseUrl, 'SELECT id, slug FROM records WHERE id IN (?, ?)', [
    seminarId,
    practiceId,
  ]);
  const slugOf = (id: string) => String(slugs.rows.find((r) => r.id === id)?.slug);
  seminarUrl = `/toa-dam/${slugOf(seminarId)}/`;
  practiceUrl = `/cach-lam-hay/${slugOf(practiceId)}/`;
});

afterAll(async () => {
  await browser?.close();
});

type Trap = { context: BrowserContext; calls: string[]; dialogs: string[] };

/** A browser context whose pages report any call of the tripwire and any dialog. */
async function trappedContext(username?: string): Promise<Trap> {
  // The site's CSP would block inline handlers anyway; bypass it so that the test checks the
  // sanitising itself: a payload that got through would really run here.
  const context = await newContext(browser, site.server.url, { bypassCSP: true });
  const calls: string[] = [];
  const dialogs: string[] = [];
  await context.exposeFunction('__xssReport', (marker: string) => calls.push(marker));
  await context.addInitScript(() => {
    const report = (window as unknown as { __xssReport: (m: string) => void }).__xssReport;
    Object.defineProperty(window, '__xss', { value: (m: string) => report(String(m)), configurable: false });
    window.alert = (m?: unknown) => report(`alert:${String(m)}`);
  });
  context.on('page', (page) => page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
  if (username) {
    const page = await context.newPage();
    await submitLogin(page, username);
    await page.close();
  }
  return { context, calls, dialogs };
}

/** Markup in the page that could run script, found in the live DOM. */
async function dangerousMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const main = document.querySelector('main') ?? document.body;
    for (const el of main.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'object', 'embed', 'frame', 'svg', 'math', 'base', 'meta', 'link'].includes(tag))
        found.push(`element:${tag}`);
      // Astro's own island scripts and styles live in main; payloads would carry the tripwire.
      if ((tag === 'script' || tag === 'style') && /__xss|javascript:/i.test(el.textContent ?? ''))
        found.push(`${tag}:payload`);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name) || attr.name === 'srcdoc' || attr.name === 'formaction')
          found.push(`attr:${tag}.${attr.name}`);
        if (['href', 'src', 'action', 'xlink:href'].includes(attr.name)) {
          // eslint-disable-next-line no-control-regex
          const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (/^(javascript|data|vbscript):/.test(value))
            found.push(`url:${tag}.${attr.name}=${attr.value.slice(0, 40)}`);
        }
      }
    }
    // A title showing the payload as text is fine; a second <title> or a script in head is not.
    if (document.querySelectorAll('title').length !== 1) found.push('head:title');
    return found;
  });
}

/** Opens a page, lets it run (islands, lazy images), interacts a little and checks it. */
async function visit(trap: Trap, path: string): Promise<string[]> {
  const page = await trap.context.newPage();
  const response = await page.goto(path, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  await waitForIslands(page);
  await page.mouse.wheel(0, 20_000);
  // Hover and focus every element of the content: handlers, if any, would fire.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('main *')) {
      for (const type of ['mouseover', 'focus', 'toggle', 'animationstart'])
        el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  });
  await page.waitForTimeout(300);
  const problems = await dangerousMarkup(page);
  await page.close();
  return problems;
}

describe('XSS payloads in every field of published records', () => {
  it('run nowhere on the public pages, lists, unit page and search results', async () => {
    const trap = await trappedContext();
    const problems: Record<string, string[]> = {};
    for (const path of [
      seminarUrl,
      practiceUrl,
      '/toa-dam/',
      '/cach-lam-hay/',
      `/don-vi/${UNIT}/`,
      '/toa-dam/?don-vi=don-vi-minh-hoa-a',
    ]) {
      const found = await visit(trap, path);
      if (found.length > 0) problems[path] = found;
    }
    const search = await trap.context.newPage();
    await search.goto('/tim-kiem/');
    const hrefs = await searchFor(search, 'xsstest duong day');
    expect(hrefs).toEqual(expect.arrayContaining([seminarUrl, practiceUrl]));
    await search.waitForTimeout(300);
    const searchProblems = await dangerousMarkup(search);
    if (searchProblems.length > 0) problems['/tim-kiem/'] = searchProblems;
    expect(problems).toEqual({});
    expect(trap.calls).toEqual([]);
    expect(trap.dialogs).toEqual([]);
    await trap.context.close();
  });

  it('shows the payloads as text, not as markup', async () => {
    const trap = await trappedContext();
    const page = await trap.context.newPage();
    await page.goto(seminarUrl);
    const text = await page.getByRole('main').innerText();
    expect(text).toContain("<script>window.__xss('conclusions')</script>".slice(0, 20));
    expect(await page.locator('main img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/tep\/a[a-z0-9]+\/$/)]),
    );
    expect(
      await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).not.toContainEqual(expect.stringMatching(/^\s*(javascript|data|vbscript):/i));
    await trap.context.close();
  });

  it('run nowhere in the editing area: editors, previews and the review queue', async () => {
    const trap = await trappedContext(DEMO_USERS.leader);
    const problems: Record<string, string[]> = {};
    for (const path of [
      `/bien-tap/ban-ghi/${seminarId}/`,
      `/bien-tap/ban-ghi/${seminarId}/xem/`,
      `/bien-tap/ban-ghi/${practiceId}/`,
      `/bien-tap/ban-ghi/${practiceId}/xem/`,
      '/bien-tap/duyet/',
    ]) {
      const found = await visit(trap, path);
      if (found.length > 0) problems[path] = found;
    }
    // The live preview renders what the server sanitised.
    const editor = await trap.context.newPage();
    await editor.goto(`/bien-tap/ban-ghi/${seminarId}/`);
    await waitForIslands(editor);
    await editor.getByLabel('Nội dung chi tiết (Markdown, không bắt buộc)').fill(`${BODY}\n\nxong`);
    await editor.getByRole('region', { name: 'Xem trước nội dung chi tiết' }).getByText('xong').waitFor();
    const previewProblems = await dangerousMarkup(editor);
    if (previewProblems.length > 0) problems.preview = previewProblems;
    expect(problems).toEqual({});
    expect(trap.calls).toEqual([]);
    expect(trap.dialogs).toEqual([]);
    await trap.context.close();
  });

  it('would have been caught: the tripwire reports a payload that does run', async () => {
    const trap = await trappedContext();
    const page = await trap.context.newPage();
    await page.goto('/tim-kiem/');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('onerror', "window.__xss('control')");
      img.src = 'data:,x';
      document.querySelector('main')?.append(img);
    });
    await page.waitForTimeout(300);
    expect(trap.calls).toEqual(['control']);
    expect(await dangerousMarkup(page)).toContain('attr:img.onerror');
    await trap.context.close();
  });
});
