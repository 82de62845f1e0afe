/**
 * Words of the tree's search: what kind of thing matched and in which field.
 */
import type { SearchField, SearchKind } from '@/lib/tree/search';

export const SEARCH_KIND_LABEL: Record<SearchKind, string> = {
  node: 'Branch',
  assumption: 'Assumption',
  risk: 'Risk',
  indicator: 'Indicator',
  evidence: 'Quote',
};

/** The field that matched, as a result shows it; null where the kind says enough (a title, a statement, a quote). */
export const SEARCH_FIELD_LABEL: Record<SearchField, string | null> = {
  title: null,
  statement: null,
  quote: null,
  summary: 'summary',
  tag: 'tag',
  threshold: 'threshold',
  owner: 'owner',
  rationale: 'rationale',
  undermine: 'what would undermine it',
  mitigation: 'mitigation',
  note: 'note',
};

export const SEARCH_WORDS = {
  label: 'Search branches, records, quotes, notes and tags',
  placeholder: 'Search the tree…',
  results: 'Search results',
  none: 'No matches',
  /** A match on something no branch cites. */
  noBranch: 'not on any branch',
} as const;

/** "Branch · note", "Quote", for a result's tag. */
export function searchMatchLabel(kind: SearchKind, field: SearchField): string {
  const f = SEARCH_FIELD_LABEL[field];
  return f ? `${SEARCH_KIND_LABEL[kind]} · ${f}` : SEARCH_KIND_LABEL[kind];
}
