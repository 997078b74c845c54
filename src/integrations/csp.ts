import { createHash } from 'node:crypto';
import { generateHydrationScript } from 'solid-js/web';
import type { AstroUserConfig } from 'astro';

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;
type CspHash = NonNullable<NonNullable<CspConfig['scriptDirective']>['hashes']>[number] & string;

/**
 * Directives every page carries in its CSP `<meta>` besides Astro's script-src/style-src.
 * The production server (scripts/serve.mjs) also sends `frame-ancestors`, which browsers
 * ignore in a `<meta>`, and repeats the navigation directives as a header.
 */
export const CSP_META_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // Pagefind may run its search in a worker; keep workers same-origin (and blob: for
  // libraries that build a worker from a string).
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/**
 * SHA-256 source of the inline script Solid puts before its first island. Astro hashes the
 * scripts it emits itself but not this one (see STACK-NOTES), so without it no Solid island
 * hydrates under CSP.
 * @param html what `generateHydrationScript()` returns: `<script>…</script>` plus markers
 */
export function inlineScriptHash(html: string): CspHash {
  const match = /<script[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('Solid hydration script not found: cannot hash it for CSP.');
  return `sha256-${createHash('sha256')
    .update(match[1] ?? '', 'utf8')
    .digest('base64')}`;
}

/**
 * Astro `security.csp` for the site: scripts only from our origin or by hash (never
 * 'unsafe-inline'), plus 'wasm-unsafe-eval' so that Pagefind can compile its WebAssembly.
 * Styles keep Astro's default (`'self'` and hashes of the inline styles Astro emits).
 */
export function contentSecurityPolicy(): CspConfig {
  return {
    algorithm: 'SHA-256',
    directives: [...CSP_META_DIRECTIVES],
    scriptDirective: {
      resources: ["'self'", "'wasm-unsafe-eval'"],
      hashes: [inlineScriptHash(generateHydrationScript())],
    },
  };
}
