/**
 * Stores bound to Y.Docs (lib/sync/binding) synced through the real sync
 * server (server/sync-server.mjs) over loopback, with Hocuspocus providers
 * in Node (tests/support/sync-harness).
 */
import { describe, it, expect } from 'vitest';
import type { AppStore } from '@/lib/store/store';
import { discussionOf } from '@/lib/team/comments';
import { bindStore, type Binding } from '@/lib/sync/binding';
import type { WorkDocument } from '@/lib/doc/types';
import { baseDocument, canon, decoded, expectSame, storeOn, treeFaults } from '../support/sync-ops';
import { connect, freshServer, roundTrip, settled, token, waitFor, type TestClient, cleanupAfterEach } from '../support/sync-harness';

const ROOM = 'bound-room';

const cleanup = cleanupAfterEach();

const server = () => freshServer(cleanup);

/** An analyst: a store (as the app makes it) bound to the provider's Y.Doc once it has synced. */
interface Analyst {
  client: TestClient;
  store: AppStore;
  binding: Binding;
}
async function analyst(url: string, role: 'owner' | 'editor' | 'viewer', seed = false): Promise<Analyst> {
  const client = await connect(url, ROOM, token(ROOM, role));
  cleanup.push(() => client.destroy());
  expect(client.failed).toBeNull();
  // Its store starts on a document of its own; the room's replaces it unless this analyst seeds the room.
  const store = storeOn(seed ? baseDocument() : { ...baseDocument(), shippedFrom: 'something-else' });
  // Bound as the app binds it (components/sync/session.ts): a viewer read-only, its discussion aside.
  const binding = bindStore(store, client.doc, { seed, readOnly: role === 'viewer' });
  cleanup.push(() => binding.destroy());
  if (seed) await settled(client);
  return { client, store, binding };
}
const doc = (a: Analyst): WorkDocument => a.store.getState().document;
const nodeOf = (a: Analyst, id: string) => doc(a).scenario.nodes.find((n) => n.id === id);
const socketOf = (a: Analyst) => a.client.provider.configuration.websocketProvider;
/** Cuts an analyst off the server and waits until the socket is down (edits then stay local). */
async function goOffline(a: Analyst): Promise<void> {
  socketOf(a).disconnect();
  await waitFor(() => socketOf(a).status === 'disconnected', 10_000, () => 'the socket to close');
}
async function converged(...list: Analyst[]): Promise<void> {
  await waitFor(() => list.every((a) => canon(doc(a)) === canon(doc(list[0]!))), 10_000, () => 'the bound stores to converge');
}

