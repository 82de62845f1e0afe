import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { validateScenario } from '@/lib/model/integrity';
import { indexTree } from '@/lib/model/tree';
import { emptyAnnotations, RECORD_KINDS } from '@/lib/records';
import type { WorkDocument } from '@/lib/doc/types';
import { INDICATOR_STATES, type IndicatorState } from '@/lib/annotations/vocab';
import {
  addDays,
  cadenceChoice,
  dueOf,
  matchesFilter,
  NO_FILTER,
  ownersOf,
  sortKey,
  sortRows,
  watchlist,
  watchRows,
  WATCH_COLUMNS,
  type WatchColumn,
  type WatchFilter,
  type WatchRow,
  type WatchSort,
} from '@/lib/watchlist';
import { overdueText } from '@/lib/messages/watchlist';

const NOW = '2026-12-04T00:00:00.000Z';
const shipped = (): WorkDocument => {
  const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8'));
  const v = validateScenario(raw);
  if (!v.ok) throw new Error('shipped scenario invalid');
  return { scenario: v.scenario, annotations: emptyAnnotations(), shippedFrom: null };
};

describe('date maths', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('0099-01-01', 365)).toBe('0100-01-01');
  });

  it('due and overdue: no cadence is never due; never checked with a cadence is overdue; the due day itself is not overdue', () => {
    expect(dueOf('2026-11-01', null, '2030-01-01')).toEqual({ due: null, overdueDays: null, overdue: false });
    expect(dueOf(null, null, '2026-12-04')).toEqual({ due: null, overdueDays: null, overdue: false });
    expect(dueOf(null, 7, '2026-12-04')).toEqual({ due: null, overdueDays: null, overdue: true });
    expect(dueOf('2026-11-27', 7, '2026-12-04')).toEqual({ due: '2026-12-04', overdueDays: 0, overdue: false });
    expect(dueOf('2026-11-26', 7, '2026-12-04')).toEqual({ due: '2026-12-03', overdueDays: 1, overdue: true });
    expect(dueOf('2026-12-01', 30, '2026-12-04')).toEqual({ due: '2026-12-31', overdueDays: -27, overdue: false });
    expect(overdueText({ reviewEveryDays: 7, overdueDays: 1, overdue: true })).toBe('1 day overdue');
    expect(overdueText({ reviewEveryDays: 7, overdueDays: null, overdue: true })).toBe('Never checked');
    expect(overdueText({ reviewEveryDays: 7, overdueDays: -3, overdue: false })).toBe('Due in 3 days');
  });

  it('property: overdue exactly when today lies after last check + cadence', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1970-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 3650 }), day, (last, every, today) => {
        const r = dueOf(last, every, today);
        expect(r.due).toBe(addDays(last, every));
        expect(r.overdue).toBe(today > r.due!);
        expect(addDays(r.due!, r.overdueDays!)).toBe(today);
      }),
    );
  });
});

