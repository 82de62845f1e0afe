import { describe, it, expect } from 'vitest';
import type { ScenarioNode } from '@/lib/model/schema';
import { indexTree, type TreeIndex } from '@/lib/model/tree';
import { generateScenario, createRng, type Shape } from '@/lib/gen/generate';
import { computeVisible, expandAll, expandToDepth } from '@/lib/tree/visible';
import {
  enterFrom,
  exitTo,
  layoutTree,
  makeNodeSizer,
  planTransition,
  type LayoutBox,
  type TreeLayout,
} from '@/lib/tree/layout';
import { tidyTree } from '@/lib/tree/tidy';

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

function randomExpansion(index: TreeIndex, seed: number, p: number): Set<string> {
  const rng = createRng(seed);
  const out = new Set<string>([index.root.id]);
  for (const n of index.preorder) if ((index.children.get(n.id)?.length ?? 0) > 0 && rng() < p) out.add(n.id);
  return out;
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
    const nodes: ScenarioNode[] = [
      mk('r', null, 0, 'Root'),
      mk('a', 'r', 0, 'A very long option title that certainly wraps onto a second line and then gets cut'),
      mk('b', 'r', 1, 'Short'),
      mk('a1', 'a', 0, 'Child'),
    ];
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

  it('gives the same coordinates as d3-hierarchy tree()', () => {
    for (const shape of ['bushy', 'wide', 'chain'] as Shape[]) {
      const d = generateScenario({ shape, nodes: 1500, seed: 4 });
      const idx = indexTree(d);
      for (const expanded of [expandAll(idx), randomExpansion(idx, 9, 0.6)]) {
        const fast = layoutTree(idx, expanded);
        const ref = layoutTree(idx, expanded, { engine: 'd3' });
        expect(fast.order).toEqual(ref.order);
        for (const [id, b] of fast.boxes) {
          const r = ref.boxes.get(id)!;
          expect(b.x).toBe(r.x);
          expect(b.y).toBe(r.y);
        }
      }
    }
  });

  it('tidyTree matches d3 on random trees with random separations', () => {
    const rng = createRng(5);
    for (let t = 0; t < 30; t++) {
      const n = 2 + Math.floor(rng() * 300);
      const nodes: ScenarioNode[] = [mk('n-0', null, 0, 'r')];
      for (let i = 1; i < n; i++) nodes.push(mk(`n-${i}`, `n-${Math.floor(rng() * i)}`, i, 't'));
      const idx = indexTree({ nodes });
      const heights = new Map(nodes.map((x) => [x.id, 10 + Math.floor(rng() * 60)]));
      const sizer = (x: ScenarioNode) => ({ width: 100, height: heights.get(x.id)! });
      const fast = layoutTree(idx, expandAll(idx), { nodeSize: sizer });
      const ref = layoutTree(idx, expandAll(idx), { nodeSize: sizer, engine: 'd3' });
      for (const [id, b] of fast.boxes) expect(b.y).toBe(ref.boxes.get(id)!.y);
      assertNoOverlap(fast);
    }
    expect(tidyTree({
      n: 1,
      parent: Int32Array.of(-1),
      childStart: Int32Array.of(0),
      childCount: Int32Array.of(0),
      children: new Int32Array(0),
      separation: () => 1,
    })).toEqual(Float64Array.of(0));
  });

  it('lays out a 5,000-deep chain without stack overflow (both engines)', () => {
    const d = generateScenario({ shape: 'chain', nodes: 5000, seed: 2 });
    const idx = indexTree(d);
    for (const engine of ['fast', 'd3'] as const) {
      const lay = layoutTree(idx, expandAll(idx), { engine });
      expect(lay.boxes.size).toBe(5000);
      const last = lay.boxes.get('n-4999')!;
      expect(last.depth).toBe(4999);
      // A chain is a straight line: every centre on y = 0.
      for (const b of lay.boxes.values()) expect(b.y + b.height / 2).toBeCloseTo(0, 6);
      expect(lay.bounds.maxX).toBe(last.x + last.width);
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
      layoutTree(idx, expanded, { engine: 'd3' });
      const d3ms = performance.now() - t0;
      const sorted = [...times].sort((x, y) => x - y);
      console.log(
        `[layout] ${shape} 50k: first ${times[0]!.toFixed(1)} ms (incl. label measuring), ` +
          `median warm ${sorted[2]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)} ms; d3 engine ${d3ms.toFixed(1)} ms`,
      );
    }
  });
});

describe('transitions (markmap convention)', () => {
  const nodes: ScenarioNode[] = [
    mk('r', null, 0, 'Root'),
    mk('a', 'r', 0, 'A'),
    mk('b', 'r', 1, 'B'),
    mk('a1', 'a', 0, 'A1'),
    mk('a1x', 'a1', 0, 'A1x'),
    mk('a2', 'a', 1, 'A2'),
  ];
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

function mk(id: string, parentId: string | null, order: number, title: string): ScenarioNode {
  return {
    id,
    parentId,
    kind: parentId === null ? 'decision' : 'option',
    title,
    summary: '',
    order,
    assumptionIds: [],
    riskIds: [],
    indicatorIds: [],
    evidenceIds: [],
    actorIds: [],
    contextIds: [],
  };
}
