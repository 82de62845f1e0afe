/**
 * Scenario migrations, tldraw-style: numbered steps, each turning a document
 * of version N into one of version N + 1. `SCENARIO_MIGRATIONS[n]` upgrades
 * version n to n + 1; the engine sets `schemaVersion` after each step.
 *
 * Steps work on plain JSON-shaped objects (`Record<string, unknown>`) and never
 * assume the input is well-formed: anything odd is carried along so that
 * `validateScenario` can name it afterwards. The engine returns a result
 * instead of throwing. Loops only, no recursion over user data.
 *
 * Rules for adding a step:
 *   1. bump SCENARIO_SCHEMA_VERSION in schema.ts;
 *   2. add SCENARIO_MIGRATIONS[old] here;
 *   3. freeze a fixture tests/fixtures/migrations/scenario-v<old>.json (never edit it later).
 * tests/unit/migrations.test.ts fails until every step has its fixture.
 */
import { SCENARIO_SCHEMA_VERSION } from './schema';

export type JsonObject = Record<string, unknown>;
export type MigrationStep = (doc: JsonObject) => JsonObject;

export interface Migration {
  /** One line describing what the step does. */
  description: string;
  up: MigrationStep;
}

export type MigrationResult =
  | { ok: true; value: JsonObject; applied: number[] }
  | { ok: false; message: string };

/** The oldest version this build can read. */
export const OLDEST_SCENARIO_VERSION = 1;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Owned-property read, so a missing key never falls through to Object.prototype. */
function get(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Collections that carried inline `evidence: [{quote, paragraph, sourceId}]` in version 1. */
const V1_EVIDENCE_HOLDERS = ['assumptions', 'risks', 'indicators', 'nodes', 'context'] as const;

/** Builds a dedupe key for an inline quote; only primitives are compared. */
function evidenceKey(entry: unknown, fallback: number): string {
  if (!isObject(entry)) return `\u0001${fallback}`;
  const parts: string[] = [];
  for (const field of ['quote', 'paragraph', 'sourceId']) {
    const v = get(entry, field);
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      parts.push(`${typeof v}:${String(v)}`);
    } else {
      return `\u0001${fallback}`; // odd value: never merged, validation reports it
    }
  }
  return parts.join('\u0000');
}

/**
 * 1 → 2: hoist inline evidence into a top-level `evidence` list with generated
 * ids (`ev-1`, `ev-2`, …), merging identical quote + paragraph + source, and
 * replace each inline list with `evidenceIds`.
 */
function hoistInlineEvidence(doc: JsonObject): JsonObject {
  const out: JsonObject = { ...doc };
  const pooled: JsonObject[] = [];
  const idByKey = new Map<string, string>();
  let odd = 0;

  for (const coll of V1_EVIDENCE_HOLDERS) {
    const list = get(doc, coll);
    if (!Array.isArray(list)) continue;
    const next: unknown[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (!isObject(item) || !Object.prototype.hasOwnProperty.call(item, 'evidence')) {
        next[i] = item;
        continue;
      }
      const inline = item.evidence;
      if (!Array.isArray(inline)) {
        next[i] = item; // left for validation to report ("unknown field evidence")
        continue;
      }
      const ids: string[] = [];
      for (const entry of inline) {
        const key = evidenceKey(entry, odd++);
        let id = idByKey.get(key);
        if (id === undefined) {
          id = `ev-${pooled.length + 1}`;
          idByKey.set(key, id);
          const e: JsonObject = isObject(entry) ? entry : {};
          pooled.push({ id, quote: get(e, 'quote'), paragraph: get(e, 'paragraph'), sourceId: get(e, 'sourceId') });
        }
        if (!ids.includes(id)) ids.push(id);
      }
      const copy: JsonObject = {};
      for (const k of Object.keys(item)) {
        if (k === 'evidence') copy.evidenceIds = ids;
        else copy[k] = item[k];
      }
      next[i] = copy;
    }
    out[coll] = next;
  }
  out.evidence = pooled;
  return out;
}

/** `SCENARIO_MIGRATIONS[n]` upgrades a version-n document to version n + 1. */
export const SCENARIO_MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({
  1: { description: 'hoist inline evidence into a pooled, id-referenced evidence list', up: hoistInlineEvidence },
});

/** The `from` versions of every step, ascending. */
export function migrationVersions(): number[] {
  return Object.keys(SCENARIO_MIGRATIONS)
    .map(Number)
    .sort((a, b) => a - b);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a number out of range';
  return typeof v;
}

/**
 * Checks a `schemaVersion` value. Returns the version, or a person-readable
 * message naming what is wrong.
 */
export function checkSchemaVersion(
  v: unknown,
  current = SCENARIO_SCHEMA_VERSION,
): { ok: true; version: number } | { ok: false; message: string } {
  const range = `a whole number from ${OLDEST_SCENARIO_VERSION} to ${current}`;
  if (v === undefined) return { ok: false, message: `the scenario has no "schemaVersion"; it must be ${range}` };
  if (typeof v === 'string') {
    const shown = JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
    return { ok: false, message: `"schemaVersion" is written as text (${shown}); it must be a number, not text: ${range}` };
  }
  if (typeof v !== 'number') return { ok: false, message: `"schemaVersion" is ${describe(v)}; it must be ${range}` };
  if (!Number.isFinite(v)) return { ok: false, message: `"schemaVersion" is out of range; it must be ${range}` };
  if (!Number.isInteger(v)) return { ok: false, message: `"schemaVersion" is ${v}; it must be ${range}` };
  if (v < 0) return { ok: false, message: `"schemaVersion" is negative (${v}); it must be ${range}` };
  if (v > current) {
    return {
      ok: false,
      message: `this scenario was made by a newer version of Branchpoint (schema ${v}); this version reads up to ${current}. Update Branchpoint to open it`,
    };
  }
  if (v < OLDEST_SCENARIO_VERSION) return { ok: false, message: `"schemaVersion" is ${v}; it must be ${range}` };
  return { ok: true, version: v };
}

/**
 * Brings a scenario document up to `target` (the current version by default).
 * The input is not modified. Never throws.
 */
export function migrateScenario(
  input: unknown,
  options: { target?: number; migrations?: Readonly<Record<number, Migration>> } = {},
): MigrationResult {
  const target = options.target ?? SCENARIO_SCHEMA_VERSION;
  const migrations = options.migrations ?? SCENARIO_MIGRATIONS;
  if (!isObject(input)) return { ok: false, message: `the scenario must be an object, not ${describe(input)}` };
  const checked = checkSchemaVersion(get(input, 'schemaVersion'), target);
  if (!checked.ok) return checked;
  let doc: JsonObject = input;
  const applied: number[] = [];
  for (let v = checked.version; v < target; v++) {
    const step = Object.prototype.hasOwnProperty.call(migrations, v) ? migrations[v] : undefined;
    if (!step) return { ok: false, message: `there is no migration from schema ${v} to ${v + 1}` };
    try {
      const next = step.up(doc);
      if (!isObject(next)) return { ok: false, message: `the migration from schema ${v} to ${v + 1} failed` };
      doc = { ...next, schemaVersion: v + 1 };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { ok: false, message: `the migration from schema ${v} to ${v + 1} failed: ${why}` };
    }
    applied.push(v);
  }
  return { ok: true, value: doc, applied };
}
