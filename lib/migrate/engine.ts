/**
 * The one migration engine. Every versioned format Branchpoint reads (the
 * scenario, the saved document, session and library records, the unsaved
 * stash, the snapshot) is a `MigrationTrack`: where its version is written,
 * the oldest and current versions, and an ordered list of steps, step `n`
 * turning version n into n + 1.
 *
 * `migrate(track, input)` checks the version, refuses a version from the
 * future (reason `too-new`, input untouched), runs the steps in order and
 * returns `{ value, from, to, applied }`, or a reason. It never throws and
 * never modifies its input. Reasons are codes; `lib/messages/migrate.ts`
 * turns them into words.
 *
 * Rules for changing a format:
 *   1. bump the track's `current`;
 *   2. add `steps[old]` (old → old + 1);
 *   3. freeze a fixture of the old version under tests/fixtures (never edit it later).
 */

export type JsonObject = Record<string, unknown>;

export interface MigrationStep {
  /** One line describing what the step does. */
  description: string;
  up: (value: JsonObject) => JsonObject;
}

export type MigrationSubject = 'scenario' | 'snapshot' | 'saved' | 'session' | 'library' | 'stash';

export interface MigrationTrack {
  subject: MigrationSubject;
  /** The field holding the version (`schemaVersion`, `formatVersion`, `version`). */
  versionKey: string;
  oldest: number;
  current: number;
  /** `steps[n]` turns version n into n + 1. */
  steps: Readonly<Record<number, MigrationStep>>;
  /**
   * The version of a value without `versionKey` (a format from before it was
   * versioned). Undefined: a missing version is refused.
   */
  unversioned?: number;
}

/** What a value is, for reasons (never the value itself). */
export type ValueKind = 'null' | 'list' | 'object' | 'text' | 'number' | 'boolean' | 'nothing' | 'other';

export function kindOfValue(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'list';
  switch (typeof v) {
    case 'object':
      return 'object';
    case 'string':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

export type VersionReason =
  | { code: 'version-missing' }
  | { code: 'version-text'; found: string }
  | { code: 'version-not-number'; found: ValueKind }
  | { code: 'version-not-finite' }
  | { code: 'version-fraction'; found: number }
  | { code: 'version-negative'; found: number }
  | { code: 'version-too-old'; found: number; oldest: number }
  | { code: 'too-new'; found: number; current: number };

export type MigrationReason =
  | VersionReason
  | { code: 'not-an-object'; found: ValueKind }
  | { code: 'no-step'; from: number }
  | { code: 'step-failed'; from: number; detail: string };

export interface MigrationFailure {
  ok: false;
  subject: MigrationSubject;
  versionKey: string;
  /** The range this build reads (for messages). */
  oldest: number;
  current: number;
  reason: MigrationReason;
}

export type MigrationOutcome = { ok: true; value: JsonObject; from: number; to: number; applied: number[] } | MigrationFailure;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Owned-property read, so a missing key never falls through to Object.prototype. */
export function ownField(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Checks a version value against a track. */
export function checkVersion(
  track: MigrationTrack,
  v: unknown,
  current = track.current,
): { ok: true; version: number } | { ok: false; reason: VersionReason } {
  if (v === undefined) {
    if (track.unversioned !== undefined) return { ok: true, version: track.unversioned };
    return { ok: false, reason: { code: 'version-missing' } };
  }
  if (typeof v === 'string') return { ok: false, reason: { code: 'version-text', found: v.length > 20 ? `${v.slice(0, 20)}…` : v } };
  if (typeof v !== 'number') return { ok: false, reason: { code: 'version-not-number', found: kindOfValue(v) } };
  if (!Number.isFinite(v)) return { ok: false, reason: { code: 'version-not-finite' } };
  if (!Number.isInteger(v)) return { ok: false, reason: { code: 'version-fraction', found: v } };
  if (v < 0) return { ok: false, reason: { code: 'version-negative', found: v } };
  if (v > current) return { ok: false, reason: { code: 'too-new', found: v, current } };
  const oldest = track.unversioned !== undefined ? Math.min(track.oldest, track.unversioned) : track.oldest;
  if (v < oldest) return { ok: false, reason: { code: 'version-too-old', found: v, oldest } };
  return { ok: true, version: v };
}

/**
 * Brings `input` up to `target` (the track's current version by default).
 * After each step the version field is set to the new version.
 */
export function migrate(track: MigrationTrack, input: unknown, options: { target?: number } = {}): MigrationOutcome {
  const target = options.target ?? track.current;
  const fail = (reason: MigrationReason): MigrationFailure => ({
    ok: false,
    subject: track.subject,
    versionKey: track.versionKey,
    oldest: track.oldest,
    current: target,
    reason,
  });
  if (!isJsonObject(input)) return fail({ code: 'not-an-object', found: kindOfValue(input) });
  const checked = checkVersion(track, ownField(input, track.versionKey), target);
  if (!checked.ok) return fail(checked.reason);
  let value: JsonObject = input;
  const applied: number[] = [];
  for (let v = checked.version; v < target; v++) {
    const step = Object.prototype.hasOwnProperty.call(track.steps, v) ? track.steps[v] : undefined;
    if (!step) return fail({ code: 'no-step', from: v });
    try {
      const next = step.up(value);
      if (!isJsonObject(next)) return fail({ code: 'step-failed', from: v, detail: 'the step returned no object' });
      value = { ...next, [track.versionKey]: v + 1 };
    } catch (error) {
      return fail({ code: 'step-failed', from: v, detail: error instanceof Error ? error.message : String(error) });
    }
    applied.push(v);
  }
  return { ok: true, value, from: checked.version, to: target, applied };
}

/** The `from` versions of every step of a track, ascending. */
export function stepVersions(track: MigrationTrack): number[] {
  return Object.keys(track.steps)
    .map(Number)
    .sort((a, b) => a - b);
}
