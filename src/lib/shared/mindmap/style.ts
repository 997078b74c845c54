import type { NodeKind } from './tree';

/** Box and type metrics of a node, which the layout needs to size it. */
export interface NodeMetrics {
  fontSize: number;
  bold: boolean;
  /** Widest the text may run before it wraps. */
  maxTextWidth: number;
  padX: number;
  padY: number;
  /** Extra room below the text (the wavy edge of a document shape). */
  padBottom: number;
}

/** Line height as a multiple of the font size (Vietnamese marks need room above and below). */
export const LINE_HEIGHT = 1.32;

/**
 * Metrics by node type and depth. Sizes stay at 13.5 px and above so a map printed on A4 or
 * shown at "fit" on a projector remains legible.
 * @param kind node type
 * @param depth 0 for the root
 */
export function nodeMetrics(kind: NodeKind, depth: number): NodeMetrics {
  switch (kind) {
    case 'root':
      return { fontSize: 17, bold: true, maxTextWidth: 230, padX: 14, padY: 10, padBottom: 0 };
    case 'fact':
      return { fontSize: 14.5, bold: true, maxTextWidth: 230, padX: 12, padY: 9, padBottom: 0 };
    case 'evidence':
      return { fontSize: 14, bold: false, maxTextWidth: 240, padX: 10, padY: 8, padBottom: 0 };
    case 'source':
      return { fontSize: 13.5, bold: false, maxTextWidth: 200, padX: 10, padY: 8, padBottom: 7 };
    case 'assessment':
      // The hexagon's pointed ends take room on both sides.
      return { fontSize: 14, bold: false, maxTextWidth: 250, padX: 22, padY: 8, padBottom: 0 };
    case 'topic':
      return depth === 1
        ? { fontSize: 15.5, bold: true, maxTextWidth: 170, padX: 12, padY: 8, padBottom: 0 }
        : { fontSize: 14, bold: false, maxTextWidth: 300, padX: 10, padY: 6, padBottom: 0 };
  }
}

/**
 * Branch colours: dark enough for 4.5:1 against white, and told apart in black and white by
 * position and line weight, never by colour alone.
 */
export const BRANCH_COLOURS = ['#0b4f8a', '#a3161a', '#1e6b34', '#8a4b00', '#5b2a86', '#00607a', '#7a2e57', '#4a5a00'];

/** Colour of a top-level branch (the root and unknown branches use the brand blue). */
export function branchColour(branch: number): string {
  if (branch < 0) return BRANCH_COLOURS[0];
  return BRANCH_COLOURS[branch % BRANCH_COLOURS.length];
}
