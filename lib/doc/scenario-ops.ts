/**
 * Pure operations on what a scenario says about itself: its title, question,
 * summary and decision-maker; its sources; its actors and context items, and
 * which branches they bear on (node.actorIds, node.contextIds). Like
 * lib/doc/ops.ts, each returns a new document, or the same one when nothing
 * changed or the change is refused, and every result passes checkIntegrity
 * and the schema's shape (text cleaned and cut to the schema's limits).
 */
import type { Actor, ActorKind, ContextItem, Scenario, Source } from '@/lib/model/schema';
import { ACTOR_KINDS, LIMITS, SOURCE_KINDS } from '@/lib/model/constants';
import type { WorkDocument } from './types';
import { cleanText } from './text';
import { idSet, mapNode, uniqueId, withScenario, withoutQuotes } from './ops';
import { normaliseLineEndings } from '@/lib/source-import';

export type SourceKind = Source['kind'];

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const out = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(out) ? out.slice(0, -1) : out;
}
/** One line of text: cleaned, runs of white space made one space, trimmed, cut to `max`. */
function oneLine(raw: string, max: number): string {
  return cut(cleanText(raw).replace(/\s+/g, ' ').trim(), max).trim();
}
/** Free text (line breaks kept): cleaned, LF line endings, cut to `max`. */
function freeText(raw: string, max: number): string {
  return cut(normaliseLineEndings(cleanText(raw)), max);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Replaces the record `id` of a list by `fn(record)`; the same document when it is unknown or unchanged. */
function mapRecord<K extends 'sources' | 'actors' | 'context'>(
  doc: WorkDocument,
  key: K,
  id: string,
  fn: (r: Scenario[K][number]) => Scenario[K][number],
): WorkDocument {
  const list = doc.scenario[key] as Array<Scenario[K][number]>;
  const at = list.findIndex((r) => r.id === id);
  if (at < 0) return doc;
  const next = fn(list[at]!);
  if (same(next, list[at])) return doc;
  const copy = list.slice();
  copy[at] = next;
  return withScenario(doc, { ...doc.scenario, [key]: copy });
}

// ---------------------------------------------------------------- the scenario's details

export interface DetailsPatch {
  title?: string;
  question?: string;
  summary?: string;
  /** Must name one of the scenario's actors. */
  decisionMakerId?: string;
}

/**
 * Edits the scenario's title, question, summary or decision-maker. A title or
 * question left empty, or a decision-maker who is not an actor, is refused
 * (that field keeps its value).
 */
export function editDetails(doc: WorkDocument, patch: DetailsPatch): WorkDocument {
  const s = doc.scenario;
  const next: Scenario = { ...s };
  if (patch.title !== undefined) {
    const t = oneLine(patch.title, LIMITS.maxTitleLength);
    if (t) next.title = t;
  }
  if (patch.question !== undefined) {
    const q = freeText(patch.question, LIMITS.maxTextLength).trim();
    if (q) next.question = q;
  }
  if (patch.summary !== undefined) next.summary = freeText(patch.summary, LIMITS.maxTextLength);
  if (patch.decisionMakerId !== undefined && s.actors.some((a) => a.id === patch.decisionMakerId)) {
    next.decisionMakerId = patch.decisionMakerId;
  }
  return next.title === s.title && next.question === s.question && next.summary === s.summary && next.decisionMakerId === s.decisionMakerId
    ? doc
    : withScenario(doc, next);
}

// ---------------------------------------------------------------- sources

export interface SourceInput {
  title: string;
  kind?: SourceKind;
  author?: string;
  publisher?: string;
  published?: string;
  location?: string;
  /** The full text, plain text or Markdown; '' removes it. */
  text?: string;
}
export type SourcePatch = Partial<SourceInput>;

/** The optional fields of a source and the longest each may be. */
const SOURCE_OPTIONAL = { author: LIMITS.maxTitleLength, publisher: LIMITS.maxTitleLength, published: 40, location: 1_000 } as const;

/** A source with the patch applied: empty optional fields dropped, text that is too long refused (kept as it was). */
function patchSource(base: Source, patch: SourcePatch): Source {
  const out: Source = { ...base };
  if (patch.title !== undefined) {
    const t = oneLine(patch.title, LIMITS.maxTitleLength);
    if (t) out.title = t;
  }
  if (patch.kind !== undefined && (SOURCE_KINDS as readonly string[]).includes(patch.kind)) out.kind = patch.kind;
  for (const key of Object.keys(SOURCE_OPTIONAL) as Array<keyof typeof SOURCE_OPTIONAL>) {
    const v = patch[key];
    if (v === undefined) continue;
    const t = oneLine(v, SOURCE_OPTIONAL[key]);
    if (t) out[key] = t;
    else delete out[key];
  }
  if (patch.text !== undefined) {
    const t = normaliseLineEndings(cleanText(patch.text));
    if (!t.trim()) delete out.text;
    else if (t.length <= LIMITS.maxSourceTextLength) out.text = t;
  }
  return out;
}

/** Adds a source; its id comes from its title. Refused ('' id) without a title. */
export function addSource(doc: WorkDocument, input: SourceInput): { doc: WorkDocument; id: string } {
  const s = doc.scenario;
  const title = oneLine(input.title, LIMITS.maxTitleLength);
  if (!title || s.sources.length >= LIMITS.maxListLength) return { doc, id: '' };
  const id = uniqueId(title, idSet(s.sources), 'source');
  const source = patchSource({ id, title, kind: 'other' }, { ...input, title });
  return { doc: withScenario(doc, { ...s, sources: [...s.sources, source] }), id };
}

export function editSource(doc: WorkDocument, id: string, patch: SourcePatch): WorkDocument {
  return mapRecord(doc, 'sources', id, (r) => patchSource(r, patch));
}

/** The evidence quotes taken from a source (what removing it takes with it). */
export function quotesFrom(scenario: Scenario, sourceId: string): string[] {
  return scenario.evidence.filter((e) => e.sourceId === sourceId).map((e) => e.id);
}

type Cites = { evidenceIds: string[]; underminingEvidenceIds: string[]; observedEvidenceIds?: string[] };

/** The list without the quotes in `gone`, in every evidence list a record has. */
function stripQuotes<T extends Cites>(list: readonly T[], gone: ReadonlySet<string>): T[] {
  return list.map((x) => withoutQuotes(x, gone));
}

/** Drops the quotes in `gone`, every citation of them and the analyst's annotations on them. */
function dropQuotes(doc: WorkDocument, scenario: Scenario, gone: ReadonlySet<string>): WorkDocument {
  if (gone.size === 0) return withScenario(doc, scenario);
  const notes = { ...doc.annotations.evidence };
  for (const id of gone) delete notes[id];
  return {
    ...doc,
    scenario: {
      ...scenario,
      evidence: scenario.evidence.filter((e) => !gone.has(e.id)),
      nodes: stripQuotes(scenario.nodes, gone),
      assumptions: stripQuotes(scenario.assumptions, gone),
      risks: stripQuotes(scenario.risks, gone),
      indicators: stripQuotes(scenario.indicators, gone),
      context: stripQuotes(scenario.context, gone),
    },
    annotations: { ...doc.annotations, evidence: notes },
  };
}

/**
 * Removes a source with the quotes taken from it (and every citation of
 * them): nothing is left pointing at it. The interface says how many quotes
 * go (quotesFrom) and asks first.
 */
export function removeSource(doc: WorkDocument, id: string): WorkDocument {
  const s = doc.scenario;
  if (!s.sources.some((x) => x.id === id)) return doc;
  const next = dropQuotes(doc, { ...s, sources: s.sources.filter((x) => x.id !== id) }, new Set(quotesFrom(s, id)));
  // The analyst's grade of the source goes with it.
  const grades = { ...next.annotations.sources };
  delete grades[id];
  return { ...next, annotations: { ...next.annotations, sources: grades } };
}

// ---------------------------------------------------------------- actors and context items

/** Records that bear on branches: actors (node.actorIds) and context items (node.contextIds). */
export type BearingKind = 'actors' | 'context';
export const BEARING_KINDS: readonly BearingKind[] = ['actors', 'context'];
const REF: Record<BearingKind, 'actorIds' | 'contextIds'> = { actors: 'actorIds', context: 'contextIds' };

export interface ActorInput {
  name: string;
  kind?: ActorKind;
  description?: string;
}
export interface ContextInput {
  title: string;
  description?: string;
}
export interface BearingInput {
  actors: ActorInput;
  context: ContextInput;
}
type BearingRecord = { actors: Actor; context: ContextItem };

function patchActor(base: Actor, patch: Partial<ActorInput>): Actor {
  const out = { ...base };
  if (patch.name !== undefined) {
    const t = oneLine(patch.name, LIMITS.maxTitleLength);
    if (t) out.name = t;
  }
  if (patch.kind !== undefined && (ACTOR_KINDS as readonly string[]).includes(patch.kind)) out.kind = patch.kind;
  if (patch.description !== undefined) out.description = freeText(patch.description, LIMITS.maxTextLength);
  return out;
}

function patchContext(base: ContextItem, patch: Partial<ContextInput>): ContextItem {
  const out = { ...base };
  if (patch.title !== undefined) {
    const t = oneLine(patch.title, LIMITS.maxTitleLength);
    if (t) out.title = t;
  }
  if (patch.description !== undefined) out.description = freeText(patch.description, LIMITS.maxTextLength);
  return out;
}

const nameOf = <K extends BearingKind>(kind: K, input: Partial<BearingInput[K]>): string | undefined =>
  kind === 'actors' ? (input as Partial<ActorInput>).name : (input as Partial<ContextInput>).title;

/**
 * Adds an actor or a context item, linked to `nodeId` when one is given (and
 * exists). Its id comes from its name. Refused ('' id) without a name.
 */
function addBearing<K extends BearingKind>(
  doc: WorkDocument,
  kind: K,
  input: BearingInput[K],
  nodeId?: string,
): { doc: WorkDocument; id: string } {
  const s = doc.scenario;
  const name = oneLine(nameOf(kind, input) ?? '', LIMITS.maxTitleLength);
  if (!name || s[kind].length >= LIMITS.maxListLength) return { doc, id: '' };
  const id = uniqueId(name, idSet(s[kind]), kind === 'actors' ? 'actor' : 'context');
  const record =
    kind === 'actors'
      ? patchActor({ id, name, kind: 'other', description: '' }, input as ActorInput)
      : patchContext({ id, title: name, description: '', evidenceIds: [], underminingEvidenceIds: [] }, input as ContextInput);
  const next = withScenario(doc, { ...s, [kind]: [...s[kind], record] });
  return { doc: nodeId ? linkBearing(next, kind, nodeId, id) : next, id };
}

function editBearing<K extends BearingKind>(doc: WorkDocument, kind: K, id: string, patch: Partial<BearingInput[K]>): WorkDocument {
  if (kind === 'actors') return mapRecord(doc, 'actors', id, (r) => patchActor(r, patch as Partial<ActorInput>));
  return mapRecord(doc, 'context', id, (r) => patchContext(r, patch as Partial<ContextInput>));
}

/** Why a record cannot be removed, or null when it can: the decision-maker must stay an actor. */
export function removalBlock(scenario: Scenario, kind: BearingKind, id: string): 'decision-maker' | null {
  return kind === 'actors' && scenario.decisionMakerId === id ? 'decision-maker' : null;
}

/**
 * Removes an actor or a context item and every branch's link to it (never the
 * decision-maker). A context item's quotes that nothing else cites go with it.
 */
function removeBearing(doc: WorkDocument, kind: BearingKind, id: string): WorkDocument {
  const s = doc.scenario;
  const list = s[kind] as ReadonlyArray<BearingRecord[BearingKind]>;
  const record = list.find((r) => r.id === id);
  if (!record || removalBlock(s, kind, id)) return doc;
  const key = REF[kind];
  const nodes = s.nodes.map((n) => (n[key].includes(id) ? { ...n, [key]: n[key].filter((x) => x !== id) } : n));
  const next: Scenario = { ...s, [kind]: list.filter((r) => r.id !== id), nodes };
  if (kind === 'actors') return withScenario(doc, next);
  // Quotes cited only by this context item are no longer cited anywhere.
  const cited = new Set<string>();
  for (const l of [next.nodes, next.assumptions, next.risks, next.indicators, next.context]) for (const x of l) for (const e of x.evidenceIds) cited.add(e);
  const gone = new Set((record as ContextItem).evidenceIds.filter((e) => !cited.has(e)));
  return dropQuotes(doc, next, gone);
}

function linkBearing(doc: WorkDocument, kind: BearingKind, nodeId: string, id: string): WorkDocument {
  if (!(doc.scenario[kind] as ReadonlyArray<{ id: string }>).some((r) => r.id === id)) return doc;
  const key = REF[kind];
  return mapNode(doc, nodeId, (n) => (n[key].includes(id) || n[key].length >= LIMITS.maxListLength ? n : { ...n, [key]: [...n[key], id] }));
}

function unlinkBearing(doc: WorkDocument, kind: BearingKind, nodeId: string, id: string): WorkDocument {
  const key = REF[kind];
  return mapNode(doc, nodeId, (n) => (n[key].includes(id) ? { ...n, [key]: n[key].filter((x) => x !== id) } : n));
}

/** The branches an actor or context item bears on, in document order. */
export function branchesOf(scenario: Scenario, kind: BearingKind, id: string): string[] {
  const key = REF[kind];
  return scenario.nodes.filter((n) => n[key].includes(id)).map((n) => n.id);
}

/** The operations on actors and context items. */
export const bearing = {
  add: addBearing,
  edit: editBearing,
  remove: removeBearing,
  link: linkBearing,
  unlink: unlinkBearing,
};
