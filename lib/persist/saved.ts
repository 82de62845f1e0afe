/**
 * The formats persisted in browser storage, their versions and migrations.
 *
 * Three records, each its own key (see repository.ts):
 *
 * - saved document  `doc:<id>`     `{ kind: "branchpoint-saved", version, revision, savedAt, tabId, document }`
 * - session (view)  `view:<id>`    `{ kind: "branchpoint-session", version, view }`
 *                                   (never part of the document record, never exported)
 * - library index   `library`      `{ kind: "branchpoint-library", version, currentId, docs: [...] }`
 *
 * Decoding a saved document: safeParseJson → kind → version (a version from the
 * future is refused and left untouched) → the record's own migrations → the
 * envelope fields (repaired if odd) → `restoreDocument` (which validates,
 * migrates the scenario's `schemaVersion` and repairs the document).
 *
 * Every function here returns a result instead of throwing, on any input.
 *
 * Rules for changing a record's format:
 *   1. bump its *_VERSION below;
 *   2. add a step to its migration table (`SAVED_MIGRATIONS[old]` turns version old into old + 1);
 *   3. freeze a fixture tests/fixtures/saved/saved-v<old>-*.json holding a record of the
 *      old version (never edit or delete fixtures) and test that it loads.
 */
import { restoreDocument, restoreView } from '@/lib/io/restore';
import { safeParseJson } from '@/lib/io/safe-json';
import { describeProblem } from '@/lib/model/integrity';
import { SCENARIO_SCHEMA_VERSION } from '@/lib/model/schema';
import type { ViewState, WorkDocument } from '@/lib/doc/types';

export const SAVED_KIND = 'branchpoint-saved';
export const SESSION_KIND = 'branchpoint-session';
export const LIBRARY_KIND = 'branchpoint-library';

export const SAVED_VERSION = 1;
export const SESSION_VERSION = 1;
export const LIBRARY_VERSION = 1;

export interface SavedRecord {
  kind: typeof SAVED_KIND;
  version: typeof SAVED_VERSION;
  /** 1 on the first save, +1 on every save; the optimistic-concurrency token. */
  revision: number;
  /** ISO timestamp of the save. */
  savedAt: string;
  /** The tab that wrote it. */
  tabId: string;
  document: WorkDocument;
}

export interface SessionRecord {
  kind: typeof SESSION_KIND;
  version: typeof SESSION_VERSION;
  view: ViewState;
}

export interface LibraryEntry {
  id: string;
  title: string;
  shippedFrom: string | null;
  /** ISO timestamp of the last save. */
  updatedAt: string;
}

export interface LibraryRecord {
  kind: typeof LIBRARY_KIND;
  version: typeof LIBRARY_VERSION;
  currentId: string | null;
  docs: LibraryEntry[];
}

// ---------------------------------------------------------------------------
// Document ids (used in storage keys, so never a ":")

export const DOC_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

export function isValidDocId(id: unknown): id is string {
  return typeof id === 'string' && DOC_ID_PATTERN.test(id);
}

// ---------------------------------------------------------------------------
// Record migrations (the envelope; the scenario inside has its own, in lib/model/migrations.ts)

export type JsonObject = Record<string, unknown>;

export interface RecordMigration {
  description: string;
  up: (record: JsonObject) => JsonObject;
}

export type RecordMigrations = Readonly<Record<number, RecordMigration>>;

/** `SAVED_MIGRATIONS[n]` turns a version-n saved record into version n + 1. None yet: version 1 is the first. */
export const SAVED_MIGRATIONS: RecordMigrations = Object.freeze({});
export const SESSION_MIGRATIONS: RecordMigrations = Object.freeze({});
export const LIBRARY_MIGRATIONS: RecordMigrations = Object.freeze({});

export type RecordMigrationResult =
  | { status: 'ok'; record: JsonObject; applied: number[] }
  | { status: 'corrupt'; message: string }
  | { status: 'too-new'; message: string };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

