// What tests/integration/server-headers.test.ts does not cover: HSTS as production sends it
// (an https SITE_URL, no HSTS switch), and the security headers and script policy on answers
// other than pages: redirects, refusals, JSON, 405, server islands and pages for a signed-in
// person. Read from the built production server's responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startServer, type TestServer } from '../support/server';
import { LESSON_1 } from '../support/site';
import { loginAs, type HttpClient } from './helpers/http';

function cspOf(response: Response): string[] {
  const value = response.headers.get('content-security-policy');
  // Fetch joins repeated headers with ", ".
  return value ? value.split(/,\s*(?=[a-z-]+ )/) : [];
}

function metaCsp(html: string): string | undefined {
  return /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1]?.replaceAll('&#39;', "'");
}

/** The headers every answer must carry, whatever produced it. */
function expectHardened(response: Response, label: string): void {
  const policies = cspOf(response).join('; ');
  expect(policies, `${label}: frame-ancestors`).toContain("frame-ancestors 'none'");
  expect(policies, `${label}: no unsafe-inline`).not.toContain("'unsafe-inline'");
  expect(response.headers.get('x-frame-options'), label).toBe('DENY');
  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), label).toBe('strict-origin-when-cross-origin');
}

let server: TestServer;
let learner: HttpClient;

beforeAll(async () => {
  server = await startServer();
  learner = await loginAs(server.url, DEMO_USERS.learner);
});
afterAll(() => server?.stop());

describe('security headers beyond pages', () => {
  it('are on redirects, refusals, JSON answers, 405s and server islands', async () => {
    const anonymous = await fetch(`${server.url}/tai-khoan/`, { redirect: 'manual' });
    expectHardened(anonymous, 'page refused to an anonymous visitor');

    const csrf = await fetch(`${server.url}/tien-do/hoan-thanh`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'lesson=x',
    });
    expect(csrf.status).toBe(403);
    expectHardened(csrf, 'cross-site POST refused');

    const json = await fetch(`${server.url}/api/quiz/save`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(401);
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    expectHardened(json, 'JSON refusal');

    const wrongMethod = await fetch(`${server.url}/tien-do/hoan-thanh`);
    expect(wrongMethod.status).toBe(405);
    expectHardened(wrongMethod, '405');

    const done = await learner.post('/tien-do/hoan-thanh', { lesson: LESSON_1.split('/').at(-2)! });
    expect(done.status).toBe(303);
    expectHardened(done, 'redirect after a form post');

    const island = await learner.get('/_server-islands/AccountMenu');
    expect(island.status).toBeLessThan(500);
    expectHardened(island, 'server island');
  });

  it('give pages of a signed-in person a script policy without unsafe-inline, framing refused by header', async () => {
    for (const path of ['/tai-khoan/', '/hoc-tap-cua-toi/']) {
      const response = await learner.get(path);
      expect(response.status, path).toBe(200);
      expectHardened(response, path);
      // Server-rendered pages carry Astro's policy as a header, prerendered ones as a <meta>.
      const policies = [...cspOf(response), metaCsp(await response.text()) ?? ''].join(';');
      const scripts = policies.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scripts, path).toMatch(/script-src 'self'/);
      expect(scripts, path).not.toContain("'unsafe-inline'");
    }
  });
});

describe('HSTS in production', () => {
  it('is sent for a year when the public address is https, without any HSTS switch', async () => {
    const production = await startServer({ env: { SITE_URL: 'https://taphuanso.example.vn' } });
    try {
      for (const path of ['/', '/toa-dam/', '/trang-khong-co/']) {
        const response = await fetch(`${production.url}${path}`, { redirect: 'manual' });
        const value = response.headers.get('strict-transport-security') ?? '';
        expect(Number(/max-age=(\d+)/.exec(value)?.[1]), path).toBeGreaterThanOrEqual(31_536_000);
        expectHardened(response, `production ${path}`);
      }
    } finally {
      await production.stop();
    }
  });
});
