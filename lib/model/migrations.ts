/**
 * Scenario migrations: the scenario's step list for the one migration engine
 * (lib/migrate/engine.ts). `SCENARIO_MIGRATIONS[n]` upgrades version n to
 * n + 1; the engine checks the version and sets `schemaVersion` after each step.
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
import {
  checkVersion,
  isJsonObject as isObject,
  migrate,
  ownField as get,
  stepVersions,
  type JsonObject,
  type MigrationFailure,
  type MigrationReason,
  type MigrationStep,
  type MigrationTrack,
} from '@/lib/migrate/engine';
import { migrationMessage } from '@/lib/messages/migrate';

export type { JsonObject } from '@/lib/migrate/engine';
export type Migration = MigrationStep;

export type MigrationResult =
  | { ok: true; value: JsonObject; from: number; to: number; applied: number[] }
  | { ok: false; reason: MigrationReason; message: string };

/** The oldest version this build can read. */
export const OLDEST_SCENARIO_VERSION = 1;

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

/** The scenario's track for the migration engine. */
export const SCENARIO_TRACK: MigrationTrack = Object.freeze({
  subject: 'scenario',
  versionKey: 'schemaVersion',
  oldest: OLDEST_SCENARIO_VERSION,
  current: SCENARIO_SCHEMA_VERSION,
  steps: SCENARIO_MIGRATIONS,
});

/** The `from` versions of every step, ascending. */
export function migrationVersions(): number[] {
  return stepVersions(SCENARIO_TRACK);
}

function failure(f: MigrationFailure): { ok: false; reason: MigrationReason; message: string } {
  return { ok: false, reason: f.reason, message: migrationMessage(f) };
}

/**
 * Checks a `schemaVersion` value. Returns the version, or a reason and a
 * person-readable message naming what is wrong.
 */
export function checkSchemaVersion(
  v: unknown,
  current = SCENARIO_SCHEMA_VERSION,
): { ok: true; version: number } | { ok: false; reason: MigrationReason; message: string } {
  const r = checkVersion(SCENARIO_TRACK, v, current);
  if (r.ok) return r;
  return failure({ ok: false, subject: 'scenario', versionKey: 'schemaVersion', oldest: OLDEST_SCENARIO_VERSION, current, reason: r.reason });
}

/**
 * Brings a scenario document up to `target` (the current version by default).
 * The input is not modified. Never throws.
 */
export function migrateScenario(
  input: unknown,
  options: { target?: number; migrations?: Readonly<Record<number, Migration>> } = {},
): MigrationResult {
  const track = options.migrations ? { ...SCENARIO_TRACK, steps: options.migrations } : SCENARIO_TRACK;
  const r = migrate(track, input, { target: options.target });
  return r.ok ? r : failure(r);
}
