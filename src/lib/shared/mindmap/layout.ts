import { LINE_HEIGHT, nodeMetrics } from './style';
import { estimateTextWidth, wrapText, type TextMeasure } from './text';
import {
  descendantCount,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type MindMapNode,
  type MindMapVariant,
  type NodeKind,
} from './tree';

/** A node placed on the canvas (x, y is the top-left corner of its box). */
export interface LaidOutNode {
  id: string;
  parentId: string | undefined;
  label: string;
  kind: NodeKind;
  depth: number;
  branch: number;
  /** 1 right of the root, -1 left of it, 0 the root. */
  side: -1 | 0 | 1;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  fontSize: number;
  bold: boolean;
  /** Whether the node has children (shown or not). */
  hasChildren: boolean;
  /** Whether its children are hidden. */
  collapsed: boolean;
  /** How many nodes are hidden under it when collapsed. */
  hiddenCount: number;
}

/** A line from a parent's box to a child's. */
export interface LaidOutEdge {
  from: string;
  to: string;
  branch: number;
  /** Depth of the child. */
  depth: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The legend of an evidence map: one sample shape per type. */
export interface LegendLayout {
  x: number;
  y: number;
  width: number;
  height: number;
  items: { kind: EvidenceKind; label: string; x: number; y: number }[];
}

/** A laid-out map: everything the SVG writer needs. */
export interface MindMapLayout {
  variant: MindMapVariant;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  legend: LegendLayout | null;
  width: number;
  height: number;
}

/** Options of {@link layoutMindMap}. */
export interface LayoutOptions {
  variant: MindMapVariant;
  /** Ids of nodes whose children are hidden. */
  collapsed?: ReadonlySet<string>;
  /** Text width function; the Arial estimate by default. */
  measure?: TextMeasure;
}

const MARGIN = 24;
const GAP_X = 40;
const GAP_Y_BRANCH = 22;
const GAP_Y = 10;
/** Legend geometry, shared with the SVG writer. */
export const LEGEND = { height: 46, swatchWidth: 34, swatchHeight: 22, fontSize: 13.5, gap: 22, titleWidth: 72 };

interface Work {
  node: MindMapNode;
  out: LaidOutNode;
  kids: Work[];
  /** Height of the band the subtree needs. */
  band: number;
  cy: number;
}

/**
 * Lays a mind map out as a horizontal tidy tree: columns by depth, each subtree in its own
 * band, a parent centred on its children. An ordinary map with three or more branches grows
 * on both sides of the root; an evidence map reads left to right (fact → evidence → source
 * → assessment) and carries a legend above the tree.
 * @param root the tree
 * @param options variant, collapsed nodes, text measure
 */
export function layoutMindMap(root: MindMapNode, options: LayoutOptions): MindMapLayout {
  const collapsed = options.collapsed ?? new Set<string>();
  const measure = options.measure ?? estimateTextWidth;

  const build = (node: MindMapNode, parentId: string | undefined): Work => {
    const m = nodeMetrics(node.kind, node.depth);
    const lines = wrapText(node.label, m.maxTextWidth, m.fontSize, m.bold, measure);
    const textWidth = Math.max(...lines.map((l) => measure(l, m.fontSize, m.bold)));
    const isCollapsed = node.children.length > 0 && collapsed.has(node.id);
    const out: LaidOutNode = {
      id: node.id,
      parentId,
      label: node.label,
      kind: node.kind,
      depth: node.depth,
      branch: node.branch,
      side: 0,
      x: 0,
      y: 0,
      width: Math.ceil(textWidth + 2 * m.padX),
      height: Math.ceil(lines.length * m.fontSize * LINE_HEIGHT + 2 * m.padY + m.padBottom),
      lines,
      fontSize: m.fontSize,
      bold: m.bold,
      hasChildren: node.children.length > 0,
      collapsed: isCollapsed,
      hiddenCount: isCollapsed ? descendantCount(node) : 0,
    };
    const kids = isCollapsed ? [] : node.children.map((c) => build(c, node.id));
    return { node, out, kids, band: 0, cy: 0 };
  };
  const top = build(root, undefined);

  // Bands, bottom-up.
  const gapAfter = (w: Work) => (w.out.depth === 1 ? GAP_Y_BRANCH : GAP_Y);
  const measureBand = (w: Work): number => {
    const children = w.kids.reduce((sum, k, i) => sum + measureBand(k) + (i > 0 ? gapAfter(k) : 0), 0);
    w.band = Math.max(w.out.height, children);
    return w.band;
  };
  for (const k of top.kids) measureBand(k);

  // Sides: split the branches so both halves are about as tall.
  const branches = top.kids;
  const twoSided = options.variant === 'mindmap' && branches.length >= 3;
  let splitAt = branches.length;
  if (twoSided) {
    const total = branches.reduce((s, b) => s + b.band, 0);
    let acc = 0;
    splitAt = 0;
    while (splitAt < branches.length - 1 && acc + branches[splitAt].band / 2 < total / 2) {
      acc += branches[splitAt].band;
      splitAt += 1;
    }
    splitAt = Math.max(1, splitAt);
  }
  const right = branches.slice(0, splitAt);
  const left = branches.slice(splitAt);
  const setSide = (w: Work, side: -1 | 1) => {
    w.out.side = side;
    w.kids.forEach((k) => setSide(k, side));
  };
  right.forEach((w) => setSide(w, 1));
  left.forEach((w) => setSide(w, -1));

  // Vertical placement, top-down.
  const place = (w: Work, y: number) => {
    const childrenBand = w.kids.reduce((sum, k, i) => sum + k.band + (i > 0 ? gapAfter(k) : 0), 0);
    let cursor = y + (w.band - childrenBand) / 2;
    w.kids.forEach((k, i) => {
      if (i > 0) cursor += gapAfter(k);
      place(k, cursor);
      cursor += k.band;
    });
    const half = w.out.height / 2;
    const centre = w.kids.length > 0 ? (w.kids[0].cy + (w.kids.at(-1)?.cy ?? 0)) / 2 : y + w.band / 2;
    w.cy = Math.min(Math.max(centre, y + half), y + w.band - half);
  };
  const stack = (side: Work[]) => side.reduce((sum, b, i) => sum + b.band + (i > 0 ? GAP_Y_BRANCH : 0), 0);
  const rightHeight = stack(right);
  const leftHeight = stack(left);
  const treeHeight = Math.max(rightHeight, leftHeight, top.out.height);
  const placeSide = (side: Work[], height: number) => {
    let cursor = (treeHeight - height) / 2;
    side.forEach((b, i) => {
      if (i > 0) cursor += GAP_Y_BRANCH;
      place(b, cursor);
      cursor += b.band;
    });
  };
  placeSide(right, rightHeight);
  placeSide(left, leftHeight);
  if (twoSided || branches.length === 0) {
    top.cy = treeHeight / 2;
  } else {
    const centre = (branches[0].cy + (branches.at(-1)?.cy ?? 0)) / 2;
    top.cy = Math.min(Math.max(centre, top.out.height / 2), treeHeight - top.out.height / 2);
  }

  // Columns: each depth on each side is as wide as its widest node.
  const all: Work[] = [];
  const collect = (w: Work) => {
    all.push(w);
    w.kids.forEach(collect);
  };
  collect(top);
  const columns = new Map<string, number>();
  for (const w of all) {
    const key = `${w.out.side}:${w.out.depth}`;
    columns.set(key, Math.max(columns.get(key) ?? 0, w.out.width));
  }
  const columnStart = (side: -1 | 1, depth: number): number => {
    let offset = GAP_X;
    for (let d = 1; d < depth; d += 1) offset += (columns.get(`${side}:${d}`) ?? 0) + GAP_X;
    return offset;
  };
  top.out.x = 0;
  for (const w of all) {
    w.out.y = w.cy - w.out.height / 2;
    if (w.out.side === 1) w.out.x = top.out.width + columnStart(1, w.out.depth);
    if (w.out.side === -1) w.out.x = -columnStart(-1, w.out.depth) - w.out.width;
  }

  // Legend and normalisation to positive coordinates.
  const legendItems =
    options.variant === 'evidence'
      ? EVIDENCE_KINDS.map((k) => ({ ...k, width: LEGEND.swatchWidth + 8 + measure(k.label, LEGEND.fontSize, false) }))
      : [];
  const legendWidth =
    legendItems.length > 0
      ? LEGEND.titleWidth + legendItems.reduce((s, i, n) => s + i.width + (n > 0 ? LEGEND.gap : 0), 0)
      : 0;
  const legendHeight = legendItems.length > 0 ? LEGEND.height : 0;
  const minX = Math.min(...all.map((w) => w.out.x));
  const maxX = Math.max(...all.map((w) => w.out.x + w.out.width));
  const dx = MARGIN - minX;
  const dy = MARGIN + legendHeight;
  for (const w of all) {
    w.out.x = round(w.out.x + dx);
    w.out.y = round(w.out.y + dy);
  }

  const edges: LaidOutEdge[] = [];
  for (const w of all) {
    for (const k of w.kids) {
      const side = k.out.side;
      edges.push({
        from: w.out.id,
        to: k.out.id,
        branch: k.out.branch,
        depth: k.out.depth,
        x1: side === 1 ? w.out.x + w.out.width : w.out.x,
        y1: round(w.out.y + w.out.height / 2),
        x2: side === 1 ? k.out.x : k.out.x + k.out.width,
        y2: round(k.out.y + k.out.height / 2),
      });
    }
  }

  let cursor = MARGIN + LEGEND.titleWidth;
  const legend: LegendLayout | null =
    legendItems.length > 0
      ? {
          x: MARGIN,
          y: MARGIN - 8,
          width: legendWidth,
          height: LEGEND.height - 12,
          items: legendItems.map((item) => {
            const placed = { kind: item.kind, label: item.label, x: round(cursor), y: MARGIN - 8 };
            cursor += item.width + LEGEND.gap;
            return placed;
          }),
        }
      : null;

  return {
    variant: options.variant,
    nodes: all.map((w) => w.out),
    edges,
    legend,
    width: Math.ceil(Math.max(maxX - minX, legendWidth) + 2 * MARGIN),
    height: Math.ceil(treeHeight + legendHeight + 2 * MARGIN),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
