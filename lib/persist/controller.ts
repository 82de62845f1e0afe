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
 * No React, no DOM: unit-tested with in-memory storage.
 */
import type { Scenario } from '@/lib/model/schema';
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { blankDocument, duplicateDocument, uniqueId } from '@/lib/doc/ops';
import { viewOf, type AppStore } from '@/lib/store/store';
import type { Repository } from './repository';
import type { LibraryEntry } from './saved';
import { createAutosaver, type Autosaver, type AutosaveStatus } from './autosave';

import { builtinId, isBuiltin, shippedWorkDocument } from './controller-ids';

export { BUILTIN_PREFIX, builtinId, isBuiltin, shippedWorkDocument } from './controller-ids';

export type NoticeAction = 'export' | 'discard-corrupt' | 'download-damaged' | 'load-theirs' | 'keep-mine' | 'retry';

export interface Notice {
  id: string;
  tone: 'info' | 'warning' | 'error';
  text: string;
  actions: NoticeAction[];
  /** The document the notice is about. */
  docId?: string;
}

export interface PersistenceState {
  ready: boolean;
  /** Saving status of the open document ('off' when there is no storage). */
  status: AutosaveStatus | 'idle' | 'off';
  message: string;
  notices: Notice[];
  /** The user's own documents. */
  library: LibraryEntry[];
}

/**
 * A synchronous key-value store (localStorage) used only at page exit: an
 * IndexedDB write started in `pagehide` may never finish, so unsaved changes
 * are also written here synchronously and recovered on the next load.
 */
export interface SyncStash {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}
export const STASH_PREFIX = 'branchpoint:unsaved:';

interface StashRecord {
  docId: string;
  base: number;
  tabId: string;
  at: string;
  document: unknown;
  view: ViewState;
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
  readStored(id: string): Promise<string | undefined>;
  retry(): Promise<void>;
  dismiss(noticeId: string): void;
  flush(): Promise<void>;
  /** At page exit: writes unsaved changes synchronously to the stash. True if something was stashed. */
  stashUnsaved(): boolean;
  dispose(): void;
}

