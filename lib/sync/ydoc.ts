/**
 * The Yjs document model of a WorkDocument: how a scenario, its annotations
 * and its analysis layer are laid out in a Y.Doc, how a local change is
 * written into it (old document vs new, one transaction, the caller's
 * origin), and how a Y.Doc is read back into a WorkDocument that passes the
 * same validation as anything loaded from outside (lib/io/restore.ts).
 *
 * Layout (top-level shared types of the Y.Doc):
 * - `meta` (Y.Map): the scenario's own fields, the root's id, `shippedFrom`
 *   and the format number; `question` and `summary` as Y.Text.
 * - `scenario:<list>` (Y.Map id -> Y.Map) for each list of the scenario
 *   (nodes, sources, actors, context, assumptions, risks, indicators,
 *   evidence): a record's fields, the free-text ones (summaries,
 *   descriptions, a source's text) as Y.Text, and `#rank`, its place in the
 *   list (ties broken by id). A deleted node stays as a tombstone
 *   (`#deleted`) so a child added under it concurrently can be put back
 *   where the branch was.
 * - `annotations:<kind>` (Y.Map id -> Y.Map) for each annotated kind; the
 *   kind's text fields (lib/records: notes, rationales, mitigations...) as
 *   Y.Text.
 * - `judgements`, `judgements:analysts`: each analyst's own judgements
 *   (lib/sync/ydoc-judgements.ts).
 * - `analysis` (Y.Map: the rule), `analysis:criteria` and
 *   `analysis:parameters` (ranked like scenario lists) and `analysis:inputs`
 *   (node id -> Y.Map of `probability` and `c:<criterion id>`).
 * - The team layers (comments, audit trail): lib/team/ydoc.ts, outside
 *   `syncScope` (no undo takes them back).
 *
 * Scalars and id lists are last-writer-wins per field; text merges character
 * by character. Reading is a pure function of the Y.Doc's state, so every
 * client that holds the same updates reads the same document, repairs
 * included (see `repairTree`).
 *
 * Pure TypeScript: no React, no DOM.
 */
import * as Y from 'yjs';
import type { Scenario } from '@/lib/model/schema';
import type { Problem } from '@/lib/model/integrity';
import type { WorkDocument } from '@/lib/doc/types';
import { ANNOTATED_KINDS, RECORD_KINDS, type AnnotatedKind } from '@/lib/records';
import { analysisOf, type AnalysisDoc } from '@/lib/analysis/document';
import type { AnalysisInputs, BranchInputs, Rule } from '@/lib/analysis/model';
import { restoreDocument, type RestoreRepair } from '@/lib/io/restore';
import { textSplice } from './text';
import { judgementScope, readJudgements, writeJudgements } from './ydoc-judgements';
import { judgementsOf } from '@/lib/team/judgements';
import { readTeam, writeTeam } from '@/lib/team/ydoc';

/** Bumped when the layout changes (a migration then reads the older one). */
export const SYNC_FORMAT = 1;

export const SCENARIO_LISTS = ['sources', 'actors', 'context', 'nodes', 'assumptions', 'risks', 'indicators', 'evidence'] as const;
export type ScenarioList = (typeof SCENARIO_LISTS)[number];

/** Scenario record fields written as Y.Text (free text an analyst writes at length). */
const LIST_TEXT: Record<ScenarioList, ReadonlySet<string>> = {
  sources: new Set(['text']),
  actors: new Set(['description']),
  context: new Set(['description']),
  nodes: new Set(['summary']),
  assumptions: new Set(),
  risks: new Set(),
  indicators: new Set(),
  evidence: new Set(),
};
const META_TEXT: ReadonlySet<string> = new Set(['question', 'summary']);
const NO_TEXT: ReadonlySet<string> = new Set();
const ANNOTATION_TEXT = Object.fromEntries(ANNOTATED_KINDS.map((k) => [k, new Set<string>(RECORD_KINDS[k].textFields)])) as unknown as Record<AnnotatedKind, ReadonlySet<string>>;

const RANK = '#rank';
const DELETED = '#deleted';
const CONSEQUENCE = 'c:';

