import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutMindMap, type LaidOutNode, type MindMapLayout } from '../../src/lib/shared/mindmap/layout';
import { estimateTextWidth, wrapText } from '../../src/lib/shared/mindmap/text';
import { allNodes, buildMindMap, type MindMapNode, type MindMapVariant } from '../../src/lib/shared/mindmap/tree';
import type { OutlineItem } from '../../src/lib/shared/mindmap/outline';

const WORDS = [
  'Biên bản',
  'lời khai',
  'bị can',
  'Nguyễn Văn A',
  'bút lục 45–52',
  'phù hợp',
  'mâu thuẫn',
  'camera',
  'định giá',
];

const outlineArb: fc.Arbitrary<OutlineItem[]> = fc.letrec<{ items: OutlineItem[]; item: OutlineItem }>((tie) => ({
  item: fc.record({
    label: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
    children: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant<OutlineItem[]>([]), tie('items')),
  }),
  items: fc.array(tie('item'), { minLength: 1, maxLength: 5 }),
})).items;

function overlaps(a: LaidOutNode, b: LaidOutNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function layoutOf(
  items: OutlineItem[],
  variant: MindMapVariant,
  collapsed?: Set<string>,
): { tree: MindMapNode; layout: MindMapLayout } {
  const tree = buildMindMap(items, { title: 'Sơ đồ thử', variant });
  return { tree, layout: layoutMindMap(tree, { variant, collapsed }) };
}

const REPORT: OutlineItem[] = [
  {
    label: 'Vụ án',
    children: ['Thông tin chung', 'Người tham gia tố tụng', 'Hành vi', 'Chứng cứ', 'Tội danh'].map((label) => ({
      label,
      children: [
        { label: `${label}: chi tiết một`, children: [] },
        { label: `${label}: chi tiết hai`, children: [] },
      ],
    })),
  },
];

describe('wrapping labels', () => {
  it('keeps every line within the width it is given', () => {
    const lines = wrapText('Biên bản ghi lời khai người làm chứng Phạm Văn D, bút lục 55–56', 150, 14, false);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(estimateTextWidth(line, 14, false)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe('Biên bản ghi lời khai người làm chứng Phạm Văn D, bút lục 55–56');
  });

  it('cuts a word that is longer than a line', () => {
    const lines = wrapText('https://example.gov.vn/mot-duong-dan-rat-dai-khong-co-khoang-trang', 120, 14, false);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(estimateTextWidth(line, 14, false)).toBeLessThanOrEqual(120);
  });

  it('measures bold and wide letters as wider', () => {
    expect(estimateTextWidth('MMMM', 14, false)).toBeGreaterThan(estimateTextWidth('iiii', 14, false));
    expect(estimateTextWidth('Chứng cứ', 14, true)).toBeGreaterThan(estimateTextWidth('Chứng cứ', 14, false));
  });
});

describe('laying out a mind map', () => {
  it('places one box per node and one line per parent–child pair', () => {
    const { tree, layout } = layoutOf(REPORT, 'mindmap');
    expect(layout.nodes).toHaveLength(allNodes(tree).length);
    expect(layout.edges).toHaveLength(allNodes(tree).length - 1);
  });

  it('grows an ordinary map on both sides of the root, children outward', () => {
    const { layout } = layoutOf(REPORT, 'mindmap');
    const root = layout.nodes.find((n) => n.depth === 0)!;
    const sides = new Set(layout.nodes.filter((n) => n.depth === 1).map((n) => n.side));
    expect(sides).toEqual(new Set([1, -1]));
    for (const node of layout.nodes.filter((n) => n.depth > 0)) {
      const parent = layout.nodes.find((n) => n.id === node.parentId)!;
      if (node.side === 1) expect(node.x).toBeGreaterThan(parent.x + parent.width);
      else expect(node.x + node.width).toBeLessThan(parent.x);
    }
    expect(layout.nodes.filter((n) => n.side === 1).every((n) => n.x > root.x + root.width)).toBe(true);
  });

  it('reads an evidence map left to right and gives it a legend of the four types', () => {
    const items: OutlineItem[] = [1, 2, 3].map((i) => ({
      label: `[fact] Sự kiện ${i}`,
      children: [{ label: '[evidence] Lời khai', children: [{ label: '[source] Biên bản, BL 30', children: [] }] }],
    }));
    const { layout } = layoutOf(items, 'evidence');
    expect(layout.nodes.every((n) => n.side !== -1)).toBe(true);
    expect(layout.legend?.items.map((i) => i.kind)).toEqual(['fact', 'evidence', 'source', 'assessment']);
    const top = Math.min(...layout.nodes.map((n) => n.y));
    expect(top).toBeGreaterThan((layout.legend?.y ?? 0) + (layout.legend?.height ?? 0));
    expect(layoutOf(REPORT, 'mindmap').layout.legend).toBeNull();
  });

  it('hides the descendants of a collapsed node and counts them', () => {
    const { layout } = layoutOf(REPORT, 'mindmap', new Set(['n-0', 'n-2']));
    expect(layout.nodes).toHaveLength(1 + 5 + 6);
    const collapsed = layout.nodes.find((n) => n.id === 'n-0')!;
    expect(collapsed).toMatchObject({ collapsed: true, hiddenCount: 2, hasChildren: true });
    expect(layout.nodes.some((n) => n.id.startsWith('n-0-'))).toBe(false);
  });

  it('never overlaps two boxes and keeps everything on the canvas, whatever the outline', () => {
    fc.assert(
      fc.property(outlineArb, fc.constantFrom<MindMapVariant>('mindmap', 'evidence'), (items, variant) => {
        const { layout } = layoutOf(items, variant);
        for (const node of layout.nodes) {
          expect(node.x).toBeGreaterThanOrEqual(0);
          expect(node.y).toBeGreaterThanOrEqual(0);
          expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
          expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
        }
        for (let i = 0; i < layout.nodes.length; i += 1) {
          for (let j = i + 1; j < layout.nodes.length; j += 1) {
            expect(overlaps(layout.nodes[i], layout.nodes[j]), `${layout.nodes[i].id} / ${layout.nodes[j].id}`).toBe(
              false,
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('centres a parent between its first and last child', () => {
    const { layout } = layoutOf(REPORT, 'mindmap');
    const parent = layout.nodes.find((n) => n.id === 'n-1')!;
    const kids = layout.nodes.filter((n) => n.parentId === 'n-1');
    const mid = (kids[0].y + kids[0].height / 2 + kids[1].y + kids[1].height / 2) / 2;
    expect(Math.abs(parent.y + parent.height / 2 - mid)).toBeLessThan(1);
  });
});
