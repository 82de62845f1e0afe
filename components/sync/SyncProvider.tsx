'use client';
/**
 * Shared work on this page: "Share with my team" (the `sync.share` command)
 * opens a room on the sync server, seeds it with the open scenario and shows
 * the invitation links; an invitation link in the address
 * (`?room=<name>#token=<token>`) joins its room once the saved work has
 * loaded. The session itself is ./session; the status indicator and the
 * "View only" mark read `useSync()`.
 *
 * The sync server's address is learnt at run time from /api/sync-config (so
 * one build serves any server), else NEXT_PUBLIC_SYNC_URL, else the
 * embedded default.
 */
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useAppStore } from '../AppProvider';
import { usePersistence, usePersistenceReady } from '../PersistenceProvider';
import { useCommandUi } from '../CommandProvider';
import {
  DEFAULT_SYNC_URL,
  invitationLink,
  invitationsEndpoint,
  readInvitation,
  readOpenedRoom,
  readReplacement,
  readRoomLinks,
  roomsEndpoint,
  syncUrl,
  ROLES,
  ROOM_LINKS_PREFIX,
  type Role,
  type RoomLinks,
} from '@/lib/sync/invite';
import { JOIN_WORDS, SHARE_WORDS } from '@/lib/messages/sync';
// The session (Yjs and the Hocuspocus provider) loads when a room is joined or shared, not with the page.
import type { SessionView, SyncSession } from './session';
import { cleanName, createPresenceStore, newMe, NO_PEERS, readMe, type Me, type Peer, type PresenceStore } from '@/lib/sync/presence';
import { ShareTeamDialog, type ShareDialogState } from './ShareTeamDialog';

interface SyncContextValue {
  session: SessionView | null;
  /** A problem with an invitation in the address (no session). */
  problem: string | null;
  /** This analyst's name and colour in rooms. */
  me: Me | null;
  /** Gives this analyst a new name (kept by the browser, told to the room). */
  rename(name: string): void;
}

const SyncContext = createContext<SyncContextValue>({ session: null, problem: null, me: null, rename: () => undefined });
/**
 * The session's role alone, for `useViewOnly`: the inspector reads it, and a change of this analyst's identity
 * (set once the page runs) then re-renders nothing there, nor forces the inspector to hydrate at once.
 */
const ViewOnlyContext = createContext(false);
/**
 * This analyst alone, for the panels that show whose judgement is whose (the inspector's records and numbers, the
 * Key Assumptions table, the team view): the session's view changes with the connection and with its count of
 * edits to send (up at each edit step, down at the server's acknowledgement), which none of them shows.
 */
const MeContext = createContext<Me | null>(null);
/** Who is in the room: its own context (a stable store), so the tree's nodes subscribe to their own marks only. */
const PresenceContext = createContext<PresenceStore | null>(null);

const noSubscribe = () => () => undefined;

/** Everyone in the room (yourself first); empty outside a room. */
export function usePeers(): readonly Peer[] {
  const presence = useContext(PresenceContext);
  return useSyncExternalStore(presence?.subscribe ?? noSubscribe, () => presence?.peers() ?? NO_PEERS, () => NO_PEERS);
}

/** The others looking at one branch. */
export function usePeersOn(nodeId: string): readonly Peer[] {
  const presence = useContext(PresenceContext);
  return useSyncExternalStore(presence?.subscribe ?? noSubscribe, () => presence?.on(nodeId) ?? NO_PEERS, () => NO_PEERS);
}

const ME_KEY = 'branchpoint:me';
/** This analyst's identity: the one kept by the browser, else a new one (kept from now on). */
function loadMe(): Me {
  let kept: string | null = null;
  try {
    kept = window.localStorage.getItem(ME_KEY);
  } catch {
    // No storage: a new identity for this page.
  }
  const me = readMe(kept) ?? newMe(Math.random);
  // Kept again when new, or when one kept before analysts had ids was given one.
  if (!kept || !kept.includes(me.id)) saveMe(me);
  return me;
}
function saveMe(me: Me) {
  try {
    window.localStorage.setItem(ME_KEY, JSON.stringify(me));
  } catch {
    // Kept for this page only.
  }
}

export function useSync(): SyncContextValue {
  return useContext(SyncContext);
}

/** This analyst's name and colour (null until the page runs). */
export function useMe(): Me | null {
  return useContext(MeContext);
}

/** True in a room joined with a viewer's invitation. */
export function useViewOnly(): boolean {
  return useContext(ViewOnlyContext);
}

