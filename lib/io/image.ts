/**
 * The tree as a standalone SVG picture: the cards, kind glyphs, links,
 * badges, stance marks and broken-assumption marks drawn as in the live tree
 * (components/tree/TreeNode.tsx and app/globals.css), for the nodes laid out
 * now (the expanded ones), with a title line and a small legend.
 *
 * Pure: a string in, a string out. No DOM, no network: system fonts only
 * (Arial / Helvetica / Liberation Sans, the metrics the layout measured
 * with), colours as presentation attributes, no external references. All
 * user text is XML-escaped, and characters XML 1.0 cannot hold are replaced,
 * so a hostile title can neither inject markup nor break the document.
 * Loops only.
 */
import type { Scenario, ScenarioNode } from '@/lib/model/schema';
import { own, type Annotations } from '@/lib/annotations/types';
import { isBreaking, type Stance } from '@/lib/annotations/vocab';
import type { LayoutBox, LayoutLink, TreeLayout } from '@/lib/tree/layout';
import { CARD_PAD_X, CARD_PAD_Y, LABEL_FONT_SIZE, LABEL_LINE_HEIGHT } from '@/lib/tree/sizing';

export const IMAGE_FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif";

export interface RenderTreeSvgInput {
  scenario: Scenario;
  annotations: Annotations;
  layout: TreeLayout;
  /** The title line (usually the scenario title). */
  title: string;
  /** A smaller line under the title, e.g. "Exported 24 Nov 2026". Optional. */
  subtitle?: string;
}

/** Colours of the live tree (app/globals.css). */
const C = {
  ink: '#1b2430',
  ink2: '#46505e',
  ink3: '#5f6b7a',
  paper: '#ffffff',
  canvas: '#f5f7fa',
  line: '#d5dbe3',
  link: '#a9b4c2',
  cardStroke: '#b8c2cf',
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
  badge: '#eef1f5',
  toggleStroke: '#8a96a6',
} as const;

const MARGIN = 24;
/** Room left of a card for its kind glyph. */
const GLYPH_ROOM = 22;
/** Room right of a card for its expand/collapse toggle. */
const TOGGLE_ROOM = 12;
const TITLE_BLOCK = 56;
const TITLE_BLOCK_NO_SUBTITLE = 40;
const LEGEND_BLOCK = 44;
const MIN_WIDTH = 720;

/** Characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, and astral characters as proper pairs. */
function xmlSafe(text: string): string {
  let out = '';
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let ok: boolean;
    let width = 1;
    if (c >= 0x20 && c < 0xd800) ok = true;
    else if (c === 0x09 || c === 0x0a || c === 0x0d) ok = true;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      ok = d >= 0xdc00 && d <= 0xdfff;
      if (ok) width = 2;
    } else if (c >= 0xdc00 && c <= 0xdfff) ok = false;
    else ok = c >= 0xe000 && c <= 0xfffd;
    if (!ok) {
      out += `${text.slice(start, i)}\ufffd`;
      start = i + 1;
    } else if (width === 2) i++;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** Escapes text for use in XML character data and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return xmlSafe(String(text))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A number for an attribute: finite, at most two decimals. */
function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

function linkPath(l: LayoutLink): string {
  const mx = (l.x1 + l.x2) / 2;
  return `M${num(l.x1)},${num(l.y1)} C${num(mx)},${num(l.y1)} ${num(mx)},${num(l.y2)} ${num(l.x2 - 18)},${num(l.y2)} L${num(l.x2)},${num(l.y2)}`;
}

function glyph(kind: ScenarioNode['kind'], h: number): string {
  const cy = h / 2;
  const s = 12;
  switch (kind) {
    case 'decision':
      return `<rect x="${num(-s - 6)}" y="${num(cy - s / 2)}" width="${s}" height="${s}" fill="${C.decision}"/>`;
    case 'chance':
      return `<circle cx="${num(-6 - s / 2)}" cy="${num(cy)}" r="${s / 2}" fill="${C.chance}"/>`;
    case 'outcome':
      return `<path d="M${num(-6 - s)},${num(cy)} L-6,${num(cy - s / 2)} L-6,${num(cy + s / 2)} Z" fill="${C.outcome}"/>`;
    default:
      return '';
  }
}

