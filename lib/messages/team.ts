/**
 * The words of team judgements: each analyst's answer, the aggregate, the
 * bands of disagreement, the group view, the mark on the tree, and the
 * repairs made reading the layer (lib/team).
 */
import { ASSUMPTION_STATUS_LABEL, LIKELIHOOD_INFO, STANCE_LABEL, type AssumptionStatus, type Likelihood, type Stance } from '@/lib/annotations/vocab';
import type { Band, Dimension, GroupValue, LeftOut, Opinion, TeamRow } from '@/lib/team/aggregate';
import { BAND_FLOOR } from '@/lib/team/aggregate';
import type { JudgementRepair } from '@/lib/team/judgements';

export const BAND_LABEL: Record<Band, string> = {
  consensus: 'Consensus',
  mild: 'Mild disagreement',
  strong: 'Strong disagreement',
  extreme: 'Extreme disagreement',
};
/** The short word the tree's mark and the table's chip show. */
export const BAND_SHORT: Record<Band, string> = { consensus: 'Agree', mild: 'Mild', strong: 'Split', extreme: 'Split!' };
export const ONE_VIEW = 'One view';

export const DIMENSION_LABEL: Record<Dimension, string> = {
  stance: 'Stance',
  likelihood: 'Likelihood',
  probability: 'Probability',
  status: 'Key Assumptions Check',
};

const pct = (x: number) => `${Math.round(x * 100)}%`;
const sd = (x: number) => x.toFixed(2);

/** An answer as the analyst gave it, in words. */
export function answerText(dimension: Dimension, value: string): string {
  switch (dimension) {
    case 'stance':
      return STANCE_LABEL[value as Stance] ?? value;
    case 'likelihood':
      return LIKELIHOOD_INFO[value as Likelihood]?.label ?? value;
    case 'status':
      return ASSUMPTION_STATUS_LABEL[value as AssumptionStatus] ?? value;
    case 'probability':
      return value;
  }
}

export const LEFT_OUT_TEXT: Record<LeftOut, string> = {
  expression: 'an expression that cannot be evaluated here: left out of the aggregate',
  'out-of-range': 'not between 0 and 1: left out of the aggregate',
};

export function opinionText(dimension: Dimension, o: Opinion): string {
  const base = `${o.name}: ${answerText(dimension, o.value)}`;
  return o.leftOut ? `${base} (${LEFT_OUT_TEXT[o.leftOut]})` : base;
}

/** The aggregate in words: the mean on the dimension's own terms and the spread of answers. */
export function aggregateText(row: TeamRow): string {
  const s = row.spread;
  if (!s) return 'No number to aggregate';
  const range = s.n > 1 ? `, answers ${rangeText(row.dimension, s.min, s.max)}` : '';
  switch (row.dimension) {
    case 'likelihood':
    case 'probability':
      return `Mean ${pct(s.mean)}${range}`;
    case 'stance':
      return `Mean ${s.mean.toFixed(2)} (1 favoured, 0 rejected)${range}`;
    case 'status':
      return `Mean ${s.mean.toFixed(2)} (1 solid, 0 broken)${range}`;
  }
}

function rangeText(d: Dimension, min: number, max: number): string {
  return d === 'likelihood' || d === 'probability' ? `${pct(min)}–${pct(max)}` : `${min.toFixed(2)}–${max.toFixed(2)}`;
}

export function bandText(band: Band | null): string {
  return band === null ? ONE_VIEW : BAND_LABEL[band];
}

/** The band with the standard deviation, e.g. "Strong disagreement (SD 0.25)". */
export function bandDetail(row: TeamRow): string {
  return row.band === null || !row.spread ? ONE_VIEW : `${BAND_LABEL[row.band]} (SD ${sd(row.spread.sd)})`;
}

export function groupValueText(g: GroupValue): string {
  return answerText(g.dimension, g.value);
}

export const BAND_THRESHOLDS_TEXT = `Disagreement is the standard deviation of the answers on a 0–1 scale: consensus below ${BAND_FLOOR.mild}, mild below ${BAND_FLOOR.strong}, strong below ${BAND_FLOOR.extreme}, extreme from ${BAND_FLOOR.extreme}.`;

export const TEAM_WORDS = {
  tab: 'Team judgements',
  heading: 'Team judgements',
  intro: 'Each analyst’s own stance, likelihood, probability and Key Assumptions Check, side by side, with the aggregate and how far the team splits.',
  thresholds: BAND_THRESHOLDS_TEXT,
  none: 'No analyst has recorded a judgement yet. Set a stance, a likelihood, a probability or a Key Assumptions Check in the inspector: it is recorded as yours.',
  noneSplit: 'The team does not split anywhere (every judgement with two or more views is in consensus).',
  filterSplit: 'Only where we split',
  colItem: 'Branch or assumption',
  colDimension: 'Judgement',
  colAggregate: 'Aggregate',
  colBand: 'Disagreement',
  notJudged: '—',
  tableCaption: 'Each analyst’s judgement, the aggregate and the disagreement',
  // The inspector.
  panelHeading: 'The team’s judgements',
  panelNone: 'No judgement recorded yet. Your edits above are recorded as yours.',
  you: '(you)',
  adopt: 'Adopt the group’s view',
  adopted: (dimension: Dimension, value: string) => `The team value of the ${DIMENSION_LABEL[dimension].toLowerCase()} is now the group’s view: ${value}.`,
  rule: 'The value above is the team’s working value; each analyst’s edit of it is also recorded as theirs.',
  selectBranch: (title: string) => `Select the branch “${title}”`,
  assumptionPrefix: 'Assumption: ',
} as const;

/** The tree's mark: its accessible words (the card's description) and the legend's. */
export function splitMarkText(band: Band): string {
  return `The team disagrees: ${BAND_LABEL[band].toLowerCase()}`;
}
export const SPLIT_LEGEND = { strong: 'The team splits (strong or extreme disagreement)', mild: 'Mild disagreement in the team' } as const;

export const ADOPT_STEP: Record<Dimension, string> = {
  stance: 'Adopt the group’s stance',
  likelihood: 'Adopt the group’s likelihood',
  probability: 'Adopt the group’s probability',
  status: 'Adopt the group’s check',
};

/** One repair of the layer as a clause (lower case, no final full stop). */
export function judgementRepairText(r: JudgementRepair): string {
  switch (r.code) {
    case 'judgements-unreadable':
      return 'the team judgements could not be read (expected an object) and were left out';
    case 'judgements-refused':
      return r.reason === 'too-many-analysts'
        ? `the team judgements were refused: they name more than ${r.limit} analysts, more than any team; the rest of the document was kept`
        : `the team judgements were refused: one analyst holds more than ${r.limit} judgements, more than the scenario can have; the rest of the document was kept`;
    case 'judgements-analyst-dropped':
      return `dropped the judgements of "${r.key}": ${r.reason}`;
    case 'judgements-entry-dropped':
      return `dropped the judgement of analyst ${r.analyst} on "${r.key}": ${r.reason}`;
    case 'judgements-orphaned':
      return `dropped team judgements on ${r.ids.length} ${r.ids.length === 1 ? r.what : r.what === 'branch' ? 'branches' : 'assumptions'} that no longer exist${r.ids.length === 1 ? 's' : ''}: ${r.ids.slice(0, 10).join(', ')}${r.ids.length > 10 ? ` and ${r.ids.length - 10} more` : ''}`;
  }
}
