/**
 * The size of a node's card: its title wrapped to at most two lines in the
 * card font (bold for decisions and options), the padding, the room kept
 * for the toggle, and a badge row wide enough for its badges and a stance
 * mark. The live tree and the export lay out with these sizes.
 */
import type { ScenarioNode } from '@/lib/model/schema';
import { createLabelMeasurer } from '@/lib/tree/labels';
import type { NodeSize } from '@/lib/tree/layout';
import { CARD, KIND_STYLE, badgeCounts, minWidthForBadges } from './card';

export function createCardSizer(maxWidth: number = CARD.maxLabelWidth): (node: ScenarioNode) => NodeSize {
  const label = { fontSize: CARD.fontSize, lineHeight: CARD.lineHeight, maxWidth, maxLines: CARD.maxLines };
  const regular = createLabelMeasurer(label);
  const bold = createLabelMeasurer({ ...label, widthScale: CARD.boldWidthScale });
  return (node) => {
    const measured = KIND_STYLE[node.kind].bold ? bold(node.title) : regular(node.title);
    const badges = badgeCounts(node).filter((c) => c.n > 0).length;
    return {
      width: Math.max(minWidthForBadges(badges), Math.ceil(measured.width) + 2 * CARD.padX + CARD.toggleRoom),
      height: measured.height + 2 * CARD.padY + (badges > 0 ? CARD.badgeRowHeight : 0),
      lines: measured.lines,
      truncated: measured.truncated,
    };
  };
}
