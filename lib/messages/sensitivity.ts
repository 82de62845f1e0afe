/**
 * Words of the sensitivity analysis and Monte Carlo: distribution names and
 * their problems, the charts' titles, axes, legends and summaries. Plain
 * text; React renders it as text and the SVG export escapes it.
 */
import type { DistributionField, DistributionProblem } from '@/lib/analysis/random';
import type { DistributionKind } from '@/lib/analysis/sensitivity-types';
import type { ParameterProblem } from '@/lib/analysis/sensitivity';
import { MAX_ITERATIONS, type MonteCarloProblem } from '@/lib/analysis/montecarlo';

const fmt = (v: number) => (Number.isFinite(v) ? v.toLocaleString('en', { maximumSignificantDigits: 6 }) : String(v));

export const DISTRIBUTION_LABEL: Record<DistributionKind, string> = {
  uniform: 'Uniform',
  normal: 'Normal',
  lognormal: 'Lognormal',
  beta: 'Beta',
  triangular: 'Triangular',
  pert: 'PERT',
};

export const DISTRIBUTION_FIELD_LABEL: Record<DistributionField, string> = {
  min: 'minimum',
  max: 'maximum',
  mode: 'most likely value',
  mean: 'mean',
  sd: 'standard deviation',
  mu: 'mu (mean of the logarithm)',
  sigma: 'sigma (standard deviation of the logarithm)',
  alpha: 'alpha',
  beta: 'beta',
};

/** One problem of a distribution's parameters, as a sentence. */
export function distributionProblemText(p: DistributionProblem): string {
  if (p.code === 'unknown-kind') return `“${p.kind}” is not a distribution this app knows (uniform, normal, lognormal, beta, triangular or PERT).`;
  const d = DISTRIBUTION_LABEL[p.kind];
  switch (p.code) {
    case 'not-finite':
      return `${d} distribution: the ${DISTRIBUTION_FIELD_LABEL[p.field]} must be a finite number.`;
    case 'not-positive':
      return `${d} distribution: the ${DISTRIBUTION_FIELD_LABEL[p.field]} must be greater than 0 (it is ${fmt(p.value)}).`;
    case 'min-not-below-max':
      return `${d} distribution: the minimum (${fmt(p.min)}) must be below the maximum (${fmt(p.max)}).`;
    case 'mode-outside':
      return `${d} distribution: the most likely value (${fmt(p.mode)}) must lie between the minimum (${fmt(p.min)}) and the maximum (${fmt(p.max)}).`;
  }
}

const RANGE_FIELD_LABEL = { base: 'base value', low: 'low value', high: 'high value' } as const;

/** One problem of a parameter's range, as a sentence naming the parameter. */
export function parameterProblemText(name: string, p: ParameterProblem): string {
  if (p.code === 'not-finite') return `Parameter “${name}”: the ${RANGE_FIELD_LABEL[p.field]} must be a finite number.`;
  return `Parameter “${name}”: the low value (${fmt(p.low)}) must not be above the high value (${fmt(p.high)}).`;
}

/** One problem that stops a Monte Carlo run, as a sentence; `nameOf` names a parameter by its id. */
export function monteCarloProblemText(p: MonteCarloProblem, nameOf: (id: string) => string): string {
  switch (p.code) {
    case 'iterations':
      return `The number of iterations must be a whole number from 1 to ${MAX_ITERATIONS.toLocaleString('en')} (it is ${fmt(p.iterations)}).`;
    case 'seed':
      return 'The seed must be a finite number.';
    case 'distribution':
      return `Parameter “${nameOf(p.parameterId)}”: ${distributionProblemText(p.problem)}`;
  }
}
