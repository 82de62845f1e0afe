/**
 * The words of a comparison: a heading for each category of change and one
 * line for each item. Plain text (React renders it as text; escape before
 * any other use).
 */
import type { DiffCategory, DiffItem } from '@/lib/io/diff';

export const DIFF_HEADING: Record<DiffCategory, string> = {
  scenario: 'The scenario',
  nodes: 'Branches and judgements on them',
  assumptions: 'Assumptions and the Key Assumptions Check',
  risks: 'Risks and their assessment',
  indicators: 'Indicators and the watch on them',
  evidence: 'Quotes and their grades',
  sources: 'Sources and their grades',
  analysis: 'Decision analysis: rule, criteria, parameters and the numbers on branches',
  judgements: 'Team judgements: each analyst’s own',
  discussion: 'Discussion: comment threads, replies, resolved threads and dissents',
};

/** What an item of the analysis layer is, before its name. */
const PART_NAME: Record<NonNullable<DiffItem['part']>, string> = {
  rule: 'Decision rule',
  criterion: 'Criterion',
  parameter: 'Parameter',
  branch: 'Numbers on',
};

/** What a field is called, when its name alone would not do. */
const FIELD_NAME: Record<string, string> = {
  title: 'title',
  comments: 'comments',
  resolved: 'status',
  dissent: 'marked as',
  question: 'question',
  summary: 'summary',
  decisionMakerId: 'decision-maker',
  kind: 'kind',
  order: 'position among siblings',
  parentId: 'parent',
  assumptionIds: 'assumptions linked',
  negatedAssumptionIds: 'assumptions it rests on being false',
  riskIds: 'risks linked',
  indicatorIds: 'indicators linked',
  evidenceIds: 'quotes cited',
  underminingEvidenceIds: 'quotes against it',
  observedEvidenceIds: 'quotes reporting it observed',
  actorIds: 'actors linked',
  contextIds: 'context linked',
  stance: 'stance',
  likelihood: 'likelihood',
  tags: 'tags',
  note: 'note',
  status: 'Key Assumptions Check',
  rationale: 'rationale',
  undermine: 'what would undermine it',
  severity: 'severity',
  impact: 'impact',
  mitigation: 'mitigation',
  state: 'state',
  lastChecked: 'last checked',
  reviewEveryDays: 'review cadence',
  threshold: 'threshold',
  owner: 'owner',
  credibility: 'credibility',
  reliability: 'reliability',
  author: 'author',
  publisher: 'publisher',
  published: 'published',
  location: 'location',
  text: 'text',
  paragraph: 'paragraph',
  sourceId: 'source',
  rule: 'rule',
  unit: 'unit',
  better: 'better when',
  weight: 'weight',
  value: 'value',
  low: 'low',
  high: 'high',
  distribution: 'distribution',
  assumptionId: 'assumption carried',
  probability: 'probability',
  consequence: 'consequence',
};

/** Long values (notes, summaries) are shortened in the line. */
const MAX_VALUE = 80;
const cut = (s: string) => (s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1).trimEnd()}…` : s);
const quoted = (s: string) => `“${cut(s)}”`;

export function fieldName(field: string): string {
  return FIELD_NAME[field] ?? field;
}

/** One line for one change, e.g. `“Kunar strike”: stance Open → Favoured`. */
export function describeDiffItem(item: DiffItem): string {
  if (item.part === 'rule') return `${PART_NAME.rule}: ${cut(item.beforeText ?? '')} → ${cut(item.afterText ?? '')}`;
  if (item.part) return describeAnalysisItem(item, item.part);
  // An analyst's own judgement, e.g. `Ana’s judgement of “Kunar strike”: stance Open → Favoured`.
  if (item.category === 'judgements') return `${item.detail ?? ''}’s judgement of ${quoted(item.title)}: ${fieldName(item.field ?? '')} ${cut(item.beforeText ?? '')} → ${cut(item.afterText ?? '')}`;
  const name = quoted(item.title);
  switch (item.change) {
    case 'added':
      return `${name} added`;
    case 'removed':
      return `${name} removed`;
    case 'renamed':
      return `${quoted(item.beforeText ?? '')} renamed to ${quoted(item.afterText ?? '')}`;
    case 'moved':
      return `${name} moved from under ${item.beforeText ?? ''} to under ${item.afterText ?? ''}`;
    case 'changed':
      return `${name}: ${fieldName(item.field ?? '')} ${cut(item.beforeText ?? '')} → ${cut(item.afterText ?? '')}`;
  }
}

/** One line for a change in the analysis layer, e.g. `Numbers on “Texaco refuses”: probability 0.5 → 0.45`. */
function describeAnalysisItem(item: DiffItem, part: NonNullable<DiffItem['part']>): string {
  const name = `${PART_NAME[part]} ${quoted(item.title)}`;
  if (item.change === 'added') return `${name} added`;
  if (item.change === 'removed') return `${name} removed`;
  const field = item.field === 'consequence' && item.detail ? `consequence for ${quoted(item.detail)}` : fieldName(item.field ?? '');
  return `${name}: ${field} ${cut(item.beforeText ?? '')} → ${cut(item.afterText ?? '')}`;
}