type Obj = Record<string, unknown>;
type RecordMap = Y.Map<Y.Map<unknown>>;

const meta = (y: Y.Doc) => y.getMap<unknown>('meta');
const listMap = (y: Y.Doc, list: ScenarioList) => y.getMap<Y.Map<unknown>>(`scenario:${list}`);
const annotationMap = (y: Y.Doc, kind: AnnotatedKind) => y.getMap<Y.Map<unknown>>(`annotations:${kind}`);
const analysisMap = (y: Y.Doc) => y.getMap<unknown>('analysis');
const criteriaMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>('analysis:criteria');
const parametersMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>('analysis:parameters');
const inputsMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>('analysis:inputs');

/** Every shared type the document lives in: the scope of a `Y.UndoManager`. */
export function syncScope(y: Y.Doc): Y.AbstractType<unknown>[] {
  return [
    meta(y),
    ...SCENARIO_LISTS.map((l) => listMap(y, l)),
    ...ANNOTATED_KINDS.map((k) => annotationMap(y, k)),
    analysisMap(y),
    criteriaMap(y),
    parametersMap(y),
    inputsMap(y),
    ...judgementScope(y),
  ] as Y.AbstractType<unknown>[];
}

/** An undo manager that undoes only the changes made with `origin` (never a remote client's). */
export function localUndoManager(y: Y.Doc, origin: unknown, captureTimeout = 0): Y.UndoManager {
  return new Y.UndoManager(syncScope(y), { trackedOrigins: new Set([origin]), captureTimeout });
}

/** True once a room holds a document (it is seeded once, never by every client). */
export function isSeeded(y: Y.Doc): boolean {
  return meta(y).get('format') !== undefined;
}

// ---------------------------------------------------------------------------
// Writing.

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => same(v, bb[i]));
  }
  const ka = Object.keys(a as Obj).filter((k) => (a as Obj)[k] !== undefined);
  const kb = Object.keys(b as Obj).filter((k) => (b as Obj)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Obj)[k], (b as Obj)[k]));
}

/** A JSON value copied, so the Y.Doc never shares an object with the store. */
const copy = (v: unknown): unknown => (typeof v === 'object' && v !== null ? structuredClone(v) : v);

/**
 * Writes the fields of one record that changed from `prev` (undefined: a new
 * record) to `next`. Text fields are spliced where they changed; a field the
 * local change left alone is never written, so a concurrent remote edit of it
 * stands.
 */
function writeFields(rec: Y.Map<unknown>, prev: Obj | undefined, next: Obj, text: ReadonlySet<string>): void {
  if (prev) {
    for (const k of Object.keys(prev)) if (next[k] === undefined && prev[k] !== undefined && rec.has(k)) rec.delete(k);
  }
  for (const k of Object.keys(next)) {
    const v = next[k];
    if (v === undefined) {
      if (rec.has(k)) rec.delete(k);
      continue;
    }
    const cur = rec.get(k);
    if (prev && same(prev[k], v) && cur !== undefined) continue;
    if (text.has(k) && typeof v === 'string') {
      if (cur instanceof Y.Text) {
        const base = cur.toString();
        const s = textSplice(base, v);
        if (s) {
          if (s.remove > 0) cur.delete(s.index, s.remove);
          if (s.insert) cur.insert(s.index, s.insert);
        }
      } else {
        rec.set(k, new Y.Text(v));
      }
    } else if (!same(cur, v)) {
      rec.set(k, copy(v));
    }
  }
}

/**
 * After an undo or redo that left the room's document unreadable: every field the document had just before
 * (`before`) that a record still there, or the scenario itself, has lost is written back. Yjs's UndoManager
 * leaves a map key empty when the value it takes back had won a conflict with a concurrent remote value: the
 * remote value was deleted by that conflict, and the value before both is not brought back because a newer one
 * (the remote value) was deleted by someone else. So a title both analysts changed at once, undone by the one
 * whose change won, was gone. Written with `origin`, inside the transaction open when it is called: the binding
 * calls it inside the undo's own, so the undo and what it wrote back reach every client as one update and every
 * client reads the same. Returns the number of fields written back.
 */
