/**
 * Opening a room over HTTP on the real sync server (`POST /rooms`): an
 * unguessable room and signed invitations for each role, which the server
 * then honours with their roles; CORS for pages on this machine only.
 */
import { describe, it, expect } from 'vitest';
import { verifyToken } from '@/lib/sync/tokens.mjs';
import { readOpenedRoom } from '@/lib/sync/invite';
import { SECRET, cleanupAfterEach, connect, freshServer, roundTrip, waitFor, type RunningServer } from '../support/sync-harness';

const cleanup = cleanupAfterEach();
const server = () => freshServer(cleanup);
const http = (s: RunningServer) => `http://127.0.0.1:${s.port}`;

describe('POST /rooms', () => {
  it('opens a new room with signed invitations for owner, editor and viewer, each honoured with its role', async () => {
    const s = await server();
    const r = await fetch(`${http(s)}/rooms`, { method: 'POST', headers: { Origin: 'http://127.0.0.1:3100' } });
    expect(r.status).toBe(201);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3100');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const opened = readOpenedRoom(await r.json());
    expect(opened).not.toBeNull();
    const { room, invitations } = opened!;
    expect(room).toMatch(/^r-[A-Za-z0-9_-]{22}$/);
    for (const role of ['owner', 'editor', 'viewer'] as const) {
      const v = verifyToken(SECRET, invitations[role], { room });
      expect(v.ok && v.claims.role).toBe(role);
    }
    // Two rooms never share a name.
    const again = readOpenedRoom(await (await fetch(`${http(s)}/rooms`, { method: 'POST' })).json());
    expect(again!.room).not.toBe(room);
    // The tokens never reach the server's log.
    expect(s.output()).not.toContain(invitations.editor);

    const owner = await connect(s.url, room, invitations.owner);
    cleanup.push(() => owner.destroy());
    const viewer = await connect(s.url, room, invitations.viewer);
    cleanup.push(() => viewer.destroy());
    expect(owner.failed).toBeNull();
    expect(viewer.failed).toBeNull();
    owner.doc.getMap('m').set('by', 'owner');
    await waitFor(() => viewer.doc.getMap('m').get('by') === 'owner', 10_000, () => 'the viewer to see the owner');
    viewer.doc.getMap('m').set('by', 'viewer');
    await waitFor(() => viewer.closed !== null, 10_000, () => "the server to close the viewer's connection on its write");
    await roundTrip(owner);
    expect(owner.doc.getMap('m').get('by')).toBe('owner');
    // An invitation to one room opens no other.
    const elsewhere = await connect(s.url, again!.room, invitations.editor);
    cleanup.push(() => elsewhere.destroy());
    expect(elsewhere.failed).toBe('wrong-room');
  });

  it('answers a preflight from a page on this machine, refuses other origins and other methods', async () => {
    const s = await server();
    const pre = await fetch(`${http(s)}/rooms`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');

    const foreign = await fetch(`${http(s)}/rooms`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.text()).not.toContain('bp1.');

    const get = await fetch(`${http(s)}/rooms`);
    expect(get.status).toBe(405);
    // Everything else is Hocuspocus' own answer, and the server is still up.
    expect((await fetch(`${http(s)}/`)).status).toBe(200);
  });

  it('allows an origin the operator lists in SYNC_ALLOWED_ORIGINS', async () => {
    const s = await freshServer(cleanup, { SYNC_ALLOWED_ORIGINS: 'https://bp.example.org' });
    const r = await fetch(`${http(s)}/rooms`, { method: 'POST', headers: { Origin: 'https://bp.example.org' } });
    expect(r.status).toBe(201);
    expect(r.headers.get('access-control-allow-origin')).toBe('https://bp.example.org');
  });

  it('the owner replaces an invitation: the old one is refused and its open connection closed; only the owner may', async () => {
    const s = await server();
    const { room, invitations } = readOpenedRoom(await (await fetch(`${http(s)}/rooms`, { method: 'POST' })).json())!;
    const other = readOpenedRoom(await (await fetch(`${http(s)}/rooms`, { method: 'POST' })).json())!;
    const endpoint = `${http(s)}/rooms/${room}/invitations`;
    const ask = (token: string, body: unknown, origin = 'http://127.0.0.1:3100') =>
      fetch(endpoint, { method: 'POST', headers: { Origin: origin, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const editor = await connect(s.url, room, invitations.editor);
    cleanup.push(() => editor.destroy());
    expect(editor.failed).toBeNull();

    // Only the owner of this room, only for editor or viewer, only a token of that room and role.
    expect((await ask(invitations.editor, { role: 'viewer' })).status).toBe(403);
    expect((await ask(other.invitations.owner, { role: 'editor', revoke: invitations.editor })).status).toBe(403);
    expect((await ask(invitations.owner, { role: 'owner' })).status).toBe(400);
    expect((await ask(invitations.owner, { role: 'editor', revoke: invitations.viewer })).status).toBe(400);
    expect((await ask(invitations.owner, { role: 'editor', revoke: other.invitations.editor })).status).toBe(400);
    expect((await ask(invitations.owner, 'x'.repeat(10_000))).status).toBe(400);
    expect(editor.closed).toBeNull();

    const pre = await fetch(endpoint, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect((await ask(invitations.owner, { role: 'editor' }, 'https://evil.example')).status).toBe(403);

    const r = await ask(invitations.owner, { role: 'editor', revoke: invitations.editor });
    expect(r.status).toBe(201);
    const { role, token } = (await r.json()) as { role: string; token: string };
    expect(role).toBe('editor');
    const v = verifyToken(SECRET, token, { room });
    expect(v.ok && v.claims.role).toBe('editor');
    expect(s.output()).not.toContain(token);
    // The old editor connection is closed and the old link refused; the new one works, the others still do.
    await waitFor(() => editor.closed !== null, 5_000, () => 'the revoked editor to be disconnected');
    const again = await connect(s.url, room, invitations.editor);
    cleanup.push(() => again.destroy());
    expect(again.failed).toBe('revoked');
    const fresh = await connect(s.url, room, token);
    cleanup.push(() => fresh.destroy());
    expect(fresh.failed).toBeNull();
    const viewer = await connect(s.url, room, invitations.viewer);
    cleanup.push(() => viewer.destroy());
    expect(viewer.failed).toBeNull();
  });
});
