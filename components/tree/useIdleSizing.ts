'use client';
/**
 * Work done while the browser is idle after a change, ahead of the next
 * expansion (lib/tree/presize): the cards of the whole tree are sized in short
 * slices, nearest levels first; then, for a tree of up to AHEAD_LAYOUT_MAX
 * nodes, the whole tree is laid out once, so "Expand all" finds its layout
 * made. Nodes already sized cost a lookup; an edit re-sizes only what it
 * changed, and a new index or new options make the kept layout stale.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { TreeIndex } from '@/lib/model/tree';
import { layoutTree, type LayoutOptions, type TreeLayout } from '@/lib/tree/layout';
import { AHEAD_LAYOUT_MAX, levelOrder, sizeSlice, type AheadLayout } from '@/lib/tree/presize';
import { expandAll } from '@/lib/tree/visible';

export type TreeAheadLayout = AheadLayout<TreeIndex, LayoutOptions, TreeLayout>;

export function useIdleSizing(index: TreeIndex, options: LayoutOptions, shown: number): RefObject<TreeAheadLayout | null> {
  const ahead = useRef<TreeAheadLayout | null>(null);
  useEffect(() => {
    const size = options.nodeSize;
    // Nothing to do when every node is already laid out (and so sized), or without idle callbacks.
    if (!size || shown >= index.byId.size || typeof window.requestIdleCallback !== 'function') return;
    let nodes: ReturnType<typeof levelOrder> | null = null;
    let next = 0;
    let handle = 0;
    const layOutAll = () => {
      const kept = ahead.current;
      if (kept && kept.index === index && kept.options === options) return;
      ahead.current = { index, options, layout: layoutTree(index, expandAll(index), options) };
    };
    const step = (deadline: IdleDeadline) => {
      nodes ??= levelOrder(index);
      next = sizeSlice(nodes, next, size, () => deadline.timeRemaining());
      if (next < nodes.length) handle = window.requestIdleCallback(step);
      else if (nodes.length <= AHEAD_LAYOUT_MAX) handle = window.requestIdleCallback(layOutAll);
    };
    handle = window.requestIdleCallback(step);
    return () => window.cancelIdleCallback(handle);
  }, [index, options, shown]);
  return ahead;
}