export function restoreLostFields(y: Y.Doc, before: WorkDocument, origin: unknown): number {
  let restored = 0;
  /** Writes back (the way a local change writes fields) those of `had` that `rec` lacks. */
  const putBack = (rec: Y.Map<unknown>, had: Obj, skip: (k: string) => boolean, text: ReadonlySet<string>) => {
    const lost: Obj = {};
    for (const k of Object.keys(had)) if (!skip(k) && had[k] !== undefined && !rec.has(k)) lost[k] = had[k];
    const n = Object.keys(lost).length;
    if (n === 0) return;
    writeFields(rec, undefined, lost, text);
    restored += n;
  };
  y.transact(() => {
    const scenario = before.scenario as unknown as Obj;
    putBack(meta(y), scenario, (k) => (SCENARIO_LISTS as readonly string[]).includes(k), META_TEXT);
    for (const list of SCENARIO_LISTS) {
      const map = listMap(y, list);
      for (const r of scenario[list] as Obj[]) {
        const rec = map.get(r.id as string);
        if (rec instanceof Y.Map && rec.get(DELETED) === undefined) putBack(rec, r, (k) => k === 'id', LIST_TEXT[list]);
      }
    }
  }, origin);
  return restored;
}

/** The record map for `id`, made if absent (or brought back from a tombstone). */
function recordFor(map: RecordMap, id: string): Y.Map<unknown> {
  let rec = map.get(id);
  if (!(rec instanceof Y.Map)) {
    rec = new Y.Map<unknown>();
    map.set(id, rec);
  }
  if (rec.get(DELETED) !== undefined) rec.delete(DELETED);
  return rec;
}

const rankOf = (map: RecordMap, id: string): number | undefined => {
  const r = map.get(id)?.get(RANK);
  return typeof r === 'number' && Number.isFinite(r) ? r : undefined;
};

/**
 * Places the records of `next` in order: when the local change kept the
 * relative order of the records it shares with `prev`, each new record is
 * ranked between its neighbours (so concurrent additions elsewhere keep
 * their places); a reordering ranks the whole list afresh.
 */
function writeRanks(map: RecordMap, prevIds: readonly string[] | null, nextIds: readonly string[]): void {
  const before = new Set(prevIds ?? []);
  const after = new Set(nextIds);
  const keptPrev = (prevIds ?? []).filter((id) => after.has(id));
  const keptNext = nextIds.filter((id) => before.has(id));
  const reordered = keptPrev.some((id, i) => keptNext[i] !== id);
  if (reordered) {
    nextIds.forEach((id, i) => {
      if (rankOf(map, id) !== i) map.get(id)?.set(RANK, i);
    });
    return;
  }
  for (let i = 0; i < nextIds.length; i++) {
    const id = nextIds[i]!;
    if (before.has(id) && rankOf(map, id) !== undefined) continue;
    let lo: number | undefined;
    for (let j = i - 1; j >= 0 && lo === undefined; j--) lo = rankOf(map, nextIds[j]!);
    let hi: number | undefined;
    for (let j = i + 1; j < nextIds.length && hi === undefined; j++) if (before.has(nextIds[j]!)) hi = rankOf(map, nextIds[j]!);
    const rank = hi === undefined ? (lo ?? -1) + 1 : lo === undefined ? hi - 1 : (lo + hi) / 2;
    map.get(id)?.set(RANK, rank);
  }
}

/** Writes a list of records keyed by id: additions, changes, removals (a node leaves a tombstone) and order. */
function writeList(map: RecordMap, prev: readonly Obj[] | null, next: readonly Obj[], text: ReadonlySet<string>, tombstones: boolean): void {
  const prevById = new Map((prev ?? []).map((r) => [r.id as string, r] as const));
  const nextIds = new Set(next.map((r) => r.id as string));
  for (const id of prevById.keys()) {
    if (nextIds.has(id)) continue;
    if (tombstones) map.get(id)?.set(DELETED, true);
    else map.delete(id);
  }
  for (const r of next) {
    const id = r.id as string;
    const old = prevById.get(id);
    if (old === r) continue;
    // A record removed by someone else meanwhile stays removed (a node stays a tombstone).
    if (old && !map.has(id)) continue;
    const rec = old ? map.get(id)! : recordFor(map, id);
    writeFields(rec, old, withoutId(r), text);
  }
  writeRanks(map, prev ? prev.map((r) => r.id as string) : null, next.map((r) => r.id as string));
}

