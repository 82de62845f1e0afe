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
import { idSchema } from '@/lib/model/schema';
import type { Scenario } from '@/lib/model/schema';
import { validateScenario, type Problem } from '@/lib/model/integrity';
import { migrateScenario } from '@/lib/model/migrations';
import {
  ANNOTATION_LIMITS,
  assumptionAnnotationSchema,
  indicatorAnnotationSchema,
  nodeAnnotationSchema,
  riskAnnotationSchema,
} from '@/lib/annotations/schema';
import {
  defaultAssumptionAnnotation,
  defaultIndicatorAnnotation,
  defaultNodeAnnotation,
  defaultRiskAnnotation,
  emptyAnnotations,
  type Annotations,
} from '@/lib/annotations/types';
import type { ViewState, Viewport, WorkDocument } from '@/lib/doc/types';

export type RestoreResult =
  | { ok: true; document: WorkDocument; repairs: string[] }
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

/** A short, safe description of a value for a message. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a number out of range';
  return String(v);
}

/** `a, b, c and 4 more` */
export function listIds(ids: readonly string[], max = 10): string {
  const shown = ids.slice(0, max).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
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

type SectionKey = keyof Annotations;

interface Section {
  key: SectionKey;
  schema: z.ZodObject;
  defaults: (now: string) => object;
  /** "note on node", "notes on nodes" */
  one: string;
  /** "note on a node" */
  oneA: string;
  many: string;
  /** Fields holding free text, cut to length rather than reset when too long. */
  textFields: readonly string[];
}

const SECTIONS: readonly Section[] = [
  {
    key: 'nodes',
    schema: nodeAnnotationSchema,
    defaults: defaultNodeAnnotation,
    one: 'note on node',
    oneA: 'note on a node',
    many: 'notes on nodes',
    textFields: ['note'],
  },
  {
    key: 'assumptions',
    schema: assumptionAnnotationSchema,
    defaults: defaultAssumptionAnnotation,
    one: 'check of assumption',
    oneA: 'check of an assumption',
    many: 'checks of assumptions',
    textFields: ['rationale', 'undermine'],
  },
  {
    key: 'risks',
    schema: riskAnnotationSchema,
    defaults: defaultRiskAnnotation,
    one: 'assessment of risk',
    oneA: 'assessment of a risk',
    many: 'assessments of risks',
    textFields: ['mitigation'],
  },
  {
    key: 'indicators',
    schema: indicatorAnnotationSchema,
    defaults: defaultIndicatorAnnotation,
    one: 'note on indicator',
    oneA: 'note on an indicator',
    many: 'notes on indicators',
    textFields: ['note'],
  },
];

function targetIds(scenario: Scenario, key: SectionKey): Set<string> {
  const list: ReadonlyArray<{ id: string }> = scenario[key];
  const out = new Set<string>();
  for (const item of list) out.add(item.id);
  return out;
}

function restoreTags(value: unknown, where: string, repairs: string[], tagSchema: z.ZodType): string[] | null {
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
  if (invalid > 0) repairs.push(`${where}: dropped ${invalid} invalid tag${invalid === 1 ? '' : 's'}`);
  if (excess > 0) repairs.push(`${where}: kept the first ${ANNOTATION_LIMITS.maxTags} tags and dropped ${excess}`);
  return tags;
}

/** Restores one annotation entry, field by field. Returns null if it cannot be kept. */
function restoreEntry(section: Section, id: string, raw: unknown, now: string, repairs: string[]): object | null {
  const where = `${section.one} "${id}"`;
  if (!isObject(raw)) {
    repairs.push(`dropped the ${where}: expected a record, got ${describeValue(raw)}`);
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
      const tags = restoreTags(value, where, repairs, element);
      if (tags) {
        out[field] = tags;
        continue;
      }
    }
    if (section.textFields.includes(field) && typeof value === 'string') {
      out[field] = cut(value, ANNOTATION_LIMITS.maxNote);
      repairs.push(`${where}: the ${field} was longer than ${ANNOTATION_LIMITS.maxNote.toLocaleString('en-GB')} characters and was shortened`);
      continue;
    }
    out[field] = defaults[field];
    repairs.push(`${where}: ${field} ${describeValue(value)} is not valid; reset to ${describeValue(defaults[field])}`);
  }
  const unknown = Object.keys(raw).filter((k) => !has(shape, k));
  if (unknown.length > 0) {
    repairs.push(`${where}: ignored unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map((k) => describeValue(k)).join(', ')}`);
  }
  return out;
}

