import { decodeEntities, tokenizeHtml } from './html-tokens';

/** One entry of an author's outline: its text and its sub-entries. */
export interface OutlineItem {
  label: string;
  children: OutlineItem[];
}

const HEADING = /^h([1-6])$/;
/** Elements whose text is never part of a label. */
const SKIPPED = new Set(['script', 'style', 'template', 'svg', 'button']);

/**
 * Reads the outline an author wrote inside `<MindMap>`: nested lists, headings, or
 * headings with lists under them (a list after a heading hangs under that heading).
 * Labels are plain text: inline formatting is dropped, whitespace collapsed.
 * @param html the rendered HTML of the component's content
 * @returns the top-level items
 */
export function parseOutline(html: string): OutlineItem[] {
  const root: OutlineItem = { label: '', children: [] };
  const headings: { level: number; item: OutlineItem }[] = [];
  const openItems: OutlineItem[] = [];
  let target: OutlineItem | null = null;
  let skipDepth = 0;

  for (const token of tokenizeHtml(html)) {
    if (token.type === 'open' && SKIPPED.has(token.name)) {
      if (!token.selfClosing) skipDepth += 1;
      continue;
    }
    if (token.type === 'close' && SKIPPED.has(token.name)) {
      skipDepth = Math.max(0, skipDepth - 1);
      continue;
    }
    if (skipDepth > 0) continue;

    if (token.type === 'text') {
      if (target) target.label += decodeEntities(token.raw);
      continue;
    }
    if (token.type === 'open') {
      const heading = HEADING.exec(token.name);
      if (token.name === 'li') {
        const item: OutlineItem = { label: '', children: [] };
        (openItems.at(-1) ?? headings.at(-1)?.item ?? root).children.push(item);
        openItems.push(item);
        target = item;
      } else if (token.name === 'ul' || token.name === 'ol') {
        // The text of an item ends where its sub-list starts.
        target = null;
      } else if (heading && openItems.length === 0) {
        const level = Number(heading[1]);
        while (headings.length > 0 && (headings.at(-1)?.level ?? 0) >= level) headings.pop();
        const item: OutlineItem = { label: '', children: [] };
        (headings.at(-1)?.item ?? root).children.push(item);
        headings.push({ level, item });
        target = item;
      } else if (target && (token.name === 'br' || token.name === 'p')) {
        target.label += ' ';
      }
      continue;
    }
    if (token.type === 'close') {
      if (token.name === 'li') {
        openItems.pop();
        target = null;
      } else if (HEADING.test(token.name) && openItems.length === 0) {
        target = null;
      } else if (target && token.name === 'p') {
        target.label += ' ';
      }
    }
  }
  return tidy(root.children);
}

/** Collapses whitespace and drops empty leaves. */
function tidy(items: OutlineItem[]): OutlineItem[] {
  const out: OutlineItem[] = [];
  for (const item of items) {
    const label = item.label.replace(/\s+/g, ' ').trim();
    const children = tidy(item.children);
    if (label === '' && children.length === 0) continue;
    out.push({ label: label === '' ? '…' : label, children });
  }
  return out;
}

/** Number of items in an outline, at every level. */
export function countOutline(items: readonly OutlineItem[]): number {
  return items.reduce((sum, item) => sum + 1 + countOutline(item.children), 0);
}