describe('bound stores through the real sync server', () => {
  it("two analysts in one room see each other's edits in their stores", async () => {
    const s = await server();
    const a = await analyst(s.url, 'owner', true);
    const b = await analyst(s.url, 'editor');
    expectSame(doc(b), doc(a));
    const base = doc(a);
    const [n1, n2] = [base.scenario.nodes[1]!.id, base.scenario.nodes[2]!.id];

    a.store.getState().renameNode(n1, 'Renamed by A');
    b.store.getState().setNodeSummary(n2, 'Typed by B');
    await waitFor(() => nodeOf(b, n1)?.title === 'Renamed by A' && nodeOf(a, n2)?.summary === 'Typed by B', 10_000, () => 'each to see the other');
    await converged(a, b);
    // Each can undo only its own edit.
    expect(b.store.getState().past).toHaveLength(1);
    b.store.getState().undo();
    await waitFor(() => nodeOf(a, n2)?.summary === base.scenario.nodes[2]!.summary, 10_000, () => "B's undo to reach A");
    expect(nodeOf(a, n1)?.title).toBe('Renamed by A');
    expect(nodeOf(b, n1)?.title).toBe('Renamed by A');
  });

  it('an edit made while disconnected merges on reconnect, with edits made meanwhile', async () => {
    const s = await server();
    const a = await analyst(s.url, 'owner', true);
    const b = await analyst(s.url, 'editor');
    const base = doc(a);
    const id = base.scenario.nodes[1]!.id;
    const summary = base.scenario.nodes[1]!.summary;

    await goOffline(b);
    b.store.getState().setNodeSummary(id, summary + ' [offline B]');
    const added = b.store.getState().addChild(base.scenario.nodes[0]!.id, 'option', 'Added offline');
    a.store.getState().setNodeSummary(id, '[online A] ' + summary);
    await settled(a.client);
    expect(nodeOf(a, added)).toBeUndefined();

    void socketOf(b).connect();
    await waitFor(() => nodeOf(a, added) !== undefined, 10_000, () => "B's offline edits to reach A");
    await converged(a, b);
    expect(nodeOf(a, id)?.summary).toBe(`[online A] ${summary} [offline B]`);
    expectSame(decoded(a.client.doc), doc(a));
  });

  it('concurrent moves converge on one tree, without a cycle', async () => {
    const s = await server();
    const a = await analyst(s.url, 'owner', true);
    const b = await analyst(s.url, 'editor');
    const c = await analyst(s.url, 'editor');
    const base = doc(a);
    const root = base.scenario.nodes.find((n) => n.parentId === null)!;
    const [x, z, w] = base.scenario.nodes.filter((n) => n.parentId === root.id).slice(0, 3).map((n) => n.id).sort();
    expect(w).toBeDefined();

    // B and C move while cut off, so the moves are truly concurrent with A's.
    await goOffline(b);
    await goOffline(c);
    a.store.getState().moveSubtree(x!, z!);
    b.store.getState().moveSubtree(z!, w!);
    c.store.getState().moveSubtree(w!, x!);
    await settled(a.client);
    void socketOf(b).connect();
    void socketOf(c).connect();
    await converged(a, b, c);
    await waitFor(() => [a, b, c].every((p) => nodeOf(p, x!)?.parentId === root.id), 10_000, () => 'all three moves to be merged');
    for (const p of [a, b, c]) {
      expect(treeFaults(doc(p))).toEqual([]);
      expect(p.binding.repairs()).toContainEqual({ code: 'sync-cycle-broken', id: x, cycle: [x, z, w].sort(), to: root.id });
    }
    expect(nodeOf(a, w!)?.parentId).toBe(x);
    expect(nodeOf(a, z!)?.parentId).toBe(w);
  });

  it("a viewer's edit reaches neither the other analyst nor the stored room; its comment reaches both", async () => {
    const s = await server();
    const owner = await analyst(s.url, 'owner', true);
    const viewer = await analyst(s.url, 'viewer');
    viewer.store.getState().setAnalyst({ id: 'a-viewer000001', name: 'Red-teamer' });
    const base = doc(owner);
    const id = base.scenario.nodes[1]!.id;

    viewer.store.getState().renameNode(id, 'Written by a viewer');
    viewer.store.getState().startThread({ kind: 'node', id }, 'A question from the red team');
    await settled(viewer.client);
    await waitFor(() => discussionOf(doc(owner)).threads.length === 1, 10_000, () => "the viewer's comment to reach the owner");
    expect(viewer.client.closed).toBeNull();
    owner.store.getState().setNodeSummary(id, 'The owner still writes');
    await settled(owner.client);
    await waitFor(() => nodeOf(viewer, id)?.summary === 'The owner still writes', 10_000, () => "the owner's edit to reach the viewer");
    await roundTrip(owner.client);
    expect(nodeOf(owner, id)?.title).toBe(base.scenario.nodes[1]!.title);

    const fresh = await analyst(s.url, 'editor');
    expect(nodeOf(fresh, id)?.title).toBe(base.scenario.nodes[1]!.title);
    expect(nodeOf(fresh, id)?.summary).toBe('The owner still writes');
    expect(discussionOf(doc(fresh)).threads[0]?.comments[0]?.text).toBe('A question from the red team');
  });
});
