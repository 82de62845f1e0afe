/**
 * The signpost watchlist: one row per indicator with the analyst's watch of
 * it (state, last check, review cadence, threshold, owner), when the next
 * check is due relative to a given day, the branches that cite it and the
 * option each belongs to, and the quotes in which the source reports the sign
 * as already happening. Filter and sort. Pure: no React, no DOM, no clock
 * (`today` is always passed in).
 *
 * Due and overdue, precisely (all dates YYYY-MM-DD, whole days):
 * - no cadence (`reviewEveryDays` null): never due, never overdue
 *   (`due` null, `overdueDays` null, `overdue` false);
 * - a cadence and a last check L: due on L + cadence; `overdueDays` =
 *   today − due (negative while the check is still ahead, 0 on the due day);
 *   overdue when `overdueDays` > 0, i.e. the due day has passed;
 * - a cadence and never checked: overdue (a watch with a cadence that was
 *   never looked at is the most overdue of all); `due` null, `overdueDays`
 *   null, `overdue` true, and it sorts above every dated overdue row.
 */
import type { Evidence, Indicator, ScenarioNode } from '@/lib/model/schema';
import type { WorkDocument } from '@/lib/doc/types';
import type { TreeIndex } from '@/lib/model/tree';
import { optionOfEach, optionsOf } from '@/lib/doc/affected';
import { own } from '@/lib/records';
import { isIsoDate } from '@/lib/records/dates';
import { INDICATOR_STATES, REVIEW_CADENCES, type Choice, type IndicatorState, type ReviewCadence, CHOICES } from '@/lib/annotations/vocab';
import { fold } from '@/lib/tree/fold';

export interface WatchBranch {
  id: string;
  title: string;
  kind: ScenarioNode['kind'];
  /** The option (child of the root) the branch belongs to; the root's own id for the root. */
  optionId: string;
}

export interface WatchQuote {
  id: string;
  quote: string;
  paragraph: number;
  sourceId: string;
}

export interface WatchRow {
  id: string;
  statement: string;
  state: IndicatorState;
  lastChecked: string | null;
  reviewEveryDays: number | null;
  /** The day the next check is due; null without a cadence or without a first check. */
  due: string | null;
  /** today − due in days; null when there is no due day. */
  overdueDays: number | null;
  overdue: boolean;
  threshold: string;
  owner: string;
  note: string;
  /** Branches that cite the indicator, in tree order. */
  branches: WatchBranch[];
  /** The options those branches belong to, in tree order (the root stands for every option). */
  options: string[];
  /** The quotes in which the source reports the sign as already happening. */
  observedQuotes: WatchQuote[];
}

// ---------------------------------------------------------------- date maths

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  const t = new Date(0);
  t.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round(t.getTime() / DAY_MS);
}

/** The YYYY-MM-DD date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  const t = new Date((dayNumber(iso) + days) * DAY_MS);
  const y = t.getUTCFullYear();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${y < 0 ? '-' : ''}${p(Math.abs(y), 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
}

/** Due day, days overdue and whether overdue, as defined at the top of this module. */
export function dueOf(lastChecked: string | null, reviewEveryDays: number | null, today: string): Pick<WatchRow, 'due' | 'overdueDays' | 'overdue'> {
  if (reviewEveryDays === null) return { due: null, overdueDays: null, overdue: false };
  if (lastChecked === null || !isIsoDate(lastChecked)) return { due: null, overdueDays: null, overdue: true };
  const due = addDays(lastChecked, reviewEveryDays);
  const overdueDays = dayNumber(today) - dayNumber(due);
  return { due, overdueDays, overdue: overdueDays > 0 };
}

// ---------------------------------------------------------------- rows

/** Every indicator of the document as a watchlist row, in the scenario's order. */
export function watchRows(doc: WorkDocument, index: TreeIndex, today: string): WatchRow[] {
  const optionOf = optionOfEach(index);
  const evidence = new Map<string, Evidence>(doc.scenario.evidence.map((e) => [e.id, e]));
  return doc.scenario.indicators.map((ind: Indicator) => {
    const a = own(doc.annotations.indicators, ind.id);
    const lastChecked = a?.lastChecked ?? null;
    const reviewEveryDays = a?.reviewEveryDays ?? null;
    const ids = index.nodesByIndicator.get(ind.id) ?? [];
    const branches: WatchBranch[] = [];
    for (const id of ids) {
      const n = index.byId.get(id);
      if (n) branches.push({ id, title: n.title, kind: n.kind, optionId: optionOf.get(id) ?? id });
    }
    const observedQuotes: WatchQuote[] = [];
    for (const eid of ind.observedEvidenceIds) {
      const e = evidence.get(eid);
      if (e) observedQuotes.push({ id: e.id, quote: e.quote, paragraph: e.paragraph, sourceId: e.sourceId });
    }
    return {
      id: ind.id,
      statement: ind.statement,
      state: a?.state ?? 'not-seen',
      lastChecked,
      reviewEveryDays,
      ...dueOf(lastChecked, reviewEveryDays, today),
      threshold: a?.threshold ?? '',
      owner: a?.owner ?? '',
      note: a?.note ?? '',
      branches,
      options: optionsOf(index, optionOf, ids),
      observedQuotes,
    };
  });
}

