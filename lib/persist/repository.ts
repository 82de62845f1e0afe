/**
 * The user's saved documents in browser storage (IndexedDB in the app).
 *
 * Keys:
 *   `library`                  the index of documents (saved.ts LibraryRecord)
 *   `doc:<id>`                 one saved document (SavedRecord), with its revision
 *   `view:<id>`                the session view of it (never part of the document)
 *   `backup:<id>:<timestamp>`  a byte-for-byte copy of stored text kept aside:
 *                              damaged data, or the old-format text before a
 *                              migrated/repaired document replaces it
 *                              (`backup:_library:<timestamp>` for the index)
 *
 * Guarantees:
 * - Nothing here throws; every outcome is a result the UI can show.
 * - Damaged data is copied to a backup key before anything else, and the
 *   original key is never overwritten by a save until the user chooses
 *   `discardCorrupt(id)` (or `deleteDocument(id)`).
 * - Data saved by a newer Branchpoint is never overwritten (saves are refused).
 * - Optimistic concurrency: a save names the revision it is based on; the
 *   write is a compare-and-set on the stored text, so if another tab saved in
 *   between, nothing is written and the caller gets `conflict` with theirs.
 */
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { isQuotaExceeded, type KeyValueStore } from './kv';
import {
  decodeLibrary,
  decodeSaved,
  decodeSession,
  emptyLibrary,
  encodeLibrary,
  encodeSaved,
  encodeSession,
  isValidDocId,
  parseText,
  peekSaved,
  migrateRecord,
  SESSION_KIND,
  SESSION_VERSION,
  SESSION_MIGRATIONS,
  type LibraryEntry,
  type LibraryRecord,
} from './saved';
import type { BroadcastChannelLike, TabMessage } from './tabs';

export const LIBRARY_KEY = 'library';
export const DOC_PREFIX = 'doc:';
export const VIEW_PREFIX = 'view:';
export const BACKUP_PREFIX = 'backup:';
/** The backup "id" of the library index (not a valid document id, so no clash). */
export const LIBRARY_BACKUP_ID = '_library';

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

export type LoadDocumentResult =
  | {
      status: 'ok';
      document: WorkDocument;
      revision: number;
      /** What restoring repaired; empty if nothing. Show them to the user. */
      repairs: string[];
      savedAt: string;
      tabId: string;
      /** Set when the stored text was migrated or repaired: its original was kept here. */
      backupKey: string | null;
    }
  | { status: 'missing' }
  | {
      status: 'corrupt';
      message: string;
      /** Where the damaged text was copied; null if even the backup failed (the original is still untouched). */
      backupKey: string | null;
    }
  | { status: 'too-new'; message: string }
  | { status: 'error'; message: string };

export type SaveResult =
  | { status: 'saved'; revision: number }
  | { status: 'conflict'; message: string; theirs: Theirs }
  | { status: 'quota'; message: string }
  | { status: 'refused'; reason: 'corrupt' | 'too-new' | 'invalid-id'; message: string }
  | { status: 'error'; message: string };

export type SimpleResult = { status: 'ok' } | { status: 'quota'; message: string } | { status: 'error'; message: string };

export type DiscardResult =
  | { status: 'discarded'; backupKey: string }
  | { status: 'missing' }
  | { status: 'not-corrupt' }
  | { status: 'quota'; message: string }
  | { status: 'error'; message: string };

export interface LibraryLoad {
  library: LibraryRecord;
  /** Something the user should be told about the index itself. */
  notice:
    | null
    | { status: 'corrupt'; message: string; backupKey: string | null }
    | { status: 'too-new'; message: string }
    /** Storage could not be read at all (disabled, blocked): nothing can be saved either. */
    | { status: 'error'; message: string };
  repairs: string[];
}

export interface BackupInfo {
  key: string;
  /** The document id, or `_library` for the index. */
  id: string;
  createdAt: string;
}

