/**
 * Several sync server instances sharing one store: Redis carries updates
 * between instances, PostgreSQL (SYNC_DATABASE_URL) stores the rooms. Starts
 * its own redis-server and a throwaway PostgreSQL cluster on free loopback
 * ports (scripts/services.mjs) and stops them; when either is not installed
 * the test fails and says how to install it (never skipped).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { shippedScenarios } from '@/lib/scenarios';
import { emptyAnnotations } from '@/lib/annotations/types';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import { canonicalDocument } from '@/lib/io/snapshot';
import { applyLocalChange, decodeDocument } from '@/lib/sync/ydoc';
import { findRedis, startPostgres, startRedis } from '@/scripts/services.mjs';
import { createPgStore, type PgStore } from '@/server/pg-store.mjs';
import { createPgRevocations } from '@/server/pg-revocations.mjs';
import { verifyToken } from '@/lib/sync/tokens.mjs';
import { readOpenedRoom } from '@/lib/sync/invite';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, SECRET, connect, settled, startServer, tempDataDir, token, waitFor, type RunningServer, type TestClient, cleanupAfterEach } from '../support/sync-harness';

const ROOM = 'shared-store-room';
const ORIGIN = { local: true };

const cleanup = cleanupAfterEach();

const read = (doc: Y.Doc): WorkDocument | null => {
  const p = decodeDocument(doc);
  return p.ok ? p.document : null;
};
const canon = (d: WorkDocument | null) => (d ? JSON.stringify(canonicalDocument(d)) : 'none');
const titleOf = (d: WorkDocument | null, id: string) => d?.scenario.nodes.find((n) => n.id === id)?.title;
function baseDocument(): WorkDocument {
  const scenario = shippedScenarios()[0]!;
  return { scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id };
}
/** The room as PostgreSQL holds it, read into a Y.Doc. */
async function stored(store: PgStore, room = ROOM): Promise<Y.Doc | null> {
  const state = await store.fetch(room);
  if (!state) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

// One throwaway PostgreSQL cluster for the file (each test uses its own table).
let pg: { port: number; url: string; stop(): Promise<unknown> };
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});
function pgStore(table: string): PgStore {
  const store = createPgStore(pg.url, { table });
  cleanup.push(() => store.close());
  return store;
}
async function instance(name: string, redisPort: number, databaseUrl: string, dir: string, extra: Record<string, string> = {}): Promise<RunningServer> {
  const s = await startServer({ dir, env: { SYNC_REDIS_PORT: String(redisPort), SYNC_DATABASE_URL: databaseUrl, SYNC_NAME: name, ...extra } });
  cleanup.push(() => s.stop());
  return s;
}
async function client(url: string, role: 'owner' | 'editor' | 'viewer'): Promise<TestClient> {
  const c = await connect(url, ROOM, token(ROOM, role));
  cleanup.push(() => c.destroy());
  return c;
}
function dataDir(): string {
  const d = tempDataDir();
  cleanup.push(() => d.remove());
  return d.dir;
}

