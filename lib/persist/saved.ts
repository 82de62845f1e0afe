/**
 * The formats persisted in browser storage, as codecs for the one intake
 * (intake.ts) and tracks for the one migration engine (lib/migrate/engine.ts).
 *
 * Three records, each its own key (see repository.ts), plus the stash (stash.ts):
 *
 * - saved document  `doc:<id>`     `{ kind: "branchpoint-saved", version, revision, savedAt, tabId, document, room? }`
 *                                   (`room`, only on the copy of a shared room: `{ room, update }`, the room's
 *                                   Yjs state as base64 (lib/sync/saved-state), written in the same record as
 *                                   the document it projects to, so the two are always saved together)
 * - session (view)  `view:<id>`    `{ kind: "branchpoint-session", version, view }`
 *                                   (never part of the document record, never exported)
 * - library index   `library`      `{ kind: "branchpoint-library", version, currentId, docs: [...] }`
 *
 * Decoding a saved document: intake (text or any value) → kind → version (a
 * version from the future is refused and left untouched) → the record's own
 * steps → the envelope fields (repaired if odd) → `restoreDocument` (which
 * validates, migrates the scenario's `schemaVersion` and repairs the document).
 *
 * Every function here returns a result instead of throwing, on any input.
 *
 * Rules for changing a record's format:
 *   1. bump its track's `current`;
 *   2. add a step to its track (`steps[old]` turns version old into old + 1);
 *   3. freeze a fixture tests/fixtures/saved/saved-v<old>-*.json holding a record of the
 *      old version (never edit or delete fixtures) and test that it loads.
 */
import { restoreDocument, restoreView } from '@/lib/io/restore';
import { checkSchemaVersion } from '@/lib/model/migrations';
import { SCENARIO_SCHEMA_VERSION } from '@/lib/model/schema';
import { isJsonObject, ownField as own, type JsonObject, type MigrationTrack } from '@/lib/migrate/engine';
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { intake, type Codec, type Decoded, type Intake } from './intake';
import type { Repair } from './reasons';

export const SAVED_KIND = 'branchpoint-saved';
export const SESSION_KIND = 'branchpoint-session';
export const LIBRARY_KIND = 'branchpoint-library';

export const SAVED_VERSION = 1;
export const SESSION_VERSION = 1;
export const LIBRARY_VERSION = 1;

/** The record tracks. Version 1 is the first of each: no steps yet. */
export const SAVED_TRACK: MigrationTrack = Object.freeze({ subject: 'saved', versionKey: 'version', oldest: 1, current: SAVED_VERSION, steps: Object.freeze({}) });
export const SESSION_TRACK: MigrationTrack = Object.freeze({ subject: 'session', versionKey: 'version', oldest: 1, current: SESSION_VERSION, steps: Object.freeze({}) });
export const LIBRARY_TRACK: MigrationTrack = Object.freeze({ subject: 'library', versionKey: 'version', oldest: 1, current: LIBRARY_VERSION, steps: Object.freeze({}) });

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
  /** The room this document is the copy of, with its Yjs state (a shared room's copy only). */
  room?: RoomState;
}

/**
 * A shared room's Yjs state kept with its copy: the room's name and
 * `Y.encodeStateAsUpdate` of its Y.Doc as base64. Read back on rejoining, so
 * edits made while the sync server could not be reached survive a reload and
 * are sent when it is back.
 */
export interface RoomState {
  room: string;
  update: string;
  /**
   * This analyst's edits in it that the sync server had not acknowledged when it was saved (a new step, an
   * undo or a redo each; lib/sync/binding `onEdit`). Absent in states saved before it was kept: not known.
   */
  unsent?: number;
}

