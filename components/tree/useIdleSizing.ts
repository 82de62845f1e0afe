'use client';
/**
 * Sizes the cards of the whole tree while the browser is idle after a change
 * (lib/tree/presize), so the next expansion lays out without measuring.
 * Nodes already sized cost a lookup; an edit re-sizes only what it changed.
 */
import { useEffect } from 'react';
import type { TreeIndex } from '@/lib/model/tree';
import type { NodeSize } from '@/lib/tree/layout';
import type { ScenarioNode } from '@/lib/model/schema';
import { levelOrder, sizeSlice } from '@/lib/tree/presize';

export function useIdleSizing(index: TreeIndex, size: ((node: ScenarioNode) => NodeSize) | undefined, shown: number): void {
  useEffect(() => {
    // Nothing to do when every node is already laid out (and so sized), or without idle callbacks.
    if (!size || shown >= index.byId.size || typeof window.requestIdleCallback !== 'function') return;
    let nodes: ScenarioNode[] | null = null;
    let next = 0;
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      nodes ??= levelOrder(index);
      next = sizeSlice(nodes, next, size, () => deadline.timeRemaining());
      if (next < nodes.length) handle = window.requestIdleCallback(step);
    };
    handle = window.requestIdleCallback(step);
    return () => window.cancelIdleCallback(handle);
  }, [index, size, shown]);
}
