/**
 * Deterministic sensitivity analysis over any evaluation of the tree (see
 * sensitivity-types.ts): one-way with the thresholds where the best option
 * changes, tornado (policy fixed at the base case or re-optimised), spider,
 * two-way strategy regions, and the "decisive" ranking of assumptions that
 * the Key Assumptions table shows.
 *
 * An evaluation that fails is carried as it is (an `Outcome` with ok: false
 * and its message), never turned into 0: a bar, a point or a cell with an
 * error is drawn and counted as one. Which option is best is the evaluation's
 * word (its `best`, ties all listed); this module compares those lists only.
 * Pure: no DOM, no React; every result is plain data a chart can draw.
 */
import type { EvalError, Evaluate, Evaluation, SensParameter } from './sensitivity-types';

/** What one evaluation gave: the root value and the best option(s), or the error. */
export type Outcome = { ok: true; value: number; best: string[]; options: Evaluation['options'] } | EvalError;

/** What is wrong with a parameter's range, for the caller to word (lib/messages/sensitivity.ts). */
export type ParameterProblem = { code: 'not-finite'; field: 'base' | 'low' | 'high' } | { code: 'low-above-high'; low: number; high: number };

export function parameterProblems(p: Pick<SensParameter, 'base' | 'low' | 'high'>): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  for (const field of ['base', 'low', 'high'] as const) if (!Number.isFinite(p[field])) out.push({ code: 'not-finite', field });
  if (!out.length && p.low > p.high) out.push({ code: 'low-above-high', low: p.low, high: p.high });
  return out;
}

function assertParameter(p: SensParameter): void {
  const problems = parameterProblems(p);
  if (problems.length) throw new RangeError(`parameter ${p.id}: ${problems.map((q) => q.code).join(', ')}`);
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`${what} must be an integer of at least 2, got ${n}`);
}

/** `n` evenly spaced values from low to high, both ends exact; one value when low = high. */
export function grid(low: number, high: number, n: number): number[] {
  assertCount(n, 'points');
  if (low === high) return [low];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i === n - 1 ? high : low + ((high - low) * i) / (n - 1));
  return out;
}

function outcome(r: Evaluation | EvalError): Outcome {
  if (!r.ok) return { ok: false, message: r.message };
  if (!Number.isFinite(r.value)) return { ok: false, message: `the root value is not a finite number (${r.value})` };
  return { ok: true, value: r.value, best: [...r.best].sort(), options: r.options };
}

function run(evaluate: Evaluate, id: string, x: number, policy?: 'base'): Outcome {
  return outcome(policy ? evaluate({ [id]: x }, policy) : evaluate({ [id]: x }));
}

/** The same best option(s): equal sorted id lists. */
export function sameBest(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

// ---------------------------------------------------------------- one-way

export interface OneWayPoint {
  x: number;
  outcome: Outcome;
}

/**
 * A value of the parameter where the best option changes. The change lies in
 * [lo, hi], an interval no wider than the tolerance (unless `narrowed` is
 * false: an evaluation inside it failed, and [lo, hi] is as far as bisection
 * got); `at` is its middle, or the grid value where the options tie.
 */
export interface Threshold {
  at: number;
  lo: number;
  hi: number;
  /** The best option(s) just below and just above. */
  before: string[];
  after: string[];
  narrowed: boolean;
}

export interface OneWayResult {
  parameter: SensParameter;
  points: OneWayPoint[];
  thresholds: Threshold[];
  tolerance: number;
  /** Evaluations that failed during bisection (the points carry their own). */
  errors: { x: number; message: string }[];
}

export interface OneWayOptions {
  /** Bisection stops when the interval is this narrow; default (high − low)·1e-6. */
  tolerance?: number;
  /** Passed to evaluate: 'base' keeps the base case's decisions. */
  policy?: 'base';
}

/**
 * The root value across low..high at `points` evenly spaced values, and every
 * threshold between neighbouring points whose best options differ, found by
 * bisection. A change that goes and comes back between two grid points is
 * not seen: raise `points` to see finer.
 */
export function oneWay(evaluate: Evaluate, param: SensParameter, points = 11, opts: OneWayOptions = {}): OneWayResult {
  assertParameter(param);
  const tolerance = opts.tolerance ?? (param.high - param.low) * 1e-6;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new RangeError(`tolerance must be a finite number of at least 0, got ${tolerance}`);
  const xs = grid(param.low, param.high, points);
  const pts = xs.map((x) => ({ x, outcome: run(evaluate, param.id, x, opts.policy) }));
  const errors: OneWayResult['errors'] = [];
  const found: Threshold[] = [];

  const locate = (lo: number, bestLo: string[], hi: number, bestHi: string[]): void => {
    // Bisection: the best option is bestLo at lo and bestHi at hi; halve until narrow enough.
    while (hi - lo > tolerance) {
      const mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) break; // no double between them
      const o = run(evaluate, param.id, mid, opts.policy);
      if (!o.ok) {
        errors.push({ x: mid, message: o.message });
        found.push({ at: lo + (hi - lo) / 2, lo, hi, before: bestLo, after: bestHi, narrowed: false });
        return;
      }
      if (sameBest(o.best, bestLo)) lo = mid;
      else if (sameBest(o.best, bestHi)) hi = mid;
      else {
        // A third best (or a tie) inside: two changes, one on each side.
        locate(lo, bestLo, mid, o.best);
        locate(mid, o.best, hi, bestHi);
        return;
      }
    }
    found.push({ at: lo + (hi - lo) / 2, lo, hi, before: bestLo, after: bestHi, narrowed: true });
  };

  let prev: { x: number; best: string[] } | null = null;
  for (const p of pts) {
    if (!p.outcome.ok) continue;
    if (prev && !sameBest(prev.best, p.outcome.best)) locate(prev.x, prev.best, p.x, p.outcome.best);
    prev = { x: p.x, best: p.outcome.best };
  }
  return { parameter: param, points: pts, thresholds: mergeTies(found), tolerance, errors };
}

