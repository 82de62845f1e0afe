/**
 * Tree builders shared by the unit tests: a scenario node with empty record
 * lists, a random expansion of a tree, and flat parent arrays (the shape
 * lib/tree/tidy.ts takes) with fast-check arbitraries for many tree shapes.
 */
import fc from 'fast-check';
import type { ScenarioNode } from '@/lib/model/schema';
import type { TreeIndex } from '@/lib/model/tree';
import { createRng } from '@/lib/gen/generate';
import { treeLayoutOf, type TreeLayout } from '@/lib/tree/layout';

const EMPTY_LISTS = ['assumptionIds', 'negatedAssumptionIds', 'riskIds', 'indicatorIds', 'evidenceIds', 'underminingEvidenceIds', 'actorIds', 'contextIds'] as const;

/** A node with no records: a decision when it has no parent, an option otherwise. Title defaults to the id. */
export function makeNode(id: string, parentId: string | null, order = 0, title = id, extra: Partial<ScenarioNode> = {}): ScenarioNode {
  const lists = Object.fromEntries(EMPTY_LISTS.map((k) => [k, [] as string[]])) as Pick<ScenarioNode, (typeof EMPTY_LISTS)[number]>;
  return { id, parentId, kind: parentId === null ? 'decision' : 'option', title, summary: '', order, ...lists, ...extra };
}

/** The root plus each parent node with probability `p` (seeded). */
export function randomExpansion(index: TreeIndex, seed: number, p: number): Set<string> {
  const rng = createRng(seed);
  const out = new Set<string>([index.root.id]);
  for (const n of index.preorder) if ((index.children.get(n.id)?.length ?? 0) > 0 && rng() < p) out.add(n.id);
  return out;
}

/** A tree as typed arrays (node 0 is the root; children in index order), as tidyTree takes it. */
export interface FlatTree {
  n: number;
  parent: Int32Array;
  childStart: Int32Array;
  childCount: Int32Array;
  children: Int32Array;
}

/** Builds the child lists from a parent array (`parent[0] = -1`, `parent[i] < i` or any earlier-listed node). */
export function flatTree(parents: readonly number[]): FlatTree {
  const n = parents.length;
  const parent = Int32Array.from(parents);
  const childCount = new Int32Array(n);
  for (let v = 1; v < n; v++) childCount[parent[v]!]!++;
  const childStart = new Int32Array(n);
  for (let v = 1; v < n; v++) childStart[v] = childStart[v - 1]! + childCount[v - 1]!;
  const children = new Int32Array(Math.max(0, n - 1));
  const fill = new Int32Array(n);
  for (let v = 1; v < n; v++) children[childStart[parent[v]!]! + fill[parent[v]!]!++] = v;
  return { n, parent, childStart, childCount, children };
}

/** Parent arrays from unit-interval draws: each node `i` picks a parent among `0..i-1` by `pick(u, i)`. */
function parentsFrom(us: readonly number[], pick: (u: number, i: number) => number): number[] {
  const out = [-1];
  for (let i = 1; i <= us.length; i++) out.push(Math.min(i - 1, Math.max(0, pick(us[i - 1]!, i))));
  return out;
}

const draws = (max: number) => fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: max, size: 'max' });

/**
 * Parent arrays of many shapes: uniform random (recursive) trees, deep ones
 * (parents among the last few nodes), wide ones (parents among the first
 * few), bushy k-ary trees, single chains, stars, combs (a chain with a leaf on
 * each step), and unbalanced ones (two subtrees of very different size).
 */
export function arbParents(maxNodes = 160): fc.Arbitrary<number[]> {
  const max = maxNodes - 1;
  return fc.oneof(
    draws(max).map((us) => parentsFrom(us, (u, i) => Math.floor(u * i))),
    fc.tuple(draws(max), fc.integer({ min: 1, max: 4 })).map(([us, w]) => parentsFrom(us, (u, i) => i - 1 - Math.floor(u * w))),
    fc.tuple(draws(max), fc.integer({ min: 1, max: 5 })).map(([us, w]) => parentsFrom(us, (u) => Math.floor(u * w))),
    fc.tuple(fc.integer({ min: 1, max: max }), fc.integer({ min: 2, max: 6 })).map(([n, k]) => Array.from({ length: n + 1 }, (_, i) => (i === 0 ? -1 : Math.floor((i - 1) / k)))),
    fc.integer({ min: 0, max }).map((n) => Array.from({ length: n + 1 }, (_, i) => i - 1)),
    fc.integer({ min: 0, max }).map((n) => Array.from({ length: n + 1 }, (_, i) => (i === 0 ? -1 : 0))),
    fc.integer({ min: 0, max: max >> 1 }).map((n) => Array.from({ length: 2 * n + 1 }, (_, i) => (i === 0 ? -1 : i % 2 === 1 ? Math.max(0, i - 2) : i - 1))),
    draws(max).map((us) => parentsFrom(us, (u, i) => (u < 0.1 ? 0 : i - 1 - Math.floor(((u - 0.1) / 0.9) * Math.min(i, 3))))),
  );
}

/** A box as tests place it: anywhere, with a parent numbered before it (-1 for the root). */
export interface PlacedBox {
  id: string;
  parent: number;
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
}

/** A layout of boxes placed by hand, through `treeLayoutOf` (node v is `boxes[v]`). */
export function layoutOfBoxes(boxes: readonly PlacedBox[], columns: number[] = []): TreeLayout {
  const n = boxes.length;
  const at = {
    n,
    x: Float64Array.from(boxes, (b) => b.x),
    cy: Float64Array.from(boxes, (b) => b.y + b.height / 2),
    width: Float64Array.from(boxes, (b) => b.width),
    height: Float64Array.from(boxes, (b) => b.height),
    depth: Int32Array.from(boxes, (b) => b.depth),
    parent: Int32Array.from(boxes, (b) => b.parent),
  };
  return treeLayoutOf(boxes.map((b) => b.id), at, columns);
}