export function createPersistenceController(options: ControllerOptions): PersistenceController {
  const { store, repository, shipped, defaultShippedId } = options;
  let state: PersistenceState = { ready: false, status: 'idle', message: '', notices: [], library: [] };
  const listeners = new Set<(s: PersistenceState) => void>();
  const set = (patch: Partial<PersistenceState>) => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l(state);
  };
  let noticeSeq = 0;
  const notify = (n: Omit<Notice, 'id'>) => {
    const id = `n${++noticeSeq}`;
    // One notice per kind of trouble per document: replace an older one with the same text.
    set({ notices: [...state.notices.filter((x) => x.text !== n.text), { ...n, id }] });
    return id;
  };
  const dropNotices = (pred: (n: Notice) => boolean) => set({ notices: state.notices.filter((n) => !pred(n)) });

  /** Document ids whose stored copy is damaged or too new: never written until the user decides. */
  const blocked = new Set<string>();
  let loading = false;

  const autosaver: Autosaver = createAutosaver({
    repository,
    debounceMs: options.debounceMs ?? 400,
    onStatus: (e) => {
      if (e.id !== store.getState().docId) return;
      set({ status: e.status, message: e.message });
      if (e.status === 'quota') notify({ tone: 'error', text: e.message, actions: ['export', 'retry'], docId: e.id });
      else if (e.status === 'conflict') {
        // One notice per conflict: it replaces the earlier "changed in another tab" warning.
        dropNotices((n) => n.docId === e.id && n.actions.includes('load-theirs'));
        notify({ tone: 'warning', text: e.message, actions: ['load-theirs', 'keep-mine'], docId: e.id });
      }
      else if (e.status === 'error' || e.status === 'refused') notify({ tone: 'error', text: e.message, actions: ['export', 'retry'], docId: e.id });
      else if (e.status === 'saved') dropNotices((n) => n.docId === e.id && (n.actions.includes('retry') || n.actions.includes('load-theirs')));
      if (e.status === 'saved') void refreshLibrary();
    },
  });

  async function refreshLibrary() {
    const lib = await repository.loadLibrary();
    set({ library: lib.library.docs });
    return lib;
  }

  function takenIds(): Set<string> {
    return new Set(state.library.map((d) => d.id));
  }

  function load(docId: string, document: WorkDocument, view: ViewState | null) {
    loading = true;
    try {
      store.getState().loadDocument(docId, document, view);
    } finally {
      loading = false;
    }
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
    const v = await repository.loadView(id, doc);
    load(id, doc, v.status === 'ok' ? v.view : null);
    set({ status: 'idle', message: '' });
    await repository.setCurrent(copy ? copy.id : null);
  }

  /** Opens a saved document; on trouble tells the user and returns false (nothing is overwritten). */
  async function openDocumentInner(id: string): Promise<boolean> {
    const r = await repository.loadDocument(id);
    if (r.status === 'ok') {
      blocked.delete(id);
      const v = await repository.loadView(id, r.document);
      load(id, r.document, v.status === 'ok' ? v.view : null);
      autosaver.track(id, r.revision);
      if (r.repairs.length) {
        notify({
          tone: 'info',
          text: `Your saved copy of “${r.document.scenario.title}” needed repairs when it was loaded: ${r.repairs.join('; ')}.${r.backupKey ? ' The original was kept as a backup.' : ''}`,
          actions: [],
          docId: id,
        });
      }
      set({ status: 'saved', message: 'All changes saved in this browser.' });
      await repository.setCurrent(id);
      return true;
    }
    if (r.status === 'missing') return false;
    blocked.add(id);
    if (r.status === 'corrupt') {
      notify({
        tone: 'error',
        text: `Your saved copy “${id}” could not be read (${r.message}). It was kept aside${r.backupKey ? ' as a backup' : ''} and will not be overwritten; the original scenario is shown instead.`,
        actions: ['download-damaged', 'discard-corrupt'],
        docId: id,
      });
    } else if (r.status === 'too-new') {
      notify({ tone: 'error', text: `${r.message} It is left untouched; the original scenario is shown instead.`, actions: [], docId: id });
    } else {
      notify({ tone: 'error', text: r.message, actions: [], docId: id });
    }
    return false;
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
      notify({ tone: 'warning', text: 'This document was deleted in another tab. It stays open here; your next change saves it again.', actions: [], docId: id });
      autosaver.track(id, 0);
      return;
    }
    if (autosaver.hasUnsaved(id)) {
      if (autosaver.status(id) === 'conflict') return; // already told, with the same choices
      notify({
        tone: 'warning',
        text: 'This document was changed in another tab while you have unsaved changes here. Nothing has been overwritten: load their version (yours is kept as a copy) or keep yours (theirs is kept as a copy).',
        actions: ['load-theirs', 'keep-mine'],
        docId: id,
      });
      return;
    }
    void (async () => {
      const r = await repository.loadDocument(id);
      if (r.status !== 'ok' || store.getState().docId !== id || autosaver.hasUnsaved(id)) return;
      load(id, r.document, viewOf(store.getState()));
      autosaver.track(id, r.revision);
      notify({ tone: 'info', text: 'Updated with the changes saved in another tab.', actions: [], docId: id });
    })();
  });

  async function saveCopyOf(document: WorkDocument, suffix: string): Promise<string> {
    await refreshLibrary();
    const taken = takenIds();
    const id = uniqueId(`${document.scenario.id}-${suffix}`, taken);
    const copy = duplicateDocument(document, document.scenario.id, `${document.scenario.title} (${suffix})`);
    const r = await repository.saveDocument(id, copy, 0);
    if (r.status !== 'saved') throw new Error(r.message);
    await refreshLibrary();
    return id;
  }

  /** Brings back changes stashed at the last page exit; never overwrites what another tab saved since. */
  async function recoverStash(): Promise<string | null> {
    const stash = options.stash;
    if (!stash) return null;
    let recovered: string | null = null;
    let keys: string[];
    try {
      keys = stash.keys().filter((k) => k.startsWith(STASH_PREFIX));
    } catch {
      return null;
    }
    for (const key of keys) {
      const text = stash.get(key);
      if (text === null) continue;
      let rec: StashRecord;
      try {
        rec = JSON.parse(text) as StashRecord;
      } catch {
        stash.remove(key);
        continue;
      }
      const { restoreDocument } = await import('@/lib/io/restore');
      const restored = restoreDocument(rec.document);
      if (!restored.ok || typeof rec.docId !== 'string' || typeof rec.base !== 'number') {
        stash.remove(key);
        continue;
      }
      const stored = await repository.loadDocument(rec.docId);
      const same = stored.status === 'ok' && JSON.stringify(stored.document) === JSON.stringify(restored.document);
      if (same) {
        stash.remove(key);
        recovered = rec.docId;
        continue;
      }
      const ours =
        stored.status === 'missing' ||
        (stored.status === 'ok' && (stored.revision === rec.base || (stored.tabId === rec.tabId && stored.revision === rec.base + 1)));
      if (ours) {
        const base = stored.status === 'ok' ? stored.revision : 0;
        const r = await repository.saveDocument(rec.docId, restored.document, base);
        if (r.status === 'saved') {
          if (rec.view) await repository.saveView(rec.docId, rec.view);
          stash.remove(key);
          recovered = rec.docId;
          notify({ tone: 'info', text: 'Recovered the changes that had not been saved when the page was last closed.', actions: [], docId: rec.docId });
        }
        continue;
      }
      // Another tab saved this document since: keep the recovered changes as a copy.
      try {
        const id = await saveCopyOf(restored.document, 'recovered');
        stash.remove(key);
        notify({
          tone: 'warning',
          text: `Changes not saved when the page was last closed were kept as a separate copy (“${id}”), because the document was changed in another tab meanwhile.`,
          actions: [],
          docId: id,
        });
      } catch {
        /* leave the stash for the next load */
      }
    }
    if (recovered) await repository.setCurrent(recovered);
    return recovered;
  }

  const controller: PersistenceController = {
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },

    async start() {
      await recoverStash();
      const lib = await refreshLibrary();
      if (lib.notice) {
        notify({
          tone: lib.notice.status === 'error' ? 'error' : 'warning',
          text:
            lib.notice.status === 'corrupt'
              ? `The list of your documents was damaged (${lib.notice.message}); it was kept as a backup and rebuilt from the documents themselves.`
              : lib.notice.message,
          actions: lib.notice.status === 'error' ? ['export'] : [],
        });
        if (lib.notice.status === 'error') set({ status: 'off', message: lib.notice.message });
      }
      const current = lib.library.currentId;
      let opened = false;
      if (current && !isBuiltin(current)) opened = await openDocumentInner(current);
      if (!opened) {
        const failed = current && blocked.has(current) ? lib.library.docs.find((d) => d.id === current) : undefined;
        await openShippedInner(failed?.shippedFrom ?? defaultShippedId);
      }
      set({ ready: true });
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
      const doc = blankDocument(id, title);
      const r = await repository.saveDocument(id, doc, 0);
      load(id, doc, null);
      if (r.status === 'saved') autosaver.track(id, r.revision);
      else {
        autosaver.track(id, 0);
        autosaver.schedule(id, doc);
      }
      await repository.setCurrent(id);
      await refreshLibrary();
      return id;
    },

    async duplicateCurrent() {
      await autosaver.flush();
      const s = store.getState();
      await refreshLibrary();
      const taken = takenIds();
      const id = uniqueId(`${s.document.scenario.id}-copy`, taken);
      const doc = duplicateDocument(s.document, id, `${s.document.scenario.title} (copy)`);
      const view = viewOf(s);
      const r = await repository.saveDocument(id, doc, 0);
      load(id, doc, view);
      autosaver.track(id, r.status === 'saved' ? r.revision : 0);
      if (r.status !== 'saved') autosaver.schedule(id, doc);
      await repository.setCurrent(id);
      await refreshLibrary();
      return id;
    },

    async resetToOriginal() {
      const s = store.getState();
      const from = s.document.shippedFrom;
      if (!from) return;
      if (!isBuiltin(s.docId)) {
        const r = await repository.deleteDocument(s.docId);
        if (r.status !== 'ok') {
          notify({ tone: 'error', text: `Could not remove your copy: ${r.message}`, actions: [], docId: s.docId });
          return;
        }
        autosaver.track(s.docId, 0);
      }
      await refreshLibrary();
      const sc = shipped.find((x) => x.id === from);
      if (!sc) return;
      load(builtinId(sc.id), shippedWorkDocument(sc), null);
      set({ status: 'idle', message: '' });
      await repository.setCurrent(null);
    },

    async deleteDocument(id) {
      const r = await repository.deleteDocument(id);
      if (r.status !== 'ok') {
        notify({ tone: 'error', text: `Could not delete: ${r.message}`, actions: [], docId: id });
        return;
      }
      autosaver.track(id, 0);
      await refreshLibrary();
      if (store.getState().docId === id) await openShippedInner(defaultShippedId);
    },

    async addDocument(document, view) {
      await autosaver.flush();
      await refreshLibrary();
      const taken = takenIds();
      for (const sc of shipped) taken.add(sc.id);
      const id = uniqueId(document.scenario.id, taken);
      const r = await repository.saveDocument(id, document, 0);
      load(id, document, view);
      autosaver.track(id, r.status === 'saved' ? r.revision : 0);
      if (r.status !== 'saved') autosaver.schedule(id, document);
      await repository.setCurrent(id);
      await refreshLibrary();
      return id;
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
      notify({ tone: 'info', text: 'Loaded the version from the other tab. Yours was kept as a copy in your documents.', actions: [], docId: id });
      set({ status: 'saved', message: 'All changes saved in this browser.' });
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
      notify({ tone: 'info', text: 'Kept your version. The other tab’s version was kept as a copy in your documents.', actions: [], docId: id });
    },

    async discardCorrupt(id) {
      const r = await repository.discardCorrupt(id);
      if (r.status === 'discarded' || r.status === 'missing' || r.status === 'not-corrupt') {
        blocked.delete(id);
        dropNotices((n) => n.docId === id);
        notify({ tone: 'info', text: 'The damaged copy was removed (a backup remains in this browser).', actions: [] });
        await refreshLibrary();
      }
    },

    readStored: (id) => repository.readStored(id),

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
      const rec: StashRecord = {
        docId: s.docId,
        base: autosaver.baseRevision(s.docId),
        tabId: repository.tabId,
        at: new Date().toISOString(),
        document: s.document,
        view: viewOf(s),
      };
      try {
        stash.set(`${STASH_PREFIX}${s.docId}`, JSON.stringify(rec));
        return true;
      } catch {
        return false; // full or unavailable: the IndexedDB flush is the only chance
      }
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
