/**
 * Monte Carlo over any evaluation of the tree (see sensitivity-types.ts),
 * chunked so a caller (the Web Worker, or a test) runs it a step at a time
 * and can stop between steps.
 *
 * Each iteration draws every parameter that has a distribution (in the order
 * given, from one seeded source; parameters without one stay at base), then
 * evaluates. A run whose evaluation fails or whose root value is not a
 * finite number is invalid: it is excluded from every figure and counted,
 * never scored as 0. The probability that an option is best is over the
 * valid runs; a run where k options tie gives each of them 1/k (ties split
 * equally, so the probabilities add up to 1), and the tied runs are counted.
 * Percentiles interpolate linearly between order statistics (the R-7 /
 * spreadsheet PERCENTILE.INC rule). The same seed, parameters and evaluation
 * give the same figures to the last digit. Pure: no DOM, no timers.
 */
import { createSource, makeSampler, validateDistribution, type DistributionProblem, type Sampler } from './random';
import type { Evaluate, SensParameter } from './sensitivity-types';

export interface MonteCarloOptions {
  seed: number;
  iterations: number;
}

/** The most iterations one run takes. */
export const MAX_ITERATIONS = 1_000_000;

export interface MonteCarloProgress {
  done: number;
  total: number;
  valid: number;
  invalid: number;
  finished: boolean;
}

export interface MonteCarloResult extends MonteCarloProgress {
  seed: number;
  /** Figures of the root value over the valid runs; null when there is none. */
  mean: number | null;
  median: number | null;
  p5: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  /** Each option of the root decision (in the order the first valid run lists them) with the share of valid runs where it is best. */
  probabilityBest: { id: string; probability: number }[];
  /** Valid runs where two or more options tied for best. */
  tiedRuns: number;
  /** Why runs were invalid: each distinct message with its count, most frequent first (at most 10). */
  invalidReasons: { message: string; count: number }[];
  /** The root value of every valid run, in run order. */
  values: number[];
}

export interface MonteCarlo {
  /** Runs up to `n` more iterations (fewer at the end) and tells where the run stands. */
  step(n: number): MonteCarloProgress;
  progress(): MonteCarloProgress;
  /** The figures so far (of the iterations done: a cancelled run's result is that of its done part). */
  result(): MonteCarloResult;
}

export type MonteCarloProblem = { code: 'distribution'; parameterId: string; problem: DistributionProblem } | { code: 'iterations'; iterations: number } | { code: 'seed'; seed: number };

/** Every problem that stops a run: an invalid distribution, a bad iteration count or seed. */
export function monteCarloProblems(params: readonly SensParameter[], opts: MonteCarloOptions): MonteCarloProblem[] {
  const out: MonteCarloProblem[] = [];
  if (!Number.isInteger(opts.iterations) || opts.iterations < 1 || opts.iterations > MAX_ITERATIONS) out.push({ code: 'iterations', iterations: opts.iterations });
  if (!Number.isFinite(opts.seed)) out.push({ code: 'seed', seed: opts.seed });
  for (const p of params) if (p.distribution) for (const problem of validateDistribution(p.distribution)) out.push({ code: 'distribution', parameterId: p.id, problem });
  return out;
}

/** The p-quantile (0 ≤ p ≤ 1) of sorted values, interpolating linearly between order statistics. */
export function quantile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  return a + (h - lo) * (b - a);
}

/** Sum by Neumaier's compensated summation: the mean of many runs keeps its digits. */
function sum(xs: ArrayLike<number>, n: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** A Monte Carlo run, ready to step. Throws a RangeError when `monteCarloProblems` finds any (check first to word them). */
export function createMonteCarlo(evaluate: Evaluate, params: readonly SensParameter[], opts: MonteCarloOptions): MonteCarlo {
  const problems = monteCarloProblems(params, opts);
  if (problems.length) throw new RangeError(`Monte Carlo cannot run: ${problems.map((p) => p.code).join(', ')}`);
  const source = createSource(opts.seed);
  const drawn: { id: string; sample: Sampler }[] = [];
  for (const p of params) if (p.distribution) drawn.push({ id: p.id, sample: makeSampler(p.distribution, source) });
  const total = opts.iterations;
  const values = new Float64Array(total);
  const bestShare = new Map<string, number>();
  const reasons = new Map<string, number>();
  let done = 0;
  let valid = 0;
  let tiedRuns = 0;

  const progress = (): MonteCarloProgress => ({ done, total, valid, invalid: done - valid, finished: done >= total });

  const once = () => {
    const overrides: Record<string, number> = {};
    for (const d of drawn) overrides[d.id] = d.sample();
    const r = evaluate(overrides);
    done++;
    let message: string | null = null;
    if (!r.ok) message = r.message;
    else if (!Number.isFinite(r.value)) message = `the root value is not a finite number (${r.value})`;
    if (message !== null) {
      reasons.set(message, (reasons.get(message) ?? 0) + 1);
      return;
    }
    if (!r.ok) return;
    values[valid++] = r.value;
    for (const o of r.options) if (!bestShare.has(o.id)) bestShare.set(o.id, 0);
    const share = r.best.length ? 1 / r.best.length : 0;
    if (r.best.length > 1) tiedRuns++;
    for (const id of r.best) bestShare.set(id, (bestShare.get(id) ?? 0) + share);
  };

  return {
    step(n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`step needs a whole number of iterations, got ${n}`);
      const end = Math.min(total, done + n);
      while (done < end) once();
      return progress();
    },
    progress,
    result() {
      const kept = values.slice(0, valid);
      const sorted = kept.slice().sort();
      return {
        ...progress(),
        seed: opts.seed,
        mean: valid ? sum(kept, valid) / valid : null,
        median: quantile(sorted, 0.5),
        p5: quantile(sorted, 0.05),
        p95: quantile(sorted, 0.95),
        min: valid ? (sorted[0] as number) : null,
        max: valid ? (sorted[valid - 1] as number) : null,
        probabilityBest: [...bestShare].map(([id, s]) => ({ id, probability: valid ? s / valid : 0 })),
        tiedRuns,
        invalidReasons: [...reasons]
          .map(([message, count]) => ({ message, count }))
          .sort((a, b) => b.count - a.count || (a.message < b.message ? -1 : 1))
          .slice(0, 10),
        values: Array.from(kept),
      };
    },
  };
}

/** Equal-width bins over [min, max] of the values, for the histogram: each bin is [x0, x1), the last [x0, x1]. */
export function histogram(values: readonly number[], bins: number): { x0: number; x1: number; count: number }[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number of at least 1, got ${bins}`);
  if (!values.length) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const width = (max - min) / bins;
  if (!(width > 0)) return [{ x0: min, x1: max, count: values.length }]; // one value, or a spread too small to divide
  const out = Array.from({ length: bins }, (_, i) => ({ x0: min + i * width, x1: i === bins - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const v of values) {
    let i = Math.min(bins - 1, Math.floor((v - min) / width));
    // The division can round across an edge: settle on the bin whose edges hold v (each bin is [x0, x1), the last [x0, x1]).
    while (i > 0 && v < (out[i] as { x0: number }).x0) i--;
    while (i < bins - 1 && v >= (out[i] as { x1: number }).x1) i++;
    (out[i] as { count: number }).count++;
  }
  return out;
}
