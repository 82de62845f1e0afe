/**
 * The analysis charts, each defined once as a `ChartSpec`: its size, its
 * accessible name and summary, its SVG elements (lib/card's element trees)
 * and the data table behind it. Two painters draw a spec and nothing else:
 * the React components in components/analysis/charts (live, with a visually
 * hidden table) and `chartSvgMarkup` (standalone SVG text for export and the
 * brief, every text escaped). Words come from lib/messages/sensitivity.ts;
 * colours and type face from the node card's palette. Pure: no DOM.
 */
import { CARD_FONT, PALETTE, type SvgEl, type SvgTag } from '@/lib/card/card';
import { escapeXml, num, svgMarkup } from '@/lib/card/markup';
import { textWidth } from '@/lib/tree/labels';
import { CHART_WORDS as W, chartSummary } from '@/lib/messages/sensitivity';
import { BOLD_WIDTH_SCALE, bands, fitText, formatPercent, formatTick, formatValue, linearScale, niceTicks, type Ticks } from './chart-geometry';
import { histogram, type MonteCarloResult } from './montecarlo';
import type { Outcome, SpiderResult, TornadoResult, TwoWayResult } from './sensitivity';
import { digits } from '@/lib/messages/count';

export interface DataTable {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface ChartSpec {
  width: number;
  height: number;
  /** The accessible name, the SVG <title> and the visible heading. */
  title: string;
  /** A summary of the values, the SVG <desc>. */
  desc: string;
  elements: SvgEl[];
  table: DataTable;
}

/** How the caller names things the analysis knows by id, and the value's axis title. */
export interface ChartText {
  /** The root value's name and unit, for its axis ("Expected value (USD m)"). */
  valueLabel?: string;
  optionName?: (id: string) => string;
  assumptionName?: (id: string) => string;
  width?: number;
}

// ---------------------------------------------------------------- drawing kit

const FONT = { title: 14, axisTitle: 12, tick: 11, label: 12, small: 10.5, legend: 11.5 } as const;
const PAD = 16;
const TITLE_H = 26;
const LEGEND_ROW = 18;
const SWATCH = 12;
const GRID = PALETTE.badge;
const AXIS = PALETTE.toggleStroke;

/** Series colours, in order: the card's kind colours. */
export const SERIES_COLOURS = [PALETTE.option, PALETTE.chance, PALETTE.outcome, PALETTE.assume, PALETTE.risk, PALETTE.indic, PALETTE.decision, PALETTE.ink3] as const;
/** Beyond the colours, series differ by dash too. */
const SERIES_DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;

export function seriesStyle(i: number): { colour: string; dash: string } {
  return { colour: SERIES_COLOURS[i % SERIES_COLOURS.length] as string, dash: SERIES_DASHES[Math.floor(i / SERIES_COLOURS.length) % SERIES_DASHES.length] as string };
}

const el = (tag: SvgTag, attrs: Record<string, string | number>, children?: (SvgEl | string)[]): SvgEl => (children ? { tag, attrs, children } : { tag, attrs });

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash = ''): SvgEl {
  const a: Record<string, string | number> = { d: `M${num(x1)} ${num(y1)}L${num(x2)} ${num(y2)}`, stroke, strokeWidth: width, fill: 'none' };
  if (dash) a.strokeDasharray = dash;
  return el('path', a);
}

function text(x: number, y: number, s: string, o: { size?: number; anchor?: 'start' | 'middle' | 'end'; fill?: string; weight?: number; rotate?: boolean } = {}): SvgEl {
  const a: Record<string, string | number> = { x, y, fontSize: o.size ?? FONT.tick, fill: o.fill ?? PALETTE.ink2 };
  if (o.anchor && o.anchor !== 'start') a.textAnchor = o.anchor;
  if (o.weight) a.fontWeight = o.weight;
  if (o.rotate) a.transform = `rotate(-90 ${num(x)} ${num(y)})`;
  return el('text', a, [s]);
}

function rect(x: number, y: number, w: number, h: number, fill: string, extra: Record<string, string | number> = {}): SvgEl {
  return el('rect', { x: Math.min(x, x + w), y: Math.min(y, y + h), width: Math.abs(w), height: Math.abs(h), fill, ...extra });
}

