/**
 * The tree as a standalone SVG picture: the links, and the cards drawn from
 * the one card definition the live tree draws too (lib/card), for the nodes
 * laid out now (the expanded ones), with a title line and the legend.
 *
 * Pure: a string in, a string out. No DOM, no network: system fonts only
 * (Arial / Helvetica / Liberation Sans, the metrics the layout measured
 * with), colours as presentation attributes, no external references. All
 * user text is XML-escaped, and characters XML 1.0 cannot hold are replaced,
 * so a hostile title can neither inject markup nor break the document.
 * Loops only (the card's element trees are a few levels deep).
 */
import type { Scenario } from '@/lib/model/schema';
import { own, type Annotations } from '@/lib/annotations/types';
import { indexTree } from '@/lib/model/tree';
import { weakenedNodes } from '@/lib/doc/affected';
import type { LayoutLink, TreeLayout } from '@/lib/tree/layout';
import { textWidth } from '@/lib/tree/labels';
import { CARD, CARD_FONT, CARD_GROUP_ATTRS, PALETTE, cardElements, cardInput, type CardInput, type SplitLevel, type SvgEl } from '@/lib/card/card';
import { cardMarksOf, type MarksOf } from '@/lib/card/size';
import { LEGEND_ENTRIES, LEGEND_INK, SWATCH_HEIGHT } from '@/lib/card/legend';
import { attrMarkup, escapeXml, num, svgMarkup, xmlSafe } from '@/lib/card/markup';

export { escapeXml };
export const IMAGE_FONT = CARD_FONT;

export interface RenderTreeSvgInput {
  scenario: Scenario;
  annotations: Annotations;
  layout: TreeLayout;
  /** The title line (usually the scenario title). */
  title: string;
  /** A smaller line under the title, e.g. "Exported 24 Nov 2026". Optional. */
  subtitle?: string;
  /** The nodes' marks the layout was sized with (lib/card/size `cardMarksOf`); without, from the annotations alone. */
  marksOf?: MarksOf;
  /** The team's disagreement mark on each branch, as the live card shows it (lib/team/selectors `splitMarkOf`). */
  splitOf?: (id: string) => SplitLevel | null;
  /** Open discussion threads on each branch, as the live card marks them. */
  talkOf?: (id: string) => number;
}

/** The exported page around the tree (px): margin, title block (with and without a subtitle), legend row, narrowest page. */
const PAGE = { margin: 24, titleBlock: 56, titleBlockNoSubtitle: 40, legendBlock: 44, legendFontSize: 11.5, minWidth: 720 } as const;

function linkPath(l: LayoutLink): string {
  const mx = (l.x1 + l.x2) / 2;
  return `M${num(l.x1)},${num(l.y1)} C${num(mx)},${num(l.y1)} ${num(mx)},${num(l.y2)} ${num(l.x2 - 18)},${num(l.y2)} L${num(l.x2)},${num(l.y2)}`;
}

/** One card: the definition's elements in a group at the card's place, with the title as a tooltip. */
function card(out: string[], x: number, y: number, title: string, input: CardInput): void {
  out.push(`<g transform="translate(${num(x)},${num(y)})"${attrMarkup(CARD_GROUP_ATTRS)}>`);
  out.push(`<title>${escapeXml(title)}</title>`);
  for (const e of cardElements(input)) out.push(svgMarkup(e));
  out.push('</g>');
}

/** The legend as one row: each entry's swatch then its words, laid out left to right. */
function legendRow(x: number, y: number): { markup: string; width: number } {
  const parts: string[] = [];
  let cx = x;
  for (const e of LEGEND_ENTRIES) {
    const swatch: SvgEl = { tag: 'g', attrs: { transform: `translate(${num(cx)}, ${num(y - SWATCH_HEIGHT / 2)})` }, children: e.swatch };
    parts.push(svgMarkup(swatch));
    cx += e.swatchWidth + 5;
    parts.push(`<text x="${num(cx)}" y="${num(y + 4)}" font-size="${PAGE.legendFontSize}" fill="${LEGEND_INK}">${escapeXml(e.text)}</text>`);
    cx += Math.ceil(textWidth(e.text, PAGE.legendFontSize)) + 16;
  }
  return { markup: `<g>${parts.join('')}</g>`, width: cx - x };
}

/** Width the legend needs. */
const LEGEND_WIDTH = legendRow(0, 0).width;

/** Renders the laid-out tree as a standalone SVG document (UTF-8 text, no XML declaration). */
export function renderTreeSvg(input: RenderTreeSvgInput): string {
  const { scenario, annotations, layout, title, subtitle } = input;
  const index = indexTree(scenario);
  const { byId } = index;
  const marksOf = input.marksOf ?? cardMarksOf(annotations, null).marksOf;
  // Broken: rests directly on the failing side of a premise; affected: below a broken node.
  const { direct: broken, below: affected } = weakenedNodes({ scenario, annotations }, index);

  const empty = layout.order.length === 0 || !Number.isFinite(layout.bounds.minX);
  const b = empty ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : layout.bounds;
  const treeW = b.maxX - b.minX + CARD.glyphRoom + CARD.toggleRoom;
  const treeH = b.maxY - b.minY;
  const safeTitle = xmlSafe(String(title));
  const titleWidth = Math.min(safeTitle.length, 300) * 10.5;
  const head = subtitle ? PAGE.titleBlock : PAGE.titleBlockNoSubtitle;
  const width = Math.ceil(Math.max(PAGE.minWidth, treeW + 2 * PAGE.margin, titleWidth + 2 * PAGE.margin, LEGEND_WIDTH + 2 * PAGE.margin));
  const height = Math.ceil(head + treeH + PAGE.legendBlock + 2 * PAGE.margin);
  const tx = PAGE.margin + CARD.glyphRoom - b.minX;
  const ty = PAGE.margin + head - b.minY;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(CARD_FONT)}" role="img" aria-label="${escapeXml(`Decision tree: ${title}`)}">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="${PALETTE.canvas}"/>`);
  out.push(`<text x="${PAGE.margin}" y="${PAGE.margin + 18}" font-size="20" font-weight="700" fill="${PALETTE.ink}">${escapeXml(title)}</text>`);
  if (subtitle) out.push(`<text x="${PAGE.margin}" y="${PAGE.margin + 38}" font-size="12.5" fill="${PALETTE.ink3}">${escapeXml(subtitle)}</text>`);

  out.push(`<g transform="translate(${num(tx)},${num(ty)})">`);
  out.push(`<g fill="none" stroke="${PALETTE.link}" stroke-width="1.4">`);
  for (const l of layout.links) {
    if (l) out.push(`<path d="${linkPath(l)}"/>`);
  }
  out.push('</g>');
  for (const id of layout.order) {
    const box = layout.boxes.get(id);
    const node = byId.get(id);
    if (!box || !node) continue;
    const stance = own(annotations.nodes, id)?.stance ?? 'open';
    const weak = broken.has(id) ? 'broken' : affected.has(id) ? 'affected' : null;
    // A picture has no buttons: no expand or collapse toggles (their room is kept, so sizes match the live tree).
    const m = marksOf(id);
    card(out, box.x, box.y, node.title, cardInput(node, box, stance, weak, null, { likelihood: m?.likelihood ?? null, value: m?.value ?? null, split: input.splitOf?.(id) ?? null, talk: input.talkOf?.(id) ?? 0 }));
  }
  out.push('</g>');

  out.push(legendRow(PAGE.margin, height - PAGE.margin - PAGE.legendBlock / 2 + 8).markup);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
