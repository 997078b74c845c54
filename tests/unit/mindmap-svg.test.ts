import { describe, expect, it } from 'vitest';
import { decodeEntities, tokenizeHtml } from '../../src/lib/shared/mindmap/html-tokens';
import { layoutMindMap } from '../../src/lib/shared/mindmap/layout';
import { parseOutline } from '../../src/lib/shared/mindmap/outline';
import { readOutlineTree, renderOutlineHtml } from '../../src/lib/shared/mindmap/outline-html';
import { renderMindMapSvg, shapePath } from '../../src/lib/shared/mindmap/svg';
import { allNodes, buildMindMap } from '../../src/lib/shared/mindmap/tree';

const EVIDENCE = parseOutline(
  '<ul><li>[fact] Xe bị lấy lúc 21 giờ &amp; "sau đó"<ul><li>[evidence] Lời khai <b>bị hại</b><ul><li>[source] Biên bản, BL 30–33<ul><li>[assessment] Phù hợp với BL 15–18</li></ul></li></ul></li></ul></li><li>[fact] Người lấy xe là A</li></ul>',
);
const tree = buildMindMap(EVIDENCE, { title: 'Sơ đồ chứng cứ <thử>', variant: 'evidence' });

/** Checks that every element is closed in order (what an XML parser requires of tags). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const token of tokenizeHtml(svg)) {
    if (token.type === 'open' && !token.selfClosing) stack.push(token.name);
    if (token.type === 'close' && stack.pop() !== token.name) return false;
  }
  return stack.length === 0;
}

describe('writing a mind map as SVG', () => {
  const svg = renderMindMapSvg(layoutMindMap(tree, { variant: 'evidence' }), { title: 'Sơ đồ chứng cứ <thử>' });

  it('draws one group per node, tagged with the node type', () => {
    expect(svg.match(/class="mm-node /g)).toHaveLength(allNodes(tree).length);
    for (const kind of ['root', 'fact', 'evidence', 'source', 'assessment']) expect(svg).toContain(`mm-node--${kind}`);
  });

  it('is balanced markup with escaped text and no type markers', () => {
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('&amp;');
    expect(svg).toContain('&lt;thử&gt;');
    expect(svg).not.toMatch(/\[(fact|evidence|source|assessment)\]/);
  });

  it('carries a legend naming the four evidence types in Vietnamese', () => {
    for (const label of ['Sự kiện cần chứng minh', 'Chứng cứ', 'Tài liệu nguồn, bút lục', 'Đánh giá']) {
      expect(svg).toContain(`>${label}</text>`);
    }
  });

  it('is an accessible image inline and a plain file when standalone', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    const file = renderMindMapSvg(layoutMindMap(tree, { variant: 'evidence' }), { title: 'T', standalone: true });
    expect(file.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(file).not.toContain('role=');
    expect(file).toContain('<rect width=');
  });

  it('gives each evidence type its own shape, so black-and-white prints tell them apart', () => {
    const shapes = (['fact', 'evidence', 'source', 'assessment'] as const).map((k) => shapePath(k, 100, 40));
    expect(new Set(shapes).size).toBe(4);
    expect(shapePath('assessment', 100, 40).match(/[LH]/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('marks a collapsed node with the number of hidden items', () => {
    const collapsed = renderMindMapSvg(layoutMindMap(tree, { variant: 'evidence', collapsed: new Set(['n-0']) }), {
      title: 'T',
    });
    expect(collapsed).toContain('mm-node--collapsed');
    expect(collapsed).toContain('>+3</text>');
    expect(collapsed.match(/class="mm-node /g)).toHaveLength(3);
  });
});

describe('the outline written beside the map', () => {
  const html = renderOutlineHtml(tree);

  it('lists every node once, with its id and its type in words', () => {
    expect(html.match(/<li data-id=/g)).toHaveLength(allNodes(tree).length);
    expect(html).toContain('<span class="mindmap__kind mindmap__kind--fact">Sự kiện cần chứng minh:</span>');
    expect(html).toContain('Xe bị lấy lúc 21 giờ &amp; &quot;sau đó&quot;');
  });

  it('reads back into the same tree in the browser', () => {
    const list = fakeElement(html);
    const back = readOutlineTree(list);
    const strip = (n: typeof tree): unknown => ({
      id: n.id,
      label: n.label,
      kind: n.kind,
      branch: n.branch,
      children: n.children.map(strip),
    });
    expect(back && strip(back)).toEqual(strip(tree));
  });
});

/**
 * A tiny stand-in for the DOM calls readOutlineTree makes (querySelector with `:scope >`,
 * children, matches, getAttribute, textContent), built from the outline HTML.
 */
function fakeElement(html: string): Element {
  type Node = { name: string; attrs: Record<string, string>; children: Node[]; text: string; parent?: Node };
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  let current = root;
  for (const token of tokenizeHtml(html)) {
    if (token.type === 'open') {
      const node: Node = { name: token.name, attrs: token.attrs, children: [], text: '', parent: current };
      current.children.push(node);
      if (!token.selfClosing) current = node;
    } else if (token.type === 'close') current = current.parent ?? root;
    else if (token.type === 'text') {
      for (let n: Node | undefined = current; n; n = n.parent) n.text += decodeEntities(token.raw);
    }
  }
  const matchesSimple = (n: Node, sel: string) => {
    const m = /^([a-z]+)?(?:\.([\w-]+))?(\[([\w-]+)\])?$/.exec(sel);
    if (!m) throw new Error(`selector ${sel}`);
    return (
      (!m[1] || n.name === m[1]) &&
      (!m[2] || (n.attrs.class ?? '').split(' ').includes(m[2])) &&
      (!m[4] || m[4] in n.attrs)
    );
  };
  const wrap = (n: Node): Element =>
    ({
      get children() {
        return n.children.map(wrap);
      },
      matches: (sel: string) => matchesSimple(n, sel),
      getAttribute: (name: string) => n.attrs[name] ?? null,
      get textContent() {
        return n.text;
      },
      querySelector(sel: string) {
        const steps = sel.replace(/^:scope\s*>\s*/, '').split(/\s*>\s*/);
        let level = [n];
        for (const step of steps) level = level.flatMap((x) => x.children.filter((c) => matchesSimple(c, step)));
        return level[0] ? wrap(level[0]) : null;
      },
    }) as unknown as Element;
  return wrap(root.children[0]);
}
