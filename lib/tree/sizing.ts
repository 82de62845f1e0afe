/**
 * Layout options for the tree: card sizes come from the node card's
 * definition (lib/card), gaps are the tree's own.
 */
import { createCardSizer } from '@/lib/card/size';
import type { LayoutOptions } from './layout';

export function treeLayoutOptions(): LayoutOptions {
  return { nodeSize: createCardSizer(), columnGap: 64, siblingGap: 10, cousinGap: 20 };
}
