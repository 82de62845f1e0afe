/**
 * One shared room, joined: a Y.Doc and its Hocuspocus provider to the sync
 * server, and the store bound to it (lib/sync/binding) once the room has
 * synced. Made by the SyncProvider, for the one sharing (who seeds the room
 * with the open scenario) and for whoever opens an invitation link.
 *
 * Nothing the user had locally is overwritten by joining: the room's
 * scenario is added as a new scenario of this browser (its "room copy",
 * saved as usual and remembered per room in localStorage, so opening the
 * link again reopens that copy), and only then bound. The one sharing keeps
 * working on their own scenario, now also the room's.
 *
 * Offline: while bound, the room's Yjs state is saved with the copy (the
 * persistence controller's `attachRoom`: every save of the copy, and the
 * stash at page exit, carry it). Rejoining reads it back into the fresh
 * Y.Doc first (lib/sync/saved-state `restoreRoomState`, which also writes
 * the copy's changes made while not bound) and binds at once, without
 * waiting for the server: a page reloaded while the server is out of reach
 * shows and keeps editing the room's copy, and the provider's sync sends
 * those edits (and brings the others') when the server is back. A saved
 * state that cannot be read is kept aside and reported, and the room is
 * joined from the server as before.
 */
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import type { AppStore } from '@/lib/store/store';
import type { PersistenceController } from '@/lib/persist/controller';
import { bindStore, type Binding } from '@/lib/sync/binding';
import { decodeDocument, isSeeded } from '@/lib/sync/ydoc';
import { encodeRoomState, restoreRoomState } from '@/lib/sync/saved-state';
import { canonicalDocument } from '@/lib/io/snapshot';
import type { WorkDocument } from '@/lib/doc/types';

const canon = (d: WorkDocument) => JSON.stringify(canonicalDocument(d));
import { nextStatus, ROOM_COPY_PREFIX, type Invitation, type Role, type SyncStatus } from '@/lib/sync/invite';
import { JOIN_WORDS } from '@/lib/messages/sync';
import { awarenessOf, readPeers, type Me, type PresenceStore } from '@/lib/sync/presence';

export interface SessionView {
  room: string;
  role: Role;
  status: SyncStatus;
  /** True once the store is bound to the room. */
  bound: boolean;
  /** What went wrong, in words (lib/messages/sync). */
  error: string | null;
  /**
   * This analyst's edits the sync server has not acknowledged yet (lib/sync/binding `onEdit`): kept with the
   * room's state, so a reload while out of reach still knows them; nothing once the server holds them all.
   */
  unsent: number;
}

export interface SyncSession {
  readonly room: string;
  readonly role: Role;
  readonly provider: HocuspocusProvider;
  /** Resolves once the store is bound to the room (rejects when it never will be). */
  readonly ready: Promise<void>;
  /** A new name (or colour) for this analyst, told to the room. */
  setMe(me: Me): void;
  destroy(): void;
}

export interface SessionOptions {
  url: string;
  invitation: Invitation;
  role: Role;
  store: AppStore;
  persistence: PersistenceController | null;
  /** The one sharing: the open scenario goes into the (new, empty) room. */
  seedFromStore?: boolean;
  onView(view: SessionView): void;
  /** The store left the room (another scenario was opened). */
  onLeft(): void;
  /** Who is in the room (kept up to date while joined). */
  presence: PresenceStore;
  me: Me;
}

function rememberCopy(room: string, docId: string) {
  try {
    window.localStorage.setItem(`${ROOM_COPY_PREFIX}${room}`, docId);
  } catch {
    // Storage refused: opening the link again makes another copy, nothing is lost.
  }
}
function knownCopy(room: string): string | null {
  try {
    return window.localStorage.getItem(`${ROOM_COPY_PREFIX}${room}`);
  } catch {
    return null;
  }
}

