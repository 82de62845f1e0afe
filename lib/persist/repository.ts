/**
 * The user's saved documents in browser storage (IndexedDB in the app).
 *
 * Keys:
 *   `library`                  the index of documents (saved.ts LibraryRecord)
 *   `doc:<id>`                 one saved document (SavedRecord), with its revision
 *   `view:<id>`                the session view of it (never part of the document)
 *   `backup:<id>:<timestamp>`  a copy of a stored value kept aside (text byte for
 *                              byte; any other value as its JSON): damaged data,
 *                              or the old-format value before a migrated/repaired
 *                              one replaces it (`backup:_library:<timestamp>` for
 *                              the index, `backup:_unsaved.<id>:<timestamp>` for a
 *                              stash)
 *
 * Guarantees:
 * - Nothing here throws; every outcome is a result (codes and reasons, no
 *   words: lib/messages/persist.ts has them).
 * - Every stored value, of any type, goes through `takeIn` (the intake, then
 *   a backup when it is damaged or about to be replaced): the one path.
 * - Damaged data is copied to a backup key before anything else, and the
 *   original key is never overwritten by a save until the user chooses
 *   `discardCorrupt(id)` (or `deleteDocument(id)`).
 * - Data saved by a newer Branchpoint is never overwritten (saves are refused).
 * - Optimistic concurrency: a save names the revision it is based on; the
 *   write is a compare-and-set on the stored text, so if another tab saved in
 *   between, nothing is written and the caller gets `conflict` with theirs.
 */
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { storageFailure, storedText, type KeyValueStore } from './kv';
import { intake, type Codec, type Intake } from './intake';
import type { DamageReason, Repair, StorageFailure } from './reasons';
import type { MigrationFailure } from '@/lib/migrate/engine';
import {
  decodeSession,
  emptyLibrary,
  encodeLibrary,
  encodeSaved,
  encodeSession,
  isValidDocId,
  LIBRARY_CODEC,
  SAVED_CODEC,
  SESSION_CODEC,
  type LibraryEntry,
  type LibraryRecord,
  type RoomState,
  type SavedRecord,
} from './saved';
import type { BroadcastChannelLike, TabMessage } from './tabs';

export const LIBRARY_KEY = 'library';
export const DOC_PREFIX = 'doc:';
export const VIEW_PREFIX = 'view:';
export const BACKUP_PREFIX = 'backup:';
/** The backup "id" of the library index (not a valid document id, so no clash). */
export const LIBRARY_BACKUP_ID = '_library';
/** The backup "id" of a stash of a document. */
export const stashBackupId = (docId: string) => `_unsaved.${docId}`;

export const docKey = (id: string) => `${DOC_PREFIX}${id}`;
export const viewKey = (id: string) => `${VIEW_PREFIX}${id}`;

export interface RepositoryOptions {
  kv: KeyValueStore;
  /** This tab's id (one per page load; see tabs.ts newTabId). */
  tabId: string;
  now?: () => Date;
  channel?: BroadcastChannelLike;
}

export interface Theirs {
  document: WorkDocument;
  revision: number;
  tabId: string;
  savedAt: string;
}

/** A stored value taken in: the intake's result, and where it was kept aside (null: not needed, or the backup failed). */
export type TakenIn<T> = Intake<T> & { backupKey: string | null };

export type Failed = { status: 'quota' } | { status: 'error'; failure: StorageFailure };

export type LoadDocumentResult =
  | {
      status: 'ok';
      document: WorkDocument;
      revision: number;
      /** What reading repaired; empty if nothing. Show them to the user. */
      repairs: Repair[];
      savedAt: string;
      tabId: string;
      /** Set when the stored value was migrated or repaired: its original was kept here. */
      backupKey: string | null;
      /** The shared room's state saved with it (a room's copy only). */
      room: RoomState | null;
    }
  | { status: 'missing' }
  | {
      status: 'corrupt';
      reason: DamageReason;
      /** Where the damaged value was copied; null if even the backup failed (the original is still untouched). */
      backupKey: string | null;
    }
  | { status: 'too-new'; failure: MigrationFailure }
  | { status: 'error'; failure: StorageFailure };

