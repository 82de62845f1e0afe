/**
 * Words of the sensitivity analysis and Monte Carlo: distribution names and
 * their problems, the charts' titles, axes, legends and summaries. Plain
 * text; React renders it as text and the SVG export escapes it.
 */
import type { DistributionField, DistributionProblem } from '@/lib/analysis/random';
import type { DistributionKind } from '@/lib/analysis/sensitivity-types';
import type { DecisiveAssumption, ParameterProblem } from '@/lib/analysis/sensitivity';
import { MAX_ITERATIONS, type MonteCarloProblem } from '@/lib/analysis/montecarlo';
import { countOf as count } from './count';
import { digits } from './count';

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
      return `The number of iterations must be a whole number from 1 to ${digits(MAX_ITERATIONS)} (it is ${fmt(p.iterations)}).`;
    case 'seed':
      return 'The seed must be a finite number.';
    case 'distribution':
      return `Parameter “${nameOf(p.parameterId)}”: ${distributionProblemText(p.problem)}`;
  }
}

/** Words of the analysis charts: titles, axes, legends, table headings. */
export const CHART_WORDS = {
  rootValue: 'Value of the decision',
  outcomeValue: 'Outcome value',
  tornadoFixed: 'Tornado: decisions fixed at the base case',
  tornadoReoptimised: 'Tornado: decisions re-optimised',
  atLow: 'Parameter at its low value',
  atHigh: 'Parameter at its high value',
  baseValue: 'Base case value',
  changesBest: 'The best option changes within the range',
  noAssumption: 'No assumption named',
  failed: 'Evaluation failed',
  baseFailed: 'The base case could not be evaluated',
  colParameter: 'Parameter',
  colAssumptions: 'Assumptions',
  colLow: 'Low',
  colHigh: 'High',
  colAtLow: 'Value at low',
  colAtHigh: 'Value at high',
  colSwing: 'Swing',
  colChangesBest: 'Best option changes',
  colValue: 'Value',
  colStatistic: 'Statistic',
  yes: 'Yes',
  no: 'No',
  tieJoin: ' = ',
  tied: '(tied)',
  spider: 'Spider: value of the decision against each parameter’s change from base',
  changeFromBase: 'Change from base value (%)',
  noPercent: 'base is 0',
  riskProfile: 'Risk profile of the best policy',
  probability: 'Probability',
  cumulative: 'Cumulative probability',
  strategyRegions: (a: string, b: string) => `Strategy regions: the best option by ${a} and ${b}`,
  failedCells: 'Evaluation failed',
  monteCarlo: 'Monte Carlo: distribution of the value of the decision',
  share: 'Share of valid runs',
  mean: 'Mean',
  median: 'Median',
  p5: '5th percentile',
  p95: '95th percentile',
  p5p95: '5th and 95th percentiles',
  validRuns: 'Valid runs',
  invalidRuns: 'Invalid runs (excluded)',
  probabilityBest: (option: string) => `Probability “${option}” is best`,
  runs: (valid: number, done: number, invalid: number, seed: number) =>
    `${count(valid, 'valid run')} of ${digits(done)}${invalid ? `; ${count(invalid, 'invalid run')} excluded` : ''}; seed ${seed}`,
} as const;

/** The <desc> of each chart: its values in a sentence or two. */
export const chartSummary = {
  tornado(bars: number, top: { name: string; swing: string } | null, base: string | null, changing: readonly string[]): string {
    let s = `${count(bars, 'parameter')} ranked by swing`;
    if (top) s += `; the largest is “${top.name}” (swing ${top.swing})`;
    s += base === null ? '. The base case could not be evaluated.' : `. Base case value ${base}.`;
    if (changing.length) s += ` The best option changes within the range of: ${changing.join('; ')}.`;
    return s;
  },
  spider(shown: number, omitted: number, base: string | null): string {
    let s = `${count(shown, 'parameter')} drawn as the value of the decision against the change from base`;
    if (omitted) s += `; ${count(omitted, 'parameter')} with a base of 0 or no valid value left out`;
    return `${s}.${base === null ? '' : ` Base case value ${base}.`}`;
  },
  riskProfile(outcomes: number, min: string | null, max: string | null): string {
    return outcomes ? `${count(outcomes, 'outcome value')} from ${min} to ${max}, with their probabilities and the cumulative probability.` : 'No outcome to show.';
  },
  strategyRegions(regions: readonly { name: string; cells: number }[], errors: number, total: number): string {
    const parts = regions.map((r) => `${r.name}: ${count(r.cells, 'cell')}`);
    if (errors) parts.push(`${CHART_WORDS.failed}: ${count(errors, 'cell')}`);
    return `${count(total, 'cell')}. ${parts.join('; ')}.`;
  },
  monteCarlo(runs: string, f: { mean: string; median: string; p5: string; p95: string }, best: readonly { name: string; share: string }[]): string {
    let s = `${runs}. Mean ${f.mean}, median ${f.median}, 5th percentile ${f.p5}, 95th percentile ${f.p95}.`;
    if (best.length) s += ` Probability best: ${best.map((b) => `${b.name} ${b.share}`).join('; ')}.`;
    return s;
  },
};

/** Words of the Key Assumptions table's "decisive" column (fed by `decisive` of a re-optimised tornado). */
export const DECISIVE_WORDS = {
  column: 'Decisive',
  columnTitle: 'Rank of the assumption by the largest tornado swing of the parameters it carries, and whether their range changes the best option',
  notRanked: '—',
  changes: 'changes the best option',
} as const;

/**
 * One item of the sensitivity panel's ranked list (an ordered list: its number is the rank):
 * "changes the best option (swing 6)", "swing 0.11".
 */
export function decisiveItemText(d: Pick<DecisiveAssumption, 'swing' | 'changesBest'>): string {
  if (d.swing === null) return 'not ranked: no swing computed';
  const swing = d.swing.toLocaleString('en', { maximumSignificantDigits: 4 });
  return d.changesBest ? `${DECISIVE_WORDS.changes} (swing ${swing})` : `swing ${swing}`;
}

/** One cell of the column: "1 · changes the best option (swing 6)", or "—" without a swing. */
export function decisiveText(d: Pick<DecisiveAssumption, 'rank' | 'swing' | 'changesBest'>): string {
  if (d.rank === null || d.swing === null) return DECISIVE_WORDS.notRanked;
  const swing = d.swing.toLocaleString('en', { maximumSignificantDigits: 4 });
  return `${d.rank}${d.changesBest ? ` · ${DECISIVE_WORDS.changes}` : ''} (swing ${swing})`;
}
