import { describe, it, expect } from 'vitest';
import type { ScenarioNode } from '@/lib/model/schema';
import { indexTree, type TreeIndex } from '@/lib/model/tree';
import { generateScenario, type Shape } from '@/lib/gen/generate';
import { computeVisible, expandAll, expandToDepth } from '@/lib/tree/visible';
import {
  enterFrom,
  exitTo,
  layoutTree,
  linkAt,
  makeNodeSizer,
  planTransition,
  type LayoutBox,
  type TreeLayout,
} from '@/lib/tree/layout';
import { tidyTree } from '@/lib/tree/tidy';
import fc from 'fast-check';
import { arbParents, flatTree, makeNode as mk, randomExpansion, type FlatTree } from '../support/trees';
import { d3TreeX } from '../support/d3-oracle';

const GAP = 48;

function overlaps(a: LayoutBox, b: LayoutBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertNoOverlap(layout: TreeLayout) {
  const boxes = [...layout.boxes.values()];
  // Sweep by x then check pairs whose x ranges overlap (exact, not sampled).
  boxes.sort((a, b) => a.x - b.x);
  let bad = 0;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < a.x + a.width; j++) {
      if (overlaps(a, boxes[j]!)) bad++;
    }
  }
  expect(bad).toBe(0);
}

function assertChildrenRight(index: TreeIndex, layout: TreeLayout) {
  for (const box of layout.boxes.values()) {
    if (box.parentId === null) continue;
    const p = layout.boxes.get(box.parentId)!;
    expect(box.depth).toBe(p.depth + 1);
    expect(box.x).toBeGreaterThanOrEqual(p.x + p.width + GAP - 1e-9);
  }
  // Siblings top to bottom in `order`.
  for (const id of layout.order) {
    const kids = (index.children.get(id) ?? []).filter((k) => layout.boxes.has(k.id));
    for (let i = 1; i < kids.length; i++) {
      const prev = layout.boxes.get(kids[i - 1]!.id)!;
      const cur = layout.boxes.get(kids[i]!.id)!;
      expect(kids[i - 1]!.order).toBeLessThanOrEqual(kids[i]!.order);
      expect(cur.y).toBeGreaterThanOrEqual(prev.y + prev.height);
    }
  }
}

/** Holds every coordinate to the oracle's within a tight tolerance (the same arithmetic gives the same doubles). */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  for (let v = 0; v < expected.length; v++) {
    const e = expected[v]!;
    if (Math.abs(actual[v]! - e) > 1e-9 * Math.max(1, Math.abs(e))) expect.fail(`node ${v}: ${actual[v]} instead of ${e}`);
  }
}

/** The visible tree of a layout as a flat tree in its pre-order, with the separation layoutTree uses. */
function flatOfLayout(layout: TreeLayout, siblingGap = 12, cousinGap = 24): { flat: FlatTree; separation: (a: number, b: number) => number; h: number[] } {
  const pos = new Map(layout.order.map((id, i) => [id, i]));
  const boxes = layout.order.map((id) => layout.boxes.get(id)!);
  const flat = flatTree(boxes.map((b) => (b.parentId === null ? -1 : pos.get(b.parentId)!)));
  const h = boxes.map((b) => b.height);
  const separation = (a: number, b: number) => (h[a]! + h[b]!) / 2 + (flat.parent[a] === flat.parent[b] ? siblingGap : cousinGap);
  return { flat, separation, h };
}

/** layoutTree's box centres against d3-hierarchy's tree() on the same visible tree. */
function expectLayoutMatchesD3(layout: TreeLayout, siblingGap?: number, cousinGap?: number) {
  const { flat, separation, h } = flatOfLayout(layout, siblingGap, cousinGap);
  const ref = d3TreeX(flat, separation);
  expectClose(
    layout.order.map((id) => layout.boxes.get(id)!.y),
    Array.from(ref, (c, v) => c - h[v]! / 2),
  );
}