type Swatch = { kind: 'rect'; colour: string; opacity?: number } | { kind: 'line'; colour: string; dash?: string; width?: number } | { kind: 'mark'; colour: string; symbol: string };
interface LegendItem {
  label: string;
  swatch: Swatch;
}

function swatchEl(s: Swatch, x: number, y: number): SvgEl {
  if (s.kind === 'rect') return rect(x, y, SWATCH, SWATCH, s.colour, s.opacity !== undefined ? { fillOpacity: s.opacity, stroke: s.colour } : {});
  if (s.kind === 'line') return line(x - 2, y + SWATCH / 2, x + SWATCH + 6, y + SWATCH / 2, s.colour, s.width ?? 2, s.dash ?? '');
  return text(x + SWATCH / 2, y + SWATCH - 1, s.symbol, { size: SWATCH, anchor: 'middle', fill: s.colour, weight: 700 });
}

/** Legend entries in rows that wrap at `maxWidth`; returns the elements and the height used. */
function legend(items: readonly LegendItem[], x0: number, y0: number, maxWidth: number): { elements: SvgEl[]; height: number } {
  const out: SvgEl[] = [];
  let x = x0;
  let y = y0;
  for (const it of items) {
    const label = fitText(it.label, maxWidth - SWATCH - 12, FONT.legend);
    const w = SWATCH + 10 + textWidth(label, FONT.legend) + 18;
    if (x > x0 && x + w > x0 + maxWidth) {
      x = x0;
      y += LEGEND_ROW;
    }
    out.push(swatchEl(it.swatch, x, y), text(x + SWATCH + 10, y + SWATCH - 1, label, { size: FONT.legend, fill: PALETTE.ink2 }));
    x += w;
  }
  return { elements: [el('g', { className: 'chart-legend' }, out)], height: items.length ? y - y0 + LEGEND_ROW : 0 };
}

/** The horizontal axis: grid lines up the plot, tick labels and the title below. */
function xAxis(t: Ticks, x: (v: number) => number, top: number, bottom: number, title: string, fmt: (v: number) => string = (v) => formatTick(v, t.decimals)): SvgEl {
  const kids: SvgEl[] = [];
  for (const v of t.values) {
    kids.push(line(x(v), top, x(v), bottom, GRID), line(x(v), bottom, x(v), bottom + 4, AXIS));
    kids.push(text(x(v), bottom + 16, fmt(v), { anchor: 'middle' }));
  }
  kids.push(line(x(t.min), bottom, x(t.max), bottom, AXIS));
  kids.push(text((x(t.min) + x(t.max)) / 2, bottom + 34, title, { size: FONT.axisTitle, anchor: 'middle', fill: PALETTE.ink, weight: 600 }));
  return el('g', { className: 'chart-axis chart-axis-x' }, kids);
}

/** The vertical axis: grid lines across the plot, tick labels and the title turned up the left side. */
function yAxis(t: Ticks, y: (v: number) => number, left: number, right: number, title: string, titleX: number, fmt: (v: number) => string = (v) => formatTick(v, t.decimals)): SvgEl {
  const kids: SvgEl[] = [];
  for (const v of t.values) {
    kids.push(line(left, y(v), right, y(v), GRID), line(left - 4, y(v), left, y(v), AXIS));
    kids.push(text(left - 7, y(v) + 4, fmt(v), { anchor: 'end' }));
  }
  kids.push(line(left, y(t.min), left, y(t.max), AXIS));
  kids.push(text(titleX, (y(t.min) + y(t.max)) / 2, title, { size: FONT.axisTitle, anchor: 'middle', fill: PALETTE.ink, weight: 600, rotate: true }));
  return el('g', { className: 'chart-axis chart-axis-y' }, kids);
}

function heading(title: string, width: number): SvgEl {
  return text(PAD, PAD + 12, fitText(title, width - 2 * PAD, FONT.title, true), { size: FONT.title, fill: PALETTE.ink, weight: 700 });
}

/** The widest tick label of an axis, for the room left of the plot. */
function tickLabelWidth(t: Ticks, fmt: (v: number) => string = (v) => formatTick(v, t.decimals)): number {
  return Math.max(...t.values.map((v) => textWidth(fmt(v), FONT.tick)));
}

function frame(width: number, height: number, title: string, desc: string, body: SvgEl[], table: DataTable): ChartSpec {
  return { width, height, title, desc, elements: [rect(0, 0, width, height, PALETTE.paper), heading(title, width), ...body], table };
}

