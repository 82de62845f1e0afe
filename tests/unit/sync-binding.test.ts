/**
 * The store <-> Y.Doc binding (lib/sync/binding) in memory: stores made as
 * the app makes them, each bound to its own Y.Doc, exchanging Yjs updates in
 * whatever order a test (or fast-check) chooses.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { AppStore } from '@/lib/store/store';
import { selectCanRedo, selectCanUndo } from '@/lib/store/selectors';
import { bindStore, onlyDiscussion, SEED_ORIGIN, type Binding } from '@/lib/sync/binding';
import { viewerMayApply } from '@/lib/sync/viewer-writes.mjs';
import * as talk from '@/lib/team/comments';
import type { WorkDocument } from '@/lib/doc/types';
import { encodeDocument, isSeeded } from '@/lib/sync/ydoc';
import { act, baseDocument, canon, decoded, expectSame, opArb, storeOn, treeFaults } from '../support/sync-ops';

/** A client: a store bound to a Y.Doc, with the updates it produced and has not yet sent. */
interface Peer {
  store: AppStore;
  y: Y.Doc;
  binding: Binding;
  /** Updates this Y.Doc produced (local edits and undo), in order. */
  out: Uint8Array[];
  /** For each update in `out`: what this Y.Doc held of every client when it made it (its state vector). */
  held: Map<number, number>[];
}

const REMOTE = 'remote';

function peer(seed: Y.Doc): Peer {
  const y = new Y.Doc();
  Y.applyUpdate(y, Y.encodeStateAsUpdate(seed), REMOTE);
  // The store starts on some other document: binding reads the room into it.
  const store = storeOn(baseDocument());
  const binding = bindStore(store, y);
  const p: Peer = { store, y, binding, out: [], held: [] };
  y.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    p.out.push(u);
    p.held.push(Y.decodeStateVector(Y.encodeStateVector(y)));
  });
  return p;
}
/** Sends everything `from` produced to `to` (in order). */
function send(from: Peer, to: Peer): void {
  for (const u of from.out) Y.applyUpdate(to.y, u, REMOTE);
}
function flush(peers: Peer[]): void {
  for (const a of peers) for (const b of peers) if (a !== b) send(a, b);
  for (const a of peers) {
    a.out = [];
    a.held = [];
  }
}
const doc = (p: Peer) => p.store.getState().document;
const nodeOf = (p: Peer, id: string) => doc(p).scenario.nodes.find((n) => n.id === id);

