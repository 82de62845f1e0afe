import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import { applyLocalChange, decodeDocument, encodeDocument, localUndoManager, repairTree } from '@/lib/sync/ydoc';
import { textSplice } from '@/lib/sync/text';
import { NOW, baseDocument, canon, decoded, expectSame, hasCycleOrOrphan, opArb, run } from '../support/sync-ops';

/** A client: its Y.Doc and the document its store holds (its projection). */
interface Client {
  y: Y.Doc;
  doc: WorkDocument;
  origin: object;
}
function client(seed: Y.Doc): Client {
  const y = new Y.Doc();
  Y.applyUpdate(y, Y.encodeStateAsUpdate(seed));
  return { y, doc: decoded(y), origin: {} };
}
function edit(c: Client, fn: (d: WorkDocument) => WorkDocument): void {
  const next = fn(c.doc);
  applyLocalChange(c.y, c.doc, next, c.origin);
  c.doc = decoded(c.y);
}

describe('text splice', () => {
  it('turns one text into another with one splice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
        const s = textSplice(a, b);
        if (a === b) return s === null;
        const out = a.slice(0, s!.index) + s!.insert + a.slice(s!.index + s!.remove);
        return out === b;
      }),
    );
  });
  it('never cuts a surrogate pair', () => {
    const s = textSplice('a\u{1F600}b', 'a\u{1F601}b')!;
    expect(s).toEqual({ index: 1, remove: 2, insert: '\u{1F601}' });
  });
});

