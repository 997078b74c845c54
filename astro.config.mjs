// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import solid from '@astrojs/solid-js';
import node from '@astrojs/node';
import { contentReferences } from './src/integrations/content-references';
import { contentSecurityPolicy } from './src/integrations/csp';
import { pagefindIndex } from './src/integrations/pagefind';

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), solid(), contentReferences(), pagefindIndex()],
  // Sessions live in our own database (src/lib/server/session.ts), not Astro's file store.
  session: false,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 4321) },
  prefetch: false,
  // Hash-based CSP <meta> on every page; scripts/serve.mjs adds the header-only directives.
  // src/middleware.ts refuses every cross-origin state change (forms and JSON alike) with a
  // Vietnamese page; Astro's own check covers only form content types and answers in English.
  security: { csp: contentSecurityPolicy(), checkOrigin: false },
  // Shiki colours code blocks with style attributes, which that CSP blocks; global.css styles <pre>.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
});
