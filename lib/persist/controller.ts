/**
 * Ties the store to browser storage: which document is open, saving every
 * document change (debounced) and every view change, the user's library of
 * documents, copies of shipped scenarios, and what to tell the user when
 * storage is damaged, full, newer than this app, or changed by another tab.
 *
 * Shipped scenarios are never changed in place: a pristine one is open under
 * the id `builtin.<scenario id>` (never saved as a document); the first edit
 * makes the user's working copy under a document id of its own.
 *
 * Notices are codes (`NoticeSubject`); lib/messages/persist.ts words them.
 * Start-up never dies: every failure becomes a notice and saving keeps working.
 *
 * No React, no DOM: unit-tested with in-memory storage.
 */
import type { Scenario } from '@/lib/model/schema';
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import type { MigrationFailure } from '@/lib/migrate/engine';
import { blankDocument, duplicateDocument, uniqueId } from '@/lib/doc/ops';
import { restoreView } from '@/lib/io/restore';
import { viewOf, type AppStore } from '@/lib/store/store';
import { stashBackupId, type Repository } from './repository';
import type { LibraryEntry, RoomState } from './saved';
import type { DamageReason, Repair, StorageFailure, StoredWhat } from './reasons';
import { createAutosaver, type Autosaver, type AutosaveStatus, type SaveProblem } from './autosave';
import { encodeStash, STASH_CODEC, STASH_PREFIX, stashKeyId, type SyncStash } from './stash';

import { builtinId, isBuiltin, shippedWorkDocument } from './controller-ids';
import { shippedView } from '@/lib/scenarios-analysis';
import { LOADING_PERSISTENCE_STATE } from './loading';

export { BUILTIN_PREFIX, builtinId, isBuiltin, shippedWorkDocument } from './controller-ids';
export { STASH_PREFIX, type SyncStash } from './stash';

export type NoticeAction = 'export' | 'discard-corrupt' | 'download-damaged' | 'load-theirs' | 'keep-mine' | 'retry';

/** What a notice is about, as a code with its details. */
export type NoticeSubject =
  /** Storage is full: the latest changes are only in this tab. */
  | { code: 'quota' }
  | { code: 'conflict' }
  | { code: 'save-failed'; problem: SaveProblem }
  | { code: 'repaired'; title: string; repairs: Repair[]; keptOriginal: boolean }
  /** A stored value could not be read; kept aside (`backupKey`) or, if even that failed, left where it was. */
  | { code: 'damaged'; what: StoredWhat; id: string; reason: DamageReason; backupKey: string | null }
  | { code: 'too-new'; what: StoredWhat; id: string; failure: MigrationFailure }
  | { code: 'storage-failed'; failure: StorageFailure }
  /** Storage cannot be used at all: nothing will be saved. */
  | { code: 'storage-off'; failure: StorageFailure }
  | { code: 'deleted-elsewhere' }
  | { code: 'changed-elsewhere' }
  | { code: 'updated-from-elsewhere' }
  | { code: 'stash-recovered' }
  | { code: 'stash-copied'; id: string }
  /** A shared room's copy had changes the room's state could not take in: kept as a scenario of its own. */
  | { code: 'room-copy-kept'; id: string }
  /** The changes from the last page exit are open, but could not be saved yet (they stay in the stash). */
  | { code: 'stash-not-saved'; cause: 'quota' | 'error' }
  /** Another set of unsaved changes for this document stays in the stash until it can be saved. */
  | { code: 'stash-waiting'; id: string }
  | { code: 'remove-failed'; failure: StorageFailure | { code: 'quota' } }
  | { code: 'delete-failed'; failure: StorageFailure | { code: 'quota' } }
  | { code: 'loaded-theirs' }
  | { code: 'kept-mine' }
  | { code: 'discarded' }
  | { code: 'start-failed'; detail: string };

/** A notice as the controller keeps it (codes, no words). */
export interface PersistNotice {
  id: string;
  tone: 'info' | 'warning' | 'error';
  subject: NoticeSubject;
  actions: NoticeAction[];
  /** The document the notice is about. */
  docId?: string;
  /** Where "Download the damaged data" reads from: a kept-aside copy, or a stash left in place. */
  download?: { backupKey: string } | { stashKey: string };
}

/** A notice as shown: the same, with its words (filled in by lib/messages/persist.ts). */
export type Notice = PersistNotice & { text: string };

