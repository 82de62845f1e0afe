/**
 * The node card, defined once. Its geometry (padding, line height, title
 * lines, toggle room, badge row), its palette per node kind, stance and
 * weakness, the kind glyphs, the badges and the marks are all here, and
 * `cardElement` turns one node's state into a small tree of SVG elements.
 *
 * Two painters draw that tree and nothing else:
 * - the live tree (components/tree/TreeNode.tsx) renders it as React SVG
 *   elements, adding only ARIA and data attributes; the stylesheet styles
 *   interaction (hover, selection, focus, comparison marks) on top, since
 *   CSS rules win over SVG presentation attributes;
 * - the SVG/PNG export (lib/io/image.ts) serialises it with `svgMarkup`.
 *
 * Attribute names are React's (camelCase, `className`); `svgMarkup` writes
 * them as SVG names (kebab-case, `class`). Pure: no DOM, no React.
 */
import type { NodeKind, ScenarioNode } from '@/lib/model/schema';
import type { Stance } from '@/lib/annotations/vocab';
import { textWidth } from '@/lib/tree/labels';
import { SPLIT_MARK_WORD, STANCE_MARK_WORD } from '@/lib/messages/card';

/** The card's type face: metric-compatible with the widths lib/tree/labels.ts measures with. */
export const CARD_FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif";

/** Attributes of the group that holds a card's elements (each painter adds its own placement). */
export const CARD_GROUP_ATTRS = { fontFamily: CARD_FONT } as const;

/** Geometry, in px (SVG user units). */
export const CARD = {
  /** Title text. */
  fontSize: 13,
  lineHeight: 17,
  /** Baseline of the first title line below the top padding. */
  baseline: 12,
  /** Enough for the longest title the schema allows (300 characters): a title is never cut. */
  maxLines: 14,
  maxLabelWidth: 210,
  /** Bold titles (decisions, options) measure this much wider. */
  boldWidthScale: 1.09,
  padX: 10,
  padY: 8,
  minWidth: 96,
  /** Room right of the title kept free for the expand/collapse toggle; the export keeps as much right of the tree. */
  toggleRoom: 14,
  toggleRadius: 8,
  /** Room left of a card for its kind glyph. */
  glyphRoom: 22,
  glyphSize: 12,
  glyphGap: 6,
  stripeWidth: 5,
  badge: { width: 30, height: 12, rx: 6, step: 34, fontSize: 9.5, textY: 9.5 },
  /** Height the badge row adds to a card, and how far above the bottom edge the row starts. */
  badgeRowHeight: 18,
  badgeRowOffset: 16,
  stanceMark: { fontSize: 10.5, gap: 2, y: 10, fontWeight: 600 },
  /** The likelihood and the analysis value, after the badges and the stance mark in the card's bottom row. */
  rowText: { fontSize: 10.5, gap: 6, y: 10, fontWeight: 600 },
  weakMark: { fontSize: 13, inset: 6, y: 13 },
  /** The team's disagreement: a small pill across the card's top edge, left (presence marks sit at the right). */
  splitMark: { height: 12, fontSize: 8.5, padX: 5, rx: 6 },
} as const;

/** Colours of the card and the tree around it. app/globals.css repeats the shared ones as :root variables (a test keeps them equal). */
export const PALETTE = {
  ink: '#1b2430',
  ink2: '#46505e',
  ink3: '#5f6b7a',
  paper: '#ffffff',
  canvas: '#f5f7fa',
  link: '#a9b4c2',
  decision: '#1f3a5f',
  option: '#2563c9',
  chance: '#b7791f',
  outcome: '#2f855a',
  assume: '#6b46c1',
  risk: '#c53030',
  indic: '#0f7b83',
  quote: '#5f6b7a',
  favoured: '#2f855a',
  rejected: '#8a94a3',
  needsWork: '#b7791f',
  broken: '#c53030',
  affected: '#e58f8f',
  favouredFill: '#effaf3',
  needsWorkFill: '#fff8eb',
  rejectedFill: '#f3f4f6',
  brokenFill: '#fff1f1',
  badge: '#eef1f5',
  toggleStroke: '#8a96a6',
  /** How far the team splits (SPLIT_STYLE), and the discussion mark (TALK_MARK); the team view's bands and threads share them. */
  splitExtreme: '#b42318',
  splitStrong: '#c4320a',
  splitMildInk: '#7a4f0c',
  talk: '#1f5fa8',
} as const;

