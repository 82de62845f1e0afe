/**
 * Pure operations on a working document. Each returns a new document (or the
 * same one when nothing changed); nothing is mutated. Loops, no recursion.
 */
import type { Assumption, Evidence, Indicator, NodeKind, Risk, Scenario, ScenarioNode, Severity } from '@/lib/model/schema';
import { indexTree, subtreeIds } from '@/lib/model/tree';
import {
  RECORD_KINDS,
  recordsOf,
  emptyAnnotations,
  own,
  type AnnotatedKind,
  type AnnotationOf,
  type AnnotationPatch,
  type Annotations,
  type NodeAnnotation,
} from '@/lib/records';
import type { WorkDocument } from './types';
import { cleanText } from './text';
import { allowedKinds, isAllowedChild, makeNode } from '@/lib/records/node';

export const RESERVED = new Set(['constructor', 'prototype', '__proto__']);

/** Slug from free text; never empty, never a reserved word. */
export function slugify(text: string, fallback = 'item'): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  const out = s || fallback;
  return RESERVED.has(out) ? `${out}-1` : out;
}

/** A slug based on `text` not present in `taken`. */
export function uniqueId(text: string, taken: { has(id: string): boolean }, fallback = 'item'): string {
  const base = slugify(text, fallback);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

export function idSet(list: ReadonlyArray<{ id: string }>): Set<string> {
  return new Set(list.map((x) => x.id));
}

export function withScenario(doc: WorkDocument, scenario: Scenario): WorkDocument {
  return { ...doc, scenario };
}

export function mapNode(doc: WorkDocument, id: string, fn: (n: ScenarioNode) => ScenarioNode): WorkDocument {
  let changed = false;
  const nodes = doc.scenario.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = fn(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? withScenario(doc, { ...doc.scenario, nodes }) : doc;
}

// ---------------------------------------------------------------- nodes

export function addChild(
  doc: WorkDocument,
  parentId: string,
  kind: NodeKind,
  title: string,
): { doc: WorkDocument; id: string } {
  const s = doc.scenario;
  const parent = s.nodes.find((n) => n.id === parentId);
  if (!parent || !isAllowedChild(parent.kind, kind)) return { doc, id: '' };
  const id = uniqueId(title, idSet(s.nodes), kind);
  let maxOrder = -1;
  for (const n of s.nodes) if (n.parentId === parentId && n.order > maxOrder) maxOrder = n.order;
  const node = makeNode(id, parentId, kind, cleanText(title).trim() || 'Untitled', maxOrder + 1);
  return { doc: withScenario(doc, { ...s, nodes: [...s.nodes, node] }), id };
}

export function renameNode(doc: WorkDocument, id: string, title: string): WorkDocument {
  const t = cleanText(title).replace(/\s+/g, ' ').trim();
  if (!t) return doc;
  return mapNode(doc, id, (n) => (n.title === t ? n : { ...n, title: t }));
}

export function setNodeSummary(doc: WorkDocument, id: string, raw: string): WorkDocument {
  const summary = cleanText(raw);
  return mapNode(doc, id, (n) => (n.summary === summary ? n : { ...n, summary }));
}

/** Changes a node's kind to one its parent and its children allow; the root stays a decision. */
export function setNodeKind(doc: WorkDocument, id: string, kind: NodeKind): WorkDocument {
  const index = indexTree(doc.scenario);
  const node = index.byId.get(id);
  if (!node || node.kind === kind || node.parentId === null) return doc;
  const parentKind = index.byId.get(node.parentId)?.kind ?? null;
  const childKinds = (index.children.get(id) ?? []).map((c) => c.kind);
  if (!allowedKinds(parentKind, childKinds).includes(kind)) return doc;
  return mapNode(doc, id, (n) => ({ ...n, kind }));
}

/** Deletes a node and its subtree (never the root) and the annotations on them. */
export function deleteSubtree(doc: WorkDocument, id: string): WorkDocument {
  const index = indexTree(doc.scenario);
  const node = index.byId.get(id);
  if (!node || node.parentId === null) return doc;
  const gone = new Set(subtreeIds(index, id));
  const nodes = doc.scenario.nodes.filter((n) => !gone.has(n.id));
  const notes: Record<string, NodeAnnotation> = {};
  for (const [k, v] of Object.entries(doc.annotations.nodes)) if (!gone.has(k)) notes[k] = v;
  return {
    ...doc,
    scenario: { ...doc.scenario, nodes },
    annotations: { ...doc.annotations, nodes: notes },
  };
}

/** True if `candidate` is `id` or lies inside the subtree of `id`. */
export function isInSubtree(doc: WorkDocument, id: string, candidate: string): boolean {
  const byId = new Map(doc.scenario.nodes.map((n) => [n.id, n] as const));
  let cur = byId.get(candidate);
  let guard = byId.size + 1;
  while (cur && guard-- > 0) {
    if (cur.id === id) return true;
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
  }
  return false;
}

/** Moves a subtree under a new parent at position `index` among its children. */
export function moveSubtree(doc: WorkDocument, id: string, newParentId: string, index = Number.MAX_SAFE_INTEGER): WorkDocument {
  const node = doc.scenario.nodes.find((n) => n.id === id);
  if (!node || node.parentId === null) return doc;
  if (!doc.scenario.nodes.some((n) => n.id === newParentId)) return doc;
  if (isInSubtree(doc, id, newParentId)) return doc; // would create a cycle
  const siblings = doc.scenario.nodes
    .filter((n) => n.parentId === newParentId && n.id !== id)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const at = Math.max(0, Math.min(index, siblings.length));
  siblings.splice(at, 0, node);
  const order = new Map(siblings.map((n, i) => [n.id, i] as const));
  let changed = node.parentId !== newParentId;
  const nodes = doc.scenario.nodes.map((n) => {
    const o = order.get(n.id);
    if (o === undefined) return n;
    const parentId = n.id === id ? newParentId : n.parentId;
    if (n.order === o && n.parentId === parentId) return n;
    changed = true;
    return { ...n, order: o, parentId };
  });
  return changed ? withScenario(doc, { ...doc.scenario, nodes }) : doc;
}

/** Moves a node up (-1) or down (+1) among its siblings. */
export function reorderSibling(doc: WorkDocument, id: string, delta: number): WorkDocument {
  const node = doc.scenario.nodes.find((n) => n.id === id);
  if (!node || node.parentId === null) return doc;
  const siblings = doc.scenario.nodes
    .filter((n) => n.parentId === node.parentId)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const from = siblings.findIndex((n) => n.id === id);
  const to = from + delta;
  if (to < 0 || to >= siblings.length) return doc;
  return moveSubtree(doc, id, node.parentId, to);
}

// ---------------------------------------------------------------- shared records

type RefKey = 'assumptionIds' | 'riskIds' | 'indicatorIds' | 'evidenceIds';

/** Assumptions, risks and indicators: defined once, referenced by id from any number of nodes. */
export type SharedKind = 'assumptions' | 'risks' | 'indicators';
const REF_OF: Record<SharedKind, RefKey> = { assumptions: 'assumptionIds', risks: 'riskIds', indicators: 'indicatorIds' };
const FALLBACK_ID: Record<SharedKind, string> = { assumptions: 'assumption', risks: 'risk', indicators: 'indicator' };
type SharedRecord = Assumption | Risk | Indicator;
/** Fields besides the statement a new shared record may carry (a risk's severity). */
export type SharedExtra = { severity?: Severity };
/** An edit of a shared record: its statement and, for a risk, its severity. */
export type SharedPatch = { statement?: string; severity?: Severity };

function linkRef(doc: WorkDocument, nodeId: string, key: RefKey, refId: string): WorkDocument {
  return mapNode(doc, nodeId, (n) => (n[key].includes(refId) ? n : { ...n, [key]: [...n[key], refId] }));
}
/** The sub-list that names some of a list's entries (negated premises, undermining quotes): an entry leaves both. */
const SUB_OF: Partial<Record<RefKey, 'negatedAssumptionIds' | 'underminingEvidenceIds'>> = {
  assumptionIds: 'negatedAssumptionIds',
  evidenceIds: 'underminingEvidenceIds',
};
function dropRef(n: ScenarioNode, key: RefKey, refId: string): ScenarioNode {
  if (!n[key].includes(refId)) return n;
  const out = { ...n, [key]: n[key].filter((x) => x !== refId) };
  const sub = SUB_OF[key];
  if (sub && n[sub].includes(refId)) out[sub] = n[sub].filter((x) => x !== refId);
  return out;
}
function unlinkRef(doc: WorkDocument, nodeId: string, key: RefKey, refId: string): WorkDocument {
  return mapNode(doc, nodeId, (n) => dropRef(n, key, refId));
}
function stripRef(nodes: readonly ScenarioNode[], key: RefKey, refId: string): ScenarioNode[] {
  return nodes.map((n) => dropRef(n, key, refId));
}

/**
 * Says which side of an assumption a branch rests on: its being true ("holds")
 * or its being false ("fails"). The branch must already rest on it.
 */
export function setPremiseSide(doc: WorkDocument, nodeId: string, assumptionId: string, side: 'holds' | 'fails'): WorkDocument {
  return mapNode(doc, nodeId, (n) => {
    if (!n.assumptionIds.includes(assumptionId) || n.negatedAssumptionIds.includes(assumptionId) === (side === 'fails')) return n;
    const negated = side === 'fails' ? n.assumptionIds.filter((a) => a === assumptionId || n.negatedAssumptionIds.includes(a)) : n.negatedAssumptionIds.filter((a) => a !== assumptionId);
    return { ...n, negatedAssumptionIds: negated };
  });
}

/** Creates a shared record from `statement` and links it to `nodeId`. */
function addShared(
  doc: WorkDocument,
  kind: SharedKind,
  nodeId: string,
  statement: string,
  extra: SharedExtra = {},
): { doc: WorkDocument; id: string } {
  const s = doc.scenario;
  const text = cleanText(statement).trim();
  if (!text || !s.nodes.some((n) => n.id === nodeId)) return { doc, id: '' };
  const list = s[kind] as SharedRecord[];
  const id = uniqueId(text, idSet(list), FALLBACK_ID[kind]);
  const record = { id, statement: text, evidenceIds: [], underminingEvidenceIds: [], ...(kind === 'indicators' ? { observedEvidenceIds: [] } : {}), ...extra } as SharedRecord;
  const next = withScenario(doc, { ...s, [kind]: [...list, record] });
  return { doc: linkRef(next, nodeId, REF_OF[kind], id), id };
}

function editShared(doc: WorkDocument, kind: SharedKind, id: string, patch: SharedPatch): WorkDocument {
  const statement = patch.statement === undefined ? undefined : cleanText(patch.statement).trim();
  if (patch.statement !== undefined && !statement) return doc;
  const clean = { ...patch, ...(statement ? { statement } : {}) };
  let changed = false;
  const list = (doc.scenario[kind] as SharedRecord[]).map((r) => {
    if (r.id !== id) return r;
    const next = { ...r, ...clean } as SharedRecord;
    if (JSON.stringify(next) === JSON.stringify(r)) return r;
    changed = true;
    return next;
  });
  return changed ? withScenario(doc, { ...doc.scenario, [kind]: list }) : doc;
}

/** Removes a shared record, every reference to it and its annotation. */
function removeShared(doc: WorkDocument, kind: SharedKind, id: string): WorkDocument {
  const s = doc.scenario;
  const list = s[kind] as SharedRecord[];
  if (!list.some((r) => r.id === id)) return doc;
  const notes = { ...doc.annotations[kind] };
  delete notes[id];
  return {
    ...doc,
    scenario: { ...s, [kind]: list.filter((r) => r.id !== id), nodes: stripRef(s.nodes, REF_OF[kind], id) },
    annotations: { ...doc.annotations, [kind]: notes },
  };
}

function linkShared(doc: WorkDocument, kind: SharedKind, nodeId: string, id: string): WorkDocument {
  if (!(doc.scenario[kind] as SharedRecord[]).some((r) => r.id === id)) return doc;
  return linkRef(doc, nodeId, REF_OF[kind], id);
}

/** Removes the link from a node to a shared record (the record stays). */
function unlinkShared(doc: WorkDocument, kind: SharedKind, nodeId: string, id: string): WorkDocument {
  return unlinkRef(doc, nodeId, REF_OF[kind], id);
}

/** The generic operations on shared records (assumptions, risks, indicators). */
export const shared = {
  add: addShared,
  edit: editShared,
  remove: removeShared,
  link: linkShared,
  unlink: unlinkShared,
};

// ---------------------------------------------------------------- evidence

export type EvidenceTarget =
  | { kind: 'node'; id: string }
  | { kind: 'assumption'; id: string }
  | { kind: 'risk'; id: string }
  | { kind: 'indicator'; id: string };

/** The list of the scenario a target lives in. */
const TARGET_LIST = { node: 'nodes', assumption: 'assumptions', risk: 'risks', indicator: 'indicators' } as const;

type EvidenceHolder = { id: string; evidenceIds: string[]; underminingEvidenceIds: string[] };

/** Applies `fn` to the target record (only), in its list. */
function onTarget(s: Scenario, target: EvidenceTarget, fn: <T extends EvidenceHolder>(x: T) => T): Scenario {
  const key = TARGET_LIST[target.kind];
  const list = s[key] as EvidenceHolder[];
  return { ...s, [key]: list.map((x) => (x.id === target.id ? fn(x) : x)) };
}

/** A record without some quotes: out of its evidence and of every sub-list of it (undermining, observed). */
export function withoutQuotes<T extends { evidenceIds: string[]; underminingEvidenceIds: string[]; observedEvidenceIds?: string[] }>(
  x: T,
  gone: ReadonlySet<string>,
): T {
  if (!x.evidenceIds.some((e) => gone.has(e))) return x;
  const out = { ...x, evidenceIds: x.evidenceIds.filter((e) => !gone.has(e)), underminingEvidenceIds: x.underminingEvidenceIds.filter((e) => !gone.has(e)) };
  if (x.observedEvidenceIds) out.observedEvidenceIds = x.observedEvidenceIds.filter((e) => !gone.has(e));
  return out;
}

export function addEvidence(
  doc: WorkDocument,
  target: EvidenceTarget,
  input: { quote: string; paragraph: number; sourceId: string; undermines?: boolean },
): { doc: WorkDocument; id: string } {
  const s = doc.scenario;
  const quote = cleanText(input.quote).trim();
  if (!quote || !Number.isInteger(input.paragraph) || input.paragraph < 1) return { doc, id: '' };
  if (!s.sources.some((x) => x.id === input.sourceId)) return { doc, id: '' };
  if (!(s[TARGET_LIST[target.kind]] as EvidenceHolder[]).some((x) => x.id === target.id)) return { doc, id: '' };
  const id = uniqueId(`ev-${input.paragraph}-${quote.split(/\s+/).slice(0, 4).join(' ')}`, idSet(s.evidence), 'evidence');
  const ev: Evidence = { id, quote, paragraph: input.paragraph, sourceId: input.sourceId };
  const next = onTarget({ ...s, evidence: [...s.evidence, ev] }, target, (x) => ({
    ...x,
    evidenceIds: [...x.evidenceIds, id],
    underminingEvidenceIds: input.undermines ? [...x.underminingEvidenceIds, id] : x.underminingEvidenceIds,
  }));
  return { doc: withScenario(doc, next), id };
}

/** Says whether a quote cited by a target supports it or undermines it. */
export function setEvidenceDirection(doc: WorkDocument, target: EvidenceTarget, id: string, undermines: boolean): WorkDocument {
  const record = (doc.scenario[TARGET_LIST[target.kind]] as EvidenceHolder[]).find((x) => x.id === target.id);
  if (!record || !record.evidenceIds.includes(id) || record.underminingEvidenceIds.includes(id) === undermines) return doc;
  return withScenario(
    doc,
    onTarget(doc.scenario, target, (x) => ({
      ...x,
      underminingEvidenceIds: undermines ? x.evidenceIds.filter((e) => e === id || x.underminingEvidenceIds.includes(e)) : x.underminingEvidenceIds.filter((e) => e !== id),
    })),
  );
}

export function editEvidence(doc: WorkDocument, id: string, patch: { quote?: string; paragraph?: number }): WorkDocument {
  const quote = patch.quote === undefined ? undefined : cleanText(patch.quote).trim();
  if (patch.quote !== undefined && !quote) return doc;
  if (patch.paragraph !== undefined && (!Number.isInteger(patch.paragraph) || patch.paragraph < 1)) return doc;
  const evidence = doc.scenario.evidence.map((e) =>
    e.id === id ? { ...e, ...(quote ? { quote } : {}), ...(patch.paragraph ? { paragraph: patch.paragraph } : {}) } : e,
  );
  return withScenario(doc, { ...doc.scenario, evidence });
}

/** Removes an evidence quote everywhere it is cited. */
export function removeEvidence(doc: WorkDocument, id: string): WorkDocument {
  const s = doc.scenario;
  if (!s.evidence.some((e) => e.id === id)) return doc;
  const gone = new Set([id]);
  const strip = <T extends EvidenceHolder>(list: T[]) => list.map((x) => withoutQuotes(x, gone));
  return withScenario(doc, {
    ...s,
    evidence: s.evidence.filter((e) => e.id !== id),
    nodes: strip(s.nodes),
    assumptions: strip(s.assumptions),
    risks: strip(s.risks),
    indicators: strip(s.indicators),
    context: strip(s.context),
  });
}

/** Detaches an evidence quote from one target; drops it when nothing cites it any more. */
export function unlinkEvidence(doc: WorkDocument, target: EvidenceTarget, id: string): WorkDocument {
  let next = onTarget(doc.scenario, target, (x) => withoutQuotes(x, new Set([id])));
  const cited = [next.nodes, next.assumptions, next.risks, next.indicators, next.context].some((l) =>
    l.some((x) => x.evidenceIds.includes(id)),
  );
  if (!cited) next = { ...next, evidence: next.evidence.filter((e) => e.id !== id) };
  return withScenario(doc, next);
}

// ---------------------------------------------------------------- annotations

/** Cleans every string (and string in a list) of an annotation patch. */
function cleanPatch<P extends object>(patch: P): P {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    out[k] = typeof v === 'string' ? cleanText(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? cleanText(x) : x)) : v;
  }
  return out as P;
}

