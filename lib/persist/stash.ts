/**
 * The stash: unsaved changes written synchronously (localStorage) at page
 * exit, because an IndexedDB write started in `pagehide` may never finish.
 * Read back on the next load through the same intake as every stored value.
 *
 * Record under `branchpoint:unsaved:<docId>` (a second stash for the same
 * document, written while the first still held changes stored nowhere else,
 * gets `branchpoint:unsaved:<docId>~<n>`):
 *   `{ kind: "branchpoint-stash", version, docId, base, tabId, at, document, view, room? }`
 * (`room`: a shared room's copy bound to its room, the room's state at that moment: see saved.ts `RoomState`)
 * Version 0 is the same without `kind` and `version` (written before the stash
 * was versioned).
 */
import { ownField as own, type JsonObject, type MigrationTrack } from '@/lib/migrate/engine';
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { intake, type Codec, type Intake } from './intake';
import { decodeDocumentField, decodeRoomField, isValidDocId, type RoomState } from './saved';

/** A synchronous key-value store (localStorage in the app). */
export interface SyncStash {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

export const STASH_PREFIX = 'branchpoint:unsaved:';
export const STASH_KIND = 'branchpoint-stash';
export const STASH_VERSION = 1;

export const STASH_TRACK: MigrationTrack = Object.freeze({
  subject: 'stash',
  versionKey: 'version',
  oldest: 1,
  current: STASH_VERSION,
  unversioned: 0,
  steps: Object.freeze({
    0: { description: 'name the record: add kind "branchpoint-stash"', up: (r: JsonObject) => ({ ...r, kind: STASH_KIND }) },
  }),
});

export interface StashRecord {
  docId: string;
  /** The stored revision the changes are based on (0: never saved). */
  base: number;
  tabId: string;
  at: string;
  document: WorkDocument;
  /** The raw view (checked against the document when it is loaded). */
  view: unknown;
  /** The shared room's state with the changes (a room's copy); undefined: keep the stored one. */
  room?: RoomState;
}

export const STASH_CODEC: Codec<StashRecord> = {
  kind: STASH_KIND,
  track: STASH_TRACK,
  decode(rec) {
    const docId = own(rec, 'docId');
    const base = own(rec, 'base');
    if (!isValidDocId(docId) || typeof base !== 'number' || !Number.isSafeInteger(base) || base < 0) {
      return { ok: false, reason: { code: 'stash-fields' } };
    }
    const doc = decodeDocumentField(own(rec, 'document'));
    if (!doc.ok) return doc;
    const tabId = own(rec, 'tabId');
    const at = own(rec, 'at');
    const room = decodeRoomField(own(rec, 'room'));
    return {
      ok: true,
      value: {
        docId,
        base,
        tabId: typeof tabId === 'string' ? tabId : '',
        at: typeof at === 'string' ? at : '',
        document: doc.value,
        view: own(rec, 'view'),
        ...(room.ok && room.value ? { room: room.value } : {}),
      },
      repairs: room.ok ? doc.repairs : [...doc.repairs, { code: 'room-state-dropped' }],
    };
  },
};

export function encodeStash(rec: { docId: string; base: number; tabId: string; at: string; document: WorkDocument; view: ViewState; room?: RoomState }): string {
  return JSON.stringify({ kind: STASH_KIND, version: STASH_VERSION, ...rec });
}

export function decodeStash(stored: unknown): Intake<StashRecord> {
  return intake(stored, STASH_CODEC);
}

/** The document id a stash key names (for a stash too damaged to say), made safe for a backup key. */
export function stashKeyId(key: string): string {
  const rest = key.startsWith(STASH_PREFIX) ? key.slice(STASH_PREFIX.length) : key;
  const id = rest.replace(/~\d+$/, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  return id || 'unknown';
}

/** Wraps a `Storage` (window.localStorage) as a stash; undefined when storage is not available. */
export function storageStash(getStorage: () => Storage): SyncStash | undefined {
  try {
    const ls = getStorage();
    return {
      get: (k) => ls.getItem(k),
      set: (k, v) => ls.setItem(k, v),
      remove: (k) => ls.removeItem(k),
      keys: () => Array.from({ length: ls.length }, (_, i) => ls.key(i)).filter((k): k is string => k !== null),
    };
  } catch {
    return undefined;
  }
}
