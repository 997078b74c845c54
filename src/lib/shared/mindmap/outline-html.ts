import { escapeXml } from './html-tokens';
import { evidenceKindLabel, type MindMapNode } from './tree';

/**
 * Writes a mind-map tree as nested lists: the text version of the map, readable without
 * JavaScript and by screen readers, and the tree the interactive script works on
 * (every item carries the node's id and type). Evidence items say their type in words.
 * @param root the tree
 */
export function renderOutlineHtml(root: MindMapNode): string {
  const item = (node: MindMapNode): string => {
    const kind =
      node.kind === 'root' || node.kind === 'topic'
        ? ''
        : `<span class="mindmap__kind mindmap__kind--${node.kind}">${escapeXml(evidenceKindLabel(node.kind))}:</span> `;
    const children = node.children.length > 0 ? `<ul>${node.children.map(item).join('')}</ul>` : '';
    return (
      `<li data-id="${node.id}" data-kind="${node.kind}">` +
      `<span class="mindmap__item">${kind}<span class="mindmap__label">${escapeXml(node.label)}</span></span>` +
      children +
      `</li>`
    );
  };
  return `<ul class="mindmap__tree">${item(root)}</ul>`;
}

/**
 * Reads a tree back from the lists written by {@link renderOutlineHtml} (in the browser).
 * @param list the outer `ul.mindmap__tree`
 */
export function readOutlineTree(list: Element): MindMapNode | undefined {
  const read = (li: Element, depth: number, branch: number, index: number): MindMapNode => {
    const childItems = [...(li.querySelector(':scope > ul')?.children ?? [])].filter((el) => el.matches('li[data-id]'));
    const own = depth === 1 ? index : branch;
    return {
      id: li.getAttribute('data-id') ?? '',
      label: li.querySelector(':scope > .mindmap__item > .mindmap__label')?.textContent ?? '',
      kind: (li.getAttribute('data-kind') ?? 'topic') as MindMapNode['kind'],
      depth,
      branch: depth === 0 ? -1 : own,
      children: childItems.map((child, i) => read(child, depth + 1, own, i)),
    };
  };
  const top = list.querySelector(':scope > li[data-id]');
  return top ? read(top, 0, -1, 0) : undefined;
}
