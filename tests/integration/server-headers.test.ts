// Security headers, cache policy and compression of the production server (scripts/serve.mjs)
// serving the real build, checked on the wire with node:http (fetch would negotiate and
// decode compression by itself).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { generateHydrationScript } from 'solid-js/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHash } from '../../src/integrations/csp';
import { DEMO_USERS, distDir, freePort, startServer, type TestServer } from '../support/server';
import { LESSON_1, MISSING } from '../support/site';
import { loginAs } from './helpers/http';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Bytes as they crossed the wire (still compressed). */
  raw: Buffer;
  /** The body after undoing Content-Encoding. */
  text: string;
}

/** GET with exactly the given request headers; nothing is added or decoded behind our back. */
function get(base: string, pathname: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(pathname, base), { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every Content-Security-Policy the response carries (header or headers). */
function cspHeaders(headers: IncomingHttpHeaders): string[] {
  const value = headers['content-security-policy'];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The `content` of the page's CSP `<meta>`, if any (HTML-unescaped enough for quotes). */
function cspMeta(html: string): string | undefined {
  const match = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
  return match?.[1]?.replaceAll('&#39;', "'").replaceAll('&quot;', '"');
}

/** The script-src directive of a policy, or undefined when it has none. */
function scriptSrc(policy: string): string | undefined {
  return policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src '));
}

const HEADER_DIRECTIVES = ["frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'", "form-action 'self'"];

function expectSecurityHeaders(response: RawResponse, label: string): void {
  const { headers } = response;
  const policies = cspHeaders(headers).join(', ');
  for (const directive of HEADER_DIRECTIVES) expect(policies, `${label}: CSP ${directive}`).toContain(directive);
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], label).toMatch(/camera=\(\)/);
  expect(headers['permissions-policy'], label).toMatch(/geolocation=\(\)/);
  expect(headers['cross-origin-opener-policy'], label).toBe('same-origin');
}

let server: TestServer;
/** Build-dependent URLs, found in the build rather than hard-coded (names carry hashes). */
let css: string;
let js: string;
let fragment: string;

beforeAll(async () => {
  server = await startServer();
  const home = await get(server.url, '/');
  css = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(home.text)?.[1] ?? '';
  const search = await get(server.url, '/tim-kiem/');
  js = /<script type="module" src="(\/_astro\/[^"]+\.js)"/.exec(search.text)?.[1] ?? '';
  const fragments = readdirSync(path.join(distDir, 'client', 'pagefind', 'fragment'));
  fragment = `/pagefind/fragment/${fragments[0]}`;
  expect(css, 'home page links a stylesheet under /_astro/').not.toBe('');
  expect(js, 'search page loads a module under /_astro/').not.toBe('');
});
afterAll(() => server?.stop());

describe('security headers', () => {
  it('are sent on a prerendered page, a server-rendered page, assets, the search index and the 404', async () => {
    const paths = [
      '/',
      LESSON_1,
      '/toa-dam/',
      css,
      js,
      '/images/xet-xu-truc-tuyen-diem-cau.svg',
      '/pagefind/pagefind.js',
      MISSING,
    ];
    for (const pathname of paths) {
      const response = await get(server.url, pathname, { 'accept-encoding': 'br, gzip' });
      expect(response.status, pathname).toBe(pathname === MISSING ? 404 : 200);
      expectSecurityHeaders(response, pathname);
    }
  });

  it('leave out Strict-Transport-Security on plain HTTP', async () => {
    for (const pathname of ['/', '/toa-dam/', css, MISSING]) {
      expect((await get(server.url, pathname)).headers['strict-transport-security'], pathname).toBeUndefined();
    }
  });

  it('include Strict-Transport-Security for a year when HSTS=1', async () => {
    const hsts = await startServer({ env: { HSTS: '1' } });
    try {
      for (const pathname of ['/', '/toa-dam/', css, MISSING]) {
        const value = (await get(hsts.url, pathname)).headers['strict-transport-security'] ?? '';
        expect(Number(/max-age=(\d+)/.exec(value)?.[1]), pathname).toBeGreaterThanOrEqual(31_536_000);
      }
    } finally {
      await hsts.stop();
    }
  });
});

