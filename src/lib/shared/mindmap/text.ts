/**
 * Text measurement without a browser. Labels are wrapped at build time, so widths are
 * estimated from Arial's advance widths (Liberation Sans, Arial's metric twin, is what
 * Linux browsers substitute), with a small safety margin. The SVG names the same fonts.
 */

/** Font stack of every mind-map label: metric-compatible fonts first, so estimates hold. */
export const MINDMAP_FONT = "Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, sans-serif";

// Advance widths in thousandths of an em (Arial regular).
// prettier-ignore
const WIDTHS: Record<string, number> = {
  ' ': 278, '!': 278, '"': 355, '#': 556, $: 556, '%': 889, '&': 667, "'": 191, '(': 333, ')': 333,
  '*': 389, '+': 584, ',': 278, '-': 333, '.': 278, '/': 278, ':': 278, ';': 278, '<': 584, '=': 584,
  '>': 584, '?': 556, '@': 1015, '[': 278, ']': 278, _: 556, '–': 556, '—': 1000, '“': 333, '”': 333,
  '‘': 222, '’': 222, '…': 1000, '·': 278,
  a: 556, b: 556, c: 500, d: 556, e: 556, f: 278, g: 556, h: 556, i: 222, j: 222, k: 500, l: 222, m: 833,
  n: 556, o: 556, p: 556, q: 556, r: 333, s: 500, t: 278, u: 556, v: 500, w: 722, x: 500, y: 500, z: 500,
  A: 667, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 722, I: 278, J: 500, K: 667, L: 556, M: 833,
  N: 722, O: 778, P: 667, Q: 778, R: 722, S: 667, T: 611, U: 722, V: 667, W: 944, X: 667, Y: 667, Z: 611,
  đ: 556, Đ: 722,
};
const DIGIT = 556;
const UNKNOWN = 600;
const BOLD_FACTOR = 1.08;
const SAFETY = 1.04;

/** Measures a label's width in pixels. */
export type TextMeasure = (text: string, fontSize: number, bold: boolean) => number;

/**
 * Estimated rendered width of `text` in pixels.
 * @param text one line of text
 * @param fontSize font size in pixels
 * @param bold whether the text is bold
 */
export const estimateTextWidth: TextMeasure = (text, fontSize, bold) => {
  let units = 0;
  for (const char of text.normalize('NFC')) {
    // Vietnamese letters carry marks above or below: the base letter sets the advance.
    const base = char === 'đ' || char === 'Đ' ? char : (char.normalize('NFD')[0] ?? char);
    units += WIDTHS[base] ?? (base >= '0' && base <= '9' ? DIGIT : UNKNOWN);
  }
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1) * SAFETY;
};

/**
 * Breaks text into lines no wider than `maxWidth`, at spaces; a word longer than a line is
 * cut where it overflows.
 * @param text the label
 * @param maxWidth available width in pixels
 * @param fontSize font size in pixels
 * @param bold whether the text is bold
 * @param measure width function (the estimate by default)
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  bold: boolean,
  measure: TextMeasure = estimateTextWidth,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate, fontSize, bold) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (measure(line, fontSize, bold) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut), fontSize, bold) > maxWidth) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}