function withoutId(r: Obj): Obj {
  const { id: _id, ...rest } = r;
  return rest;
}

/** Writes records keyed by id with no order (annotations, branch inputs). */
function writeKeyed(map: RecordMap, prev: Readonly<Record<string, Obj>> | null, next: Readonly<Record<string, Obj>>, text: ReadonlySet<string>): void {
  const p = prev ?? {};
  for (const id of Object.keys(p)) if (!Object.prototype.hasOwnProperty.call(next, id)) map.delete(id);
  for (const id of Object.keys(next)) {
    const old = Object.prototype.hasOwnProperty.call(p, id) ? p[id] : undefined;
    const r = next[id]!;
    if (old === r) continue;
    writeFields(old && map.has(id) ? map.get(id)! : recordFor(map, id), old, r, text);
  }
}

const flatInputs = (inputs: AnalysisInputs): Record<string, Obj> => {
  const out: Record<string, Obj> = {};
  for (const id of Object.keys(inputs)) {
    const b = inputs[id]!;
    const o: Obj = {};
    if (b.probability !== undefined) o.probability = b.probability;
    for (const c of Object.keys(b.consequences)) o[CONSEQUENCE + c] = b.consequences[c];
    out[id] = o;
  }
  return out;
};

const scenarioFields = (s: Scenario): Obj => {
  const o: Obj = { ...s };
  for (const l of SCENARIO_LISTS) delete o[l];
  return o;
};

function writeDocument(y: Y.Doc, prev: WorkDocument | null, next: WorkDocument): void {
  const m = meta(y);
  if (m.get('format') !== SYNC_FORMAT) m.set('format', SYNC_FORMAT);
  const root = next.scenario.nodes.find((n) => n.parentId === null);
  if (root && m.get('rootId') !== root.id) m.set('rootId', root.id);
  writeFields(m, prev ? { ...scenarioFields(prev.scenario), shippedFrom: prev.shippedFrom } : undefined, { ...scenarioFields(next.scenario), shippedFrom: next.shippedFrom }, META_TEXT);

  for (const l of SCENARIO_LISTS) {
    const before = prev ? (prev.scenario[l] as unknown as Obj[]) : null;
    const after = next.scenario[l] as unknown as Obj[];
    if (before === after) continue;
    writeList(listMap(y, l), before, after, LIST_TEXT[l], l === 'nodes');
  }
  for (const k of ANNOTATED_KINDS) {
    const before = prev ? (prev.annotations[k] as Record<string, Obj>) : null;
    const after = next.annotations[k] as Record<string, Obj>;
    if (before !== after) writeKeyed(annotationMap(y, k), before, after, ANNOTATION_TEXT[k]);
  }

  writeJudgements(y, prev ? judgementsOf(prev) : null, judgementsOf(next));
  writeTeam(y, prev, next);

  const a = analysisOf(next);
  const pa = prev ? analysisOf(prev) : null;
  if (pa === a) return;
  const am = analysisMap(y);
  if (am.get('rule') !== a.settings.rule) am.set('rule', a.settings.rule);
  if (pa?.settings.criteria !== a.settings.criteria) {
    writeList(criteriaMap(y), (pa?.settings.criteria ?? null) as Obj[] | null, a.settings.criteria as unknown as Obj[], NO_TEXT, false);
  }
  if (pa?.settings.parameters !== a.settings.parameters) {
    writeList(parametersMap(y), (pa?.settings.parameters ?? null) as Obj[] | null, a.settings.parameters as unknown as Obj[], NO_TEXT, false);
  }
  if (pa?.inputs !== a.inputs) writeKeyed(inputsMap(y), pa ? flatInputs(pa.inputs) : null, flatInputs(a.inputs), NO_TEXT);
}

/**
 * Writes a local change into the Y.Doc: only what differs between `prev` (the
 * document the change was made on; null: write all of `next`) and `next`,
 * in one transaction carrying `origin` (give the same origin to
 * `localUndoManager`).
 */
