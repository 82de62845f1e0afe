/**
 * The real sync server (server/sync-server.mjs) over loopback: each test
 * starts it as a child process on a free port with a temporary data folder
 * and stops it; clients are Hocuspocus providers (and raw WebSockets for
 * hostile messages) in this process.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import { shippedScenarios } from '@/lib/scenarios';
import { emptyAnnotations } from '@/lib/annotations/types';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import { canonicalDocument } from '@/lib/io/snapshot';
import { applyLocalChange, decodeDocument } from '@/lib/sync/ydoc';
import { verifyToken } from '@/lib/sync/tokens.mjs';
import { discussionOf } from '@/lib/team/comments';
import { storeOn } from '../support/sync-ops';
import {
  ROOT,
  SECRET,
  connect,
  rawSocket,
  roundTrip,
  settled,
  startServer,
  tempDataDir,
  token,
  varBytes,
  varString,
  varUint,
  waitFor,
  type RunningServer,
  type TestClient,
  cleanupAfterEach,
} from '../support/sync-harness';

const ROOM = 'team-room';
const ORIGIN = { local: true };

function baseDocument(): WorkDocument {
  const scenario = shippedScenarios()[0]!;
  return { scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id };
}
function read(doc: Y.Doc): WorkDocument | null {
  const p = decodeDocument(doc);
  return p.ok ? p.document : null;
}
const canon = (d: WorkDocument | null) => (d ? JSON.stringify(canonicalDocument(d)) : 'none');
const titleOf = (d: WorkDocument | null, id: string) => d?.scenario.nodes.find((n) => n.id === id)?.title;

/** Everything started by a test, stopped after it whatever happened. */
const cleanup = cleanupAfterEach();
async function server(dir: string, env?: Record<string, string>, port?: number): Promise<RunningServer> {
  const s = await startServer({ dir, env, port });
  cleanup.push(() => s.stop());
  return s;
}
async function client(url: string, tok: string, room = ROOM): Promise<TestClient> {
  const c = await connect(url, room, tok);
  cleanup.push(() => c.destroy());
  return c;
}
function data(): string {
  const d = tempDataDir();
  cleanup.push(() => d.remove());
  return d.dir;
}
/** Seeds the room from one client (once) and waits for the server to hold it. */
async function seed(c: TestClient): Promise<WorkDocument> {
  const doc = baseDocument();
  applyLocalChange(c.doc, null, doc, ORIGIN);
  await settled(c);
  return doc;
}

