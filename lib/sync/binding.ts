/**
 * Binds the app's store (lib/store) to a Y.Doc (lib/sync/ydoc): the Y.Doc is
 * the truth for a shared scenario, the store's document a projection of it.
 *
 * - A local change (anything that changes `document` in the store: `commit`
 *   and the actions built on it) is written into the Y.Doc in one
 *   transaction carrying this binding's `origin`: only the records and fields
 *   that changed, free text as a character splice (lib/sync/text), so
 *   concurrent edits merge character by character.
 * - A change of the Y.Doc from any other origin (a remote client through the
 *   provider, this binding's undo manager) is read back (`decodeDocument`,
 *   which repairs the tree deterministically) and given to the store with
 *   `receiveDocument`: no undo step, nothing written back (no echo).
 * - Undo and redo are a `Y.UndoManager` tracking only `origin`: they take
 *   back this client's own changes, never another analyst's. The store's
 *   `undo`/`redo` actions are routed to it, and its `past`/`future` mirror
 *   the manager's stacks (labels only: a bound store never restores a whole
 *   document from its history, which would revert remote edits).
 * - Session data (expanded, selection, focus, viewport, reader...) is never
 *   written: only `document` is watched.
 * - The team layers (comments, audit trail: lib/team/ydoc) are written with
 *   the change that made them but lie outside the undo manager's scope; an
 *   undo or redo here appends its own audit entry ("Undid: …"). A remote
 *   change arrives with its author's entries and adds none here.
 *
 * Seeding: a room's content is written once. `bindStore` reads the Y.Doc
 * into the store when it holds a document; otherwise, with `seed: true`, it
 * writes the store's document into it (under `SEED_ORIGIN`, so it cannot be
 * undone); otherwise it waits for the first remote update, and local changes
 * made before then are not shared (call `seed()` once the provider has
 * synced and the room is still empty).
 *
 * Concurrency: every reading goes through `decodeDocument`, whose tree
 * repair (`repairTree`) is a function of the Y.Doc's state alone, so every
 * client shows the same tree: a cycle made by concurrent moves is broken at
 * its node with the smallest id, hung under the root; a node whose parent
 * was deleted meanwhile goes under the deleted branch's nearest surviving
 * ancestor (through the tombstones deleted nodes leave), else the root, and
 * is reported (`repairs()`, `onRepairs`: `sync-orphan-reattached`) so the
 * app can flag it. The repair is never written back (each client would
 * write it concurrently); a later move of the node writes its new parent.
 *
 * Wiring (the app, per provider):
 *
 *   const ydoc = new Y.Doc();
 *   const provider = new HocuspocusProvider({ url, name: room, token, document: ydoc,
 *     onSynced: () => {
 *       binding ??= bindStore(store, ydoc, { readOnly: provider.authorizedScope === 'readonly', onRepairs });
 *       if (isOwner) binding.seed(); // only the one sharing the scenario; a no-op once the room has one
 *     } });
 *   // Undo/redo shortcuts keep calling store.getState().undo(): routed to the binding.
 *   // Leaving the room: binding.destroy(); provider.destroy().
 *
 * Pure TypeScript: no React, no DOM.
 */
import * as Y from 'yjs';
import type { AppStore, HistoryEntry } from '@/lib/store/store';
import type { WorkDocument } from '@/lib/doc/types';
import type { Problem } from '@/lib/model/integrity';
import type { RestoreRepair } from '@/lib/io/restore';
import { canonicalDocument } from '@/lib/io/snapshot';
import { historyNotice } from '@/lib/messages/history';
import { applyLocalChange, decodeDocument, isSeeded, localUndoManager, restoreLostFields, type SyncRepair } from './ydoc';

/** The origin of the transaction that seeds a room (not tracked by any undo manager). */
export const SEED_ORIGIN = 'branchpoint-seed';

const LABEL = 'label';

export interface BindingOptions {
  /** Write the store's document into the Y.Doc when it holds none yet (the one client that seeds the room). */
  seed?: boolean;
  /** Told each time the Y.Doc is read with repairs (concurrent moves, a branch deleted under a new child...). */
  onRepairs?: (repairs: ReadonlyArray<SyncRepair | RestoreRepair>) => void;
  /** Told when the Y.Doc cannot be read (the store keeps the last good document). */
  onProblems?: (problems: readonly Problem[]) => void;
  /** Start read-only (a viewer): see `setReadOnly`. */
  readOnly?: boolean;
  /**
   * Told once per edit this analyst writes to the room: a new step (typing on in the same step is the same edit),
   * an undo, a redo. Each is one item added to the undo manager's stacks. Edits of others are never counted.
   */
  onEdit?: () => void;
}