let syncUrlPromise: Promise<string> | null = null;
/** The sync server's address (asked once per page). */
function resolveSyncUrl(): Promise<string> {
  syncUrlPromise ??= (async () => {
    const built = syncUrl(process.env.NEXT_PUBLIC_SYNC_URL) ?? DEFAULT_SYNC_URL;
    try {
      const r = await fetch('/api/sync-config', { cache: 'no-store' });
      if (!r.ok) return built;
      const body = (await r.json()) as { url?: unknown };
      return syncUrl(typeof body.url === 'string' ? body.url : null) ?? built;
    } catch {
      return built;
    }
  })();
  return syncUrlPromise;
}

/** The owner's links to a room, kept by this browser so the owner can show, send and replace them later. */
function keptLinks(room: string): RoomLinks | null {
  try {
    return readRoomLinks(window.localStorage.getItem(`${ROOM_LINKS_PREFIX}${room}`), room);
  } catch {
    return null;
  }
}
function keepLinks(room: string, kept: RoomLinks) {
  try {
    window.localStorage.setItem(`${ROOM_LINKS_PREFIX}${room}`, JSON.stringify(kept));
  } catch {
    // Shown for this page only; the owner's link still reopens the room.
  }
}

/**
 * The address without the invitation (after leaving a room). With no state of its own, so that Next's router
 * learns the new address (see SnapshotMenu's clearShareHash): handed the router's state, its next commit wrote
 * the old address back.
 */
function clearInvitation() {
  const u = new URL(window.location.href);
  if (!u.searchParams.has('room')) return;
  u.searchParams.delete('room');
  u.hash = '';
  window.history.replaceState(null, '', u.href);
}