interface CardStyle {
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash: string | null;
}

function cardStyle(kind: ScenarioNode['kind'], stance: Stance, weak: 'broken' | 'affected' | null): CardStyle {
  const s: CardStyle = { fill: C.paper, stroke: C.cardStroke, strokeWidth: 1.2, dash: null };
  if (kind === 'decision') {
    s.stroke = C.decision;
    s.strokeWidth = 2;
  } else if (kind === 'option') {
    s.stroke = C.option;
    s.strokeWidth = 1.6;
  } else if (kind === 'chance') s.stroke = C.chance;
  else if (kind === 'outcome') s.stroke = C.outcome;
  if (stance === 'favoured') s.fill = '#effaf3';
  else if (stance === 'needs-work') s.fill = '#fff8eb';
  else if (stance === 'rejected') {
    s.fill = '#f3f4f6';
    s.dash = '5 3';
  }
  if (weak === 'broken') {
    s.stroke = C.broken;
    s.strokeWidth = 2.5;
    s.dash = '6 3';
    s.fill = '#fff1f1';
  } else if (weak === 'affected') {
    s.stroke = C.affected;
    s.dash = '3 3';
  }
  return s;
}

const STANCE_MARK: Record<Exclude<Stance, 'open'>, { text: string; fill: string }> = {
  favoured: { text: '★ favoured', fill: C.favoured },
  rejected: { text: '✕ rejected', fill: C.rejected },
  'needs-work': { text: '… needs work', fill: C.needsWork },
};

const BADGES = [
  { k: 'A', key: 'assumptionIds', fill: C.assume },
  { k: 'R', key: 'riskIds', fill: C.risk },
  { k: 'I', key: 'indicatorIds', fill: C.indic },
  { k: 'Q', key: 'evidenceIds', fill: C.quote },
] as const;

function card(
  out: string[],
  box: LayoutBox,
  node: ScenarioNode,
  stance: Stance,
  weak: 'broken' | 'affected' | null,
  toggle: 'expanded' | 'collapsed' | null,
): void {
  const st = cardStyle(node.kind, stance, weak);
  const bold = node.kind === 'decision' || node.kind === 'option';
  out.push(`<g transform="translate(${num(box.x)},${num(box.y)})">`);
  out.push(`<title>${escapeXml(node.title)}</title>`);
  out.push(glyph(node.kind, box.height));
  out.push(
    `<rect width="${num(box.width)}" height="${num(box.height)}" rx="${node.kind === 'option' ? 10 : 4}" fill="${st.fill}" stroke="${st.stroke}" stroke-width="${st.strokeWidth}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`,
  );
  if (node.kind === 'option') out.push(`<rect width="5" height="${num(box.height)}" rx="2" fill="${C.option}"/>`);

  const lines = box.lines.length > 0 ? box.lines : [node.title];
  const rejected = stance === 'rejected';
  out.push(
    `<text x="${CARD_PAD_X}" y="${CARD_PAD_Y + 12}" font-size="${LABEL_FONT_SIZE}"${bold ? ' font-weight="700"' : ''} fill="${rejected ? C.ink3 : C.ink}"${rejected ? ' text-decoration="line-through"' : ''}>`,
  );
  for (let i = 0; i < lines.length; i++) {
    out.push(`<tspan x="${CARD_PAD_X}"${i === 0 ? '' : ` dy="${LABEL_LINE_HEIGHT}"`}>${escapeXml(lines[i]!)}</tspan>`);
  }
  out.push('</text>');

  const counts = BADGES.map((b) => ({ ...b, n: node[b.key].length })).filter((b) => b.n > 0);
  if (counts.length > 0) {
    out.push(`<g transform="translate(${CARD_PAD_X},${num(box.height - 16)})">`);
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      out.push(
        `<g transform="translate(${i * 34},0)"><rect width="30" height="12" rx="6" fill="${C.badge}"/><text x="15" y="9.5" text-anchor="middle" font-size="9.5" font-weight="700" fill="${c.fill}">${c.k}${c.n}</text></g>`,
      );
    }
    if (stance !== 'open') {
      const m = STANCE_MARK[stance];
      out.push(`<text x="${counts.length * 34 + 2}" y="10" font-size="10.5" font-weight="600" fill="${m.fill}">${m.text}</text>`);
    }
    out.push('</g>');
  }
  if (weak === 'broken') {
    out.push(`<text x="${num(box.width - 6)}" y="13" text-anchor="end" font-size="13" fill="${C.broken}">⚠</text>`);
  }
  if (toggle) {
    out.push(
      `<g transform="translate(${num(box.width)},${num(box.height / 2)})"><circle r="8" fill="${C.paper}" stroke="${C.toggleStroke}" stroke-width="1.2"/><path d="${toggle === 'expanded' ? 'M-4,0 H4' : 'M-4,0 H4 M0,-4 V4'}" stroke="${C.ink2}" stroke-width="1.6"/></g>`,
    );
  }
  out.push('</g>');
}