const values = (...os: Outcome[]) => os.flatMap((o) => (o.ok ? [o.value] : []));
const bestNames = (best: readonly string[], name: (id: string) => string) => best.map(name).join(W.tieJoin);
const ident = (id: string) => id;

// ---------------------------------------------------------------- tornado

export function tornadoChart(t: TornadoResult, o: ChartText = {}): ChartSpec {
  const width = o.width ?? 680;
  const name = o.assumptionName ?? ident;
  const valueLabel = o.valueLabel ?? W.rootValue;
  const title = t.mode === 'fixed' ? W.tornadoFixed : W.tornadoReoptimised;
  const colours = { low: PALETTE.chance, high: PALETTE.option };
  const items: LegendItem[] = [
    { label: W.atLow, swatch: { kind: 'rect', colour: colours.low } },
    { label: W.atHigh, swatch: { kind: 'rect', colour: colours.high } },
    { label: W.baseValue, swatch: { kind: 'line', colour: PALETTE.ink, dash: '4 3', width: 1.5 } },
    { label: W.changesBest, swatch: { kind: 'mark', colour: PALETTE.risk, symbol: '◆' } },
  ];
  const leg = legend(items, PAD, PAD + TITLE_H, width - 2 * PAD);
  const MARK = 14; // room for the ◆ left of a name
  const labelW = Math.min(240, Math.max(110, ...t.bars.map((b) => textWidth(b.name, FONT.label, BOLD_WIDTH_SCALE) + 8)));
  const left = PAD + MARK + labelW + 12;
  const right = width - PAD - 8;
  const INPUT_ROOM = 30; // for the input values written beyond the bars' ends
  const top = PAD + TITLE_H + leg.height + 22;
  const rowH = 38;
  const bottom = top + Math.max(1, t.bars.length) * rowH + 6;
  const all = [...values(t.base), ...t.bars.flatMap((b) => values(b.atLow, b.atHigh))];
  const ticks = niceTicks(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1, 6);
  const x = linearScale(ticks.min, ticks.max, left + INPUT_ROOM, right - INPUT_ROOM);
  const body: SvgEl[] = [...leg.elements, xAxis(ticks, x, top - 6, bottom, valueLabel)];
  const rows: SvgEl[] = [];
  t.bars.forEach((b, i) => {
    const cy = top + i * rowH + rowH / 2;
    const lx = PAD + MARK;
    const kids: SvgEl[] = [text(lx, cy - 3, fitText(b.name, labelW, FONT.label, true), { size: FONT.label, fill: PALETTE.ink, weight: 600 })];
    if (b.changesBest) kids.push(text(PAD, cy - 3, '◆', { size: FONT.label, fill: PALETTE.risk }));
    const assumptions = b.assumptionIds.length ? b.assumptionIds.map(name).join('; ') : W.noAssumption;
    kids.push(text(lx, cy + 11, fitText(assumptions, labelW, FONT.small), { size: FONT.small, fill: b.assumptionIds.length ? PALETTE.assume : PALETTE.ink3 }));
    if (t.base.ok) {
      const bx = x(t.base.value);
      for (const side of ['low', 'high'] as const) {
        const out = side === 'low' ? b.atLow : b.atHigh;
        if (!out.ok) continue;
        const ex = x(out.value);
        kids.push(rect(bx, cy - 8, ex - bx, 16, colours[side]));
        const input = formatValue(side === 'low' ? b.low : b.high);
        const leftward = ex < bx || (ex === bx && side === 'low');
        kids.push(text(leftward ? ex - 4 : ex + 4, cy + 4, input, { size: FONT.small, anchor: leftward ? 'end' : 'start', fill: PALETTE.ink2 }));
      }
    }
    const failed = [b.atLow, b.atHigh].find((r) => !r.ok);
    if (failed && !failed.ok) kids.push(text(left + 4, cy + 16, fitText(`${W.failed}: ${failed.message}`, right - left - 8, FONT.small), { size: FONT.small, fill: PALETTE.risk }));
    rows.push(el('g', { className: 'chart-bar' }, kids));
  });
  body.push(...rows);
  if (t.base.ok) body.push(line(x(t.base.value), top - 6, x(t.base.value), bottom, PALETTE.ink, 1.5, '4 3'));
  else body.push(text(left, top + 10, fitText(`${W.baseFailed}: ${t.base.message}`, right - left, FONT.small), { size: FONT.small, fill: PALETTE.risk }));
  const table: DataTable = {
    caption: title,
    head: [W.colParameter, W.colAssumptions, W.colLow, W.colHigh, W.colAtLow, W.colAtHigh, W.colSwing, W.colChangesBest],
    rows: t.bars.map((b) => [
      b.name,
      b.assumptionIds.map(name).join('; ') || W.noAssumption,
      formatValue(b.low),
      formatValue(b.high),
      b.atLow.ok ? formatValue(b.atLow.value) : `${W.failed}: ${b.atLow.message}`,
      b.atHigh.ok ? formatValue(b.atHigh.value) : `${W.failed}: ${b.atHigh.message}`,
      formatValue(b.swing),
      b.changesBest ? W.yes : W.no,
    ]),
  };
  const top1 = t.bars[0];
  const desc = chartSummary.tornado(t.bars.length, top1 ? { name: top1.name, swing: formatValue(top1.swing) } : null, t.base.ok ? formatValue(t.base.value) : null, t.bars.filter((b) => b.changesBest).map((b) => b.name));
  return frame(width, bottom + 52, title, desc, body, table);
}

