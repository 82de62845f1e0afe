/**
 * The tree's legend, defined once for the live tree (components/tree/Legend.tsx)
 * and the exported picture (lib/io/image.ts): each entry is a small swatch
 * drawn with the card's own glyphs, badges and paint, and its words.
 */
import { NODE_KINDS } from '@/lib/model/constants';
import { BADGE_NOUN, KIND_LABEL, LEGEND_WORDS, STANCE_MARK_WORD } from '@/lib/messages/card';
import { BADGES, CARD, PALETTE, STANCE_STYLE, TALK_MARK, badgeElement, cardPaint, glyphElement, splitMarkElement, splitMarkWidth, stanceMarkWidth, talkMarkElement, type CardPaint, type SvgEl } from './card';
import { DISCUSSION_WORDS } from '@/lib/messages/discussion';

export interface LegendEntry {
  key: string;
  /** Elements inside a swatchWidth × SWATCH_HEIGHT box at the origin. */
  swatch: SvgEl[];
  swatchWidth: number;
  text: string;
}

export const SWATCH_HEIGHT = 12;

function cardSwatch(p: CardPaint, rx: number, className: string): SvgEl {
  const attrs: Record<string, string | number> = { className, width: 20, height: SWATCH_HEIGHT, rx, fill: p.fill, stroke: p.stroke, strokeWidth: p.strokeWidth };
  if (p.dash) attrs.strokeDasharray = p.dash;
  return { tag: 'rect', attrs };
}

function kindEntry(kind: (typeof NODE_KINDS)[number]): LegendEntry {
  const glyph = glyphElement(kind, 0, 0, SWATCH_HEIGHT);
  // Options have no glyph: their swatch is a small option card.
  const swatch = glyph ?? cardSwatch(cardPaint(kind, 'open', null), 4, `legend-${kind}`);
  return { key: kind, swatch: [swatch], swatchWidth: glyph ? SWATCH_HEIGHT : 20, text: KIND_LABEL[kind] };
}

export const LEGEND_ENTRIES: readonly LegendEntry[] = [
  ...NODE_KINDS.map(kindEntry),
  ...BADGES.map((b) => ({ key: `badge-${b.key}`, swatch: [badgeElement(b.key, b.key, 16)], swatchWidth: 16, text: BADGE_NOUN[b.key][1] })),
  { key: 'broken', swatch: [cardSwatch(cardPaint('chance', 'open', 'broken'), 3, 'legend-broken')], swatchWidth: 20, text: LEGEND_WORDS.broken },
  { key: 'affected', swatch: [cardSwatch(cardPaint('chance', 'open', 'affected'), 3, 'legend-affected')], swatchWidth: 20, text: LEGEND_WORDS.affected },
  ...(['favoured', 'rejected', 'needs-work'] as const).map((s) => {
    const mark = STANCE_STYLE[s].mark!;
    const w = Math.ceil(stanceMarkWidth(mark.symbol) * (SWATCH_HEIGHT / CARD.stanceMark.fontSize));
    const swatch: SvgEl = {
      tag: 'text',
      attrs: { x: w / 2, y: SWATCH_HEIGHT - 2, textAnchor: 'middle', fontSize: SWATCH_HEIGHT, fontWeight: CARD.stanceMark.fontWeight, fill: mark.colour },
      children: [mark.symbol],
    };
    return { key: `stance-${s}`, swatch: [swatch], swatchWidth: w, text: STANCE_MARK_WORD[s] };
  }),
];

/** Colour of legend words. */
export const LEGEND_INK = PALETTE.ink2;

/**
 * The team's disagreement marks, in the live tree's legend only (the
 * exported picture shows the tree without the team's judgements).
 */
export const SPLIT_LEGEND_ENTRIES: readonly LegendEntry[] = [
  { key: 'split-strong', swatch: [splitMarkElement('strong')], swatchWidth: splitMarkWidth('strong'), text: LEGEND_WORDS.splitStrong },
  { key: 'split-mild', swatch: [splitMarkElement('mild')], swatchWidth: splitMarkWidth('mild'), text: LEGEND_WORDS.splitMild },
];
/** The open-threads mark's entry: shown by the live tree's legend only (the exported picture has no such mark). */
export const TALK_LEGEND_ENTRY: LegendEntry = {
  key: 'talk',
  swatch: [{ ...talkMarkElement(2, 0, 0), attrs: { transform: `translate(0, 0) scale(${SWATCH_HEIGHT / (TALK_MARK.height + TALK_MARK.tail)})` } }],
  swatchWidth: Math.ceil(TALK_MARK.width * (SWATCH_HEIGHT / (TALK_MARK.height + TALK_MARK.tail))),
  text: DISCUSSION_WORDS.legend,
};
