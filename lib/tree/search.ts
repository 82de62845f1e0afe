/**
 * Full-text search over a scenario: node titles and summaries, and the
 * statements of assumptions, risks and indicators. Case- and
 * diacritic-insensitive; whole-text and word-prefix matches rank above
 * matches inside a word. Pure, no DOM.
 */
import type { Scenario } from '@/lib/model/schema';
import { indexTree } from '@/lib/model/tree';
import { fold, foldWithMap, isWordStart, mapMatch } from './fold';

export type SearchKind = 'node' | 'assumption' | 'risk' | 'indicator';
export type SearchField = 'title' | 'summary' | 'statement';

export interface SearchResult {
  kind: SearchKind;
  /** Id of the node, assumption, risk or indicator. */
  id: string;
  /** The node to show: the node itself, or the first node (pre-order) that references the item; null if none does. */
  nodeId: string | null;
  field: SearchField;
  /** The full text that matched (original, unfolded). */
  text: string;
  /** Match offset and length in `text` (UTF-16 units). */
  matchStart: number;
  matchLength: number;
  /** Lower is better. */
  score: number;
}

interface Entry {
  kind: SearchKind;
  id: string;
  nodeId: string | null;
  field: SearchField;
  text: string;
  folded: string;
  /** Document order, to break ties. */
  seq: number;
}

export interface SearchIndex {
  entries: Entry[];
}

const FIELD_RANK: Record<SearchField, number> = { title: 0, statement: 1, summary: 2 };

/** Builds the index. Entries follow document order: nodes in pre-order, then assumptions, risks, indicators. */
export function buildSearchIndex(doc: Pick<Scenario, 'nodes' | 'assumptions' | 'risks' | 'indicators'>): SearchIndex {
  const entries: Entry[] = [];
  let seq = 0;
  const add = (kind: SearchKind, id: string, nodeId: string | null, field: SearchField, text: string) => {
    if (!text) return;
    entries.push({ kind, id, nodeId, field, text, folded: fold(text), seq: seq++ });
  };
  let nodes: readonly Scenario['nodes'][number][] = doc.nodes;
  let byAssumption: ReadonlyMap<string, readonly string[]> | undefined;
  let byRisk: ReadonlyMap<string, readonly string[]> | undefined;
  let byIndicator: ReadonlyMap<string, readonly string[]> | undefined;
  try {
    const index = indexTree(doc);
    nodes = index.preorder;
    byAssumption = index.nodesByAssumption;
    byRisk = index.nodesByRisk;
    byIndicator = index.nodesByIndicator;
  } catch {
    // No root: fall back to list order and a plain scan for references.
  }
  if (!byAssumption || !byRisk || !byIndicator) {
    const a = new Map<string, string[]>();
    const r = new Map<string, string[]>();
    const i = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) => {
      const l = m.get(k);
      if (l) l.push(v);
      else m.set(k, [v]);
    };
    for (const n of nodes) {
      for (const x of n.assumptionIds) push(a, x, n.id);
      for (const x of n.riskIds) push(r, x, n.id);
      for (const x of n.indicatorIds) push(i, x, n.id);
    }
    byAssumption = a;
    byRisk = r;
    byIndicator = i;
  }
  for (const n of nodes) {
    add('node', n.id, n.id, 'title', n.title);
    add('node', n.id, n.id, 'summary', n.summary);
  }
  for (const a of doc.assumptions) add('assumption', a.id, byAssumption.get(a.id)?.[0] ?? null, 'statement', a.statement);
  for (const r of doc.risks) add('risk', r.id, byRisk.get(r.id)?.[0] ?? null, 'statement', r.statement);
  for (const x of doc.indicators) add('indicator', x.id, byIndicator.get(x.id)?.[0] ?? null, 'statement', x.statement);
  return { entries };
}

interface Hit {
  e: Entry;
  pos: number;
  len: number;
  score: number;
}

function compareHits(a: Hit, b: Hit): number {
  return a.score - b.score || a.pos - b.pos || a.e.text.length - b.e.text.length || a.e.seq - b.e.seq;
}

/**
 * The best `limit` hits in rank order, one per item (kind + id), without
 * sorting every hit: a common one-letter query can hit most entries.
 */
