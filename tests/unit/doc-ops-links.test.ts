/**
 * The link operations keep every sub-list inside its list: a quote that leaves
 * a record leaves its undermining (and observed) list, an assumption that
 * leaves a branch leaves its negated premises. Random sequences of operations
 * on generated scenarios (which carry both sub-lists) and on the shipped one
 * always leave a document that passes the integrity check, and each operation
 * does what it says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateScenario } from '@/lib/gen/generate';
import { checkIntegrity, validateScenario } from '@/lib/model/integrity';
import { emptyAnnotations } from '@/lib/records';
import * as ops from '@/lib/doc/ops';
import type { EvidenceTarget } from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import type { Scenario } from '@/lib/model/schema';

const raw = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as unknown;
const v = validateScenario(raw);
if (!v.ok) throw new Error('shipped scenario invalid');
const shipped: Scenario = v.scenario;

type Op =
  | { op: 'unlinkEvidence'; t: number; k: number; e: number }
  | { op: 'removeEvidence'; e: number }
  | { op: 'direction'; t: number; k: number; e: number; undermines: boolean }
  | { op: 'side'; n: number; a: number; fails: boolean }
  | { op: 'unlinkAssumption'; n: number; a: number }
  | { op: 'removeAssumption'; a: number }
  | { op: 'addEvidence'; t: number; k: number; undermines: boolean };

const KINDS = ['node', 'assumption', 'risk', 'indicator'] as const;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('unlinkEvidence' as const), t: fc.nat(), k: fc.nat(3), e: fc.nat() }),
  fc.record({ op: fc.constant('removeEvidence' as const), e: fc.nat() }),
  fc.record({ op: fc.constant('direction' as const), t: fc.nat(), k: fc.nat(3), e: fc.nat(), undermines: fc.boolean() }),
  fc.record({ op: fc.constant('side' as const), n: fc.nat(), a: fc.nat(), fails: fc.boolean() }),
  fc.record({ op: fc.constant('unlinkAssumption' as const), n: fc.nat(), a: fc.nat() }),
  fc.record({ op: fc.constant('removeAssumption' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('addEvidence' as const), t: fc.nat(), k: fc.nat(3), undermines: fc.boolean() }),
);

const at = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
const LIST = { node: 'nodes', assumption: 'assumptions', risk: 'risks', indicator: 'indicators' } as const;

function target(doc: WorkDocument, k: number, t: number): { target: EvidenceTarget; record: { id: string; evidenceIds: string[]; underminingEvidenceIds: string[] } } | null {
  const kind = KINDS[k % 4]!;
  const record = at(doc.scenario[LIST[kind]] as { id: string; evidenceIds: string[]; underminingEvidenceIds: string[] }[], t);
  return record ? { target: { kind, id: record.id }, record } : null;
}

function apply(doc: WorkDocument, o: Op): WorkDocument {
  const s = doc.scenario;
  switch (o.op) {
    case 'unlinkEvidence': {
      const x = target(doc, o.k, o.t);
      const e = x && at(x.record.evidenceIds, o.e);
      return x && e ? ops.unlinkEvidence(doc, x.target, e) : doc;
    }
    case 'removeEvidence': {
      const e = at(s.evidence, o.e);
      return e ? ops.removeEvidence(doc, e.id) : doc;
    }
    case 'direction': {
      const x = target(doc, o.k, o.t);
      const e = x && at(x.record.evidenceIds, o.e);
      if (!x || !e) return doc;
      const next = ops.setEvidenceDirection(doc, x.target, e, o.undermines);
      const after = (next.scenario[LIST[x.target.kind]] as { id: string; underminingEvidenceIds: string[] }[]).find((r) => r.id === x.record.id)!;
      expect(after.underminingEvidenceIds.includes(e)).toBe(o.undermines);
      return next;
    }
    case 'side': {
      const n = at(s.nodes, o.n);
      const a = n && at(n.assumptionIds, o.a);
      if (!n || !a) return doc;
      const next = ops.setPremiseSide(doc, n.id, a, o.fails ? 'fails' : 'holds');
      expect(next.scenario.nodes.find((x) => x.id === n.id)!.negatedAssumptionIds.includes(a)).toBe(o.fails);
      return next;
    }
    case 'unlinkAssumption': {
      const n = at(s.nodes, o.n);
      const a = n && at(n.assumptionIds, o.a);
      return n && a ? ops.shared.unlink(doc, 'assumptions', n.id, a) : doc;
    }
    case 'removeAssumption': {
      const a = at(s.assumptions, o.a);
      return a ? ops.shared.remove(doc, 'assumptions', a.id) : doc;
    }
    case 'addEvidence': {
      const x = target(doc, o.k, o.t);
      const src = s.sources[0];
      if (!x || !src) return doc;
      const r = ops.addEvidence(doc, x.target, { quote: 'A new quote', paragraph: 3, sourceId: src.id, undermines: o.undermines });
      const after = (r.doc.scenario[LIST[x.target.kind]] as { id: string; underminingEvidenceIds: string[] }[]).find((q) => q.id === x.record.id)!;
      expect(after.underminingEvidenceIds.includes(r.id)).toBe(o.undermines);
      return r.doc;
    }
  }
}

describe('link operations keep sub-lists inside their lists', () => {
  it('random operations on generated and shipped scenarios always pass the integrity check', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 1, max: 5000 }), fc.array(opArb, { maxLength: 30 }), (useShipped, seed, list) => {
        const scenario = useShipped ? shipped : generateScenario({ shape: 'bushy', nodes: 60, seed, refDensity: 0.6 });
        let doc: WorkDocument = { scenario, annotations: emptyAnnotations(), shippedFrom: null };
        for (const o of list) {
          doc = apply(doc, o);
          expect(checkIntegrity(doc.scenario)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a quote removed from a branch it undermined leaves no trace on that branch', () => {
    let doc: WorkDocument = { scenario: shipped, annotations: emptyAnnotations(), shippedFrom: null };
    doc = ops.unlinkEvidence(doc, { kind: 'node', id: 'wait-for-taliban' }, 'p16-lukewarm');
    const n = doc.scenario.nodes.find((x) => x.id === 'wait-for-taliban')!;
    expect(n.evidenceIds).not.toContain('p16-lukewarm');
    expect(n.underminingEvidenceIds).toEqual(['p15-assurances-kinetic']);
  });

  it('an assumption unlinked from a branch that rested on its negation leaves the negated list too', () => {
    let doc: WorkDocument = { scenario: shipped, annotations: emptyAnnotations(), shippedFrom: null };
    doc = ops.shared.unlink(doc, 'assumptions', 'fight-in-towns', 'turkey-analogy-holds');
    expect(doc.scenario.nodes.find((x) => x.id === 'fight-in-towns')!.negatedAssumptionIds).toEqual([]);
  });
});
