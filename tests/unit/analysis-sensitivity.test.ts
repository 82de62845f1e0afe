/**
 * Sensitivity analysis against hand-worked evaluations: options whose values
 * are lines in a parameter, so every threshold, swing and region is known.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisive, grid, oneWay, parameterProblems, spider, tornado, twoWay } from '@/lib/analysis/sensitivity';
import type { Evaluate, Evaluation, SensParameter } from '@/lib/analysis/sensitivity-types';
import { decisiveItemText, decisiveText, parameterProblemText } from '@/lib/messages/sensitivity';

type Values = Readonly<Record<string, number>>;

/**
 * An evaluation of a one-decision tree: each option's value is a function of
 * the parameters (base values overridden); the best is the largest, ties all
 * listed. Policy 'base' keeps the base case's best and reports its value.
 * `fail` returns an error message for some parameter values.
 */
function makeEvaluate(base: Values, options: Record<string, (v: Values) => number>, fail?: (v: Values) => string | null): Evaluate & { calls: number; policies: (string | undefined)[] } {
  const choose = (v: Values) => {
    const opts = Object.entries(options).map(([id, f]) => ({ id, value: f(v) }));
    const max = Math.max(...opts.map((o) => o.value));
    return { opts, best: opts.filter((o) => o.value === max).map((o) => o.id), max };
  };
  const baseBest = choose(base).best;
  const fn = ((overrides: Values, policy?: 'base') => {
    fn.calls++;
    fn.policies.push(policy);
    const v = { ...base, ...overrides };
    const msg = fail?.(v);
    if (msg) return { ok: false, message: msg };
    const c = choose(v);
    if (policy === 'base') {
      const kept = c.opts.filter((o) => baseBest.includes(o.id));
      return { ok: true, options: c.opts, best: baseBest, value: kept[0]?.value ?? Number.NaN } satisfies Evaluation;
    }
    return { ok: true, options: c.opts, best: c.best, value: c.max } satisfies Evaluation;
  }) as Evaluate & { calls: number; policies: (string | undefined)[] };
  fn.calls = 0;
  fn.policies = [];
  return fn;
}

const param = (id: string, base: number, low: number, high: number, extra: Partial<SensParameter> = {}): SensParameter => ({
  id,
  name: id,
  base,
  low,
  high,
  assumptionIds: [],
  ...extra,
});

const val = (v: Values, k: string) => v[k] ?? Number.NaN;

