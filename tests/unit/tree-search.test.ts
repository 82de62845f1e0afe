import { describe, it, expect } from 'vitest';
import type { Scenario, ScenarioNode } from '@/lib/model/schema';
import { generateScenario } from '@/lib/gen/generate';
import { buildSearchIndex, search } from '@/lib/tree/search';
import { fold, foldWithMap, mapMatch } from '@/lib/tree/fold';
import { makeNode } from '../support/trees';

const mk = (id: string, parentId: string | null, order: number, title: string, summary = '', extra: Partial<ScenarioNode> = {}) =>
  makeNode(id, parentId, order, title, { summary, ...extra });

type Doc = Pick<Scenario, 'nodes' | 'assumptions' | 'risks' | 'indicators'>;

const doc: Doc = {
  nodes: [
    mk('root', null, 0, 'Respond to the offensive', 'The government must choose before the Zürich meeting.'),
    // Listed before its elder sibling to check pre-order is used for "first referencing node".
    mk('talks-late', 'root', 2, 'Strike talks later', '', { assumptionIds: ['as-fuel'] }),
    mk('talks', 'root', 1, 'Talks in Zürich', 'Neutral venue.', { assumptionIds: ['as-fuel'], riskIds: ['risk-split'] }),
    mk('strike', 'root', 3, 'Strike', ''),
    mk('airstrike', 'root', 4, 'Airstrikes on depots', ''),
    mk('cafe', 'root', 5, 'Cafe\u0301 diplomacy', 'Informal meetings.'),
    mk('dont', 'root', 6, 'Don’t escalate', 'Hold the line.', { indicatorIds: ['ind-troops'] }),
    mk('stage', 'talks', 0, 'Staged withdrawal', 'Pull back in a strike-free window.'),
  ],
  assumptions: [
    { id: 'as-fuel', statement: 'The regional power keeps supplying fuel', evidenceIds: [], underminingEvidenceIds: [] },
    { id: 'as-orphan', statement: 'Nobody strikes first', evidenceIds: [], underminingEvidenceIds: [] },
  ],
  risks: [{ id: 'risk-split', statement: 'Rebels split over the strike', severity: 'high', evidenceIds: [], underminingEvidenceIds: [] }],
  indicators: [{ id: 'ind-troops', statement: 'Troops massing at the São Tomé border', evidenceIds: [], underminingEvidenceIds: [], observedEvidenceIds: [] }],
};
const index = buildSearchIndex(doc);
const hl = (r: { text: string; matchStart: number; matchLength: number }) => r.text.slice(r.matchStart, r.matchStart + r.matchLength);

describe('fold', () => {
  it('folds case, diacritics and typographic quotes', () => {
    const cases: Array<[string, string]> = [
      ['Zürich', 'zurich'], ['ÉCOLE', 'ecole'], ['Cafe\u0301', 'cafe'], ['Don’t “quote”', 'don\'t "quote"'],
      ['Straße', 'strasse'], ['ΟΔΟΣ', 'οδοσ'], ['ﬁnal', 'final'],
    ];
    for (const [text, folded] of cases) expect(fold(text), text).toBe(folded);
  });

  it('maps folded offsets back to the original text', () => {
    const text = 'Straße in Zu\u0308rich';
    const map = foldWithMap(text);
    expect(map.folded).toBe('strasse in zurich');
    const at = map.folded.indexOf('zurich');
    const [s, len] = mapMatch(map, at, 6);
    expect(text.slice(s, s + len)).toBe('Zu\u0308rich');
    const ss = map.folded.indexOf('ss');
    const [s2, l2] = mapMatch(map, ss, 2);
    expect(text.slice(s2, s2 + l2)).toBe('ß');
  });
});