describe('sync server instances sharing Redis and PostgreSQL', () => {
  it('clients on two instances converge; the room survives both instances killed and restarted', { timeout: 90_000 }, async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const store = pgStore('branchpoint_rooms');
    const dirs = [dataDir(), dataDir()];
    let a1 = await instance('a', redis.port, pg.url, dirs[0]!);
    let b1 = await instance('b', redis.port, pg.url, dirs[1]!);
    expect(a1.output()).toContain('rooms: PostgreSQL');

    const a = await client(a1.url, 'owner');
    const b = await client(b1.url, 'editor');
    const doc = baseDocument();
    applyLocalChange(a.doc, null, doc, ORIGIN);
    await settled(a);
    await waitFor(() => canon(read(b.doc)) === canon(doc), 10_000, () => 'the client on instance b to receive the document written through a');

    const node = doc.scenario.nodes[1]!.id;
    const seen = read(b.doc)!;
    applyLocalChange(b.doc, seen, ops.renameNode(seen, node, 'Renamed through b'), ORIGIN);
    const summaryNode = doc.scenario.nodes[2]!.id;
    const fromA = read(a.doc)!;
    applyLocalChange(a.doc, fromA, ops.setNodeSummary(fromA, summaryNode, 'Written through a'), ORIGIN);
    await waitFor(
      () => canon(read(a.doc)) === canon(read(b.doc)) && titleOf(read(a.doc), node) === 'Renamed through b' && read(b.doc)?.scenario.nodes.find((n) => n.id === summaryNode)?.summary === 'Written through a',
      10_000,
      () => 'the clients on a and b to converge',
    );
    await settled(a);
    await settled(b);
    const expected = canon(read(a.doc));

    // PostgreSQL holds the whole room (both instances' edits) before anything is killed.
    let inStore = 'none';
    const deadline = Date.now() + 15_000;
    while (inStore !== expected) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL does not hold the converged room; it holds:\n${inStore.slice(0, 300)}\n${a1.output()}\n${b1.output()}`);
      const d = await stored(store);
      inStore = d ? canon(read(d)) : 'none';
      if (inStore !== expected) await new Promise((r) => setTimeout(r, 50));
    }

    a.destroy();
    b.destroy();
    await a1.stop('SIGKILL');
    await b1.stop('SIGKILL');
    // Nothing went to SQLite.
    for (const d of dirs) expect(existsSync(path.join(d, 'rooms.sqlite'))).toBe(false);

    a1 = await instance('a', redis.port, pg.url, dirs[0]!);
    b1 = await instance('b', redis.port, pg.url, dirs[1]!);
    const later = await client(b1.url, 'viewer');
    expect(canon(read(later.doc))).toBe(expected);
    const onA = await client(a1.url, 'viewer');
    expect(canon(read(onA.doc))).toBe(expected);
  });

  it('the store merges: an instance storing a state that lacks another instance\'s update does not drop it', { timeout: 60_000 }, async () => {
    const store = pgStore('merge_check');

    const onA = new Y.Doc();
    onA.getMap('meta').set('title', 'Base');
    const onB = new Y.Doc();
    Y.applyUpdate(onB, Y.encodeStateAsUpdate(onA));
    // A makes an edit and stores it; B has not received it yet, makes its own and stores.
    onA.getMap('meta').set('fromA', 'edit on a');
    onB.getMap('meta').set('fromB', 'edit on b');
    await store.store(ROOM, Y.encodeStateAsUpdate(onA));
    await store.store(ROOM, Y.encodeStateAsUpdate(onB));

    const back = (await stored(store))!;
    expect(back.getMap('meta').toJSON()).toEqual({ title: 'Base', fromA: 'edit on a', fromB: 'edit on b' });
    expect(await store.fetch('no-such-room')).toBeNull();
  });

  it('a link revoked through one instance is refused by every instance, and its open connections on the others are closed', { timeout: 90_000 }, async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const table = { SYNC_DATABASE_TABLE: 'revocation_rooms' };
    const a1 = await instance('a', redis.port, pg.url, dataDir(), table);
    const b1 = await instance('b', redis.port, pg.url, dataDir(), table);
    const opened = readOpenedRoom(await (await fetch(`http://127.0.0.1:${a1.port}/rooms`, { method: 'POST' })).json())!;
    const { room, invitations } = opened;
    const join = async (s: RunningServer, tok: string) => {
      const c = await connect(s.url, room, tok);
      cleanup.push(() => c.destroy());
      return c;
    };
    const editorOnB = await join(b1, invitations.editor);
    const viewerOnB = await join(b1, invitations.viewer);
    expect(editorOnB.failed).toBeNull();
    expect(viewerOnB.failed).toBeNull();

    // The owner replaces the editor link through instance a.
    const r = await fetch(`http://127.0.0.1:${a1.port}/rooms/${room}/invitations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${invitations.owner}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'editor', revoke: invitations.editor }),
    });
    expect(r.status).toBe(201);
    // Instance b closes the editor's connection and refuses the old link; the viewer stays.
    await waitFor(() => editorOnB.closed !== null, 5_000, () => `the revoked editor on instance b to be disconnected\n${b1.output()}`);
    expect((await join(b1, invitations.editor)).failed).toBe('revoked');
    expect(viewerOnB.closed).toBeNull();
    // An instance started later, with no file of its own, refuses it too (the table is the truth).
    const c1 = await instance('c', redis.port, pg.url, dataDir(), table);
    expect((await join(c1, invitations.editor)).failed).toBe('revoked');

    // The command line, given the database, revokes on every running instance.
    const viewerId = verifyToken(SECRET, invitations.viewer, { room });
    if (!viewerId.ok) throw new Error('the viewer invitation does not verify');
    const cli = await promisify(execFile)(process.execPath, [path.join(ROOT, 'server', 'tokens-cli.mjs'), 'revoke', viewerId.claims.jti], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SYNC_DATA_DIR: dataDir(), SYNC_SECRET: SECRET, SYNC_DATABASE_URL: pg.url, ...table } as unknown as NodeJS.ProcessEnv,
    });
    expect(cli.stdout).toContain('in PostgreSQL');
    await waitFor(() => viewerOnB.closed !== null, 5_000, () => `the revoked viewer on instance b to be disconnected\n${b1.output()}`);
    expect((await join(a1, invitations.viewer)).failed).toBe('revoked');
    expect((await join(c1, invitations.viewer)).failed).toBe('revoked');
    // The owner's link still works everywhere.
    expect((await join(c1, invitations.owner)).failed).toBeNull();
  });

  it('a revocation listener that loses its connection reconnects and reads what it missed', { timeout: 60_000 }, async () => {
    const seen = new Set<string>();
    const listening = createPgRevocations(pg.url, { table: 'listener_check', retryMs: 100, onRevoked: (ids) => ids.forEach((id) => seen.add(id)) });
    cleanup.push(() => listening.close());
    const other = createPgRevocations(pg.url, { table: 'listener_check' });
    cleanup.push(() => other.close());
    await listening.listen();
    await other.revoke('t-first');
    await waitFor(() => seen.has('t-first'), 5_000, () => 'the first revocation to be told');
    expect(await other.has('t-first')).toBe(true);
    expect(await other.has('t-never')).toBe(false);

    // The listener's backend is ended; a revocation made while it is gone is read when it is back.
    const killed = await promisify(execFile)('psql', [
      '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-tA', '-c',
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query ILIKE 'LISTEN listener_check%'",
    ]);
    expect(Number(killed.stdout.trim())).toBeGreaterThan(0);
    await other.revoke('t-while-away');
    await waitFor(() => seen.has('t-while-away'), 10_000, () => 'the revocation made while the listener was away to be read');
    expect((await other.all()).sort()).toEqual(['t-first', 't-while-away']);
  });

  it('a missing redis-server is an error that says how to install it', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => findRedis()).toThrow(/apt-get install -y redis-server/);
    } finally {
      process.env.PATH = saved;
    }
  });
});
