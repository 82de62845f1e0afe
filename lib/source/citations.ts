/**
 * Which parts of the scenario cite which paragraph of a source: for each
 * paragraph, the evidence quotes it holds (with where each stands in the
 * paragraph's text) and the branches, assumptions, risks, indicators and
 * context items that cite those quotes (records link evidence by
 * `evidenceIds`). And the cutting of a paragraph into marked and unmarked
 * pieces for display. Pure.
 */
import type { Evidence, Scenario } from '@/lib/model/schema';
import { sourceParagraphs } from './text';
import { findInParagraph } from './match';

export const CITER_KINDS = ['nodes', 'assumptions', 'risks', 'indicators', 'context'] as const;
export type CiterKind = (typeof CITER_KINDS)[number];

/** A record that cites evidence: its kind, id and own words (a title or statement). */
export interface Citer {
  kind: CiterKind;
  id: string;
  label: string;
}

export interface CitedQuote {
  evidence: Evidence;
  /** Where the quote stands in the paragraph's text (empty when it does not match it). */
  spans: Array<{ start: number; end: number }>;
  citers: Citer[];
}

export interface ParagraphCitations {
  /** 1-based. */
  paragraph: number;
  quotes: CitedQuote[];
  /** Every record citing a quote of the paragraph, once, by kind then scenario order. */
  citers: Citer[];
}

/** evidence id -> the records citing it, by kind then scenario order. */
export function citersByEvidence(s: Scenario): Map<string, Citer[]> {
  const out = new Map<string, Citer[]>();
  const add = (kind: CiterKind, id: string, label: string, ids: readonly string[]) => {
    for (const e of new Set(ids)) {
      let l = out.get(e);
      if (!l) out.set(e, (l = []));
      l.push({ kind, id, label });
    }
  };
  for (const n of s.nodes) add('nodes', n.id, n.title, n.evidenceIds);
  for (const a of s.assumptions) add('assumptions', a.id, a.statement, a.evidenceIds);
  for (const r of s.risks) add('risks', r.id, r.statement, r.evidenceIds);
  for (const i of s.indicators) add('indicators', i.id, i.statement, i.evidenceIds);
  for (const c of s.context) add('context', c.id, c.title, c.evidenceIds);
  return out;
}

/**
 * The citations of each paragraph of one source (by its cited `paragraph`
 * number), for the paragraphs that have any. `paragraphs` defaults to the
 * source's own text.
 */
export function citationIndex(s: Scenario, sourceId: string, paragraphs?: readonly string[]): Map<number, ParagraphCitations> {
  const paras = paragraphs ?? sourceParagraphs(s.sources.find((x) => x.id === sourceId)?.text ?? '');
  const citers = citersByEvidence(s);
  const out = new Map<number, ParagraphCitations>();
  for (const e of s.evidence) {
    if (e.sourceId !== sourceId) continue;
    let entry = out.get(e.paragraph);
    if (!entry) out.set(e.paragraph, (entry = { paragraph: e.paragraph, quotes: [], citers: [] }));
    const text = paras[e.paragraph - 1];
    entry.quotes.push({ evidence: e, spans: text === undefined ? [] : findInParagraph(text, e.quote), citers: citers.get(e.id) ?? [] });
  }
  const rank = (c: Citer) => CITER_KINDS.indexOf(c.kind);
  for (const entry of out.values()) {
    const seen = new Map<string, Citer>();
    for (const q of entry.quotes) for (const c of q.citers) seen.set(`${c.kind}:${c.id}`, c);
    entry.citers = [...seen.values()].sort((a, b) => rank(a) - rank(b) || indexIn(s, a) - indexIn(s, b));
  }
  return out;
}

function indexIn(s: Scenario, c: Citer): number {
  const list: ReadonlyArray<{ id: string }> = s[c.kind];
  return list.findIndex((x) => x.id === c.id);
}

export interface Mark {
  start: number;
  end: number;
  id: string;
}

export interface Segment {
  start: number;
  text: string;
  /** The marks covering this piece (empty: plain text). */
  ids: string[];
}

/** Cuts `text` at every mark's ends: pieces in order, each with the marks covering it; their texts join to `text`. */
export function segments(text: string, marks: readonly Mark[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const valid = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const start = at[i]!;
    const end = at[i + 1]!;
    out.push({ start, text: text.slice(start, end), ids: valid.filter((m) => m.start <= start && m.end >= end).map((m) => m.id) });
  }
  return out;
}