describe('watchRows on the shipped scenario', () => {
  it('one row per indicator, with its branches, their options and the observed quotes', () => {
    const doc = shipped();
    const index = indexTree(doc.scenario);
    const rows = watchRows(doc, index, '2026-12-04');
    expect(rows.map((r) => r.id)).toEqual(doc.scenario.indicators.map((i) => i.id));
    const options = new Set((index.children.get(index.root.id) ?? []).map((c) => c.id));
    for (const r of rows) {
      expect(r.branches.map((b) => b.id)).toEqual(index.nodesByIndicator.get(r.id) ?? []);
      for (const b of r.branches) if (b.id !== index.root.id) expect(options.has(b.optionId)).toBe(true);
      for (const o of r.options) expect(options.has(o)).toBe(true);
    }
    const lukewarm = rows.find((r) => r.id === 'taliban-response-lukewarm')!;
    expect(lukewarm.observedQuotes).toEqual([{ id: 'p16-lukewarm', quote: 'The Taliban’s response so far is nothing but lukewarm.', paragraph: 16, sourceId: 'taliban-ttp-conundrum-article' }]);
    expect(rows.find((r) => r.id === 'pm-withholds-approval')!.observedQuotes).toEqual([]);
    expect(rows.filter((r) => r.observedQuotes.length > 0)).toHaveLength(8);
  });

  it('reads the analyst’s watch: cadence, last check, threshold and owner; filters by option, owner and overdue', () => {
    const doc = shipped();
    const id = 'sleeper-cell-activity';
    doc.annotations.indicators[id] = { ...RECORD_KINDS.indicators.defaults(NOW), lastChecked: '2026-11-01', reviewEveryDays: 14, threshold: 'Two urban attacks a month', owner: 'CT desk' };
    const index = indexTree(doc.scenario);
    const rows = watchRows(doc, index, '2026-12-04');
    const row = rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({ due: '2026-11-15', overdueDays: 19, overdue: true, threshold: 'Two urban attacks a month', owner: 'CT desk' });
    expect(watchlist(rows, { ...NO_FILTER, overdueOnly: true }, { column: 'statement', direction: 'ascending' }).map((r) => r.id)).toEqual([id]);
    expect(watchlist(rows, { ...NO_FILTER, owner: ' ct  DESK ' }, { column: 'statement', direction: 'ascending' }).map((r) => r.id)).toEqual([id]);
    expect(watchlist(rows, { ...NO_FILTER, text: 'urban attacks' }, { column: 'statement', direction: 'ascending' }).map((r) => r.id)).toEqual([id]);
    expect(ownersOf(rows)).toEqual(['CT desk']);
    const option = row.options[0]!;
    const byOption = watchlist(rows, { ...NO_FILTER, option }, { column: 'statement', direction: 'ascending' });
    expect(byOption.map((r) => r.id)).toContain(id);
    for (const r of byOption) expect(r.options).toContain(option);
  });

  it('a cadence that is not a preset still shows in the select', () => {
    expect(cadenceChoice(null, String).value).toBe('');
    expect(cadenceChoice(7, String).choice.values).not.toContain('3');
    const c = cadenceChoice(3, (d) => `Every ${d} days`);
    expect(c.value).toBe('3');
    expect(c.choice.values[1]).toBe('3');
    expect((c.choice.labels as Record<string, string>)['3']).toBe('Every 3 days');
  });
});

// ---------------------------------------------------------------- properties against a brute-force oracle

const word = fc.constantFrom('ab', 'Ab', 'b', 'ba', 'c', 'a b', ' ', '');
const txt = fc.array(word, { maxLength: 3 }).map((w) => w.join(''));
const date = fc.option(fc.constantFrom('2026-11-01', '2026-11-20', '2026-12-01', '2026-12-04'), { nil: null });

const rowArb: fc.Arbitrary<WatchRow> = fc
  .record({
    statement: txt,
    state: fc.constantFrom(...INDICATOR_STATES),
    lastChecked: date,
    reviewEveryDays: fc.option(fc.constantFrom(1, 7, 30), { nil: null }),
    threshold: txt,
    owner: fc.constantFrom('', 'Desk', 'desk ', 'Ops'),
    note: txt,
    options: fc.subarray(['o1', 'o2', 'o3']),
    quotes: fc.array(txt, { maxLength: 2 }),
    branchTitles: fc.array(txt, { maxLength: 2 }),
  })
  .map((r) => ({
    id: '',
    statement: r.statement,
    state: r.state,
    lastChecked: r.lastChecked,
    reviewEveryDays: r.reviewEveryDays,
    ...dueOf(r.lastChecked, r.reviewEveryDays, '2026-12-04'),
    threshold: r.threshold,
    owner: r.owner,
    note: r.note,
    branches: r.branchTitles.map((title, i) => ({ id: `n${i}`, title, kind: 'outcome' as const, optionId: r.options[0] ?? 'root' })),
    options: r.options,
    observedQuotes: r.quotes.map((quote, i) => ({ id: `e${i}`, quote, paragraph: i + 1, sourceId: 'src' })),
  }));
const rowsArb = fc.array(rowArb, { maxLength: 12 }).map((rows) => rows.map((r, i) => ({ ...r, id: `i${i}` })));

const filterArb: fc.Arbitrary<WatchFilter> = fc.record({
  states: fc.subarray([...INDICATOR_STATES]) as fc.Arbitrary<IndicatorState[]>,
  overdueOnly: fc.boolean(),
  observedOnly: fc.boolean(),
  option: fc.option(fc.constantFrom('o1', 'o2', 'o3'), { nil: null }),
  owner: fc.option(fc.constantFrom('', 'desk', 'OPS'), { nil: null }),
  text: fc.constantFrom('', 'a', 'B', 'ab', 'a b', 'ba', 'zz'),
});
const sortArb: fc.Arbitrary<WatchSort> = fc.record({
  column: fc.constantFrom(...WATCH_COLUMNS) as fc.Arbitrary<WatchColumn>,
  direction: fc.constantFrom('ascending' as const, 'descending' as const),
});

