/**
 * Geometry of the analysis charts, without a DOM: nice axis ticks, linear
 * scales, bands for bars and cells, number formats, label truncation.
 * Deterministic: the same input gives the same layout everywhere.
 */
import { measureLabel } from '@/lib/tree/labels';

export interface Ticks {
  /** The axis runs from min to max: the data's range widened to whole steps. */
  min: number;
  max: number;
  step: number;
  values: number[];
  /** Decimals that show every tick exactly. */
  decimals: number;
}

/** The step of about `count` intervals over `span`: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) throw new RangeError(`span must be a positive finite number, got ${span}`);
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  const m = r <= 1 + 1e-9 ? 1 : r <= 2 + 1e-9 ? 2 : r <= 5 + 1e-9 ? 5 : 10;
  return m * mag;
}

/**
 * Ticks over [lo, hi] (in either order) at a nice step, about `count`
 * intervals. A single value is widened by 10 % of itself each way (by 1 when
 * it is 0; a range too narrow to tick counts as one value), so the axis always has room.
 */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`axis bounds must be finite, got ${lo} and ${hi}`);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12 || hi - lo < 1e-200) {
    // One value (or as good as one): widen it so the axis has room.
    const mid = (lo + hi) / 2;
    const d = Math.abs(mid) < 1e-200 ? 1 : Math.abs(mid) * 0.1;
    lo = mid - d;
    hi = mid + d;
  }
  const step = niceStep(hi - lo, count);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) {
    const v = Number((i * step).toPrecision(12)); // i·step without its binary fuzz (0.30000000000000004 → 0.3)
    values.push(Object.is(v, -0) ? 0 : v);
  }
  return { min: values[0] as number, max: values[values.length - 1] as number, step, values, decimals };
}

function roundTo(v: number, decimals: number): number {
  const r = decimals > 0 && decimals <= 20 ? Number(v.toFixed(decimals)) : Math.round(v);
  return Object.is(r, -0) ? 0 : r;
}

/** A tick label: the tick's decimals, thousands grouped (past 10 decimals, four significant digits). */
export function formatTick(v: number, decimals: number): string {
  if (decimals > 10) return formatValue(v);
  const d = Math.min(20, Math.max(0, decimals));
  const s = roundTo(v, d).toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
  return s === '-0' ? '0' : s;
}

/** A value in a label or a table: four significant digits, thousands grouped; "—" when it is not a finite number. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v !== 0 && (Math.abs(v) >= 1e15 || Math.abs(v) < 1e-4)) return v.toExponential(3);
  const s = v.toLocaleString('en', { maximumSignificantDigits: 4 });
  return s === '-0' ? '0' : s;
}

/** A probability or share as a percentage with one decimal. */
export function formatPercent(p: number): string {
  return `${(p * 100).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Maps [d0, d1] linearly onto [r0, r1]; a degenerate domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

export interface Bands {
  /** Distance from one band's start to the next. */
  step: number;
  /** Width of each band (the step less the padding). */
  width: number;
  /** Start of band i. */
  start(i: number): number;
  /** Middle of band i. */
  centre(i: number): number;
}

/** `n` equal bands from r0 to r1, with `padding` (0–1) of each step left empty, half on each side. */
export function bands(n: number, r0: number, r1: number, padding = 0): Bands {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bands need a whole number of at least 1, got ${n}`);
  const step = (r1 - r0) / n;
  const width = step * (1 - padding);
  const start = (i: number) => r0 + i * step + (step - width) / 2;
  return { step, width, start, centre: (i) => start(i) + width / 2 };
}

/** Bold text measures this much wider than regular (the node card's factor). */
export const BOLD_WIDTH_SCALE = 1.09;

/** `text` cut to fit `maxWidth` px on one line (with "…"), as the chart font measures it; `bold` widens the measure. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  return measureLabel(text, { fontSize, maxWidth, maxLines: 1, widthScale: bold ? BOLD_WIDTH_SCALE : 1 }).lines[0] ?? '';
}
