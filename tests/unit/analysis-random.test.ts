/**
 * The seeded generator and the Monte Carlo samplers: the same seed gives the
 * same sequence to the last digit; sample moments match the analytic ones;
 * bounded distributions stay in their bounds; invalid parameters are named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSource,
  distributionMoments,
  makeSampler,
  normal,
  pert,
  triangular,
  uniform,
  validateDistribution,
  type Sampler,
} from '@/lib/analysis/random';
import type { Distribution } from '@/lib/analysis/sensitivity-types';
import { distributionProblemText } from '@/lib/messages/sensitivity';

const draw = (s: Sampler, n: number) => Array.from({ length: n }, () => s());

function moments(xs: number[]) {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return { mean: m, variance: v / (xs.length - 1) };
}

const CASES: Distribution[] = [
  { kind: 'uniform', min: -2, max: 5 },
  { kind: 'normal', mean: 10, sd: 3 },
  { kind: 'lognormal', mu: 0.2, sigma: 0.5 },
  { kind: 'beta', alpha: 2, beta: 5 },
  { kind: 'beta', alpha: 0.5, beta: 0.5 },
  { kind: 'triangular', min: 0, mode: 2, max: 10 },
  { kind: 'triangular', min: 0, mode: 0, max: 1 },
  { kind: 'pert', min: 100, mode: 140, max: 300 },
  { kind: 'pert', min: 0, mode: 1, max: 1 },
];

describe('seeded source', () => {
  it('gives the same sequence for the same seed, to the last digit', () => {
    const a = draw(createSource(42), 1000);
    const b = draw(createSource(42), 1000);
    expect(b).toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(draw(createSource(43), 10)).not.toEqual(a.slice(0, 10));
  });

  it('pins the first values of seed 1 (a change of generator is seen)', () => {
    const s = createSource(1);
    // randomLcg: state = 0x19660D * state + 0x3C6EF35F (mod 2^32), value = state / 2^32.
    let state = 1;
    const expected = Array.from({ length: 5 }, () => {
      state = (Math.imul(0x19660d, state) + 0x3c6ef35f) >>> 0;
      return state / 2 ** 32;
    });
    expect(draw(s, 5)).toEqual(expected);
  });

  it('refuses a seed that is not finite', () => {
    expect(() => createSource(Number.NaN)).toThrow(RangeError);
  });

  it('every distribution repeats itself for the same seed', () => {
    for (const d of CASES) {
      const a = draw(makeSampler(d, createSource(7)), 200);
      const b = draw(makeSampler(d, createSource(7)), 200);
      expect(b).toEqual(a);
    }
  });
});

describe('sample moments', () => {
  it.each(CASES.map((d) => [`${d.kind} ${JSON.stringify(d)}`, d] as const))('%s: mean and variance near the analytic values', (_name, d) => {
    const n = 200_000;
    const got = moments(draw(makeSampler(d, createSource(2026)), n));
    const want = distributionMoments(d);
    const se = Math.sqrt(want.variance / n);
    // Five standard errors of the mean; 3 % of the variance (heavier for the lognormal's tail).
    expect(Math.abs(got.mean - want.mean)).toBeLessThan(5 * se);
    expect(Math.abs(got.variance - want.variance) / want.variance).toBeLessThan(d.kind === 'lognormal' ? 0.05 : 0.03);
  });

  it('the PERT mean is (min + 4·mode + max)/6', () => {
    const d: Distribution = { kind: 'pert', min: 2, mode: 3, max: 11 };
    expect(distributionMoments(d).mean).toBeCloseTo((2 + 12 + 11) / 6, 12);
  });
});

describe('bounds', () => {
  const bounded = fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([min, width, t]) => ({ min, max: min + width, mode: min + t * width }))
    .filter((b) => b.min < b.max && b.mode >= b.min && b.mode <= b.max);

  it('triangular and PERT draws lie within [min, max]', () => {
    fc.assert(
      fc.property(bounded, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ min, mode, max }, seed) => {
        const src = createSource(seed);
        for (const s of [triangular(src, min, mode, max), pert(src, min, mode, max)]) {
          for (const x of draw(s, 50)) {
            expect(x).toBeGreaterThanOrEqual(min);
            expect(x).toBeLessThanOrEqual(max);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('uniform draws lie within [min, max) and the triangular inverse CDF is monotone in the draw', () => {
    fc.assert(
      fc.property(bounded, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ min, mode, max }, seed) => {
        for (const x of draw(uniform(createSource(seed), min, max), 20)) {
          expect(x).toBeGreaterThanOrEqual(min);
          expect(x).toBeLessThanOrEqual(max);
        }
        // Same seed: the triangular draw is an increasing function of the uniform draw.
        const us = draw(createSource(seed), 20);
        const ts = draw(triangular(createSource(seed), min, mode, max), 20);
        const pairs = us.map((u, i) => [u, ts[i] ?? Number.NaN] as const).sort((p, q) => p[0] - q[0]);
        for (let k = 1; k < pairs.length; k++) expect(pairs[k]?.[1]).toBeGreaterThanOrEqual(pairs[k - 1]?.[1] ?? Number.NaN);
      }),
      { numRuns: 200 },
    );
  });

  it('a normal sampler of the same seed and different means differs only by the shift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: -1000, max: 1000 }), (seed, shift) => {
        const a = draw(normal(createSource(seed), 0, 1), 10);
        const b = draw(normal(createSource(seed), shift, 1), 10);
        a.forEach((x, i) => expect(b[i]).toBeCloseTo(x + shift, 9));
      }),
    );
  });
});

describe('validation', () => {
  it('accepts valid distributions', () => {
    for (const d of CASES) expect(validateDistribution(d)).toEqual([]);
  });

  it('names each problem', () => {
    const cases: [Distribution, string][] = [
      [{ kind: 'uniform', min: 3, max: 3 }, 'Uniform distribution: the minimum (3) must be below the maximum (3).'],
      [{ kind: 'normal', mean: 0, sd: -1 }, 'Normal distribution: the standard deviation must be greater than 0 (it is -1).'],
      [{ kind: 'lognormal', mu: 0, sigma: 0 }, 'Lognormal distribution: the sigma (standard deviation of the logarithm) must be greater than 0 (it is 0).'],
      [{ kind: 'beta', alpha: 1, beta: Number.NaN }, 'Beta distribution: the beta must be a finite number.'],
      [{ kind: 'triangular', min: 0, mode: 5, max: 4 }, 'Triangular distribution: the most likely value (5) must lie between the minimum (0) and the maximum (4).'],
      [{ kind: 'pert', min: 9, mode: 5, max: 4 }, 'PERT distribution: the minimum (9) must be below the maximum (4).'],
    ];
    for (const [d, text] of cases) expect(validateDistribution(d).map(distributionProblemText)).toEqual([text]);
    expect(validateDistribution({ kind: 'beta', alpha: 0, beta: -2 })).toHaveLength(2);
    expect(validateDistribution({ kind: 'cauchy' } as unknown as Distribution)).toEqual([{ code: 'unknown-kind', kind: 'cauchy' }]);
  });

  it('makeSampler refuses an invalid distribution', () => {
    expect(() => makeSampler({ kind: 'normal', mean: 0, sd: 0 }, createSource(1))).toThrow(RangeError);
  });
});