function legend(out: string[], x: number, y: number): void {
  const t = (tx: number, text: string) => `<text x="${num(tx)}" y="${num(y + 4)}" font-size="11.5" fill="${C.ink2}">${text}</text>`;
  const parts: string[] = [];
  let cx = x;
  parts.push(`<rect x="${num(cx)}" y="${num(y - 6)}" width="12" height="12" fill="${C.decision}"/>`, t(cx + 17, 'Decision'));
  cx += 80;
  parts.push(`<rect x="${num(cx)}" y="${num(y - 6)}" width="20" height="12" rx="4" fill="${C.paper}" stroke="${C.option}" stroke-width="1.6"/>`, t(cx + 25, 'Option'));
  cx += 78;
  parts.push(`<circle cx="${num(cx + 6)}" cy="${num(y)}" r="6" fill="${C.chance}"/>`, t(cx + 17, 'Chance'));
  cx += 74;
  parts.push(`<path d="M${num(cx)},${num(y)} L${num(cx + 12)},${num(y - 6)} L${num(cx + 12)},${num(y + 6)} Z" fill="${C.outcome}"/>`, t(cx + 17, 'Outcome'));
  cx += 84;
  const chips: Array<[string, string, string]> = [
    ['A', C.assume, 'assumptions'],
    ['R', C.risk, 'risks'],
    ['I', C.indic, 'indicators'],
    ['Q', C.quote, 'quotes'],
  ];
  for (const [k, fill, label] of chips) {
    parts.push(
      `<rect x="${num(cx)}" y="${num(y - 6)}" width="16" height="12" rx="6" fill="${C.badge}"/><text x="${num(cx + 8)}" y="${num(y + 3.5)}" text-anchor="middle" font-size="9.5" font-weight="700" fill="${fill}">${k}</text>`,
      t(cx + 20, label),
    );
    cx += 28 + label.length * 6.2;
  }
  cx += 6;
  parts.push(
    `<rect x="${num(cx)}" y="${num(y - 6)}" width="20" height="12" rx="3" fill="#fff1f1" stroke="${C.broken}" stroke-width="2" stroke-dasharray="4 2"/>`,
    t(cx + 25, '⚠ rests on a broken assumption'),
  );
  cx += 210;
  parts.push(
    `<text x="${num(cx)}" y="${num(y + 4)}" font-size="11.5" font-weight="600" fill="${C.favoured}">★ favoured</text>`,
    `<text x="${num(cx + 74)}" y="${num(y + 4)}" font-size="11.5" font-weight="600" fill="${C.rejected}">✕ rejected</text>`,
    `<text x="${num(cx + 146)}" y="${num(y + 4)}" font-size="11.5" font-weight="600" fill="${C.needsWork}">… needs work</text>`,
  );
  out.push(`<g>${parts.join('')}</g>`);
}

