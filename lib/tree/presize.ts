/**
 * Sizing cards ahead of need. Opening a large tree lays out only the levels
 * shown; the first "Expand all" or deeper level would then measure thousands
 * of titles at once. Instead the tree view sizes the rest while the browser is
 * idle, in short slices, nearest levels first, so a later layout finds every
 * size already kept (card sizes are kept per node object, lib/card/size).
 */
import type { TreeIndex } from '@/lib/model/tree';
import type { ScenarioNode } from '@/lib/model/schema';
import { layoutTree, type LayoutOptions, type TreeLayout } from './layout';
import { computeVisible, expandAll, type VisibleTree } from './visible';

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

/**
 * The whole tree made ahead of need, valid for that index and those options:
 * its layout, and what is derived from it before a paint (the visible list,
 * added in a later idle slice, so it may still be missing).
 */
export interface AheadLayout<I, O, L, V = unknown> {
  index: I;
  options: O;
  layout: L;
  visible?: V;
}

/** The whole tree of the tree view, made ahead. */
export type TreeAhead = AheadLayout<TreeIndex, LayoutOptions, TreeLayout, VisibleTree>;

/** The whole tree laid out (every parent open), with its visible list still to make (`listWhole`). */
export function layOutWhole(index: TreeIndex, options: LayoutOptions): TreeAhead {
  return { index, options, layout: layoutTree(index, expandAll(index), options) };
}

/** Adds the visible list of the whole tree to what `layOutWhole` made (once). */
export function listWhole(whole: TreeAhead): VisibleTree {
  return (whole.visible ??= computeVisible(whole.index, expandAll(whole.index)));
}

/** The whole tree kept ahead when it fits this state (same index and options, every parent open), else null. */
export function aheadFor<I extends Pick<TreeIndex, 'children'>, O, L, V>(
  ahead: AheadLayout<I, O, L, V> | null,
  index: I,
  expanded: ReadonlySet<string>,
  options: O,
): AheadLayout<I, O, L, V> | null {
  if (!ahead || ahead.index !== index || ahead.options !== options) return null;
  return opensEveryParent(index, expanded) ? ahead : null;
}

/**
 * A value derived from `key` (a layout) with `dep` (what else it reads, compared
 * by identity), made once and kept while the key lives: what idle time derives
 * ahead is found again by the render that needs it.
 */
export function derivedOf<K extends object, D, V>(cache: WeakMap<K, { dep: D; value: V }>, key: K, dep: D, make: () => V): V {
  const kept = cache.get(key);
  if (kept && kept.dep === dep) return kept.value;
  const value = make();
  cache.set(key, { dep, value });
  return value;
}