describe('Yjs document model', () => {
  it('reads back what was written (canonical form), analysis and annotations included', () => {
    const doc = baseDocument();
    expectSame(decoded(encodeDocument(doc)), doc);
    expect(canon(decoded(encodeDocument(doc)))).toBe(canon(doc));
  });

  it('round-trips any document reached by edits, and a fresh encoding equals the incremental one', () => {
    const base = baseDocument();
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), (list) => {
        let d = base;
        const c = client(encodeDocument(base));
        for (const op of list) {
          const next = run(op, d);
          applyLocalChange(c.y, d, next, c.origin);
          d = next;
        }
        expectSame(decoded(encodeDocument(d)), d);
        expectSame(decoded(c.y), d);
      }),
      { numRuns: 20 },
    );
  });

  it('two clients editing concurrently converge, whatever order the updates arrive in, with no cycle or orphan', () => {
    const base = baseDocument();
    const seed = encodeDocument(base);
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 8 }), fc.array(opArb, { maxLength: 8 }), fc.boolean(), fc.integer(), (opsA, opsB, aFirst, seed2) => {
        const a = client(seed);
        const b = client(seed);
        const updatesA: Uint8Array[] = [];
        const updatesB: Uint8Array[] = [];
        a.y.on('update', (u: Uint8Array, origin: unknown) => origin === a.origin && updatesA.push(u));
        b.y.on('update', (u: Uint8Array, origin: unknown) => origin === b.origin && updatesB.push(u));
        for (const op of opsA) edit(a, (d) => run(op, d));
        for (const op of opsB) edit(b, (d) => run(op, d));
        // Deliver in a shuffled order (Yjs holds an update until what it depends on has arrived).
        const shuffle = (l: Uint8Array[]) => l.map((u, i) => ({ u, k: (i * 7919 + seed2) % 97 })).sort((x, y) => x.k - y.k).map((x) => x.u);
        const toB = shuffle(updatesA);
        const toA = shuffle(updatesB);
        if (aFirst) {
          for (const u of toB) Y.applyUpdate(b.y, u);
          for (const u of toA) Y.applyUpdate(a.y, u);
        } else {
          for (const u of toA) Y.applyUpdate(a.y, u);
          for (const u of toB) Y.applyUpdate(b.y, u);
        }
        const da = decoded(a.y);
        const db = decoded(b.y);
        expectSame(da, db);
        expect(hasCycleOrOrphan(da)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('concurrent random moves converge to one tree with no cycle and no orphan', () => {
    const seed = encodeDocument(baseDocument());
    const move = fc.record({ t: fc.constant('move' as const), a: fc.nat(), b: fc.nat() });
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 6 }), fc.array(move, { minLength: 1, maxLength: 6 }), (opsA, opsB) => {
        const a = client(seed);
        const b = client(seed);
        for (const op of opsA) edit(a, (d) => run(op, d));
        for (const op of opsB) edit(b, (d) => run(op, d));
        Y.applyUpdate(a.y, Y.encodeStateAsUpdate(b.y));
        Y.applyUpdate(b.y, Y.encodeStateAsUpdate(a.y));
        const da = decoded(a.y);
        expectSame(da, decoded(b.y));
        expect(hasCycleOrOrphan(da)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('concurrent moves that make a cycle are repaired the same way on both clients (broken at the smallest id)', () => {
    const base = baseDocument();
    const root = base.scenario.nodes.find((n) => n.parentId === null)!;
    const [x, z] = base.scenario.nodes.filter((n) => n.parentId === root.id).slice(0, 2).map((n) => n.id).sort();
    const seed = encodeDocument(base);
    const a = client(seed);
    const b = client(seed);
    edit(a, (d) => ops.moveSubtree(d, x!, z!));
    edit(b, (d) => ops.moveSubtree(d, z!, x!));
    Y.applyUpdate(a.y, Y.encodeStateAsUpdate(b.y));
    Y.applyUpdate(b.y, Y.encodeStateAsUpdate(a.y));
    const pa = decodeDocument(a.y);
    const pb = decodeDocument(b.y);
    expect(pa.ok && pb.ok).toBe(true);
    if (!pa.ok || !pb.ok) return;
    expectSame(pa.document, pb.document);
    expect(pa.repairs).toContainEqual({ code: 'sync-cycle-broken', id: x, cycle: [x, z], to: root.id });
    const parent = (id: string) => pa.document.scenario.nodes.find((n) => n.id === id)!.parentId;
    expect(parent(x!)).toBe(root.id);
    expect(parent(z!)).toBe(x);
  });

  it('a child added under a branch deleted meanwhile stays visible, under the deleted branch\'s parent', () => {
    const base = baseDocument();
    const root = base.scenario.nodes.find((n) => n.parentId === null)!;
    const branch = base.scenario.nodes.find((n) => n.parentId === root.id)!;
    const deep = base.scenario.nodes.find((n) => n.parentId === branch.id) ?? branch;
    const seed = encodeDocument(base);
    const a = client(seed);
    const b = client(seed);
    edit(a, (d) => ops.deleteSubtree(d, branch.id));
    let added = '';
    edit(b, (d) => {
      const r = ops.addChild(d, deep.id, 'outcome', 'Added meanwhile');
      added = r.id;
      return r.doc;
    });
    Y.applyUpdate(a.y, Y.encodeStateAsUpdate(b.y));
    Y.applyUpdate(b.y, Y.encodeStateAsUpdate(a.y));
    const pa = decodeDocument(a.y);
    expect(pa.ok).toBe(true);
    if (!pa.ok) return;
    expectSame(pa.document, decoded(b.y));
    const child = pa.document.scenario.nodes.find((n) => n.id === added);
    expect(child?.parentId).toBe(root.id);
    expect(pa.repairs).toContainEqual({ code: 'sync-orphan-reattached', id: added, parentId: deep.id, to: root.id });
  });

  it('merges concurrent text edits character by character', () => {
    const base = baseDocument();
    const id = base.scenario.nodes[1]!.id;
    const leaf = base.scenario.nodes[base.scenario.nodes.length - 1]!.id;
    const seed = encodeDocument(ops.setNodeSummary(base, id, 'the middle'));
    const a = client(seed);
    const b = client(seed);
    edit(a, (d) => ops.setNodeSummary(d, id, 'At the start, the middle'));
    edit(b, (d) => ops.setNodeSummary(d, id, 'the middle, at the end'));
    edit(a, (d) => ops.annotate(d, 'nodes', leaf, { note: '[A] A note typed by the analyst' }, NOW));
    edit(b, (d) => ops.annotate(d, 'nodes', leaf, { note: 'A note typed by the analyst [B]' }, NOW));
    Y.applyUpdate(a.y, Y.encodeStateAsUpdate(b.y));
    Y.applyUpdate(b.y, Y.encodeStateAsUpdate(a.y));
    for (const c of [a, b]) {
      const d = decoded(c.y);
      expect(d.scenario.nodes.find((n) => n.id === id)!.summary).toBe('At the start, the middle, at the end');
      expect(d.annotations.nodes[leaf]!.note).toBe('[A] A note typed by the analyst [B]');
    }
  });

  it('undo undoes only the local origin\'s changes', () => {
    const base = baseDocument();
    const [n1, n2] = [base.scenario.nodes[1]!.id, base.scenario.nodes[2]!.id];
    const seed = encodeDocument(base);
    const a = client(seed);
    const b = client(seed);
    const undo = localUndoManager(a.y, a.origin);
    edit(a, (d) => ops.renameNode(d, n1, 'Renamed by A'));
    edit(b, (d) => ops.renameNode(d, n2, 'Renamed by B'));
    Y.applyUpdate(a.y, Y.encodeStateAsUpdate(b.y));
    a.doc = decoded(a.y);
    expect(a.doc.scenario.nodes.find((n) => n.id === n2)!.title).toBe('Renamed by B');
    undo.undo();
    const d = decoded(a.y);
    expect(d.scenario.nodes.find((n) => n.id === n1)!.title).toBe(base.scenario.nodes[1]!.title);
    expect(d.scenario.nodes.find((n) => n.id === n2)!.title).toBe('Renamed by B');
    expect(undo.canUndo()).toBe(false);
  });

  it('repairs a tree the same way whatever order the nodes are listed in', () => {
    const make = () => [
      { id: 'r', parentId: null },
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'c' },
      { id: 'c', parentId: 'a' },
      { id: 'd', parentId: 'gone' },
      { id: 'e', parentId: null },
    ];
    const one = make();
    const two = make().reverse();
    const r1 = repairTree(one, 'r', new Map([['gone', 'c']]));
    const r2 = repairTree(two, 'r', new Map([['gone', 'c']]));
    expect(r1).toEqual(r2);
    const parents = (l: { id: string; parentId: string | null }[]) => Object.fromEntries(l.map((n) => [n.id, n.parentId]));
    expect(parents(one)).toEqual(parents(two));
    expect(parents(one)).toEqual({ r: null, a: 'r', b: 'c', c: 'a', d: 'c', e: 'r' });
  });
});