/** The filter spelled out on ASCII text (where folding is lower-casing). */
function oracleKeep(r: WatchRow, f: WatchFilter): boolean {
  const norm = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  const spaced = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  if (f.states.length && f.states.indexOf(r.state) < 0) return false;
  if (f.overdueOnly && !(r.reviewEveryDays !== null && (r.lastChecked === null || '2026-12-04' > addDays(r.lastChecked, r.reviewEveryDays)))) return false;
  if (f.observedOnly && r.observedQuotes.length === 0) return false;
  if (f.option !== null && r.options.indexOf(f.option) < 0) return false;
  if (f.owner !== null && norm(r.owner) !== norm(f.owner)) return false;
  const q = norm(f.text);
  if (q === '') return true;
  const all = [r.statement, r.threshold, r.owner, r.note, ...r.branches.map((b) => b.title), ...r.observedQuotes.map((x) => x.quote)];
  return all.some((t) => spaced(t).indexOf(q) >= 0);
}

/** Selection sort: repeatedly take the first remaining row with the least (or greatest) key; rows with no key last, in order. */
function oracleSort(rows: readonly WatchRow[], s: WatchSort): WatchRow[] {
  const rest = rows.filter((r) => sortKey(r, s.column) !== null);
  const out: WatchRow[] = [];
  while (rest.length) {
    let best = 0;
    for (let i = 1; i < rest.length; i++) {
      const a = sortKey(rest[i]!, s.column)!;
      const b = sortKey(rest[best]!, s.column)!;
      if (s.direction === 'ascending' ? a < b : a > b) best = i;
    }
    out.push(rest.splice(best, 1)[0]!);
  }
  return [...out, ...rows.filter((r) => sortKey(r, s.column) === null)];
}

describe('filter and sort (properties)', () => {
  it('filter keeps exactly what the oracle keeps, in order', () => {
    fc.assert(
      fc.property(rowsArb, filterArb, (rows, f) => {
        expect(rows.filter((r) => matchesFilter(r, f)).map((r) => r.id)).toEqual(rows.filter((r) => oracleKeep(r, f)).map((r) => r.id));
      }),
      { numRuns: 500 },
    );
  });

  it('sort equals the stable selection-sort oracle in both directions', () => {
    fc.assert(
      fc.property(rowsArb, sortArb, (rows, s) => {
        expect(sortRows(rows, s).map((r) => r.id)).toEqual(oracleSort(rows, s).map((r) => r.id));
      }),
      { numRuns: 500 },
    );
  });

  it('watchlist = sort(filter(rows)), a permutation of the kept rows', () => {
    fc.assert(
      fc.property(rowsArb, filterArb, sortArb, (rows, f, s) => {
        const got = watchlist(rows, f, s);
        expect(got.map((r) => r.id)).toEqual(oracleSort(rows.filter((r) => oracleKeep(r, f)), s).map((r) => r.id));
      }),
    );
  });

  it('sort keys: state by scale order, never-checked most overdue, no cadence has no overdue value', () => {
    const base = watchRowsStub();
    expect(sortKey({ ...base, state: 'observed' }, 'state')).toBeGreaterThan(sortKey({ ...base, state: 'emerging' }, 'state') as number);
    expect(sortKey({ ...base, reviewEveryDays: 7, overdueDays: null, overdue: true }, 'overdue')).toBe(Number.POSITIVE_INFINITY);
    expect(sortKey({ ...base, reviewEveryDays: null }, 'overdue')).toBeNull();
    expect(sortKey({ ...base, owner: '  ' }, 'owner')).toBeNull();
  });
});

function watchRowsStub(): WatchRow {
  return {
    id: 'x', statement: 's', state: 'not-seen', lastChecked: null, reviewEveryDays: null, due: null, overdueDays: null, overdue: false,
    threshold: '', owner: '', note: '', branches: [], options: [], observedQuotes: [],
  };
}