describe('layoutTree', () => {
  const doc = generateScenario({ shape: 'bushy', nodes: 2000, seed: 11, shuffleOrder: true });
  const index = indexTree(doc);
  const full = layoutTree(index, expandAll(index));

  it('lays out every visible node, in pre-order, with links to parents', () => {
    expect(full.boxes.size).toBe(2000);
    expect(full.order).toEqual(index.preorder.map((n) => n.id));
    expect(full.links.length).toBe(1999);
    for (const l of full.links) {
      const s = full.boxes.get(l.source)!;
      const t = full.boxes.get(l.target)!;
      expect(t.parentId).toBe(l.source);
      expect(l.x1).toBe(s.x + s.width);
      expect(l.y1).toBeCloseTo(s.y + s.height / 2, 9);
      expect(l.x2).toBe(t.x);
      expect(l.y2).toBeCloseTo(t.y + t.height / 2, 9);
    }
    const root = full.boxes.get(index.root.id)!;
    expect(root.x).toBe(0);
    expect(root.y + root.height / 2).toBeCloseTo(0, 9);
  });

  it('no two boxes overlap (bushy, 2,000 nodes, fully expanded)', () => {
    assertNoOverlap(full);
  });

  it('puts children right of their parents and siblings in order', () => {
    assertChildrenRight(index, full);
  });

  it('sizes columns by their widest box', () => {
    const widest: number[] = [];
    for (const b of full.boxes.values()) widest[b.depth] = Math.max(widest[b.depth] ?? 0, b.width);
    expect(full.columns.length).toBe(widest.length);
    for (let d = 0; d < widest.length; d++) {
      for (const b of full.boxes.values()) if (b.depth === d) expect(b.x).toBe(full.columns[d]);
      if (d + 1 < widest.length) expect(full.columns[d + 1]! - full.columns[d]!).toBe(widest[d]! + GAP);
    }
  });

  it('keeps long labels from reaching the next column', () => {
    const long = 'A very long option title that certainly wraps onto a second line and then gets cut';
    const nodes = [mk('r', null, 0, 'Root'), mk('a', 'r', 0, long), mk('b', 'r', 1, 'Short'), mk('a1', 'a', 0, 'Child')];
    const idx = indexTree({ nodes });
    const lay = layoutTree(idx, expandAll(idx));
    const a = lay.boxes.get('a')!;
    const b = lay.boxes.get('b')!;
    const a1 = lay.boxes.get('a1')!;
    expect(a.lines.length).toBe(2);
    expect(a.truncated).toBe(true);
    expect(a.width).toBeGreaterThan(b.width);
    expect(a1.x).toBe(a.x + a.width + GAP);
    expect(b.height).toBeLessThan(a.height);
    assertNoOverlap(lay);
  });

  it('excludes folded subtrees and matches the visible list', () => {
    for (const seed of [1, 2, 3]) {
      const expanded = randomExpansion(index, seed, 0.5);
      const lay = layoutTree(index, expanded);
      const visible = computeVisible(index, expanded);
      expect(lay.order).toEqual(visible.nodes.map((n) => n.id));
      expect(lay.boxes.size).toBe(visible.nodes.length);
      for (const v of visible.nodes) expect(lay.boxes.get(v.id)!.depth).toBe(v.depth);
      assertNoOverlap(lay);
      assertChildrenRight(index, lay);
    }
    const rootOnly = layoutTree(index, new Set());
    expect(rootOnly.order).toEqual([index.root.id]);
    expect(rootOnly.links).toEqual([]);
  });

  it('reports tight bounds', () => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const b of full.boxes.values()) {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.width);
      maxY = Math.max(maxY, b.y + b.height);
    }
    expect(full.bounds).toEqual({ minX, minY, maxX, maxY });
  });

  it('gives the same coordinates as d3-hierarchy tree() (generated scenarios, full and partial expansion)', () => {
    for (const shape of ['bushy', 'wide', 'chain'] as Shape[]) {
      const d = generateScenario({ shape, nodes: 1500, seed: 4 });
      const idx = indexTree(d);
      for (const expanded of [expandAll(idx), randomExpansion(idx, 9, 0.6)]) expectLayoutMatchesD3(layoutTree(idx, expanded));
    }
    expectLayoutMatchesD3(full);
  });

  it('gives the same coordinates as d3-hierarchy tree() on random trees, node sizes and gaps', () => {
    fc.assert(
      fc.property(
        arbParents(120),
        fc.array(fc.integer({ min: 4, max: 90 }), { minLength: 120, maxLength: 120, size: 'max' }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (parents, heights, siblingGap, cousinGap, p) => {
          const nodes = parents.map((q, i) => mk(`n-${i}`, q < 0 ? null : `n-${q}`, i, 't'));
          const idx = indexTree({ nodes });
          const sizer = (x: ScenarioNode) => ({ width: 40 + (x.order % 7) * 10, height: heights[x.order]! });
          const expanded = p > 0.8 ? expandAll(idx) : randomExpansion(idx, Math.floor(p * 1e6), 0.5 + p / 2);
          const lay = layoutTree(idx, expanded, { nodeSize: sizer, siblingGap, cousinGap });
          expectLayoutMatchesD3(lay, siblingGap, cousinGap);
          assertNoOverlap(lay);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lays out a 5,000-deep chain without stack overflow', () => {
    const d = generateScenario({ shape: 'chain', nodes: 5000, seed: 2 });
    const idx = indexTree(d);
    const lay = layoutTree(idx, expandAll(idx));
    expect(lay.boxes.size).toBe(5000);
    const last = lay.boxes.get('n-4999')!;
    expect(last.depth).toBe(4999);
    // A chain is a straight line: every centre on y = 0.
    for (const b of lay.boxes.values()) expect(b.y + b.height / 2).toBeCloseTo(0, 6);
    expect(lay.bounds.maxX).toBe(last.x + last.width);
  });

  it('gives the same boxes by number (at) as by id, and link j for node j + 1, at any expansion', () => {
    for (const expanded of [expandAll(index), expandToDepth(index, 2), randomExpansion(index, 5, 0.4), new Set<string>()]) {
      const lay = layoutTree(index, expanded);
      const { at } = lay;
      expect(at.n).toBe(lay.order.length);
      expect(lay.boxes.size).toBe(at.n);
      expect([...lay.boxes.keys()]).toEqual(lay.order);
      lay.order.forEach((id, v) => {
        const b = lay.boxes.get(id)!;
        // The same object each time it is asked for, by id or by iteration.
        expect(lay.boxes.get(id)).toBe(b);
        expect(b.id).toBe(id);
        expect(b.x).toBe(at.x[v]);
        expect(b.y).toBe(at.cy[v]! - at.height[v]! / 2);
        expect([b.width, b.height, b.depth]).toEqual([at.width[v], at.height[v], at.depth[v]]);
        expect(b.parentId).toBe(index.byId.get(id)!.parentId);
        expect(at.parent[v]).toBe(v === 0 ? -1 : lay.order.indexOf(b.parentId!));
        expect(at.parent[v]).toBeLessThan(v);
      });
      expect([...lay.boxes.values()]).toEqual(lay.order.map((id) => lay.boxes.get(id)));
      expect(lay.links).toHaveLength(Math.max(0, at.n - 1));
      lay.links.forEach((l, j) => expect(l).toEqual(linkAt(lay, j)));
      lay.links.forEach((l, j) => expect(l.target).toBe(lay.order[j + 1]));
      expect(lay.boxes.has('no-such-node')).toBe(false);
      expect(lay.boxes.get('no-such-node')).toBeUndefined();
    }
  });

  it('accepts a custom sizer and reuses a shared one', () => {
    const sizer = makeNodeSizer({ label: { maxWidth: 120 } });
    const a = layoutTree(index, expandToDepth(index, 2), { nodeSize: sizer });
    const b = layoutTree(index, expandToDepth(index, 2), { nodeSize: sizer });
    expect([...a.boxes.values()]).toEqual([...b.boxes.values()]);
    for (const box of a.boxes.values()) expect(box.width).toBeLessThanOrEqual(120 + 2 * 10 + 1);
  });

  it('lays out 50,000 visible nodes (timing printed)', () => {
    for (const shape of ['bushy', 'wide', 'chain'] as Shape[]) {
      const d = generateScenario({ shape, nodes: 50_000, seed: 1 });
      const idx = indexTree(d);
      const expanded = expandAll(idx);
      const times: number[] = [];
      let lay: TreeLayout | undefined;
      for (let r = 0; r < 5; r++) {
        const t0 = performance.now();
        lay = layoutTree(idx, expanded);
        times.push(performance.now() - t0);
      }
      expect(lay!.boxes.size).toBe(50_000);
      const t0 = performance.now();
      expectLayoutMatchesD3(lay!);
      const d3ms = performance.now() - t0;
      const sorted = [...times].sort((x, y) => x - y);
      console.log(
        `[layout] ${shape} 50k: first ${times[0]!.toFixed(1)} ms (incl. label measuring), ` +
          `median warm ${sorted[2]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)} ms; checked against d3 tree() in ${d3ms.toFixed(1)} ms`,
      );
    }
  }, 120_000);
});

describe('transitions (markmap convention)', () => {
  // r ─ a ─ a1 ─ a1x
  //   │   └ a2
  //   └ b
  const nodes = [mk('r', null, 0), mk('a', 'r', 0), mk('b', 'r', 1), mk('a1', 'a', 0), mk('a1x', 'a1', 0), mk('a2', 'a', 1)];
  const idx = indexTree({ nodes });
  const before = layoutTree(idx, new Set(['r']));
  const after = layoutTree(idx, new Set(['r', 'a', 'a1']));

  it('entering nodes start at their nearest ancestor in the old layout', () => {
    expect(enterFrom(idx, before, 'a1x')).toBe(before.boxes.get('a'));
    expect(enterFrom(idx, before, 'a2')).toBe(before.boxes.get('a'));
    expect(enterFrom(idx, before, 'b')).toBe(before.boxes.get('b'));
    expect(enterFrom(idx, before, 'missing')).toBeUndefined();
  });

  it('exiting nodes end at their nearest ancestor in the new layout', () => {
    expect(exitTo(idx, before, 'a1x')).toBe(before.boxes.get('a'));
    const plan = planTransition(idx, after, before); // collapsing
    expect(plan.entering.size).toBe(0);
    expect([...plan.exiting.keys()].sort()).toEqual(['a1', 'a1x', 'a2']);
    for (const anchor of plan.exiting.values()) expect(anchor).toBe(before.boxes.get('a'));
    expect(plan.staying.sort()).toEqual(['a', 'b', 'r']);
  });

  it('plans an expansion', () => {
    const plan = planTransition(idx, before, after);
    expect([...plan.entering.keys()]).toEqual(['a1', 'a1x', 'a2']);
    for (const anchor of plan.entering.values()) expect(anchor).toBe(before.boxes.get('a'));
    expect(plan.exiting.size).toBe(0);
  });

  it('stays linear on a deep chain', () => {
    const d = generateScenario({ shape: 'chain', nodes: 20_000, seed: 3 });
    const ci = indexTree(d);
    const old = layoutTree(ci, new Set());
    const next = layoutTree(ci, expandAll(ci));
    const t0 = performance.now();
    const plan = planTransition(ci, old, next);
    const ms = performance.now() - t0;
    expect(plan.entering.size).toBe(19_999);
    expect(plan.entering.get('n-19999')).toBe(old.boxes.get('n-0'));
    expect(ms).toBeLessThan(5_000); // would take minutes if quadratic
  });
});

describe('tidyTree against d3-hierarchy tree()', () => {
  it('gives d3 coordinates on random shapes with random separations', () => {
    fc.assert(
      fc.property(
        arbParents(200),
        fc.array(fc.double({ min: 0.05, max: 50, noNaN: true }), { minLength: 200, maxLength: 200, size: 'max' }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (parents, sizes, extra) => {
          const flat = flatTree(parents);
          const separation = (a: number, b: number) => (sizes[a]! + sizes[b]!) / 2 + (flat.parent[a] === flat.parent[b] ? 0 : extra);
          expectClose(tidyTree({ ...flat, size: sizes, siblingGap: 0, cousinGap: extra }), d3TreeX(flat, separation));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives d3 coordinates with d3's default separation (1 for siblings, 2 for cousins)", () => {
    fc.assert(
      fc.property(arbParents(300), (parents) => {
        const flat = flatTree(parents);
        const separation = (a: number, b: number) => (flat.parent[a] === flat.parent[b] ? 1 : 2);
        const x = tidyTree({ ...flat, size: new Float64Array(flat.n), siblingGap: 1, cousinGap: 2 });
        expectClose(x, d3TreeX(flat, separation));
        expect(x[0]).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('handles the smallest trees', () => {
    const one = flatTree([-1]);
    expect(tidyTree({ ...one, size: [0], siblingGap: 1, cousinGap: 1 })).toEqual(Float64Array.of(0));
    const two = flatTree([-1, 0, 0]);
    expect(Array.from(tidyTree({ ...two, size: [0, 0, 0], siblingGap: 3, cousinGap: 3 }))).toEqual([0, -1.5, 1.5]);
    const empty = { n: 0, parent: new Int32Array(0), childStart: new Int32Array(0), childCount: new Int32Array(0), children: new Int32Array(0) };
    expect(tidyTree({ ...empty, size: [], siblingGap: 1, cousinGap: 1 })).toEqual(new Float64Array(0));
  });
});
