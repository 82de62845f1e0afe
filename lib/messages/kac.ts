/**
 * Words of the Key Assumptions Check: the table, the what-if preview and the
 * balance of evidence. Plain text; React renders it as text.
 */
import type { AssumptionStatus } from '@/lib/annotations/vocab';
import { ASSUMPTION_STATUS_LABEL } from '@/lib/annotations/vocab';
import type { Balance, Lean } from '@/lib/doc/balance';
import type { Side } from '@/lib/doc/affected';
import { countOf as n } from './count';
import { digits } from './count';

export const KAC_WORDS = {
  heading: 'Key Assumptions Check',
  caption: 'Assumptions with their Key Assumptions Check status, the branches resting on each side of them, the options each side carries and the balance of evidence',
  colStatement: 'Assumption',
  colStatus: 'Status',
  colBranches: 'Branches resting on it',
  colOptions: 'Options each side carries',
  colEvidence: 'Evidence',
  notUsed: 'Not used',
  none: '—',
  noAssumptions: 'This scenario records no assumptions.',
  noMatch: 'No assumption matches the filter.',
  filterLabel: 'Filter assumptions',
  statusFilter: 'Status',
  allStatuses: 'All statuses',
  weakeningFilter: 'Weakening a branch',
  contradictedFilter: 'Contradicted by its evidence',
  textFilter: 'Text',
  textPlaceholder: 'Filter by words in the assumption…',
  weakened: 'Weakened',
  tryButton: 'What if…',
  colTeam: 'Team',
  /** Hover text of the Team column's head. */
  colTeamTitle: 'Each analyst’s own Key Assumptions Check of the assumption, and how far the team splits on it',
  teamNone: 'No analyst’s check yet',
  splitFilter: 'Where the team splits',
} as const;

/** The label over each side's branches and options. */
export const SIDE_LABEL: Record<Side, string> = {
  holds: 'If it holds',
  fails: 'If it is false',
};

/** What each side means, for a hover title. */
export const SIDE_TITLE: Record<Side, string> = {
  holds: 'Branches resting on this assumption being true: weakened when it is judged unsupported or broken',
  fails: 'Branches resting on this assumption being false: weakened when it is judged solid',
};

export function kacSummary(total: number, weakening: number, contradicted: number, options: readonly string[]): string {
  let s = `${n(total, 'assumption')}; ${n(weakening, 'judgement')} weakening branches`;
  s += options.length ? `, weakening options: ${options.join('; ')}` : '';
  if (contradicted) s += `; ${n(contradicted, 'status', 'statuses')} contradicted by the evidence`;
  return `${s}.`;
}

export function shownCount(shown: number, total: number): string {
  return shown === total ? `${digits(total)} shown` : `${digits(shown)} of ${digits(total)} shown`;
}

export function moreBranches(count: number): string {
  return `and ${digits(count)} more…`;
}

export function showingFirst(max: number, total: number): string {
  return `Showing the first ${digits(max)} of ${digits(total)}; filter to narrow the list.`;
}

export function statusLabelFor(statement: string): string {
  return `Status of: ${statement.length > 80 ? `${statement.slice(0, 79)}…` : statement}`;
}

export function tryLabelFor(statement: string): string {
  return `What if: ${statement.length > 80 ? `${statement.slice(0, 79)}…` : statement}`;
}

// ------------------------------------------------------------------ balance

export const LEAN_LABEL: Record<Lean, string> = {
  none: 'No quotes',
  for: 'Leans for',
  against: 'Leans against',
  mixed: 'Mixed',
};

/**
 * The word for a balance. "Mixed" says the quotes disagree; quotes on one side only that weigh too little to lean
 * (one ungraded quote weighs 0.25, under LEAN_MARGIN) are thin, not mixed.
 */
export function leanLabel(b: Pick<Balance, 'lean' | 'forCount' | 'againstCount'>): string {
  if (b.lean === 'mixed' && b.againstCount === 0) return 'Thin support';
  if (b.lean === 'mixed' && b.forCount === 0) return 'Thin counter-evidence';
  return LEAN_LABEL[b.lean];
}

const w = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 1 });

/** "2 for (weight 1.4), 1 against (weight 0.3)". */
export function balanceText(b: Balance): string {
  if (b.lean === 'none') return 'No quotes cited';
  return `${b.forCount} for (weight ${w(b.forWeight)}), ${b.againstCount} against (weight ${w(b.againstWeight)})`;
}

export function contradictionText(status: AssumptionStatus, lean: Lean): string {
  return lean === 'against'
    ? `Judged ${ASSUMPTION_STATUS_LABEL[status].toLowerCase()}, but its evidence leans against it`
    : `Judged ${ASSUMPTION_STATUS_LABEL[status].toLowerCase()}, but its evidence leans for it`;
}

// ------------------------------------------------------------------ what-if

export const WHAT_IF_WORDS = {
  region: 'What-if preview',
  heading: 'What if',
  wereJudged: 'were judged',
  keep: 'Keep this judgement',
  discard: 'Discard',
  noChange: 'No branch or option would change.',
  banner: 'Previewing a judgement that is not saved: the tree shows what it would weaken.',
  review: 'Review',
} as const;

export function whatIfWould(verb: 'weaken' | 'free', options: readonly string[], branches: number): string {
  const parts: string[] = [];
  if (options.length) parts.push(`${options.length === 1 ? 'option' : 'options'} ${options.join('; ')}`);
  if (branches) parts.push(n(branches, 'branch', 'branches'));
  return `Would ${verb === 'weaken' ? 'weaken' : 'no longer weaken'}: ${parts.join(' and ')}.`;
}

const clip = (statement: string) => (statement.length > 90 ? `${statement.slice(0, 89)}…` : statement);

/** The what-if panel's question; the status follows in a select. */
export function whatIfQuestion(statement: string): string {
  return `What if “${clip(statement)}”`;
}

export function whatIfBanner(statement: string, status: AssumptionStatus): string {
  return `What if “${clip(statement)}” were judged ${ASSUMPTION_STATUS_LABEL[status].toLowerCase()}?`;
}

// ------------------------------------------------------------------ premises and evidence on a record

/** Said of a branch's premise wherever it is listed (outline, brief) when the branch rests on its being false. */
export const RESTS_ON_NEGATION = 'this branch rests on it being false';

/** The side a branch rests on, as chosen in the inspector. */
export const PREMISE_WORDS = {
  label: 'This branch rests on it',
  holds: 'being true',
  fails: 'being false',
} as const;

export const DIRECTION_WORDS = {
  label: (paragraph: number) => `Does the quote at ¶ ${paragraph} support or undermine this?`,
  supports: 'Supports',
  undermines: 'Undermines',
} as const;

export const RELIABILITY_WORDS = {
  heading: 'Sources',
  /** The region beside the Key Assumptions table (the overview has one named `heading`; landmarks need unique names). */
  kacRegion: 'Sources weighed in the Key Assumptions Check',
  grade: (reliability: string | null, credibility: string | null) => `${reliability ?? '?'}${credibility ?? '?'}`,
  gradeTitle: 'Admiralty grade: source reliability (A-F) and credibility of the item (1-6); ? where not graded',
} as const;

/** The overview's line on judgements that weaken branches. */
export function overviewWeak(judgements: number, options: number): string {
  return `${n(judgements, 'judgement')} of the Key Assumptions Check weakening branches${options > 0 ? `, and ${n(options, 'option')} (marked below).` : '; no option rests on the failing side.'}`;
}