export function SyncProvider({ persist, children }: { persist: boolean; children: ReactNode }) {
  const store = useAppStore();
  const persistence = usePersistence();
  const ready = usePersistenceReady();
  const [view, setView] = useState<SessionView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ShareDialogState | null>(null);
  const sessionRef = useRef<SyncSession | null>(null);
  const links = useRef<Record<Role, string> | null>(null);
  const expires = useRef('');
  /** The room's owner token and sync address, while this page is in a room as its owner. */
  const owned = useRef<{ url: string; room: string; token: string } | null>(null);
  const [presence] = useState(createPresenceStore);
  const [me, setMe] = useState<Me | null>(null);
  const meRef = useRef<Me | null>(null);
  const currentMe = useCallback(() => {
    meRef.current ??= loadMe();
    // In a transition: the first call comes from an effect while the page hydrates, and the context it changes
    // reaches the parts of the page not hydrated yet, which a blocking update would hydrate in one long task.
    const loaded = meRef.current;
    if (!me) startTransition(() => setMe(loaded));
    return loaded;
  }, [me]);
  const rename = useCallback((name: string) => {
    const clean = cleanName(name);
    const prev = meRef.current;
    if (!clean || !prev || clean === prev.name) return;
    const next = { ...prev, name: clean };
    meRef.current = next;
    saveMe(next);
    setMe(next);
    sessionRef.current?.setMe(next);
  }, []);

  const start = useCallback(
    async (url: string, room: string, token: string, role: Role, seedFromStore: boolean) => {
      const { joinRoom } = await import('./session');
      sessionRef.current?.destroy();
      owned.current = role === 'owner' ? { url, room, token } : null;
      const kept = role === 'owner' ? keptLinks(room) : null;
      links.current = kept?.links ?? null;
      expires.current = kept?.expires ?? '';
      const session = joinRoom({
        url,
        invitation: { room, token },
        role,
        store,
        persistence,
        seedFromStore,
        onView: setView,
        presence,
        me: currentMe(),
        onLeft: () => {
          if (sessionRef.current === session) sessionRef.current = null;
          links.current = null;
          owned.current = null;
          setView(null);
          clearInvitation();
        },
      });
      sessionRef.current = session;
      return session;
    },
    [store, persistence, presence, currentMe],
  );

  useEffect(() => () => sessionRef.current?.destroy(), []);

  // This browser's analyst, alone or in a room: the author of its comments and audit entries (lib/team).
  useEffect(() => {
    const who = me ?? currentMe();
    store.getState().setAnalyst({ id: who.id, name: who.name });
  }, [me, currentMe, store]);

  // An invitation in the address: joined once the saved work has loaded (or at once when nothing is saved).
  const joined = useRef(false);
  useEffect(() => {
    if (joined.current || !(ready || !persist) || (persist && !persistence)) return;
    joined.current = true;
    const reading = readInvitation(window.location.search, window.location.hash);
    if (reading.kind === 'none') return;
    if (reading.kind === 'broken') {
      setProblem(JOIN_WORDS.broken);
      return;
    }
    void resolveSyncUrl().then((url) => {
      const { room, token } = reading.invitation;
      void start(url, room, token, reading.role, false);
    });
  }, [ready, persist, persistence, start]);

  const share = useCallback(async () => {
    const current = sessionRef.current;
    if (current) {
      setDialog(links.current ? { kind: 'links', links: links.current, expires: expires.current } : { kind: 'joined' });
      return;
    }
    setDialog({ kind: 'working' });
    const url = await resolveSyncUrl();
    let opened;
    try {
      const r = await fetch(roomsEndpoint(url), { method: 'POST', cache: 'no-store' });
      if (!r.ok) {
        setDialog({ kind: 'error', message: SHARE_WORDS.failed(SHARE_WORDS.refusedHttp(r.status)) });
        return;
      }
      opened = readOpenedRoom(await r.json());
    } catch {
      setDialog({ kind: 'error', message: SHARE_WORDS.failed(SHARE_WORDS.unreachable(url)) });
      return;
    }
    if (!opened) {
      setDialog({ kind: 'error', message: SHARE_WORDS.failed(SHARE_WORDS.badAnswer) });
      return;
    }
    const session = await start(url, opened.room, opened.invitations.owner, 'owner', true);
    try {
      await Promise.race([session.ready, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 20_000))]);
    } catch {
      session.destroy();
      if (sessionRef.current === session) sessionRef.current = null;
      setView(null);
      setDialog({ kind: 'error', message: SHARE_WORDS.failed(SHARE_WORDS.unreachable(url)) });
      return;
    }
    const here = window.location.href;
    const made = Object.fromEntries(ROLES.map((role) => [role, invitationLink(here, { room: opened.room, token: opened.invitations[role] })])) as Record<Role, string>;
    links.current = made;
    expires.current = opened.expires;
    keepLinks(opened.room, { links: made, expires: opened.expires });
    // A reload reopens the room as its owner.
    window.history.replaceState(null, '', made.owner);
    setDialog({ kind: 'links', links: made, expires: opened.expires });
  }, [start]);

  /** The owner revokes the editor's or viewer's link and gets a new one (the old one's connections are closed). */
  const replace = useCallback(async (role: Role): Promise<string | null> => {
    const o = owned.current;
    const old = links.current?.[role];
    if (!o || !old || !links.current) return SHARE_WORDS.replaceFailed(SHARE_WORDS.notOwner);
    const oldToken = readInvitation(new URL(old).search, new URL(old).hash);
    let made;
    try {
      const r = await fetch(invitationsEndpoint(o.url, o.room), {
        method: 'POST',
        cache: 'no-store',
        headers: { Authorization: `Bearer ${o.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ role, revoke: oldToken.kind === 'invitation' ? oldToken.invitation.token : undefined }),
      });
      if (!r.ok) return SHARE_WORDS.replaceFailed(SHARE_WORDS.refusedHttp(r.status));
      made = readReplacement(await r.json(), role);
    } catch {
      return SHARE_WORDS.replaceFailed(SHARE_WORDS.unreachable(o.url));
    }
    if (!made) return SHARE_WORDS.replaceFailed(SHARE_WORDS.badAnswer);
    const next = { ...links.current, [role]: invitationLink(links.current.owner, { room: o.room, token: made.token }) };
    links.current = next;
    keepLinks(o.room, { links: next, expires: expires.current });
    setDialog({ kind: 'links', links: next, expires: expires.current, replaced: role });
    return null;
  }, []);

  const shareTeam = useCallback(() => void share(), [share]);
  useCommandUi({ shareTeam });
  const value = useMemo(() => ({ session: view, problem, me, rename }), [view, problem, me, rename]);

  return (
    <SyncContext.Provider value={value}>
      <ViewOnlyContext.Provider value={view?.role === 'viewer'}>
        <MeContext.Provider value={me}>
          <PresenceContext.Provider value={presence}>
            {children}
            {dialog ? <ShareTeamDialog state={dialog} onClose={() => setDialog(null)} onReplace={owned.current ? replace : undefined} /> : null}
          </PresenceContext.Provider>
        </MeContext.Provider>
      </ViewOnlyContext.Provider>
    </SyncContext.Provider>
  );
}
