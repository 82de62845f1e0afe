/**
 * What a Key Assumptions Check judgement weakens (lib/doc/affected): premises on
 * both sides, the options carried, the marks on the tree and the what-if
 * preview, each checked against a brute-force oracle on generated trees (whose
 * generator rests some branches on a premise being false), and on the shipped
 * scenario, where judging "the Taliban may be unwilling or unable to act"
 * unsupported must never weaken the option of waiting for them to act.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateScenario } from '@/lib/gen/generate';
import { indexTree, pathToRoot } from '@/lib/model/tree';
import { validateScenario } from '@/lib/model/integrity';
import { emptyAnnotations } from '@/lib/records';
import { ASSUMPTION_STATUSES, type AssumptionStatus } from '@/lib/annotations/vocab';
import { affectedOptions, assumptionReach, sideOf, statusReader, weakenedNodes, whatIfEffect } from '@/lib/doc/affected';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import type { Scenario } from '@/lib/model/schema';

/** The oracle's rule, written out: which statuses make each side fail. */
function fails(status: AssumptionStatus, negated: boolean): boolean {
  if (negated) return status === 'solid';
  return status === 'unsupported' || status === 'broken';
}

const judged = fc.tuple(
  fc.constantFrom('wide', 'bushy', 'chain' as const),
  fc.integer({ min: 1, max: 120 }),
  fc.integer({ min: 1, max: 10_000 }),
  fc.array(fc.constantFrom(...ASSUMPTION_STATUSES), { minLength: 1, maxLength: 40 }),
);

function build([shape, nodes, seed, statuses]: [('wide' | 'bushy' | 'chain'), number, number, AssumptionStatus[]]) {
  const scenario = generateScenario({ shape, nodes, seed, refDensity: 0.4 });
  let doc: WorkDocument = { scenario, annotations: emptyAnnotations(), shippedFrom: null };
  scenario.assumptions.forEach((a, i) => {
    doc = ops.annotate(doc, 'assumptions', a.id, { status: statuses[i % statuses.length]! }, 'T');
  });
  const statusOf = (id: string) => doc.annotations.assumptions[id]?.status ?? 'unreviewed';
  return { scenario, doc, index: indexTree(scenario), statusOf };
}

