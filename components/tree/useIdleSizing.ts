'use client';
/**
 * Work done while the browser is idle after a change, ahead of the next
 * expansion (lib/tree/presize): the cards of the whole tree are sized in short
 * slices, nearest levels first; then, for a tree of up to AHEAD_LAYOUT_MAX
 * nodes, the whole tree is laid out once, its visible list made in the next
 * slice, and `prepare` given the layout in the one after (what the view
 * derives from a layout: culling index, canvas scene), so "Expand all" finds
 * all of it made. Nodes already sized cost a lookup; an edit re-sizes only
 * what it changed, and a new index or new options make the kept tree stale.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { TreeIndex } from '@/lib/model/tree';
import type { LayoutOptions, TreeLayout } from '@/lib/tree/layout';
import { AHEAD_LAYOUT_MAX, layOutWhole, levelOrder, listWhole, opensEveryParent, sizeSlice, type TreeAhead } from '@/lib/tree/presize';

export function useIdleSizing(
  index: TreeIndex,
  options: LayoutOptions,
  expanded: ReadonlySet<string>,
  prepare: (layout: TreeLayout) => void,
): RefObject<TreeAhead | null> {
  const ahead = useRef<TreeAhead | null>(null);
  useEffect(() => {
    const size = options.nodeSize;
    // Nothing to do when the whole tree shows (every card is laid out, so sized), or without idle callbacks.
    if (!size || typeof window.requestIdleCallback !== 'function' || opensEveryParent(index, expanded)) return;
    let nodes: ReturnType<typeof levelOrder> | null = null;
    let next = 0;
    let handle = 0;
    const kept = () => {
      const whole = ahead.current;
      return whole && whole.index === index && whole.options === options ? whole : null;
    };
    const derive = () => {
      const whole = kept();
      if (whole) prepare(whole.layout);
    };
    const listVisible = () => {
      const whole = kept();
      if (!whole) return;
      listWhole(whole);
      handle = window.requestIdleCallback(derive);
    };
    const layOutAll = () => {
      if (!kept()) ahead.current = layOutWhole(index, options);
      handle = window.requestIdleCallback(listVisible);
    };
    const step = (deadline: IdleDeadline) => {
      nodes ??= levelOrder(index);
      next = sizeSlice(nodes, next, size, () => deadline.timeRemaining());
      if (next < nodes.length) handle = window.requestIdleCallback(step);
      else if (nodes.length <= AHEAD_LAYOUT_MAX) handle = window.requestIdleCallback(layOutAll);
    };
    handle = window.requestIdleCallback(step);
    return () => window.cancelIdleCallback(handle);
  }, [index, options, expanded, prepare]);
  return ahead;
}
