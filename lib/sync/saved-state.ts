/**
 * A shared room's Yjs state, kept in this browser with the room's copy so
 * that work in a room survives the sync server being out of reach: edits
 * made offline are in the Y.Doc and in its saved state, a reload reads them
 * back before the provider connects, and the provider's sync then sends them
 * to the server and brings the others' (Yjs merges both ways).
 *
 * Where it is saved: in the copy's own record (lib/persist/saved.ts
 * `RoomState`, the `room` field of `doc:<id>`), written by the ordinary
 * autosave with the document it projects to, through the one repository
 * (same compare-and-set, same quota handling, same keeping aside of damaged
 * data). No second database.
 *
 * Reading it back (`restoreRoomState`), the rule for the copy changed while
 * it was not bound to the room: the saved state and the saved document are
 * written together while bound, so they agree. When they do not, the
 * document was changed while the page was not in the room (opened from the
 * library offline, or saved from the stash of a page that closed before its
 * state was written): that change is the user's, made on top of what the
 * room state says, so it is written into the Y.Doc as a local change, the
 * difference between the room state's reading and the saved document
 * (`applyLocalChange(ydoc, roomView, localCopy, origin)`): only the fields
 * that differ, text as character splices. It is then sent like every other
 * local edit; nothing the user saved is dropped. (Without a saved state, a
 * damaged one set aside or a copy older than this, the difference cannot be
 * told from the others' edits: the room is joined from the server, and a
 * copy that differs from the room's version is first kept as a scenario of
 * its own, `keepRoomCopy` in lib/persist/controller. Every copy gets a
 * saved state as soon as it is bound, so that stays the exception.)
 *
 * Pure TypeScript: no React, no DOM.
 */
import * as Y from 'yjs';
import type { WorkDocument } from '@/lib/doc/types';
import type { RoomState } from '@/lib/persist/saved';
import { canonicalDocument } from '@/lib/io/snapshot';
import { applyLocalChange, decodeDocument, isSeeded } from './ydoc';

/** The origin of the transaction that writes a copy's offline changes into the room (not undoable). */
export const OFFLINE_ORIGIN = 'branchpoint-offline';

/** The origin under which a saved state is applied (a remote-like change: read by the binding, never undone). */
export const RESTORE_ORIGIN = 'branchpoint-restore';

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

/** Throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The state of `ydoc` to save with the copy of `room`, with the count of this analyst's edits not yet acknowledged. */
export function encodeRoomState(room: string, ydoc: Y.Doc, unsent = 0): RoomState {
  return { room, update: toBase64(Y.encodeStateAsUpdate(ydoc)), unsent };
}

export type RoomStateReading =
  | { ok: true; update: Uint8Array; document: WorkDocument }
  /** Holds no scenario (nothing to restore; not damage). */
  | { ok: true; update: Uint8Array; document: null }
  | { ok: false; detail: string };

/** Reads a saved state on a scratch Y.Doc (never on the room's): its update and the document it holds. Never throws. */
export function readRoomState(saved: RoomState): RoomStateReading {
  const scratch = new Y.Doc();
  try {
    const update = fromBase64(saved.update);
    Y.applyUpdate(scratch, update);
    if (!isSeeded(scratch)) return { ok: true, update, document: null };
    const read = decodeDocument(scratch);
    if (!read.ok) return { ok: false, detail: read.problems.map((p) => p.message).slice(0, 3).join('; ') || 'the scenario in it is not valid' };
    return { ok: true, update, document: read.document };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    scratch.destroy();
  }
}

export type Restored =
  /** Applied; `localChanges`: the copy differed and its difference was written as a local change. */
  | { status: 'restored'; localChanges: boolean }
  /** Not for this room, or holding no scenario: nothing applied. */
  | { status: 'none' }
  /** Could not be read: nothing applied (the caller sets it aside and joins from the server). */
  | { status: 'damaged'; detail: string };

const canon = (d: WorkDocument) => JSON.stringify(canonicalDocument(d));

/**
 * Applies the state saved with a room's copy to the room's (fresh) Y.Doc,
 * then writes the copy's own changes made while not bound (see the module
 * comment) under `origin`. `localCopy`: the saved document of the copy.
 */
export function restoreRoomState(ydoc: Y.Doc, room: string, saved: RoomState | null, localCopy: WorkDocument, origin: unknown = OFFLINE_ORIGIN): Restored {
  if (!saved || saved.room !== room) return { status: 'none' };
  const read = readRoomState(saved);
  if (!read.ok) return { status: 'damaged', detail: read.detail };
  if (!read.document) return { status: 'none' };
  Y.applyUpdate(ydoc, read.update, RESTORE_ORIGIN);
  // The difference is taken from the saved state's own reading, never from the room's Y.Doc (which may
  // already hold the others' newer edits from the server: they are not the copy's to take back).
  if (canon(read.document) === canon(localCopy)) return { status: 'restored', localChanges: false };
  applyLocalChange(ydoc, read.document, localCopy, origin);
  return { status: 'restored', localChanges: true };
}