export type GlyphShape = 'square' | 'circle' | 'triangle';

export const KIND_STYLE: Record<NodeKind, { colour: string; strokeWidth: number; bold: boolean; radius: number; stripe: boolean; glyph: GlyphShape | null }> = {
  decision: { colour: PALETTE.decision, strokeWidth: 2, bold: true, radius: 4, stripe: false, glyph: 'square' },
  option: { colour: PALETTE.option, strokeWidth: 1.6, bold: true, radius: 10, stripe: true, glyph: null },
  chance: { colour: PALETTE.chance, strokeWidth: 1.2, bold: false, radius: 4, stripe: false, glyph: 'circle' },
  outcome: { colour: PALETTE.outcome, strokeWidth: 1.2, bold: false, radius: 4, stripe: false, glyph: 'triangle' },
};

export const STANCE_STYLE: Record<Stance, { fill: string; dash: string | null; labelFill: string; strike: boolean; mark: { symbol: string; colour: string } | null }> = {
  open: { fill: PALETTE.paper, dash: null, labelFill: PALETTE.ink, strike: false, mark: null },
  favoured: { fill: PALETTE.favouredFill, dash: null, labelFill: PALETTE.ink, strike: false, mark: { symbol: '★', colour: PALETTE.favoured } },
  rejected: { fill: PALETTE.rejectedFill, dash: '5 3', labelFill: PALETTE.ink3, strike: true, mark: { symbol: '✕', colour: PALETTE.rejected } },
  'needs-work': { fill: PALETTE.needsWorkFill, dash: null, labelFill: PALETTE.ink, strike: false, mark: { symbol: '…', colour: PALETTE.needsWork } },
};

export type Weakness = 'broken' | 'affected';

/** A weakness overrides the kind's and the stance's paint. */
export const WEAK_STYLE: Record<Weakness, { stroke: string; strokeWidth: number | null; dash: string; fill: string | null }> = {
  broken: { stroke: PALETTE.broken, strokeWidth: 2.5, dash: '6 3', fill: PALETTE.brokenFill },
  affected: { stroke: PALETTE.affected, strokeWidth: null, dash: '3 3', fill: null },
};
export const WEAK_MARK = '⚠';

export type BadgeKey = 'A' | 'R' | 'I' | 'Q';
/** The badges, in order: what they count on a node and their colour. */
export const BADGES: ReadonlyArray<{ key: BadgeKey; field: 'assumptionIds' | 'riskIds' | 'indicatorIds' | 'evidenceIds'; colour: string }> = [
  { key: 'A', field: 'assumptionIds', colour: PALETTE.assume },
  { key: 'R', field: 'riskIds', colour: PALETTE.risk },
  { key: 'I', field: 'indicatorIds', colour: PALETTE.indic },
  { key: 'Q', field: 'evidenceIds', colour: PALETTE.quote },
];

export type BadgeCounts = ReadonlyArray<{ key: BadgeKey; n: number }>;

/** The badge counts of a node, in badge order, zero counts included. */
export function badgeCounts(node: Record<(typeof BADGES)[number]['field'], readonly unknown[]>): BadgeCounts {
  return BADGES.map((b) => ({ key: b.key, n: node[b.field].length }));
}

/** The paint of a card's body. */
export interface CardPaint {
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash: string | null;
}