// ---------------------------------------------------------------- spider

export function spiderChart(s: SpiderResult, o: ChartText = {}): ChartSpec {
  const width = o.width ?? 680;
  const valueLabel = o.valueLabel ?? W.rootValue;
  const shown = s.series.filter((r) => r.points.some((p) => p.pct !== null && p.outcome.ok));
  const items: LegendItem[] = shown.map((r, i) => ({ label: r.name, swatch: { kind: 'line', ...seriesStyle(i) } }));
  const leg = legend(items, PAD, PAD + TITLE_H, width - 2 * PAD);
  const pts = shown.flatMap((r) => r.points.filter((p) => p.pct !== null && p.outcome.ok));
  const pcts = pts.map((p) => p.pct as number);
  const vals = [...pts.flatMap((p) => values(p.outcome)), ...values(s.base)];
  const xt = niceTicks(pcts.length ? Math.min(...pcts, 0) : -10, pcts.length ? Math.max(...pcts, 0) : 10, 6);
  const yt = niceTicks(vals.length ? Math.min(...vals) : 0, vals.length ? Math.max(...vals) : 1, 5);
  const left = PAD + 22 + tickLabelWidth(yt) + 10;
  const right = width - PAD - 8;
  const top = PAD + TITLE_H + leg.height + 14;
  const bottom = top + 280;
  const x = linearScale(xt.min, xt.max, left, right);
  const y = linearScale(yt.min, yt.max, bottom, top);
  const pctFmt = (v: number) => `${formatTick(v, xt.decimals)}%`;
  const body: SvgEl[] = [...leg.elements, xAxis(xt, x, top, bottom, W.changeFromBase, pctFmt), yAxis(yt, y, left, right, valueLabel, PAD + 8)];
  body.push(line(x(0), top, x(0), bottom, PALETTE.ink3, 1, '4 3'));
  shown.forEach((r, i) => {
    const st = seriesStyle(i);
    let d = '';
    let pen = false;
    const marks: SvgEl[] = [];
    for (const p of r.points) {
      if (p.pct === null || !p.outcome.ok) {
        pen = false; // an error breaks the line: never drawn as 0
        continue;
      }
      d += `${pen ? 'L' : 'M'}${num(x(p.pct))} ${num(y(p.outcome.value))}`;
      pen = true;
      marks.push(el('circle', { cx: x(p.pct), cy: y(p.outcome.value), r: 2.8, fill: PALETTE.paper, stroke: st.colour, strokeWidth: 1.5 }));
    }
    const a: Record<string, string | number> = { d, stroke: st.colour, strokeWidth: 2, fill: 'none' };
    if (st.dash) a.strokeDasharray = st.dash;
    body.push(el('g', { className: 'chart-series' }, [el('path', a), ...marks]));
  });
  const table: DataTable = {
    caption: W.spider,
    head: [W.colParameter, W.colValue, W.changeFromBase, valueLabel],
    rows: s.series.flatMap((r) =>
      r.points.map((p) => [r.name, formatValue(p.x), p.pct === null ? W.noPercent : `${formatValue(p.pct)}%`, p.outcome.ok ? formatValue(p.outcome.value) : `${W.failed}: ${p.outcome.message}`]),
    ),
  };
  const desc = chartSummary.spider(shown.length, s.series.length - shown.length, s.base.ok ? formatValue(s.base.value) : null);
  return frame(width, bottom + 52, W.spider, desc, body, table);
}

