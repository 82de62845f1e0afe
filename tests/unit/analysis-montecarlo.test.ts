/**
 * Monte Carlo: reproducible to the last digit for a seed, chunking does not
 * change the figures, invalid runs are excluded and counted (never 0),
 * figures equal a direct recomputation from the same draws, ties split.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMonteCarlo, histogram, monteCarloProblems, quantile } from '@/lib/analysis/montecarlo';
import { createSource, makeSampler } from '@/lib/analysis/random';
import type { Evaluate, SensParameter } from '@/lib/analysis/sensitivity-types';
import { monteCarloProblemText } from '@/lib/messages/sensitivity';

const P: SensParameter[] = [
  { id: 'p', name: 'Chance', base: 0.5, low: 0, high: 1, assumptionIds: [], distribution: { kind: 'beta', alpha: 2, beta: 3 } },
  { id: 'c', name: 'Cost', base: 10, low: 5, high: 20, assumptionIds: [], distribution: { kind: 'pert', min: 5, mode: 10, max: 20 } },
  { id: 'k', name: 'Fixed', base: 3, low: 3, high: 3, assumptionIds: [] },
];

/** A = 100p − c, B = 20 + k: the best is the larger. */
const evaluate: Evaluate = (o) => {
  const p = o.p ?? 0.5;
  const c = o.c ?? 10;
  const k = o.k ?? 3;
  const a = 100 * p - c;
  const b = 20 + k;
  const best = a > b ? ['A'] : a < b ? ['B'] : ['A', 'B'];
  return { ok: true, options: [{ id: 'A', value: a }, { id: 'B', value: b }], best, value: Math.max(a, b) };
};

