/**
 * Sizing ahead of need (lib/tree/presize): the level order holds every node
 * once, level by level, each level in outline order; slices size every node
 * exactly once whatever the clock says, and stop when time runs out; a layout
 * after sizing ahead is the layout without it, and finds every size kept; a
 * layout of the whole tree made ahead is taken exactly when it is the layout
 * the state asks for, and so is its visible list; what is derived from a
 * layout is made once per layout and dependency.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateScenario } from '@/lib/gen/generate';
import { indexTree } from '@/lib/model/tree';
import { aheadFor, derivedOf, layOutWhole, levelOrder, listWhole, opensEveryParent, sizeSlice, SLICE_CHECK_EVERY } from '@/lib/tree/presize';
import { computeVisible, expandAll } from '@/lib/tree/visible';
import { buildSpatialIndex, spatialIndexOf } from '@/lib/tree/cull';
import { layoutTree } from '@/lib/tree/layout';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { clearCardSizes } from '@/lib/card/size';
import type { ScenarioNode } from '@/lib/model/schema';

const trees = fc.record({ shape: fc.constantFrom('wide', 'bushy', 'chain' as const), nodes: fc.integer({ min: 1, max: 400 }), seed: fc.integer({ min: 1, max: 10_000 }) });

describe('levelOrder', () => {
  it('is every node once, by depth, each depth in outline order (against the pre-order)', () => {
    fc.assert(
      fc.property(trees, (t) => {
        const index = indexTree(generateScenario(t));
        const order = levelOrder(index);
        expect(order.length).toBe(index.byId.size);
        expect(new Set(order.map((n) => n.id)).size).toBe(order.length);
        // Oracle: the pre-order, stably sorted by depth.
        const pos = new Map(index.preorder.map((n, i) => [n.id, i]));
        const oracle = [...index.preorder].sort((a, b) => index.depth.get(a.id)! - index.depth.get(b.id)! || pos.get(a.id)! - pos.get(b.id)!);
        expect(order.map((n) => n.id)).toEqual(oracle.map((n) => n.id));
      }),
      { numRuns: 60 },
    );
  });
});

describe('sizeSlice', () => {
  const nodes = indexTree(generateScenario({ shape: 'bushy', nodes: 300, seed: 7 })).preorder;

  it('sizes every node exactly once across slices, whatever the time left', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 50 }), (budgets) => {
        const seen = new Map<ScenarioNode, number>();
        const size = (n: ScenarioNode) => seen.set(n, (seen.get(n) ?? 0) + 1);
        let next = 0;
        let slices = 0;
        while (next < nodes.length) {
          // Each slice has its budget in clock looks (cycling), the clock losing 1 ms per look.
          let left = budgets[slices % budgets.length]!;
          const before = next;
          next = sizeSlice(nodes, next, size, () => left--, 0);
          expect(next).toBeGreaterThan(before);
          expect(next - before).toBeLessThanOrEqual(SLICE_CHECK_EVERY * (Math.max(0, budgets[slices % budgets.length]!) + 1));
          slices++;
        }
        expect(next).toBe(nodes.length);
        expect(seen.size).toBe(nodes.length);
        expect([...seen.values()].every((c) => c === 1)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('stops at the first look at the clock once the time left is within the reserve', () => {
    let n = 0;
    expect(sizeSlice(nodes, 0, () => n++, () => 2, 2)).toBe(SLICE_CHECK_EVERY);
    expect(n).toBe(SLICE_CHECK_EVERY);
    let t = 5;
    // 5 ms left, 1 ms per look, reserve 2: looks at 5, 4, 3 go on; at 2 it stops (4 chunks).
    expect(sizeSlice(nodes, 0, () => {}, () => t--, 2)).toBe(4 * SLICE_CHECK_EVERY);
  });
});

describe('a layout after sizing ahead', () => {
  it('is the layout without it, and reuses every size (the same size objects)', () => {
    const s = generateScenario({ shape: 'bushy', nodes: 2000, seed: 3 });
    const index = indexTree(s);
    const all = new Set([...index.children].filter(([, k]) => k.length).map(([id]) => id));
    clearCardSizes();
    const fresh = layoutTree(index, all, treeLayoutOptions(() => undefined));
    clearCardSizes();
    const ahead = treeLayoutOptions(() => undefined).nodeSize!;
    const order = levelOrder(index);
    let next = 0;
    while (next < order.length) next = sizeSlice(order, next, ahead, () => 0);
    const sizer = treeLayoutOptions(() => undefined).nodeSize!;
    for (const n of order) expect(sizer(n)).toBe(ahead(n));
    expect(layoutTree(index, all, treeLayoutOptions(() => undefined))).toEqual(fresh);
  });
});

describe('the whole tree laid out ahead', () => {
  // Random sets of open branches: some parents, some leaves, some ids not in the tree.
  const states = trees.chain((t) => {
    const scenario = generateScenario(t);
    const index = indexTree(scenario);
    const ids = [...index.byId.keys(), 'not-a-node'];
    return fc.record({ pick: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }), all: fc.boolean() }).map(({ pick, all }) => ({
      scenario,
      index,
      expanded: new Set(all ? [...expandAll(index), ...ids.filter((_, i) => pick[i])] : ids.filter((_, i) => pick[i])),
    }));
  });

  it('opensEveryParent is true exactly when the layout shows every node (oracle: the layout itself)', () => {
    fc.assert(
      fc.property(states, ({ index, expanded }) => {
        const shown = layoutTree(index, expanded).order.length;
        expect(opensEveryParent(index, expanded)).toBe(shown === index.byId.size);
      }),
      { numRuns: 80 },
    );
  });

  it('is taken only for its index and options, and then equals the layout made afresh', () => {
    fc.assert(
      fc.property(states, ({ scenario, index, expanded }) => {
        const options = treeLayoutOptions();
        const ahead = { index, options, layout: layoutTree(index, expandAll(index), options) };
        const taken = aheadFor(ahead, index, expanded, options)?.layout;
        const fresh = layoutTree(index, expanded, options);
        if (taken) expect({ ...taken, boxes: [...taken.boxes] }).toEqual({ ...fresh, boxes: [...fresh.boxes] });
        else expect(fresh.order.length).toBeLessThan(index.byId.size);
        // Another index (the same tree re-indexed after an edit) or other options: never taken.
        expect(aheadFor(ahead, indexTree(scenario), expanded, options)).toBeNull();
        expect(aheadFor(ahead, index, expanded, treeLayoutOptions())).toBeNull();
        expect(aheadFor(null, index, expanded, options)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('the whole tree made ahead (layout, then visible list) is the layout and list the state asks for, when taken', () => {
    fc.assert(
      fc.property(states, ({ index, expanded }) => {
        const options = treeLayoutOptions();
        const whole = layOutWhole(index, options);
        expect(whole.visible).toBeUndefined();
        const taken = aheadFor(whole, index, expanded, options);
        if (!taken) {
          expect(opensEveryParent(index, expanded)).toBe(false);
          return;
        }
        expect(taken).toBe(whole);
        const list = listWhole(taken);
        expect(listWhole(taken)).toBe(list);
        expect(list).toEqual(computeVisible(index, expanded));
        const fresh = layoutTree(index, expanded, options);
        expect({ ...taken.layout, boxes: [...taken.layout.boxes] }).toEqual({ ...fresh, boxes: [...fresh.boxes] });
      }),
      { numRuns: 60 },
    );
  });
});

describe('derivedOf', () => {
  it('makes a value once per key and dependency, and again when the dependency changes', () => {
    const cache = new WeakMap<object, { dep: unknown; value: number }>();
    const key = {};
    let made = 0;
    const make = () => ++made;
    const a = {};
    expect(derivedOf(cache, key, a, make)).toBe(1);
    expect(derivedOf(cache, key, a, make)).toBe(1);
    expect(derivedOf(cache, key, {}, make)).toBe(2);
    expect(derivedOf(cache, {}, a, make)).toBe(3);
    expect(made).toBe(3);
  });

  it('spatialIndexOf is the culling index of the layout, built once per layout', () => {
    fc.assert(
      fc.property(trees, (t) => {
        const index = indexTree(generateScenario(t));
        const layout = layoutTree(index, expandAll(index));
        const kept = spatialIndexOf(layout);
        expect(spatialIndexOf(layout)).toBe(kept);
        expect(kept).toEqual(buildSpatialIndex(layout));
        expect(spatialIndexOf(layoutTree(index, expandAll(index)))).not.toBe(kept);
      }),
      { numRuns: 30 },
    );
  });
});