// ---------------------------------------------------------------- risk profile

export interface RiskPoint {
  value: number;
  probability: number;
}

/** The distribution of the best policy's outcomes: a bar per value and the cumulative probability as a step. */
export function riskProfileChart(points: readonly RiskPoint[], o: ChartText = {}): ChartSpec {
  const width = o.width ?? 680;
  const valueLabel = o.valueLabel ?? W.outcomeValue;
  const merged = new Map<number, number>();
  for (const p of points) if (Number.isFinite(p.value) && Number.isFinite(p.probability)) merged.set(p.value, (merged.get(p.value) ?? 0) + p.probability);
  const dist = [...merged].map(([value, probability]) => ({ value, probability })).sort((a, b) => a.value - b.value);
  let acc = 0;
  const cum = dist.map((p) => (acc += p.probability));
  const items: LegendItem[] = [
    { label: W.probability, swatch: { kind: 'rect', colour: PALETTE.option } },
    { label: W.cumulative, swatch: { kind: 'line', colour: PALETTE.outcome, width: 2 } },
  ];
  const leg = legend(items, PAD, PAD + TITLE_H, width - 2 * PAD);
  const vs = dist.map((p) => p.value);
  const xt = niceTicks(vs.length ? Math.min(...vs) : 0, vs.length ? Math.max(...vs) : 1, 6);
  const yt = niceTicks(0, Math.max(1, ...cum), 5);
  const pct = (v: number) => `${formatTick(v * 100, Math.max(0, yt.decimals - 2))}%`;
  const left = PAD + 22 + tickLabelWidth(yt, pct) + 10;
  const right = width - PAD - 12;
  const top = PAD + TITLE_H + leg.height + 14;
  const bottom = top + 240;
  const x = linearScale(xt.min, xt.max, left, right);
  const y = linearScale(yt.min, yt.max, bottom, top);
  const body: SvgEl[] = [...leg.elements, xAxis(xt, x, top, bottom, valueLabel), yAxis(yt, y, left, right, W.probability, PAD + 8, pct)];
  const barW = Math.max(3, Math.min(18, (right - left) / Math.max(8, dist.length * 2)));
  body.push(el('g', { className: 'chart-bars' }, dist.map((p) => rect(x(p.value) - barW / 2, bottom, barW, y(p.probability) - bottom, PALETTE.option))));
  if (dist.length) {
    let d = `M${num(left)} ${num(y(0))}`;
    dist.forEach((p, i) => (d += `H${num(x(p.value))}V${num(y(cum[i] as number))}`));
    d += `H${num(right)}`;
    body.push(el('path', { className: 'chart-cumulative', d, stroke: PALETTE.outcome, strokeWidth: 2, fill: 'none' }));
  }
  const table: DataTable = {
    caption: W.riskProfile,
    head: [valueLabel, W.probability, W.cumulative],
    rows: dist.map((p, i) => [formatValue(p.value), formatPercent(p.probability), formatPercent(cum[i] as number)]),
  };
  const desc = chartSummary.riskProfile(dist.length, vs.length ? formatValue(vs[0]) : null, vs.length ? formatValue(vs[vs.length - 1]) : null);
  return frame(width, bottom + 52, W.riskProfile, desc, body, table);
}

// ---------------------------------------------------------------- strategy regions

