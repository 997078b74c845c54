import { describe, expect, it } from 'vitest';
import {
  cacheControlFor,
  HEADER_CSP,
  IMMUTABLE,
  REVALIDATE,
  securityHeaders,
  wantsHsts,
} from '../../scripts/lib/production-server.mjs';
import { inlineScriptHash } from '../../src/integrations/csp';

describe('wantsHsts', () => {
  it('is on for an HTTPS site address and off for plain HTTP', () => {
    expect(wantsHsts({ SITE_URL: 'https://taphuan.vks.gov.vn' })).toBe(true);
    expect(wantsHsts({ SITE_URL: 'HTTPS://taphuan.vks.gov.vn' })).toBe(true);
    expect(wantsHsts({ SITE_URL: 'http://localhost:4321' })).toBe(false);
    expect(wantsHsts({})).toBe(false);
  });

  it('follows HSTS=1 and HSTS=0 whatever the site address', () => {
    expect(wantsHsts({ SITE_URL: 'http://10.0.0.5', HSTS: '1' })).toBe(true);
    expect(wantsHsts({ SITE_URL: 'https://taphuan.vks.gov.vn', HSTS: '0' })).toBe(false);
  });
});

describe('securityHeaders', () => {
  it('adds Strict-Transport-Security only when asked', () => {
    const names = (hsts: boolean) => securityHeaders({ hsts }).map(([name]) => name);
    expect(names(false)).not.toContain('Strict-Transport-Security');
    expect(names(true)).toContain('Strict-Transport-Security');
  });

  it('forbids framing and plugins in the header policy', () => {
    expect(HEADER_CSP).toContain("frame-ancestors 'none'");
    expect(HEADER_CSP).toContain("object-src 'none'");
    expect(HEADER_CSP).not.toContain('script-src');
  });
});

describe('cacheControlFor', () => {
  const html = 'text/html; charset=utf-8';

  it('makes hashed assets immutable only when they were found', () => {
    const asset = { pathname: '/_astro/global.CRl8knl8.css', contentType: 'text/css', current: 'public, max-age=0' };
    expect(cacheControlFor({ ...asset, status: 200 })).toBe(IMMUTABLE);
    expect(cacheControlFor({ ...asset, status: 304 })).toBe(IMMUTABLE);
    expect(cacheControlFor({ ...asset, status: 404, contentType: html, current: undefined })).toBe(REVALIDATE);
  });

  it('keeps a policy the application chose', () => {
    expect(
      cacheControlFor({ pathname: '/tai-khoan/', status: 200, contentType: html, current: 'private, no-store' }),
    ).toBe('private, no-store');
  });

  it('makes HTML and the search index revalidate, and leaves other files alone', () => {
    expect(cacheControlFor({ pathname: '/', status: 200, contentType: html, current: 'public, max-age=0' })).toBe(
      REVALIDATE,
    );
    expect(cacheControlFor({ pathname: '/toa-dam/', status: 200, contentType: 'text/html', current: undefined })).toBe(
      REVALIDATE,
    );
    expect(
      cacheControlFor({
        pathname: '/pagefind/pagefind-entry.json',
        status: 200,
        contentType: 'application/json',
        current: 'public, max-age=0',
      }),
    ).toBe(REVALIDATE);
    expect(
      cacheControlFor({
        pathname: '/images/a.svg',
        status: 200,
        contentType: 'image/svg+xml',
        current: 'public, max-age=0',
      }),
    ).toBe('public, max-age=0');
  });
});

describe('inlineScriptHash', () => {
  it('hashes the script body the way browsers check it', () => {
    // sha256 of "alert(1)", as listed by Chromium's CSP violation messages.
    expect(inlineScriptHash('<script>alert(1)</script><!--xs-->')).toBe(
      'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=',
    );
  });

  it('refuses markup without a script', () => {
    expect(() => inlineScriptHash('<!--xs-->')).toThrow(/hydration script/);
  });
});