function whenSeeded(ydoc: Y.Doc): Promise<void> {
  if (isSeeded(ydoc)) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!isSeeded(ydoc)) return;
      ydoc.off('afterTransaction', check);
      resolve();
    };
    ydoc.on('afterTransaction', check);
  });
}

export function joinRoom(o: SessionOptions): SyncSession {
  const { room, token } = o.invitation;
  const ydoc = new Y.Doc();
  let binding: Binding | null = null;
  let syncedOnce = false;
  let destroyed = false;
  let view: SessionView = { room, role: o.role, status: 'connecting', bound: false, error: null, unsent: 0 };
  const show = (patch: Partial<SessionView>) => {
    if (destroyed) return;
    view = { ...view, ...patch };
    o.onView(view);
  };
  /** Counted as the binding writes them; none left once the provider has every update acknowledged. */
  const setUnsent = (unsent: number) => {
    if (unsent === view.unsent) return;
    show({ unsent });
    // Fewer to send is not a change of the document: the saved room state is written again to say so.
    if (unsent === 0) o.persistence?.roomStateChanged();
  };
  let resolveReady: () => void = () => undefined;
  let rejectReady: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => undefined);

  const provider = new HocuspocusProvider({
    url: o.url,
    name: room,
    token,
    document: ydoc,
    onStatus: ({ status }) => show({ status: nextStatus(view.status, status, syncedOnce) }),
    onAuthenticationFailed: () => {
      show({ status: 'refused', error: JOIN_WORDS.refused });
      rejectReady(new Error(JOIN_WORDS.refused));
      provider.destroy();
    },
    // The server closed this room's connection on a live socket (its invitation was revoked, or a
    // message of this client was refused): the page says so rather than showing itself connected.
    onClose: ({ event }) => {
      if (destroyed || view.status === 'refused') return;
      if (event.reason === 'revoked' || event.reason === 'view-only') {
        show({ status: 'refused', error: event.reason === 'revoked' ? JOIN_WORDS.refused : JOIN_WORDS.viewOnly });
        provider.destroy();
      } else if (event.code === 1000 && event.reason) {
        show({ status: 'offline' });
      }
    },
    // Every update this client sent is acknowledged (Hocuspocus counts them; after a reconnection the first is
    // the client's whole difference, its SyncStep2): whatever was edited until now is in the room on the server.
    onUnsyncedChanges: ({ number }) => {
      if (number === 0 && provider.synced) setUnsent(0);
    },
    onSynced: ({ state }) => {
      if (!state) return;
      show({ status: 'connected' });
      if (provider.authorizedScope === 'readonly') binding?.setReadOnly(true);
      if (syncedOnce) return;
      syncedOnce = true;
      // After the saved state is read: bound already, or bound now from what the server sent.
      void restoring
        .then(() => (binding || destroyed ? undefined : attach()))
        .catch((err: unknown) => {
          show({ error: err instanceof Error ? err.message : JOIN_WORDS.unreadable });
          rejectReady(err instanceof Error ? err : new Error('unbound'));
        });
    },
  });

  /**
   * The room's copy in this browser, with the room's state saved with it: read
   * into the Y.Doc and bound now, server or not (see the module comment).
   * A viewer has nothing to send: it always joins from the server.
   */
  async function restore(): Promise<void> {
    const { store, persistence } = o;
    if (!persistence || o.seedFromStore || o.role === 'viewer') return;
    const known = knownCopy(room);
    if (!known || !persistence.getState().library.some((d) => d.id === known)) return;
    if (store.getState().docId !== known) await persistence.openDocument(known);
    if (destroyed || binding || store.getState().docId !== known) return;
    const restored = restoreRoomState(ydoc, room, persistence.savedRoomState(known), store.getState().document);
    if (restored.status === 'damaged') {
      await persistence.setAsideRoomState(known, restored.detail);
      return;
    }
    if (restored.status === 'none' || destroyed || binding) return;
    // The edits saved as not yet sent, and the copy's own changes made while not bound (written now, sent next).
    setUnsent((persistence.savedRoomState(known)?.unsent ?? 0) + (restored.localChanges ? 1 : 0));
    bind(false, provider.authorizedScope === 'readonly');
  }


  // Presence: this analyst's name, colour and selection in the awareness; everyone's read into `presence`.
  let me = o.me;
  const awareness = provider.awareness;
  const publish = () => {
    const a = awarenessOf(me, o.store.getState().selectedId);
    provider.setAwarenessField('user', a.user);
    provider.setAwarenessField('selection', a.selection);
  };
  const onAwareness = () => {
    if (awareness) o.presence.set(readPeers(awareness.getStates(), awareness.clientID));
  };
  awareness?.on('change', onAwareness);
  publish();
  const unsubscribeSelection = o.store.subscribe((s, prev) => {
    if (s.selectedId !== prev.selectedId) provider.setAwarenessField('selection', s.selectedId);
  });

  async function attach(): Promise<void> {
    const { store, persistence } = o;
    const readOnly = o.role === 'viewer' || provider.authorizedScope === 'readonly';
    const known = knownCopy(room);
    const hasCopy = (id: string | null): id is string => !!id && (!persistence || persistence.getState().library.some((d) => d.id === id));
    if (o.seedFromStore || (o.role === 'owner' && !isSeeded(ydoc) && hasCopy(known))) {
      // The owner: their scenario seeds the room (a no-op once the room holds one).
      if (!o.seedFromStore && known && persistence && store.getState().docId !== known) await persistence.openDocument(known);
      if (destroyed) return;
      bind(true, readOnly);
      return;
    }
    await whenSeeded(ydoc);
    if (destroyed) return;
    const read = decodeDocument(ydoc);
    if (!read.ok) throw new Error(JOIN_WORDS.unreadable);
    if (persistence) {
      if (hasCopy(known)) {
        if (store.getState().docId !== known) await persistence.openDocument(known);
        // No saved room state to merge with (a damaged one was set aside, or the copy predates it): binding
        // would replace the copy with the room's version, so a copy that differs is kept as a scenario first.
        const local = store.getState().document;
        if (store.getState().docId === known && canon(local) !== canon(read.document)) await persistence.keepRoomCopy(local);
        if (destroyed) return;
      } else {
        rememberCopy(room, await persistence.addDocument(read.document, null));
      }
    } else {
      store.getState().loadDocument(`room-${room}`, read.document, null);
    }
    if (destroyed) return;
    bind(false, readOnly);
  }

  let unsubscribe: () => void = () => undefined;
  let detachRoom: () => void = () => undefined;
  function bind(seed: boolean, readOnly: boolean) {
    const { store } = o;
    binding = bindStore(store, ydoc, { seed, readOnly, onEdit: () => setUnsent(view.unsent + 1) });
    rememberCopy(room, store.getState().docId);
    // From now on every save of the copy carries the room's state (read when the save is written).
    detachRoom = o.persistence?.attachRoom(() => encodeRoomState(room, ydoc, view.unsent)) ?? detachRoom;
    // The copy's id changes once (a shipped scenario becomes the user's copy on its first change); and
    // opening another scenario ends the binding: the page leaves the room.
    unsubscribe = store.subscribe((s, prev) => {
      if (binding && !binding.active()) {
        session.destroy();
        o.onLeft();
      } else if (s.docId !== prev.docId) rememberCopy(room, s.docId);
    });
    show({ bound: true });
    resolveReady();
  }

  const session: SyncSession = {
    room,
    role: o.role,
    provider,
    ready,
    setMe(next) {
      me = next;
      publish();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      unsubscribe();
      detachRoom();
      unsubscribeSelection();
      awareness?.off('change', onAwareness);
      o.presence.set([]);
      binding?.destroy();
      provider.destroy();
      ydoc.destroy();
      rejectReady(new Error('left'));
    },
  };
  // Started last: it may bind at once, and binding uses everything above.
  const restoring = restore().catch(() => undefined);
  return session;
}
