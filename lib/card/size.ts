/**
 * The size of a node's card: its whole title wrapped in the card font (bold
 * for decisions and options), the padding, the room kept for the toggle, and
 * a bottom row wide enough for its badges and marks (stance, likelihood,
 * analysis value). The live tree and the export lay out with these sizes, so
 * both are given the same marks (`cardMarksOf`).
 */
import type { ScenarioNode } from '@/lib/model/schema';
import { own, type Annotations } from '@/lib/annotations/types';
import type { Solution } from '@/lib/analysis/rollback';
import { clearLabelCaches, createLabelMeasurer, type LabelBox } from '@/lib/tree/labels';
import type { NodeSize } from '@/lib/tree/layout';
import { analysisMarkText, likelihoodMark } from '@/lib/messages/card';
import { CARD, KIND_STYLE, badgeKinds, minWidthForBadges, rowWidth, type CardMarks } from './card';

/** A node's marks, or undefined when it has none (an open stance, no likelihood, no value). */
export type MarksOf = (id: string) => CardMarks | undefined;

/**
 * The size of `node`'s card around its measured title: wide enough for the
 * title, the toggle and the bottom row; tall enough for the lines and the row.
 * Without marks to go by (`withMarks` false), room for a short stance mark
 * beside the badges (the older sizing).
 */
export function cardSize(node: ScenarioNode, measured: LabelBox, withMarks: boolean, marks: CardMarks | undefined): NodeSize {
  const badges = badgeKinds(node);
  const row = withMarks ? rowWidth(badges, marks) : 0;
  const hasRow = badges > 0 || row > 0;
  return {
    width: Math.max(withMarks ? CARD.minWidth : minWidthForBadges(badges), Math.ceil(measured.width) + 2 * CARD.padX + CARD.toggleRoom, row + 2 * CARD.padX),
    height: measured.height + 2 * CARD.padY + (hasRow ? CARD.badgeRowHeight : 0),
    lines: measured.lines,
    truncated: measured.truncated,
  };
}

/** A node's last card size, with what it was computed from. */
interface SizeEntry {
  /** The node object sized: a document's nodes are never changed in place (an edit makes a new object). */
  node: ScenarioNode;
  maxWidth: number;
  /** Whether marks were given at all (the older sizing keeps room for a stance mark instead). */
  withMarks: boolean;
  stance: CardMarks['stance'] | undefined;
  likelihood: string | null | undefined;
  value: string | null | undefined;
  size: NodeSize;
}

/**
 * The last size of each node id, kept while it is for the same node object, the same width and the same marks.
 * By id rather than in a WeakMap by node: a node object's first use as a WeakMap key gives it an identity hash
 * (an allocation per node), which made sizing 10,000 nodes for the first time markedly slower.
 */
let sized = new Map<string, SizeEntry>();
/** More entries than this (ids of documents no longer open) and the sizes start again: a bound on memory. */
const SIZED_LIMIT = 200_000;

/** Forgets every card size and label measurement kept (for benchmarks that time sizing from nothing). */
export function clearCardSizes(): void {
  sized = new Map();
  clearLabelCaches();
}

export function createCardSizer(maxWidth: number = CARD.maxLabelWidth, marksOf?: MarksOf): (node: ScenarioNode) => NodeSize {
  const label = { fontSize: CARD.fontSize, lineHeight: CARD.lineHeight, maxWidth, maxLines: CARD.maxLines };
  const regular = createLabelMeasurer(label);
  const bold = createLabelMeasurer({ ...label, widthScale: CARD.boldWidthScale });
  const withMarks = marksOf !== undefined;
  return (node) => {
    const marks = marksOf?.(node.id);
    const hit = sized.get(node.id);
    if (
      hit &&
      hit.node === node &&
      hit.maxWidth === maxWidth &&
      hit.withMarks === withMarks &&
      hit.stance === marks?.stance &&
      hit.likelihood === marks?.likelihood &&
      hit.value === marks?.value
    ) {
      return hit.size;
    }
    const size = cardSize(node, KIND_STYLE[node.kind].bold ? bold(node.title) : regular(node.title), withMarks, marks);
    if (sized.size >= SIZED_LIMIT && !hit) sized = new Map();
    sized.set(node.id, { node, maxWidth, withMarks, stance: marks?.stance, likelihood: marks?.likelihood, value: marks?.value, size });
    return size;
  };
}

export interface CardMarksIndex {
  marksOf: MarksOf;
  /** Equal keys, equal marks: a change elsewhere in the annotations (a note being typed) keeps the layout. */
  key: string;
}

/** The marks of every node, from the analyst's annotations and the analysis solution (null when there is none). */
export function cardMarksOf(annotations: Annotations, solution: Pick<Solution, 'values' | 'probability'> | null): CardMarksIndex {
  const map = new Map<string, CardMarks>();
  const keyParts: string[] = [];
  for (const id of Object.keys(annotations.nodes)) {
    const a = own(annotations.nodes, id);
    if (!a) continue;
    const stance = a.stance ?? 'open';
    const likelihood = a.likelihood ? likelihoodMark(a.likelihood) : null;
    if (stance === 'open' && !likelihood) continue;
    map.set(id, { stance, likelihood, value: null });
  }
  if (solution) {
    for (const id of solution.values.keys()) {
      const value = analysisMarkText(solution, id);
      const m = map.get(id);
      if (m) m.value = value;
      else map.set(id, { stance: 'open', likelihood: null, value });
    }
  }
  for (const [id, m] of map) keyParts.push(`${id}\u0000${m.stance}\u0000${m.likelihood ?? ''}\u0000${m.value ?? ''}`);
  keyParts.sort();
  return { marksOf: (id) => map.get(id), key: keyParts.join('\u0001') };
}