// ---------------------------------------------------------------- filter

export interface WatchFilter {
  /** Rows in one of these states; empty: every state. */
  states: readonly IndicatorState[];
  overdueOnly: boolean;
  /** Only rows the source reports as already happening. */
  observedOnly: boolean;
  /** Only rows citing a branch of this option; null: every option. */
  option: string | null;
  /** Only rows with this owner (case- and space-insensitive); null: every owner, '' : rows with no owner. */
  owner: string | null;
  /** Case- and diacritic-insensitive substring of the statement, threshold, owner, note, a branch title or an observed quote. */
  text: string;
}

export const NO_FILTER: WatchFilter = { states: [], overdueOnly: false, observedOnly: false, option: null, owner: null, text: '' };

const ownerKey = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');

export function matchesFilter(row: WatchRow, f: WatchFilter): boolean {
  if (f.states.length > 0 && !f.states.includes(row.state)) return false;
  if (f.overdueOnly && !row.overdue) return false;
  if (f.observedOnly && row.observedQuotes.length === 0) return false;
  if (f.option !== null && !row.options.includes(f.option)) return false;
  if (f.owner !== null && ownerKey(row.owner) !== ownerKey(f.owner)) return false;
  const q = fold(f.text).replace(/\s+/g, ' ').trim();
  if (q) {
    const texts = [row.statement, row.threshold, row.owner, row.note, ...row.branches.map((b) => b.title), ...row.observedQuotes.map((x) => x.quote)];
    if (!texts.some((t) => fold(t).replace(/\s+/g, ' ').includes(q))) return false;
  }
  return true;
}

/** The distinct owners named on rows, as first written, sorted. */
export function ownersOf(rows: readonly WatchRow[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const k = ownerKey(r.owner);
    if (k && !seen.has(k)) seen.set(k, r.owner.replace(/\s+/g, ' ').trim());
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b, 'en'));
}

// ---------------------------------------------------------------- sort

export const WATCH_COLUMNS = ['statement', 'state', 'lastChecked', 'cadence', 'due', 'overdue', 'branches', 'threshold', 'owner', 'observed'] as const;
export type WatchColumn = (typeof WATCH_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface WatchSort {
  column: WatchColumn;
  direction: SortDirection;
}

type Key = number | string | null;

/**
 * The value a column sorts by. null (nothing recorded: no date, no cadence,
 * empty text) sorts after every value in both directions. Overdue sorts by
 * days overdue, a cadence never checked counting as more overdue than any
 * date; rows without a cadence have no value.
 */
export function sortKey(row: WatchRow, column: WatchColumn): Key {
  switch (column) {
    case 'statement':
      return fold(row.statement);
    case 'state':
      return INDICATOR_STATES.indexOf(row.state);
    case 'lastChecked':
      return row.lastChecked;
    case 'cadence':
      return row.reviewEveryDays;
    case 'due':
      return row.due;
    case 'overdue':
      return row.reviewEveryDays === null ? null : row.overdueDays === null ? Number.POSITIVE_INFINITY : row.overdueDays;
    case 'branches':
      return row.branches.length;
    case 'threshold':
      return row.threshold.trim() ? fold(row.threshold) : null;
    case 'owner':
      return row.owner.trim() ? ownerKey(row.owner) : null;
    case 'observed':
      return row.observedQuotes.length;
  }
}

/** Compares two non-null keys of the same column. */
function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Rows sorted by a column, stably (equal keys keep their given order in both directions), nothing-recorded last. */
export function sortRows<R extends WatchRow>(rows: readonly R[], sort: WatchSort): R[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row, i) => ({ row, i, k: sortKey(row, sort.column) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) {
      if (a.k === null && b.k !== null) return 1;
      if (b.k === null && a.k !== null) return -1;
      return a.i - b.i;
    }
    return sign * compareKeys(a.k, b.k) || a.i - b.i;
  });
  return keyed.map((x) => x.row);
}

/** Filtered, then sorted. */
export function watchlist(rows: readonly WatchRow[], filter: WatchFilter, sort: WatchSort): WatchRow[] {
  return sortRows(
    rows.filter((r) => matchesFilter(r, filter)),
    sort,
  );
}

// ---------------------------------------------------------------- cadence select

/**
 * The cadence select for a value: the preset choices, plus the value itself
 * when it is not a preset (an imported watch of every 3 days shows as such
 * rather than as nothing). `label` words the extra entry.
 */
export function cadenceChoice(days: number | null, label: (days: number) => string): { choice: Choice<string>; value: string } {
  const base = CHOICES.reviewCadence;
  if (days === null) return { choice: base, value: '' };
  const value = String(days);
  if ((REVIEW_CADENCES as readonly string[]).includes(value)) return { choice: base, value };
  const values = [...REVIEW_CADENCES, value].sort((a, b) => Number(a) - Number(b));
  return { choice: { ...base, values, labels: { ...base.labels, [value]: label(days) } as Record<ReviewCadence | string, string> }, value };
}