export function cardPaint(kind: NodeKind, stance: Stance, weak: Weakness | null): CardPaint {
  const k = KIND_STYLE[kind];
  const s = STANCE_STYLE[stance];
  const p: CardPaint = { fill: s.fill, stroke: k.colour, strokeWidth: k.strokeWidth, dash: s.dash };
  if (weak) {
    const w = WEAK_STYLE[weak];
    p.stroke = w.stroke;
    p.dash = w.dash;
    if (w.strokeWidth !== null) p.strokeWidth = w.strokeWidth;
    if (w.fill !== null) p.fill = w.fill;
  }
  return p;
}

// ---------------------------------------------------------------- elements

export type SvgTag = 'g' | 'rect' | 'circle' | 'path' | 'text' | 'tspan';
export type SvgAttrs = Readonly<Record<string, string | number>>;
/** The parts of a card, for painters that add behaviour to one of them (the live tree's toggle). */
export type CardPart = 'glyph' | 'body' | 'stripe' | 'label' | 'badges' | 'badge' | 'stance' | 'weak' | 'toggle' | 'split';

/** How far the team splits on a branch, as the card marks it (lib/team/aggregate bands; consensus is not marked). */
export type SplitLevel = 'mild' | 'strong' | 'extreme';
/** Strong and extreme are filled (loud); mild is an outline (quiet). Each ink keeps 4.5:1 on its fill. */
export const SPLIT_STYLE: Record<SplitLevel, { fill: string; stroke: string; ink: string; dash: string | null }> = {
  extreme: { fill: PALETTE.splitExtreme, stroke: PALETTE.splitExtreme, ink: PALETTE.paper, dash: null },
  strong: { fill: PALETTE.splitStrong, stroke: PALETTE.splitStrong, ink: PALETTE.paper, dash: null },
  mild: { fill: PALETTE.paper, stroke: PALETTE.needsWork, ink: PALETTE.splitMildInk, dash: '3 2' },
};

export function splitMarkWidth(level: SplitLevel): number {
  const m = CARD.splitMark;
  return Math.ceil(textWidth(SPLIT_MARK_WORD[level].toUpperCase(), m.fontSize, 1.3) + 2 * m.padX);
}

export interface SvgEl {
  readonly tag: SvgTag;
  readonly attrs: SvgAttrs;
  readonly children?: ReadonlyArray<SvgEl | string>;
  readonly part?: CardPart;
}

const el = (tag: SvgTag, attrs: SvgAttrs, children?: ReadonlyArray<SvgEl | string>, part?: CardPart): SvgEl => ({ tag, attrs, children, part });

function paintAttrs(p: CardPaint): Record<string, string | number> {
  const a: Record<string, string | number> = { fill: p.fill, stroke: p.stroke, strokeWidth: p.strokeWidth };
  if (p.dash) a.strokeDasharray = p.dash;
  return a;
}

/** A kind glyph filling the size × size box whose top-left corner is (x, y); null for kinds without one. */
export function glyphElement(kind: NodeKind, x: number, y: number, size: number = CARD.glyphSize): SvgEl | null {
  const { glyph, colour } = KIND_STYLE[kind];
  const className = `glyph glyph-${kind}`;
  const h = size / 2;
  switch (glyph) {
    case 'square':
      return el('rect', { className, x, y, width: size, height: size, fill: colour }, undefined, 'glyph');
    case 'circle':
      return el('circle', { className, cx: x + h, cy: y + h, r: h, fill: colour }, undefined, 'glyph');
    case 'triangle':
      return el('path', { className, d: `M${x},${y + h} L${x + size},${y} L${x + size},${y + size} Z`, fill: colour }, undefined, 'glyph');
    default:
      return null;
  }
}

/** A badge chip: the letter (and count) on a rounded chip, at the origin. */
export function badgeElement(key: BadgeKey, text: string, width: number = CARD.badge.width): SvgEl {
  const b = CARD.badge;
  const colour = BADGES.find((x) => x.key === key)!.colour;
  return el(
    'g',
    { className: `badge badge-${key.toLowerCase()}` },
    [
      el('rect', { width, height: b.height, rx: b.rx, fill: PALETTE.badge }),
      el('text', { x: width / 2, y: b.textY, textAnchor: 'middle', fontSize: b.fontSize, fontWeight: 700, fill: colour }, [text]),
    ],
    'badge',
  );
}

