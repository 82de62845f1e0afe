/**
 * Debounced autosave over the repository.
 *
 * - `schedule(id, document)` after every change; writes are debounced per
 *   document and at most one write is in flight at a time (a change made
 *   during a write is written after it, on the new revision).
 * - `flush()` writes everything pending now (call it on `visibilitychange` to
 *   hidden and on `pagehide`; the browser may not finish async work after
 *   `pagehide`, so `visibilitychange` is the one to rely on).
 * - The unsaved document is never dropped: on `quota`, `error`, `refused` or
 *   `conflict` it stays here (`unsavedDocument(id)`) until it is saved or the
 *   user chooses otherwise. Quota and errors are retried on the next change
 *   (or `retry`/`flush`). A conflict is never written over: the UI offers
 *   `adoptTheirs(id)` (load theirs; keep yours as a copy) or
 *   `resolveConflictKeepMine(id)` (overwrite theirs after the user confirmed).
 *   A refusal (damaged or newer-version data in storage) is retried only by
 *   `retry(id)`, after the user acted (e.g. `repository.discardCorrupt`).
 */
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import type { Repository, SaveResult, Theirs } from './repository';
import type { RoomState } from './saved';
import type { DamageReason, StorageFailure } from './reasons';
import type { MigrationFailure } from '@/lib/migrate/engine';

export type AutosaveStatus = 'saved' | 'saving' | 'pending' | 'quota' | 'conflict' | 'error' | 'refused';

/** Why a save did not happen (status `refused` or `error`); words in lib/messages/persist.ts. */
export type SaveProblem =
  | { code: 'refused-corrupt'; damage: DamageReason; backupKey: string | null }
  | { code: 'refused-too-new'; failure: MigrationFailure }
  | { code: 'refused-invalid-id' }
  | { code: 'kept-changing' }
  | { code: 'storage'; failure: StorageFailure };

export interface AutosaveEvent {
  id: string;
  status: AutosaveStatus;
  /** Why, for `refused` and `error`. */
  problem?: SaveProblem;
  /** The stored revision after a save. */
  revision?: number;
  /** On conflict: the version another tab saved. */
  theirs?: Theirs;
}

export interface AutosaverOptions {
  repository: Repository;
  debounceMs?: number;
  onStatus?: (event: AutosaveEvent) => void;
  /**
   * The shared room's state to save with document `id`, read when the write
   * starts (with the newest document); undefined keeps the stored one.
   */
  roomState?: (id: string) => RoomState | undefined;
}

export interface Autosaver {
  /** Declares the stored revision a loaded document is based on (0: never saved). Clears any unsaved state for it. */
  track(id: string, revision: number): void;
  /** The document changed: save it after the debounce. */
  schedule(id: string, document: WorkDocument): void;
  /** The view changed: save it after the debounce (views never conflict; last write wins). */
  scheduleView(id: string, view: ViewState): void;
  /** Writes everything pending now and resolves when done (conflicts and refusals are not written). */
  flush(): Promise<void>;
  /** Tries again now (after quota was freed, a damaged copy discarded, …). */
  retry(id: string): Promise<void>;
  status(id: string): AutosaveStatus;
  /** The base revision (last revision this tab saved or loaded). */
  baseRevision(id: string): number;
  /** True while a change to the document is not yet in storage. */
  hasUnsaved(id: string): boolean;
  /** The newest document not yet in storage, if any. */
  unsavedDocument(id: string): WorkDocument | undefined;
  /** After a conflict and the user's confirmation: write mine over theirs. */
  resolveConflictKeepMine(id: string): Promise<SaveResult | undefined>;
  /**
   * After a conflict: take theirs. Returns theirs (to load into the editor)
   * and mine (to offer saving as a copy under a new id); nothing of mine is
   * kept here afterwards. Undefined if there is no conflict for `id`.
   */
  adoptTheirs(id: string): { document: WorkDocument; revision: number; mine: WorkDocument | undefined } | undefined;
  dispose(): void;
}

interface DocState {
  base: number;
  /** The newest document not yet handed to a write. */
  pending: WorkDocument | null;
  /** The document being written right now. */
  writing: WorkDocument | null;
  timer: ReturnType<typeof setTimeout> | null;
  status: AutosaveStatus;
  theirs: Theirs | null;
}