/**
 * Two changes that meet at one value through a tie there (A, then A and B
 * tied at x, then B) are one change from A to B at x.
 */
function mergeTies(ts: Threshold[]): Threshold[] {
  const out: Threshold[] = [];
  for (const t of ts) {
    const last = out[out.length - 1];
    if (last && last.narrowed && t.narrowed && last.hi === t.lo && t.before.length > 1 && sameBest(last.after, t.before)) {
      out[out.length - 1] = { at: t.lo, lo: last.lo, hi: t.hi, before: last.before, after: t.after, narrowed: true };
    } else out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------- tornado

export type TornadoMode = 'fixed' | 'reoptimised';

export interface TornadoBar {
  id: string;
  name: string;
  assumptionIds: string[];
  base: number;
  low: number;
  high: number;
  /** The root value (or error) with the parameter at its low and at its high value, the others at base. */
  atLow: Outcome;
  atHigh: Outcome;
  /** |value at high − value at low|; null when either evaluation failed. */
  swing: number | null;
  /** The best option(s) at low or at high differ from the base case's. */
  changesBest: boolean;
}

export interface TornadoResult {
  mode: TornadoMode;
  base: Outcome;
  /** Ranked by swing, largest first; ties by name, then id; bars with an error last. */
  bars: TornadoBar[];
}

/** Orders by a number, largest first (nulls last), then by name and id. */
function bySwing<T extends { swing: number | null; name: string; id: string }>(a: T, b: T): number {
  if (a.swing === null || b.swing === null) {
    if (a.swing !== b.swing) return a.swing === null ? 1 : -1;
  } else if (a.swing !== b.swing) return b.swing - a.swing;
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Each parameter at its low and at its high value, the others at base. Mode
 * 'fixed' keeps the base case's decisions (evaluate gets policy 'base');
 * 're-optimised' lets every decision choose again.
 */
export function tornado(evaluate: Evaluate, params: readonly SensParameter[], mode: TornadoMode): TornadoResult {
  const policy = mode === 'fixed' ? 'base' : undefined;
  const base = outcome(evaluate({}));
  const bars = params.map((p): TornadoBar => {
    assertParameter(p);
    const atLow = run(evaluate, p.id, p.low, policy);
    const atHigh = run(evaluate, p.id, p.high, policy);
    const swing = atLow.ok && atHigh.ok ? Math.abs(atHigh.value - atLow.value) : null;
    const changesBest = base.ok && [atLow, atHigh].some((o) => o.ok && !sameBest(o.best, base.best));
    return { id: p.id, name: p.name, assumptionIds: [...p.assumptionIds], base: p.base, low: p.low, high: p.high, atLow, atHigh, swing, changesBest };
  });
  return { mode, base, bars: bars.sort(bySwing) };
}

// ---------------------------------------------------------------- spider

export interface SpiderSeries {
  id: string;
  name: string;
  assumptionIds: string[];
  /** x: the parameter's value; pct: its change from base in percent (null when base is 0: no percentage of 0). */
  points: { x: number; pct: number | null; outcome: Outcome }[];
}

export interface SpiderResult {
  base: Outcome;
  series: SpiderSeries[];
}

/** The root value against the % change of each parameter from its base, over low..high (base included). */
export function spider(evaluate: Evaluate, params: readonly SensParameter[], points = 11): SpiderResult {
  const base = outcome(evaluate({}));
  const series = params.map((p): SpiderSeries => {
    assertParameter(p);
    const xs = grid(p.low, p.high, points);
    if (p.base >= p.low && p.base <= p.high && !xs.includes(p.base)) {
      xs.push(p.base);
      xs.sort((a, b) => a - b);
    }
    return {
      id: p.id,
      name: p.name,
      assumptionIds: [...p.assumptionIds],
      points: xs.map((x) => ({ x, pct: p.base === 0 ? null : ((x - p.base) / Math.abs(p.base)) * 100, outcome: run(evaluate, p.id, x) })),
    };
  });
  return { base, series };
}

// ---------------------------------------------------------------- two-way

export interface TwoWayResult {
  a: { id: string; name: string; values: number[] };
  b: { id: string; name: string; values: number[] };
  /** cells[j][i]: A at a.values[i], B at b.values[j]. */
  cells: Outcome[][];
  /** Each distinct best (a sorted id list; ties are their own region), in order of first appearance, with its cell count. */
  regions: { best: string[]; cells: number }[];
  /** Cells whose evaluation failed. */
  errors: number;
}

/** The best option in each cell of an nA × nB grid over two parameters' ranges: the strategy regions. */
export function twoWay(evaluate: Evaluate, pA: SensParameter, pB: SensParameter, nA = 11, nB = 11): TwoWayResult {
  assertParameter(pA);
  assertParameter(pB);
  if (pA.id === pB.id) throw new RangeError('two-way analysis needs two different parameters');
  const xs = grid(pA.low, pA.high, nA);
  const ys = grid(pB.low, pB.high, nB);
  const regions: TwoWayResult['regions'] = [];
  let errors = 0;
  const cells = ys.map((y) =>
    xs.map((x) => {
      const o = outcome(evaluate({ [pA.id]: x, [pB.id]: y }));
      if (!o.ok) errors++;
      else {
        const r = regions.find((g) => sameBest(g.best, o.best));
        if (r) r.cells++;
        else regions.push({ best: o.best, cells: 1 });
      }
      return o;
    }),
  );
  return { a: { id: pA.id, name: pA.name, values: xs }, b: { id: pB.id, name: pB.name, values: ys }, cells, regions, errors };
}

// ---------------------------------------------------------------- decisive

export interface DecisiveAssumption {
  assumptionId: string;
  /** 1 for the largest swing; equal swings share a rank (1, 2, 2, 4); null when none of its parameters has a swing. */
  rank: number | null;
  /** The largest swing of its parameters. */
  swing: number | null;
  /** Its parameters, largest swing first. */
  parameterIds: string[];
  /** Some parameter of it changes the best option within its range (at its low or high end). */
  changesBest: boolean;
}

/**
 * The assumptions ranked by the largest tornado swing of the parameters they
 * carry, for the Key Assumptions table's "decisive" column. Whether a range
 * changes the best option is read at its ends (the tornado's evaluations);
 * feed a re-optimised tornado: with the policy fixed the best never changes.
 */
export function decisive(t: TornadoResult): DecisiveAssumption[] {
  const by = new Map<string, DecisiveAssumption>();
  for (const bar of t.bars) {
    for (const aid of bar.assumptionIds) {
      let d = by.get(aid);
      if (!d) by.set(aid, (d = { assumptionId: aid, rank: null, swing: null, parameterIds: [], changesBest: false }));
      if (!d.parameterIds.includes(bar.id)) d.parameterIds.push(bar.id); // bars come ranked: largest swing first
      if (bar.swing !== null && (d.swing === null || bar.swing > d.swing)) d.swing = bar.swing;
      d.changesBest ||= bar.changesBest;
    }
  }
  const list = [...by.values()].sort((a, b) => bySwing({ ...a, name: '', id: a.assumptionId }, { ...b, name: '', id: b.assumptionId }));
  list.forEach((d, i) => {
    if (d.swing === null) return;
    const prev = list[i - 1];
    d.rank = prev && prev.swing === d.swing ? prev.rank : i + 1;
  });
  return list;
}
