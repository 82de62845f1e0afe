/**
 * Box sizes for the tree's node cards: the label is set in an Arial/Helvetica
 * metric font (Liberation Sans on Linux), bold for decisions and options
 * (about 8% wider), with room on the right for the expand/collapse toggle.
 */
import type { ScenarioNode } from '@/lib/model/schema';
import { createLabelMeasurer } from './labels';
import type { LayoutOptions, NodeSize } from './layout';

export const LABEL_FONT_SIZE = 13;
export const LABEL_LINE_HEIGHT = 17;
export const CARD_PAD_X = 10;
export const CARD_PAD_Y = 8;
export const TOGGLE_ROOM = 14;
export const BADGE_ROW = 18;

export function createCardSizer(maxWidth = 210): (node: ScenarioNode) => NodeSize {
  const regular = createLabelMeasurer({ fontSize: LABEL_FONT_SIZE, lineHeight: LABEL_LINE_HEIGHT, maxWidth, maxLines: 2 });
  const bold = createLabelMeasurer({ fontSize: LABEL_FONT_SIZE, lineHeight: LABEL_LINE_HEIGHT, maxWidth, maxLines: 2, widthScale: 1.09 });
  return (node) => {
    const label = node.kind === 'decision' || node.kind === 'option' ? bold(node.title) : regular(node.title);
    const badges = node.assumptionIds.length + node.riskIds.length + node.indicatorIds.length + node.evidenceIds.length > 0;
    return {
      width: Math.max(96, Math.ceil(label.width) + 2 * CARD_PAD_X + TOGGLE_ROOM),
      height: label.height + 2 * CARD_PAD_Y + (badges ? BADGE_ROW : 0),
      lines: label.lines,
      truncated: label.truncated,
    };
  };
}

export function treeLayoutOptions(): LayoutOptions {
  return { nodeSize: createCardSizer(), columnGap: 64, siblingGap: 10, cousinGap: 20 };
}
