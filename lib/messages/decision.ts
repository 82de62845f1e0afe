/**
 * The words of the decision-analysis screens: the inspector's "Numbers"
 * section, the analysis panel and the marks on the tree.
 */
import type { Better } from '@/lib/analysis/model';
import type { ChoiceEffect } from '@/lib/analysis/assumption-choice';
import { digits } from './count';

/** A number as the analyst reads it: up to 4 significant digits, thousands separated. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number(v.toPrecision(4));
  return r.toLocaleString('en-GB', { maximumFractionDigits: 6 });
}

export function formatProbability(p: number): string {
  return `${formatValue(p * 100)}%`;
}

export const BETTER_LABEL: Record<Better, string> = { higher: 'Higher is better', lower: 'Lower is better' };

export const NUMBERS = {
  section: 'Numbers (decision analysis)',
  probability: 'Probability of this branch',
  probabilityHint: 'A number (0.3), a percentage (30%), an expression of parameters, or # for the rest',
  /** What the entry comes to under the analysis (an expression's value, the rest resolved). */
  probabilityEvaluated: (p: string) => `Evaluates to ${p}`,
  consequence: (name: string, unit: string) => (unit ? `${name} (${unit})` : name),
  consequenceHint: 'Added up along the path; a number or an expression of parameters',
  noCriteria: 'Add a criterion (what the consequences are measured in) to enter numbers on this branch.',
  criterionName: 'Criterion',
  criterionPlaceholder: 'e.g. Cost, Lives saved…',
  addCriterion: 'Add criterion',
  value: 'Value',
  valueOf: (rule: string) => `Value under “${rule}”`,
  reach: 'Probability of reaching it under the best policy',
  bestHere: 'Best choice here',
  tiedHere: 'Tied best choices here',
  problems: 'Problems on this branch',
  openPanel: 'Open decision analysis',
  bandMismatch: (p: string, likelihood: string, lo: number, hi: number) =>
    `The probability ${p} lies outside the band of your likelihood “${likelihood}” (${lo}–${hi}%).`,
  notComputed: 'Not computed: the analysis has problems (see the list in the decision analysis).',
} as const;

export const TREE_MARKS = {
  best: 'on the best path',
  rejected: 'off the best path',
  tied: 'tied',
  value: (v: string) => `value ${v}`,
} as const;

export const PANEL = {
  title: 'Decision analysis',
  close: 'Close decision analysis',
  tabs: 'Parts of the decision analysis',
  tabSetup: 'Set-up',
  tabResults: 'Results',
  tabSensitivity: 'Sensitivity',
  rule: 'Decision rule',
  criteria: 'Criteria',
  criteriaHint: 'What consequences are measured in. With several, the score is their weighted sum (a criterion where lower is better counts negatively).',
  colName: 'Name',
  colUnit: 'Unit',
  colBetter: 'Better',
  colWeight: 'Weight',
  colId: 'Name in expressions',
  colValue: 'Base value or expression',
  colLow: 'Low',
  colHigh: 'High',
  colAssumption: 'Carried by assumption',
  noAssumption: 'None',
  remove: 'Remove',
  addCriterion: 'Add criterion',
  newCriterion: 'New criterion…',
  parameters: 'Parameters',
  parametersHint: 'Named numbers used in probabilities and consequences. A parameter whose value is an expression of others is derived; low and high bound the sensitivity analysis.',
  addParameter: 'Add parameter',
  newParameter: 'New parameter…',
  noParameters: 'No parameters yet.',
  problems: 'Problems to fix before anything is computed',
  noProblems: 'No problems: the tree is computed.',
  showBranch: 'Show the branch',
  settingsProblem: 'Settings',
  inactive: 'Nothing is computed yet: add a criterion and enter probabilities and consequences on the branches (inspector, “Numbers”).',
  rootValue: 'Value of the decision',
  bestOption: 'Best option',
  tiedOptions: 'Tied best options',
  policies: 'Every policy',
  policiesHint: 'One choice at each decision the policy reaches, best first.',
  policiesCapped: (shown: number, total: number) =>
    `Only the first ${digits(shown)} of ${Number.isFinite(total) ? digits(total) : 'more'} policies are listed.`,
  colPolicy: 'Choices',
  colPolicyValue: 'Value',
  evpi: 'Expected value of perfect information',
  evpiHint: 'What knowing the outcome of each chance fork before deciding would be worth.',
  evpiNotEv: 'Defined under an expected-value rule only.',
  colChance: 'Chance fork',
  colEvpi: 'EVPI',
  riskProfile: 'Risk profile of the best policy',
  colOutcomeValue: 'Value',
  colProbability: 'Probability',
  profileCapped: 'Neighbouring values were pooled: the profile has too many points to list each.',
} as const;

