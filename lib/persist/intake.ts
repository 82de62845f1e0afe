/**
 * The one path every value found in storage takes, whatever its type or
 * shape, whichever store it came from (IndexedDB, the localStorage stash, and
 * later shared scenarios):
 *
 *   stored value ─► intake(value, codec) ─► ok (validated, migrated, repaired)
 *                                          │  missing
 *                                          │  too-new (left untouched, never overwritten)
 *                                          └► damaged (reason + the text to keep aside)
 *
 * - `undefined` is missing; nothing else is.
 * - Text is parsed (safely); any other value (an object stored by another
 *   build or an extension, `null`, a number) is read as the value it is, and
 *   reported as a repair so the original is kept aside before it is replaced.
 * - The record's kind and version go through the one migration engine.
 * - The codec validates the fields and returns the value or a reason.
 * - Nothing throws: an exception anywhere is a `damaged` result.
 *
 * What to do with a damaged value (keep it aside as a `backup:` copy, never
 * delete or overwrite it, tell the user) is the repository's `takeIn`.
 */
import { isJsonObject, kindOfValue, migrate, ownField, type JsonObject, type MigrationFailure, type MigrationTrack } from '@/lib/migrate/engine';
import { safeParseJson } from '@/lib/io/safe-json';
import { storedText } from './kv';
import type { DamageReason, Repair } from './reasons';

export type Decoded<T> = { ok: true; value: T; repairs: Repair[]; changed?: boolean } | { ok: false; reason: DamageReason } | { ok: false; tooNew: MigrationFailure };

export interface Codec<T> {
  /** The record's `kind` field. */
  kind: string;
  track: MigrationTrack;
  /** Reads the fields of a record of the current version. May throw (reported as damage). */
  decode(record: JsonObject): Decoded<T>;
}

export type Intake<T> =
  | { status: 'missing' }
  | {
      status: 'ok';
      value: T;
      repairs: Repair[];
      /** The stored value is not what this version would write (older format, repairs, not text): keep it aside before replacing it. */
      changed: boolean;
    }
  | { status: 'damaged'; reason: DamageReason; text: string }
  | { status: 'too-new'; failure: MigrationFailure };

/**
 * Size limit for text read back from this browser's storage. `safeParseJson`
 * defaults to 10 MB for files; a saved annotated scenario may be larger, and
 * what this app wrote must always be readable again.
 */
export const STORED_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Parses stored JSON text without throwing, through `safeParseJson`.
 *
 * One deliberate leniency: `safeParseJson` also refuses *text content* that is
 * unwelcome in imported files (NUL, bidirectional controls, lone surrogates).
 * Nothing stops an analyst typing or pasting such characters, and the app
 * saves them; refusing them here would turn the user's own saved work into
 * "damaged data". So when `safeParseJson` refuses text that `JSON.parse`
 * reads, the parsed value is used: every reader of stored data picks known
 * fields with own-property reads, so forbidden keys such as "__proto__" are
 * never merged anywhere.
 */
export function parseText(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    const r = safeParseJson(text, { maxBytes: STORED_MAX_BYTES });
    if (r.ok) return { ok: true, value: r.value };
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, detail: r.message };
    }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs one stored value through parsing, kind, version, migration and the codec. Never throws. */
export function intake<T>(stored: unknown, codec: Codec<T>): Intake<T> {
  if (stored === undefined) return { status: 'missing' };
  const damaged = (reason: DamageReason): Intake<T> => ({ status: 'damaged', reason, text: storedText(stored) });
  try {
    const repairs: Repair[] = [];
    let value: unknown;
    if (typeof stored === 'string') {
      const parsed = parseText(stored);
      if (!parsed.ok) return damaged({ code: 'not-json', detail: parsed.detail });
      value = parsed.value;
    } else {
      value = stored;
      repairs.push({ code: 'stored-not-text', found: kindOfValue(stored) });
    }
    if (!isJsonObject(value)) return damaged({ code: 'not-a-record', found: kindOfValue(value) });
    const kind = ownField(value, 'kind');
    const legacy = kind === undefined && codec.track.unversioned !== undefined && ownField(value, codec.track.versionKey) === undefined;
    if (kind !== codec.kind && !legacy) return damaged({ code: 'wrong-kind', found: typeof kind === 'string' ? kind.slice(0, 40) : null });
    const migrated = migrate(codec.track, value);
    if (!migrated.ok) {
      if (migrated.reason.code === 'too-new') return { status: 'too-new', failure: migrated };
      return damaged({ code: 'version', failure: migrated });
    }
    const decoded = codec.decode({ ...migrated.value, kind: codec.kind });
    if (!decoded.ok) {
      if ('tooNew' in decoded) return { status: 'too-new', failure: decoded.tooNew };
      return damaged(decoded.reason);
    }
    repairs.push(...decoded.repairs);
    return {
      status: 'ok',
      value: decoded.value,
      repairs,
      changed: repairs.length > 0 || migrated.applied.length > 0 || decoded.changed === true,
    };
  } catch (error) {
    return damaged({ code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
  }
}
