import { decodeEntities, tokenizeHtml, type HtmlToken } from '../mindmap/html-tokens';

/** One slide cut from a page's rendered content. */
export interface SlidePart {
  /** Text of the section's `##` heading (for a continuation, the heading it continues). */
  heading: string | undefined;
  /** True for a slide that starts inside a section (a slide break, or around a mind map). */
  continued: boolean;
  /** True for a slide whose main content is a mind map, which then gets the whole screen. */
  mindmap: boolean;
  /** The slide's HTML, speaker notes removed. */
  html: string;
  /** Inner HTML of the speaker notes found on this slide, in order. */
  notes: string[];
}

const hasAttr = (token: HtmlToken | undefined, name: string): boolean => token?.type === 'open' && name in token.attrs;

/**
 * Cuts rendered page content into slides: a new slide at every top-level `<h2>` and at every
 * top-level slide break (`data-slide-break`), which is itself dropped. A top-level mind map
 * (`data-mindmap`) gets a slide of its own (sharing it only with its section's heading), so
 * it can fill the screen. Speaker notes (`data-speaker-notes`, at any depth) are taken out
 * of the slide and returned separately; notes written just before a mind map go with the map's
 * slide. Content before the first heading becomes a slide of
 * its own. Slides with nothing to show are dropped; a script alone joins the slide before.
 * @param html the HTML of the rendered MDX content
 */
export function splitSlides(html: string): SlidePart[] {
  const tokens = tokenizeHtml(html);
  const parts: SlidePart[] = [];
  let current = part(undefined, false);
  let depth = 0;
  let lastHeading: string | undefined;
  // Where in the current slide's HTML each of its notes was found.
  let noteOffsets: number[] = [];

  const flush = (next: SlidePart) => {
    if (isVisible(current.html) || current.notes.length > 0) parts.push(current);
    else if (current.html.trim() !== '') {
      // Only scripts (or comments): keep them on the page, on the previous slide.
      const previous = parts.at(-1);
      if (previous) previous.html += current.html;
      else next.html = current.html + next.html;
    }
    current = next;
    noteOffsets = [];
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (hasAttr(token, 'data-speaker-notes')) {
      const end = matchingClose(tokens, i);
      const inner = rawOf(tokens.slice(i + 1, end)).trim();
      if (inner !== '') {
        current.notes.push(inner);
        noteOffsets.push(current.html.length);
      }
      i = end;
      continue;
    }
    if (depth === 0 && hasAttr(token, 'data-slide-break')) {
      flush(part(lastHeading, true));
      i = matchingClose(tokens, i);
      continue;
    }
    if (depth === 0 && hasAttr(token, 'data-mindmap')) {
      const end = matchingClose(tokens, i);
      const map = rawOf(tokens.slice(i, end + 1));
      if (isHeadingOnly(current.html)) {
        current.html += map;
        current.mindmap = true;
      } else {
        // Notes written just before the map (nothing shown in between) are about the map.
        const forMap = current.notes.filter((_, n) => !isVisible(current.html.slice(noteOffsets[n])));
        current.notes = current.notes.filter((note) => !forMap.includes(note));
        flush({ ...part(lastHeading, true), mindmap: true, html: map, notes: forMap });
      }
      flush(part(lastHeading, true));
      i = end;
      continue;
    }
    if (depth === 0 && token.type === 'open' && token.name === 'h2') {
      const end = matchingClose(tokens, i);
      lastHeading = textOf(tokens.slice(i + 1, end));
      flush(part(lastHeading, false));
    }
    current.html += token.raw;
    if (token.type === 'open' && !token.selfClosing) depth += 1;
    if (token.type === 'close') depth = Math.max(0, depth - 1);
  }
  flush(part(undefined, false));
  return parts;
}

function part(heading: string | undefined, continued: boolean): SlidePart {
  return { heading, continued, mindmap: false, html: '', notes: [] };
}

/** Whether HTML shows anything: text or an element other than a script, style or comment. */
function isVisible(html: string): boolean {
  const rest = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  return rest.trim() !== '';
}

/** Whether a slide so far holds nothing but its `<h2>`. */
function isHeadingOnly(html: string): boolean {
  return !isVisible(html.replace(/<h2\b[\s\S]*?<\/h2>/i, ''));
}

/** Index of the token closing the element opened at `start` (itself if it has no content). */
function matchingClose(tokens: readonly HtmlToken[], start: number): number {
  const open = tokens[start];
  if (open.type !== 'open' || open.selfClosing) return start;
  let depth = 0;
  for (let i = start; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t.type === 'open' && !t.selfClosing) depth += 1;
    if (t.type === 'close') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}

function rawOf(tokens: readonly HtmlToken[]): string {
  return tokens.map((t) => t.raw).join('');
}

function textOf(tokens: readonly HtmlToken[]): string {
  return decodeEntities(
    tokens
      .filter((t) => t.type === 'text')
      .map((t) => t.raw)
      .join(''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}
