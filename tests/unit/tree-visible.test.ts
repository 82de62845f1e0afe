import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ScenarioNode } from '@/lib/model/schema';
import { indexTree } from '@/lib/model/tree';
import { generateScenario } from '@/lib/gen/generate';
import {
  computeVisible,
  expandAll,
  expandPath,
  expandToDepth,
  findByPrefix,
  firstChildVisible,
  firstVisible,
  keyAction,
  lastVisible,
  nearestVisible,
  nextVisible,
  parentVisible,
  prevVisible,
  visibleNodeOf,
  visibleSiblings,
} from '@/lib/tree/visible';
import { arbParents, makeNode as node } from '../support/trees';


// r
// ├─ b (order 1)
// │  └─ b1
// │     └─ b1x
// ├─ a (order 2)
// │  ├─ a1
// │  └─ a2
// └─ c (order 3)
const nodes: ScenarioNode[] = [
  node('r', null, 0, 'Root decision'),
  node('a', 'r', 2, 'Alpha'),
  node('c', 'r', 3, 'Charlie'),
  node('b', 'r', 1, 'Bravo'),
  node('a2', 'a', 1, 'Économie'),
  node('a1', 'a', 0, 'Beta'),
  node('b1', 'b', 0, 'bravo child'),
  node('b1x', 'b1', 0, 'Deep'),
];
const index = indexTree({ nodes });
const titles = new Map(nodes.map((n) => [n.id, n.title]));
const ids = (v: ReturnType<typeof computeVisible>) => v.nodes.map((n) => n.id);

describe('computeVisible', () => {
  it('shows only the root when nothing is expanded', () => {
    const v = computeVisible(index, new Set());
    expect(v.nodes).toEqual([
      { id: 'r', depth: 0, parentId: null, hasChildren: true, expanded: false, posInSet: 1, setSize: 1 },
    ]);
  });

  it('lists children in sibling order with posinset/setsize', () => {
    const v = computeVisible(index, new Set(['r']));
    expect(ids(v)).toEqual(['r', 'b', 'a', 'c']);
    const [, b, a, c] = v.nodes;
    expect(b).toMatchObject({ depth: 1, parentId: 'r', posInSet: 1, setSize: 3, hasChildren: true, expanded: false });
    expect(a).toMatchObject({ depth: 1, posInSet: 2, setSize: 3, hasChildren: true, expanded: false });
    expect(c).toMatchObject({ depth: 1, posInSet: 3, setSize: 3, hasChildren: false, expanded: false });
    expect(v.indexOf.get('a')).toBe(2);
  });

  it('hides descendants of folded nodes even if they are in the expanded set', () => {
    const v = computeVisible(index, new Set(['r', 'a', 'b1']));
    expect(ids(v)).toEqual(['r', 'b', 'a', 'a1', 'a2', 'c']);
    expect(v.nodes[3]).toMatchObject({ id: 'a1', depth: 2, posInSet: 1, setSize: 2 });
    expect(v.nodes[4]).toMatchObject({ id: 'a2', depth: 2, posInSet: 2, setSize: 2 });
    expect(v.indexOf.has('b1')).toBe(false);
  });

  it('ignores leaves in the expanded set', () => {
    const v = computeVisible(index, new Set(['r', 'c']));
    expect(v.nodes[3]).toMatchObject({ id: 'c', hasChildren: false, expanded: false });
  });

  it('pre-order over the whole tree when everything is expanded', () => {
    const v = computeVisible(index, expandAll(index));
    expect(ids(v)).toEqual(index.preorder.map((n) => n.id));
    expect(v.nodes.find((n) => n.id === 'b1x')).toMatchObject({ depth: 3, posInSet: 1, setSize: 1 });
  });

  it('handles a 50,000-deep chain without recursion', () => {
    const doc = generateScenario({ shape: 'chain', nodes: 50_000, seed: 5 });
    const idx = indexTree(doc);
    const v = computeVisible(idx, expandAll(idx));
    expect(v.nodes.length).toBe(50_000);
    expect(v.nodes[49_999]!.depth).toBe(49_999);
    expect(computeVisible(idx, expandToDepth(idx, 10)).nodes.length).toBe(11);
  });
});

