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
import { connect, settled, startServer, tempDataDir, token, waitFor, type RunningServer, type TestClient, cleanupAfterEach } from '../support/sync-harness';

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
async function instance(name: string, redisPort: number, databaseUrl: string, dir: string): Promise<RunningServer> {
  const s = await startServer({ dir, env: { SYNC_REDIS_PORT: String(redisPort), SYNC_DATABASE_URL: databaseUrl, SYNC_NAME: name } });
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
