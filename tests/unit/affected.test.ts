/**
 * Which options a weak assumption affects (lib/doc/affected): one definition
 * for the Key Assumptions table, the brief and the overview, checked against
 * a brute-force oracle on generated trees.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateScenario } from '@/lib/gen/generate';
import { indexTree, pathToRoot } from '@/lib/model/tree';
import { emptyAnnotations } from '@/lib/records';
import { ASSUMPTION_STATUSES, isBreaking } from '@/lib/annotations/vocab';
import { affectedOptions, assumptionReach } from '@/lib/doc/affected';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';

describe('affected options', () => {
  it('equal the brute force: an option is weakened when a branch at or under it, or the root, rests on a breaking assumption', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('wide', 'bushy', 'chain' as const),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.constantFrom(...ASSUMPTION_STATUSES), { minLength: 1, maxLength: 40 }),
        (shape, nodes, seed, statuses) => {
          const scenario = generateScenario({ shape, nodes, seed, refDensity: 0.4 });
          let doc: WorkDocument = { scenario, annotations: emptyAnnotations(), shippedFrom: null };
          scenario.assumptions.forEach((a, i) => {
            doc = ops.annotate(doc, 'assumptions', a.id, { status: statuses[i % statuses.length]! }, 'T');
          });
          const index = indexTree(scenario);
          const reach = assumptionReach(doc, index);
          const got = affectedOptions(reach, index);

          const options = (index.children.get(index.root.id) ?? []).map((c) => c.id);
          const breaking = new Set(scenario.assumptions.filter((a) => isBreaking(doc.annotations.assumptions[a.id]?.status)).map((a) => a.id));
          const want = options.filter((o) =>
            scenario.nodes.some((n) => {
              if (!n.assumptionIds.some((a) => breaking.has(a))) return false;
              const path = pathToRoot(index, n.id);
              return n.id === index.root.id || path.includes(o);
            }),
          );
          expect(got).toEqual(want);
          for (const r of reach) expect(r.breaking).toBe(breaking.has(r.assumption.id));
        },
      ),
      { numRuns: 150 },
    );
  });
});
