export { parseOutline, countOutline, type OutlineItem } from './outline';
export {
  allNodes,
  buildMindMap,
  descendantCount,
  EVIDENCE_KINDS,
  evidenceKindLabel,
  splitKindMarker,
  type EvidenceKind,
  type MindMapNode,
  type MindMapVariant,
  type NodeKind,
} from './tree';
export { layoutMindMap, type LaidOutNode, type MindMapLayout } from './layout';
export { renderMindMapSvg } from './svg';
export { estimateTextWidth, wrapText, MINDMAP_FONT } from './text';
export { readOutlineTree, renderOutlineHtml } from './outline-html';