describe('search', () => {
  it('matches without case or diacritics and highlights the original text', () => {
    const r = search(index, 'zurich');
    expect(r[0]).toMatchObject({ kind: 'node', id: 'talks', nodeId: 'talks', field: 'title' });
    expect(hl(r[0]!)).toBe('Zürich');
    const summaryHit = r.find((x) => x.id === 'root')!;
    expect(summaryHit.field).toBe('summary');
    expect(hl(summaryHit)).toBe('Zürich');
    expect(search(index, 'ZÜRICH').map((x) => x.id)).toEqual(r.map((x) => x.id));
    const cafe = search(index, 'café');
    expect(cafe[0]!.id).toBe('cafe');
    expect(hl(cafe[0]!)).toBe('Cafe\u0301'); // the combining accent is part of the highlight
    const sao = search(index, 'sao tome');
    expect(sao[0]).toMatchObject({ kind: 'indicator', id: 'ind-troops', nodeId: 'dont' });
    expect(hl(sao[0]!)).toBe('São Tomé');
  });

  it('folds ’ to an apostrophe', () => {
    for (const q of ["don't", 'don’t', 'DON‘T']) {
      const r = search(index, q);
      expect(r[0]?.id).toBe('dont');
      expect(hl(r[0]!)).toBe('Don’t');
    }
  });

  it('ranks exact > starts-with > word prefix > inside a word, titles before statements before summaries', () => {
    const r = search(index, 'strike');
    const order = r.map((x) => `${x.kind}:${x.id}:${x.field}`);
    expect(order).toEqual([
      'node:strike:title', // the whole title
      'node:talks-late:title', // title starts with it
      'assumption:as-orphan:statement', // word prefix ("strikes") in a statement, at offset 7
      'risk:risk-split:statement', // word prefix in a statement, at offset 22
      'node:stage:summary', // word prefix in a summary
      'node:airstrike:title', // only inside a word ("Airstrikes")
    ]);
    expect(hl(r[2]!)).toBe('strike');
    expect(hl(r[5]!)).toBe('strike');
    for (let i = 1; i < r.length; i++) expect(r[i]!.score).toBeGreaterThanOrEqual(r[i - 1]!.score);
  });

  it('points non-node hits at the first referencing node in outline order, or null', () => {
    const fuel = search(index, 'supplying fuel')[0]!;
    expect(fuel).toMatchObject({ kind: 'assumption', id: 'as-fuel', nodeId: 'talks' });
    expect(hl(fuel)).toBe('supplying fuel');
    const orphan = search(index, 'nobody')[0]!;
    expect(orphan).toMatchObject({ kind: 'assumption', id: 'as-orphan', nodeId: null });
  });

  it('returns one result per item, respects the limit, ignores blank queries', () => {
    const r = search(index, 'zurich');
    expect(r.filter((x) => x.kind === 'node' && x.id === 'talks').length).toBe(1);
    expect(search(index, 'strike', 2).length).toBe(2);
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, 'strike', 0)).toEqual([]);
    expect(search(index, 'qqqq')).toEqual([]);
  });

  it('matches all words in any order below phrase matches', () => {
    const r = search(index, 'withdrawal staged');
    expect(r[0]).toMatchObject({ id: 'stage', field: 'title' });
    expect(hl(r[0]!)).toBe('withdrawal');
    const phrase = search(index, 'staged withdrawal')[0]!;
    expect(phrase.score).toBeLessThan(r[0]!.score);
    expect(hl(phrase)).toBe('Staged withdrawal');
  });

  it('searches 50,000 generated nodes (timing printed)', () => {
    const big = generateScenario({ shape: 'bushy', nodes: 50_000, seed: 1 });
    let t0 = performance.now();
    const idx = buildSearchIndex(big);
    const buildMs = performance.now() - t0;
    t0 = performance.now();
    const r = search(idx, 'zurich', 50);
    const queryMs = performance.now() - t0;
    t0 = performance.now();
    const common = search(idx, 'the', 50);
    const commonMs = performance.now() - t0;
    expect(r.length).toBe(50);
    for (const x of r) expect(fold(hl(x))).toBe('zurich');
    expect(common.length).toBe(50);
    // The bounded selection (many hits) agrees with a full sort.
    const full = search(idx, 'the', 1_000_000);
    expect(full.length).toBeGreaterThan(1000);
    expect(common).toEqual(full.slice(0, 50));
    expect(new Set(full.map((x) => `${x.kind}:${x.id}`)).size).toBe(full.length);
    console.log(
      `[search] 50k nodes: build ${buildMs.toFixed(1)} ms, rare query ${queryMs.toFixed(1)} ms, common query ${commonMs.toFixed(1)} ms`,
    );
  });
});