describe('visibleNodeOf', () => {
  it('is, for every visible node, the entry computeVisible lists (any tree, sibling orders with ties, any open branches)', () => {
    fc.assert(
      fc.property(
        arbParents(120),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 120, maxLength: 120 }),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        fc.integer(),
        (parents, orders, open, seed) => {
          // Ids not in sibling order (the order field decides first, then the id), nodes listed shuffled.
          const list = parents.map((p, i) => node(`n${(i * 7919 + seed) % 1000}-${i}`, null, orders[i]!));
          const nodes = list.map((n, i) => ({ ...n, parentId: parents[i]! < 0 ? null : list[parents[i]!]!.id }));
          const shuffled = [...nodes].sort((a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 31 + seed) % 7) || (a.id < b.id ? 1 : -1));
          const idx = indexTree({ nodes: shuffled });
          const expanded = new Set(nodes.filter((_n, i) => open[i]).map((n) => n.id));
          const v = computeVisible(idx, expanded);
          for (const entry of v.nodes) expect(visibleNodeOf(idx, expanded, idx.byId.get(entry.id)!, entry.depth)).toEqual(entry);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a place among 10,000 siblings', () => {
    const doc = generateScenario({ shape: 'wide', nodes: 10_000, seed: 2 });
    const idx = indexTree(doc);
    const v = computeVisible(idx, expandAll(idx));
    for (const entry of v.nodes.filter((_e, i) => i % 97 === 0)) expect(visibleNodeOf(idx, expandAll(idx), idx.byId.get(entry.id)!, entry.depth)).toEqual(entry);
  });
});

describe('expansion helpers', () => {
  it('expandToDepth picks nodes above the depth that have children', () => {
    expect([...expandToDepth(index, 0)]).toEqual([]);
    expect([...expandToDepth(index, 1)]).toEqual(['r']);
    expect(new Set(expandToDepth(index, 2))).toEqual(new Set(['r', 'a', 'b']));
    expect(new Set(expandAll(index))).toEqual(new Set(['r', 'a', 'b', 'b1']));
  });

  it('expandPath opens every ancestor (not the node) and keeps the base', () => {
    expect(new Set(expandPath(index, 'b1x'))).toEqual(new Set(['r', 'b', 'b1']));
    const base = new Set(['a']);
    const out = expandPath(index, 'b1', base);
    expect(new Set(out)).toEqual(new Set(['a', 'r', 'b']));
    expect(base.size).toBe(1); // not mutated
    expect(expandPath(index, 'r').size).toBe(0);
    expect(expandPath(index, 'nope').size).toBe(0);
    const v = computeVisible(index, expandPath(index, 'b1x'));
    expect(v.indexOf.has('b1x')).toBe(true);
  });

  it('nearestVisible walks up to a shown ancestor', () => {
    const v = computeVisible(index, new Set(['r']));
    expect(nearestVisible(index, v, 'b1x')).toBe('b');
    expect(nearestVisible(index, v, 'c')).toBe('c');
    expect(nearestVisible(index, v, 'zzz')).toBeUndefined();
  });
});

