/**
 * The one validate → migrate → repair pipeline for anything that arrives from
 * outside the running app: imported snapshots, share links, PNG/SVG exports
 * and the browser's saved state.
 *
 * The scenario is all-or-nothing: a tree with a cycle, two roots, orphans or
 * dangling references is refused with the problems named, never "fixed".
 * The annotation layer is repaired where that is safe (Excalidraw
 * `restore.ts` style): notes on things that no longer exist are dropped,
 * invalid values are reset to defaults, missing fields are filled in; every
 * repair is reported in words.
 *
 * Pure TypeScript, never throws, loops only.
 */
import type * as z from 'zod';
import { zod } from '@/lib/model/zod';
import { isEmptyAnalysis, restoreAnalysis, type AnalysisRepair } from '@/lib/analysis/document';
import { isEmptyJudgements, restoreJudgements, type JudgementRepair } from '@/lib/team/judgements';
import { idSchema } from '@/lib/model/schema';
import type { Scenario } from '@/lib/model/schema';
import { validateScenario, type Problem } from '@/lib/model/integrity';
import { migrateScenario } from '@/lib/model/migrations';
import { ANNOTATION_LIMITS, ANNOTATION_SCHEMAS } from '@/lib/annotations/schema';
import { RECORD_KIND_LIST, emptyAnnotations, type AnnotatedKind, type Annotations } from '@/lib/records';
import type { ViewState, Viewport, WorkDocument } from '@/lib/doc/types';
import { kindOfValue, type ValueKind } from '@/lib/migrate/engine';
import { documentProblemText } from '@/lib/messages/restore';
import { reviseShipped, type RevisionReport } from '@/lib/doc/revisions';
import { isEmptyDiscussion, restoreDiscussion, type DiscussionRepair } from '@/lib/team/comments';
import { isEmptyAudit, restoreAudit, type AuditRepair } from '@/lib/team/audit';

export type RestoreResult =
  | { ok: true; document: WorkDocument; repairs: RestoreRepair[] }
  | { ok: false; problems: Problem[] };

