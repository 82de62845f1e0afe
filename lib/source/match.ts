/**
 * Finding a quote in a source text, and the QUOTE CHECK: is a quote exactly in
 * the source (under the normalisation of ./text), in the paragraph it cites?
 * If not, which passage is nearest?
 *
 * The nearest passage is found by a semi-global alignment of WORDS (Sellers'
 * approximate substring matching): the quote's words are aligned against any
 * run of a paragraph's words, the run's ends being free. Dropping or adding a
 * word costs 1; putting one word for another costs 0.9 × their character
 * edit distance ÷ the longer word's length (so a typo costs little, and a
 * replaced word always costs less than a dropped one plus an added one).
 * Similarity is 1 − cost ÷ the larger word count of the quote and the passage.
 */
import { foldChar, normalise, originalSpan, sourceParagraphs } from './text';

/** A span of a paragraph's original text: `paragraph` is 1-based, [start, end) are character offsets in it. */
export interface Span {
  paragraph: number;
  start: number;
  end: number;
}

export interface NearPassage extends Span {
  /** 0 (nothing alike) to 1 (the same words). */
  similarity: number;
  /** The passage in the source's own words. */
  text: string;
}

export type QuoteCheck =
  /** The quote is in the source. `match` is in the cited paragraph when it is there; `elsewhere` when it is not. */
  | { status: 'exact'; match: Span; elsewhere: boolean; /** The source's characters equal the quote's (no typography folded). */ identical: boolean; text: string }
  /** Not in the source; the nearest passage (at least MIN_SIMILARITY alike). */
  | { status: 'near'; nearest: NearPassage }
  /** Not in the source and nothing close to it. */
  | { status: 'none' }
  /** The source has no text to check against. */
  | { status: 'no-text' };

/** Below this similarity a passage is not offered as the one meant. */
export const MIN_SIMILARITY = 0.5;
/** With more paragraphs than this, only the cited one and those sharing most words with the quote are aligned. */
export const MAX_ALIGNED_PARAGRAPHS = 40;

const INDEL = 1;
const SUBSTITUTE = 0.9;

/** Every occurrence of `quote` in one paragraph (normalised comparison), as original spans, left to right (overlaps included). */
export function findInParagraph(paragraphText: string, quote: string): Array<{ start: number; end: number }> {
  const q = normalise(quote).text;
  if (q === '') return [];
  const p = normalise(paragraphText);
  const out: Array<{ start: number; end: number }> = [];
  for (let i = p.text.indexOf(q); i >= 0; i = p.text.indexOf(q, i + 1)) out.push(originalSpan(p, i, i + q.length));
  return out;
}

/** Every occurrence of `quote` in a source's paragraphs, by paragraph order. */
export function findQuote(paragraphs: readonly string[], quote: string): Span[] {
  const out: Span[] = [];
  paragraphs.forEach((text, i) => {
    for (const s of findInParagraph(text, quote)) out.push({ paragraph: i + 1, ...s });
  });
  return out;
}

// ------------------------------------------------------------ alignment

interface Word {
  /** Folded form compared. */
  w: string;
  start: number;
  end: number;
}

/** Maximal runs of non-space characters, with their offsets. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ w: [...m[0]].map(foldChar).join(''), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Character edit distance (Levenshtein). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The cost of putting word `b` where the quote has word `a`. */
export function substituteCost(a: string, b: string): number {
  if (a === b) return 0;
  return (SUBSTITUTE * editDistance(a, b)) / Math.max(a.length, b.length);
}

/** Global alignment cost of two word lists (the oracle's building block, and the definition the search minimises). */
export function alignmentCost(q: readonly string[], p: readonly string[]): number {
  let prev = Array.from({ length: p.length + 1 }, (_, j) => j * INDEL);
  for (let i = 1; i <= q.length; i++) {
    const cur = [i * INDEL];
    for (let j = 1; j <= p.length; j++) cur[j] = Math.min(prev[j]! + INDEL, cur[j - 1]! + INDEL, prev[j - 1]! + substituteCost(q[i - 1]!, p[j - 1]!));
    prev = cur;
  }
  return prev[p.length]!;
}

export interface WordSpan {
  /** Word indexes [from, to) of the paragraph. */
  from: number;
  to: number;
  cost: number;
}

const EPS = 1e-9;

/**
 * The run of paragraph words nearest the quote's words: least alignment cost;
 * among equal costs, the run whose length is closest to the quote's, then the
 * earliest. Semi-global dynamic programming, O(quote × paragraph) cells, each
 * remembering where its run starts.
 */