export interface Binding {
  /** The origin of this client's transactions (the undo manager tracks it alone). */
  readonly origin: object;
  readonly ydoc: Y.Doc;
  readonly undoManager: Y.UndoManager;
  /** The repairs of the last reading of the Y.Doc (empty when it needed none). */
  repairs(): ReadonlyArray<SyncRepair | RestoreRepair>;
  /** The problems of the last reading that failed, or null. */
  problems(): readonly Problem[] | null;
  /** Writes the store's document into the Y.Doc if it holds none yet; true if it did. */
  seed(): boolean;
  /** Takes back this client's last change (never another's); false when there is none. */
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /**
   * Read-only (a viewer's token: the server refuses its writes anyway): a
   * local change is not written and the store goes back to the room's
   * document, so the viewer never sees a change nobody else has. The one
   * exception is the discussion (`onlyDiscussion`): a viewer's comments are
   * written, and the server lets those through (lib/sync/viewer-writes.mjs).
   */
  setReadOnly(readOnly: boolean): void;
  readOnly(): boolean;
  /** False once destroyed (also when the store loaded another document: it left the room). */
  active(): boolean;
  /**
   * Stops listening to both sides and gives the store its own undo back (its
   * history starts afresh). Done by the binding itself when the store loads
   * another document (`loadDocument`), which is never written into the room.
   */
  destroy(): void;
}

const canon = (d: WorkDocument) => JSON.stringify(canonicalDocument(d));

/** The layers a viewer may change: the discussion and the audit entries that record it. */
const VIEWER_LAYERS: ReadonlySet<string> = new Set(['discussion', 'audit']);

/** True when `next` differs from `prev` in the discussion and its audit entries only (the store shares every untouched layer). */
export function onlyDiscussion(prev: WorkDocument, next: WorkDocument): boolean {
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)]);
  let talk = false;
  for (const k of keys) {
    const same = prev[k as keyof WorkDocument] === next[k as keyof WorkDocument];
    if (VIEWER_LAYERS.has(k)) talk ||= !same;
    else if (!same) return false;
  }
  return talk;
}

/**
 * Binds `store` to `ydoc` (one binding per store and Y.Doc; both made per
 * provider, as the app makes its store). See the module comment.
 */