export interface RestoreOptions {
  /** Timestamp for `updatedAt` fields that are missing. Default: the current time. */
  now?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function get(obj: JsonObject, key: string): unknown {
  return has(obj, key) ? obj[key] : undefined;
}

/**
 * A value as a repair reports it: its kind, and a short sample of a text,
 * number or boolean (never the whole of a hostile value). Words: lib/messages/restore.ts.
 */
export type Shown = { kind: ValueKind; sample?: string | number | boolean };

export function shown(v: unknown): Shown {
  const kind = kindOfValue(v);
  if (typeof v === 'string') return { kind, sample: v.length > 30 ? `${v.slice(0, 30)}…` : v };
  if (typeof v === 'number' || typeof v === 'boolean') return { kind, sample: v };
  return { kind };
}

/** What restoring changed so the document could be used. Words: lib/messages/restore.ts. */
export type RestoreRepair =
  | { code: 'scenario-upgraded'; from: number; to: number }
  /** A copy of an older revision of a shipped scenario, moved onto the current one (lib/doc/revisions.ts). */
  | { code: 'scenario-revised'; report: RevisionReport }
  | { code: 'annotations-unreadable'; found: Shown }
  | { code: 'section-unreadable'; kind: AnnotatedKind; found: Shown }
  | { code: 'sections-unknown'; names: Shown[] }
  | { code: 'entries-orphaned'; kind: AnnotatedKind; ids: string[] }
  | { code: 'entries-bad-id'; kind: AnnotatedKind; ids: Shown[] }
  | { code: 'entry-not-record'; kind: AnnotatedKind; id: string; found: Shown }
  | { code: 'entry-unknown-fields'; kind: AnnotatedKind; id: string; fields: Shown[] }
  | { code: 'field-reset'; kind: AnnotatedKind; id: string; field: string; found: Shown; reset: Shown }
  | { code: 'text-shortened'; kind: AnnotatedKind; id: string; field: string; max: number }
  | { code: 'tags-invalid'; kind: AnnotatedKind; id: string; count: number }
  | { code: 'tags-excess'; kind: AnnotatedKind; id: string; kept: number; dropped: number }
  | { code: 'shipped-from-cleared'; found: Shown }
  | { code: 'document-unknown-fields'; names: Shown[] }
  | AnalysisRepair
  | JudgementRepair
  | DiscussionRepair
  | AuditRepair;

/**
 * Why a document is refused before its scenario is even looked at (the
 * scenario's own problems come from lib/model/integrity.ts). A `Problem`'s
 * message is the words lib/messages/restore.ts gives these.
 */
export type DocumentProblem =
  | { code: 'not-an-object'; found: Shown }
  | { code: 'no-scenario' }
  | { code: 'document-missing' }
  | { code: 'unreadable'; detail: string };

/** A `Problem` at `path`, in the words of lib/messages/restore.ts. */
export function documentProblem(path: string, problem: DocumentProblem): Problem {
  return { path, message: documentProblemText(problem) };
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

// ---------------------------------------------------------------------------
// Annotations.

type SectionKey = AnnotatedKind;

interface Section {
  key: SectionKey;
  schema: z.ZodObject;
  defaults: (now: string) => object;
  /** Fields holding free text, cut to length rather than reset when too long. */
  textFields: readonly string[];
}

const SECTIONS: readonly Section[] = RECORD_KIND_LIST.map((k) => ({
  key: k.key,
  schema: ANNOTATION_SCHEMAS[k.key],
  defaults: (now: string) => k.defaults(now),
  textFields: k.textFields,
}));

function targetIds(scenario: Scenario, key: SectionKey): Set<string> {
  const list: ReadonlyArray<{ id: string }> = scenario[key];
  const out = new Set<string>();
  for (const item of list) out.add(item.id);
  return out;
}

function restoreTags(value: unknown, at: { kind: AnnotatedKind; id: string }, repairs: RestoreRepair[], tagSchema: z.ZodType): string[] | null {
  if (!Array.isArray(value)) return null;
  const tags: string[] = [];
  let invalid = 0;
  let excess = 0;
  for (const t of value) {
    const r = tagSchema.safeParse(t);
    if (!r.success || typeof r.data !== 'string') invalid++;
    else if (tags.length >= ANNOTATION_LIMITS.maxTags) excess++;
    else tags.push(r.data);
  }
  if (invalid > 0) repairs.push({ code: 'tags-invalid', ...at, count: invalid });
  if (excess > 0) repairs.push({ code: 'tags-excess', ...at, kept: ANNOTATION_LIMITS.maxTags, dropped: excess });
  return tags;
}

/** Restores one annotation entry, field by field. Returns null if it cannot be kept. */
function restoreEntry(section: Section, id: string, raw: unknown, now: string, repairs: RestoreRepair[]): object | null {
  const at = { kind: section.key, id };
  if (!isObject(raw)) {
    repairs.push({ code: 'entry-not-record', ...at, found: shown(raw) });
    return null;
  }
  const defaults = section.defaults(now) as JsonObject;
  const shape = section.schema.shape as Record<string, z.ZodType>;
  const out: JsonObject = {};
  for (const field of Object.keys(shape)) {
    const fieldSchema = shape[field]!;
    if (!has(raw, field) || raw[field] === undefined) {
      out[field] = defaults[field];
      continue;
    }
    const value = raw[field];
    const parsed = fieldSchema.safeParse(value);
    if (parsed.success) {
      out[field] = parsed.data;
      continue;
    }
    if (field === 'tags') {
      const element = (fieldSchema as unknown as { element: z.ZodType }).element;
      const tags = restoreTags(value, at, repairs, element);
      if (tags) {
        out[field] = tags;
        continue;
      }
    }
    if (section.textFields.includes(field) && typeof value === 'string') {
      out[field] = cut(value, ANNOTATION_LIMITS.maxNote);
      repairs.push({ code: 'text-shortened', ...at, field, max: ANNOTATION_LIMITS.maxNote });
      continue;
    }
    out[field] = defaults[field];
    repairs.push({ code: 'field-reset', ...at, field, found: shown(value), reset: shown(defaults[field]) });
  }
  const unknown = Object.keys(raw).filter((k) => !has(shape, k));
  if (unknown.length > 0) {
    repairs.push({ code: 'entry-unknown-fields', ...at, fields: unknown.map(shown) });
  }
  return out;
}

/** Restores the annotation layer against a valid scenario. Never refuses. */
export function restoreAnnotations(
  raw: unknown,
  scenario: Scenario,
  options: RestoreOptions = {},
): { annotations: Annotations; repairs: RestoreRepair[] } {
  const now = options.now ?? new Date().toISOString();
  const repairs: RestoreRepair[] = [];
  const annotations = emptyAnnotations();
  if (raw === undefined || raw === null) return { annotations, repairs };
  if (!isObject(raw)) {
    repairs.push({ code: 'annotations-unreadable', found: shown(raw) });
    return { annotations, repairs };
  }
  for (const section of SECTIONS) {
    const rec = get(raw, section.key);
    if (rec === undefined || rec === null) continue;
    if (!isObject(rec)) {
      repairs.push({ code: 'section-unreadable', kind: section.key, found: shown(rec) });
      continue;
    }
    const targets = targetIds(scenario, section.key);
    const missing: string[] = [];
    const badIds: string[] = [];
    const out: Record<string, unknown> = {};
    for (const id of Object.keys(rec)) {
      if (!idSchema.safeParse(id).success) {
        badIds.push(id);
        continue;
      }
      if (!targets.has(id)) {
        missing.push(id);
        continue;
      }
      const entry = restoreEntry(section, id, rec[id], now, repairs);
      if (entry) out[id] = entry;
    }
    if (missing.length > 0) repairs.push({ code: 'entries-orphaned', kind: section.key, ids: missing });
    if (badIds.length > 0) repairs.push({ code: 'entries-bad-id', kind: section.key, ids: badIds.map(shown) });
    (annotations as unknown as Record<string, unknown>)[section.key] = out;
  }
  const unknown = Object.keys(raw).filter((k) => !SECTIONS.some((s) => s.key === k));
  if (unknown.length > 0) {
    repairs.push({ code: 'sections-unknown', names: unknown.map(shown) });
  }
  return { annotations, repairs };
}

// ---------------------------------------------------------------------------
// Document.

const DOCUMENT_KEYS = new Set(['scenario', 'annotations', 'shippedFrom', 'analysis', 'judgements', 'discussion', 'audit']);

function prefixPath(path: string): string {
  if (path === '(document)' || path === '') return 'scenario';
  return path.startsWith('[') ? `scenario${path}` : `scenario.${path}`;
}

/**
 * Validates, migrates and repairs a work document `{scenario, annotations?,
 * shippedFrom?}`. Never throws. Problem paths are relative to the document,
 * e.g. `scenario.nodes[3].parentId`.
 */
export function restoreDocument(raw: unknown, options: RestoreOptions = {}): RestoreResult {
  try {
    if (!isObject(raw)) {
      return { ok: false, problems: [documentProblem('(document)', { code: 'not-an-object', found: shown(raw) })] };
    }
    if (!has(raw, 'scenario')) {
      return { ok: false, problems: [documentProblem('scenario', { code: 'no-scenario' })] };
    }
    const migrated = migrateScenario(raw.scenario);
    if (!migrated.ok) {
      const path = isObject(raw.scenario) ? 'scenario.schemaVersion' : 'scenario';
      return { ok: false, problems: [{ path, message: migrated.message }] };
    }
    const valid = validateScenario(migrated.value);
    if (!valid.ok) {
      return { ok: false, problems: valid.problems.map((p) => ({ path: prefixPath(p.path), message: p.message })) };
    }
    let scenario = valid.scenario;
    const repairs: RestoreRepair[] = [];
    if (migrated.applied.length > 0) {
      const from = migrated.applied[0]!;
      repairs.push({ code: 'scenario-upgraded', from, to: from + migrated.applied.length });
    }

    let shippedFrom: string | null = null;
    const sf = get(raw, 'shippedFrom');
    if (typeof sf === 'string' && idSchema.safeParse(sf).success) shippedFrom = sf;
    else if (sf !== undefined && sf !== null) {
      repairs.push({ code: 'shipped-from-cleared', found: shown(sf) });
    }

    // A copy of an older revision of a shipped scenario, unchanged: onto the current revision, annotations carried over.
    let rawAnnotations = get(raw, 'annotations');
    const revised = reviseShipped(scenario, shippedFrom, rawAnnotations);
    if (revised) {
      scenario = revised.scenario;
      rawAnnotations = revised.annotations;
      repairs.push({ code: 'scenario-revised', report: revised.report });
    }

    const restored = restoreAnnotations(rawAnnotations, scenario, options);
    repairs.push(...restored.repairs);

    const unknown = Object.keys(raw).filter((k) => !DOCUMENT_KEYS.has(k));
    if (unknown.length > 0) {
      repairs.push({ code: 'document-unknown-fields', names: unknown.map(shown) });
    }
    const analysis = restoreAnalysis(zod, get(raw, 'analysis'), scenario);
    repairs.push(...analysis.repairs);

    const document: WorkDocument = { scenario, annotations: restored.annotations, shippedFrom };
    // An empty layer is left absent, as in a document written before it existed.
    if (!isEmptyAnalysis(analysis.analysis)) document.analysis = analysis.analysis;
    const judgements = restoreJudgements(zod, get(raw, 'judgements'), scenario);
    repairs.push(...judgements.repairs);
    if (!isEmptyJudgements(judgements.judgements)) document.judgements = judgements.judgements;
    // Threads on records that are gone are kept (shown as on a removed branch); unreadable ones are dropped and said.
    const discussion = restoreDiscussion(get(raw, 'discussion'));
    repairs.push(...discussion.repairs);
    if (!isEmptyDiscussion(discussion.discussion)) document.discussion = discussion.discussion;
    const audit = restoreAudit(get(raw, 'audit'));
    repairs.push(...audit.repairs);
    if (!isEmptyAudit(audit.audit)) document.audit = audit.audit;
    return { ok: true, document, repairs };
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'unknown error';
    return { ok: false, problems: [documentProblem('(document)', { code: 'unreadable', detail })] };
  }
}

// ---------------------------------------------------------------------------
// View.

export function emptyView(): ViewState {
  return { expanded: [], selectedId: null, viewport: null };
}

function restoreViewport(raw: unknown): Viewport | null {
  if (!isObject(raw)) return null;
  const x = get(raw, 'x');
  const y = get(raw, 'y');
  const k = get(raw, 'k');
  if (typeof x !== 'number' || typeof y !== 'number' || typeof k !== 'number') return null;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(k) || k <= 0) return null;
  return { x, y, k };
}

/**
 * Restores a view against a document: keeps only expanded and selected ids
 * that exist (each once, in order) and a viewport with finite numbers and a
 * positive zoom. Never throws; anything unreadable becomes the empty view.
 */
export function restoreView(raw: unknown, document: WorkDocument): ViewState {
  try {
    if (!isObject(raw)) return emptyView();
    const ids = new Set<string>();
    for (const n of document.scenario.nodes) ids.add(n.id);
    const expanded: string[] = [];
    const list = get(raw, 'expanded');
    if (Array.isArray(list)) {
      const seen = new Set<string>();
      for (const id of list) {
        if (typeof id === 'string' && ids.has(id) && !seen.has(id)) {
          seen.add(id);
          expanded.push(id);
        }
      }
    }
    const sel = get(raw, 'selectedId');
    const selectedId = typeof sel === 'string' && ids.has(sel) ? sel : null;
    return { expanded, selectedId, viewport: restoreViewport(get(raw, 'viewport')) };
  } catch {
    return emptyView();
  }
}
