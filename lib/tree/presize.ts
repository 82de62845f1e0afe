/**
 * Sizing cards ahead of need. Opening a large tree lays out only the levels
 * shown; the first "Expand all" or deeper level would then measure thousands
 * of titles at once. Instead the tree view sizes the rest while the browser is
 * idle, in short slices, nearest levels first, so a later layout finds every
 * size already kept (card sizes are kept per node object, lib/card/size).
 */
import type { TreeIndex } from '@/lib/model/tree';
import type { ScenarioNode } from '@/lib/model/schema';

/** Every node of the tree, level by level from the root (siblings in order). */
export function levelOrder(index: Pick<TreeIndex, 'root' | 'children'>): ScenarioNode[] {
  const out: ScenarioNode[] = [index.root];
  for (let i = 0; i < out.length; i++) {
    const kids = index.children.get(out[i]!.id);
    if (kids) for (const k of kids) out.push(k);
  }
  return out;
}

/** How many nodes are sized between two looks at the clock. */
export const SLICE_CHECK_EVERY = 32;

/**
 * Sizes `nodes[from..]` with `size` while `timeLeft()` (ms) stays above
 * `reserve`, looking at the clock every `SLICE_CHECK_EVERY` nodes (so a slice
 * always makes progress). Returns where the next slice starts (`nodes.length`
 * when done).
 */
export function sizeSlice(nodes: readonly ScenarioNode[], from: number, size: (node: ScenarioNode) => unknown, timeLeft: () => number, reserve = 2): number {
  let i = from;
  while (i < nodes.length) {
    const end = Math.min(nodes.length, i + SLICE_CHECK_EVERY);
    for (; i < end; i++) size(nodes[i]!);
    if (timeLeft() <= reserve) break;
  }
  return i;
}

/** True when `expanded` opens every node that has children: the whole tree shows. */
export function opensEveryParent(index: Pick<TreeIndex, 'children'>, expanded: ReadonlySet<string>): boolean {
  for (const [id, kids] of index.children) if (kids.length > 0 && !expanded.has(id)) return false;
  return true;
}

/**
 * Up to how many nodes the tree view lays the whole tree out ahead of need,
 * once the cards are sized (one idle task: about 100 ms at 10,000 nodes on
 * the bench machine; larger trees wait for "Expand all").
 */
export const AHEAD_LAYOUT_MAX = 20_000;

/** A layout of the whole tree made ahead of need, valid for that index and those options. */
export interface AheadLayout<I, O, L> {
  index: I;
  options: O;
  layout: L;
}

/** The layout kept ahead when it fits this state (same index and options, every parent open), else null. */
export function aheadLayoutFor<I extends Pick<TreeIndex, 'children'>, O, L>(ahead: AheadLayout<I, O, L> | null, index: I, expanded: ReadonlySet<string>, options: O): L | null {
  if (!ahead || ahead.index !== index || ahead.options !== options) return null;
  return opensEveryParent(index, expanded) ? ahead.layout : null;
}
