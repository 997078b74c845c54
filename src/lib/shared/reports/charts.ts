/**
 * Geometry of the dashboard's two charts, computed on the server and drawn as plain SVG (no
 * chart library reaches the browser). Pure functions: the components only place what these return.
 */

/** One bar: a label and a percentage. */
export interface BarInput {
  label: string;
  /** 0–100. */
  value: number;
  /** Text after the bar, e.g. "66,7% (120/180)". */
  valueText: string;
}

/** A bar placed in the SVG's coordinates. */
export interface PlacedBar extends BarInput {
  /** Label shortened to fit the label column (the full one goes in the bar's <title>). */
  shortLabel: string;
  y: number;
  width: number;
  labelY: number;
}

/** Layout constants of the bar chart (SVG user units). */
export const BAR_CHART = { width: 780, labelWidth: 290, valueWidth: 160, barHeight: 20, gap: 10, top: 28, bottom: 24 };

/** Shortens a label to `max` characters with an ellipsis, cutting at a word boundary when it can. */
export function shorten(label: string, max: number): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Horizontal bars of percentages on a 0–100 scale.
 * @returns the bars, the SVG height, the x of 0% and the width of 100%, and gridlines every 25%
 */
export function layoutBars(items: readonly BarInput[]): {
  bars: PlacedBar[];
  height: number;
  x0: number;
  scale: number;
  grid: { x: number; label: string }[];
} {
  const { width, labelWidth, valueWidth, barHeight, gap, top, bottom } = BAR_CHART;
  const x0 = labelWidth + 8;
  const scale = width - x0 - valueWidth;
  const bars = items.map((item, i) => {
    const y = top + i * (barHeight + gap);
    const value = Math.max(0, Math.min(100, item.value));
    return {
      ...item,
      shortLabel: shorten(item.label, 40),
      y,
      width: (value / 100) * scale,
      labelY: y + barHeight / 2,
    };
  });
  const grid = [0, 25, 50, 75, 100].map((p) => ({ x: x0 + (p / 100) * scale, label: `${p}%` }));
  return { bars, height: top + items.length * (barHeight + gap) - gap + bottom, x0, scale, grid };
}

/** A point of the line chart. */
export interface LinePoint {
  label: string;
  value: number;
}

/** Layout constants of the line chart. */
export const LINE_CHART = { width: 760, height: 260, left: 48, right: 16, top: 16, bottom: 40 };

/** A "nice" upper bound and step for an axis from 0 to `max` (1, 2 or 5 × 10^k steps). */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * A polyline of counts over time with a nice y axis and x labels thinned so they do not overlap.
 * @returns the path ("M x y L …"), the placed points, y ticks and the x labels to print
 */
export function layoutLine(points: readonly LinePoint[]): {
  path: string;
  placed: (LinePoint & { x: number; y: number })[];
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  baseline: number;
} {
  const { width, height, left, right, top, bottom } = LINE_CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = Math.max(0, ...points.map((p) => p.value));
  const { top: yMax, step } = niceScale(max);
  const baseline = top + plotHeight;
  const xOf = (i: number) => (points.length <= 1 ? left + plotWidth / 2 : left + (i / (points.length - 1)) * plotWidth);
  const yOf = (v: number) => baseline - (v / yMax) * plotHeight;
  const placed = points.map((p, i) => ({ ...p, x: xOf(i), y: yOf(p.value) }));
  const path = placed.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
  const yTicks: { y: number; label: string }[] = [];
  for (let v = 0; v <= yMax + 1e-9; v += step) yTicks.push({ y: yOf(v), label: String(Math.round(v)) });
  // About 60 units per label keeps "dd/mm" and "mm/yyyy" apart.
  const every = Math.max(1, Math.ceil(points.length / Math.floor(plotWidth / 60)));
  const xLabels = placed.filter((_, i) => i % every === 0).map((p) => ({ x: p.x, label: p.label }));
  return { path, placed, yTicks, xLabels, baseline };
}
