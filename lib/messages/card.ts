/**
 * Words on a node card and in the tree's legend (the live tree and the
 * exported picture say the same things: lib/card draws both).
 */
import type { NodeKind } from '@/lib/model/schema';
import { LIKELIHOOD_INFO, type Likelihood, type Stance } from '@/lib/annotations/vocab';
import type { Solution } from '@/lib/analysis/rollback';
import { formatProbability, formatValue } from './decision';

/** The word after a stance mark's symbol ("★ favoured"). */
export const STANCE_MARK_WORD: Record<Exclude<Stance, 'open'>, string> = {
  favoured: 'favoured',
  rejected: 'rejected',
  'needs-work': 'needs work',
};

/** Badge letters and the nouns they count (singular, plural). */
export const BADGE_NOUN = {
  A: ['assumption', 'assumptions'],
  R: ['risk', 'risks'],
  I: ['indicator', 'indicators'],
  Q: ['quote', 'quotes'],
} as const;

/** "2 assumptions, 1 risk": what a card's badges count, for its accessible name. */
export function badgeCountText(counts: ReadonlyArray<{ key: keyof typeof BADGE_NOUN; n: number }>): string {
  return counts
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${BADGE_NOUN[c.key][c.n > 1 ? 1 : 0]}`)
    .join(', ');
}

/** Node kinds as the reader sees them (cards, legend, inspector, outline). */
export const KIND_LABEL: Record<NodeKind, string> = {
  decision: 'Decision',
  option: 'Option',
  chance: 'Chance',
  outcome: 'Outcome',
};

export const LEGEND_WORDS = {
  title: 'Legend',
  broken: 'rests on a failing premise',
  affected: 'under such a branch',
  splitStrong: 'the team splits on it (strong or extreme disagreement)',
  splitMild: 'mild disagreement in the team',
} as const;

/** The word on the tree's disagreement mark (lib/card/card.ts `splitMarkElement`). */
export const SPLIT_MARK_WORD = { mild: 'mild split', strong: 'split', extreme: 'split' } as const;

/**
 * A weakened card's accessible words. A premise fails when the assumption is
 * judged unsupported or broken, or, for a branch resting on its being false,
 * when it is judged solid.
 */
export const WEAK_LABEL = {
  broken: 'rests on a premise that fails the Key Assumptions Check',
  affected: 'under a branch whose premise fails',
} as const;

/** The likelihood as the card writes it: its words ("Likely"); the band is in the inspector and the description. */
export function likelihoodMark(l: Likelihood): string {
  return LIKELIHOOD_INFO[l].label;
}

/**
 * The analysis value as the card writes it ("value 12.5"), after the branch's own probability when it is an
 * outcome of a chance fork ("17% · value 12.5"), as decision trees are read.
 */
export function valueMark(score: number, probability: number | null = null): string {
  return probability !== null && Number.isFinite(probability) ? `${formatProbability(probability)} · value ${formatValue(score)}` : `value ${formatValue(score)}`;
}

/** A branch's analysis mark as the card writes it ("17% · value 5", "value 4.635"), or null when it has no value. */
export function analysisMarkText(solution: Pick<Solution, 'values' | 'probability'>, id: string): string | null {
  const v = solution.values.get(id);
  return v ? valueMark(v.score, solution.probability.get(id) ?? null) : null;
}