export type SaveResult =
  | { status: 'saved'; revision: number }
  | { status: 'conflict'; theirs: Theirs }
  | { status: 'refused'; reason: 'corrupt'; damage: DamageReason; backupKey: string | null }
  | { status: 'refused'; reason: 'too-new'; failure: MigrationFailure }
  | { status: 'refused'; reason: 'invalid-id' }
  | { status: 'retry-exhausted' }
  | Failed;

export type SimpleResult = { status: 'ok' } | Failed;

export type DiscardResult = { status: 'discarded'; backupKey: string } | { status: 'missing' } | { status: 'not-corrupt' } | Failed;

export interface LibraryLoad {
  library: LibraryRecord;
  /** Something the user should be told about the index itself. */
  notice:
    | null
    | { status: 'corrupt'; reason: DamageReason; backupKey: string | null }
    | { status: 'too-new'; failure: MigrationFailure }
    /** Storage could not be read at all (disabled, blocked, newer database): nothing can be saved either. */
    | { status: 'error'; failure: StorageFailure };
  repairs: Repair[];
  /** Documents found while rebuilding the index that cannot be read (damaged or newer): to be reported. */
  unreadable: string[];
}

export interface BackupInfo {
  key: string;
  /** The document id, `_library` for the index, `_unsaved.<id>` for a stash. */
  id: string;
  createdAt: string;
}

export interface ViewLoad {
  view: ViewState;
  status: 'ok' | 'missing' | 'reset' | 'too-new';
  /** Set when the stored view could not be read and was kept aside here. */
  backupKey: string | null;
}