function patchRecord<T extends { updatedAt: string }>(
  rec: Record<string, T>,
  id: string,
  base: T,
  patch: Partial<Omit<T, 'updatedAt'>>,
  now: string,
): Record<string, T> | null {
  patch = cleanPatch(patch);
  const prev = own(rec, id) ?? base;
  let changed = false;
  for (const k of Object.keys(patch) as Array<keyof typeof patch>) {
    if (!Object.is(JSON.stringify(prev[k as keyof T]), JSON.stringify(patch[k]))) changed = true;
  }
  if (!changed) return null;
  return { ...rec, [id]: { ...prev, ...patch, updatedAt: now } };
}

/**
 * Records the analyst's judgement on a record of any kind: the patch is
 * cleaned and merged over the current annotation (or the kind's defaults), and
 * stamped. Unknown record, or nothing changed: the same document.
 */
export function annotate<K extends AnnotatedKind>(
  doc: WorkDocument,
  kind: K,
  id: string,
  patch: AnnotationPatch<K>,
  now: string,
): WorkDocument {
  const def = RECORD_KINDS[kind];
  if (!recordsOf(def, doc.scenario).some((r) => r.id === id)) return doc;
  const rec = patchRecord(doc.annotations[kind] as Record<string, AnnotationOf[K]>, id, def.defaults(now) as AnnotationOf[K], patch, now);
  return rec ? { ...doc, annotations: { ...doc.annotations, [kind]: rec } } : doc;
}

// ---------------------------------------------------------------- whole documents

export function blankDocument(id: string, rawTitle: string): WorkDocument {
  const title = cleanText(rawTitle);
  const scenario: Scenario = {
    $schema: './scenario.schema.json',
    schemaVersion: 2,
    id,
    title: title.trim() || 'Untitled scenario',
    question: 'What should the decision-maker do?',
    summary: '',
    decisionMakerId: 'decision-maker',
    sources: [],
    actors: [{ id: 'decision-maker', name: 'Decision-maker', kind: 'other', description: '' }],
    context: [],
    nodes: [makeNode('decision', null, 'decision', title.trim() || 'Untitled decision', 0)],
    assumptions: [],
    risks: [],
    indicators: [],
    evidence: [],
  };
  return { scenario, annotations: emptyAnnotations(), shippedFrom: null };
}

export function duplicateDocument(doc: WorkDocument, id: string, title: string): WorkDocument {
  return {
    scenario: { ...doc.scenario, id, title },
    annotations: structuredClone(doc.annotations) as Annotations,
    shippedFrom: doc.shippedFrom,
    ...(doc.analysis ? { analysis: structuredClone(doc.analysis) } : {}),
  };
}
