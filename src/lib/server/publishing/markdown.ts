/**
 * Markdown of records written in the browser → safe HTML (docs/decisions/061).
 *
 * Two layers, each enough on its own for the common attacks:
 * 1. markdown-it with `html: false` (raw HTML is shown as text) and a link policy
 *    (`linkKind`): only http, https, mailto and same-site relative links; images only
 *    from the record's own attachments (/tep/<id>/);
 * 2. sanitize-html over the result with an allow-list of tags, attributes, schemes and
 *    styles, which also adds rel="noopener noreferrer nofollow" to external links.
 */
import MarkdownIt, { type MarkdownIt as MarkdownParser, type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/* eslint-disable no-control-regex, no-misleading-character-class -- a list of invisible characters. */
/** Characters that have no business in a URL and are used to hide schemes from filters. */
const INVISIBLE =
  /[\u0000-\u0020\u007F-\u00A0\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFEFF\uFFA0\uFFF0-\uFFFF]/u;
/* eslint-enable no-control-regex, no-misleading-character-class */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
/** Images may only show the record's attachments. */
export const ATTACHMENT_SRC = /^\/tep\/[a-z0-9]{8,40}\/(?:goc\/)?$/;

/**
 * How a link target may be used: "external" (http, https, mailto), "local" (a path on this
 * site, a fragment or a query), or null when it is refused (javascript:, data:, vbscript:,
 * file:, protocol-relative //host, backslash tricks, invisible or control characters, any
 * other scheme, and anything with a colon before its first slash that is not an allowed scheme).
 * @param url the link target as written
 */
export function linkKind(url: string): 'external' | 'local' | null {
  const trimmed = url.trim();
  if (trimmed === '' || INVISIBLE.test(trimmed)) return null;
  const scheme = SCHEME.exec(trimmed);
  if (scheme) return ALLOWED_SCHEMES.has((scheme[1] ?? '').toLowerCase()) ? 'external' : null;
  if (/^[/\\]{2}/.test(trimmed) || trimmed.includes('\\')) return null;
  const firstSegment = trimmed.split(/[/?#]/, 1)[0] ?? '';
  if (firstSegment.includes(':') || /&#|&colon;/i.test(firstSegment)) return null;
  return 'local';
}

function createMarkdown(): MarkdownParser {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.validateLink = (url) => linkKind(url) !== null;
  // linkify turns bare "www.x" into links too; keep them to http(s) only.
  md.linkify.set({ fuzzyEmail: false });
  return md;
}

const md = createMarkdown();

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'hr',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'loading', 'decoding'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[a-z0-9-]{1,30}$/] },
  // No style attributes: the site's Content-Security-Policy forbids inline styles.
  allowedStyles: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page already has its h1; a "# heading" in the body becomes a section heading.
    h1: 'h2',
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const kind = linkKind(href);
      if (kind === null) return { tagName: 'span', attribs: {} };
      const external = kind === 'external' && /^https?:/i.test(href.trim());
      return {
        tagName,
        attribs: {
          href,
          ...(attribs.title ? { title: attribs.title } : {}),
          ...(external ? { rel: 'noopener noreferrer nofollow' } : {}),
        },
      };
    },
    img: (tagName, attribs) => ({
      tagName,
      attribs: {
        src: attribs.src ?? '',
        alt: attribs.alt ?? '',
        ...(attribs.title ? { title: attribs.title } : {}),
        loading: 'lazy',
        decoding: 'async',
      },
    }),
  },
  // An image that is not one of the record's attachments is dropped.
  exclusiveFilter: (frame) => frame.tag === 'img' && !ATTACHMENT_SRC.test(frame.attribs.src ?? ''),
};

/**
 * Sanitises HTML with the records' allow-list (used on markdown-it's output, and usable on
 * any HTML that must be shown from a record).
 * @param html untrusted HTML
 */
export function sanitizeRecordHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/**
 * Renders a record's Markdown body to HTML that is safe to insert into a page.
 * @param markdown the body as written by its author
 */
export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return '';
  return sanitizeRecordHtml(md.render(markdown));
}

/**
 * The plain text of a Markdown body (for the search index and summaries): the words a
 * reader sees, without markup, link targets or image sources.
 * @param markdown the body
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      if (token.children) walk(token.children);
      else if (token.type === 'text' || token.type === 'code_inline') out.push(token.content);
      else if (token.type === 'fence' || token.type === 'code_block') out.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak') out.push(' ');
      if (token.type === 'paragraph_close' || token.type === 'heading_close' || token.type === 'list_item_close')
        out.push('\n');
    }
  };
  walk(md.parse(markdown, {}));
  return out
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