export function nearestRun(q: readonly string[], p: readonly string[]): WordSpan | null {
  if (!q.length || !p.length) return null;
  const m = q.length;
  // Row i: cost and start of the best alignment of q[0..i) ending before paragraph word j.
  let cost = new Float64Array(p.length + 1);
  let from = Int32Array.from({ length: p.length + 1 }, (_, j) => j);
  const better = (c: number, s: number, j: number, i: number, bc: number, bs: number) =>
    c < bc - EPS || (c < bc + EPS && Math.abs(j - s - i) < Math.abs(j - bs - i)) || (c < bc + EPS && Math.abs(j - s - i) === Math.abs(j - bs - i) && s < bs);
  for (let i = 1; i <= m; i++) {
    const nc = new Float64Array(p.length + 1);
    const nf = new Int32Array(p.length + 1);
    nc[0] = i * INDEL;
    nf[0] = 0;
    for (let j = 1; j <= p.length; j++) {
      // Substitute (or match), drop the quote's word, add a paragraph word.
      let bc = cost[j - 1]! + substituteCost(q[i - 1]!, p[j - 1]!);
      let bs = from[j - 1]!;
      const c2 = cost[j]! + INDEL;
      if (better(c2, from[j]!, j, i, bc, bs)) [bc, bs] = [c2, from[j]!];
      const c3 = nc[j - 1]! + INDEL;
      if (better(c3, nf[j - 1]!, j, i, bc, bs)) [bc, bs] = [c3, nf[j - 1]!];
      nc[j] = bc;
      nf[j] = bs;
    }
    cost = nc;
    from = nf;
  }
  let best: WordSpan | null = null;
  for (let j = 1; j <= p.length; j++) {
    const c = cost[j]!;
    const s = from[j]!;
    if (s >= j) continue; // an empty run
    if (
      !best ||
      c < best.cost - EPS ||
      (c < best.cost + EPS && (Math.abs(j - s - m) < Math.abs(best.to - best.from - m) || (Math.abs(j - s - m) === Math.abs(best.to - best.from - m) && s < best.from)))
    )
      best = { from: s, to: j, cost: c };
  }
  return best;
}

/** Similarity of a quote of `m` words to a run of `n` words at alignment cost `cost`. */
export function similarityOf(cost: number, m: number, n: number): number {
  return Math.max(0, Math.min(1, 1 - cost / Math.max(m, n, 1)));
}

/** How many of the quote's distinct words a paragraph holds (to choose which paragraphs to align in a long source). */
function sharedWords(q: ReadonlySet<string>, p: readonly Word[]): number {
  const seen = new Set<string>();
  for (const w of p) if (q.has(w.w)) seen.add(w.w);
  return seen.size;
}

/** The passage of the source nearest the quote; ties go to the cited paragraph, then the earliest. */
export function nearestPassage(paragraphs: readonly string[], quote: string, cited?: number): NearPassage | null {
  const q = words(quote).map((w) => w.w);
  if (!q.length) return null;
  const split = paragraphs.map(words);
  let order = split.map((_, i) => i);
  if (order.length > MAX_ALIGNED_PARAGRAPHS) {
    const qs = new Set(q);
    const score = split.map((p) => sharedWords(qs, p));
    order = [...order].sort((a, b) => score[b]! - score[a]! || a - b).slice(0, MAX_ALIGNED_PARAGRAPHS);
    if (cited !== undefined && cited >= 1 && cited <= paragraphs.length && !order.includes(cited - 1)) order.push(cited - 1);
  }
  // The cited paragraph first, so that it wins ties.
  if (cited !== undefined) order.sort((a, b) => (a === cited - 1 ? -1 : b === cited - 1 ? 1 : a - b));
  else order.sort((a, b) => a - b);
  let best: NearPassage | null = null;
  for (const i of order) {
    const p = split[i]!;
    const run = nearestRun(
      q,
      p.map((w) => w.w),
    );
    if (!run) continue;
    const similarity = similarityOf(run.cost, q.length, run.to - run.from);
    if (best && similarity <= best.similarity + EPS) continue;
    const start = p[run.from]!.start;
    const end = p[run.to - 1]!.end;
    best = { paragraph: i + 1, start, end, similarity, text: paragraphs[i]!.slice(start, end) };
  }
  return best;
}

/**
 * The quote check. `text` undefined (or blank) means the source has no text.
 * Exact: the occurrence in the cited paragraph if there is one, else the first
 * (then `elsewhere`). Otherwise the nearest passage if it is alike enough.
 */
export function checkQuote(text: string | undefined, quote: string, cited?: number): QuoteCheck {
  if (text === undefined || text.trim() === '') return { status: 'no-text' };
  const paragraphs = sourceParagraphs(text);
  const all = findQuote(paragraphs, quote);
  if (all.length) {
    const match = all.find((s) => s.paragraph === cited) ?? all[0]!;
    const words = paragraphs[match.paragraph - 1]!.slice(match.start, match.end);
    return { status: 'exact', match, elsewhere: cited !== undefined && match.paragraph !== cited, identical: words === quote.trim(), text: words };
  }
  const nearest = nearestPassage(paragraphs, quote, cited);
  return nearest && nearest.similarity >= MIN_SIMILARITY ? { status: 'near', nearest } : { status: 'none' };
}

/** What to save for a quote the analyst wrote: an exact one in the source's own characters and paragraph; anything else as written. */
export function settleQuote(c: QuoteCheck, quote: string, paragraph: number): { quote: string; paragraph: number } {
  return c.status === 'exact' ? { quote: c.text, paragraph: c.match.paragraph } : { quote: quote.trim(), paragraph };
}
