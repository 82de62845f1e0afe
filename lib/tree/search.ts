/**
 * Full-text search over a work document: node titles and summaries, the
 * statements of assumptions, risks and indicators, evidence quotes, and the
 * analyst's annotations (notes, tags, rationales, what would undermine an
 * assumption, mitigations, an indicator's threshold and owner). Case- and
 * diacritic-insensitive; whole-text and word-prefix matches rank above
 * matches inside a word. Pure, no DOM.
 *
 * Two indexes, because annotations change far more often than the scenario:
 * `buildSearchIndex(scenario)` folds the scenario's text and works out, once,
 * which branch each record leads to; `buildAnnotationIndex(base, annotations)`
 * folds only the annotations (small: only what the analyst wrote) and reuses
 * the base's record → branch map. `search` reads both.
 */
import type { Scenario } from '@/lib/model/schema';
import { indexTree } from '@/lib/model/tree';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { own, type Annotations } from '@/lib/records';
import { fold, foldWithMap, isWordStart, mapMatch } from './fold';

export type SearchKind = 'node' | 'assumption' | 'risk' | 'indicator' | 'evidence';
export type SearchField =
  | 'title'
  | 'summary'
  | 'statement'
  | 'quote'
  | 'tag'
  | 'threshold'
  | 'owner'
  | 'rationale'
  | 'undermine'
  | 'mitigation'
  | 'note';

export interface SearchResult {
  kind: SearchKind;
  /** Id of the node, assumption, risk, indicator or evidence record. */
  id: string;
  /**
   * The node to show: the node itself, or the first node (pre-order) that
   * references the item (a quote: cited by the node directly, or by one of its
   * assumptions, risks or indicators); null if none does.
   */
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
  /** Document order, to break ties (annotation entries follow every scenario entry). */
  seq: number;
}

/** Which branch each record leads to, by kind. */
type Leads = { [K in Exclude<SearchKind, 'node'>]: ReadonlyMap<string, string> };

export interface SearchIndex {
  entries: Entry[];
  /** The first node (pre-order) referencing each assumption, risk, indicator and quote. */
  leads: Leads;
  /** Node ids of the scenario indexed. */
  nodeIds: ReadonlySet<string>;
}

/** The annotations' entries, built against a base index. */
export interface AnnotationIndex {
  entries: Entry[];
}

const FIELD_RANK: Record<SearchField, number> = {
  title: 0,
  statement: 1,
  summary: 2,
  quote: 3,
  tag: 4,
  threshold: 5,
  owner: 5,
  rationale: 6,
  undermine: 6,
  mitigation: 6,
  note: 7,
};

/** The most entries one item can have (a node: title, summary, note and every tag). */
const MAX_ENTRIES_PER_ITEM = 3 + ANNOTATION_LIMITS.maxTags;

type ScenarioText = Pick<Scenario, 'nodes' | 'assumptions' | 'risks' | 'indicators'> & Partial<Pick<Scenario, 'evidence'>>;

/**
 * Builds the scenario's index. Entries follow document order: nodes in
 * pre-order, then assumptions, risks, indicators, quotes.
 */
export function buildSearchIndex(doc: ScenarioText): SearchIndex {
  const entries: Entry[] = [];
  let seq = 0;
  const add = (kind: SearchKind, id: string, nodeId: string | null, field: SearchField, text: string) => {
    if (!text) return;
    entries.push({ kind, id, nodeId, field, text, folded: fold(text), seq: seq++ });
  };
  let nodes: readonly Scenario['nodes'][number][] = doc.nodes;
  try {
    nodes = indexTree(doc).preorder;
  } catch {
    // No root: fall back to list order.
  }
  // First referencing node of each record, in pre-order.
  const first = (m: Map<string, string>, k: string, v: string) => {
    if (!m.has(k)) m.set(k, v);
  };
  const assumptions = new Map<string, string>();
  const risks = new Map<string, string>();
  const indicators = new Map<string, string>();
  const directQuote = new Map<string, string>();
  for (const n of nodes) {
    for (const x of n.assumptionIds) first(assumptions, x, n.id);
    for (const x of n.negatedAssumptionIds ?? []) first(assumptions, x, n.id);
    for (const x of n.riskIds) first(risks, x, n.id);
    for (const x of n.indicatorIds) first(indicators, x, n.id);
    for (const x of n.evidenceIds) first(directQuote, x, n.id);
    for (const x of n.underminingEvidenceIds ?? []) first(directQuote, x, n.id);
  }
  // A quote leads to the earliest (pre-order) of the nodes citing it directly or through a record.
  const position = new Map<string, number>();
  nodes.forEach((n, i) => position.set(n.id, i));
  const quotes = new Map<string, string>(directQuote);
  const through = (records: ReadonlyArray<{ id: string; evidenceIds: readonly string[]; underminingEvidenceIds?: readonly string[] }>, lead: ReadonlyMap<string, string>) => {
    for (const r of records) {
      const node = lead.get(r.id);
      if (node === undefined) continue;
      const at = position.get(node)!;
      for (const list of [r.evidenceIds, r.underminingEvidenceIds ?? []]) {
        for (const e of list) {
          const cur = quotes.get(e);
          if (cur === undefined || position.get(cur)! > at) quotes.set(e, node);
        }
      }
    }
  };
  through(doc.assumptions, assumptions);
  through(doc.risks, risks);
  through(doc.indicators, indicators);

  for (const n of nodes) {
    add('node', n.id, n.id, 'title', n.title);
    add('node', n.id, n.id, 'summary', n.summary);
  }
  for (const a of doc.assumptions) add('assumption', a.id, assumptions.get(a.id) ?? null, 'statement', a.statement);
  for (const r of doc.risks) add('risk', r.id, risks.get(r.id) ?? null, 'statement', r.statement);
  for (const x of doc.indicators) add('indicator', x.id, indicators.get(x.id) ?? null, 'statement', x.statement);
  for (const e of doc.evidence ?? []) add('evidence', e.id, quotes.get(e.id) ?? null, 'quote', e.quote);
  return { entries, leads: { assumption: assumptions, risk: risks, indicator: indicators, evidence: quotes }, nodeIds: new Set(position.keys()) };
}

