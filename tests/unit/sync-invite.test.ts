/**
 * Invitations as the page reads them (lib/sync/invite): links, the role a
 * token claims, the sync server's answer, the status shown.
 */
import { describe, it, expect } from 'vitest';
import { invitationLink, invitationsEndpoint, nextStatus, readInvitation, readOpenedRoom, readReplacement, readRoomLinks, roomsEndpoint, syncUrl, tokenRole, ROOM_NAME } from '@/lib/sync/invite';
import { mintToken, ROOM_PATTERN } from '@/lib/sync/tokens.mjs';

const SECRET = 'invite-test-secret-0123456789';
const tok = (role: 'owner' | 'editor' | 'viewer', room = 'r-abc') => mintToken(SECRET, { room, role, expiresAt: Date.now() + 60_000 });

describe('invitations', () => {
  it('uses the same room rule as the server', () => {
    expect(ROOM_NAME.source).toBe(ROOM_PATTERN.source);
  });

  it('reads the role a token claims, and nothing from what is not a token', () => {
    expect(tokenRole(tok('owner'))).toBe('owner');
    expect(tokenRole(tok('editor'))).toBe('editor');
    expect(tokenRole(tok('viewer'))).toBe('viewer');
    expect(tokenRole('bp1.e30.' + 'a'.repeat(43))).toBeNull(); // {} claims no role
    expect(tokenRole('not a token')).toBeNull();
    expect(tokenRole('')).toBeNull();
    expect(tokenRole(`bp1.${Buffer.from(JSON.stringify({ role: 'admin' })).toString('base64url')}.${'a'.repeat(43)}`)).toBeNull();
  });

  it('puts the token in the fragment and reads the link back', () => {
    const link = invitationLink('http://127.0.0.1:3100/?node=kunar-strike&x=1#s=old', { room: 'r-abc', token: tok('editor') });
    const u = new URL(link);
    expect(u.searchParams.get('room')).toBe('r-abc');
    expect(u.searchParams.get('node')).toBeNull();
    expect(u.searchParams.get('x')).toBe('1');
    expect(u.search).not.toContain('bp1');
    expect(u.hash.startsWith('#token=bp1.')).toBe(true);
    const r = readInvitation(u.search, u.hash);
    expect(r).toMatchObject({ kind: 'invitation', role: 'editor', invitation: { room: 'r-abc' } });
    expect(readInvitation('', '')).toEqual({ kind: 'none' });
    expect(readInvitation('?room=r-abc', '')).toEqual({ kind: 'broken' });
    expect(readInvitation('?room=bad%20room', `#token=${tok('editor')}`)).toEqual({ kind: 'broken' });
    expect(readInvitation('?room=r-abc', '#token=garbage')).toEqual({ kind: 'broken' });
  });

  it('derives the room endpoint from the sync address, and takes only ws addresses', () => {
    expect(roomsEndpoint('ws://127.0.0.1:1234')).toBe('http://127.0.0.1:1234/rooms');
    expect(roomsEndpoint('wss://sync.example.org/bp')).toBe('https://sync.example.org/bp/rooms');
    expect(syncUrl('ws://127.0.0.1:3199')).toBe('ws://127.0.0.1:3199');
    expect(syncUrl('http://127.0.0.1:3199')).toBeNull();
    expect(syncUrl('javascript:alert(1)')).toBeNull();
    expect(syncUrl('ws://u:p@host:1')).toBeNull();
    expect(syncUrl(undefined)).toBeNull();
  });

  it('replacing a link: the endpoint, the answer checked, and the links the owner keeps read back only when they are this room\'s', () => {
    expect(invitationsEndpoint('wss://sync.example.org/bp', 'r-abc')).toBe('https://sync.example.org/bp/rooms/r-abc/invitations');
    const answer = { role: 'viewer', token: tok('viewer'), expires: '2030-01-01T00:00:00.000Z' };
    expect(readReplacement(answer, 'viewer')).toEqual({ token: answer.token, expires: answer.expires });
    expect(readReplacement(answer, 'editor')).toBeNull();
    expect(readReplacement({ ...answer, token: tok('editor') }, 'viewer')).toBeNull();
    expect(readReplacement(null, 'viewer')).toBeNull();

    const app = 'http://127.0.0.1:3100/';
    const links = { owner: invitationLink(app, { room: 'r-abc', token: tok('owner') }), editor: invitationLink(app, { room: 'r-abc', token: tok('editor') }), viewer: invitationLink(app, { room: 'r-abc', token: tok('viewer') }) };
    const kept = { links, expires: '2030-01-01T00:00:00.000Z' };
    expect(readRoomLinks(JSON.stringify(kept), 'r-abc')).toEqual(kept);
    expect(readRoomLinks(JSON.stringify(kept), 'r-other')).toBeNull();
    expect(readRoomLinks(JSON.stringify({ ...kept, links: { ...links, viewer: links.editor } }), 'r-abc')).toBeNull();
    expect(readRoomLinks(JSON.stringify({ ...kept, links: { ...links, viewer: 'javascript:alert(1)' } }), 'r-abc')).toBeNull();
    expect(readRoomLinks('{', 'r-abc')).toBeNull();
    expect(readRoomLinks(null, 'r-abc')).toBeNull();
  });

  it("checks the server's answer: a room and one token per role, each claiming its role", () => {
    const good = { room: 'r-abc', expires: '2030-01-01T00:00:00.000Z', invitations: { owner: tok('owner'), editor: tok('editor'), viewer: tok('viewer') } };
    expect(readOpenedRoom(good)).toEqual(good);
    expect(readOpenedRoom({ ...good, invitations: { ...good.invitations, viewer: tok('editor') } })).toBeNull();
    expect(readOpenedRoom({ ...good, room: '../x' })).toBeNull();
    expect(readOpenedRoom(null)).toBeNull();
    expect(readOpenedRoom('x')).toBeNull();
  });

  it('shows connecting until synced, then connected / reconnecting / offline; a refusal stays', () => {
    expect(nextStatus('connecting', 'connected', false)).toBe('connecting');
    // An open socket is not the room yet: 'connected' comes with the sync (set by the session).
    expect(nextStatus('connecting', 'connected', true)).toBe('reconnecting');
    expect(nextStatus('offline', 'connected', true)).toBe('offline');
    expect(nextStatus('connected', 'connected', true)).toBe('connected');
    expect(nextStatus('connected', 'disconnected', true)).toBe('offline');
    expect(nextStatus('offline', 'connecting', true)).toBe('reconnecting');
    expect(nextStatus('offline', 'connecting', false)).toBe('offline');
    expect(nextStatus('refused', 'connected', true)).toBe('refused');
  });
});
