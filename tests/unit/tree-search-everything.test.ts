/**
 * Search reaches every text of the document: evidence quotes (leading to the
 * branch that cites them, directly or through an assumption, risk or
 * indicator), notes, tags, rationales, mitigations, an indicator's threshold
 * and owner. Each result says which field matched.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations, RECORD_KINDS, type Annotations } from '@/lib/records';
import { buildAnnotationIndex, buildSearchIndex, search, type SearchResult } from '@/lib/tree/search';
import { generateScenario } from '@/lib/gen/generate';
import { makeSampleDocument } from '@/lib/gen/sample-document';
import { makeNode } from '../support/trees';

const NOW = '2026-12-04T00:00:00.000Z';
type Doc = Pick<Scenario, 'nodes' | 'assumptions' | 'risks' | 'indicators' | 'evidence'>;
const ev = (id: string, quote: string) => ({ id, quote, paragraph: 1, sourceId: 's' });

const doc: Doc = {
  nodes: [
    makeNode('root', null, 0, 'Respond'),
    makeNode('a', 'root', 1, 'Talks', { evidenceIds: ['q-direct'] }),
    makeNode('b', 'root', 2, 'Strike', { assumptionIds: ['as1'], riskIds: ['r1'], indicatorIds: ['i1'] }),
    makeNode('c', 'b', 0, 'Later', { evidenceIds: ['q-assume'] }),
  ],
  assumptions: [{ id: 'as1', statement: 'Fuel keeps flowing', evidenceIds: ['q-assume'], underminingEvidenceIds: [] }],
  risks: [{ id: 'r1', statement: 'Split', severity: 'high', evidenceIds: ['q-risk'], underminingEvidenceIds: [] }],
  indicators: [{ id: 'i1', statement: 'Troops mass', evidenceIds: ['q-ind'], underminingEvidenceIds: [], observedEvidenceIds: ['q-ind'] }],
  evidence: [ev('q-direct', 'Delegates met in Doha'), ev('q-assume', 'Tankers crossed at Torkham'), ev('q-risk', 'Commanders quarrelled openly'), ev('q-ind', 'Convoys seen near Kunar'), ev('q-orphan', 'Nobody cites this sentence')],
};

function annotations(): Annotations {
  const a = emptyAnnotations();
  a.nodes.a = { ...RECORD_KINDS.nodes.defaults(NOW), note: 'Ask the mediator about zanzibar', tags: ['priority', 'quetzal'] };
  a.assumptions.as1 = { ...RECORD_KINDS.assumptions.defaults(NOW), rationale: 'Contracts run to xylophone', undermine: 'A blockade at wombat pass' };
  a.risks.r1 = { ...RECORD_KINDS.risks.defaults(NOW), mitigation: 'Pay the yodel brigade' };
  a.indicators.i1 = { ...RECORD_KINDS.indicators.defaults(NOW), threshold: 'Three kestrel columns', owner: 'Narwhal desk', note: 'Satellite pass on Tuesday' };
  a.evidence['q-risk'] = { ...RECORD_KINDS.evidence.defaults(NOW), note: 'Corroborated by a jackal source' };
  return a;
}

const base = buildSearchIndex(doc);
const notes = buildAnnotationIndex(base, annotations());
const hl = (r: SearchResult) => r.text.slice(r.matchStart, r.matchStart + r.matchLength);
const one = (q: string) => {
  const r = search(base, q, 50, notes);
  expect(r, q).toHaveLength(1);
  expect(hl(r[0]!).toLowerCase()).toBe(q.toLowerCase());
  return r[0]!;
};

describe('search everything', () => {
  it('quotes: cited directly, through an assumption (earliest branch in outline order), a risk, an indicator; or none', () => {
    expect(one('doha')).toMatchObject({ kind: 'evidence', id: 'q-direct', field: 'quote', nodeId: 'a' });
    // q-assume is cited by c directly and by b through as1: b comes first in pre-order.
    expect(one('torkham')).toMatchObject({ kind: 'evidence', id: 'q-assume', field: 'quote', nodeId: 'b' });
    expect(one('quarrelled')).toMatchObject({ kind: 'evidence', id: 'q-risk', field: 'quote', nodeId: 'b' });
    expect(one('convoys')).toMatchObject({ kind: 'evidence', id: 'q-ind', field: 'quote', nodeId: 'b' });
    expect(one('nobody cites')).toMatchObject({ kind: 'evidence', id: 'q-orphan', nodeId: null });
  });

  it('a branch’s note and tags', () => {
    expect(one('zanzibar')).toMatchObject({ kind: 'node', id: 'a', field: 'note', nodeId: 'a' });
    expect(one('quetzal')).toMatchObject({ kind: 'node', id: 'a', field: 'tag', nodeId: 'a', text: 'quetzal' });
  });

  it('an assumption’s rationale and what would undermine it; a risk’s mitigation', () => {
    expect(one('xylophone')).toMatchObject({ kind: 'assumption', id: 'as1', field: 'rationale', nodeId: 'b' });
    expect(one('wombat')).toMatchObject({ kind: 'assumption', id: 'as1', field: 'undermine', nodeId: 'b' });
    expect(one('yodel')).toMatchObject({ kind: 'risk', id: 'r1', field: 'mitigation', nodeId: 'b' });
  });

  it('an indicator’s threshold, owner and note; a quote’s note', () => {
    expect(one('kestrel')).toMatchObject({ kind: 'indicator', id: 'i1', field: 'threshold', nodeId: 'b' });
    expect(one('narwhal')).toMatchObject({ kind: 'indicator', id: 'i1', field: 'owner', nodeId: 'b' });
    expect(one('satellite')).toMatchObject({ kind: 'indicator', id: 'i1', field: 'note', nodeId: 'b' });
    expect(one('jackal')).toMatchObject({ kind: 'evidence', id: 'q-risk', field: 'note', nodeId: 'b' });
  });

  it('without the annotation index only the scenario is searched; an item matched twice shows once, by its best field', () => {
    expect(search(base, 'zanzibar')).toEqual([]);
    const a = emptyAnnotations();
    a.nodes.b = { ...RECORD_KINDS.nodes.defaults(NOW), note: 'Strike first', tags: ['strike'] };
    const r = search(base, 'strike', 50, buildAnnotationIndex(base, a));
    expect(r.filter((x) => x.id === 'b')).toEqual([expect.objectContaining({ field: 'title' })]);
  });

  it('ignores annotations on branches the base does not hold', () => {
    const a = emptyAnnotations();
    a.nodes.ghost = { ...RECORD_KINDS.nodes.defaults(NOW), note: 'phantom' };
    expect(search(base, 'phantom', 50, buildAnnotationIndex(base, a))).toEqual([]);
  });
});

// ---------------------------------------------------------------- property: same items as a brute-force scan

const ALPHA = ['ab', 'ba', 'c', 'a', ' ', 'b c'];
const txt = fc.array(fc.constantFrom(...ALPHA), { maxLength: 4 }).map((w) => w.join(''));

describe('search vs a brute-force substring oracle', () => {
  it('finds exactly the items with a field containing the query (phrase or every word), each leading to its branch', () => {
    fc.assert(
      fc.property(
        fc.record({ titles: fc.array(txt, { minLength: 4, maxLength: 4 }), quotes: fc.array(txt, { minLength: 5, maxLength: 5 }), note: txt, tag: txt, threshold: txt, owner: txt, rationale: txt, qnote: txt }),
        fc.constantFrom('a', 'b', 'ab', 'c', 'ba', 'a c', 'b a', 'x'),
        (t, q) => {
          const d: Doc = {
            ...doc,
            nodes: doc.nodes.map((n, i) => ({ ...n, title: t.titles[i]! || 'z' })),
            evidence: doc.evidence.map((e, i) => ({ ...e, quote: t.quotes[i]! || 'z' })),
          };
          const a = emptyAnnotations();
          a.nodes.c = { ...RECORD_KINDS.nodes.defaults(NOW), note: t.note, tags: t.tag.trim() ? [t.tag.trim()] : [] };
          a.assumptions.as1 = { ...RECORD_KINDS.assumptions.defaults(NOW), rationale: t.rationale };
          a.indicators.i1 = { ...RECORD_KINDS.indicators.defaults(NOW), threshold: t.threshold, owner: t.owner };
          a.evidence['q-orphan'] = { ...RECORD_KINDS.evidence.defaults(NOW), note: t.qnote };
          const fields: Array<[string, string]> = [
            ...d.nodes.map((n) => [`node:${n.id}`, n.title] as [string, string]),
            ...d.assumptions.map((x) => [`assumption:${x.id}`, x.statement] as [string, string]),
            ...d.risks.map((x) => [`risk:${x.id}`, x.statement] as [string, string]),
            ...d.indicators.map((x) => [`indicator:${x.id}`, x.statement] as [string, string]),
            ...d.evidence.map((x) => [`evidence:${x.id}`, x.quote] as [string, string]),
            ['node:c', t.note], ['node:c', a.nodes.c.tags[0] ?? ''], ['assumption:as1', t.rationale],
            ['indicator:i1', t.threshold], ['indicator:i1', t.owner], ['evidence:q-orphan', t.qnote],
          ];
          const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
          const nq = norm(q);
          const terms = nq.split(' ');
          const expected = new Set(fields.filter(([, s]) => s.toLowerCase().includes(nq) || terms.every((w) => s.toLowerCase().includes(w))).map(([k]) => k));
          const b = buildSearchIndex(d);
          const got = search(b, q, 1000, buildAnnotationIndex(b, a));
          expect(new Set(got.map((r) => `${r.kind}:${r.id}`))).toEqual(expected);
          const lead: Record<string, string | null> = { as1: 'b', r1: 'b', i1: 'b', 'q-direct': 'a', 'q-assume': 'b', 'q-risk': 'b', 'q-ind': 'b', 'q-orphan': null };
          for (const r of got) {
            expect(r.nodeId).toBe(r.kind === 'node' ? r.id : lead[r.id]);
            expect(r.text.toLowerCase()).toContain(hl(r).toLowerCase());
            expect(hl(r).toLowerCase()).toBe(r.text.toLowerCase().includes(nq) ? nq : terms[0]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('speed on the generated 10,000-node scenario', () => {
  it('rebuilding only the annotation index is much cheaper than the scenario index (timing printed)', () => {
    const big = generateScenario({ shape: 'bushy', nodes: 10_000, seed: 3 });
    let t0 = performance.now();
    const b = buildSearchIndex(big);
    const baseMs = performance.now() - t0;
    const sample = makeSampleDocument({ nodeCount: 10_000 });
    const bs = buildSearchIndex(sample.scenario);
    t0 = performance.now();
    const ai = buildAnnotationIndex(bs, sample.annotations);
    const annMs = performance.now() - t0;
    t0 = performance.now();
    const r = search(bs, 'the', 30, ai);
    const queryMs = performance.now() - t0;
    console.log(`[search] 10k: scenario index ${baseMs.toFixed(1)} ms, annotation index ${annMs.toFixed(1)} ms, common query ${queryMs.toFixed(1)} ms`);
    expect(b.entries.length).toBeGreaterThan(10_000);
    expect(r).toHaveLength(30);
    expect(annMs).toBeLessThan(2000);
  });
});
