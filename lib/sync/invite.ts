/**
 * Invitations to a shared room as the page sees them: the sync server's
 * address and its room endpoint, the link an invitation is sent as
 * (`<app>?room=<name>#token=<token>`: the token in the fragment, which the
 * browser never sends to any server, so it reaches no log), reading such a
 * link back, the role a token claims (read, not verified: the sync server
 * verifies every token on connect and refuses a viewer's writes itself), and
 * the sync server's answer to `POST /rooms`.
 *
 * Pure TypeScript: no React, no DOM, no node:crypto (lib/sync/tokens.mjs,
 * which signs, is the server's).
 */

export type Role = 'owner' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

/** The sync server's address when nothing else is set. */
export const DEFAULT_SYNC_URL = 'ws://127.0.0.1:1234';

/** Room names: the same rule as lib/sync/tokens.mjs (ROOM_PATTERN; a test keeps them equal). */
export const ROOM_NAME = /^[A-Za-z0-9_-]{1,100}$/;
/** Tokens: `bp1.<payload>.<signature>`, base64url parts, at most 1,024 characters (MAX_TOKEN_LENGTH). */
const TOKEN_SHAPE = /^bp1\.[A-Za-z0-9_-]{1,900}\.[A-Za-z0-9_-]{20,100}$/;

/** A ws:// or wss:// address, else null. */
export function syncUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return null;
    if (u.username || u.password || u.search || u.hash) return null;
    return u.href.replace(/\/$/, '');
  } catch {
    return null;
  }
}

/** The HTTP endpoint that opens rooms on the sync server at `wsUrl`. */
export function roomsEndpoint(wsUrl: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = `${u.pathname.replace(/\/$/, '')}/rooms`;
  return u.href;
}

/** The HTTP endpoint where the owner of `room` replaces an editor's or viewer's invitation. */
export function invitationsEndpoint(wsUrl: string, room: string): string {
  return roomsEndpoint(wsUrl).replace(/\/rooms$/, `/rooms/${encodeURIComponent(room)}/invitations`);
}

export interface Invitation {
  room: string;
  token: string;
}

/** The link that joins `room` with `token`: the app's address (`appUrl`, its query kept) with `?room=` and `#token=`. */
export function invitationLink(appUrl: string, invitation: Invitation): string {
  const u = new URL(appUrl);
  u.hash = '';
  u.searchParams.delete('node');
  u.searchParams.set('room', invitation.room);
  return `${u.href}#token=${invitation.token}`;
}

export type InvitationReading = { kind: 'none' } | { kind: 'invitation'; invitation: Invitation; role: Role } | { kind: 'broken' };

/** Reads an invitation from a page address's query and fragment. */
export function readInvitation(search: string, hash: string): InvitationReading {
  const room = new URLSearchParams(search).get('room');
  if (room === null) return { kind: 'none' };
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  if (!ROOM_NAME.test(room) || !token) return { kind: 'broken' };
  const role = tokenRole(token);
  if (!role) return { kind: 'broken' };
  return { kind: 'invitation', invitation: { room, token }, role };
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The role a token claims (not verified: the server does that), or null when it is not a token. */
export function tokenRole(token: string): Role | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  try {
    const claims: unknown = JSON.parse(fromBase64Url(token.split('.')[1]!));
    const role = (claims as { role?: unknown } | null)?.role;
    return ROLES.includes(role as Role) ? (role as Role) : null;
  } catch {
    return null;
  }
}

export interface OpenedRoom {
  room: string;
  expires: string;
  invitations: Record<Role, string>;
}

/** The sync server's answer to `POST /rooms`, checked; null when it is not one. */
export function readOpenedRoom(body: unknown): OpenedRoom | null {
  if (typeof body !== 'object' || body === null) return null;
  const { room, expires, invitations } = body as Record<string, unknown>;
  if (typeof room !== 'string' || !ROOM_NAME.test(room) || typeof expires !== 'string') return null;
  if (typeof invitations !== 'object' || invitations === null) return null;
  const inv = invitations as Record<string, unknown>;
  const out = {} as Record<Role, string>;
  for (const role of ROLES) {
    const t = inv[role];
    if (typeof t !== 'string' || tokenRole(t) !== role) return null;
    out[role] = t;
  }
  return { room, expires, invitations: out };
}

/** The connection as the page shows it. */
export type SyncStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/**
 * The status after the socket reports `socket` ('connecting' | 'connected' |
 * 'disconnected'), given whether the room has synced once already.
 * 'connected' is said only once the room has synced again (the provider's
 * `synced`, which the session sets): an open socket that has not (a server
 * that accepts and then drops it, a proxy) is not yet the room.
 */
export function nextStatus(current: SyncStatus, socket: string, syncedOnce: boolean): SyncStatus {
  if (current === 'refused') return current;
  if (socket === 'connected') return current === 'connected' || current === 'offline' ? current : syncedOnce ? 'reconnecting' : 'connecting';
  if (socket === 'connecting') return syncedOnce ? 'reconnecting' : current === 'offline' ? 'offline' : 'connecting';
  return 'offline';
}

/** Where the page keeps which local scenario holds a room's copy (localStorage keys). */
export const ROOM_COPY_PREFIX = 'branchpoint:room:';

/** The sync server's answer to a replaced invitation, checked: the new token for `role`, or null. */
export function readReplacement(body: unknown, role: Role): { token: string; expires: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { role: r, token, expires } = body as Record<string, unknown>;
  if (r !== role || typeof token !== 'string' || tokenRole(token) !== role || typeof expires !== 'string') return null;
  return { token, expires };
}

/** Where the owner's browser keeps the invitation links of each room it opened (localStorage keys). */
export const ROOM_LINKS_PREFIX = 'branchpoint:room-links:';

export interface RoomLinks {
  links: Record<Role, string>;
  expires: string;
}

/** Links kept for a room (JSON), checked: each an invitation link to `room` for its role; null otherwise. */
export function readRoomLinks(text: string | null, room: string): RoomLinks | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { links?: Record<string, unknown>; expires?: unknown } | null;
    if (!raw || typeof raw.expires !== 'string' || typeof raw.links !== 'object' || raw.links === null) return null;
    const links = {} as Record<Role, string>;
    for (const role of ROLES) {
      const link = raw.links[role];
      if (typeof link !== 'string') return null;
      const u = new URL(link);
      const read = readInvitation(u.search, u.hash);
      if (read.kind !== 'invitation' || read.role !== role || read.invitation.room !== room) return null;
      links[role] = link;
    }
    return { links, expires: raw.expires };
  } catch {
    return null;
  }
}