describe('grid', () => {
  it('spaces values evenly with both ends exact', () => {
    expect(grid(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(grid(0.1, 0.7, 7).at(-1)).toBe(0.7);
    expect(grid(3, 3, 11)).toEqual([3]);
    expect(() => grid(0, 1, 1)).toThrow(RangeError);
  });
});

describe('one-way', () => {
  it('finds the threshold where two lines cross, to the tolerance', () => {
    // A = 100p, B = 37: B is best below p = 0.37, A above.
    const ev = makeEvaluate({ p: 0.5 }, { A: (v) => 100 * val(v, 'p'), B: () => 37 });
    const r = oneWay(ev, param('p', 0.5, 0, 1));
    expect(r.tolerance).toBeCloseTo(1e-6, 15);
    expect(r.points).toHaveLength(11);
    expect(r.thresholds).toHaveLength(1);
    const t = r.thresholds[0]!;
    expect(t.before).toEqual(['B']);
    expect(t.after).toEqual(['A']);
    expect(t.hi - t.lo).toBeLessThanOrEqual(r.tolerance);
    expect(t.lo).toBeLessThanOrEqual(0.37);
    expect(t.hi).toBeGreaterThanOrEqual(0.37);
    expect(Math.abs(t.at - 0.37)).toBeLessThanOrEqual(r.tolerance / 2);
  });

  it('honours a coarser tolerance with fewer evaluations', () => {
    const fine = makeEvaluate({ p: 0 }, { A: (v) => 100 * val(v, 'p'), B: () => 37 });
    const coarse = makeEvaluate({ p: 0 }, { A: (v) => 100 * val(v, 'p'), B: () => 37 });
    oneWay(fine, param('p', 0, 0, 1));
    const r = oneWay(coarse, param('p', 0, 0, 1), 11, { tolerance: 0.01 });
    const t = r.thresholds[0]!;
    expect(t.hi - t.lo).toBeLessThanOrEqual(0.01);
    expect(t.hi - t.lo).toBeGreaterThan(0.01 / 2); // stopped as soon as narrow enough
    expect(t.lo <= 0.37 && 0.37 <= t.hi).toBe(true);
    expect(coarse.calls).toBeLessThan(fine.calls);
    // 11 grid points + bisection from 0.1 to 1e-6: ceil(log2(0.1 / 1e-6)) = 17 halvings.
    expect(fine.calls).toBe(11 + 17);
  });

  it('finds both changes when a third option is best between two grid points', () => {
    // C = 10 − 10p, B = 5.5, A = 10p: C below 0.45, B between 0.45 and 0.55, A above.
    const ev = makeEvaluate({ p: 0.5 }, { A: (v) => 10 * val(v, 'p'), B: () => 5.5, C: (v) => 10 - 10 * val(v, 'p') });
    const r = oneWay(ev, param('p', 0.5, 0, 1), 2);
    expect(r.thresholds.map((t) => [t.before, t.after])).toEqual([
      [['C'], ['B']],
      [['B'], ['A']],
    ]);
    expect(r.thresholds[0]!.at).toBeCloseTo(0.45, 5);
    expect(r.thresholds[1]!.at).toBeCloseTo(0.55, 5);
  });

  it('reports a tie on a grid point as one change at exactly that point', () => {
    // A = 100p, B = 50: tied at p = 0.5, a grid point.
    const ev = makeEvaluate({ p: 0 }, { A: (v) => 100 * val(v, 'p'), B: () => 50 });
    const r = oneWay(ev, param('p', 0, 0, 1));
    const mid = r.points[5]!;
    expect(mid.outcome.ok && mid.outcome.best).toEqual(['A', 'B']);
    expect(r.thresholds).toEqual([expect.objectContaining({ at: 0.5, before: ['B'], after: ['A'], narrowed: true })]);
  });

  it('finds no threshold when the best never changes', () => {
    const ev = makeEvaluate({ p: 0 }, { A: (v) => 100 + val(v, 'p'), B: () => 50 });
    expect(oneWay(ev, param('p', 0, 0, 1)).thresholds).toEqual([]);
  });

  it('carries errors as errors, never as 0', () => {
    const ev = makeEvaluate({ p: 0 }, { A: (v) => 100 * val(v, 'p'), B: () => 37 }, (v) => (val(v, 'p') > 0.85 ? 'probability above 1' : null));
    const r = oneWay(ev, param('p', 0, 0, 1));
    expect(r.points.slice(-2).map((p) => p.outcome)).toEqual([
      { ok: false, message: 'probability above 1' },
      { ok: false, message: 'probability above 1' },
    ]);
    expect(r.thresholds).toHaveLength(1);
  });

  it('marks a threshold it could not narrow when an evaluation fails inside', () => {
    const ev = makeEvaluate({ p: 0 }, { A: (v) => 100 * val(v, 'p'), B: () => 37 }, (v) => (val(v, 'p') > 0.33 && val(v, 'p') < 0.36 ? 'bad' : null));
    const r = oneWay(ev, param('p', 0, 0, 1));
    expect(r.thresholds).toHaveLength(1);
    expect(r.thresholds[0]!.narrowed).toBe(false);
    expect(r.errors.length).toBe(1);
    expect(r.errors[0]!.message).toBe('bad');
  });

  it('a non-finite root value is an error', () => {
    const ev: Evaluate = () => ({ ok: true, options: [], best: [], value: Number.POSITIVE_INFINITY });
    expect(oneWay(ev, param('p', 0, 0, 1), 3).points[0]!.outcome.ok).toBe(false);
  });

  it('equals the analytic crossing of two random lines (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        (a1, b1, a2, b2) => {
          // Whole coefficients: lines that are not parallel cross at a clear point (no rounding ties).
          // Option A = a1 + b1·p, B = a2 + b2·p, p in [0, 1].
          const ev = makeEvaluate({ p: 0 }, { A: (v) => a1 + b1 * val(v, 'p'), B: (v) => a2 + b2 * val(v, 'p') });
          const r = oneWay(ev, param('p', 0, 0, 1));
          const cross = b1 === b2 ? null : (a2 - a1) / (b1 - b2);
          const strictlyInside = cross !== null && cross > 1e-3 && cross < 1 - 1e-3;
          if (strictlyInside) {
            expect(r.thresholds).toHaveLength(1);
            expect(Math.abs(r.thresholds[0]!.at - cross)).toBeLessThanOrEqual(r.tolerance + 1e-9);
          }
          if (cross === null || cross < -1e-3 || cross > 1 + 1e-3) expect(r.thresholds).toHaveLength(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a parameter whose low is above its high', () => {
    expect(parameterProblems({ base: 1, low: 2, high: 0 })).toEqual([{ code: 'low-above-high', low: 2, high: 0 }]);
    expect(parameterProblems({ base: Number.NaN, low: 0, high: 1 })).toEqual([{ code: 'not-finite', field: 'base' }]);
    expect(() => oneWay(makeEvaluate({}, { A: () => 1 }), param('p', 1, 2, 0))).toThrow(RangeError);
  });
});

describe('tornado', () => {
  // Root value = 3a − 2b + 0.5c + d; one option, so the best never changes.
  const linear = makeEvaluate({ a: 1, b: 2, c: 5, d: 0 }, { X: (v) => 3 * val(v, 'a') - 2 * val(v, 'b') + 0.5 * val(v, 'c') + val(v, 'd') }, (v) =>
    val(v, 'd') > 1 ? 'd too large' : null,
  );
  const params = [
    param('c', 5, 0, 10, { name: 'gamma', assumptionIds: ['as-2'] }),
    param('b', 2, 1, 4, { name: 'beta', assumptionIds: ['as-1', 'as-2'] }),
    param('a', 1, 0, 2, { name: 'alpha', assumptionIds: ['as-1'] }),
    param('d', 0, -1, 2, { name: 'delta', assumptionIds: ['as-3'] }),
  ];

  it('ranks bars by swing, ties by name, errors last', () => {
    const t = tornado(linear, params, 'reoptimised');
    expect(t.bars.map((b) => [b.name, b.swing])).toEqual([
      ['alpha', 6],
      ['beta', 6],
      ['gamma', 5],
      ['delta', null],
    ]);
    const alpha = t.bars[0]!;
    expect(alpha.atLow).toMatchObject({ ok: true, value: 3 * 0 - 4 + 2.5 });
    expect(alpha.atHigh).toMatchObject({ ok: true, value: 6 - 4 + 2.5 });
    expect(t.bars[1]!.assumptionIds).toEqual(['as-1', 'as-2']);
    expect(t.bars[3]!.atHigh).toEqual({ ok: false, message: 'd too large' });
    expect(t.bars[3]!.atLow).toMatchObject({ ok: true, value: 3 - 4 + 2.5 - 1 });
  });

  it("mode 'fixed' passes policy 'base'; 're-optimised' none", () => {
    // A = 10p, B = 5: base p = 0 → B best. At p = 1 re-optimised picks A (10); fixed keeps B (5).
    const ev = makeEvaluate({ p: 0 }, { A: (v) => 10 * val(v, 'p'), B: () => 5 });
    const p = [param('p', 0, 0, 1)];
    const fixed = tornado(ev, p, 'fixed');
    expect(ev.policies.slice(1)).toEqual(['base', 'base']);
    expect(fixed.bars[0]!.swing).toBe(0);
    expect(fixed.bars[0]!.changesBest).toBe(false);
    const re = tornado(ev, p, 'reoptimised');
    expect(re.bars[0]!.swing).toBe(5);
    expect(re.bars[0]!.changesBest).toBe(true);
    expect(re.base).toMatchObject({ ok: true, value: 5, best: ['B'] });
  });

  it('decisive: assumptions ranked by the largest swing of their parameters, with whether the best changes', () => {
    const ev = makeEvaluate({ a: 0, b: 0, c: 0 }, { A: (v) => 10 * val(v, 'a') + val(v, 'c'), B: (v) => 5 + val(v, 'b') });
    const t = tornado(
      ev,
      [
        param('a', 0, 0, 1, { assumptionIds: ['as-a'] }), // best B (5) → A (10): swing 5, changes
        param('b', 0, -1, 3, { assumptionIds: ['as-b', 'as-a'] }), // B 4..8: swing 4
        param('c', 0, 0, 2, { assumptionIds: ['as-c'] }), // A 0..2 stays below 5: swing 0
        param('x', 0, 0, 9, { assumptionIds: ['as-x'] }), // unused: swing 0
      ],
      'reoptimised',
    );
    expect(decisive(t)).toEqual([
      { assumptionId: 'as-a', rank: 1, swing: 5, parameterIds: ['a', 'b'], changesBest: true },
      { assumptionId: 'as-b', rank: 2, swing: 4, parameterIds: ['b'], changesBest: false },
      { assumptionId: 'as-c', rank: 3, swing: 0, parameterIds: ['c'], changesBest: false },
      { assumptionId: 'as-x', rank: 3, swing: 0, parameterIds: ['x'], changesBest: false },
    ]);
  });

  it('decisive: an assumption whose parameters all failed has no rank', () => {
    const ev = makeEvaluate({ a: 0 }, { A: (v) => val(v, 'a') }, (v) => (val(v, 'a') > 0 ? 'no' : null));
    const t = tornado(ev, [param('a', 0, 0, 1, { assumptionIds: ['as-1'] })], 'reoptimised');
    expect(decisive(t)).toEqual([{ assumptionId: 'as-1', rank: null, swing: null, parameterIds: ['a'], changesBest: false }]);
  });

  it('swings equal a brute-force recomputation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })), { minLength: 1, maxLength: 6 }), (coeffs) => {
        const ids = coeffs.map((_, i) => `p${i}`);
        const base = Object.fromEntries(ids.map((id) => [id, 0]));
        const ev = makeEvaluate(base, { X: (v) => coeffs.reduce((s, [k], i) => s + k * val(v, ids[i]!), 0) });
        const t = tornado(
          ev,
          coeffs.map(([, w], i) => param(ids[i]!, 0, -w, w)),
          'reoptimised',
        );
        const expected = coeffs.map(([k, w]) => Math.abs(k * w - k * -w));
        const got = t.bars.map((b) => b.swing ?? Number.NaN);
        expect([...got].sort((x, y) => y - x)).toEqual(got);
        expect([...got].sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y));
      }),
    );
  });
});