describe('keyboard navigation', () => {
  const v = computeVisible(index, new Set(['r', 'a']));
  // r, b, a, a1, a2, c

  it('moves to next / previous / first / last', () => {
    expect(nextVisible(v, 'r')).toBe('b');
    expect(nextVisible(v, 'a2')).toBe('c');
    expect(nextVisible(v, 'c')).toBeUndefined();
    expect(prevVisible(v, 'a1')).toBe('a');
    expect(prevVisible(v, 'r')).toBeUndefined();
    expect(firstVisible(v)).toBe('r');
    expect(lastVisible(v)).toBe('c');
    expect(nextVisible(v, 'hidden')).toBeUndefined();
  });

  it('moves to parent and first child', () => {
    expect(parentVisible(v, 'a2')).toBe('a');
    expect(parentVisible(v, 'r')).toBeUndefined();
    expect(firstChildVisible(v, 'a')).toBe('a1');
    expect(firstChildVisible(v, 'b')).toBeUndefined(); // collapsed
    expect(firstChildVisible(v, 'c')).toBeUndefined(); // leaf
  });

  it('lists visible siblings', () => {
    expect(visibleSiblings(v, 'a')).toEqual(['b', 'a', 'c']);
    expect(visibleSiblings(v, 'a2')).toEqual(['a1', 'a2']);
    expect(visibleSiblings(v, 'r')).toEqual(['r']);
  });

  it('maps keys to WAI-ARIA tree actions', () => {
    expect(keyAction(v, 'b', 'ArrowRight')).toEqual({ type: 'expand', id: 'b' });
    expect(keyAction(v, 'a', 'ArrowRight')).toEqual({ type: 'focus', id: 'a1' });
    expect(keyAction(v, 'c', 'ArrowRight')).toEqual({ type: 'none' });
    expect(keyAction(v, 'a', 'ArrowLeft')).toEqual({ type: 'collapse', id: 'a' });
    expect(keyAction(v, 'a1', 'ArrowLeft')).toEqual({ type: 'focus', id: 'a' });
    expect(keyAction(v, 'r', 'ArrowLeft')).toEqual({ type: 'collapse', id: 'r' });
    expect(keyAction(v, 'a2', 'ArrowDown')).toEqual({ type: 'focus', id: 'c' });
    expect(keyAction(v, 'c', 'ArrowDown')).toEqual({ type: 'none' });
    expect(keyAction(v, 'b', 'ArrowUp')).toEqual({ type: 'focus', id: 'r' });
    expect(keyAction(v, 'a1', 'Home')).toEqual({ type: 'focus', id: 'r' });
    expect(keyAction(v, 'a1', 'End')).toEqual({ type: 'focus', id: 'c' });
    expect(keyAction(v, 'a', '*')).toEqual({ type: 'expandMany', ids: ['b'] });
    expect(keyAction(v, 'a', 'x')).toEqual({ type: 'none' });
    expect(keyAction(v, 'gone', 'ArrowDown')).toEqual({ type: 'focus', id: 'r' });
  });
});

describe('findByPrefix (type-ahead)', () => {
  const v = computeVisible(index, new Set(['r', 'a', 'b']));
  // 0 r "Root decision", 1 b "Bravo", 2 b1 "bravo child", 3 a "Alpha", 4 a1 "Beta", 5 a2 "Économie", 6 c "Charlie"
  it('finds the next match after the start, case-insensitively', () => {
    expect(v.nodes.map((n) => n.id)).toEqual(['r', 'b', 'b1', 'a', 'a1', 'a2', 'c']);
    expect(findByPrefix(v.nodes, titles, 0, 'b')).toBe(1);
    expect(findByPrefix(v.nodes, titles, 1, 'B')).toBe(2);
    expect(findByPrefix(v.nodes, titles, 2, 'b')).toBe(4);
    expect(findByPrefix(v.nodes, titles, 0, 'BRAVO C')).toBe(2);
  });

  it('wraps around to the start', () => {
    expect(findByPrefix(v.nodes, titles, 4, 'b')).toBe(1);
    expect(findByPrefix(v.nodes, titles, 6, 'r')).toBe(0);
    // The only match is the start itself: found after a full cycle.
    expect(findByPrefix(v.nodes, titles, 6, 'char')).toBe(6);
    expect(findByPrefix(v.nodes, titles, -1, 'root')).toBe(0);
  });

  it('ignores diacritics and accepts a lookup function or VisibleTree', () => {
    expect(findByPrefix(v.nodes, titles, 0, 'eco')).toBe(5);
    expect(findByPrefix(v, (id) => titles.get(id), 0, 'ÉCO')).toBe(5);
  });

  it('returns -1 for no match, an empty prefix or an empty list', () => {
    expect(findByPrefix(v.nodes, titles, 0, 'zzz')).toBe(-1);
    expect(findByPrefix(v.nodes, titles, 0, '')).toBe(-1);
    expect(findByPrefix([], titles, 0, 'a')).toBe(-1);
  });
});
