/**
 * Presence in a shared room: who is there (a name and a colour, chosen once
 * and kept by the browser) and which branch each is looking at (their
 * selection), as carried by the provider's awareness. Everything read from
 * another client is checked here: a name is plain text (control characters
 * dropped, spaces collapsed, at most MAX_NAME characters, shown as text,
 * never as markup), a colour one of PRESENCE_COLOURS (so nothing else ever
 * reaches a style), a selection a plain id.
 *
 * Pure TypeScript: no React, no DOM.
 */

/** Colours that read on white and on the dark application bar. */
export const PRESENCE_COLOURS = ['#d9480f', '#2b8a3e', '#1971c2', '#9c36b5', '#c2255c', '#0b7285', '#e67700', '#5f3dc4'] as const;
export type PresenceColour = (typeof PRESENCE_COLOURS)[number];

export const MAX_NAME = 40;
const ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/** This analyst, as kept by the browser. */
export interface Me {
  /** Stable and unguessable enough to tell analysts apart (`a-` and 12 base-36 digits): the key of their judgements, comments and audit entries. */
  id: string;
  name: string;
  colour: PresenceColour;
}

/** An analyst's id: `a-` and 12 lower-case base-36 digits. */
export const ANALYST_ID = /^a-[0-9a-z]{12}$/;

/** A new analyst id from `random` (0 ≤ r < 1). */
export function newAnalystId(random: () => number): string {
  let out = 'a-';
  for (let i = 0; i < 12; i++) out += Math.floor(random() * 36).toString(36);
  return out;
}

export interface Peer {
  clientId: number;
  /** Their analyst id (null from a client that does not say it). */
  analystId: string | null;
  name: string;
  colour: PresenceColour;
  /** The branch they are looking at, or null. */
  selectedId: string | null;
  self: boolean;
}

/** A name as shown: text, one line, at most MAX_NAME characters; null when nothing is left. */
export function cleanName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? [...text].slice(0, MAX_NAME).join('') : null;
}

const isColour = (c: unknown): c is PresenceColour => PRESENCE_COLOURS.includes(c as PresenceColour);

/** A new identity: "Analyst" and a number, and a colour, from `random` (0 ≤ r < 1). */
export function newMe(random: () => number): Me {
  const n = 100 + Math.floor(random() * 900);
  const colour = PRESENCE_COLOURS[Math.floor(random() * PRESENCE_COLOURS.length)] ?? PRESENCE_COLOURS[0];
  return { id: newAnalystId(random), name: `Analyst ${n}`, colour };
}

/**
 * The identity kept by the browser (JSON), or null when there is none or it
 * cannot be read. One kept before analysts had ids is given one from
 * `random` (the caller keeps it from then on).
 */
export function readMe(text: string | null, random: () => number = Math.random): Me | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { id?: unknown; name?: unknown; colour?: unknown } | null;
    const name = cleanName(raw?.name);
    if (!name || !isColour(raw?.colour)) return null;
    const id = typeof raw?.id === 'string' && ANALYST_ID.test(raw.id) ? raw.id : newAnalystId(random);
    return { id, name, colour: raw.colour };
  } catch {
    return null;
  }
}

/** What this client publishes in the awareness. */
export function awarenessOf(me: Me, selectedId: string | null): { user: { id: string; name: string; colour: string }; selection: string | null } {
  return { user: { id: me.id, name: me.name, colour: me.colour }, selection: selectedId };
}

/**
 * Everyone in the room from the awareness states (client id → state):
 * yourself first, then by name; a state without a readable name and colour
 * is left out.
 */
export function readPeers(states: Iterable<[number, unknown]>, selfId: number): Peer[] {
  const out: Peer[] = [];
  for (const [clientId, state] of states) {
    if (typeof state !== 'object' || state === null) continue;
    const { user, selection } = state as { user?: { id?: unknown; name?: unknown; colour?: unknown }; selection?: unknown };
    const name = cleanName(user?.name);
    if (!name || !isColour(user?.colour)) continue;
    const selectedId = typeof selection === 'string' && ID.test(selection) ? selection : null;
    const analystId = typeof user.id === 'string' && ANALYST_ID.test(user.id) ? user.id : null;
    out.push({ clientId, analystId, name, colour: user.colour, selectedId, self: clientId === selfId });
  }
  return out.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** The others (not yourself) by the branch each is looking at. */
export function othersByBranch(peers: readonly Peer[]): Map<string, Peer[]> {
  const by = new Map<string, Peer[]>();
  for (const p of peers) {
    if (p.self || !p.selectedId) continue;
    const list = by.get(p.selectedId) ?? [];
    list.push(p);
    by.set(p.selectedId, list);
  }
  return by;
}

/** The one letter a mark on the tree shows for a name. */
export function initialOf(name: string): string {
  return ([...name.trim()][0] ?? '?').toUpperCase();
}

/** Nobody: the one empty list, so the page's server snapshot and the store's answer are the same object (a
 * different empty array would make every tree node re-render synchronously while the page hydrates). */
export const NO_PEERS: readonly Peer[] = Object.freeze([]);
const NONE = NO_PEERS;
const sameMarks = (a: readonly Peer[], b: readonly Peer[]) =>
  a.length === b.length && a.every((p, i) => p.clientId === b[i]!.clientId && p.name === b[i]!.name && p.colour === b[i]!.colour);

/**
 * Who is in the room, for the page to subscribe to: the whole list, and the
 * others on one branch (the same array while it does not change, so a tree
 * node re-renders only when its own marks do).
 */
export interface PresenceStore {
  set(peers: readonly Peer[]): void;
  peers(): readonly Peer[];
  on(nodeId: string): readonly Peer[];
  subscribe(listener: () => void): () => void;
}

export function createPresenceStore(): PresenceStore {
  let all: readonly Peer[] = NONE;
  let by = new Map<string, readonly Peer[]>();
  const listeners = new Set<() => void>();
  return {
    set(peers) {
      const next = new Map<string, readonly Peer[]>();
      for (const [id, list] of othersByBranch(peers)) {
        const prev = by.get(id);
        next.set(id, prev && sameMarks(prev, list) ? prev : list);
      }
      all = peers.length ? peers : NONE;
      by = next;
      for (const l of [...listeners]) l();
    },
    peers: () => all,
    on: (nodeId) => by.get(nodeId) ?? NONE,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
