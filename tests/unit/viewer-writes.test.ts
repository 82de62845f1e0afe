/**
 * What a viewer may write to a room (lib/sync/viewer-writes.mjs): the
 * discussion and new audit entries, made through the store as the app makes
 * them, pass; every edit of the tree, the records or the analysis is refused
 * (a property over random edits: refused exactly when it changes the
 * document); removing audit entries, an update that waits on changes the
 * room lacks, and bytes that are no update are refused; the room is never
 * changed by the check.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { TEAM_TYPES, viewerMayApply } from '@/lib/sync/viewer-writes.mjs';
import { applyLocalChange, encodeDocument } from '@/lib/sync/ydoc';
import type { WorkDocument } from '@/lib/doc/types';
import { baseDocument, canon, decoded, opArb, run, storeOn } from '../support/sync-ops';

const ORIGIN = { local: true };

/** The room (a Y.Doc holding `doc`) and a client's copy of it. */
function room(doc = baseDocument()): { server: Y.Doc; client: Y.Doc; doc: WorkDocument } {
  const server = encodeDocument(doc);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, doc: decoded(client) };
}
/** The update `change` makes on `y`. */
function updateOf(y: Y.Doc, change: () => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const on = (u: Uint8Array) => parts.push(u);
  y.on('update', on);
  change();
  y.off('update', on);
  return Y.mergeUpdates(parts);
}
const stateOf = (y: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(y)).toString('base64');

describe('viewerMayApply', () => {
  it('passes a viewer’s comment, reply, resolve and dissent, with their audit entries, made through the store', () => {
    const { server, client, doc } = room();
    const store = storeOn(doc);
    store.getState().setAnalyst({ id: 'a-viewer000001', name: 'Red-teamer' });
    const branch = doc.scenario.nodes[1]!.id;
    const steps: Array<() => void> = [
      () => void store.getState().startThread({ kind: 'node', id: branch }, 'Is the **risk** priced in?'),
      () => store.getState().replyTo(store.getState().document.discussion!.threads[0]!.id, 'A reply'),
      () => store.getState().resolveThread(store.getState().document.discussion!.threads[0]!.id, true),
      () => void store.getState().startThread({ kind: 'node', id: branch }, 'I disagree.', true),
    ];
    for (const step of steps) {
      const before = store.getState().document;
      step();
      const after = store.getState().document;
      expect(after).not.toBe(before);
      const update = updateOf(client, () => applyLocalChange(client, before, after, ORIGIN));
      const held = stateOf(server);
      expect(viewerMayApply(server, update)).toEqual({ ok: true });
      expect(stateOf(server)).toBe(held);
      Y.applyUpdate(server, update);
    }
    expect(canon(decoded(server))).toBe(canon(store.getState().document));
    expect(store.getState().document.audit!.entries.length).toBe(4);
  });

  it('refuses every edit of the tree, the records or the analysis (exactly the edits that change the document)', () => {
    fc.assert(
      fc.property(opArb, (op) => {
        const { server, client, doc } = room();
        const next = run(op, doc);
        const update = updateOf(client, () => applyLocalChange(client, doc, next, ORIGIN));
        const verdict = viewerMayApply(server, update);
        expect(verdict.ok).toBe(canon(next) === canon(doc));
        if (!verdict.ok) expect(verdict.reason).toMatch(/^changes /);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a change to another shared type, even one the room does not have yet', () => {
    const { server, client } = room();
    expect(viewerMayApply(server, updateOf(client, () => client.getMap('elsewhere').set('x', 1)))).toEqual({ ok: false, reason: 'changes elsewhere' });
    expect(viewerMayApply(server, updateOf(client, () => client.getMap(TEAM_TYPES.auditMeta).set('trimmed', 0))).ok).toBe(false);
  });

  it('passes a new audit entry and refuses removing one', () => {
    const { server, client } = room();
    const push = updateOf(client, () => client.getArray(TEAM_TYPES.audit).push([{ id: 'e-1', what: 'x' }]));
    expect(viewerMayApply(server, push).ok).toBe(true);
    Y.applyUpdate(server, push);
    const remove = updateOf(client, () => client.getArray(TEAM_TYPES.audit).delete(0, 1));
    expect(viewerMayApply(server, remove)).toEqual({ ok: false, reason: 'removes audit entries' });
  });

  it('refuses an update that waits on changes the room does not hold, and bytes that are no update', () => {
    const { server, client } = room();
    const audit = client.getArray(TEAM_TYPES.audit);
    updateOf(client, () => audit.push([{ id: 'e-1' }])); // never sent
    const second = updateOf(client, () => audit.push([{ id: 'e-2' }]));
    expect(viewerMayApply(server, second)).toEqual({ ok: false, reason: 'depends on changes the room does not hold' });
    expect(viewerMayApply(server, new Uint8Array([0, 9, 9, 9, 200, 1, 7])).ok).toBe(false);
    // An empty update (a viewer joining with nothing to send) passes.
    expect(viewerMayApply(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(client))).ok).toBe(true);
  });
});
