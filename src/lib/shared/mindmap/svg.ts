import { escapeXml } from './html-tokens';
import { LEGEND, type LaidOutEdge, type LaidOutNode, type MindMapLayout } from './layout';
import { branchColour, LINE_HEIGHT, nodeMetrics } from './style';
import { MINDMAP_FONT } from './text';
import type { EvidenceKind, NodeKind } from './tree';

/** Options of {@link renderMindMapSvg}. */
export interface SvgOptions {
  /** Title of the map (the SVG's <title>). */
  title: string;
  /** Text alternative for the inline image. */
  description?: string;
  /**
   * A file to download rather than an inline image: adds the XML declaration and a white
   * background, and leaves out ARIA attributes.
   */
  standalone?: boolean;
}

const INK = '#1b1b1b';
const WHITE = '#ffffff';

/** Fill, stroke and shape of each node type; shapes differ so black-and-white prints stay clear. */
const LOOK: Record<NodeKind, { fill: string; stroke: string; strokeWidth: number; text: string }> = {
  root: { fill: '#0b4f8a', stroke: '#073a66', strokeWidth: 2, text: WHITE },
  topic: { fill: WHITE, stroke: '', strokeWidth: 1.5, text: INK },
  fact: { fill: '#e8f0f9', stroke: '#0b4f8a', strokeWidth: 3, text: INK },
  evidence: { fill: WHITE, stroke: INK, strokeWidth: 1.5, text: INK },
  source: { fill: '#f1f1f1', stroke: '#4a4a4a', strokeWidth: 1.5, text: INK },
  assessment: { fill: '#fff6e5', stroke: '#8a4b00', strokeWidth: 1.75, text: INK },
};

/**
 * Outline of a node's shape inside a `width` × `height` box at the origin:
 * fact = rounded rectangle, evidence = rectangle, source = document with a wavy foot,
 * assessment = hexagon; topics are rounded rectangles.
 * @param kind node type
 * @param width box width
 * @param height box height
 */
export function shapePath(kind: NodeKind | EvidenceKind, width: number, height: number): string {
  const w = width;
  const h = height;
  switch (kind) {
    case 'evidence':
      return `M0 0H${w}V${h}H0Z`;
    case 'source': {
      const foot = h - 6;
      return `M0 0H${w}V${foot}C${f(w * 0.75)} ${f(foot - 9)} ${f(w * 0.25)} ${f(h + 6)} 0 ${foot}Z`;
    }
    case 'assessment': {
      const tip = Math.min(14, h / 2);
      return `M${tip} 0H${f(w - tip)}L${w} ${f(h / 2)}L${f(w - tip)} ${h}H${tip}L0 ${f(h / 2)}Z`;
    }
    default: {
      const r = kind === 'fact' ? 12 : kind === 'root' ? 10 : 7;
      return roundedRect(w, h, Math.min(r, h / 2));
    }
  }
}

function roundedRect(w: number, h: number, r: number): string {
  return `M${r} 0H${f(w - r)}Q${w} 0 ${w} ${r}V${f(h - r)}Q${w} ${h} ${f(w - r)} ${h}H${r}Q0 ${h} 0 ${f(h - r)}V${r}Q0 0 ${r} 0Z`;
}