export function strategyRegionsChart(r: TwoWayResult, o: ChartText = {}): ChartSpec {
  const width = o.width ?? 680;
  const oname = o.optionName ?? ident;
  const regionName = (best: readonly string[]) => (best.length > 1 ? `${bestNames(best, oname)} ${W.tied}` : bestNames(best, oname));
  const title = W.strategyRegions(r.a.name, r.b.name);
  const items: LegendItem[] = r.regions.map((g, i) => ({ label: regionName(g.best), swatch: { kind: 'rect', colour: seriesStyle(i).colour, opacity: 0.55 } }));
  if (r.errors) items.push({ label: W.failedCells, swatch: { kind: 'rect', colour: PALETTE.rejectedFill } });
  const leg = legend(items, PAD, PAD + TITLE_H, width - 2 * PAD);
  const bt = niceTicks(Math.min(...r.b.values), Math.max(...r.b.values), 5);
  const at = niceTicks(Math.min(...r.a.values), Math.max(...r.a.values), 6);
  const left = PAD + 22 + tickLabelWidth(bt) + 10;
  const right = width - PAD - 8;
  const top = PAD + TITLE_H + leg.height + 14;
  const side = Math.min(right - left, 320);
  const bottom = top + side;
  const xb = bands(r.a.values.length, left, right, 0);
  const yb = bands(r.b.values.length, bottom, top, 0);
  const cellX = (i: number) => xb.start(i);
  const cellY = (j: number) => yb.start(j);
  const kids: SvgEl[] = [];
  r.cells.forEach((row, j) =>
    row.forEach((c, i) => {
      const g = c.ok ? r.regions.findIndex((q) => q.best.length === c.best.length && q.best.every((id, k) => id === c.best[k])) : -1;
      const fill = g >= 0 ? seriesStyle(g).colour : PALETTE.rejectedFill;
      kids.push(rect(cellX(i), cellY(j), xb.step, yb.step, fill, g >= 0 ? { fillOpacity: 0.55 } : {}));
    }),
  );
  // Axes at the cells' centres: the first cell's centre is the low value, the last's the high.
  const n = r.a.values.length;
  const m = r.b.values.length;
  const xs = linearScale(r.a.values[0] as number, r.a.values[n - 1] as number, xb.centre(0), xb.centre(n - 1));
  const ys = linearScale(r.b.values[0] as number, r.b.values[m - 1] as number, yb.centre(0), yb.centre(m - 1));
  const inside = (t: Ticks, lo: number, hi: number): Ticks => ({ ...t, values: t.values.filter((v) => v >= lo - 1e-12 && v <= hi + 1e-12) });
  const aT = inside(at, Math.min(...r.a.values), Math.max(...r.a.values));
  const bT = inside(bt, Math.min(...r.b.values), Math.max(...r.b.values));
  const body: SvgEl[] = [...leg.elements, el('g', { className: 'chart-cells', shapeRendering: 'crispEdges' }, kids)];
  body.push(axisTicksOnly(aT, xs, bottom, 'x', r.a.name, (left + right) / 2), axisTicksOnly(bT, ys, left, 'y', r.b.name, (top + bottom) / 2));
  body.push(rect(left, top, right - left, bottom - top, 'none', { stroke: AXIS, strokeWidth: 1 }));
  const table: DataTable = {
    caption: title,
    head: [`${r.b.name} \\ ${r.a.name}`, ...r.a.values.map((v) => formatValue(v))],
    rows: r.cells.map((row, j) => [formatValue(r.b.values[j]), ...row.map((c) => (c.ok ? regionName(c.best) : W.failed))]),
  };
  const desc = chartSummary.strategyRegions(
    r.regions.map((g) => ({ name: regionName(g.best), cells: g.cells })),
    r.errors,
    n * m,
  );
  return frame(width, bottom + 52, title, desc, body, table);
}

/** Tick marks and labels along one edge of the regions (no grid: the cells are the picture). */
function axisTicksOnly(t: Ticks, s: (v: number) => number, at: number, dir: 'x' | 'y', title: string, mid: number): SvgEl {
  const kids: SvgEl[] = [];
  for (const v of t.values) {
    const p = s(v);
    if (dir === 'x') kids.push(line(p, at, p, at + 4, AXIS), text(p, at + 16, formatTick(v, t.decimals), { anchor: 'middle' }));
    else kids.push(line(at - 4, p, at, p, AXIS), text(at - 7, p + 4, formatTick(v, t.decimals), { anchor: 'end' }));
  }
  if (dir === 'x') kids.push(text(mid, at + 34, title, { size: FONT.axisTitle, anchor: 'middle', fill: PALETTE.ink, weight: 600 }));
  else kids.push(text(PAD + 8, mid, title, { size: FONT.axisTitle, anchor: 'middle', fill: PALETTE.ink, weight: 600, rotate: true }));
  return el('g', { className: `chart-axis chart-axis-${dir}` }, kids);
}

// ---------------------------------------------------------------- Monte Carlo histogram