export function applyLocalChange(y: Y.Doc, prev: WorkDocument | null, next: WorkDocument, origin: unknown): void {
  if (prev === next) return;
  y.transact(() => writeDocument(y, prev, next), origin);
}

/** A new Y.Doc holding `doc` (the seed of a room: made once, by one client or the server). */
export function encodeDocument(doc: WorkDocument, origin: unknown = 'seed'): Y.Doc {
  const y = new Y.Doc();
  applyLocalChange(y, null, doc, origin);
  return y;
}

// ---------------------------------------------------------------------------
// Reading.

/** Repairs reading made for the sake of concurrency, besides those of lib/io/restore. */
export type SyncRepair =
  /** The node named as root was missing or not a root: another is used. */
  | { code: 'sync-root-chosen'; id: string }
  /** A second node without parent (or one whose parents run out) is hung under the root. */
  | { code: 'sync-extra-root'; id: string; to: string }
  /** A node whose parent was deleted is put under the nearest branch still there (or the root). */
  | { code: 'sync-orphan-reattached'; id: string; parentId: string; to: string }
  /** Concurrent moves made a cycle: it is broken at the node with the smallest id, hung under the root. */
  | { code: 'sync-cycle-broken'; id: string; cycle: string[]; to: string }
  /** A link to a record deleted meanwhile is dropped. */
  | { code: 'sync-link-dropped'; list: ScenarioList; id: string; field: string; target: string }
  /** A quote whose source was deleted meanwhile is left out. */
  | { code: 'sync-quote-dropped'; id: string; sourceId: string }
  /** The decision-maker was deleted meanwhile: the first actor (by id) takes the place. */
  | { code: 'sync-decision-maker-reset'; from: string; to: string };

export type Projection =
  | { ok: true; document: WorkDocument; repairs: Array<SyncRepair | RestoreRepair> }
  | { ok: false; problems: Problem[] };

function readFields(rec: Y.Map<unknown>): Obj {
  const o: Obj = {};
  // Sorted, so the object is the same whatever order the updates came in.
  for (const k of [...rec.keys()].sort()) {
    if (k.startsWith('#')) continue;
    const v = rec.get(k);
    o[k] = v instanceof Y.Text ? v.toString() : copy(v);
  }
  return o;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A list in rank order (ties by id), tombstones left out. */
function readList(map: RecordMap): Obj[] {
  const rows: Array<{ id: string; rank: number; rec: Y.Map<unknown> }> = [];
  for (const [id, rec] of map.entries()) {
    if (!(rec instanceof Y.Map) || rec.get(DELETED) !== undefined) continue;
    rows.push({ id, rank: rankOf(map, id) ?? Number.MAX_SAFE_INTEGER, rec });
  }
  rows.sort((a, b) => a.rank - b.rank || byId(a.id, b.id));
  return rows.map((r) => ({ id: r.id, ...readFields(r.rec) }));
}

function readKeyed(map: RecordMap): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const id of [...map.keys()].sort(byId)) {
    const rec = map.get(id);
    if (rec instanceof Y.Map) out[id] = readFields(rec);
  }
  return out;
}

type TreeNode = { id: string; parentId: string | null };

/**
 * Makes the nodes one tree, the same way on every client (a function of the
 * state only): one root (the one the document names, else the smallest id
 * without parent); a node whose parent is gone goes to the nearest ancestor
 * still there, found through the tombstones of deleted nodes (else the root);
 * each cycle is broken at its node with the smallest id, which is hung under
 * the root. Changes `nodes` in place; returns what it did.
 */