/** More unsent edits than this is not a count this app writes: the field is dropped as damaged. */
export const MAX_UNSENT = 1_000_000;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Room names as the sync server makes them (lib/sync/invite), and a little more: never a key's `:`. */
const ROOM_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** The `room` field of a saved record: absent, a valid state, or damaged (dropped, and reported as a repair). */
export function decodeRoomField(raw: unknown): { ok: true; value: RoomState | undefined } | { ok: false } {
  if (raw === undefined) return { ok: true, value: undefined };
  if (!isJsonObject(raw)) return { ok: false };
  const room = own(raw, 'room');
  const update = own(raw, 'update');
  if (typeof room !== 'string' || !ROOM_NAME.test(room)) return { ok: false };
  if (typeof update !== 'string' || update.length === 0 || update.length % 4 !== 0 || !BASE64.test(update)) return { ok: false };
  // A count that is not one is dropped alone (read as not known): the room's state itself is good.
  const unsent = own(raw, 'unsent');
  const counted = typeof unsent === 'number' && Number.isInteger(unsent) && unsent >= 0 && unsent <= MAX_UNSENT;
  return { ok: true, value: counted ? { room, update, unsent } : { room, update } };
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
// Saved document

export function encodeSaved(record: Omit<SavedRecord, 'kind' | 'version'>): string {
  const full: SavedRecord = {
    kind: SAVED_KIND,
    version: SAVED_VERSION,
    revision: record.revision,
    savedAt: record.savedAt,
    tabId: record.tabId,
    document: record.document,
    ...(record.room ? { room: record.room } : {}),
  };
  return JSON.stringify(full);
}

/** Reads a work document out of a record field: validated, migrated, repaired. */
export function decodeDocumentField(rawDoc: unknown): Decoded<WorkDocument> {
  if (!isJsonObject(rawDoc)) return { ok: false, reason: { code: 'no-document' } };
  // A scenario from a newer Branchpoint is "too new", not "damaged": it must be left untouched.
  const rawScenario = own(rawDoc, 'scenario');
  const sv = isJsonObject(rawScenario) ? own(rawScenario, 'schemaVersion') : undefined;
  const checked = checkSchemaVersion(sv);
  if (!checked.ok && checked.reason.code === 'too-new') {
    return { ok: false, tooNew: { ok: false, subject: 'scenario', versionKey: 'schemaVersion', oldest: 1, current: SCENARIO_SCHEMA_VERSION, reason: checked.reason } };
  }
  const restored = restoreDocument(rawDoc);
  if (!restored.ok) return { ok: false, reason: { code: 'invalid-document', problems: restored.problems.slice(0, 5), more: Math.max(0, restored.problems.length - 5) } };
  return {
    ok: true,
    value: restored.document,
    repairs: restored.repairs.map((repair) => ({ code: 'document', repair })),
    changed: sv !== SCENARIO_SCHEMA_VERSION,
  };
}

export const SAVED_CODEC: Codec<SavedRecord> = {
  kind: SAVED_KIND,
  track: SAVED_TRACK,
  decode(rec) {
    const repairs: Repair[] = [];
    let revision = own(rec, 'revision');
    if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
      repairs.push({ code: 'revision-reset', found: String(JSON.stringify(revision) ?? 'nothing').slice(0, 30) });
      revision = 1;
    }
    let savedAt = own(rec, 'savedAt');
    if (typeof savedAt !== 'string') {
      repairs.push({ code: 'saved-at-missing' });
      savedAt = '';
    }
    let tabId = own(rec, 'tabId');
    if (typeof tabId !== 'string') {
      repairs.push({ code: 'tab-missing' });
      tabId = 'unknown';
    }
    const doc = decodeDocumentField(own(rec, 'document'));
    if (!doc.ok) return doc;
    repairs.push(...doc.repairs);
    // A damaged room state never costs the document: it is dropped (the repair keeps the original aside).
    const room = decodeRoomField(own(rec, 'room'));
    if (!room.ok) repairs.push({ code: 'room-state-dropped' });
    const value: SavedRecord = {
      kind: SAVED_KIND,
      version: SAVED_VERSION,
      revision: revision as number,
      savedAt: savedAt as string,
      tabId: tabId as string,
      document: doc.value,
      ...(room.ok && room.value ? { room: room.value } : {}),
    };
    return { ok: true, value, repairs, changed: doc.changed };
  },
};

/** Decodes the value stored under `doc:<id>` (text or anything else). Never throws. */
export function decodeSaved(stored: unknown): Intake<SavedRecord> {
  return intake(stored, SAVED_CODEC);
}

// ---------------------------------------------------------------------------
// Session (view)

export function encodeSession(view: ViewState): string {
  const rec: SessionRecord = { kind: SESSION_KIND, version: SESSION_VERSION, view };
  return JSON.stringify(rec);
}

/** The raw view of a session record (checked against its document by `decodeSession`). */
export const SESSION_CODEC: Codec<unknown> = {
  kind: SESSION_KIND,
  track: SESSION_TRACK,
  decode: (rec) => ({ ok: true, value: own(rec, 'view'), repairs: [] }),
};

/**
 * Decodes the value stored under `view:<id>` against the document it belongs
 * to (`restoreView` drops ids the document no longer has). Session data is
 * not the user's work: anything unreadable yields the default view (the
 * repository keeps the unreadable value aside), and a view saved by a newer
 * version is ignored (and not overwritten). Never throws.
 */
export function decodeSession(
  stored: unknown,
  document: WorkDocument,
): { view: ViewState; status: 'ok' | 'missing' | 'reset' | 'too-new' } {
  const r = intake(stored, SESSION_CODEC);
  if (r.status === 'ok') return { view: safeRestoreView(r.value, document), status: 'ok' };
  const status = r.status === 'damaged' ? 'reset' : r.status;
  return { view: safeRestoreView(undefined, document), status };
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

/** The library index; odd entries are dropped (reported as repairs). */
export const LIBRARY_CODEC: Codec<LibraryRecord> = {
  kind: LIBRARY_KIND,
  track: LIBRARY_TRACK,
  decode(rec) {
    const rawDocs = own(rec, 'docs');
    if (!Array.isArray(rawDocs)) return { ok: false, reason: { code: 'no-docs-list' } };
    const repairs: Repair[] = [];
    const docs: LibraryEntry[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < rawDocs.length; i++) {
      const e: unknown = rawDocs[i];
      if (!isJsonObject(e) || !isValidDocId(own(e, 'id'))) {
        repairs.push({ code: 'entry-dropped', index: i });
        continue;
      }
      const id = own(e, 'id') as string;
      if (seen.has(id)) {
        repairs.push({ code: 'entry-repeated', index: i, id });
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
      repairs.push({ code: 'current-invalid' });
      currentId = null;
    }
    return { ok: true, value: { kind: LIBRARY_KIND, version: LIBRARY_VERSION, currentId: currentId as string | null, docs }, repairs };
  },
};

/** Decodes the library index (text or anything else). Never throws. */
export function decodeLibrary(stored: unknown): Intake<LibraryRecord> {
  return intake(stored, LIBRARY_CODEC);
}

export type { JsonObject };