export function bindStore(store: AppStore, ydoc: Y.Doc, options: BindingOptions = {}): Binding {
  const origin = { binding: 'branchpoint-local' };
  // Steps are grouped by the store (its `group` keys), not by time: a new step calls stopCapturing().
  const um = localUndoManager(ydoc, origin, Number.MAX_SAFE_INTEGER);
  const originalUndo = store.getState().undo;
  const originalRedo = store.getState().redo;
  /** True while the binding itself changes the store (a projection, the mirrored history): nothing is written back. */
  let quiet = false;
  let pendingLabel = '';
  let lastRepairs: ReadonlyArray<SyncRepair | RestoreRepair> = [];
  let lastProblems: readonly Problem[] | null = null;
  let destroyed = false;
  let readOnly = options.readOnly ?? false;

  const quietly = (fn: () => void) => {
    const was = quiet;
    quiet = true;
    try {
      fn();
    } finally {
      quiet = was;
    }
  };

  /** Reads the Y.Doc into the store when it differs from what the store shows. */
  function project(): void {
    if (!isSeeded(ydoc)) return;
    const p = decodeDocument(ydoc);
    if (!p.ok) {
      lastProblems = p.problems;
      options.onProblems?.(p.problems);
      return;
    }
    lastProblems = null;
    lastRepairs = p.repairs;
    if (p.repairs.length > 0) options.onRepairs?.(p.repairs);
    const current = store.getState().document;
    if (canon(current) === canon(p.document)) return;
    quietly(() => store.getState().receiveDocument(p.document));
  }

  /** The store's past/future as the undo manager's stacks (labels; `document` is the current one, never restored). */
  function mirrorHistory(): void {
    const document = store.getState().document;
    const entries = (stack: readonly { meta: Map<unknown, unknown> }[]): HistoryEntry[] =>
      stack.map((item) => ({ document, label: String(item.meta.get(LABEL) ?? '') }));
    quietly(() => store.setState({ past: entries(um.undoStack), future: entries(um.redoStack) }));
  }

  um.on('stack-item-added', ({ stackItem, type }) => {
    if (type === 'undo' && !stackItem.meta.has(LABEL)) stackItem.meta.set(LABEL, pendingLabel);
    options.onEdit?.();
  });

  /** True during an undo or redo: it is read once it is whole (see `history`). */
  let inHistory = false;
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === origin || tr.changed.size === 0 || inHistory) return;
    project();
  };
  ydoc.on('afterTransaction', onTransaction);

  const unsubscribe = store.subscribe((state, prev) => {
    if (quiet || destroyed) return;
    // Another document loaded into the store: it is not this room's, so the store leaves the room.
    if (state.loadSeq !== prev.loadSeq) return binding.destroy();
    if (state.document === prev.document) return;
    if (!isSeeded(ydoc)) return; // nothing shared yet: see `seed`
    if (readOnly && onlyDiscussion(prev.document, state.document)) {
      applyLocalChange(ydoc, prev.document, state.document, origin);
      mirrorHistory();
      return;
    }
    if (readOnly) {
      quietly(() => store.getState().receiveDocument(prev.document));
      project();
      mirrorHistory();
      return;
    }
    const newStep = state.past !== prev.past || state.past.length === 0;
    if (newStep) {
      um.stopCapturing();
      pendingLabel = state.past[state.past.length - 1]?.label ?? '';
    }
    applyLocalChange(ydoc, prev.document, state.document, origin);
    // When the store showed a repaired reading (a cycle broken, an orphan put back, a link dropped), the
    // change may read differently from what the store holds: read it back. Otherwise the Y.Doc read what
    // the store held before, and now holds exactly the change, so it reads what the store holds (the
    // property tests check this after every step), and a keystroke costs no full reading.
    if (lastRepairs.length > 0 || lastProblems !== null) project();
    mirrorHistory();
  });

  function history(from: 'undo' | 'redo'): boolean {
    const stack = from === 'undo' ? um.undoStack : um.redoStack;
    const label = String(stack[stack.length - 1]?.meta.get(LABEL) ?? '');
    const before = store.getState().document;
    inHistory = true;
    let done = false;
    try {
      // The undo (or redo) and the fields it lost, written back, in one transaction, so one update: no other client
      // ever reads the room between the two (sent apart, a client that had the undo and not yet the write-back read
      // a room with fields missing). The transaction is the undo manager's own, and its flag is held up until the
      // transaction ends, which is when the manager files the step (um.undo() lowers it on return).
      ydoc.transact(() => {
        done = (from === 'undo' ? um.undo() : um.redo()) !== null;
        if (from === 'undo') um.undoing = true;
        else um.redoing = true;
        // An undo of a change that won a conflict can leave a field empty (`restoreLostFields`): written back.
        if (done && !decodeDocument(ydoc).ok) restoreLostFields(ydoc, before, um);
      }, um);
    } finally {
      um.undoing = false;
      um.redoing = false;
      inHistory = false;
    }
    // Undoing a step makes a new item on the other stack: it keeps the step's name.
    const other = from === 'undo' ? um.redoStack : um.undoStack;
    if (done && label) other[other.length - 1]?.meta.set(LABEL, label);
    if (done) project();
    mirrorHistory();
    if (done) {
      // The undo manager never touches the audit trail (lib/team/ydoc): the undo is recorded as an entry of its own.
      store.getState().recordAudit(historyNotice(from, label), before);
      store.getState().announce(historyNotice(from, label));
    }
    return done;
  }

  quietly(() => store.setState({ undo: () => void history('undo'), redo: () => void history('redo') }));

  const binding: Binding = {
    origin,
    ydoc,
    undoManager: um,
    repairs: () => lastRepairs,
    problems: () => lastProblems,
    seed() {
      if (isSeeded(ydoc)) return false;
      applyLocalChange(ydoc, null, store.getState().document, SEED_ORIGIN);
      return true;
    },
    undo: () => history('undo'),
    redo: () => history('redo'),
    canUndo: () => um.undoStack.length > 0,
    canRedo: () => um.redoStack.length > 0,
    active: () => !destroyed,
    setReadOnly: (value) => void (readOnly = value),
    readOnly: () => readOnly,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      unsubscribe();
      ydoc.off('afterTransaction', onTransaction);
      um.destroy();
      quietly(() => store.setState({ undo: originalUndo, redo: originalRedo, past: [], future: [] }));
    },
  };

  if (isSeeded(ydoc)) project();
  else if (options.seed) binding.seed();
  mirrorHistory();
  return binding;
}