export interface PersistenceState {
  ready: boolean;
  /** Saving status of the open document ('off' when there is no storage). */
  status: AutosaveStatus | 'idle' | 'off';
  notices: PersistNotice[];
  /** The user's own documents. */
  library: LibraryEntry[];
}

export interface ControllerOptions {
  store: AppStore;
  repository: Repository;
  stash?: SyncStash;
  shipped: readonly Scenario[];
  defaultShippedId: string;
  debounceMs?: number;
}

export interface PersistenceController {
  getState(): PersistenceState;
  subscribe(listener: (s: PersistenceState) => void): () => void;
  /** Opens the saved work. Never rejects: every failure becomes a notice. */
  start(): Promise<void>;
  openShipped(scenarioId: string): Promise<void>;
  openDocument(id: string): Promise<void>;
  newBlank(title: string): Promise<string>;
  duplicateCurrent(): Promise<string>;
  /** Deletes the user's copy of the open shipped scenario and shows the original again. */
  resetToOriginal(): Promise<void>;
  deleteDocument(id: string): Promise<void>;
  /** Adds a document (e.g. an imported snapshot) as a new scenario and opens it. */
  addDocument(document: WorkDocument, view: ViewState | null): Promise<string>;
  /** Replaces the open document (undoable in the store; saved as usual). */
  replaceCurrent(document: WorkDocument): void;
  loadTheirs(): Promise<void>;
  keepMine(): Promise<void>;
  discardCorrupt(id: string): Promise<void>;
  /** The data a notice about `id` offers to download (the kept-aside copy, or the stored value). */
  readStored(id: string): Promise<string | undefined>;
  retry(): Promise<void>;
  dismiss(noticeId: string): void;
  flush(): Promise<void>;
  /** At page exit: writes unsaved changes synchronously to the stash. True if something was stashed. */
  stashUnsaved(): boolean;
  /**
   * While the open document is bound to a shared room (components/sync/session):
   * `read` gives the room's state, saved with every save of the document (and
   * in the stash at page exit). Returns the function that stops it.
   */
  attachRoom(read: () => RoomState): () => void;
  /**
   * The room's state changed where the document did not (the sync server acknowledged every edit, so the count
   * of edits not yet sent went to nothing): saved again, as a change would be. No-op while no room is attached.
   */
  roomStateChanged(): void;
  /** The shared room's state saved with document `id` when it was last opened (null: none). */
  savedRoomState(id: string): RoomState | null;
  /**
   * The room's state saved with `id` cannot be used (Yjs could not read it):
   * the stored record is kept aside as a backup, the user told, and the state
   * forgotten (the next save while in the room writes a new one).
   */
  setAsideRoomState(id: string, detail: string): Promise<void>;
  /**
   * Saves `document` as a new scenario (not opened) and tells the user: a
   * room's copy about to be replaced by the room's version while it holds
   * changes no saved room state can merge. Its id, or null if it could not be saved.
   */
  keepRoomCopy(document: WorkDocument): Promise<string | null>;
  dispose(): void;
}

/** Unsaved changes from the last page exit to open in the editor, because they could not be saved yet. */
interface StashToOpen {
  key: string;
  docId: string;
  document: WorkDocument;
  view: unknown;
  /** The stored revision the next save is based on. */
  base: number;
  at: string;
  cause: 'quota' | 'error';
  room?: RoomState;
}

const sameEntry = (a: LibraryEntry, b: LibraryEntry) => a.id === b.id && a.title === b.title && a.shippedFrom === b.shippedFrom && a.updatedAt === b.updatedAt;
const sameLibrary = (a: readonly LibraryEntry[], b: readonly LibraryEntry[]) => a.length === b.length && a.every((e, i) => sameEntry(e, b[i]!));