/** Restores the annotation layer against a valid scenario. Never refuses. */
export function restoreAnnotations(
  raw: unknown,
  scenario: Scenario,
  options: RestoreOptions = {},
): { annotations: Annotations; repairs: string[] } {
  const now = options.now ?? new Date().toISOString();
  const repairs: string[] = [];
  const annotations = emptyAnnotations();
  if (raw === undefined || raw === null) return { annotations, repairs };
  if (!isObject(raw)) {
    repairs.push(`the annotations could not be read (expected an object, got ${describeValue(raw)}) and were left out`);
    return { annotations, repairs };
  }
  for (const section of SECTIONS) {
    const rec = get(raw, section.key);
    if (rec === undefined || rec === null) continue;
    if (!isObject(rec)) {
      repairs.push(`the ${section.many} could not be read (expected an object, got ${describeValue(rec)}) and were left out`);
      continue;
    }
    const targets = targetIds(scenario, section.key);
    const missing: string[] = [];
    const badIds: string[] = [];
    const out: Record<string, unknown> = {};
    for (const id of Object.keys(rec)) {
      if (!idSchema.safeParse(id).success) {
        badIds.push(describeValue(id));
        continue;
      }
      if (!targets.has(id)) {
        missing.push(id);
        continue;
      }
      const entry = restoreEntry(section, id, rec[id], now, repairs);
      if (entry) out[id] = entry;
    }
    if (missing.length > 0) {
      const noun = missing.length === 1 ? section.oneA : section.many;
      repairs.push(`dropped ${missing.length} ${noun} that no longer exist${missing.length === 1 ? 's' : ''}: ${listIds(missing)}`);
    }
    if (badIds.length > 0) {
      repairs.push(`dropped ${badIds.length} ${badIds.length === 1 ? section.one : section.many} with an invalid id: ${listIds(badIds)}`);
    }
    (annotations as unknown as Record<string, unknown>)[section.key] = out;
  }
  const unknown = Object.keys(raw).filter((k) => !SECTIONS.some((s) => s.key === k));
  if (unknown.length > 0) {
    repairs.push(`ignored unknown annotation section${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map((k) => describeValue(k)).join(', ')}`);
  }
  return { annotations, repairs };
}

// ---------------------------------------------------------------------------
// Document.

const DOCUMENT_KEYS = new Set(['scenario', 'annotations', 'shippedFrom']);

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
      return {
        ok: false,
        problems: [{ path: '(document)', message: `expected an object with a "scenario", got ${describeValue(raw)}` }],
      };
    }
    if (!has(raw, 'scenario')) {
      return { ok: false, problems: [{ path: 'scenario', message: 'is missing: the document holds no scenario' }] };
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
    const scenario = valid.scenario;
    const repairs: string[] = [];
    if (migrated.applied.length > 0) {
      const from = migrated.applied[0]!;
      repairs.push(`upgraded the scenario from schema ${from} to ${from + migrated.applied.length}`);
    }

    const restored = restoreAnnotations(get(raw, 'annotations'), scenario, options);
    repairs.push(...restored.repairs);

    let shippedFrom: string | null = null;
    const sf = get(raw, 'shippedFrom');
    if (typeof sf === 'string' && idSchema.safeParse(sf).success) shippedFrom = sf;
    else if (sf !== undefined && sf !== null) {
      repairs.push(`"shippedFrom" ${describeValue(sf)} is not a scenario id; it was cleared`);
    }

    const unknown = Object.keys(raw).filter((k) => !DOCUMENT_KEYS.has(k));
    if (unknown.length > 0) {
      repairs.push(`ignored unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map((k) => describeValue(k)).join(', ')} in the document`);
    }
    return { ok: true, document: { scenario, annotations: restored.annotations, shippedFrom }, repairs };
  } catch (err) {
    return {
      ok: false,
      problems: [{ path: '(document)', message: `could not be read (${err instanceof Error ? err.message : 'unknown error'})` }],
    };
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
