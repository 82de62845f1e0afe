/**
 * Words of the signpost watchlist and of the indicator's watch fields in the
 * inspector.
 */
import { cadenceText } from '@/lib/records/indicator';
import type { WatchColumn } from '@/lib/watchlist';

export const WATCH_WORDS = {
  title: 'Signpost watchlist',
  headerGroup: 'Panels',
  caption: 'Every indicator with the analyst’s watch of it',
  close: 'Close watchlist',
  filters: 'Filter the watchlist',
  text: 'Contains',
  textPlaceholder: 'Words in a statement, threshold, note, branch or quote…',
  state: 'State',
  anyState: 'Any state',
  overdueOnly: 'Overdue only',
  observedOnly: 'Observed in the source only',
  option: 'Option',
  anyOption: 'Any option',
  owner: 'Owner',
  anyOwner: 'Any owner',
  noOwner: 'No owner',
  ownerPlaceholder: 'Who watches it…',
  threshold: 'Threshold',
  thresholdPlaceholder: 'What level of the sign means the branch is unfolding…',
  clear: 'Clear filters',
  observedMark: 'Observed in the source',
  neverChecked: 'Never checked',
  none: '—',
  empty: 'No indicator matches these filters.',
  noBranches: 'No branch cites it',
} as const;

export const WATCH_COLUMN_LABEL: Record<WatchColumn, string> = {
  statement: 'Indicator',
  state: 'State',
  lastChecked: 'Last checked',
  cadence: 'Review',
  due: 'Due',
  overdue: 'Overdue',
  branches: 'Branches',
  threshold: 'Threshold',
  owner: 'Owner',
  observed: 'Source',
};

/** "12 of 14 indicators". */
export function watchCount(shown: number, total: number): string {
  return shown === total ? `${total} indicator${total === 1 ? '' : 's'}` : `${shown} of ${total} indicators`;
}

/** A cadence in the table and in the select's extra entry: "Every 3 days". */
export function cadenceLabel(days: number | null): string {
  const t = cadenceText(days);
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The overdue cell. */
export function overdueText(row: { reviewEveryDays: number | null; overdueDays: number | null; overdue: boolean }): string {
  if (row.reviewEveryDays === null) return WATCH_WORDS.none;
  if (row.overdueDays === null) return 'Never checked';
  if (row.overdueDays > 0) return `${row.overdueDays} day${row.overdueDays === 1 ? '' : 's'} overdue`;
  if (row.overdueDays === 0) return 'Due today';
  const ahead = -row.overdueDays;
  return `Due in ${ahead} day${ahead === 1 ? '' : 's'}`;
}

/** Which way a sortable column header will sort next, for its button name. */
export function sortButtonLabel(column: WatchColumn): string {
  return `Sort by ${WATCH_COLUMN_LABEL[column].toLowerCase()}`;
}

