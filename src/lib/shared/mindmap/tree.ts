import type { OutlineItem } from './outline';

/** The two kinds of map an author can ask for. */
export type MindMapVariant = 'mindmap' | 'evidence';

/** Node types of an evidence map ("sơ đồ hóa chứng cứ"). */
export type EvidenceKind = 'fact' | 'evidence' | 'source' | 'assessment';

/** What a node is: the root, an ordinary topic, or one of the evidence types. */
export type NodeKind = 'root' | 'topic' | EvidenceKind;

/** A node of a mind map, ready for layout. */
export interface MindMapNode {
  /** Stable id from the node's position, e.g. `n-2-0` (the root is `n`). */
  id: string;
  label: string;
  kind: NodeKind;
  /** 0 for the root. */
  depth: number;
  /** Index of the top-level branch it belongs to (colours); -1 for the root. */
  branch: number;
  children: MindMapNode[];
}

/** Evidence types in teaching order, with their Vietnamese names (legend, outline, alt text). */
export const EVIDENCE_KINDS: readonly { kind: EvidenceKind; label: string }[] = [
  { kind: 'fact', label: 'Sự kiện cần chứng minh' },
  { kind: 'evidence', label: 'Chứng cứ' },
  { kind: 'source', label: 'Tài liệu nguồn, bút lục' },
  { kind: 'assessment', label: 'Đánh giá' },
];

/** Vietnamese name of an evidence type. */
export function evidenceKindLabel(kind: EvidenceKind): string {
  return EVIDENCE_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

// English markers as in the course content, plus Vietnamese ones authors may prefer.
const MARKERS: Record<string, EvidenceKind> = {
  fact: 'fact',
  'sự kiện': 'fact',
  evidence: 'evidence',
  'chứng cứ': 'evidence',
  source: 'source',
  nguồn: 'source',
  'tài liệu nguồn': 'source',
  assessment: 'assessment',
  'đánh giá': 'assessment',
};
const MARKER = /^\[([^\]]{1,20})\]\s*/u;

/**
 * Splits a leading type marker such as `[fact]` or `[chứng cứ]` off a label.
 * @param label the item's text
 * @returns the type (undefined when there is no known marker) and the label without it
 */
export function splitKindMarker(label: string): { kind: EvidenceKind | undefined; label: string } {
  const match = MARKER.exec(label);
  const kind = match ? MARKERS[match[1].normalize('NFC').trim().toLowerCase()] : undefined;
  if (!match || !kind) return { kind: undefined, label };
  return { kind, label: label.slice(match[0].length).trim() };
}

/** Evidence type expected one level below a node of the given type, for unmarked items. */
const NEXT_KIND: Record<NodeKind, EvidenceKind> = {
  root: 'fact',
  topic: 'fact',
  fact: 'evidence',
  evidence: 'source',
  source: 'assessment',
  assessment: 'assessment',
};

/**
 * Turns an outline into a mind-map tree. A single top-level item becomes the root (unless
 * it is a typed evidence node); otherwise the items hang under a root labelled with the
 * map's title. In an evidence
 * map, markers set each node's type and are removed from the labels; an unmarked item takes
 * the type that normally follows its parent's (fact → evidence → source → assessment).
 * @param items the author's outline
 * @param options the map's title and variant
 */
export function buildMindMap(
  items: readonly OutlineItem[],
  options: { title: string; variant: MindMapVariant },
): MindMapNode {
  // A lone top-level item is the root, unless it is a typed evidence node (a map of one fact).
  const lone = items.length === 1 ? items[0] : undefined;
  const single = lone && !(options.variant === 'evidence' && splitKindMarker(lone.label).kind) ? lone : undefined;
  const rootLabel = single ? clean(single.label, options.variant).label : options.title;
  const topItems = single ? single.children : items;
  const root: MindMapNode = { id: 'n', label: rootLabel, kind: 'root', depth: 0, branch: -1, children: [] };

  const build = (item: OutlineItem, id: string, depth: number, branch: number, parentKind: NodeKind): MindMapNode => {
    const { kind: marked, label } = clean(item.label, options.variant);
    const kind: NodeKind = options.variant === 'evidence' ? (marked ?? NEXT_KIND[parentKind]) : 'topic';
    const node: MindMapNode = { id, label, kind, depth, branch, children: [] };
    node.children = item.children.map((child, i) => build(child, `${id}-${i}`, depth + 1, branch, kind));
    return node;
  };
  root.children = topItems.map((item, i) => build(item, `n-${i}`, 1, i, 'root'));
  return root;
}

function clean(label: string, variant: MindMapVariant): { kind: EvidenceKind | undefined; label: string } {
  const split = splitKindMarker(label);
  // A marker in an ordinary mind map is still stripped, so it never shows as "[fact]".
  return variant === 'evidence' ? split : { kind: undefined, label: split.label };
}

/** Every node of a tree, depth first, root included. */
export function allNodes(root: MindMapNode): MindMapNode[] {
  return [root, ...root.children.flatMap(allNodes)];
}

/** Number of descendants of a node (not counting itself). */
export function descendantCount(node: MindMapNode): number {
  return node.children.reduce((sum, child) => sum + 1 + descendantCount(child), 0);
}