export function createPersistenceController(options: ControllerOptions): PersistenceController {
  const { store, repository, shipped, defaultShippedId } = options;
  let state: PersistenceState = LOADING_PERSISTENCE_STATE;
  const listeners = new Set<(s: PersistenceState) => void>();
  const set = (patch: Partial<PersistenceState>) => {
    // Nothing changed: the same state object, and no listener (a subscribed component would render for nothing).
    if ((Object.keys(patch) as (keyof PersistenceState)[]).every((k) => Object.is(patch[k], state[k]))) return;
    state = { ...state, ...patch };
    for (const l of [...listeners]) l(state);
  };
  let noticeSeq = 0;
  const sameNotice = (a: Omit<PersistNotice, 'id'>, b: Omit<PersistNotice, 'id'>) =>
    a.docId === b.docId && JSON.stringify(a.subject) === JSON.stringify(b.subject);
  const notify = (n: Omit<PersistNotice, 'id'>) => {
    const id = `n${++noticeSeq}`;
    // One notice per kind of trouble per document: replace an older identical one.
    set({ notices: [...state.notices.filter((x) => !sameNotice(x, n)), { ...n, id }] });
    return id;
  };
  const dropNotices = (pred: (n: PersistNotice) => boolean) => {
    const kept = state.notices.filter((n) => !pred(n));
    if (kept.length !== state.notices.length) set({ notices: kept });
  };

  /** Document ids whose stored copy is damaged or too new: never written until the user decides. */
  const blocked = new Set<string>();
  let loading = false;

  /** Reads the shared room's state while the open document is bound to a room (see `attachRoom`). */
  let roomReader: (() => RoomState) | null = null;
  const roomStateFor = (id: string): RoomState | undefined => (roomReader && id === store.getState().docId ? roomReader() : undefined);
  /** The open document saved with its room's state as it is now (while a room is attached). */
  const saveRoom = () => {
    const id = store.getState().docId;
    if (roomReader && state.ready && !isBuiltin(id) && !blocked.has(id)) autosaver.schedule(id, store.getState().document);
  };
  /** The room state each document had when it was opened (see `savedRoomState`). */
  const roomStates = new Map<string, RoomState>();

  const autosaver: Autosaver = createAutosaver({
    repository,
    debounceMs: options.debounceMs ?? 400,
    roomState: roomStateFor,
    onStatus: (e) => {
      if (e.status === 'saved') releaseStashes(e.id);
      if (e.id !== store.getState().docId) return;
      set({ status: e.status });
      if (e.status === 'quota') {
        // Already told that the recovered changes are not saved yet: one notice, not two.
        if (!state.notices.some((n) => n.docId === e.id && n.subject.code === 'stash-not-saved')) {
          notify({ tone: 'error', subject: { code: 'quota' }, actions: ['export', 'retry'], docId: e.id });
        }
      } else if (e.status === 'conflict') {
        // One notice per conflict: it replaces the earlier "changed in another tab" warning.
        dropNotices((n) => n.docId === e.id && n.actions.includes('load-theirs'));
        notify({ tone: 'warning', subject: { code: 'conflict' }, actions: ['load-theirs', 'keep-mine'], docId: e.id });
      } else if ((e.status === 'error' || e.status === 'refused') && e.problem) {
        notify({ tone: 'error', subject: { code: 'save-failed', problem: e.problem }, actions: ['export', 'retry'], docId: e.id });
      } else if (e.status === 'saved') dropNotices((n) => n.docId === e.id && (n.actions.includes('retry') || n.actions.includes('load-theirs')));
      if (e.status === 'saved') void refreshLibrary();
    },
  });

  /**
   * Stash keys whose changes this tab holds (it opened them, or wrote them):
   * the only stash keys it may overwrite, and they are removed once the
   * document is saved. Any other stash key holds changes stored nowhere else.
   */
  const ownStashKeys = new Map<string, Set<string>>();
  const ownStash = (docId: string, key: string) => {
    let keys = ownStashKeys.get(docId);
    if (!keys) ownStashKeys.set(docId, (keys = new Set()));
    keys.add(key);
  };
  function releaseStashes(docId: string) {
    const keys = ownStashKeys.get(docId);
    if (!keys || !options.stash) return;
    for (const key of keys) {
      try {
        options.stash.remove(key);
      } catch {
        // left for the next load, which finds it already saved
      }
    }
    ownStashKeys.delete(docId);
  }

  async function refreshLibrary() {
    const lib = await repository.loadLibrary();
    const docs = lib.library.docs;
    // Read again after every save: told only when an entry came, went or changed.
    if (!sameLibrary(docs, state.library)) set({ library: docs });
    return lib;
  }

  function takenIds(): Set<string> {
    return new Set(state.library.map((d) => d.id));
  }

  /** The store still holds the document the page opened with under `docId`: never loaded over, never edited. */
  function untouched(s: ReturnType<AppStore['getState']>, docId: string): boolean {
    return s.docId === docId && s.loadSeq === 0 && s.revision === 0 && s.past.length === 0 && s.future.length === 0;
  }

  function load(docId: string, document: WorkDocument, view: ViewState | null) {
    loading = true;
    try {
      store.getState().loadDocument(docId, document, view);
    } finally {
      loading = false;
    }
  }

  /** The saved view of a document; an unreadable one was kept aside by the repository: say so. */
  async function viewFor(id: string, document: WorkDocument): Promise<ViewState | null> {
    const v = await repository.loadView(id, document);
    if (v.status === 'reset' && v.backupKey) {
      notify({
        tone: 'info',
        subject: { code: 'damaged', what: 'view', id, reason: { code: 'unreadable', detail: '' }, backupKey: v.backupKey },
        actions: ['download-damaged'],
        docId: id,
        download: { backupKey: v.backupKey },
      });
    }
    return v.status === 'ok' ? v.view : null;
  }

  async function openShippedInner(scenarioId: string) {
    const s = shipped.find((x) => x.id === scenarioId) ?? shipped.find((x) => x.id === defaultShippedId) ?? shipped[0]!;
    // The user's working copy of a shipped scenario carries its id.
    const copy = state.library.find((d) => d.id === s.id && d.shippedFrom === s.id);
    if (copy && !blocked.has(copy.id)) {
      if (await openDocumentInner(copy.id)) return;
    }
    const id = builtinId(s.id);
    const doc = shippedWorkDocument(s);
    const view = (await viewFor(id, doc)) ?? shippedView(s);
    // The page opened with this very scenario and nothing has changed it yet: with no view to apply, loading it
    // again would only re-render the whole page with the same document (and undo what the analyst did to the view).
    if (view || !untouched(store.getState(), id)) load(id, doc, view);
    set({ status: 'idle' });
    await repository.setCurrent(copy ? copy.id : null);
  }

  /** Opens a saved document; on trouble tells the user and returns false (nothing is overwritten). */
  async function openDocumentInner(id: string): Promise<boolean> {
    const r = await repository.loadDocument(id);
    if (r.status === 'ok') {
      blocked.delete(id);
      if (r.room) roomStates.set(id, r.room);
      else roomStates.delete(id);
      load(id, r.document, await viewFor(id, r.document));
      autosaver.track(id, r.revision);
      if (r.repairs.length) {
        notify({
          tone: 'info',
          subject: { code: 'repaired', title: r.document.scenario.title, repairs: r.repairs, keptOriginal: r.backupKey !== null },
          actions: r.backupKey ? ['download-damaged'] : [],
          docId: id,
          ...(r.backupKey ? { download: { backupKey: r.backupKey } } : {}),
        });
      }
      set({ status: 'saved' });
      await repository.setCurrent(id);
      return true;
    }
    if (r.status === 'missing') return false;
    reportUnopenable(id, r);
    return false;
  }

  /** A saved document that cannot be opened: never written until the user decides, and the user is told. */
  function reportUnopenable(id: string, r: Exclude<Awaited<ReturnType<Repository['loadDocument']>>, { status: 'ok' | 'missing' }>) {
    blocked.add(id);
    if (r.status === 'corrupt') {
      notify({
        tone: 'error',
        subject: { code: 'damaged', what: 'document', id, reason: r.reason, backupKey: r.backupKey },
        actions: ['download-damaged', 'discard-corrupt'],
        docId: id,
        ...(r.backupKey ? { download: { backupKey: r.backupKey } } : {}),
      });
    } else if (r.status === 'too-new') {
      notify({ tone: 'error', subject: { code: 'too-new', what: 'document', id, failure: r.failure }, actions: [], docId: id });
    } else {
      notify({ tone: 'error', subject: { code: 'storage-failed', failure: r.failure }, actions: [], docId: id });
    }
  }

  /** The open document changed in the store: save it (making the user's copy on the first edit). */
  function onDocumentChange() {
    const s = store.getState();
    let id = s.docId;
    if (isBuiltin(id) || blocked.has(id)) {
      const base = s.document.shippedFrom ?? s.document.scenario.id;
      const taken = takenIds();
      for (const b of blocked) taken.add(b);
      id = taken.has(base) ? uniqueId(`${base}-copy`, taken) : base;
      loading = true;
      s.setDocId(id);
      loading = false;
      autosaver.track(id, 0);
      set({ library: [...state.library, { id, title: s.document.scenario.title, shippedFrom: s.document.shippedFrom, updatedAt: new Date().toISOString() }] });
      void repository.setCurrent(id);
    }
    autosaver.schedule(id, store.getState().document);
    autosaver.scheduleView(id, viewOf(store.getState()));
  }

  const unsubscribeStore = store.subscribe((s, prev) => {
    if (loading || !state.ready) return;
    if (s.docId !== prev.docId) return;
    if (s.document !== prev.document) onDocumentChange();
    else if (s.expanded !== prev.expanded || s.selectedId !== prev.selectedId || s.viewport !== prev.viewport) {
      autosaver.scheduleView(s.docId, viewOf(s));
    }
  });

  const unsubscribeTabs = repository.subscribe((m) => {
    const id = store.getState().docId;
    if (m.id !== id) {
      void refreshLibrary();
      return;
    }
    if (m.type === 'deleted') {
      notify({ tone: 'warning', subject: { code: 'deleted-elsewhere' }, actions: [], docId: id });
      autosaver.track(id, 0);
      return;
    }
    if (autosaver.hasUnsaved(id)) {
      if (autosaver.status(id) === 'conflict') return; // already told, with the same choices
      notify({ tone: 'warning', subject: { code: 'changed-elsewhere' }, actions: ['load-theirs', 'keep-mine'], docId: id });
      return;
    }
    void (async () => {
      const r = await repository.loadDocument(id);
      if (r.status !== 'ok' || store.getState().docId !== id || autosaver.hasUnsaved(id)) return;
      load(id, r.document, viewOf(store.getState()));
      autosaver.track(id, r.revision);
      notify({ tone: 'info', subject: { code: 'updated-from-elsewhere' }, actions: [], docId: id });
    })();
  });

  /** Saves a copy under a new id; the save's outcome (the copy is not written unless `saved`). */
  async function saveCopyOf(document: WorkDocument, suffix: string): Promise<{ id: string; saved: boolean }> {
    await refreshLibrary();
    const taken = takenIds();
    const id = uniqueId(`${document.scenario.id}-${suffix}`, taken);
    const copy = duplicateDocument(document, document.scenario.id, `${document.scenario.title} (${suffix})`);
    const r = await repository.saveDocument(id, copy, 0);
    await refreshLibrary();
    return { id, saved: r.status === 'saved' };
  }

  /**
   * Brings back changes stashed at the last page exit. Every stash goes
   * through the repository's `takeIn` (the one path for stored values): a
   * damaged one is kept aside as a backup, removed from the stash only once
   * the copy is written, and reported. Never overwrites what another tab saved
   * since. Changes that cannot be saved now (storage full) stay in the stash,
   * and the newest of them is returned to be opened, marked as not saved.
   */
  async function recoverStash(): Promise<{ recovered: string | null; open: StashToOpen | null }> {
    const stash = options.stash;
    let recovered: string | null = null;
    let open: StashToOpen | null = null;
    if (!stash) return { recovered, open };
    let keys: string[];
    try {
      keys = stash.keys().filter((k) => k.startsWith(STASH_PREFIX)).sort();
    } catch {
      return { recovered, open };
    }
    const waiting = (key: string, docId: string) =>
      notify({ tone: 'warning', subject: { code: 'stash-waiting', id: docId }, actions: ['download-damaged', 'export'], docId, download: { stashKey: key } });
    for (const key of keys) {
      try {
        const text = stash.get(key);
        if (text === null) continue;
        const keyId = stashKeyId(key);
        const taken = await repository.takeIn(stashBackupId(keyId), text, STASH_CODEC);
        if (taken.status === 'missing') continue;
        if (taken.status === 'damaged' || taken.status === 'too-new') {
          // Moved, never deleted: the stash entry goes only once its exact copy is stored aside.
          const kept = taken.status === 'damaged' && taken.backupKey !== null && (await repository.readBackup(taken.backupKey)) === text;
          if (kept) stash.remove(key);
          const download = kept && taken.backupKey ? { backupKey: taken.backupKey } : { stashKey: key };
          notify({
            tone: 'error',
            subject:
              taken.status === 'damaged'
                ? { code: 'damaged', what: 'stash', id: keyId, reason: taken.reason, backupKey: kept ? taken.backupKey : null }
                : { code: 'too-new', what: 'stash', id: keyId, failure: taken.failure },
            actions: ['download-damaged'],
            docId: keyId,
            download,
          });
          continue;
        }
        const rec = taken.value;
        const stored = await repository.loadDocument(rec.docId);
        if (stored.status === 'ok' && JSON.stringify(stored.document) === JSON.stringify(rec.document)) {
          stash.remove(key);
          recovered = rec.docId;
          continue;
        }
        const ours =
          stored.status === 'missing' ||
          (stored.status === 'ok' && (stored.revision === rec.base || (stored.tabId === rec.tabId && stored.revision === rec.base + 1)));
        if (ours) {
          const base = stored.status === 'ok' ? stored.revision : 0;
          const r = await repository.saveDocument(rec.docId, rec.document, base, rec.room);
          if (r.status === 'saved') {
            const view = restoreView(rec.view, rec.document);
            await repository.saveView(rec.docId, view);
            stash.remove(key);
            recovered = rec.docId;
            notify({ tone: 'info', subject: { code: 'stash-recovered' }, actions: [], docId: rec.docId });
            continue;
          }
          if (r.status === 'quota' || r.status === 'error' || r.status === 'retry-exhausted') {
            // Not saved: the newest of these is opened (marked not saved); the others wait in the stash.
            const candidate: StashToOpen = {
              key,
              docId: rec.docId,
              document: rec.document,
              view: rec.view,
              base,
              at: rec.at,
              cause: r.status === 'quota' ? 'quota' : 'error',
              ...(rec.room ? { room: rec.room } : {}),
            };
            if (!open || candidate.at >= open.at) {
              if (open) waiting(open.key, open.docId);
              open = candidate;
            } else waiting(key, rec.docId);
            continue;
          }
          waiting(key, rec.docId);
          continue;
        }
        // Another tab saved this document since: keep the recovered changes as a copy.
        const copy = await saveCopyOf(rec.document, 'recovered');
        if (copy.saved) {
          stash.remove(key);
          notify({ tone: 'warning', subject: { code: 'stash-copied', id: copy.id }, actions: [], docId: copy.id });
        } else waiting(key, rec.docId);
      } catch (error) {
        notify({ tone: 'error', subject: { code: 'start-failed', detail: error instanceof Error ? error.message : String(error) }, actions: ['export'] });
      }
    }
    if (recovered && !open) await repository.setCurrent(recovered);
    return { recovered, open };
  }

  /** Opens unsaved changes from the stash as the newest version, saying they are not saved yet. */
  function openStashed(o: StashToOpen) {
    let view: ViewState | null;
    try {
      view = restoreView(o.view, o.document);
    } catch {
      view = null;
    }
    blocked.delete(o.docId);
    if (o.room) roomStates.set(o.docId, o.room);
    load(o.docId, o.document, view);
    ownStash(o.docId, o.key);
    autosaver.track(o.docId, o.base);
    if (!state.library.some((d) => d.id === o.docId)) {
      set({ library: [...state.library, { id: o.docId, title: o.document.scenario.title, shippedFrom: o.document.shippedFrom, updatedAt: o.at }] });
    }
    notify({ tone: 'error', subject: { code: 'stash-not-saved', cause: o.cause }, actions: ['export', 'retry'], docId: o.docId });
    autosaver.schedule(o.docId, o.document);
    set({ status: o.cause === 'quota' ? 'quota' : 'error' });
  }

  /** Saves a new document under `id` and opens it; if the save fails, it stays pending (and is retried). */
  async function openNew(id: string, document: WorkDocument, view: ViewState | null): Promise<string> {
    const r = await repository.saveDocument(id, document, 0);
    load(id, document, view);
    autosaver.track(id, r.status === 'saved' ? r.revision : 0);
    if (r.status !== 'saved') autosaver.schedule(id, document);
    await repository.setCurrent(id);
    await refreshLibrary();
    return id;
  }

  async function startInner() {
    const { open } = await recoverStash();
    const lib = await refreshLibrary();
    if (lib.notice) {
      const n = lib.notice;
      if (n.status === 'error') {
        notify({ tone: 'error', subject: { code: 'storage-off', failure: n.failure }, actions: ['export'] });
        set({ status: 'off' });
      } else if (n.status === 'corrupt') {
        notify({
          tone: 'warning',
          subject: { code: 'damaged', what: 'library', id: 'library', reason: n.reason, backupKey: n.backupKey },
          actions: n.backupKey ? ['download-damaged'] : [],
          docId: 'library',
          ...(n.backupKey ? { download: { backupKey: n.backupKey } } : {}),
        });
      } else {
        notify({ tone: 'warning', subject: { code: 'too-new', what: 'library', id: 'library', failure: n.failure }, actions: [] });
      }
    }
    // Documents the index did not list and that cannot be read: reported now, not found later.
    for (const id of lib.unreadable) {
      if (id === lib.library.currentId) continue; // opening it reports it
      const r = await repository.loadDocument(id);
      if (r.status !== 'ok' && r.status !== 'missing') reportUnopenable(id, r);
    }
    if (open) {
      openStashed(open);
      return;
    }
    const current = lib.library.currentId;
    let opened = false;
    if (current && !isBuiltin(current)) opened = await openDocumentInner(current);
    if (!opened) {
      const failed = current && blocked.has(current) ? lib.library.docs.find((d) => d.id === current) : undefined;
      await openShippedInner(failed?.shippedFrom ?? defaultShippedId);
    }
  }

  const controller: PersistenceController = {
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },

    async start() {
      try {
        await startInner();
      } catch (error) {
        notify({ tone: 'error', subject: { code: 'start-failed', detail: error instanceof Error ? error.message : String(error) }, actions: ['export'] });
        // Whatever failed, the app opens something and keeps saving.
        try {
          if (isBuiltin(store.getState().docId)) await openShippedInner(defaultShippedId);
        } catch {
          // the shipped scenario from the page stays open
        }
      } finally {
        set({ ready: true });
      }
    },

    async openShipped(scenarioId) {
      await autosaver.flush();
      await openShippedInner(scenarioId);
    },

    async openDocument(id) {
      await autosaver.flush();
      if (!(await openDocumentInner(id))) {
        const entry = state.library.find((d) => d.id === id);
        await openShippedInner(entry?.shippedFrom ?? defaultShippedId);
      }
    },

    async newBlank(title) {
      await autosaver.flush();
      await refreshLibrary();
      const id = uniqueId(title || 'untitled', takenIds(), 'untitled');
      return openNew(id, blankDocument(id, title), null);
    },

    async duplicateCurrent() {
      await autosaver.flush();
      const s = store.getState();
      await refreshLibrary();
      const taken = takenIds();
      const id = uniqueId(`${s.document.scenario.id}-copy`, taken);
      return openNew(id, duplicateDocument(s.document, id, `${s.document.scenario.title} (copy)`), viewOf(s));
    },

    async resetToOriginal() {
      const s = store.getState();
      const from = s.document.shippedFrom;
      if (!from) return;
      if (!isBuiltin(s.docId)) {
        const r = await repository.deleteDocument(s.docId);
        if (r.status !== 'ok') {
          notify({ tone: 'error', subject: { code: 'remove-failed', failure: r.status === 'quota' ? { code: 'quota' } : r.failure }, actions: [], docId: s.docId });
          return;
        }
        autosaver.track(s.docId, 0);
        releaseStashes(s.docId);
      }
      await refreshLibrary();
      const sc = shipped.find((x) => x.id === from);
      if (!sc) return;
      load(builtinId(sc.id), shippedWorkDocument(sc), shippedView(sc));
      set({ status: 'idle' });
      await repository.setCurrent(null);
    },

    async deleteDocument(id) {
      const r = await repository.deleteDocument(id);
      if (r.status !== 'ok') {
        notify({ tone: 'error', subject: { code: 'delete-failed', failure: r.status === 'quota' ? { code: 'quota' } : r.failure }, actions: [], docId: id });
        return;
      }
      autosaver.track(id, 0);
      releaseStashes(id);
      await refreshLibrary();
      if (store.getState().docId === id) await openShippedInner(defaultShippedId);
    },

    async addDocument(document, view) {
      await autosaver.flush();
      await refreshLibrary();
      const taken = takenIds();
      for (const sc of shipped) taken.add(sc.id);
      return openNew(uniqueId(document.scenario.id, taken), document, view);
    },

    replaceCurrent(document) {
      store.getState().replaceDocument(document);
    },

    async loadTheirs() {
      const id = store.getState().docId;
      const r = autosaver.adoptTheirs(id);
      let theirs: { document: WorkDocument; revision: number } | undefined = r;
      let mine = r?.mine ?? (autosaver.hasUnsaved(id) ? store.getState().document : undefined);
      if (!theirs) {
        const loaded = await repository.loadDocument(id);
        if (loaded.status !== 'ok') return;
        theirs = loaded;
        mine = store.getState().document;
      }
      if (mine) await saveCopyOf(mine, 'my version');
      load(id, theirs.document, viewOf(store.getState()));
      autosaver.track(id, theirs.revision);
      dropNotices((n) => n.actions.includes('load-theirs'));
      notify({ tone: 'info', subject: { code: 'loaded-theirs' }, actions: [], docId: id });
      set({ status: 'saved' });
    },

    async keepMine() {
      const id = store.getState().docId;
      const stored = await repository.loadDocument(id);
      if (stored.status === 'ok') await saveCopyOf(stored.document, 'other tab');
      const r = await autosaver.resolveConflictKeepMine(id);
      if (!r) {
        // The conflict had not reached a save yet: save now over the newest stored revision.
        autosaver.track(id, stored.status === 'ok' ? stored.revision : 0);
        autosaver.schedule(id, store.getState().document);
        await autosaver.flush();
      }
      dropNotices((n) => n.actions.includes('keep-mine'));
      notify({ tone: 'info', subject: { code: 'kept-mine' }, actions: [], docId: id });
    },

    async discardCorrupt(id) {
      const r = await repository.discardCorrupt(id);
      if (r.status === 'discarded' || r.status === 'missing' || r.status === 'not-corrupt') {
        blocked.delete(id);
        dropNotices((n) => n.docId === id);
        notify({ tone: 'info', subject: { code: 'discarded' }, actions: [] });
        await refreshLibrary();
      }
    },

    async readStored(id) {
      // The newest notice about `id` that names its data: the kept-aside copy, or the stash left in place.
      const n = [...state.notices].reverse().find((x) => x.docId === id && x.download);
      if (n?.download) {
        if ('backupKey' in n.download) return repository.readBackup(n.download.backupKey);
        try {
          return options.stash?.get(n.download.stashKey) ?? undefined;
        } catch {
          return undefined;
        }
      }
      return repository.readStored(id);
    },

    async retry() {
      const id = store.getState().docId;
      await autosaver.retry(id);
    },

    dismiss(noticeId) {
      dropNotices((n) => n.id === noticeId);
    },

    flush: () => autosaver.flush(),

    stashUnsaved() {
      const stash = options.stash;
      const s = store.getState();
      if (!stash || !state.ready || !autosaver.hasUnsaved(s.docId)) return false;
      const text = encodeStash({
        docId: s.docId,
        base: autosaver.baseRevision(s.docId),
        tabId: repository.tabId,
        at: new Date().toISOString(),
        document: s.document,
        view: viewOf(s),
        room: roomStateFor(s.docId),
      });
      try {
        // Never over a stash holding changes stored nowhere else that this tab does not hold.
        const mine = ownStashKeys.get(s.docId) ?? new Set<string>();
        let key = `${STASH_PREFIX}${s.docId}`;
        for (let n = 2; stash.get(key) !== null && !mine.has(key); n++) key = `${STASH_PREFIX}${s.docId}~${n}`;
        stash.set(key, text);
        ownStash(s.docId, key);
        return true;
      } catch {
        return false; // full or unavailable: the IndexedDB flush is the only chance
      }
    },

    attachRoom(read) {
      roomReader = read;
      // Saved at once (not only on the next change): every copy bound once has a room state to merge with.
      saveRoom();
      return () => {
        if (roomReader === read) roomReader = null;
      };
    },

    roomStateChanged: () => saveRoom(),

    savedRoomState: (id) => roomStates.get(id) ?? null,

    async setAsideRoomState(id, detail) {
      roomStates.delete(id);
      const backupKey = await repository.keepAside(id);
      notify({
        tone: 'warning',
        subject: { code: 'damaged', what: 'room', id, reason: { code: 'unreadable', detail }, backupKey },
        actions: backupKey ? ['download-damaged'] : [],
        docId: id,
        ...(backupKey ? { download: { backupKey } } : {}),
      });
    },

    async keepRoomCopy(document) {
      const copy = await saveCopyOf(document, 'before rejoining');
      if (!copy.saved) return null;
      notify({ tone: 'warning', subject: { code: 'room-copy-kept', id: copy.id }, actions: [], docId: copy.id });
      return copy.id;
    },

    dispose() {
      unsubscribeStore();
      unsubscribeTabs();
      autosaver.dispose();
      listeners.clear();
    },
  };
  return controller;
}