function f(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function nodeLook(node: LaidOutNode): { fill: string; stroke: string; strokeWidth: number; text: string } {
  const look = LOOK[node.kind];
  if (node.kind !== 'topic') return look;
  return { ...look, stroke: branchColour(node.branch), strokeWidth: node.depth === 1 ? 2.5 : 1.25 };
}

function renderNode(node: LaidOutNode): string {
  const look = nodeLook(node);
  const lineHeight = node.fontSize * LINE_HEIGHT;
  const padY = (node.height - node.lines.length * lineHeight - (node.kind === 'source' ? 7 : 0)) / 2;
  // Centred text suits the root and the symmetric hexagon; lists of words read better ragged-right.
  const centred = node.kind === 'root' || node.kind === 'assessment';
  const textX = centred ? node.width / 2 : nodeMetrics(node.kind, node.depth).padX;
  const tspans = node.lines
    .map((line, i) => {
      const baseline = padY + i * lineHeight + lineHeight / 2 + node.fontSize * 0.35;
      return `<tspan x="${f(textX)}" y="${f(baseline)}">${escapeXml(line)}</tspan>`;
    })
    .join('');
  const classes = ['mm-node', `mm-node--${node.kind}`];
  if (node.hasChildren) classes.push('mm-node--parent');
  if (node.collapsed) classes.push('mm-node--collapsed');
  const badge = node.collapsed ? renderBadge(node, look.stroke) : '';
  return (
    `<g class="${classes.join(' ')}" data-id="${node.id}" transform="translate(${f(node.x)} ${f(node.y)})">` +
    `<path d="${shapePath(node.kind, node.width, node.height)}" fill="${look.fill}" stroke="${look.stroke}" stroke-width="${look.strokeWidth}"/>` +
    `<text${centred ? ' text-anchor="middle"' : ''} font-size="${node.fontSize}"${node.bold ? ' font-weight="700"' : ''} fill="${look.text}">${tspans}</text>` +
    badge +
    `</g>`
  );
}

/** "+N" pill on the outer edge of a collapsed node: hidden branches show without colour. */
function renderBadge(node: LaidOutNode, stroke: string): string {
  const text = `+${node.hiddenCount}`;
  const width = 12 + text.length * 7.5;
  const cx = node.side === -1 ? 0 : node.width;
  const cy = node.height / 2;
  return (
    `<g class="mm-badge">` +
    `<rect x="${f(cx - width / 2)}" y="${f(cy - 10)}" width="${f(width)}" height="20" rx="10" fill="${WHITE}" stroke="${stroke || INK}" stroke-width="2"/>` +
    `<text x="${f(cx)}" y="${f(cy + 4.5)}" text-anchor="middle" font-size="12.5" font-weight="700" fill="${INK}">${text}</text>` +
    `</g>`
  );
}

function renderEdge(edge: LaidOutEdge, variant: MindMapLayout['variant']): string {
  const mid = (edge.x1 + edge.x2) / 2;
  const d = `M${f(edge.x1)} ${f(edge.y1)}C${f(mid)} ${f(edge.y1)} ${f(mid)} ${f(edge.y2)} ${f(edge.x2)} ${f(edge.y2)}`;
  const colour = variant === 'evidence' ? '#5c5c5c' : branchColour(edge.branch);
  const width = edge.depth === 1 ? 3 : edge.depth === 2 ? 2 : 1.5;
  return `<path class="mm-edge" data-to="${edge.to}" d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"/>`;
}

function renderLegend(layout: MindMapLayout): string {
  const legend = layout.legend;
  if (!legend) return '';
  const midY = legend.y + LEGEND.swatchHeight / 2;
  const items = legend.items
    .map((item) => {
      const look = LOOK[item.kind];
      return (
        `<g transform="translate(${f(item.x)} ${f(legend.y)})">` +
        `<path d="${shapePath(item.kind, LEGEND.swatchWidth, LEGEND.swatchHeight)}" fill="${look.fill}" stroke="${look.stroke}" stroke-width="${Math.min(look.strokeWidth, 2.5)}"/>` +
        `<text x="${LEGEND.swatchWidth + 8}" y="${f(LEGEND.swatchHeight / 2 + LEGEND.fontSize * 0.35)}" font-size="${LEGEND.fontSize}" fill="${INK}">${escapeXml(item.label)}</text>` +
        `</g>`
      );
    })
    .join('');
  return (
    `<g class="mm-legend">` +
    `<text x="${legend.x}" y="${f(midY + LEGEND.fontSize * 0.35)}" font-size="${LEGEND.fontSize}" font-weight="700" fill="${INK}">Chú giải:</text>` +
    items +
    `</g>`
  );
}

/**
 * Writes a laid-out map as SVG markup: self-contained (presentation attributes, no CSS), so
 * the same string works inline, as a downloaded file and drawn into a canvas for PNG.
 * @param layout the laid-out map
 * @param options title, text alternative, standalone file or inline image
 */
export function renderMindMapSvg(layout: MindMapLayout, options: SvgOptions): string {
  const { width, height } = layout;
  const attrs = [
    'xmlns="http://www.w3.org/2000/svg"',
    `viewBox="0 0 ${width} ${height}"`,
    `width="${width}"`,
    `height="${height}"`,
    `font-family="${escapeXml(MINDMAP_FONT)}"`,
  ];
  if (!options.standalone)
    attrs.push('class="mindmap__svg"', 'role="img"', `aria-label="${escapeXml(options.description ?? options.title)}"`);
  const background = options.standalone ? `<rect width="${width}" height="${height}" fill="${WHITE}"/>` : '';
  return (
    (options.standalone ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '') +
    `<svg ${attrs.join(' ')}>` +
    `<title>${escapeXml(options.title)}</title>` +
    background +
    renderLegend(layout) +
    `<g class="mm-edges">${layout.edges.map((e) => renderEdge(e, layout.variant)).join('')}</g>` +
    `<g class="mm-nodes">${layout.nodes.map(renderNode).join('')}</g>` +
    `</svg>`
  );
}