describe('store bound to a Y.Doc', () => {
  it('reads the room into the store on binding, and seeds an empty room once (not undoable)', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const p = peer(room);
    expectSame(doc(p), base);

    const empty = new Y.Doc();
    const seeding: unknown[] = [];
    empty.on('afterTransaction', (tr: Y.Transaction) => seeding.push(tr.origin));
    const store = storeOn(base);
    const b = bindStore(store, empty, { seed: true });
    expect(isSeeded(empty)).toBe(true);
    expect(seeding).toEqual([SEED_ORIGIN]);
    expectSame(decoded(empty), base);
    expect(b.seed()).toBe(false); // once
    expect(b.canUndo()).toBe(false);
  });

  it('bound to a room not yet seeded (and not seeding it): nothing is written until the room arrives, then it shows', () => {
    const base = baseDocument();
    const y = new Y.Doc();
    const updates: unknown[] = [];
    y.on('update', (u: Uint8Array) => updates.push(u));
    const mine = { ...base, scenario: { ...base.scenario, title: 'My own copy' } };
    const store = storeOn(mine);
    const b = bindStore(store, y);
    store.getState().renameNode(base.scenario.nodes[1]!.id, 'Before the room arrived');
    expect(updates).toEqual([]);
    expect(isSeeded(y)).toBe(false);
    Y.applyUpdate(y, Y.encodeStateAsUpdate(encodeDocument(base)), REMOTE);
    expectSame(store.getState().document, base);
    expect(b.canUndo()).toBe(false);
  });

  it('writes a local commit in one transaction with its origin, touching only what changed', () => {
    const base = baseDocument();
    const p = peer(encodeDocument(base));
    const id = base.scenario.nodes[1]!.id;
    const seen: Y.Transaction[] = [];
    p.y.on('afterTransaction', (tr: Y.Transaction) => seen.push(tr));

    p.store.getState().renameNode(id, 'Renamed here');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.origin).toBe(p.binding.origin);
    // One shared type of the document changed (the node's record), one key in it; and the audit trail (lib/team/ydoc) had the step appended.
    const audit = p.y.getArray('audit');
    expect([...seen[0]!.changed.entries()].filter(([t]) => t !== audit).map(([, keys]) => [...keys])).toEqual([['title']]);
    expect(seen[0]!.changed.has(audit)).toBe(true);

    seen.length = 0;
    const before = nodeOf(p, id)!.summary;
    const at = Math.floor(before.length / 2);
    p.store.getState().setNodeSummary(id, before.slice(0, at) + 'XY' + before.slice(at));
    expect(seen).toHaveLength(1);
    const [type] = [...seen[0]!.changed.keys()].filter((t) => t !== audit);
    expect(type).toBeInstanceOf(Y.Text); // a splice into the text, not a new value
    expect(seen[0]!.changed.get(type!)).toEqual(new Set([null]));
    expectSame(decoded(p.y), doc(p));
  });

  it('never writes session data (expanding, selecting, focusing, the viewport, the reader)', () => {
    const p = peer(encodeDocument(baseDocument()));
    const updates: unknown[] = [];
    p.y.on('update', (u: Uint8Array) => updates.push(u));
    const s = p.store.getState();
    const leaf = doc(p).scenario.nodes[doc(p).scenario.nodes.length - 1]!.id;
    s.expandAll();
    s.reveal(leaf, false);
    s.select(leaf);
    s.focus(leaf);
    s.setViewport({ x: 10, y: 20, k: 1.5 });
    s.collapseAll();
    s.openReader();
    expect(updates).toEqual([]);
  });

  it('shows remote changes without an undo step and without writing them back (no echo)', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    const id = base.scenario.nodes[2]!.id;
    a.store.getState().renameNode(id, 'Renamed by A');
    expect(a.out).toHaveLength(1);
    const revision = b.store.getState().revision;
    flush([a, b]);
    expect(nodeOf(b, id)!.title).toBe('Renamed by A');
    expect(b.store.getState().revision).toBe(revision + 1);
    expect(b.out).toEqual([]); // nothing sent back
    expect(b.binding.canUndo()).toBe(false);
    expect(selectCanUndo(b.store.getState())).toBe(false);
    // B's undo does nothing to A's change.
    b.store.getState().undo();
    expect(nodeOf(b, id)!.title).toBe('Renamed by A');
  });

  it("undo takes back only this analyst's change, on both sides; redo puts it back", () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    const [n1, n2] = [base.scenario.nodes[1]!.id, base.scenario.nodes[2]!.id];
    a.store.getState().renameNode(n1, 'Renamed by A');
    flush([a, b]);
    b.store.getState().renameNode(n2, 'Renamed by B');
    flush([a, b]);
    expect(selectCanUndo(a.store.getState())).toBe(true);
    expect(a.store.getState().past.map((e) => e.label)).toEqual([`Rename “${base.scenario.nodes[1]!.title}”`]);

    a.store.getState().undo(); // the app's own undo action, routed to the binding
    flush([a, b]);
    for (const p of [a, b]) {
      expect(nodeOf(p, n1)!.title).toBe(base.scenario.nodes[1]!.title);
      expect(nodeOf(p, n2)!.title).toBe('Renamed by B');
    }
    expect(a.store.getState().announcement?.text).toMatch(/rename/i);
    expect(selectCanUndo(a.store.getState())).toBe(false);
    expect(selectCanRedo(a.store.getState())).toBe(true);

    a.store.getState().redo();
    flush([a, b]);
    for (const p of [a, b]) {
      expect(nodeOf(p, n1)!.title).toBe('Renamed by A');
      expect(nodeOf(p, n2)!.title).toBe('Renamed by B');
    }
    expectSame(doc(a), doc(b));
  });

  it('typing in one field is one undo step (the store groups it), a second field another', () => {
    const base = baseDocument();
    const a = peer(encodeDocument(base));
    const id = base.scenario.nodes[1]!.id;
    const s0 = nodeOf(a, id)!.summary;
    for (const ch of ' more') a.store.getState().setNodeSummary(id, nodeOf(a, id)!.summary + ch);
    a.store.getState().renameNode(id, 'New title');
    expect(a.binding.undoManager.undoStack).toHaveLength(2);
    a.binding.undo();
    expect(nodeOf(a, id)!.title).toBe(base.scenario.nodes[1]!.title);
    expect(nodeOf(a, id)!.summary).toBe(s0 + ' more');
    a.binding.undo();
    expect(nodeOf(a, id)!.summary).toBe(s0);
  });

  it('counts the edits it writes to the room: a step once however long the typing, an undo, a redo; never the others’ or a viewer’s refused change', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const seen = { a: 0, viewer: 0 };
    const counted = (who: keyof typeof seen) => (seed: Y.Doc) => {
      const y = new Y.Doc();
      Y.applyUpdate(y, Y.encodeStateAsUpdate(seed), REMOTE);
      const store = storeOn(baseDocument());
      return { store, y, binding: bindStore(store, y, { onEdit: () => (seen[who] += 1) }) };
    };
    const a = counted('a')(room);
    const b = peer(room);
    const v = counted('viewer')(room);
    v.binding.setReadOnly(true);
    const [n1, n2] = [base.scenario.nodes[1]!.id, base.scenario.nodes[2]!.id];
    const summary = () => a.store.getState().document.scenario.nodes.find((n) => n.id === n1)!.summary;
    for (const ch of ' typed on') a.store.getState().setNodeSummary(n1, summary() + ch);
    expect(seen.a).toBe(1);
    a.store.getState().renameNode(n2, 'A second step');
    expect(seen.a).toBe(2);
    // Another analyst's edit arriving is not this analyst's to send.
    b.store.getState().renameNode(n1, 'Renamed by B');
    for (const u of b.out) Y.applyUpdate(a.y, u, REMOTE);
    expect(a.store.getState().document.scenario.nodes.find((n) => n.id === n1)!.title).toBe('Renamed by B');
    expect(seen.a).toBe(2);
    a.store.getState().undo();
    expect(seen.a).toBe(3);
    a.store.getState().redo();
    expect(seen.a).toBe(4);
    // A viewer's change is refused in the store and never written: nothing to send.
    v.store.getState().renameNode(n1, 'Written by a viewer');
    expect(seen.viewer).toBe(0);
  });

  it("typing stays one step while another analyst's edits arrive; undoing it keeps theirs", () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    const [n1, n2] = [base.scenario.nodes[1]!.id, base.scenario.nodes[2]!.id];
    const s0 = nodeOf(a, n1)!.summary;
    for (const [i, ch] of [...' typed'].entries()) {
      a.store.getState().setNodeSummary(n1, nodeOf(a, n1)!.summary + ch);
      b.store.getState().renameNode(n2, `B's title ${i}`);
      flush([a, b]);
    }
    expect(nodeOf(b, n1)!.summary).toBe(s0 + ' typed');
    expect(a.binding.undoManager.undoStack).toHaveLength(1);
    a.store.getState().undo();
    flush([a, b]);
    for (const p of [a, b]) {
      expect(nodeOf(p, n1)!.summary).toBe(s0);
      expect(nodeOf(p, n2)!.title).toBe("B's title 5");
    }
  });

  it('read-only (a viewer): a local change is neither written nor kept, remote changes still show', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const viewer = peer(room);
    viewer.binding.setReadOnly(true);
    const id = base.scenario.nodes[1]!.id;
    viewer.store.getState().renameNode(id, 'Written by a viewer');
    expect(viewer.out).toEqual([]);
    expect(nodeOf(viewer, id)!.title).toBe(base.scenario.nodes[1]!.title);
    expect(selectCanUndo(viewer.store.getState())).toBe(false);
    a.store.getState().renameNode(id, 'Written by the owner');
    flush([a, viewer]);
    expect(nodeOf(viewer, id)!.title).toBe('Written by the owner');
    expectSame(doc(viewer), decoded(viewer.y));
  });

  it('read-only (a viewer): its comments are written, and pass the server’s check; its other edits are not', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const viewer = peer(room);
    viewer.binding.setReadOnly(true);
    viewer.store.getState().setAnalyst({ id: 'a-viewer000001', name: 'Red-teamer' });
    const id = base.scenario.nodes[1]!.id;
    const threadId = viewer.store.getState().startThread({ kind: 'node', id }, 'Have we priced in escalation?', true);
    viewer.store.getState().renameNode(id, 'Written by a viewer');
    viewer.store.getState().replyTo(threadId, 'And the cost of waiting?');
    expect(viewer.out.length).toBeGreaterThan(0);
    // Every update the viewer sends passes the server's check against the room as the owner holds it.
    for (const u of viewer.out) {
      expect(viewerMayApply(a.y, u)).toEqual({ ok: true });
      Y.applyUpdate(a.y, u, REMOTE);
    }
    viewer.out = [];
    const seen = talk.discussionOf(doc(a)).threads;
    expect(seen.map((t) => [t.dissent, t.comments.map((c) => c.text)])).toEqual([[true, ['Have we priced in escalation?', 'And the cost of waiting?']]]);
    expect(nodeOf(a, id)!.title).toBe(base.scenario.nodes[1]!.title);
    expect(nodeOf(viewer, id)!.title).toBe(base.scenario.nodes[1]!.title);
    expectSame(doc(viewer), decoded(viewer.y));
  });

  it('onlyDiscussion: true for a change of the discussion or its audit entries alone', () => {
    const base = baseDocument();
    const store = storeOn(base);
    store.getState().startThread({ kind: 'node', id: base.scenario.nodes[1]!.id }, 'A comment');
    const commented = store.getState().document;
    expect(onlyDiscussion(base, commented)).toBe(true);
    expect(onlyDiscussion(base, base)).toBe(false);
    expect(onlyDiscussion(base, { ...commented, scenario: { ...commented.scenario } })).toBe(false);
    expect(onlyDiscussion(base, { ...base, judgements: { analysts: {} } as unknown as WorkDocument['judgements'] })).toBe(false);
  });

  it('loading another document into the store leaves the room untouched (the binding ends)', () => {
    const base = baseDocument();
    const a = peer(encodeDocument(base));
    const other = { ...base, scenario: { ...base.scenario, title: 'Another scenario' } };
    a.store.getState().loadDocument('another', other);
    expect(a.binding.active()).toBe(false);
    a.store.getState().renameNode(base.scenario.nodes[1]!.id, 'Not in the room');
    expect(a.out).toEqual([]);
    expectSame(decoded(a.y), base);
    expect(a.store.getState().document.scenario.title).toBe('Another scenario');
  });

  it('notes and summaries typed at once by two analysts merge character by character', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    const id = base.scenario.nodes[1]!.id;
    const leaf = base.scenario.nodes[base.scenario.nodes.length - 1]!.id;
    const s0 = nodeOf(a, id)!.summary;
    const n0 = doc(a).annotations.nodes[leaf]!.note;
    a.store.getState().setNodeSummary(id, '[A] ' + s0);
    b.store.getState().setNodeSummary(id, s0 + ' [B]');
    a.store.getState().annotate('nodes', leaf, { note: n0 + ' (A)' });
    b.store.getState().annotate('nodes', leaf, { note: '(B) ' + n0 });
    flush([a, b]);
    for (const p of [a, b]) {
      expect(nodeOf(p, id)!.summary).toBe(`[A] ${s0} [B]`);
      expect(doc(p).annotations.nodes[leaf]!.note).toBe(`(B) ${n0} (A)`);
    }
  });

  it('a branch deleted while another analyst adds under it: the child stays visible, flagged, and can be moved', () => {
    const base = baseDocument();
    const root = base.scenario.nodes.find((n) => n.parentId === null)!;
    const branch = base.scenario.nodes.find((n) => n.parentId === root.id)!;
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    a.store.getState().deleteSubtree(branch.id);
    const added = b.store.getState().addChild(branch.id, 'outcome', 'Added meanwhile');
    expect(added).not.toBe('');
    flush([a, b]);
    for (const p of [a, b]) {
      expect(nodeOf(p, added)?.parentId).toBe(root.id);
      expect(p.binding.repairs()).toContainEqual({ code: 'sync-orphan-reattached', id: added, parentId: branch.id, to: root.id });
      expect(treeFaults(doc(p))).toEqual([]);
    }
    expectSame(doc(a), doc(b));
    // Recoverable: either analyst can put it somewhere else, and both see it there.
    const target = doc(a).scenario.nodes.find((n) => n.parentId === root.id && n.id !== added)!.id;
    a.store.getState().moveSubtree(added, target);
    flush([a, b]);
    expect(nodeOf(b, added)?.parentId).toBe(target);
    expect(b.binding.repairs().some((r) => r.code === 'sync-orphan-reattached' && r.id === added)).toBe(false);
  });

  it('a cycle made by two moves is broken the same way on both, and a later move reads the same everywhere', () => {
    const base = baseDocument();
    const root = base.scenario.nodes.find((n) => n.parentId === null)!;
    const [x, z] = base.scenario.nodes.filter((n) => n.parentId === root.id).slice(0, 2).map((n) => n.id).sort();
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    a.store.getState().moveSubtree(x!, z!);
    b.store.getState().moveSubtree(z!, x!);
    flush([a, b]);
    for (const p of [a, b]) {
      expect(nodeOf(p, x!)!.parentId).toBe(root.id); // broken at the smallest id
      expect(nodeOf(p, z!)!.parentId).toBe(x);
    }
    // A moves z back under the root: the Y.Doc still says x is under z, so x goes with it.
    a.store.getState().moveSubtree(z!, root.id);
    expectSame(doc(a), decoded(a.y));
    flush([a, b]);
    expectSame(doc(a), doc(b));
    expect(treeFaults(doc(a))).toEqual([]);
  });

  // Forty random runs of three stores: about 20 s on a loaded two-core machine.
  it('three analysts editing at once, updates delivered in random order: all stores converge, one whole tree', { timeout: 90_000 }, () => {
    const room = encodeDocument(baseDocument());
    const step = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), who: fc.nat(2), op: opArb }),
      fc.record({ kind: fc.constant('deliver' as const), from: fc.nat(2), to: fc.nat(2), count: fc.nat(3) }),
      fc.record({ kind: fc.constant('undo' as const), who: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 24 }), (steps) => {
        const peers = [peer(room), peer(room), peer(room)];
        // Per pair, how many of `from`'s updates `to` has had (in order per pair, interleaved at random across pairs, each after what caused it).
        const sent = peers.map(() => peers.map(() => 0));
        for (const s of steps) {
          if (s.kind === 'edit') act(peers[s.who]!.store, s.op);
          else if (s.kind === 'undo') peers[s.who]!.binding.undo();
          else if (s.from !== s.to) {
            // As the sync server relays them: it applies updates in the order it gets them and passes them on in
            // that order, so a client never gets an update before one its sender already held when it made it.
            // (Delivered without that order, Yjs holds such an update back in part, and the room reads half-done.)
            const from = peers[s.from]!;
            const to = peers[s.to]!;
            const end = Math.min(from.out.length, sent[s.from]![s.to]! + s.count);
            let i = sent[s.from]![s.to]!;
            for (; i < end; i++) {
              const has = Y.decodeStateVector(Y.encodeStateVector(to.y));
              const caused = [...from.held[i]!].every(([client, clock]) => client === from.y.clientID || (has.get(client) ?? 0) >= clock);
              if (!caused) break;
              Y.applyUpdate(to.y, from.out[i]!, REMOTE);
            }
            sent[s.from]![s.to] = i;
          }
          // What each store shows is what its Y.Doc reads, after every step.
          for (const p of peers) expect(canon(doc(p))).toBe(canon(decoded(p.y)));
        }
        // Everything delivered.
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) for (const u of peers[i]!.out.slice(sent[i]![j])) Y.applyUpdate(peers[j]!.y, u, REMOTE);
        const first = doc(peers[0]!);
        for (const p of peers) {
          expectSame(doc(p), first);
          expect(treeFaults(doc(p))).toEqual([]);
          expect(Y.encodeStateVector(p.y)).toEqual(Y.encodeStateVector(peers[0]!.y));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('destroy stops both directions and gives the store its own undo back', () => {
    const base = baseDocument();
    const room = encodeDocument(base);
    const a = peer(room);
    const b = peer(room);
    const id = base.scenario.nodes[1]!.id;
    a.binding.destroy();
    a.store.getState().renameNode(id, 'Not shared');
    expect(a.out).toEqual([]);
    b.store.getState().renameNode(id, 'From B');
    flush([a, b]);
    expect(nodeOf(a, id)!.title).toBe('Not shared');
    a.store.getState().undo();
    expect(nodeOf(a, id)!.title).toBe(base.scenario.nodes[1]!.title);
  });
});
