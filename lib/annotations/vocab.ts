/**
 * The analyst's vocabulary: stances, the words of estimative probability,
 * Key Assumptions Check statuses, risk ratings and indicator states.
 * Plain constants (no zod) so client components can import them cheaply.
 */

import { SEVERITIES, type Severity } from '@/lib/model/constants';

export const STANCES = ['open', 'favoured', 'rejected', 'needs-work'] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABEL: Record<Stance, string> = {
  open: 'Open',
  favoured: 'Favoured',
  rejected: 'Rejected',
  'needs-work': 'Needs work',
};

/**
 * The standard verbal scale of estimative probability (US ICD 203), each with
 * its percentage band.
 */
export const LIKELIHOODS = [
  'almost-no-chance',
  'very-unlikely',
  'unlikely',
  'roughly-even',
  'likely',
  'very-likely',
  'almost-certain',
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export const LIKELIHOOD_INFO: Record<Likelihood, { label: string; band: [number, number] }> = {
  'almost-no-chance': { label: 'Almost no chance', band: [1, 5] },
  'very-unlikely': { label: 'Very unlikely', band: [5, 20] },
  unlikely: { label: 'Unlikely', band: [20, 45] },
  'roughly-even': { label: 'Roughly even chance', band: [45, 55] },
  likely: { label: 'Likely', band: [55, 80] },
  'very-likely': { label: 'Very likely', band: [80, 95] },
  'almost-certain': { label: 'Almost certain', band: [95, 99] },
};
export function likelihoodText(l: Likelihood): string {
  const i = LIKELIHOOD_INFO[l];
  return `${i.label} (${i.band[0]}–${i.band[1]}%)`;
}

/** Key Assumptions Check statuses. */
export const ASSUMPTION_STATUSES = ['unreviewed', 'solid', 'caveated', 'unsupported', 'broken'] as const;
export type AssumptionStatus = (typeof ASSUMPTION_STATUSES)[number];
export const ASSUMPTION_STATUS_LABEL: Record<AssumptionStatus, string> = {
  unreviewed: 'Unreviewed',
  solid: 'Solid',
  caveated: 'Caveated',
  unsupported: 'Unsupported',
  broken: 'Broken',
};
/** A status that undermines every branch resting on the assumption. */
export function isBreaking(status: AssumptionStatus | undefined): boolean {
  return status === 'unsupported' || status === 'broken';
}

export const RATINGS = ['low', 'medium', 'high'] as const;
export type Rating = (typeof RATINGS)[number];

export const INDICATOR_STATES = ['not-seen', 'emerging', 'observed'] as const;
export type IndicatorState = (typeof INDICATOR_STATES)[number];
export const INDICATOR_STATE_LABEL: Record<IndicatorState, string> = {
  'not-seen': 'Not seen',
  emerging: 'Emerging',
  observed: 'Observed',
};

/** The longest review cadence of an indicator, in days (ten years). */
export const REVIEW_EVERY_MAX_DAYS = 3650;
/** The cadences offered in the indicator editor (any whole number of days from 1 to the maximum is valid). */
export const REVIEW_CADENCES = ['1', '7', '14', '30', '90', '180', '365'] as const;
export type ReviewCadence = (typeof REVIEW_CADENCES)[number];
export const REVIEW_CADENCE_LABEL: Record<ReviewCadence, string> = {
  '1': 'Every day', '7': 'Every week', '14': 'Every two weeks', '30': 'Every 30 days',
  '90': 'Every 90 days', '180': 'Every 180 days', '365': 'Every year',
};

/**
 * Credibility of an item of information on the Admiralty (NATO) scale, as
 * intelligence analysts grade it: 1 confirmed by other sources ... 6 truth
 * cannot be judged.
 */
export const CREDIBILITIES = ['1', '2', '3', '4', '5', '6'] as const;
export type Credibility = (typeof CREDIBILITIES)[number];
export const CREDIBILITY_LABEL: Record<Credibility, string> = {
  '1': 'Confirmed', '2': 'Probably true', '3': 'Possibly true',
  '4': 'Doubtful', '5': 'Improbable', '6': 'Cannot be judged',
};

/**
 * Reliability of a source on the Admiralty (NATO) scale: A completely reliable
 * ... E unreliable, F reliability cannot be judged.
 */
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITIES)[number];
export const RELIABILITY_LABEL: Record<Reliability, string> = {
  A: 'Completely reliable', B: 'Usually reliable', C: 'Fairly reliable',
  D: 'Not usually reliable', E: 'Unreliable', F: 'Reliability cannot be judged',
};

export const RATING_LABEL: Record<Rating, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const SEVERITY_LABEL: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** A closed choice the analyst makes in a select: its label, values, their labels and the "none" entry if any. */
export interface Choice<V extends string> {
  label: string;
  values: readonly V[];
  labels: Readonly<Record<V, string>>;
  /** The label of the empty value, where "not rated" is allowed. */
  empty?: string;
  /** A longer explanation shown on hover. */
  title?: string;
}

/** Every select of the analyst's vocabulary, declared once. */
export const CHOICES = {
  assumptionStatus: { label: 'Key Assumptions Check', values: ASSUMPTION_STATUSES, labels: ASSUMPTION_STATUS_LABEL },
  indicatorState: { label: 'State', values: INDICATOR_STATES, labels: INDICATOR_STATE_LABEL },
  reviewCadence: { label: 'Review', title: 'How often the indicator should be checked', empty: 'No cadence', values: REVIEW_CADENCES, labels: REVIEW_CADENCE_LABEL },
  severity: { label: 'Severity', title: 'Severity as the source implies it', values: SEVERITIES, labels: SEVERITY_LABEL },
  riskLikelihood: { label: 'Likelihood', empty: 'Not rated', values: RATINGS, labels: RATING_LABEL },
  riskImpact: { label: 'Impact', empty: 'Not rated', values: RATINGS, labels: RATING_LABEL },
  reliability: {
    label: 'Reliability',
    empty: 'Not graded',
    title: 'Admiralty code: A completely reliable ... E unreliable, F cannot be judged',
    values: RELIABILITIES,
    labels: RELIABILITY_LABEL,
  },
} as const satisfies Record<string, Choice<string>>;