/** A stance mark's text ("★ favoured") and its short form ("★"). */
export function stanceMarkText(stance: Exclude<Stance, 'open'>, short = false): string {
  const symbol = STANCE_STYLE[stance].mark!.symbol;
  return short ? symbol : `${symbol} ${STANCE_MARK_WORD[stance]}`;
}

/**
 * Estimated width of a stance mark. Generous: the symbols come from a
 * fallback font and the weight is semibold, so it measures 25% over the
 * regular Helvetica widths.
 */
export function stanceMarkWidth(text: string): number {
  return textWidth(text, CARD.stanceMark.fontSize, 1.25);
}

/** Width of the badge row for `n` badges, before any stance mark. */
export function badgeRowWidth(n: number): number {
  return n > 0 ? n * CARD.badge.step - (CARD.badge.step - CARD.badge.width) : 0;
}

/** The narrowest card that holds `n` badges and a short stance mark within its padding. */
export function minWidthForBadges(n: number): number {
  if (n === 0) return CARD.minWidth;
  return Math.ceil(2 * CARD.padX + n * CARD.badge.step + CARD.stanceMark.gap + shortMarkWidth());
}

/** The widest short stance mark (measured once: the words never change). */
let shortMark: number | undefined;
function shortMarkWidth(): number {
  if (shortMark === undefined) {
    shortMark = 0;
    for (const s of ['favoured', 'rejected', 'needs-work'] as const) shortMark = Math.max(shortMark, stanceMarkWidth(stanceMarkText(s, true)));
  }
  return shortMark;
}

/** How many kinds of badge a node shows (the non-empty lists among its assumptions, risks, indicators and quotes). */
export function badgeKinds(node: Record<(typeof BADGES)[number]['field'], readonly unknown[]>): number {
  // Indexed (not for-of): run once per card sized, often before the code is optimised, where an iterator costs.
  let n = 0;
  for (let i = 0; i < BADGES.length; i++) if (node[BADGES[i]!.field].length > 0) n++;
  return n;
}

/** Everything that decides how one card looks. */
export interface CardInput {
  kind: NodeKind;
  width: number;
  height: number;
  /** The title, already wrapped (lib/card/size.ts). */
  lines: readonly string[];
  counts: BadgeCounts;
  stance: Stance;
  weak: Weakness | null;
  /** Has children: shown expanded or collapsed; null for a leaf (and in the exported picture, which has no buttons). */
  toggle: 'expanded' | 'collapsed' | null;
  /** The analyst's likelihood, as the card writes it ("Likely"), or null. */
  likelihood?: string | null;
  /** The node's value under the decision analysis, as the card writes it, or null. */
  value?: string | null;
  /** How far the team splits on the branch (null or absent: no mark). */
  split?: SplitLevel | null;
  /** Open discussion threads on the branch (0 or absent: no mark). */
  talk?: number;
}

/** What the card shows besides the node itself: the analyst's stance and likelihood, the analysis value. */
export interface CardMarks {
  stance: Stance;
  likelihood: string | null;
  value: string | null;
}

/** Width of a text of the bottom row (likelihood, value): semibold, measured generously like the stance mark. */
export function rowTextWidth(text: string): number {
  return textWidth(text, CARD.rowText.fontSize, 1.15);
}

/**
 * Width the bottom row needs with every mark in full: the badges, the stance
 * mark in words, the likelihood and the value, with their gaps (0 when empty).
 */
export function rowWidth(badges: number, marks: CardMarks | undefined): number {
  let w = badgeRowWidth(badges);
  const add = (width: number, gap: number) => (w = w > 0 ? w + gap + width : width);
  if (marks) {
    if (marks.stance !== 'open') add(stanceMarkWidth(stanceMarkText(marks.stance)), CARD.stanceMark.gap + (CARD.badge.step - CARD.badge.width));
    if (marks.likelihood) add(rowTextWidth(marks.likelihood), CARD.rowText.gap);
    if (marks.value) add(rowTextWidth(marks.value), CARD.rowText.gap);
  }
  return Math.ceil(w);
}