describe('spider', () => {
  it('plots the root value against the % change from base, base included', () => {
    const ev = makeEvaluate({ a: 4, z: 0 }, { X: (v) => 2 * val(v, 'a') + val(v, 'z') });
    const s = spider(ev, [param('a', 4, 2, 7), param('z', 0, -1, 1)], 3);
    const a = s.series[0]!;
    expect(a.points.map((p) => [p.x, p.pct, p.outcome.ok && p.outcome.value])).toEqual([
      [2, -50, 4],
      [4, 0, 8],
      [4.5, 12.5, 9],
      [7, 75, 14],
    ]);
    expect(s.series[1]!.points.map((p) => p.pct)).toEqual([null, null, null]);
    expect(s.base).toMatchObject({ ok: true, value: 8 });
  });
});

describe('two-way', () => {
  it('gives the best option in each cell: the strategy regions', () => {
    // A = x, B = y: A best below the diagonal, B above, tied on it.
    const ev = makeEvaluate({ x: 0, y: 0 }, { A: (v) => val(v, 'x'), B: (v) => val(v, 'y') }, (v) => (val(v, 'x') === 1 && val(v, 'y') === 0 ? 'corner' : null));
    const r = twoWay(ev, param('x', 0, 0, 1), param('y', 0, 0, 1), 3, 3);
    const best = r.cells.map((row) => row.map((o) => (o.ok ? o.best.join('+') : '!')));
    expect(best).toEqual([
      ['A+B', '!', '!'].map((c, i) => (i === 1 ? 'A' : c)),
      ['B', 'A+B', 'A'],
      ['B', 'B', 'A+B'],
    ]);
    expect(r.errors).toBe(1);
    expect(r.regions).toEqual([
      { best: ['A', 'B'], cells: 3 },
      { best: ['A'], cells: 2 },
      { best: ['B'], cells: 3 },
    ]);
    expect(r.a.values).toEqual([0, 0.5, 1]);
  });

  it('refuses the same parameter twice', () => {
    const p = param('x', 0, 0, 1);
    expect(() => twoWay(makeEvaluate({}, { A: () => 1 }), p, p)).toThrow(RangeError);
  });
});

describe('words', () => {
  it('names the parameter and the problem', () => {
    expect(parameterProblems({ base: 1, low: 2, high: 0 }).map((p) => parameterProblemText('Chance the Taliban act', p))).toEqual([
      'Parameter “Chance the Taliban act”: the low value (2) must not be above the high value (0).',
    ]);
    expect(parameterProblemText('x', { code: 'not-finite', field: 'high' })).toBe('Parameter “x”: the high value must be a finite number.');
  });

  it('words the decisive column', () => {
    expect(decisiveText({ rank: 1, swing: 5, changesBest: true })).toBe('1 · changes the best option (swing 5)');
    expect(decisiveText({ rank: 3, swing: 0.123456, changesBest: false })).toBe('3 (swing 0.1235)');
    // In the panel's ordered list the number is the rank already: not said twice.
    expect(decisiveItemText({ swing: 5, changesBest: true })).toBe('changes the best option (swing 5)');
    expect(decisiveItemText({ swing: 0.123456, changesBest: false })).toBe('swing 0.1235');
    expect(decisiveItemText({ swing: null, changesBest: false })).toBe('not ranked: no swing computed');
    expect(decisiveText({ rank: null, swing: null, changesBest: false })).toBe('—');
  });
});