describe('sync server over loopback', () => {
  it('two clients in one room converge', async () => {
    const s = await server(data());
    const a = await client(s.url, token(ROOM, 'owner'));
    const b = await client(s.url, token(ROOM, 'editor'));
    const doc = await seed(a);
    await waitFor(() => canon(read(b.doc)) === canon(doc), 10_000, () => 'B to receive the seeded document');

    const node = doc.scenario.nodes[1]!.id;
    const before = read(b.doc)!;
    applyLocalChange(b.doc, before, ops.renameNode(before, node, 'Renamed by B'), ORIGIN);
    const summary = doc.scenario.nodes[2]!.id;
    const fromA = read(a.doc)!;
    applyLocalChange(a.doc, fromA, ops.setNodeSummary(fromA, summary, 'Typed by A'), ORIGIN);
    await waitFor(() => canon(read(a.doc)) === canon(read(b.doc)) && titleOf(read(a.doc), node) === 'Renamed by B', 10_000, () => 'A and B to converge');
    expect(read(b.doc)!.scenario.nodes.find((n) => n.id === summary)!.summary).toBe('Typed by A');
  });

  it('a client connecting the moment a fresh server is ready is let in: the room table exists before it listens', async () => {
    // Several at once, so the servers start under load (the table used to be created after listening had begun,
    // and a first room read could meet no table: the client was refused as "permission-denied").
    const servers = await Promise.all(Array.from({ length: 6 }, () => server(data())));
    const clients = await Promise.all(servers.map((s) => client(s.url, token(ROOM, 'owner'))));
    for (const c of clients) expect(c.failed).toBeNull();
    await Promise.all(clients.map((c) => seed(c)));
  });

  it('a restarted server keeps the room (SQLite in its data folder)', async () => {
    const dir = data();
    const s1 = await startServer({ dir });
    const a = await connect(s1.url, ROOM, token(ROOM, 'owner'));
    const doc = await seed(a);
    const node = doc.scenario.nodes[1]!.id;
    applyLocalChange(a.doc, doc, ops.renameNode(doc, node, 'Kept across restarts'), ORIGIN);
    await settled(a);
    a.destroy();
    expect(await s1.stop('SIGTERM')).toBe(0);

    const s2 = await server(dir, undefined, s1.port);
    const b = await client(s2.url, token(ROOM, 'viewer'));
    expect(titleOf(read(b.doc), node)).toBe('Kept across restarts');
  });

  it("a viewer's write is refused by the server (its connection closed): neither the others nor the stored room see it; its comment goes through", async () => {
    const dir = data();
    const s = await server(dir);
    const owner = await client(s.url, token(ROOM, 'owner'));
    const doc = await seed(owner);
    const viewer = await client(s.url, token(ROOM, 'viewer'));
    await waitFor(() => read(viewer.doc) !== null);

    // A comment (with its audit entry), made as the app makes it, reaches the others.
    const store = storeOn(read(viewer.doc)!);
    store.getState().setAnalyst({ id: 'a-viewer000001', name: 'Red-teamer' });
    const before = store.getState().document;
    const node = doc.scenario.nodes[1]!.id;
    store.getState().startThread({ kind: 'node', id: node }, 'Have we priced in escalation?', true);
    applyLocalChange(viewer.doc, before, store.getState().document, ORIGIN);
    await settled(viewer);
    await waitFor(() => discussionOf(read(owner.doc) ?? doc).threads.length === 1, 10_000, () => "the viewer's comment to reach the owner");
    expect(discussionOf(read(owner.doc)!).threads[0]!.comments[0]!.text).toBe('Have we priced in escalation?');
    expect(viewer.closed).toBeNull();

    // A rename is refused: the server closes the viewer's connection and applies nothing.
    const seen = read(viewer.doc)!;
    applyLocalChange(viewer.doc, seen, ops.renameNode(seen, node, 'Written by a viewer'), ORIGIN);
    expect(titleOf(read(viewer.doc), node)).toBe('Written by a viewer'); // only in its own copy
    await waitFor(() => viewer.closed !== null, 10_000, () => "the server to close the viewer's connection");
    viewer.destroy();
    expect(s.output()).toContain("refused a viewer's write");
    await roundTrip(owner);
    expect(titleOf(read(owner.doc), node)).toBe(doc.scenario.nodes[1]!.title);

    const fresh = await client(s.url, token(ROOM, 'editor'));
    expect(titleOf(read(fresh.doc), node)).toBe(doc.scenario.nodes[1]!.title);
    expect(discussionOf(read(fresh.doc)!).threads).toHaveLength(1);
  });

  it('a wrong, expired, other-room or revoked token is refused; revoking closes the open connection', async () => {
    const dir = data();
    const s = await server(dir);
    const owner = await client(s.url, token(ROOM, 'owner'));
    await seed(owner);

    const forged = token(ROOM, 'editor').replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await client(s.url, forged)).failed).toBe('bad-signature');
    expect((await client(s.url, 'not a token')).failed).toBe('malformed');
    expect((await client(s.url, token(ROOM, 'editor', undefined, Date.now() - 1000))).failed).toBe('expired');
    expect((await client(s.url, token('another-room', 'owner'))).failed).toBe('wrong-room');

    const id = 'invite-to-revoke-0001';
    const tok = token(ROOM, 'editor', id);
    const before = await client(s.url, tok);
    expect(before.failed).toBeNull();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'server', 'tokens-cli.mjs'), 'revoke', id], { env: { ...process.env, SYNC_DATA_DIR: dir }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    await waitFor(() => before.closed !== null, 10_000, () => 'the revoked connection to be closed');
    const after = await client(s.url, tok);
    expect(after.failed).toBe('revoked');
    // The owner's connection is untouched.
    await roundTrip(owner);
  });

  it('a malformed message and an oversized one leave the server running and the room intact', async () => {
    const dir = data();
    const s = await server(dir, { SYNC_MAX_MESSAGE_BYTES: String(512 * 1024) });
    const owner = await client(s.url, token(ROOM, 'owner'));
    const doc = await seed(owner);
    const stored = canon(read(owner.doc));

    // Garbage before any authentication.
    const g = await rawSocket(s.url);
    g.ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    await waitFor(() => g.closed() !== null, 10_000, () => 'garbage socket to be closed');

    // An authenticated editor sending a sync update that is not a Yjs update.
    const m = await rawSocket(s.url);
    m.ws.send(Buffer.from([...varString(ROOM), ...varUint(2), ...varUint(0), ...varString(token(ROOM, 'editor'))]));
    await waitFor(() => m.received.length > 0, 10_000, () => 'authentication answer');
    m.ws.send(Buffer.from([...varString(ROOM), ...varUint(0), ...varUint(2), ...varBytes([5, 200, 1, 7, 7, 7, 255, 3, 9])]));
    // Hocuspocus multiplexes rooms on one socket: the server closes this room's connection with a reason.
    await waitFor(() => m.received.some((b) => b.includes('malformed-message')), 10_000, () => `the room connection to be closed as malformed; server said:\n${s.output()}`);

    // A message over the size limit.
    const o = await rawSocket(s.url);
    o.ws.send(Buffer.from([...varString(ROOM), ...varUint(2), ...varUint(0), ...varString(token(ROOM, 'editor'))]));
    o.ws.send(Buffer.alloc(1024 * 1024, 1));
    await waitFor(() => o.closed() !== null, 10_000, () => 'oversized socket to be closed');
    expect(o.closed()).toBe(1009);

    expect(s.proc.exitCode).toBeNull();
    await roundTrip(owner);
    const fresh = await client(s.url, token(ROOM, 'viewer'));
    expect(canon(read(fresh.doc))).toBe(stored);
    expect(canon(read(owner.doc))).toBe(canon(doc));
  });

  it('tokens verify only with the secret that signed them', () => {
    const t = token(ROOM, 'viewer', 'abcdefgh12345678');
    expect(verifyToken(SECRET, t, { room: ROOM })).toMatchObject({ ok: true, claims: { room: ROOM, role: 'viewer', jti: 'abcdefgh12345678' } });
    expect(verifyToken('another-secret-0123456789', t)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(SECRET, t, { isRevoked: (id) => id === 'abcdefgh12345678' })).toEqual({ ok: false, reason: 'revoked' });
  });
});