const NOUN: Record<string, string> = {
  [SAVED_KIND]: 'saved document',
  [SESSION_KIND]: 'saved view',
  [LIBRARY_KIND]: 'list of saved documents',
};

export function tooNewMessage(what: string, version: number, current: number): string {
  return `This ${what} was saved by a newer version of Branchpoint (format ${version}; this version reads up to ${current}). It has been left untouched: update Branchpoint to open it.`;
}

/**
 * Checks `kind` and `version` and runs the record's migrations up to
 * `target`. Never throws; never modifies the input.
 */
export function migrateRecord(
  input: unknown,
  kind: string,
  target: number,
  migrations: RecordMigrations,
): RecordMigrationResult {
  const what = NOUN[kind] ?? 'record';
  if (!isObject(input)) return { status: 'corrupt', message: `the ${what} is not an object` };
  if (own(input, 'kind') !== kind) {
    return { status: 'corrupt', message: `this is not a Branchpoint ${what} (its "kind" is ${JSON.stringify(own(input, 'kind')) ?? 'missing'})` };
  }
  const version = own(input, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { status: 'corrupt', message: `the ${what} has no valid "version" (found ${JSON.stringify(version) ?? 'nothing'})` };
  }
  if (version > target) return { status: 'too-new', message: tooNewMessage(what, version, target) };
  let record: JsonObject = input;
  const applied: number[] = [];
  for (let v = version; v < target; v++) {
    const step = Object.prototype.hasOwnProperty.call(migrations, v) ? migrations[v] : undefined;
    if (!step) return { status: 'corrupt', message: `there is no migration for the ${what} from format ${v} to ${v + 1}` };
    try {
      const next = step.up(record);
      if (!isObject(next)) return { status: 'corrupt', message: `the ${what} migration from format ${v} to ${v + 1} failed` };
      record = { ...next, kind, version: v + 1 };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { status: 'corrupt', message: `the ${what} migration from format ${v} to ${v + 1} failed: ${why}` };
    }
    applied.push(v);
  }
  return { status: 'ok', record, applied };
}

// ---------------------------------------------------------------------------
// Saved document

export type DecodeSavedResult =
  | {
      status: 'ok';
      record: SavedRecord;
      /** What was repaired (envelope and document); empty if nothing. */
      repairs: string[];
      /** The stored text is not what this version would write (older format, repairs): worth a backup before it is replaced. */
      changed: boolean;
    }
  | { status: 'corrupt'; message: string }
  | { status: 'too-new'; message: string };

export function encodeSaved(record: Omit<SavedRecord, 'kind' | 'version'>): string {
  const full: SavedRecord = {
    kind: SAVED_KIND,
    version: SAVED_VERSION,
    revision: record.revision,
    savedAt: record.savedAt,
    tabId: record.tabId,
    document: record.document,
  };
  return JSON.stringify(full);
}

/**
 * Size limit for text read back from this browser's storage. `safeParseJson`
 * defaults to 10 MB for files; a saved annotated scenario may be larger, and
 * what this app wrote must always be readable again.
 */
export const SAVED_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Parses stored JSON text without throwing, through `safeParseJson`.
 *
 * One deliberate leniency: `safeParseJson` also refuses *text content* that is
 * unwelcome in imported files (NUL, bidirectional controls, lone surrogates).
 * Nothing stops an analyst typing or pasting such characters (bidi controls
 * are common in pasted right-to-left quotes), and the app saves them; refusing
 * them here would turn the user's own saved work into "damaged data". So when
 * `safeParseJson` refuses text that `JSON.parse` reads, the parsed value is
 * used: every reader of saved data picks known fields with own-property reads
 * (the envelope here, `restoreDocument` for the document), so forbidden keys
 * such as "__proto__" are never merged anywhere.
 */