export function repairTree(nodes: TreeNode[], rootHint: string | undefined, tombParent: ReadonlyMap<string, string | null>): SyncRepair[] {
  const repairs: SyncRepair[] = [];
  if (nodes.length === 0) return repairs;
  const live = new Map(nodes.map((n) => [n.id, n] as const));
  const sorted = [...nodes].sort((a, b) => byId(a.id, b.id));
  let root = rootHint !== undefined ? live.get(rootHint) : undefined;
  if (!root || root.parentId !== null) {
    root = sorted.find((n) => n.parentId === null) ?? root ?? sorted[0]!;
    // Reported also when the named root is kept but had been given a parent (it is cut loose).
    if (root.id !== rootHint || root.parentId !== null) repairs.push({ code: 'sync-root-chosen', id: root.id });
    root.parentId = null;
  }
  const rootId = root.id;

  for (const n of sorted) {
    if (n === root) continue;
    if (n.parentId === null) {
      repairs.push({ code: 'sync-extra-root', id: n.id, to: rootId });
      n.parentId = rootId;
    } else if (!live.has(n.parentId)) {
      let p: string | null | undefined = n.parentId;
      const seen = new Set<string>();
      while (p !== null && p !== undefined && !live.has(p) && !seen.has(p)) {
        seen.add(p);
        p = tombParent.get(p);
      }
      const to = p !== null && p !== undefined && live.has(p) && p !== n.id ? p : rootId;
      repairs.push({ code: 'sync-orphan-reattached', id: n.id, parentId: n.parentId, to });
      n.parentId = to;
    }
  }

  // Every node now has a live parent; walk up from each (smallest id first) to find cycles.
  const reaches = new Set<string>([rootId]);
  for (const start of sorted) {
    for (;;) {
      const path: string[] = [];
      const onPath = new Set<string>();
      let cur = start.id;
      let broke = false;
      while (!reaches.has(cur)) {
        if (onPath.has(cur)) {
          const cycle = path.slice(path.indexOf(cur));
          const at = [...cycle].sort(byId)[0]!;
          repairs.push({ code: 'sync-cycle-broken', id: at, cycle: [...cycle].sort(byId), to: rootId });
          live.get(at)!.parentId = rootId;
          broke = true;
          break;
        }
        onPath.add(cur);
        path.push(cur);
        const p = live.get(cur)!.parentId;
        cur = p === cur ? '' : p!;
        if (cur === '') {
          // Its own parent: a cycle of one.
          const self = path[path.length - 1]!;
          repairs.push({ code: 'sync-cycle-broken', id: self, cycle: [self], to: rootId });
          live.get(self)!.parentId = rootId;
          broke = true;
          break;
        }
      }
      if (!broke) {
        for (const id of path) reaches.add(id);
        break;
      }
    }
  }
  return repairs;
}

const LINKS: Array<{ list: ScenarioList; field: string; to: ScenarioList }> = [
  ...(['nodes', 'context', 'assumptions', 'risks', 'indicators'] as const).map((list) => ({ list, field: 'evidenceIds', to: 'evidence' as const })),
  { list: 'nodes', field: 'assumptionIds', to: 'assumptions' },
  { list: 'nodes', field: 'riskIds', to: 'risks' },
  { list: 'nodes', field: 'indicatorIds', to: 'indicators' },
  { list: 'nodes', field: 'actorIds', to: 'actors' },
  { list: 'nodes', field: 'contextIds', to: 'context' },
];
/** Sub-lists that may name only entries of their list. */
const SUBLISTS: Array<{ field: string; of: string }> = [
  { field: 'underminingEvidenceIds', of: 'evidenceIds' },
  { field: 'negatedAssumptionIds', of: 'assumptionIds' },
  { field: 'observedEvidenceIds', of: 'evidenceIds' },
];