export function monteCarloHistogramChart(r: MonteCarloResult, o: ChartText & { bins?: number } = {}): ChartSpec {
  const width = o.width ?? 680;
  const valueLabel = o.valueLabel ?? W.rootValue;
  const oname = o.optionName ?? ident;
  const bins = histogram(r.values, o.bins ?? 30);
  const marks = [
    { key: 'p5', label: W.p5p95, v: r.p5, colour: PALETTE.chance, dash: '2 3' },
    { key: 'median', label: W.median, v: r.median, colour: PALETTE.assume, dash: '6 3' },
    { key: 'mean', label: W.mean, v: r.mean, colour: PALETTE.risk, dash: '' },
    { key: 'p95', label: '', v: r.p95, colour: PALETTE.chance, dash: '2 3' },
  ];
  const items: LegendItem[] = [
    { label: W.share, swatch: { kind: 'rect', colour: PALETTE.option, opacity: 0.75 } },
    ...marks.filter((m) => m.label).map((m) => ({ label: m.label, swatch: { kind: 'line' as const, colour: m.colour, dash: m.dash, width: 2 } })),
  ];
  const leg = legend(items, PAD, PAD + TITLE_H, width - 2 * PAD);
  const sub = W.runs(r.valid, r.done, r.invalid, r.seed);
  const subY = PAD + TITLE_H + leg.height + 6;
  const maxShare = r.valid ? Math.max(...bins.map((b) => b.count / r.valid)) : 1;
  const xt = niceTicks(r.min ?? 0, r.max ?? 1, 6);
  const yt = niceTicks(0, maxShare || 1, 5);
  const pct = (v: number) => `${formatTick(v * 100, Math.max(0, yt.decimals - 2))}%`;
  const left = PAD + 22 + tickLabelWidth(yt, pct) + 10;
  const right = width - PAD - 8;
  const top = subY + 22;
  const bottom = top + 240;
  const x = linearScale(xt.min, xt.max, left, right);
  const y = linearScale(yt.min, yt.max, bottom, top);
  const body: SvgEl[] = [...leg.elements, text(PAD, subY + 6, fitText(sub, width - 2 * PAD, FONT.small), { size: FONT.small, fill: PALETTE.ink3 })];
  body.push(xAxis(xt, x, top, bottom, valueLabel), yAxis(yt, y, left, right, W.share, PAD + 8, pct));
  body.push(
    el(
      'g',
      { className: 'chart-bars' },
      bins.map((b) => {
        const x0 = x(b.x0);
        const x1 = b.x0 === b.x1 ? x0 + 6 : x(b.x1);
        return rect(x0 + 0.5, bottom, Math.max(1, x1 - x0 - 1), y(b.count / r.valid) - bottom, PALETTE.option, { fillOpacity: 0.75 });
      }),
    ),
  );
  for (const m of marks) if (m.v !== null) body.push(line(x(m.v), top, x(m.v), bottom, m.colour, 2, m.dash));
  const table: DataTable = {
    caption: W.monteCarlo,
    head: [W.colStatistic, W.colValue],
    rows: [
      [W.validRuns, digits(r.valid)],
      [W.invalidRuns, digits(r.invalid)],
      [W.mean, formatValue(r.mean)],
      [W.median, formatValue(r.median)],
      [W.p5, formatValue(r.p5)],
      [W.p95, formatValue(r.p95)],
      ...r.probabilityBest.map((p) => [W.probabilityBest(oname(p.id)), formatPercent(p.probability)]),
    ],
  };
  const desc = chartSummary.monteCarlo(
    sub,
    { mean: formatValue(r.mean), median: formatValue(r.median), p5: formatValue(r.p5), p95: formatValue(r.p95) },
    r.probabilityBest.map((p) => ({ name: oname(p.id), share: formatPercent(p.probability) })),
  );
  return frame(width, bottom + 52, W.monteCarlo, desc, body, table);
}

// ---------------------------------------------------------------- export

/** A chart as standalone SVG text: the same elements the page draws, every text and attribute escaped. */
export function chartSvgMarkup(spec: ChartSpec): string {
  const { width, height } = spec;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(CARD_FONT)}" role="img" aria-label="${escapeXml(spec.title)}">`;
  out += `<title>${escapeXml(spec.title)}</title><desc>${escapeXml(spec.desc)}</desc>`;
  for (const e of spec.elements) out += svgMarkup(e);
  return `${out}</svg>`;
}
