/**
 * The deterministic tree repair (`repairTree`, lib/sync/ydoc) as a pure
 * function, on arbitrary parent maps: several roots, parents that are gone
 * (with or without a tombstone saying where they were), cycles of any length.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { repairTree } from '@/lib/sync/ydoc';

type N = { id: string; parentId: string | null };
const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const GONE = ['x', 'y', 'z'];

const caseArb = fc
  .record({
    count: fc.integer({ min: 1, max: IDS.length }),
    parents: fc.array(fc.oneof(fc.constant(null), fc.constantFrom(...IDS, ...GONE)), { minLength: IDS.length, maxLength: IDS.length }),
    tomb: fc.array(fc.oneof(fc.constant(null), fc.constantFrom(...IDS, ...GONE)), { minLength: GONE.length, maxLength: GONE.length }),
    hint: fc.option(fc.constantFrom(...IDS, ...GONE), { nil: undefined }),
    order: fc.array(fc.nat(), { minLength: IDS.length, maxLength: IDS.length }),
  })
  .map(({ count, parents, tomb, hint, order }) => {
    const nodes: N[] = IDS.slice(0, count).map((id, i) => ({ id, parentId: parents[i]! }));
    const tombParent = new Map(GONE.map((g, i) => [g, tomb[i]!] as const));
    // The same nodes in another order (as another client might list them).
    const shuffled = nodes.map((n, i) => ({ n, k: order[i]! })).sort((p, q) => p.k - q.k).map(({ n }) => ({ ...n }));
    return { nodes, tombParent, hint, shuffled };
  });

const parentsOf = (list: N[]) => Object.fromEntries([...list].sort((p, q) => (p.id < q.id ? -1 : 1)).map((n) => [n.id, n.parentId]));

function faults(list: N[]): string[] {
  const ids = new Set(list.map((n) => n.id));
  const out: string[] = [];
  const roots = list.filter((n) => n.parentId === null);
  if (roots.length !== 1) out.push(`${roots.length} roots`);
  for (const n of list) if (n.parentId !== null && !ids.has(n.parentId)) out.push(`orphan ${n.id}`);
  const byId = new Map(list.map((n) => [n.id, n]));
  for (const n of list) {
    // Walk up: the root within |nodes| steps, or there is a cycle.
    let cur: N | undefined = n;
    let steps = 0;
    while (cur && cur.parentId !== null && steps <= list.length) {
      cur = byId.get(cur.parentId);
      steps++;
    }
    if (!cur || cur.parentId !== null) out.push(`${n.id} does not reach the root`);
  }
  return out;
}

describe('repairTree (pure)', () => {
  it('always leaves one tree: one root, no orphan, no cycle, every node reaching the root', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, tombParent, hint }) => {
        repairTree(nodes, hint, tombParent);
        expect(faults(nodes)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same tree and the same repairs whatever order the nodes are listed in', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, tombParent, hint, shuffled }) => {
        const r1 = repairTree(nodes, hint, tombParent);
        const r2 = repairTree(shuffled, hint, tombParent);
        expect(parentsOf(shuffled)).toEqual(parentsOf(nodes));
        expect(r2).toEqual(r1);
      }),
      { numRuns: 500 },
    );
  });

  it('changes only what it reports, and a repaired tree needs no repair', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, tombParent, hint }) => {
        const before = parentsOf(nodes);
        const repairs = repairTree(nodes, hint, tombParent);
        const after = parentsOf(nodes);
        const reported = new Set(repairs.map((r) => ('id' in r ? r.id : '')));
        for (const id of Object.keys(before)) if (before[id] !== after[id]) expect(reported.has(id)).toBe(true);
        // A node that already had a live parent on a path to the root keeps it.
        const root = nodes.find((n) => n.parentId === null)!.id;
        expect(repairTree(nodes, root, tombParent)).toEqual([]);
        expect(parentsOf(nodes)).toEqual(after);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a tree that needs no repair exactly as it is', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: IDS.length - 1, maxLength: IDS.length - 1 }), (picks) => {
        // Each node's parent is an earlier node: a tree.
        const nodes: N[] = IDS.map((id, i) => ({ id, parentId: i === 0 ? null : IDS[picks[i - 1]! % i]! }));
        const before = parentsOf(nodes);
        expect(repairTree(nodes, 'a', new Map())).toEqual([]);
        expect(parentsOf(nodes)).toEqual(before);
      }),
    );
  });

  it('puts an orphan under its nearest surviving ancestor (through tombstones), else the root', () => {
    const nodes: N[] = [
      { id: 'r', parentId: null },
      { id: 'p', parentId: 'r' },
      { id: 'c1', parentId: 'x' }, // x was deleted; it was under y, also deleted, which was under p
      { id: 'c2', parentId: 'w' }, // w gone without a trace
    ];
    const repairs = repairTree(nodes, 'r', new Map([['x', 'y'], ['y', 'p']]));
    expect(parentsOf(nodes)).toEqual({ r: null, p: 'r', c1: 'p', c2: 'r' });
    expect(repairs).toEqual([
      { code: 'sync-orphan-reattached', id: 'c1', parentId: 'x', to: 'p' },
      { code: 'sync-orphan-reattached', id: 'c2', parentId: 'w', to: 'r' },
    ]);
  });
});