export function createAutosaver(options: AutosaverOptions): Autosaver {
  const { repository } = options;
  const debounceMs = options.debounceMs ?? 400;
  const docs = new Map<string, DocState>();
  const views = new Map<string, { view: ViewState; timer: ReturnType<typeof setTimeout> | null }>();
  /** Ids ready to write, in order. */
  const queue: string[] = [];
  let inFlight: Promise<void> | null = null;
  let disposed = false;

  const state = (id: string): DocState => {
    let s = docs.get(id);
    if (!s) {
      s = { base: 0, pending: null, writing: null, timer: null, status: 'saved', theirs: null };
      docs.set(id, s);
    }
    return s;
  };

  const emit = (id: string, status: AutosaveStatus, extra: Partial<AutosaveEvent> = {}) => {
    const s = state(id);
    s.status = status;
    try {
      options.onStatus?.({ id, status, ...extra });
    } catch {
      // a failing listener must not break saving
    }
  };

  const clearTimer = (s: { timer: ReturnType<typeof setTimeout> | null }) => {
    if (s.timer !== null) {
      clearTimeout(s.timer);
      s.timer = null;
    }
  };

  const enqueue = (id: string) => {
    if (!queue.includes(id)) queue.push(id);
    pump();
  };

  /** Runs queued writes one at a time. */
  const pump = () => {
    if (inFlight || disposed) return;
    const id = queue.shift();
    if (id === undefined) return;
    const current: Promise<void> = writeOne(id).then(
      () => undefined,
      () => undefined,
    );
    inFlight = current;
    void current.then(() => {
      if (inFlight === current) inFlight = null;
      pump();
    });
  };

  const writeOne = async (id: string, force = false): Promise<SaveResult | undefined> => {
    const s = state(id);
    if (!s.pending) return undefined;
    if (!force && (s.status === 'conflict' || s.status === 'refused')) return undefined;
    const document = s.pending;
    s.pending = null;
    s.writing = document;
    emit(id, 'saving');
    let result: SaveResult;
    try {
      result = await repository.saveDocument(id, document, s.base, options.roomState?.(id));
    } catch (error) {
      result = { status: 'error', failure: { code: 'failed', detail: error instanceof Error ? error.message : String(error) } };
    }
    s.writing = null;
    switch (result.status) {
      case 'saved':
        s.base = result.revision;
        s.theirs = null;
        // A change made during the write has its own timer running (schedule set it).
        if (s.pending) emit(id, 'pending', { revision: result.revision });
        else emit(id, 'saved', { revision: result.revision });
        return result;
      case 'conflict':
        s.pending ??= document;
        s.theirs = result.theirs;
        clearTimer(s);
        emit(id, 'conflict', { theirs: result.theirs });
        return result;
      case 'quota':
        s.pending ??= document;
        emit(id, 'quota');
        return result;
      case 'refused':
        s.pending ??= document;
        clearTimer(s);
        emit(id, 'refused', {
          problem:
            result.reason === 'corrupt'
              ? { code: 'refused-corrupt', damage: result.damage, backupKey: result.backupKey }
              : result.reason === 'too-new'
                ? { code: 'refused-too-new', failure: result.failure }
                : { code: 'refused-invalid-id' },
        });
        return result;
      case 'retry-exhausted':
        s.pending ??= document;
        emit(id, 'error', { problem: { code: 'kept-changing' } });
        return result;
      case 'error':
        s.pending ??= document;
        emit(id, 'error', { problem: { code: 'storage', failure: result.failure } });
        return result;
    }
  };

  /** Waits until nothing is queued or in flight. */
  const drain = async () => {
    while (inFlight || queue.length > 0) {
      if (!inFlight) pump();
      if (inFlight) await inFlight;
      else break;
    }
  };

  /** Waits for the current write, then runs `fn` with nothing else in flight. */
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    while (inFlight) await inFlight;
    let release!: () => void;
    const p = new Promise<void>((r) => (release = r));
    inFlight = p;
    try {
      return await fn();
    } finally {
      inFlight = null;
      release();
      pump();
    }
  };

  const writeView = async (id: string) => {
    const v = views.get(id);
    if (!v) return;
    views.delete(id);
    clearTimer(v);
    await repository.saveView(id, v.view);
  };

  return {
    track(id, revision) {
      const s = state(id);
      clearTimer(s);
      s.base = revision;
      s.pending = null;
      s.theirs = null;
      const i = queue.indexOf(id);
      if (i >= 0) queue.splice(i, 1);
      s.status = 'saved';
    },

    schedule(id, document) {
      if (disposed) return;
      const s = state(id);
      s.pending = document;
      if (s.status === 'conflict' || s.status === 'refused') return; // held until the user decides
      if (s.status !== 'pending') emit(id, 'pending');
      clearTimer(s);
      s.timer = setTimeout(() => {
        s.timer = null;
        enqueue(id);
      }, debounceMs);
    },

    scheduleView(id, view) {
      if (disposed) return;
      let v = views.get(id);
      if (!v) views.set(id, (v = { view, timer: null }));
      v.view = view;
      clearTimer(v);
      v.timer = setTimeout(() => {
        void writeView(id);
      }, debounceMs);
    },

    async flush() {
      for (const [id, s] of docs) {
        if (!s.pending) continue;
        clearTimer(s);
        if (s.status !== 'conflict' && s.status !== 'refused' && !queue.includes(id)) queue.push(id);
      }
      await drain();
      await Promise.all([...views.keys()].map((id) => writeView(id)));
    },

    async retry(id) {
      const s = state(id);
      if (!s.pending || s.status === 'conflict') return;
      clearTimer(s);
      await exclusive(() => writeOne(id, true));
    },

    status: (id) => state(id).status,
    baseRevision: (id) => state(id).base,
    hasUnsaved: (id) => {
      const s = docs.get(id);
      return !!s && (s.pending !== null || s.writing !== null);
    },
    unsavedDocument: (id) => {
      const s = docs.get(id);
      return s?.pending ?? s?.writing ?? undefined;
    },

    async resolveConflictKeepMine(id) {
      const s = state(id);
      if (s.status !== 'conflict' || !s.theirs) return undefined;
      return exclusive(async () => {
        if (s.status !== 'conflict' || !s.theirs) return undefined;
        s.base = s.theirs.revision;
        s.theirs = null;
        if (!s.pending) {
          emit(id, 'saved');
          return undefined;
        }
        return writeOne(id, true);
      });
    },

    adoptTheirs(id) {
      const s = docs.get(id);
      if (!s || s.status !== 'conflict' || !s.theirs) return undefined;
      const theirs = s.theirs;
      const mine = s.pending ?? undefined;
      clearTimer(s);
      s.pending = null;
      s.theirs = null;
      s.base = theirs.revision;
      emit(id, 'saved', { revision: theirs.revision });
      return { document: theirs.document, revision: theirs.revision, mine };
    },

    dispose() {
      disposed = true;
      for (const s of docs.values()) clearTimer(s);
      for (const v of views.values()) clearTimer(v);
    },
  };
}