describe('content security policy', () => {
  it('lets prerendered pages run scripts only from the site or by hash, Solid’s hydration script included', async () => {
    for (const pathname of ['/', LESSON_1, '/tim-kiem/', MISSING]) {
      const meta = cspMeta((await get(server.url, pathname)).text);
      expect(meta, `${pathname} has a CSP meta`).toBeDefined();
      const scripts = scriptSrc(meta ?? '') ?? '';
      expect(scripts, pathname).toMatch(/^script-src 'self'/);
      expect(scripts, pathname).not.toContain("'unsafe-inline'");
      expect(scripts, pathname).not.toContain("'unsafe-eval'");
      expect(scripts, pathname).toContain("'wasm-unsafe-eval'");
      expect(scripts, pathname).toContain(`'${inlineScriptHash(generateHydrationScript())}'`);
      expect(meta, pathname).not.toMatch(/style-src[^;]*'unsafe-inline'/);
    }
  });

  it('gives server-rendered pages a script policy without unsafe-inline as well', async () => {
    const response = await get(server.url, '/toa-dam/');
    const policies = [...cspHeaders(response.headers), cspMeta(response.text) ?? ''];
    const scripts = policies.map(scriptSrc).filter((s): s is string => s !== undefined);
    expect(scripts.length).toBeGreaterThan(0);
    for (const directive of scripts) expect(directive).not.toContain("'unsafe-inline'");
  });
});

describe('cache policy', () => {
  it('marks hashed build assets immutable for a year', async () => {
    for (const pathname of [css, js]) {
      expect((await get(server.url, pathname)).headers['cache-control'], pathname).toBe(
        'public, max-age=31536000, immutable',
      );
    }
  });

  it('makes HTML and the search index revalidate, and never marks a missing asset immutable', async () => {
    for (const pathname of ['/', LESSON_1, '/toa-dam/', MISSING, '/_astro/khong-co.js', '/pagefind/pagefind.js']) {
      expect((await get(server.url, pathname)).headers['cache-control'], pathname).toBe('no-cache');
    }
  });

  it('keeps the private, no-store policy of pages shown to a signed-in person', async () => {
    const learner = await loginAs(server.url, DEMO_USERS.learner);
    const response = await learner.get('/tai-khoan/');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers a revalidation of an unchanged page with 304', async () => {
    const first = await get(server.url, LESSON_1);
    const etag = String(first.headers.etag ?? '');
    expect(etag).not.toBe('');
    const again = await get(server.url, LESSON_1, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('compression', () => {
  const kinds = () => [
    { label: 'prerendered HTML', pathname: '/' },
    { label: 'server-rendered HTML', pathname: '/toa-dam/' },
    { label: 'CSS', pathname: css },
    { label: 'JS', pathname: js },
  ];

  it('sends brotli when the browser accepts it, with the same content as uncompressed', async () => {
    for (const { label, pathname } of kinds()) {
      const plain = await get(server.url, pathname);
      const br = await get(server.url, pathname, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(br.headers['content-encoding'], label).toBe('br');
      expect(br.headers.vary, label).toMatch(/accept-encoding/i);
      expect(br.raw.length, label).toBeLessThan(plain.raw.length);
      expect(br.text, label).toBe(plain.text);
    }
  });

  it('falls back to gzip when brotli is not accepted', async () => {
    for (const { label, pathname } of kinds()) {
      const gzip = await get(server.url, pathname, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding'], label).toBe('gzip');
      expect(gzip.text, label).toMatch(label.includes('HTML') ? /<\/html>\s*$/ : /\S/);
    }
  });

  it('sends the body as it is when no encoding is asked for', async () => {
    for (const { label, pathname } of kinds()) {
      const plain = await get(server.url, pathname);
      expect(plain.headers['content-encoding'], label).toBeUndefined();
      expect(plain.raw.length, label).toBeGreaterThan(1024);
    }
  });

  it('streams server-rendered pages compressed in chunks that decode to the whole page', async () => {
    const response = await get(server.url, '/toa-dam/', { 'accept-encoding': 'br' });
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.text).toMatch(/^<!DOCTYPE html>/i);
    expect(response.text).toMatch(/<\/html>\s*$/);
  });

  it('leaves tiny bodies and already-compressed search index files alone', async () => {
    const entry = path.join(distDir, 'client', 'pagefind', 'pagefind-entry.json');
    expect(statSync(entry).size).toBeLessThan(1024);
    const small = await get(server.url, '/pagefind/pagefind-entry.json', { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();

    const packed = await get(server.url, fragment, { 'accept-encoding': 'br, gzip' });
    expect(packed.status).toBe(200);
    expect(packed.raw.length).toBeGreaterThan(1024);
    expect(packed.headers['content-encoding']).toBeUndefined();
  });
});

describe('the adapter’s own entry point', () => {
  it('still serves the build with `node dist/server/entry.mjs`', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(distDir, 'server', 'entry.mjs')], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: server.databaseUrl },
      stdio: 'ignore',
    });
    try {
      let status = 0;
      for (let attempt = 0; attempt < 100 && status === 0; attempt++) {
        status = await get(`http://127.0.0.1:${port}`, '/')
          .then((r) => r.status)
          .catch(async () => {
            await new Promise((r) => setTimeout(r, 100));
            return 0;
          });
      }
      expect(status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