export const SENSITIVITY = {
  needSolution: 'Sensitivity needs a computed tree: fix the problems listed under Set-up first.',
  noParameters: 'Give a parameter a low and a high value (Set-up, Parameters) to see how the choice depends on it.',
  tornado: 'Tornado: each parameter from its low to its high value',
  tornadoMode: 'Decisions in the tornado',
  modeReoptimised: 'Decisions re-optimised',
  modeFixed: 'Decisions fixed at the base case',
  decisive: 'Assumptions that decide the choice',
  thresholds: 'Where the best option changes',
  thresholdsHint: 'Each parameter across its range, the others at their base values; thresholds found by bisection.',
  noThreshold: 'the best option does not change in this range.',
  threshold: (at: string, before: string, after: string, tol: string) => `at ${at} (±${tol}) the best option changes from ${before} to ${after}.`,
  spider: 'Spider',
  twoWay: 'Strategy regions of two parameters',
  across: 'Across',
  up: 'and up',
  monteCarlo: 'Monte Carlo simulation',
  monteCarloHint: (ids: readonly string[]) => `Draws ${ids.join(', ')} from their distributions; the other parameters keep their base values.`,
  noDistributions: 'Give a parameter a distribution (Set-up, Parameters) to simulate.',
  iterations: 'Iterations',
  seed: 'Seed',
  run: 'Run',
  cancel: 'Cancel',
  progress: 'Progress',
  cancelled: (done: number, total: number) => `Cancelled after ${digits(done)} of ${digits(total)} iterations; nothing was scored.`,
} as const;

export const DISTRIBUTION_WORDS = {
  column: 'Distribution',
  none: 'None',
} as const;

/** Words of a what-if preview's effect on the choice (lib/analysis/assumption-choice.ts). */
export const WHAT_IF_CHOICE = {
  heading: 'Effect on the best option',
  unavailable: 'The decision analysis cannot be computed, so the effect on the best option is unknown.',
} as const;

/**
 * One sentence on whether trying a status changes the best option. `names`
 * turns option ids into titles.
 */
export function whatIfChoiceText(effect: ChoiceEffect, names: (id: string) => string): string {
  if (effect.kind === 'unavailable') return WHAT_IF_CHOICE.unavailable;
  const best = effect.base.map(names).join(' = ');
  if (effect.kind === 'no-parameters') return `This assumption carries no parameter with a range; the best option stays ${best}.`;
  const list = (ps: readonly { name: string }[]) => ps.map((p) => p.name).join(', ');
  if (effect.kind === 'pinned') return `Judged so, the assumption keeps ${list(effect.parameters)} at the base value; the best option stays ${best}.`;
  const range = effect.sweeps.map((s) => `${s.parameter.name} ${formatValue(s.parameter.low)}–${formatValue(s.parameter.high)}`).join('; ');
  if (!effect.changes) return `The best option stays ${best} across the range of what this assumption carries (${range}).`;
  const where = effect.sweeps
    .flatMap((s) => s.thresholds.map((t) => `at ${s.parameter.name} ${formatValue(t.at)}, ${t.before.map(names).join(' = ')} below and ${t.after.map(names).join(' = ')} above`))
    .join('; ');
  const to = effect.alternatives.map(names).join('; ');
  return `The best option can change${to ? ` to ${to}` : ''} across the range of what this assumption carries (${range})${where ? `: ${where}` : ''}.`;
}

/** The decision analysis in the brief (lib/io/brief-analysis.ts). */
export const BRIEF_ANALYSIS = {
  rule: 'Decision rule',
  criteria: 'Criteria',
  weight: (w: string) => `weight ${w}`,
  problems: 'Nothing is computed yet: the analysis has these problems to fix.',
  rootValue: 'Value of the decision',
  bestOption: 'Best option',
  tiedOptions: 'Tied best options',
  bestPolicy: 'Best policy (the choice at each decision it reaches)',
  atDecision: (decision: string, choice: string) => `at “${decision}”: ${choice}`,
  or: ' or ',
  tied: 'tied',
  parameters: 'Parameters (base value, and the range the sensitivity analysis explores)',
  range: (low: string, high: string) => `from ${low} to ${high}`,
  valueAxis: 'Value of the decision',
  chartsHeading: 'Decision analysis: charts',
} as const;

/** Exporting a chart as SVG (components/analysis/charts/ChartFigure.tsx). */
export const CHART_EXPORT = {
  button: 'Download SVG',
  label: (title: string) => `Download SVG: ${title}`,
} as const;