/** Drops links to records deleted concurrently (and quotes whose source went), naming each. */
function repairLinks(s: Record<ScenarioList, Obj[]> & Obj): SyncRepair[] {
  const repairs: SyncRepair[] = [];
  const sources = new Set(s.sources.map((r) => r.id as string));
  s.evidence = s.evidence.filter((e) => {
    if (sources.has(e.sourceId as string)) return true;
    repairs.push({ code: 'sync-quote-dropped', id: e.id as string, sourceId: String(e.sourceId) });
    return false;
  });
  const ids = Object.fromEntries(SCENARIO_LISTS.map((l) => [l, new Set(s[l].map((r) => r.id as string))])) as Record<ScenarioList, Set<string>>;
  for (const { list, field, to } of LINKS) {
    for (const r of s[list]) {
      const v = r[field];
      if (!Array.isArray(v)) continue;
      const seen = new Set<string>();
      r[field] = v.filter((t: string) => {
        if (seen.has(t)) return false;
        seen.add(t);
        if (ids[to].has(t)) return true;
        repairs.push({ code: 'sync-link-dropped', list, id: r.id as string, field, target: t });
        return false;
      });
    }
  }
  for (const list of SCENARIO_LISTS) {
    for (const r of s[list]) {
      for (const { field, of } of SUBLISTS) {
        const v = r[field];
        const within = r[of];
        if (!Array.isArray(v) || !Array.isArray(within)) continue;
        const ok = new Set(within as string[]);
        r[field] = v.filter((t: string) => ok.has(t));
      }
    }
  }
  const actors = [...ids.actors].sort(byId);
  if (!ids.actors.has(s.decisionMakerId as string) && actors.length > 0) {
    repairs.push({ code: 'sync-decision-maker-reset', from: String(s.decisionMakerId), to: actors[0]! });
    s.decisionMakerId = actors[0];
  }
  return repairs;
}

function readAnalysis(y: Y.Doc): AnalysisDoc | undefined {
  const rule = analysisMap(y).get('rule');
  if (rule === undefined) return undefined;
  const inputs: AnalysisInputs = {};
  const flat = readKeyed(inputsMap(y));
  for (const id of Object.keys(flat)) {
    const f = flat[id]!;
    const b: BranchInputs = { consequences: {} };
    for (const k of Object.keys(f)) {
      if (k === 'probability') b.probability = f[k] as string;
      else if (k.startsWith(CONSEQUENCE)) b.consequences[k.slice(CONSEQUENCE.length)] = f[k] as string;
    }
    inputs[id] = b;
  }
  return {
    settings: {
      criteria: readList(criteriaMap(y)) as unknown as AnalysisDoc['settings']['criteria'],
      parameters: readList(parametersMap(y)) as unknown as AnalysisDoc['settings']['parameters'],
      rule: rule as Rule,
    },
    inputs,
  };
}

/**
 * Reads the WorkDocument a Y.Doc holds: the tree made whole (`repairTree`),
 * links to records deleted meanwhile dropped, then the validation and repair
 * of lib/io/restore (annotations on records that are gone dropped, and so
 * on). Never throws; the same state reads the same on every client.
 */
export function decodeDocument(y: Y.Doc): Projection {
  try {
    if (!isSeeded(y)) return { ok: false, problems: [{ path: '(document)', message: 'the room holds no document yet' }] };
    const m = readFields(meta(y));
    const shippedFrom = m.shippedFrom ?? null;
    delete m.shippedFrom;
    delete m.format;
    const rootId = m.rootId as string | undefined;
    delete m.rootId;
    const lists = Object.fromEntries(SCENARIO_LISTS.map((l) => [l, readList(listMap(y, l))])) as Record<ScenarioList, Obj[]>;

    const tombParent = new Map<string, string | null>();
    for (const [id, rec] of listMap(y, 'nodes').entries()) {
      if (rec instanceof Y.Map && rec.get(DELETED) !== undefined) {
        const p = rec.get('parentId');
        tombParent.set(id, typeof p === 'string' ? p : null);
      }
    }
    const repairs: Array<SyncRepair | RestoreRepair> = repairTree(lists.nodes as unknown as TreeNode[], rootId, tombParent);
    const scenario = { ...m, ...lists } as Record<ScenarioList, Obj[]> & Obj;
    repairs.push(...repairLinks(scenario));

    const annotations = Object.fromEntries(ANNOTATED_KINDS.map((k) => [k, readKeyed(annotationMap(y, k))]));
    const raw: Obj = { scenario, annotations, shippedFrom };
    const analysis = readAnalysis(y);
    if (analysis) raw.analysis = analysis;
    const judgements = readJudgements(y);
    if (judgements) raw.judgements = judgements;
    Object.assign(raw, readTeam(y));
    const restored = restoreDocument(raw);
    if (!restored.ok) return restored;
    return { ok: true, document: restored.document, repairs: [...repairs, ...restored.repairs] };
  } catch (err) {
    return { ok: false, problems: [{ path: '(document)', message: err instanceof Error ? err.message : 'unreadable' }] };
  }
}