export interface Repository {
  readonly tabId: string;
  loadLibrary(): Promise<LibraryLoad>;
  setCurrent(id: string | null): Promise<SimpleResult>;
  loadDocument(id: string): Promise<LoadDocumentResult>;
  /**
   * Saves a document. `room`: the shared room's state to save with it (a
   * room's copy, while bound to the room); null drops it; undefined (the
   * default) keeps the one stored, so a room's copy changed while not in the
   * room keeps the state it had (lib/sync/saved-state reads the difference).
   */
  saveDocument(id: string, document: WorkDocument, baseRevision: number, room?: RoomState | null): Promise<SaveResult>;
  /** Copies the stored value of document `id` to a backup (before a part of it that cannot be used is replaced); its key or null. */
  keepAside(id: string): Promise<string | null>;
  deleteDocument(id: string): Promise<SimpleResult>;
  discardCorrupt(id: string): Promise<DiscardResult>;
  /** The stored value of a document as text (to let the user download damaged data). */
  readStored(id: string): Promise<string | undefined>;
  saveView(id: string, view: ViewState): Promise<SimpleResult | { status: 'refused' }>;
  loadView(id: string, document: WorkDocument): Promise<ViewLoad>;
  /**
   * The one path for a value found in any store (this repository's, the
   * stash, later a shared one): the intake, then, when it is damaged or about
   * to be replaced, a copy kept aside under `backup:<backupId>:…`.
   */
  takeIn<T>(backupId: string, stored: unknown, codec: Codec<T>): Promise<TakenIn<T>>;
  listBackups(): Promise<BackupInfo[]>;
  readBackup(key: string): Promise<string | undefined>;
  deleteBackup(key: string): Promise<SimpleResult>;
  /** Messages from other tabs (never this tab's own). Returns an unsubscribe function. */
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

/** Maps a thrown storage error to a result. */
export function failure(error: unknown): Failed {
  const f = storageFailure(error);
  return f.code === 'quota' ? { status: 'quota' } : { status: 'error', failure: f };
}

function parseBackupKey(key: string): BackupInfo | null {
  if (!key.startsWith(BACKUP_PREFIX)) return null;
  const rest = key.slice(BACKUP_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  const stamp = rest.slice(colon + 1);
  return { key, id: rest.slice(0, colon), createdAt: stamp.replace(/~\d+$/, '') };
}

export function createRepository(options: RepositoryOptions): Repository {
  const { kv, tabId, channel } = options;
  const now = options.now ?? (() => new Date());
  /**
   * The value this tab last read or wrote under `doc:<id>`, known to decode,
   * with its revision: the expected value of the next compare-and-set, so a
   * normal save is one write, not a read and a decode first.
   */
  const known = new Map<string, { raw: unknown; revision: number; room: RoomState | null }>();
  /** Set when the index was written by a newer Branchpoint: never overwrite it. */
  let libraryReadOnly = false;

  const unsubscribeChannel = channel?.subscribe((m) => {
    if (m.tabId !== tabId) known.delete(m.id);
  });

  const post = (message: TabMessage) => {
    try {
      channel?.postMessage(message);
    } catch {
      // a courtesy only
    }
  };

  /**
   * Copies `stored` (as text) to `backup:<id>:<timestamp>` unless an identical
   * backup of that id exists already (so reloading a damaged document does not
   * pile up copies). Never overwrites a key. Returns the key. Throws storage errors.
   */
  const backupOnce = async (id: string, stored: unknown): Promise<string> => {
    const text = storedText(stored);
    const prefix = `${BACKUP_PREFIX}${id}:`;
    for (const key of await kv.keys(prefix)) {
      if ((await kv.get(key)) === text) return key;
    }
    const stamp = now().toISOString();
    for (let n = 1; n < 1000; n++) {
      const key = `${prefix}${stamp}${n === 1 ? '' : `~${n}`}`;
      if (await kv.compareAndSet(key, undefined, text)) return key;
    }
    throw new Error('could not find a free backup key');
  };

  /** `backupOnce`, or null if the backup could not be written (the original is then left untouched). */
  const tryBackup = async (id: string, stored: unknown): Promise<string | null> => {
    try {
      return await backupOnce(id, stored);
    } catch {
      return null;
    }
  };

  const takeIn = async <T>(backupId: string, stored: unknown, codec: Codec<T>): Promise<TakenIn<T>> => {
    const r = intake(stored, codec);
    const keep = r.status === 'damaged' || (r.status === 'ok' && r.changed);
    return { ...r, backupKey: keep ? await tryBackup(backupId, stored) : null };
  };

  /** Builds index entries for documents the index does not list (or all of them). */
  const rebuildEntries = async (existing: LibraryEntry[]): Promise<{ docs: LibraryEntry[]; changed: boolean; unreadable: string[] }> => {
    const keys = await kv.keys(DOC_PREFIX);
    const stored = new Set(keys.map((k) => k.slice(DOC_PREFIX.length)).filter(isValidDocId));
    let changed = false;
    const docs: LibraryEntry[] = [];
    for (const e of existing) {
      if (stored.has(e.id)) docs.push(e);
      else changed = true;
    }
    const listed = new Set(docs.map((d) => d.id));
    const unreadable: string[] = [];
    for (const id of stored) {
      if (listed.has(id)) continue;
      changed = true;
      // A document the index did not list is read in full: one that cannot be read is reported, not just listed.
      const r = intake(await kv.get(docKey(id)), SAVED_CODEC);
      if (r.status === 'missing') continue;
      if (r.status !== 'ok') unreadable.push(id);
      const peek = r.status === 'ok' ? r.value : null;
      docs.push({
        id,
        title: peek?.document.scenario.title ?? id,
        shippedFrom: peek?.document.shippedFrom ?? null,
        updatedAt: peek?.savedAt ?? '',
      });
    }
    return { docs, changed, unreadable };
  };

  /**
   * Read-modify-compare-and-set on the index, retried if another tab wrote it
   * in between. A damaged index is backed up first, then rebuilt from the
   * stored documents. An index from a newer Branchpoint is left alone.
   */
  /**
   * Reads the stored value of document `id` and what the intake makes of it,
   * and hands both to `act`; an id that is not a document's gives `invalid`,
   * a storage error a failure.
   */
  const withStored = async <R>(id: string, invalid: R, act: (raw: unknown, r: Intake<SavedRecord>) => Promise<R>): Promise<R | Failed> => {
    if (!isValidDocId(id)) return invalid;
    try {
      const raw = await kv.get(docKey(id));
      return await act(raw, intake(raw, SAVED_CODEC));
    } catch (error) {
      return failure(error);
    }
  };

  const updateLibrary = async (mutate: (lib: LibraryRecord) => LibraryRecord): Promise<SimpleResult> => {
    if (libraryReadOnly) return { status: 'ok' };
    try {
      for (let attempt = 0; attempt < 8; attempt++) {
        const raw = await kv.get(LIBRARY_KEY);
        const taken = await takeIn(LIBRARY_BACKUP_ID, raw, LIBRARY_CODEC);
        let lib: LibraryRecord;
        if (taken.status === 'too-new') {
          libraryReadOnly = true;
          return { status: 'ok' };
        }
        if (taken.status === 'ok') lib = taken.value;
        else {
          // Missing, or damaged and kept aside: rebuilt from the documents (never over an unsaved copy).
          if (taken.status === 'damaged' && taken.backupKey === null) return { status: 'ok' };
          lib = { ...emptyLibrary(), docs: (await rebuildEntries([])).docs };
        }
        const next = encodeLibrary(mutate({ ...lib, docs: lib.docs.map((d) => ({ ...d })) }));
        if (next === raw) return { status: 'ok' };
        if (await kv.compareAndSet(LIBRARY_KEY, raw, next)) return { status: 'ok' };
      }
      return { status: 'error', failure: { code: 'failed', detail: 'the list of documents kept changing under this tab' } };
    } catch (error) {
      return failure(error);
    }
  };

  const repo: Repository = {
    tabId,
    takeIn,

    async loadLibrary() {
      try {
        const raw = await kv.get(LIBRARY_KEY);
        const taken = await takeIn(LIBRARY_BACKUP_ID, raw, LIBRARY_CODEC);
        if (taken.status === 'missing') {
          const { docs, unreadable } = await rebuildEntries([]);
          const library: LibraryRecord = { ...emptyLibrary(), docs };
          if (docs.length > 0) await kv.compareAndSet(LIBRARY_KEY, undefined, encodeLibrary(library)).catch(() => false);
          return { library, notice: null, repairs: docs.length > 0 ? [{ code: 'library-rebuilt' }] : [], unreadable };
        }
        if (taken.status === 'too-new') {
          libraryReadOnly = true;
          const { docs, unreadable } = await rebuildEntries([]);
          return { library: { ...emptyLibrary(), docs }, notice: { status: 'too-new', failure: taken.failure }, repairs: [], unreadable };
        }
        if (taken.status === 'damaged') {
          const { docs, unreadable } = await rebuildEntries([]);
          const library: LibraryRecord = { ...emptyLibrary(), docs };
          // The index is derived data: once its value is kept aside it is rebuilt from the documents.
          if (taken.backupKey) await kv.compareAndSet(LIBRARY_KEY, raw, encodeLibrary(library)).catch(() => false);
          return { library, notice: { status: 'corrupt', reason: taken.reason, backupKey: taken.backupKey }, repairs: [], unreadable };
        }
        const { docs, changed, unreadable } = await rebuildEntries(taken.value.docs);
        const library: LibraryRecord = { ...taken.value, docs };
        if (library.currentId !== null && !docs.some((d) => d.id === library.currentId)) library.currentId = null;
        const repairs = [...taken.repairs];
        if (changed) repairs.push({ code: 'library-out-of-date' });
        if (changed || taken.changed) await kv.compareAndSet(LIBRARY_KEY, raw, encodeLibrary(library)).catch(() => false);
        return { library, notice: null, repairs, unreadable };
      } catch (error) {
        const f = failure(error);
        return { library: emptyLibrary(), notice: { status: 'error', failure: f.status === 'quota' ? { code: 'quota' } : f.failure }, repairs: [], unreadable: [] };
      }
    },

    setCurrent(id) {
      return updateLibrary((l) => ({ ...l, currentId: id }));
    },

    async loadDocument(id) {
      if (!isValidDocId(id)) return { status: 'missing' };
      let raw: unknown;
      try {
        raw = await kv.get(docKey(id));
      } catch (error) {
        const f = failure(error);
        return { status: 'error', failure: f.status === 'quota' ? { code: 'quota' } : f.failure };
      }
      const taken = await takeIn(id, raw, SAVED_CODEC);
      switch (taken.status) {
        case 'missing':
          known.delete(id);
          return { status: 'missing' };
        case 'too-new':
          known.delete(id);
          return { status: 'too-new', failure: taken.failure };
        case 'damaged':
          known.delete(id);
          return { status: 'corrupt', reason: taken.reason, backupKey: taken.backupKey };
        case 'ok': {
          const r = taken.value;
          known.set(id, { raw, revision: r.revision, room: r.room ?? null });
          return {
            status: 'ok',
            document: r.document,
            revision: r.revision,
            repairs: taken.repairs,
            savedAt: r.savedAt,
            tabId: r.tabId,
            backupKey: taken.backupKey,
            room: r.room ?? null,
          };
        }
      }
    },

    async saveDocument(id, document, baseRevision, room) {
      if (!isValidDocId(id)) return { status: 'refused', reason: 'invalid-id' };
      const key = docKey(id);
      try {
        for (let attempt = 0; attempt < 4; attempt++) {
          let expected: unknown;
          let storedRevision: number;
          let storedRoom: RoomState | null = null;
          const cached = known.get(id);
          if (cached && cached.revision === baseRevision) {
            expected = cached.raw;
            storedRevision = cached.revision;
            storedRoom = cached.room;
          } else {
            const raw = await kv.get(key);
            // Older-format or repaired values about to be replaced are kept aside, as loadDocument does.
            const taken = await takeIn(id, raw, SAVED_CODEC);
            if (taken.status === 'too-new') return { status: 'refused', reason: 'too-new', failure: taken.failure };
            if (taken.status === 'damaged') return { status: 'refused', reason: 'corrupt', damage: taken.reason, backupKey: taken.backupKey };
            if (taken.status === 'missing') {
              // Never saved, or deleted in another tab: writing it (again) loses nothing.
              expected = undefined;
              storedRevision = baseRevision;
            } else {
              const r = taken.value;
              if (r.revision !== baseRevision) {
                known.set(id, { raw, revision: r.revision, room: r.room ?? null });
                return { status: 'conflict', theirs: { document: r.document, revision: r.revision, tabId: r.tabId, savedAt: r.savedAt } };
              }
              // A changed value must be kept aside before it is replaced: no backup, no write.
              if (taken.changed && taken.backupKey === null) return { status: 'quota' };
              expected = raw;
              storedRevision = r.revision;
              storedRoom = r.room ?? null;
            }
          }
          const revision = Math.max(storedRevision, baseRevision) + 1;
          const savedAt = now().toISOString();
          const keptRoom = room === undefined ? storedRoom : room;
          const next = encodeSaved({ revision, savedAt, tabId, document, ...(keptRoom ? { room: keptRoom } : {}) });
          if (await kv.compareAndSet(key, expected, next)) {
            known.set(id, { raw: next, revision, room: keptRoom });
            const entry: LibraryEntry = { id, title: document.scenario.title, shippedFrom: document.shippedFrom, updatedAt: savedAt };
            await updateLibrary((l) => ({ ...l, docs: mergeEntries(l.docs, [entry]) }));
            post({ type: 'saved', id, revision, tabId });
            return { status: 'saved', revision };
          }
          // Someone wrote in between: read again and decide.
          known.delete(id);
        }
        return { status: 'retry-exhausted' };
      } catch (error) {
        return failure(error);
      }
    },

    deleteDocument(id) {
      return withStored(id, { status: 'ok' }, async (raw, r) => {
        // Deleting is the user's choice, but a value this build cannot read is still kept aside first.
        if (r.status === 'damaged' || r.status === 'too-new') await backupOnce(id, raw);
        await kv.delete(docKey(id));
        await kv.delete(viewKey(id));
        known.delete(id);
        await updateLibrary((l) => ({ ...l, currentId: l.currentId === id ? null : l.currentId, docs: l.docs.filter((d) => d.id !== id) }));
        post({ type: 'deleted', id, tabId });
        return { status: 'ok' };
      });
    },

    discardCorrupt(id) {
      return withStored(id, { status: 'missing' }, async (raw, r) => {
        if (r.status === 'missing') return { status: 'missing' };
        if (r.status !== 'damaged') return { status: 'not-corrupt' };
        const backupKey = await backupOnce(id, raw);
        if (!(await kv.compareAndSet(docKey(id), raw, undefined))) return { status: 'not-corrupt' };
        known.delete(id);
        post({ type: 'deleted', id, tabId });
        return { status: 'discarded', backupKey };
      });
    },

    async keepAside(id) {
      if (!isValidDocId(id)) return null;
      try {
        const raw = await kv.get(docKey(id));
        return raw === undefined ? null : await backupOnce(id, raw);
      } catch {
        return null;
      }
    },

    async readStored(id) {
      if (!isValidDocId(id)) return undefined;
      try {
        const raw = await kv.get(docKey(id));
        return raw === undefined ? undefined : storedText(raw);
      } catch {
        return undefined;
      }
    },

    async saveView(id, view) {
      if (!isValidDocId(id)) return { status: 'error', failure: { code: 'failed', detail: 'not a document id' } };
      try {
        const existing = await kv.get(viewKey(id));
        const taken = await takeIn(`_view.${id}`, existing, SESSION_CODEC);
        if (taken.status === 'too-new') return { status: 'refused' };
        // An unreadable view is replaced only once it is kept aside.
        if (taken.status === 'damaged' && taken.backupKey === null) return { status: 'refused' };
        await kv.set(viewKey(id), encodeSession(view));
        return { status: 'ok' };
      } catch (error) {
        return failure(error);
      }
    },

    async loadView(id, document) {
      let raw: unknown;
      try {
        raw = isValidDocId(id) ? await kv.get(viewKey(id)) : undefined;
      } catch {
        raw = undefined;
      }
      const r = decodeSession(raw, document);
      const backupKey = r.status === 'reset' ? await tryBackup(`_view.${id}`, raw) : null;
      return { ...r, backupKey };
    },

    async listBackups() {
      try {
        const keys = await kv.keys(BACKUP_PREFIX);
        const out: BackupInfo[] = [];
        for (const k of keys) {
          const info = parseBackupKey(k);
          if (info) out.push(info);
        }
        return out;
      } catch {
        return [];
      }
    },

    async readBackup(key) {
      if (!key.startsWith(BACKUP_PREFIX)) return undefined;
      try {
        const raw = await kv.get(key);
        return raw === undefined ? undefined : storedText(raw);
      } catch {
        return undefined;
      }
    },

    async deleteBackup(key) {
      if (!key.startsWith(BACKUP_PREFIX)) return { status: 'ok' };
      try {
        await kv.delete(key);
        return { status: 'ok' };
      } catch (error) {
        return failure(error);
      }
    },

    subscribe(listener) {
      if (!channel) return () => {};
      return channel.subscribe((m) => {
        if (m.tabId !== tabId) listener(m);
      });
    },

    close() {
      unsubscribeChannel?.();
    },
  };
  return repo;
}

/** Replaces entries with the same id (keeping their position), appends new ones. */
function mergeEntries(existing: LibraryEntry[], updates: LibraryEntry[]): LibraryEntry[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const out = existing.map((e) => {
    const u = byId.get(e.id);
    if (!u) return e;
    byId.delete(e.id);
    return u;
  });
  for (const u of byId.values()) out.push(u);
  return out;
}