/** The card input for a node in a laid-out box (the box's wrapped lines, or the title when the box has none). */
export function cardInput(
  node: Pick<ScenarioNode, 'kind' | 'title' | (typeof BADGES)[number]['field']>,
  box: { width: number; height: number; lines?: readonly string[] },
  stance: Stance,
  weak: Weakness | null,
  toggle: CardInput['toggle'],
  marks?: Pick<CardMarks, 'likelihood' | 'value'> & Pick<CardInput, 'split' | 'talk'>,
): CardInput {
  const lines = box.lines && box.lines.length > 0 ? box.lines : [node.title];
  return {
    kind: node.kind,
    width: box.width,
    height: box.height,
    lines,
    counts: badgeCounts(node),
    stance,
    weak,
    toggle,
    likelihood: marks?.likelihood ?? null,
    value: marks?.value ?? null,
    split: marks?.split ?? null,
    talk: marks?.talk ?? 0,
  };
}

/** Whether a card has its bottom row: badges, or a stance, likelihood or value to show. */
export function hasRow(c: Pick<CardInput, 'counts' | 'stance' | 'likelihood' | 'value'>): boolean {
  return c.counts.some((x) => x.n > 0) || c.stance !== 'open' || !!c.likelihood || !!c.value;
}

/** Where the parts of a card sit (card coordinates): what both painters must agree on. */
export interface CardGeometry {
  width: number;
  height: number;
  label: { x: number; y: number; lines: number };
  badges: Array<{ key: BadgeKey; x: number; y: number; width: number; height: number }>;
  stanceMark: { x: number; y: number; text: string; width: number } | null;
  /** The likelihood and the value in the bottom row. */
  rowTexts: Array<{ kind: 'likelihood' | 'value'; x: number; y: number; text: string; width: number }>;
  weakMark: { x: number; y: number } | null;
  toggle: { cx: number; cy: number; r: number } | null;
}

export function cardGeometry(c: CardInput): CardGeometry {
  const shown = c.counts.filter((x) => x.n > 0);
  const rowY = c.height - CARD.badgeRowOffset;
  // The row, left to right: badges, the stance mark (in words when the rest still fits), the likelihood, the value.
  let x = CARD.padX + shown.length * CARD.badge.step;
  const rest = [c.likelihood, c.value].filter((t): t is string => !!t);
  const restWidth = rest.reduce((w, t) => w + CARD.rowText.gap + rowTextWidth(t), 0);
  let stanceMark: CardGeometry['stanceMark'] = null;
  if (c.stance !== 'open') {
    const sx = shown.length > 0 ? x + CARD.stanceMark.gap : CARD.padX;
    const room = c.width - CARD.padX - sx - restWidth;
    const full = stanceMarkText(c.stance);
    const text = stanceMarkWidth(full) <= room ? full : stanceMarkText(c.stance, true);
    stanceMark = { x: sx, y: rowY + CARD.stanceMark.y, text, width: stanceMarkWidth(text) };
    x = sx + stanceMark.width;
  } else if (shown.length > 0) x -= CARD.badge.step - CARD.badge.width;
  else x = CARD.padX - CARD.rowText.gap;
  const rowTexts: CardGeometry['rowTexts'] = [];
  for (const [kind, text] of [['likelihood', c.likelihood], ['value', c.value]] as const) {
    if (!text) continue;
    const tx = x + CARD.rowText.gap;
    const width = rowTextWidth(text);
    rowTexts.push({ kind, x: tx, y: rowY + CARD.rowText.y, text, width });
    x = tx + width;
  }
  return {
    rowTexts,
    width: c.width,
    height: c.height,
    label: { x: CARD.padX, y: CARD.padY + CARD.baseline, lines: c.lines.length },
    badges: shown.map((b, i) => ({ key: b.key, x: CARD.padX + i * CARD.badge.step, y: rowY, width: CARD.badge.width, height: CARD.badge.height })),
    stanceMark,
    weakMark: c.weak === 'broken' ? { x: c.width - CARD.weakMark.inset, y: CARD.weakMark.y } : null,
    toggle: c.toggle ? { cx: c.width, cy: c.height / 2, r: CARD.toggleRadius } : null,
  };
}