export interface Repository {
  readonly tabId: string;
  loadLibrary(): Promise<LibraryLoad>;
  setCurrent(id: string | null): Promise<SimpleResult>;
  loadDocument(id: string): Promise<LoadDocumentResult>;
  saveDocument(id: string, document: WorkDocument, baseRevision: number): Promise<SaveResult>;
  deleteDocument(id: string): Promise<SimpleResult>;
  discardCorrupt(id: string): Promise<DiscardResult>;
  /** The stored text of a document as is (to let the user download damaged data). */
  readStored(id: string): Promise<string | undefined>;
  saveView(id: string, view: ViewState): Promise<SimpleResult | { status: 'refused'; message: string }>;
  loadView(id: string, document: WorkDocument): Promise<{ view: ViewState; status: 'ok' | 'missing' | 'reset' | 'too-new' }>;
  listBackups(): Promise<BackupInfo[]>;
  readBackup(key: string): Promise<string | undefined>;
  deleteBackup(key: string): Promise<SimpleResult>;
  /** Messages from other tabs (never this tab's own). Returns an unsubscribe function. */
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

const QUOTA_MESSAGE =
  'Browser storage is full. Your latest changes are kept in this tab but are not saved: export a snapshot to keep them safe, or free space by deleting documents or backups you no longer need.';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps a thrown storage error to a result. */
function failure(error: unknown): { status: 'quota'; message: string } | { status: 'error'; message: string } {
  if (isQuotaExceeded(error)) return { status: 'quota', message: QUOTA_MESSAGE };
  return { status: 'error', message: `Browser storage failed: ${errorMessage(error)}` };
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
   * Text this tab last read or wrote under `doc:<id>`, known to decode, with
   * its revision: the expected value of the next compare-and-set, so a normal
   * save is one write, not a read and a decode first.
   */
  const known = new Map<string, { raw: string; revision: number }>();
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
   * Copies `raw` to `backup:<id>:<timestamp>` unless an identical backup of
   * that id exists already (so reloading a damaged document does not pile up
   * copies). Returns the key. Throws storage errors.
   */
  const backupOnce = async (id: string, raw: string): Promise<string> => {
    const prefix = `${BACKUP_PREFIX}${id}:`;
    for (const key of await kv.keys(prefix)) {
      if ((await kv.get(key)) === raw) return key;
    }
    const stamp = now().toISOString();
    for (let n = 1; n < 1000; n++) {
      const key = `${prefix}${stamp}${n === 1 ? '' : `~${n}`}`;
      if (await kv.compareAndSet(key, undefined, raw)) return key;
    }
    throw new Error('could not find a free backup key');
  };

  /** `backupOnce`, or null if the backup could not be written (the original is then left untouched). */
  const tryBackup = async (id: string, raw: string): Promise<string | null> => {
    try {
      return await backupOnce(id, raw);
    } catch {
      return null;
    }
  };

  /** Builds index entries for documents the index does not list (or all of them). */
  const rebuildEntries = async (existing: LibraryEntry[]): Promise<{ docs: LibraryEntry[]; changed: boolean }> => {
    const keys = await kv.keys(DOC_PREFIX);
    const stored = new Set(keys.map((k) => k.slice(DOC_PREFIX.length)).filter(isValidDocId));
    let changed = false;
    const docs: LibraryEntry[] = [];
    for (const e of existing) {
      if (stored.has(e.id)) docs.push(e);
      else changed = true;
    }
    const listed = new Set(docs.map((d) => d.id));
    for (const id of stored) {
      if (listed.has(id)) continue;
      changed = true;
      const raw = await kv.get(docKey(id));
      if (raw === undefined) continue;
      const peek = peekSaved(raw);
      docs.push({
        id,
        title: peek.status === 'ok' ? (peek.title ?? id) : peek.status === 'too-new' ? `${id} (newer version)` : `${id} (damaged)`,
        shippedFrom: peek.status === 'ok' ? peek.shippedFrom : null,
        updatedAt: peek.status === 'ok' ? (peek.savedAt ?? '') : '',
      });
    }
    return { docs, changed };
  };

  /**
   * Read-modify-compare-and-set on the index, retried if another tab wrote it
   * in between. A damaged index is backed up first, then rebuilt from the
   * stored documents. An index from a newer Branchpoint is left alone.
   */
  const updateLibrary = async (mutate: (lib: LibraryRecord) => LibraryRecord): Promise<SimpleResult> => {
    if (libraryReadOnly) return { status: 'ok' };
    try {
      for (let attempt = 0; attempt < 8; attempt++) {
        const raw = await kv.get(LIBRARY_KEY);
        let lib: LibraryRecord;
        if (raw === undefined) {
          lib = { ...emptyLibrary(), docs: (await rebuildEntries([])).docs };
        } else {
          const decoded = decodeLibrary(raw);
          if (decoded.status === 'too-new') {
            libraryReadOnly = true;
            return { status: 'ok' };
          }
          if (decoded.status === 'corrupt') {
            await backupOnce(LIBRARY_BACKUP_ID, raw);
            lib = { ...emptyLibrary(), docs: (await rebuildEntries([])).docs };
          } else {
            lib = decoded.library;
          }
        }
        const next = encodeLibrary(mutate({ ...lib, docs: lib.docs.map((d) => ({ ...d })) }));
        if (next === raw) return { status: 'ok' };
        if (await kv.compareAndSet(LIBRARY_KEY, raw, next)) return { status: 'ok' };
      }
      return { status: 'error', message: 'The list of documents kept changing under this tab; try again.' };
    } catch (error) {
      return failure(error);
    }
  };

  const readTheirs = async (
    id: string,
  ): Promise<
    | { status: 'missing' }
    | { status: 'ok'; raw: string; theirs: Theirs; changed: boolean }
    | { status: 'corrupt'; raw: string; message: string }
    | { status: 'too-new'; message: string }
  > => {
    const raw = await kv.get(docKey(id));
    if (raw === undefined) return { status: 'missing' };
    const decoded = decodeSaved(raw);
    if (decoded.status === 'corrupt') return { status: 'corrupt', raw, message: decoded.message };
    if (decoded.status === 'too-new') return decoded;
    const r = decoded.record;
    return {
      status: 'ok',
      raw,
      theirs: { document: r.document, revision: r.revision, tabId: r.tabId, savedAt: r.savedAt },
      changed: decoded.changed,
    };
  };

  const corruptMessage = (detail: string, backupKey: string | null) =>
    backupKey
      ? `The saved copy of this document could not be read (${detail}). It has been kept aside as a backup (${backupKey}) and will not be overwritten unless you choose to discard it.`
      : `The saved copy of this document could not be read (${detail}). A backup copy could not be made (storage is full or failing), so the damaged data has been left exactly where it was and will not be overwritten unless you choose to discard it.`;

  const repo: Repository = {
    tabId,

    async loadLibrary() {
      try {
        const raw = await kv.get(LIBRARY_KEY);
        if (raw === undefined) {
          const { docs } = await rebuildEntries([]);
          const library: LibraryRecord = { ...emptyLibrary(), docs };
          if (docs.length > 0) await kv.compareAndSet(LIBRARY_KEY, undefined, encodeLibrary(library)).catch(() => false);
          return { library, notice: null, repairs: docs.length > 0 ? ['the list of documents was missing and has been rebuilt'] : [] };
        }
        const decoded = decodeLibrary(raw);
        if (decoded.status === 'too-new') {
          libraryReadOnly = true;
          const { docs } = await rebuildEntries([]);
          return { library: { ...emptyLibrary(), docs }, notice: { status: 'too-new', message: decoded.message }, repairs: [] };
        }
        if (decoded.status === 'corrupt') {
          const backupKey = await tryBackup(LIBRARY_BACKUP_ID, raw);
          const { docs } = await rebuildEntries([]);
          const library: LibraryRecord = { ...emptyLibrary(), docs };
          // The index is derived data: once its text is backed up it is rebuilt from the documents.
          if (backupKey) await kv.compareAndSet(LIBRARY_KEY, raw, encodeLibrary(library)).catch(() => false);
          return {
            library,
            notice: {
              status: 'corrupt',
              message: backupKey
                ? `The list of your documents was damaged (${decoded.message}). It was kept aside as a backup (${backupKey}) and rebuilt from the documents themselves.`
                : `The list of your documents was damaged (${decoded.message}) and could not be backed up; it was rebuilt in memory from the documents themselves and left untouched.`,
              backupKey,
            },
            repairs: [],
          };
        }
        const { docs, changed } = await rebuildEntries(decoded.library.docs);
        const library: LibraryRecord = { ...decoded.library, docs };
        if (library.currentId !== null && !docs.some((d) => d.id === library.currentId)) library.currentId = null;
        const repairs = [...decoded.repairs];
        if (changed) repairs.push('the list of documents did not match the stored documents and has been brought up to date');
        if (changed || decoded.repairs.length > 0) await kv.compareAndSet(LIBRARY_KEY, raw, encodeLibrary(library)).catch(() => false);
        return { library, notice: null, repairs };
      } catch (error) {
        return { library: emptyLibrary(), notice: { status: 'error', message: failure(error).message }, repairs: [] };
      }
    },

    setCurrent(id) {
      return updateLibrary((l) => ({ ...l, currentId: id }));
    },

    async loadDocument(id) {
      if (!isValidDocId(id)) return { status: 'missing' };
      let raw: string | undefined;
      try {
        raw = await kv.get(docKey(id));
      } catch (error) {
        return { status: 'error', message: failure(error).message };
      }
      if (raw === undefined) {
        known.delete(id);
        return { status: 'missing' };
      }
      const decoded = decodeSaved(raw);
      if (decoded.status === 'too-new') {
        known.delete(id);
        return decoded;
      }
      if (decoded.status === 'corrupt') {
        known.delete(id);
        const backupKey = await tryBackup(id, raw);
        return { status: 'corrupt', message: corruptMessage(decoded.message, backupKey), backupKey };
      }
      // Keep the text as it was before migration/repair; the next save replaces it.
      const backupKey = decoded.changed ? await tryBackup(id, raw) : null;
      const r = decoded.record;
      known.set(id, { raw, revision: r.revision });
      return { status: 'ok', document: r.document, revision: r.revision, repairs: decoded.repairs, savedAt: r.savedAt, tabId: r.tabId, backupKey };
    },

    async saveDocument(id, document, baseRevision) {
      if (!isValidDocId(id)) {
        return { status: 'refused', reason: 'invalid-id', message: `"${id}" cannot be used as a document id.` };
      }
      const key = docKey(id);
      try {
        for (let attempt = 0; attempt < 4; attempt++) {
          let expected: string | undefined;
          let storedRevision: number;
          const cached = known.get(id);
          if (cached && cached.revision === baseRevision) {
            expected = cached.raw;
            storedRevision = cached.revision;
          } else {
            const read = await readTheirs(id);
            if (read.status === 'too-new') {
              return { status: 'refused', reason: 'too-new', message: `${read.message} Your changes are kept in this tab; export a snapshot to keep them.` };
            }
            if (read.status === 'corrupt') {
              const backupKey = await tryBackup(id, read.raw);
              return {
                status: 'refused',
                reason: 'corrupt',
                message: `${corruptMessage(read.message, backupKey)} Your changes are kept in this tab; export a snapshot, save them as a new document, or discard the damaged copy.`,
              };
            }
            if (read.status === 'missing') {
              // Never saved, or deleted in another tab: writing it (again) loses nothing.
              expected = undefined;
              storedRevision = baseRevision;
            } else {
              if (read.theirs.revision !== baseRevision) {
                known.set(id, { raw: read.raw, revision: read.theirs.revision });
                return {
                  status: 'conflict',
                  message:
                    'This document was saved in another tab or window after you opened it. Nothing was overwritten: choose to load their version (yours can be kept as a copy) or to keep yours.',
                  theirs: read.theirs,
                };
              }
              // Older-format or repaired text about to be replaced: keep it, as loadDocument does.
              if (read.changed) await tryBackup(id, read.raw);
              expected = read.raw;
              storedRevision = read.theirs.revision;
            }
          }
          const revision = Math.max(storedRevision, baseRevision) + 1;
          const savedAt = now().toISOString();
          const next = encodeSaved({ revision, savedAt, tabId, document });
          if (await kv.compareAndSet(key, expected, next)) {
            known.set(id, { raw: next, revision });
            const entry: LibraryEntry = { id, title: document.scenario.title, shippedFrom: document.shippedFrom, updatedAt: savedAt };
            await updateLibrary((l) => ({ ...l, docs: mergeEntries(l.docs, [entry]) }));
            post({ type: 'saved', id, revision, tabId });
            return { status: 'saved', revision };
          }
          // Someone wrote in between: read again and decide.
          known.delete(id);
        }
        return { status: 'error', message: 'The saved copy kept changing while saving; try again.' };
      } catch (error) {
        return failure(error);
      }
    },

    async deleteDocument(id) {
      if (!isValidDocId(id)) return { status: 'ok' };
      try {
        await kv.delete(docKey(id));
        await kv.delete(viewKey(id));
        known.delete(id);
        await updateLibrary((l) => ({ ...l, currentId: l.currentId === id ? null : l.currentId, docs: l.docs.filter((d) => d.id !== id) }));
        post({ type: 'deleted', id, tabId });
        return { status: 'ok' };
      } catch (error) {
        return failure(error);
      }
    },

    async discardCorrupt(id) {
      if (!isValidDocId(id)) return { status: 'missing' };
      try {
        const raw = await kv.get(docKey(id));
        if (raw === undefined) return { status: 'missing' };
        if (decodeSaved(raw).status !== 'corrupt') return { status: 'not-corrupt' };
        const backupKey = await backupOnce(id, raw);
        if (!(await kv.compareAndSet(docKey(id), raw, undefined))) return { status: 'not-corrupt' };
        known.delete(id);
        post({ type: 'deleted', id, tabId });
        return { status: 'discarded', backupKey };
      } catch (error) {
        return failure(error);
      }
    },

    async readStored(id) {
      if (!isValidDocId(id)) return undefined;
      try {
        return await kv.get(docKey(id));
      } catch {
        return undefined;
      }
    },

    async saveView(id, view) {
      if (!isValidDocId(id)) return { status: 'error', message: `"${id}" cannot be used as a document id.` };
      try {
        const existing = await kv.get(viewKey(id));
        if (existing !== undefined) {
          const parsed = parseText(existing);
          if (parsed.ok && migrateRecord(parsed.value, SESSION_KIND, SESSION_VERSION, SESSION_MIGRATIONS).status === 'too-new') {
            return { status: 'refused', message: 'The saved view was written by a newer version of Branchpoint and is left untouched.' };
          }
        }
        await kv.set(viewKey(id), encodeSession(view));
        return { status: 'ok' };
      } catch (error) {
        return failure(error);
      }
    },

    async loadView(id, document) {
      let raw: string | undefined;
      try {
        raw = isValidDocId(id) ? await kv.get(viewKey(id)) : undefined;
      } catch {
        raw = undefined;
      }
      return decodeSession(raw, document);
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
        return await kv.get(key);
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