function selectBest(hits: Hit[], limit: number): Hit[] {
  if (hits.length <= 4 * limit + 64) {
    hits.sort(compareHits);
    return dedupe(hits, limit);
  }
  // Keep the best `2 * limit` (an item has at most two fields, so this is
  // enough after removing duplicates) with a max-heap.
  const k = 2 * limit;
  const heap: Hit[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (compareHits(heap[i]!, heap[p]!) <= 0) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && compareHits(heap[l]!, heap[m]!) > 0) m = l;
      if (r < heap.length && compareHits(heap[r]!, heap[m]!) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const h of hits) {
    if (heap.length < k) {
      heap.push(h);
      up(heap.length - 1);
    } else if (compareHits(h, heap[0]!) < 0) {
      heap[0] = h;
      down(0);
    }
  }
  heap.sort(compareHits);
  return dedupe(heap, limit);
}

function dedupe(sorted: Hit[], limit: number): Hit[] {
  const out: Hit[] = [];
  const seen = new Set<string>();
  for (const h of sorted) {
    if (out.length >= limit) break;
    const key = `${h.e.kind}:${h.e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(h);
  }
  return out;
}

// Match tiers (lower is better).
const TIER_EXACT = 0;
const TIER_START = 1;
const TIER_WORD = 2;
const TIER_INSIDE = 3;
const TIER_TERMS = 4;

/** Finds `q` in `s`, preferring a word-start occurrence. Returns [pos, tier] or undefined. */
function bestOccurrence(s: string, q: string): [number, number] | undefined {
  let pos = s.indexOf(q);
  if (pos < 0) return undefined;
  if (pos === 0) return [0, s.length === q.length ? TIER_EXACT : TIER_START];
  const first = pos;
  while (pos >= 0) {
    if (isWordStart(s, pos)) return [pos, TIER_WORD];
    pos = s.indexOf(q, pos + 1);
  }
  return [first, TIER_INSIDE];
}

/**
 * Ranked matches for `query`. The whole query is tried as a phrase; failing
 * that, an entry matches when it contains every word of the query (ranked
 * below phrase matches, highlighting the first word). At most one result per
 * item (its best-matching field); at most `limit` results.
 */
export function search(index: SearchIndex, query: string, limit = 50): SearchResult[] {
  const q = fold(query).replace(/\s+/g, ' ').trim();
  if (!q || limit <= 0) return [];
  const terms = q.split(' ');
  const multi = terms.length > 1;

  const hits: Hit[] = [];
  for (const e of index.entries) {
    const s = e.folded;
    const occ = bestOccurrence(s, q);
    if (occ) {
      hits.push({ e, pos: occ[0], len: q.length, score: occ[1] * 10 + FIELD_RANK[e.field] });
      continue;
    }
    if (!multi) continue;
    let all = true;
    let wordStarts = 0;
    let firstPos = -1;
    let firstLen = 0;
    for (const t of terms) {
      const o = bestOccurrence(s, t);
      if (!o) {
        all = false;
        break;
      }
      if (o[1] <= TIER_WORD) wordStarts++;
      if (firstPos < 0) {
        firstPos = o[0];
        firstLen = t.length;
      }
    }
    if (!all) continue;
    const score = TIER_TERMS * 10 + (wordStarts === terms.length ? 0 : 5) + FIELD_RANK[e.field];
    hits.push({ e, pos: firstPos, len: firstLen, score });
  }
  const out: SearchResult[] = [];
  for (const h of selectBest(hits, limit)) {
    const map = foldWithMap(h.e.text);
    let start: number;
    let length: number;
    if (map.folded === h.e.folded) {
      [start, length] = mapMatch(map, h.pos, h.len);
    } else {
      // Defensive: the two folds disagree (should not happen); fall back to a plain offset.
      start = Math.min(h.pos, h.e.text.length);
      length = Math.min(h.len, h.e.text.length - start);
    }
    out.push({
      kind: h.e.kind,
      id: h.e.id,
      nodeId: h.e.nodeId,
      field: h.e.field,
      text: h.e.text,
      matchStart: start,
      matchLength: length,
      score: h.score,
    });
  }
  return out;
}