export function parseText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    const r = safeParseJson(text, { maxBytes: SAVED_MAX_BYTES });
    if (r.ok) return { ok: true, value: r.value };
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, message: r.message };
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Decodes the text stored under `doc:<id>`. Never throws. */
export function decodeSaved(text: string, migrations: RecordMigrations = SAVED_MIGRATIONS): DecodeSavedResult {
  const parsed = parseText(text);
  if (!parsed.ok) return { status: 'corrupt', message: `the saved document is not valid JSON (${parsed.message})` };
  const migrated = migrateRecord(parsed.value, SAVED_KIND, SAVED_VERSION, migrations);
  if (migrated.status !== 'ok') return migrated;
  const rec = migrated.record;
  const repairs: string[] = [];

  let revision = own(rec, 'revision');
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
    repairs.push(`the saved revision was ${JSON.stringify(revision) ?? 'missing'}; it is now 1`);
    revision = 1;
  }
  let savedAt = own(rec, 'savedAt');
  if (typeof savedAt !== 'string') {
    repairs.push('the save time was missing');
    savedAt = '';
  }
  let tabId = own(rec, 'tabId');
  if (typeof tabId !== 'string') {
    repairs.push('the saving tab was not recorded');
    tabId = 'unknown';
  }

  const rawDoc = own(rec, 'document');
  if (!isObject(rawDoc)) return { status: 'corrupt', message: 'the saved record holds no document' };
  // A scenario from a newer Branchpoint is "too new", not "corrupt": it must be left untouched.
  const rawScenario = own(rawDoc, 'scenario');
  if (isObject(rawScenario)) {
    const sv = own(rawScenario, 'schemaVersion');
    if (typeof sv === 'number' && Number.isInteger(sv) && sv > SCENARIO_SCHEMA_VERSION) {
      return { status: 'too-new', message: tooNewMessage('saved document', sv, SCENARIO_SCHEMA_VERSION).replace('(format', '(scenario schema') };
    }
  }

  let restored: ReturnType<typeof restoreDocument>;
  try {
    restored = restoreDocument(rawDoc);
  } catch (error) {
    return { status: 'corrupt', message: `the saved document could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!restored.ok) {
    const shown = restored.problems.slice(0, 5).map(describeProblem).join('; ');
    const more = restored.problems.length > 5 ? ` and ${restored.problems.length - 5} more` : '';
    return { status: 'corrupt', message: `the saved document is damaged: ${shown}${more}` };
  }
  repairs.push(...restored.repairs);

  const record: SavedRecord = {
    kind: SAVED_KIND,
    version: SAVED_VERSION,
    revision: revision as number,
    savedAt: savedAt as string,
    tabId: tabId as string,
    document: restored.document,
  };
  const sv = isObject(rawScenario) ? own(rawScenario, 'schemaVersion') : undefined;
  const changed = migrated.applied.length > 0 || repairs.length > 0 || sv !== SCENARIO_SCHEMA_VERSION;
  return { status: 'ok', record, repairs, changed };
}

/**
 * Reads only the envelope of a saved record (kind, version, revision), for
 * listing and for rebuilding the library. Never throws.
 */
export function peekSaved(text: string):
  | { status: 'ok'; revision: number; title: string | null; shippedFrom: string | null; savedAt: string | null }
  | { status: 'corrupt'; message: string }
  | { status: 'too-new'; message: string } {
  const parsed = parseText(text);
  if (!parsed.ok) return { status: 'corrupt', message: `not valid JSON (${parsed.message})` };
  const migrated = migrateRecord(parsed.value, SAVED_KIND, SAVED_VERSION, SAVED_MIGRATIONS);
  if (migrated.status !== 'ok') return migrated;
  const rec = migrated.record;
  const revision = own(rec, 'revision');
  const doc = own(rec, 'document');
  const scenario = isObject(doc) ? own(doc, 'scenario') : undefined;
  const title = isObject(scenario) ? own(scenario, 'title') : undefined;
  const shippedFrom = isObject(doc) ? own(doc, 'shippedFrom') : undefined;
  const savedAt = own(rec, 'savedAt');
  return {
    status: 'ok',
    revision: typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 1 ? revision : 1,
    title: typeof title === 'string' ? title : null,
    shippedFrom: typeof shippedFrom === 'string' ? shippedFrom : null,
    savedAt: typeof savedAt === 'string' ? savedAt : null,
  };
}

// ---------------------------------------------------------------------------
// Session (view)

export function encodeSession(view: ViewState): string {
  const rec: SessionRecord = { kind: SESSION_KIND, version: SESSION_VERSION, view };
  return JSON.stringify(rec);
}

/**
 * Decodes the text stored under `view:<id>` against the document it belongs
 * to (`restoreView` drops ids the document no longer has). Session data is
 * not the user's work: anything unreadable yields the default view, and a view
 * saved by a newer version is ignored (not overwritten until the user changes
 * the view). Never throws.
 */
export function decodeSession(
  text: string | undefined,
  document: WorkDocument,
): { view: ViewState; status: 'ok' | 'missing' | 'reset' | 'too-new' } {
  const fallback = (status: 'missing' | 'reset' | 'too-new') => ({ view: safeRestoreView(undefined, document), status });
  if (text === undefined) return fallback('missing');
  const parsed = parseText(text);
  if (!parsed.ok) return fallback('reset');
  const migrated = migrateRecord(parsed.value, SESSION_KIND, SESSION_VERSION, SESSION_MIGRATIONS);
  if (migrated.status === 'too-new') return fallback('too-new');
  if (migrated.status !== 'ok') return fallback('reset');
  return { view: safeRestoreView(own(migrated.record, 'view'), document), status: 'ok' };
}

function safeRestoreView(raw: unknown, document: WorkDocument): ViewState {
  try {
    return restoreView(raw, document);
  } catch {
    return { expanded: [], selectedId: null, viewport: null };
  }
}

// ---------------------------------------------------------------------------
// Library index

export function emptyLibrary(): LibraryRecord {
  return { kind: LIBRARY_KIND, version: LIBRARY_VERSION, currentId: null, docs: [] };
}

export function encodeLibrary(library: LibraryRecord): string {
  return JSON.stringify({ kind: LIBRARY_KIND, version: LIBRARY_VERSION, currentId: library.currentId, docs: library.docs });
}

export type DecodeLibraryResult =
  | { status: 'ok'; library: LibraryRecord; repairs: string[] }
  | { status: 'corrupt'; message: string }
  | { status: 'too-new'; message: string };

/** Decodes the library index; odd entries are dropped (reported as repairs). Never throws. */
export function decodeLibrary(text: string): DecodeLibraryResult {
  const parsed = parseText(text);
  if (!parsed.ok) return { status: 'corrupt', message: `the list of saved documents is not valid JSON (${parsed.message})` };
  const migrated = migrateRecord(parsed.value, LIBRARY_KIND, LIBRARY_VERSION, LIBRARY_MIGRATIONS);
  if (migrated.status !== 'ok') return migrated;
  const rec = migrated.record;
  const repairs: string[] = [];
  const rawDocs = own(rec, 'docs');
  if (!Array.isArray(rawDocs)) return { status: 'corrupt', message: 'the list of saved documents has no "docs" list' };
  const docs: LibraryEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rawDocs.length; i++) {
    const e: unknown = rawDocs[i];
    if (!isObject(e) || !isValidDocId(own(e, 'id'))) {
      repairs.push(`docs[${i}] was not a valid entry and was dropped`);
      continue;
    }
    const id = own(e, 'id') as string;
    if (seen.has(id)) {
      repairs.push(`docs[${i}] repeated "${id}" and was dropped`);
      continue;
    }
    seen.add(id);
    const title = own(e, 'title');
    const shippedFrom = own(e, 'shippedFrom');
    const updatedAt = own(e, 'updatedAt');
    docs.push({
      id,
      title: typeof title === 'string' ? title : id,
      shippedFrom: typeof shippedFrom === 'string' ? shippedFrom : null,
      updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
    });
  }
  let currentId = own(rec, 'currentId');
  if (currentId !== null && !isValidDocId(currentId)) {
    repairs.push('the current document id was not valid');
    currentId = null;
  }
  return { status: 'ok', library: { kind: LIBRARY_KIND, version: LIBRARY_VERSION, currentId: currentId as string | null, docs }, repairs };
}