/** The card as SVG elements, in card coordinates (the top-left corner of its body at 0,0). */
export function cardElements(c: CardInput): SvgEl[] {
  const g = cardGeometry(c);
  const kind = KIND_STYLE[c.kind];
  const stance = STANCE_STYLE[c.stance];
  const out: SvgEl[] = [];
  const glyph = glyphElement(c.kind, -CARD.glyphGap - CARD.glyphSize, c.height / 2 - CARD.glyphSize / 2);
  if (glyph) out.push(glyph);
  out.push(el('rect', { className: 'card', width: c.width, height: c.height, rx: kind.radius, ...paintAttrs(cardPaint(c.kind, c.stance, c.weak)) }, undefined, 'body'));
  if (kind.stripe) out.push(el('rect', { className: 'option-stripe', width: CARD.stripeWidth, height: c.height, rx: 2, fill: kind.colour }, undefined, 'stripe'));

  const label: Record<string, string | number> = { className: 'label', x: g.label.x, y: g.label.y, fontSize: CARD.fontSize, fill: stance.labelFill };
  if (kind.bold) label.fontWeight = 700;
  if (stance.strike) label.textDecoration = 'line-through';
  out.push(
    el(
      'text',
      label,
      // A space ends every line but the last, so the text reads as the title (accessible-name checks, copy and paste).
      c.lines.map((line, i) =>
        el('tspan', i === 0 ? { x: g.label.x } : { x: g.label.x, dy: CARD.lineHeight }, [i < c.lines.length - 1 ? `${line} ` : line]),
      ),
      'label',
    ),
  );

  if (g.badges.length > 0 || g.stanceMark || g.rowTexts.length > 0) {
    const rowY = c.height - CARD.badgeRowOffset;
    const row: SvgEl[] = g.badges.map((b) => {
      const n = c.counts.find((x) => x.key === b.key)!.n;
      const chip = badgeElement(b.key, `${b.key}${n}`);
      return { ...chip, attrs: { ...chip.attrs, transform: `translate(${b.x - CARD.padX}, 0)` } };
    });
    for (const t of g.rowTexts) {
      const m = CARD.rowText;
      row.push(
        el('text', { className: `row-mark row-mark-${t.kind}`, x: t.x - CARD.padX, y: m.y, fontSize: m.fontSize, fontWeight: m.fontWeight, fill: t.kind === 'value' ? PALETTE.decision : PALETTE.ink2 }, [t.text], 'stance'),
      );
    }
    if (g.stanceMark && c.stance !== 'open') {
      const m = CARD.stanceMark;
      row.push(
        el(
          'text',
          { className: `stance-mark stance-mark-${c.stance}`, x: g.stanceMark.x - CARD.padX, y: m.y, fontSize: m.fontSize, fontWeight: m.fontWeight, fill: stance.mark!.colour },
          [g.stanceMark.text],
          'stance',
        ),
      );
    }
    out.push(el('g', { className: 'badges', transform: `translate(${CARD.padX}, ${rowY})`, 'aria-hidden': 'true' }, row, 'badges'));
  }
  if (g.weakMark) {
    const w = CARD.weakMark;
    out.push(
      el('text', { className: 'weak-mark', x: g.weakMark.x, y: g.weakMark.y, textAnchor: 'end', fontSize: w.fontSize, fill: PALETTE.broken, 'aria-hidden': 'true' }, [WEAK_MARK], 'weak'),
    );
  }
  if (c.split) out.push({ ...splitMarkElement(c.split), attrs: { ...splitMarkElement(c.split).attrs, transform: `translate(${CARD.padX}, ${-CARD.splitMark.height / 2})` } });
  // Open threads: on the top edge too, after the disagreement mark when there is one.
  if (c.talk && c.talk > 0) out.push(talkMarkElement(c.talk, c.split ? CARD.padX + splitMarkWidth(c.split) + TALK_MARK.gap : TALK_MARK.x, TALK_MARK.y));
  if (g.toggle) {
    out.push(
      el(
        'g',
        { className: 'toggle', transform: `translate(${g.toggle.cx}, ${g.toggle.cy})`, 'aria-hidden': 'true' },
        [
          el('circle', { r: g.toggle.r, fill: PALETTE.paper, stroke: PALETTE.toggleStroke, strokeWidth: 1.2 }),
          el('path', { d: c.toggle === 'expanded' ? 'M-4,0 H4' : 'M-4,0 H4 M0,-4 V4', fill: 'none', stroke: PALETTE.ink2, strokeWidth: 1.6 }),
        ],
        'toggle',
      ),
    );
  }
  return out;
}

