import { describe, expect, it } from 'vitest';
import { decodeEntities, escapeXml, tokenizeHtml } from '../../src/lib/shared/mindmap/html-tokens';
import { countOutline, parseOutline } from '../../src/lib/shared/mindmap/outline';
import { buildMindMap, descendantCount, splitKindMarker } from '../../src/lib/shared/mindmap/tree';

const NESTED = `<ul>
<li>Vụ án “Trộm cắp tài sản”
<ul>
<li>Thông tin <strong>chung</strong>
<ul>
<li>Khởi tố ngày 20/03/2026</li>
<li>Cơ quan thụ lý: Công an huyện Y &amp; Viện kiểm sát</li>
</ul>
</li>
<li>Chứng cứ</li>
</ul>
</li>
</ul>`;

describe('the HTML tokenizer', () => {
  it('gives back the exact input when its tokens are joined', () => {
    const html = '<p class="a">x &amp; <em>y</em></p><!-- c --><br/><script>if (a < b) {}</script>';
    expect(
      tokenizeHtml(html)
        .map((t) => t.raw)
        .join(''),
    ).toBe(html);
  });

  it('keeps a script body as text even when it contains tags', () => {
    const tokens = tokenizeHtml('<script>document.write("<li>x</li>")</script>');
    expect(tokens.map((t) => t.type)).toEqual(['open', 'text', 'close']);
  });

  it('decodes named and numeric character references', () => {
    expect(decodeEntities('a &amp; b &#8211; c &#x2013; &quot;d&quot; &unknown;')).toBe('a & b – c – "d" &unknown;');
  });

  it('escapes text for XML', () => {
    expect(escapeXml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('reading an outline', () => {
  it('turns nested lists into a tree of plain-text labels', () => {
    const outline = parseOutline(NESTED);
    expect(outline).toHaveLength(1);
    expect(outline[0].label).toBe('Vụ án “Trộm cắp tài sản”');
    expect(outline[0].children.map((c) => c.label)).toEqual(['Thông tin chung', 'Chứng cứ']);
    expect(outline[0].children[0].children.map((c) => c.label)).toEqual([
      'Khởi tố ngày 20/03/2026',
      'Cơ quan thụ lý: Công an huyện Y & Viện kiểm sát',
    ]);
    expect(countOutline(outline)).toBe(5);
  });

  it('reads loose lists whose items are paragraphs', () => {
    const outline = parseOutline('<ul><li><p>Gốc</p><ul><li><p>Một</p><p>tiếp</p></li></ul></li></ul>');
    expect(outline[0].label).toBe('Gốc');
    expect(outline[0].children[0].label).toBe('Một tiếp');
  });

  it('nests headings by level and hangs a list under the heading before it', () => {
    const outline = parseOutline('<h2>A</h2><ul><li>a1</li></ul><h3>A.1</h3><h2>B</h2><h4>B.x</h4>');
    expect(outline.map((i) => i.label)).toEqual(['A', 'B']);
    expect(outline[0].children.map((i) => i.label)).toEqual(['a1', 'A.1']);
    expect(outline[1].children.map((i) => i.label)).toEqual(['B.x']);
  });

  it('ignores paragraphs outside the list and text inside scripts or SVG', () => {
    const outline = parseOutline(
      '<p>Lời dẫn</p><ul><li>Một<svg><text>không</text></svg><script>x()</script></li></ul>',
    );
    expect(outline).toEqual([{ label: 'Một', children: [] }]);
  });

  it('finds nothing in content without a list or heading', () => {
    expect(parseOutline('<p>Chỉ có đoạn văn.</p>')).toEqual([]);
  });
});

describe('building the mind-map tree', () => {
  it('uses a single top-level item as the root', () => {
    const tree = buildMindMap(parseOutline(NESTED), { title: 'Tiêu đề', variant: 'mindmap' });
    expect(tree.label).toBe('Vụ án “Trộm cắp tài sản”');
    expect(tree.children.map((c) => [c.id, c.depth, c.branch])).toEqual([
      ['n-0', 1, 0],
      ['n-1', 1, 1],
    ]);
    expect(tree.children[0].children[1].id).toBe('n-0-1');
    expect(tree.children[0].children[1].branch).toBe(0);
    expect(descendantCount(tree)).toBe(4);
  });

  it('hangs several top-level items under a root named after the title', () => {
    const tree = buildMindMap(parseOutline('<ul><li>A</li><li>B</li></ul>'), { title: 'Sơ đồ', variant: 'mindmap' });
    expect(tree.label).toBe('Sơ đồ');
    expect(tree.children.map((c) => c.label)).toEqual(['A', 'B']);
  });

  it('types evidence-map nodes by their markers and removes the markers from the labels', () => {
    const html =
      '<ul><li>[fact] Sự kiện<ul><li>[evidence] Lời khai<ul><li>[source] Biên bản, BL 30<ul><li>[assessment] Phù hợp</li></ul></li></ul></li></ul></li><li>[sự kiện] Khác</li></ul>';
    const tree = buildMindMap(parseOutline(html), { title: 'Sơ đồ chứng cứ', variant: 'evidence' });
    const chain = [tree.children[0], tree.children[0].children[0], tree.children[0].children[0].children[0]];
    chain.push(chain[2].children[0]);
    expect(chain.map((n) => n.kind)).toEqual(['fact', 'evidence', 'source', 'assessment']);
    expect(chain.map((n) => n.label)).toEqual(['Sự kiện', 'Lời khai', 'Biên bản, BL 30', 'Phù hợp']);
    expect(tree.children[1]).toMatchObject({ kind: 'fact', label: 'Khác' });
  });

  it('gives an unmarked evidence item the type that follows its parent', () => {
    const tree = buildMindMap(parseOutline('<ul><li>[fact] F<ul><li>không nhãn</li></ul></li></ul>'), {
      title: 'T',
      variant: 'evidence',
    });
    expect(tree.label).toBe('T');
    expect(tree.children[0].kind).toBe('fact');
    expect(tree.children[0].children[0].kind).toBe('evidence');
  });

  it('strips markers from ordinary mind maps too, without typing the nodes', () => {
    const tree = buildMindMap(parseOutline('<ul><li>[fact] A</li><li>B</li></ul>'), { title: 'T', variant: 'mindmap' });
    expect(tree.children[0]).toMatchObject({ kind: 'topic', label: 'A' });
  });

  it('leaves unknown bracketed text alone', () => {
    expect(splitKindMarker('[BL 45] Lời khai')).toEqual({ kind: undefined, label: '[BL 45] Lời khai' });
    expect(splitKindMarker('[Chứng cứ] Lời khai')).toEqual({ kind: 'evidence', label: 'Lời khai' });
  });
});