/** Width the legend needs (see `legend`). */
const LEGEND_WIDTH = 80 + 78 + 74 + 84 + (28 + 11 * 6.2) + (28 + 5 * 6.2) + (28 + 10 * 6.2) + (28 + 6 * 6.2) + 6 + 210 + 230;

/** Renders the laid-out tree as a standalone SVG document (UTF-8 text, no XML declaration). */
export function renderTreeSvg(input: RenderTreeSvgInput): string {
  const { scenario, annotations, layout, title, subtitle } = input;
  const byId = new Map<string, ScenarioNode>();
  const children = new Map<string, string[]>();
  for (const n of scenario.nodes) {
    byId.set(n.id, n);
    if (n.parentId !== null) {
      let list = children.get(n.parentId);
      if (!list) children.set(n.parentId, (list = []));
      list.push(n.id);
    }
  }

  // Broken: rests directly on an unsupported/broken assumption; affected: below a broken node.
  const broken = new Set<string>();
  for (const n of scenario.nodes) {
    for (const aid of n.assumptionIds) {
      if (isBreaking(own(annotations.assumptions, aid)?.status)) {
        broken.add(n.id);
        break;
      }
    }
  }
  const affected = new Set<string>();
  for (const id of broken) {
    const stack = [...(children.get(id) ?? [])];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (affected.has(c)) continue;
      if (!broken.has(c)) affected.add(c);
      const kids = children.get(c);
      if (kids) for (const k of kids) stack.push(k);
    }
  }

  const empty = layout.order.length === 0 || !Number.isFinite(layout.bounds.minX);
  const b = empty ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : layout.bounds;
  const treeW = b.maxX - b.minX + GLYPH_ROOM + TOGGLE_ROOM;
  const treeH = b.maxY - b.minY;
  const safeTitle = xmlSafe(String(title));
  const titleWidth = Math.min(safeTitle.length, 300) * 10.5;
  const head = subtitle ? TITLE_BLOCK : TITLE_BLOCK_NO_SUBTITLE;
  const width = Math.ceil(Math.max(MIN_WIDTH, treeW + 2 * MARGIN, titleWidth + 2 * MARGIN, LEGEND_WIDTH + 2 * MARGIN));
  const height = Math.ceil(head + treeH + LEGEND_BLOCK + 2 * MARGIN);
  const tx = MARGIN + GLYPH_ROOM - b.minX;
  const ty = MARGIN + head - b.minY;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(IMAGE_FONT)}" role="img" aria-label="${escapeXml(`Decision tree: ${title}`)}">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="${C.canvas}"/>`);
  out.push(`<text x="${MARGIN}" y="${MARGIN + 18}" font-size="20" font-weight="700" fill="${C.ink}">${escapeXml(title)}</text>`);
  if (subtitle) out.push(`<text x="${MARGIN}" y="${MARGIN + 38}" font-size="12.5" fill="${C.ink3}">${escapeXml(subtitle)}</text>`);

  out.push(`<g transform="translate(${num(tx)},${num(ty)})">`);
  out.push(`<g fill="none" stroke="${C.link}" stroke-width="1.4">`);
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
    const kids = children.get(id);
    let toggle: 'expanded' | 'collapsed' | null = null;
    if (kids && kids.length > 0) toggle = layout.boxes.has(kids[0]!) ? 'expanded' : 'collapsed';
    card(out, box, node, stance, weak, toggle);
  }
  out.push('</g>');

  legend(out, MARGIN, height - MARGIN - LEGEND_BLOCK / 2 + 8);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