/** The disagreement mark at the origin (a pill with its word), for the card and the legend. */
export function splitMarkElement(level: SplitLevel): SvgEl {
  const m = CARD.splitMark;
  const st = SPLIT_STYLE[level];
  const w = splitMarkWidth(level);
  const pill: Record<string, string | number> = { width: w, height: m.height, rx: m.rx, fill: st.fill, stroke: st.stroke, strokeWidth: 1 };
  if (st.dash) pill.strokeDasharray = st.dash;
  return el(
    'g',
    { className: `split-mark split-${level}`, 'aria-hidden': 'true' },
    [
      el('rect', pill),
      el('text', { x: w / 2, y: m.height / 2 + m.fontSize * 0.36, textAnchor: 'middle', fontSize: m.fontSize, fontWeight: 700, letterSpacing: 0.4, fill: st.ink }, [SPLIT_MARK_WORD[level].toUpperCase()]),
    ],
    'split',
  );
}

// ---------------------------------------------------------------- discussion

/**
 * The open-threads mark (lib/team/comments): a speech bubble with the count,
 * astride the card's top edge near its left corner, `gap` px after the
 * disagreement mark when there is one. It lies outside the card's layout (it
 * widens nothing). Part of the card: the exported picture shows it as the live
 * tree does (its legend always listed it; the snapshot inside carries the threads).
 */
export const TALK_MARK = { x: 8, y: -9, gap: 4, width: 24, height: 14, rx: 4, tail: 4, fontSize: 9.5, colour: PALETTE.talk } as const;

export function talkMarkElement(n: number, x: number = TALK_MARK.x, y: number = TALK_MARK.y): SvgEl {
  const m = TALK_MARK;
  const text = n > 99 ? '99+' : String(n);
  const w = Math.max(m.width, Math.ceil(textWidth(text, m.fontSize, 1.1)) + 14);
  const h = m.height;
  // A rounded box with a small tail at the bottom left.
  const d = `M${m.rx},0 H${w - m.rx} Q${w},0 ${w},${m.rx} V${h - m.rx} Q${w},${h} ${w - m.rx},${h} H${8} L${4},${h + m.tail} L${4},${h} H${m.rx} Q0,${h} 0,${h - m.rx} V${m.rx} Q0,0 ${m.rx},0 Z`;
  return el('g', { className: 'talk-mark', transform: `translate(${x}, ${y})`, 'aria-hidden': 'true' }, [
    el('path', { d, fill: m.colour, stroke: PALETTE.paper, strokeWidth: 1.2 }),
    el('text', { x: w / 2, y: h / 2 + m.fontSize / 2 - 1.5, textAnchor: 'middle', fontSize: m.fontSize, fontWeight: 700, fill: PALETTE.paper }, [text]),
  ]);
}
