/**
 * Seeded random numbers and the samplers of the Monte Carlo distributions.
 * The source is d3-random's linear congruential generator (randomLcg): the
 * same seed gives the same sequence on every engine, to the last digit,
 * because every step is exact integer arithmetic in doubles. Uniform, normal,
 * lognormal and beta come from d3-random drawing on that source; triangular
 * (inverse CDF) and beta-PERT (lambda 4, a scaled beta) are built on top.
 * Pure: no DOM, no global state; every sampler owns nothing but its source.
 */
import { randomBeta, randomLcg, randomLogNormal, randomNormal, randomUniform } from 'd3-random';
import type { Distribution, DistributionKind } from './sensitivity-types';

/** A source of uniform numbers in [0, 1). */
export type Source = () => number;
/** Draws one value of a distribution. */
export type Sampler = () => number;

/** PERT's weight of the mode (the classic beta-PERT). */
export const PERT_LAMBDA = 4;

/**
 * A seeded source. Integer seeds (any finite number: its integer part, sign
 * dropped) and fractions in [0, 1) are both accepted, as randomLcg takes them.
 */
export function createSource(seed: number): Source {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return randomLcg(seed);
}

export function uniform(source: Source, min: number, max: number): Sampler {
  return randomUniform.source(source)(min, max);
}

export function normal(source: Source, mean: number, sd: number): Sampler {
  return randomNormal.source(source)(mean, sd);
}

/** exp(X) for X normal with mean `mu` and standard deviation `sigma`. */
export function lognormal(source: Source, mu: number, sigma: number): Sampler {
  return randomLogNormal.source(source)(mu, sigma);
}

/** On [0, 1]; d3-random draws it as X/(X+Y) of two gammas. */
export function beta(source: Source, alpha: number, b: number): Sampler {
  return randomBeta.source(source)(alpha, b);
}

/** Inverse of the triangular CDF on one uniform draw: always inside [min, max]. */
export function triangular(source: Source, min: number, mode: number, max: number): Sampler {
  const width = max - min;
  const cut = width > 0 ? (mode - min) / width : 0;
  return () => {
    const u = source();
    const x = u < cut ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
    return Math.min(max, Math.max(min, x));
  };
}

/** Beta-PERT: min + (max − min)·Beta(1 + λ(mode − min)/(max − min), 1 + λ(max − mode)/(max − min)), λ = 4. */
export function pert(source: Source, min: number, mode: number, max: number): Sampler {
  const width = max - min;
  const b = beta(source, 1 + (PERT_LAMBDA * (mode - min)) / width, 1 + (PERT_LAMBDA * (max - mode)) / width);
  return () => Math.min(max, Math.max(min, min + width * b()));
}

/** The parameters of each distribution kind, in the order they are written. */
export const DISTRIBUTION_FIELDS = {
  uniform: ['min', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mu', 'sigma'],
  beta: ['alpha', 'beta'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
} as const satisfies Record<DistributionKind, readonly string[]>;

export type DistributionField = (typeof DISTRIBUTION_FIELDS)[DistributionKind][number];

/** What is wrong with a distribution's parameters; lib/messages/sensitivity.ts words it. */
export type DistributionProblem =
  | { code: 'unknown-kind'; kind: string }
  | { code: 'not-finite'; kind: DistributionKind; field: DistributionField }
  | { code: 'not-positive'; kind: DistributionKind; field: DistributionField; value: number }
  | { code: 'min-not-below-max'; kind: DistributionKind; min: number; max: number }
  | { code: 'mode-outside'; kind: DistributionKind; mode: number; min: number; max: number };

/** Every problem of a distribution's parameters; empty when it can be sampled. */
export function validateDistribution(d: Distribution): DistributionProblem[] {
  const fields = (DISTRIBUTION_FIELDS as Record<string, readonly DistributionField[] | undefined>)[d.kind];
  if (!fields) return [{ code: 'unknown-kind', kind: String(d.kind) }];
  const rec = d as unknown as Record<string, unknown>;
  const out: DistributionProblem[] = [];
  for (const f of fields) {
    const v = rec[f];
    if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ code: 'not-finite', kind: d.kind, field: f });
  }
  if (out.length) return out;
  switch (d.kind) {
    case 'uniform':
      if (!(d.min < d.max)) out.push({ code: 'min-not-below-max', kind: d.kind, min: d.min, max: d.max });
      break;
    case 'normal':
      if (!(d.sd > 0)) out.push({ code: 'not-positive', kind: d.kind, field: 'sd', value: d.sd });
      break;
    case 'lognormal':
      if (!(d.sigma > 0)) out.push({ code: 'not-positive', kind: d.kind, field: 'sigma', value: d.sigma });
      break;
    case 'beta':
      if (!(d.alpha > 0)) out.push({ code: 'not-positive', kind: d.kind, field: 'alpha', value: d.alpha });
      if (!(d.beta > 0)) out.push({ code: 'not-positive', kind: d.kind, field: 'beta', value: d.beta });
      break;
    case 'triangular':
    case 'pert':
      if (!(d.min < d.max)) out.push({ code: 'min-not-below-max', kind: d.kind, min: d.min, max: d.max });
      else if (d.mode < d.min || d.mode > d.max) out.push({ code: 'mode-outside', kind: d.kind, mode: d.mode, min: d.min, max: d.max });
      break;
  }
  return out;
}

/** A sampler of `d` drawing on `source`. Throws a RangeError when `d` is invalid (validate first to show the problems). */
export function makeSampler(d: Distribution, source: Source): Sampler {
  const problems = validateDistribution(d);
  if (problems.length) throw new RangeError(`invalid ${d.kind} distribution: ${problems.map((p) => p.code).join(', ')}`);
  switch (d.kind) {
    case 'uniform':
      return uniform(source, d.min, d.max);
    case 'normal':
      return normal(source, d.mean, d.sd);
    case 'lognormal':
      return lognormal(source, d.mu, d.sigma);
    case 'beta':
      return beta(source, d.alpha, d.beta);
    case 'triangular':
      return triangular(source, d.min, d.mode, d.max);
    case 'pert':
      return pert(source, d.min, d.mode, d.max);
  }
}

/** The analytic mean and variance of a valid distribution. */
export function distributionMoments(d: Distribution): { mean: number; variance: number } {
  switch (d.kind) {
    case 'uniform':
      return { mean: (d.min + d.max) / 2, variance: (d.max - d.min) ** 2 / 12 };
    case 'normal':
      return { mean: d.mean, variance: d.sd ** 2 };
    case 'lognormal': {
      const s2 = d.sigma ** 2;
      return { mean: Math.exp(d.mu + s2 / 2), variance: (Math.exp(s2) - 1) * Math.exp(2 * d.mu + s2) };
    }
    case 'beta': {
      const s = d.alpha + d.beta;
      return { mean: d.alpha / s, variance: (d.alpha * d.beta) / (s * s * (s + 1)) };
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return { mean: (a + b + c) / 3, variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18 };
    }
    case 'pert': {
      const w = d.max - d.min;
      const al = 1 + (PERT_LAMBDA * (d.mode - d.min)) / w;
      const be = 1 + (PERT_LAMBDA * (d.max - d.mode)) / w;
      const s = al + be;
      return { mean: d.min + (w * al) / s, variance: (w * w * al * be) / (s * s * (s + 1)) };
    }
  }
}
