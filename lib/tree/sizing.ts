/**
 * Layout options for the tree: card sizes come from the node card's
 * definition (lib/card), given the nodes' marks (stance, likelihood, analysis
 * value: `cardMarksOf`), gaps are the tree's own.
 */
import { createCardSizer, type MarksOf } from '@/lib/card/size';
import type { LayoutOptions } from './layout';

export function treeLayoutOptions(marksOf?: MarksOf): LayoutOptions {
  return { nodeSize: createCardSizer(undefined, marksOf), columnGap: 64, siblingGap: 10, cousinGap: 20 };
}