describe('Monte Carlo', () => {
  it('gives identical figures for the same seed, to the last digit, whatever the chunking', () => {
    const a = createMonteCarlo(evaluate, P, { seed: 12345, iterations: 5000 });
    a.step(5000);
    const b = createMonteCarlo(evaluate, P, { seed: 12345, iterations: 5000 });
    for (let i = 0; i < 40; i++) b.step(137);
    expect(b.progress().finished).toBe(true);
    expect(b.result()).toEqual(a.result());
    const r = a.result();
    expect(Object.is(r.mean, b.result().mean)).toBe(true);
    const c = createMonteCarlo(evaluate, P, { seed: 12346, iterations: 5000 });
    c.step(5000);
    expect(c.result().mean).not.toBe(r.mean);
  });

  it('pins the figures of seed 12345 (a change of generator or rule is seen)', () => {
    const mc = createMonteCarlo(evaluate, P, { seed: 12345, iterations: 2000 });
    mc.step(2000);
    const r = mc.result();
    expect([r.mean, r.median, r.p5, r.p95].map((x) => x?.toFixed(10))).toEqual(['34.7278512741', '27.6283064253', '23.0000000000', '63.2473369256']);
    expect(r.probabilityBest).toEqual([
      { id: 'A', probability: 0.5825 },
      { id: 'B', probability: 0.4175 },
    ]);
  });

  it('equals a direct recomputation from the same draws', () => {
    const n = 3000;
    const mc = createMonteCarlo(evaluate, P, { seed: 99, iterations: n });
    mc.step(n);
    const r = mc.result();
    // Draw as documented: one source, parameters with a distribution in order.
    const src = createSource(99);
    const sp = makeSampler(P[0]!.distribution!, src);
    const sc = makeSampler(P[1]!.distribution!, src);
    const vals: number[] = [];
    let aBest = 0;
    let bBest = 0;
    for (let i = 0; i < n; i++) {
      const e = evaluate({ p: sp(), c: sc() });
      if (!e.ok) throw new Error('unexpected');
      vals.push(e.value);
      if (e.best.includes('A')) aBest += 1 / e.best.length;
      if (e.best.includes('B')) bBest += 1 / e.best.length;
    }
    expect(r.values).toEqual(vals);
    const mean = vals.reduce((s, v) => s + v, 0) / n;
    expect(r.mean).toBeCloseTo(mean, 9);
    const sorted = [...vals].sort((x, y) => x - y);
    expect(r.median).toBe((sorted[1499]! + sorted[1500]!) / 2);
    expect(r.min).toBe(sorted[0]);
    expect(r.max).toBe(sorted[n - 1]);
    expect(r.probabilityBest).toEqual([
      { id: 'A', probability: aBest / n },
      { id: 'B', probability: bBest / n },
    ]);
    expect(r.p5! <= r.median! && r.median! <= r.p95!).toBe(true);
  });

  it('excludes invalid runs and counts them, never scoring 0', () => {
    let i = 0;
    const flaky: Evaluate = (o) => {
      i++;
      if (i % 4 === 0) return { ok: false, message: 'probabilities do not sum to 1' };
      if (i % 10 === 0) return { ok: true, options: [], best: [], value: Number.NaN };
      const r = evaluate(o);
      return r.ok ? { ...r, value: r.value + 1000 } : r; // every valid value is far from 0
    };
    const mc = createMonteCarlo(flaky, P, { seed: 1, iterations: 100 });
    mc.step(100);
    const r = mc.result();
    // 25 errors (every 4th) and 5 NaN (every 10th that is not a 4th: 10, 30, 50, 70, 90).
    expect(r.invalid).toBe(30);
    expect(r.valid).toBe(70);
    expect(r.invalidReasons).toEqual([
      { message: 'probabilities do not sum to 1', count: 25 },
      { message: 'the root value is not a finite number (NaN)', count: 5 },
    ]);
    expect(r.values).toHaveLength(70);
    expect(r.min!).toBeGreaterThan(900);
    expect(r.probabilityBest.reduce((s, o) => s + o.probability, 0)).toBeCloseTo(1, 12);
  });

  it('splits ties equally and counts them', () => {
    const tie: Evaluate = () => ({ ok: true, options: [{ id: 'A', value: 1 }, { id: 'B', value: 1 }, { id: 'C', value: 0 }], best: ['A', 'B'], value: 1 });
    const mc = createMonteCarlo(tie, P, { seed: 3, iterations: 10 });
    mc.step(10);
    const r = mc.result();
    expect(r.probabilityBest).toEqual([
      { id: 'A', probability: 0.5 },
      { id: 'B', probability: 0.5 },
      { id: 'C', probability: 0 },
    ]);
    expect(r.tiedRuns).toBe(10);
  });

  it('with every run invalid, has no figures (not zeros)', () => {
    const bad: Evaluate = () => ({ ok: false, message: 'no' });
    const mc = createMonteCarlo(bad, P, { seed: 3, iterations: 5 });
    mc.step(5);
    expect(mc.result()).toMatchObject({ valid: 0, invalid: 5, mean: null, median: null, p5: null, p95: null, probabilityBest: [] });
  });

  it('steps no further than the total and reports progress', () => {
    const mc = createMonteCarlo(evaluate, P, { seed: 3, iterations: 10 });
    expect(mc.step(4)).toEqual({ done: 4, total: 10, valid: 4, invalid: 0, finished: false });
    expect(mc.step(100)).toEqual({ done: 10, total: 10, valid: 10, invalid: 0, finished: true });
    expect(mc.step(5).done).toBe(10);
    expect(() => mc.step(-1)).toThrow(RangeError);
  });

  it('refuses invalid distributions, iterations and seeds, and words them', () => {
    const bad: SensParameter[] = [{ ...P[0]!, distribution: { kind: 'normal', mean: 0, sd: 0 } }];
    const problems = monteCarloProblems(bad, { seed: Number.NaN, iterations: 0 });
    expect(problems.map((p) => monteCarloProblemText(p, (id) => (id === 'p' ? 'Chance' : id)))).toEqual([
      'The number of iterations must be a whole number from 1 to 1,000,000 (it is 0).',
      'The seed must be a finite number.',
      'Parameter “Chance”: Normal distribution: the standard deviation must be greater than 0 (it is 0).',
    ]);
    expect(() => createMonteCarlo(evaluate, bad, { seed: 1, iterations: 10 })).toThrow(RangeError);
  });
});

describe('quantile and histogram', () => {
  it('interpolates between order statistics (R-7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('quantiles are monotone in p and bounded by min and max (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p, q) => {
        const s = [...xs].sort((a, b) => a - b);
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        expect(quantile(s, lo)!).toBeLessThanOrEqual(quantile(s, hi)! + 1e-9);
        expect(quantile(s, lo)!).toBeGreaterThanOrEqual(s[0]! - 1e-9);
        expect(quantile(s, hi)!).toBeLessThanOrEqual(s[s.length - 1]! + 1e-9);
      }),
    );
  });

  it('bins every value once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (xs, bins) => {
        const h = histogram(xs, bins);
        expect(h.reduce((s, b) => s + b.count, 0)).toBe(xs.length);
        for (const x of xs) expect(h.some((b) => x >= b.x0 && x <= b.x1)).toBe(true);
        // Each value is counted in a bin whose edges hold it: recount by edges.
        const byEdges = h.map((b, i) => xs.filter((x) => x >= b.x0 && (i === h.length - 1 ? x <= b.x1 : x < b.x1)).length);
        expect(h.map((b) => b.count)).toEqual(byEdges);
      }),
      { numRuns: 400 },
    );
  });
});
