/**
 * A small HTML tokenizer for the trusted HTML that Astro renders from MDX at build time
 * (mind-map outlines, slide splitting). It is not a general HTML parser: it recognises
 * tags, text, comments and raw-text elements, which is all that rendered Markdown needs.
 */

/** One piece of an HTML string, with its exact source text in `raw`. */
export type HtmlToken =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean; raw: string }
  | { type: 'close'; name: string; raw: string }
  | { type: 'text'; raw: string }
  | { type: 'other'; raw: string };

/** Elements that never have content or a closing tag. */
// prettier-ignore
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

/** Elements whose content is raw text up to their closing tag. */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title']);

const TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Splits an HTML string into tokens. Concatenating every token's `raw` gives back the input.
 * @param html HTML produced by Astro or Markdown
 */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) tokens.push({ type: 'text', raw: html.slice(textStart, end) });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      const stop = end === -1 ? html.length : end + 3;
      flushText(lt);
      tokens.push({ type: 'other', raw: html.slice(lt, stop) });
      i = textStart = stop;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const end = html.indexOf('>', lt);
      const stop = end === -1 ? html.length : end + 1;
      flushText(lt);
      tokens.push({ type: 'other', raw: html.slice(lt, stop) });
      i = textStart = stop;
      continue;
    }
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (!match) {
      // A stray "<" is text.
      i = lt + 1;
      continue;
    }
    flushText(lt);
    const raw = match[0];
    const name = match[1].toLowerCase();
    i = textStart = lt + raw.length;
    if (raw.startsWith('</')) {
      tokens.push({ type: 'close', name, raw });
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of match[2].matchAll(ATTR)) {
      attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    const selfClosing = match[3] === '/' || VOID_ELEMENTS.has(name);
    tokens.push({ type: 'open', name, attrs, selfClosing, raw });
    if (RAW_TEXT_ELEMENTS.has(name) && !selfClosing) {
      const closeAt = html.toLowerCase().indexOf(`</${name}`, i);
      const stop = closeAt === -1 ? html.length : closeAt;
      if (stop > i) tokens.push({ type: 'text', raw: html.slice(i, stop) });
      i = textStart = stop;
    }
  }
  flushText(html.length);
  return tokens;
}

// prettier-ignore
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·',
};

/**
 * Decodes character references (`&amp;`, `&#8211;`, `&#x2013;` and the common named ones).
 * @param text HTML text or attribute value
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/**
 * Escapes text for use in XML or HTML text and double-quoted attribute values.
 * @param text plain text
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
