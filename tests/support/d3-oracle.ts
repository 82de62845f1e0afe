/**
 * The layout oracle: d3-hierarchy's own `tree()` with `nodeSize([1, 1])` on a
 * flat tree, returning each node's breadth coordinate (d3's `x`). The app runs
 * the typed-array transcription in lib/tree/tidy.ts; tests hold it to this.
 *
 * Nodes are built directly rather than through `hierarchy()`, whose height
 * pass is O(n · depth) (minutes on a 50,000-deep chain); `tree()` reads only
 * `parent` and `children`.
 */
import { hierarchy, tree, type HierarchyNode } from 'd3-hierarchy';
import type { FlatTree } from './trees';

type Num = { i: number };

export function d3TreeX(flat: FlatTree, separation: (a: number, b: number) => number): Float64Array {
  const x = new Float64Array(flat.n);
  if (flat.n === 0) return x;
  const Ctor = (hierarchy as unknown as { prototype: { constructor: new (d: Num) => HierarchyNode<Num> } }).prototype.constructor;
  const all: HierarchyNode<Num>[] = new Array(flat.n);
  for (let v = 0; v < flat.n; v++) all[v] = new Ctor({ i: v });
  for (let v = 0; v < flat.n; v++) {
    const k = flat.childCount[v]!;
    if (k === 0) continue;
    const list: HierarchyNode<Num>[] = new Array(k);
    for (let i = 0; i < k; i++) {
      const child = all[flat.children[flat.childStart[v]! + i]!]!;
      (child as { parent: HierarchyNode<Num> | null }).parent = all[v]!;
      list[i] = child;
    }
    all[v]!.children = list;
  }
  tree<Num>()
    .nodeSize([1, 1])
    .separation((a, b) => separation(a.data.i, b.data.i))(all[0]!);
  for (let v = 0; v < flat.n; v++) x[v] = all[v]!.x ?? 0;
  return x;
}