/**
 * Folds the analyst's annotations into entries that lead where their records
 * do in `base`. Only annotations on records the base knows are indexed.
 */
export function buildAnnotationIndex(base: SearchIndex, annotations: Annotations): AnnotationIndex {
  const entries: Entry[] = [];
  let seq = base.entries.length;
  const add = (kind: SearchKind, id: string, nodeId: string | null, field: SearchField, text: string) => {
    if (!text.trim()) return;
    entries.push({ kind, id, nodeId, field, text, folded: fold(text), seq: seq++ });
  };
  const each = <T>(rec: Record<string, T>, fn: (id: string, a: T) => void) => {
    for (const id of Object.keys(rec)) {
      const a = own(rec, id);
      if (a) fn(id, a);
    }
  };
  each(annotations.nodes, (id, a) => {
    if (!base.nodeIds.has(id)) return;
    add('node', id, id, 'note', a.note);
    for (const t of a.tags) add('node', id, id, 'tag', t);
  });
  const lead = (kind: Exclude<SearchKind, 'node'>, id: string) => base.leads[kind].get(id) ?? null;
  each(annotations.assumptions, (id, a) => {
    add('assumption', id, lead('assumption', id), 'rationale', a.rationale);
    add('assumption', id, lead('assumption', id), 'undermine', a.undermine);
  });
  each(annotations.risks, (id, a) => add('risk', id, lead('risk', id), 'mitigation', a.mitigation));
  each(annotations.indicators, (id, a) => {
    const to = lead('indicator', id);
    add('indicator', id, to, 'threshold', a.threshold);
    add('indicator', id, to, 'owner', a.owner);
    add('indicator', id, to, 'note', a.note);
  });
  each(annotations.evidence, (id, a) => add('evidence', id, lead('evidence', id), 'note', a.note));
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
  if (hits.length <= 2 * MAX_ENTRIES_PER_ITEM * limit + 64) {
    hits.sort(compareHits);
    return dedupe(hits, limit);
  }
  // Keep the best `MAX_ENTRIES_PER_ITEM * limit` (enough to hold `limit`
  // distinct items after removing duplicates) with a max-heap.
  const k = MAX_ENTRIES_PER_ITEM * limit;
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
const TIER = { exact: 0, start: 1, word: 2, inside: 3, terms: 4 } as const;
/** Score step between tiers: above every field rank plus the half-step for a word not at a word start. */
const TIER_STEP = 20;

/** Finds `q` in `s`, preferring a word-start occurrence. Returns [pos, tier] or undefined. */
function bestOccurrence(s: string, q: string): [number, number] | undefined {
  let pos = s.indexOf(q);
  if (pos < 0) return undefined;
  if (pos === 0) return [0, s.length === q.length ? TIER.exact : TIER.start];
  const first = pos;
  while (pos >= 0) {
    if (isWordStart(s, pos)) return [pos, TIER.word];
    pos = s.indexOf(q, pos + 1);
  }
  return [first, TIER.inside];
}

/**
 * Ranked matches for `query`. The whole query is tried as a phrase; failing
 * that, an entry matches when it contains every word of the query (ranked
 * below phrase matches, highlighting the first word). At most one result per
 * item (its best-matching field); at most `limit` results.
 */
export function search(index: SearchIndex, query: string, limit = 50, annotations?: AnnotationIndex): SearchResult[] {
  const q = fold(query).replace(/\s+/g, ' ').trim();
  if (!q || limit <= 0) return [];
  const terms = q.split(' ');
  const multi = terms.length > 1;

  const hits: Hit[] = [];
  const scan = (list: readonly Entry[]) => {
  for (const e of list) {
    const s = e.folded;
    const occ = bestOccurrence(s, q);
    if (occ) {
      hits.push({ e, pos: occ[0], len: q.length, score: occ[1] * TIER_STEP + FIELD_RANK[e.field] });
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
      if (o[1] <= TIER.word) wordStarts++;
      if (firstPos < 0) {
        firstPos = o[0];
        firstLen = t.length;
      }
    }
    if (!all) continue;
    const score = TIER.terms * TIER_STEP + (wordStarts === terms.length ? 0 : TIER_STEP / 2) + FIELD_RANK[e.field];
    hits.push({ e, pos: firstPos, len: firstLen, score });
  }
  };
  scan(index.entries);
  if (annotations) scan(annotations.entries);
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