describe('premises on both sides', () => {
  it('the generated trees rest some branches on a premise being false (so the properties below test both sides)', () => {
    const s = generateScenario({ shape: 'bushy', nodes: 400, seed: 7, refDensity: 0.4 });
    expect(s.nodes.some((n) => n.negatedAssumptionIds.length > 0)).toBe(true);
  });

  it('weakened branches equal the brute force: unsupported or broken weakens those resting on it, solid those resting on its negation', () => {
    fc.assert(
      fc.property(judged, (input) => {
        const { scenario, doc, index, statusOf } = build(input);
        const want = new Set(
          scenario.nodes.filter((n) => n.assumptionIds.some((a) => fails(statusOf(a), n.negatedAssumptionIds.includes(a)))).map((n) => n.id),
        );
        const got = weakenedNodes(doc, index);
        expect([...got.direct].sort()).toEqual([...want].sort());
        // Below: every descendant of a weakened branch that is not weakened itself.
        const below = scenario.nodes
          .filter((n) => !want.has(n.id) && pathToRoot(index, n.id).slice(0, -1).some((p) => want.has(p)))
          .map((n) => n.id);
        expect([...got.below].sort()).toEqual(below.sort());
      }),
      { numRuns: 150 },
    );
  });

  it('options weakened equal the brute force: the option itself, or the root, rests on the failing side', () => {
    fc.assert(
      fc.property(judged, (input) => {
        const { scenario, doc, index, statusOf } = build(input);
        const reach = assumptionReach(doc, index);
        const options = (index.children.get(index.root.id) ?? []).map((c) => c.id);
        const weak = (id: string) => {
          const n = index.byId.get(id)!;
          return n.assumptionIds.some((a) => fails(statusOf(a), n.negatedAssumptionIds.includes(a)));
        };
        const want = options.filter((o) => weak(o) || weak(index.root.id));
        expect(affectedOptions(reach, index)).toEqual(want);
        for (const r of reach) {
          const on = scenario.nodes.filter((n) => n.assumptionIds.includes(r.assumption.id));
          expect([...r.holds.branches, ...r.fails.branches].sort()).toEqual(on.map((n) => n.id).sort());
          expect(r.fails.branches.every((b) => index.byId.get(b)!.negatedAssumptionIds.includes(r.assumption.id))).toBe(true);
          const hit = on.filter((n) => fails(r.status, n.negatedAssumptionIds.includes(r.assumption.id)));
          expect(r.breaking).toBe(hit.length > 0);
          expect([...r.weakenedBranches].sort()).toEqual(hit.map((n) => n.id).sort());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a what-if changes exactly the one assumption and reports the difference against the committed judgements', () => {
    fc.assert(
      fc.property(judged, fc.nat(), fc.constantFrom(...ASSUMPTION_STATUSES), (input, pick, status) => {
        const { scenario, doc, index } = build(input);
        const a = scenario.assumptions[pick % scenario.assumptions.length]!;
        const whatIf = { assumptionId: a.id, status };
        // The oracle: commit the status on a copy and compare before with after.
        const committed = ops.annotate(doc, 'assumptions', a.id, { status }, 'T');
        const before = weakenedNodes(doc, index).direct;
        const after = weakenedNodes(committed, index).direct;
        expect(weakenedNodes(doc, index, statusReader(doc, whatIf)).direct).toEqual(after);
        const effect = whatIfEffect(doc, index, whatIf);
        expect(new Set(effect.weakens.branches)).toEqual(new Set([...after].filter((x) => !before.has(x))));
        expect(new Set(effect.frees.branches)).toEqual(new Set([...before].filter((x) => !after.has(x))));
        const optsBefore = affectedOptions(assumptionReach(doc, index), index);
        const optsAfter = affectedOptions(assumptionReach(committed, index), index);
        expect(effect.weakens.options).toEqual(optsAfter.filter((o) => !optsBefore.includes(o)));
        expect(effect.frees.options).toEqual(optsBefore.filter((o) => !optsAfter.includes(o)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the shipped scenario points the right way', () => {
  const raw = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as unknown;
  const v = validateScenario(raw);
  if (!v.ok) throw new Error('shipped scenario invalid');
  const scenario: Scenario = v.scenario;
  const index = indexTree(scenario);
  const judge = (status: AssumptionStatus) => {
    const doc = ops.annotate({ scenario, annotations: emptyAnnotations(), shippedFrom: null }, 'assumptions', 'taliban-unwilling-or-unable', { status }, 'T');
    return { options: affectedOptions(assumptionReach(doc, index), index), marks: weakenedNodes(doc, index) };
  };

  it('waiting for the Taliban rests on their being willing and able to act; planning for the worst case (the strike) and fighting at home on the opposite', () => {
    expect(sideOf(index.byId.get('wait-for-taliban')!, 'taliban-unwilling-or-unable')).toBe('fails');
    for (const o of ['kunar-strike', 'fight-in-towns']) expect(sideOf(index.byId.get(o)!, 'taliban-unwilling-or-unable')).toBe('holds');
    // The strike's success needs the Taliban to contain the TTP: that branch rests on the negation (the tension ¶27 leaves).
    expect(sideOf(index.byId.get('taliban-contain-ttp')!, 'taliban-unwilling-or-unable')).toBe('fails');
  });

  it('judged unsupported, it weakens the strike (planning for the worst case) and fighting at home, never waiting', () => {
    for (const status of ['unsupported', 'broken'] as const) {
      const { options, marks } = judge(status);
      expect(options).toEqual(['kunar-strike', 'fight-in-towns']);
      expect(marks.direct.has('wait-for-taliban')).toBe(false);
      expect(marks.direct.has('taliban-contain-ttp')).toBe(false);
      // The outcome that the TTP is left to Pakistan is made less likely: weakened, but it does not weaken its option.
      expect(marks.direct.has('ttp-left-to-pakistan')).toBe(true);
    }
  });

  it('judged solid, it weakens waiting (and the chance that the Taliban act), and marks the strike’s success branch without weakening the strike', () => {
    const { options, marks } = judge('solid');
    expect(options).toEqual(['wait-for-taliban']);
    expect([...marks.direct].sort()).toEqual(['assurances-backed-by-action', 'taliban-act-on-ttp', 'taliban-contain-ttp', 'wait-for-taliban']);
  });

  it('with caveats or not reviewed, it weakens nothing', () => {
    for (const status of ['caveated', 'unreviewed'] as const) {
      const { options, marks } = judge(status);
      expect(options).toEqual([]);
      expect(marks.direct.size).toBe(0);
    }
  });
});
