/**
 * A shared room's Yjs state kept with its copy (lib/sync/saved-state,
 * lib/persist's `room` field): it round-trips through the one repository,
 * a copy changed while not in the room gives its difference to the room
 * without taking back the others' edits, damaged state is set aside and
 * reported, and through the real sync server an edit made offline survives
 * a "reload" and merges with what another analyst did meanwhile.
 */
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import type { WorkDocument } from '@/lib/doc/types';
import { createAppStore, type AppStore } from '@/lib/store/store';
import { createRepository } from '@/lib/persist/repository';
import { builtinId, createPersistenceController, shippedWorkDocument, type PersistenceController } from '@/lib/persist/controller';
import { docKey } from '@/lib/persist/repository';
import { noticeText } from '@/lib/messages/persist';
import { shippedScenarios } from '@/lib/scenarios';
import { applyLocalChange, encodeDocument, isSeeded } from '@/lib/sync/ydoc';
import { bindStore } from '@/lib/sync/binding';
import { encodeRoomState, fromBase64, readRoomState, restoreRoomState, toBase64 } from '@/lib/sync/saved-state';
import * as ops from '@/lib/doc/ops';
import { baseDocument, canon, decoded, expectSame, NOW } from '../support/sync-ops';
import { createMemoryStore, type MemoryStore } from '../support/memory-store';
import { cleanupAfterEach, connect, settled, startServer, tempDataDir, token, waitFor } from '../support/sync-harness';

const ROOM = 'r-offline-room';
const cleanup = cleanupAfterEach();

const renamed = (d: WorkDocument, i: number, title: string) => ops.renameNode(d, d.scenario.nodes[i]!.id, title);
const titleOf = (d: WorkDocument, i: number) => d.scenario.nodes[i]!.title;

describe('the room state saved with a copy', () => {
  it('base64 round-trips bytes of every value, in large arrays too', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(fromBase64(toBase64(new Uint8Array()))).toEqual(new Uint8Array());
  });

  it('round-trips through the repository, is kept by saves made outside the room, and restores the same document', async () => {
    const kv = createMemoryStore();
    const repo = createRepository({ kv, tabId: 't1' });
    const doc = baseDocument();
    const state = encodeRoomState(ROOM, encodeDocument(doc));
    expect((await repo.saveDocument('copy', doc, 0, state)).status).toBe('saved');
    const loaded = await repo.loadDocument('copy');
    if (loaded.status !== 'ok') throw new Error(loaded.status);
    expect(loaded.room).toEqual(state);
    expect(loaded.repairs).toEqual([]);

    // A save without a room state (the copy edited while not bound) keeps the stored one, in this tab and another.
    const edited = renamed(doc, 1, 'Edited outside the room');
    expect((await repo.saveDocument('copy', edited, loaded.revision)).status).toBe('saved');
    const other = createRepository({ kv, tabId: 't2' });
    const again = await other.loadDocument('copy');
    if (again.status !== 'ok') throw new Error(again.status);
    expect(again.room).toEqual(state);
    expect(titleOf(again.document, 1)).toBe('Edited outside the room');

    // Restored into a fresh Y.Doc: the copy's change, made outside the room, is written into it.
    const fresh = new Y.Doc();
    expect(restoreRoomState(fresh, ROOM, again.room, again.document)).toEqual({ status: 'restored', localChanges: true });
    expectSame(decoded(fresh), again.document);

    // The same copy, unchanged: restored as it was, nothing written.
    const same = new Y.Doc();
    expect(restoreRoomState(same, ROOM, state, doc)).toEqual({ status: 'restored', localChanges: false });
    expectSame(decoded(same), doc);
    // Another room's state is never applied.
    const elsewhere = new Y.Doc();
    expect(restoreRoomState(elsewhere, 'r-another-room', state, doc)).toEqual({ status: 'none' });
    expect(isSeeded(elsewhere)).toBe(false);

    // null drops it.
    expect((await repo.saveDocument('copy', edited, again.revision, null)).status).toBe('saved');
    const dropped = await createRepository({ kv, tabId: 't3' }).loadDocument('copy');
    expect(dropped.status === 'ok' && dropped.room).toBeNull();
  });

  it('a copy changed outside the room gives only its own difference: the others’ newer edits are not taken back', () => {
    const base = baseDocument();
    const mine = encodeDocument(base);
    const saved = encodeRoomState(ROOM, mine);
    // Meanwhile, in the room: another analyst renamed node 2 and node 1's summary changed.
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(mine));
    const theirs = { ...renamed(base, 2, 'Renamed by another analyst') };
    applyLocalChange(server, base, theirs, 'them');
    // My copy, changed while not bound: node 1 renamed.
    const local = renamed(base, 1, 'Renamed in my copy offline');
    // Rejoining after the provider has already brought the room's state: both edits, neither taken back.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    expect(restoreRoomState(fresh, ROOM, saved, local).status).toBe('restored');
    const read = decoded(fresh);
    expect(titleOf(read, 1)).toBe('Renamed in my copy offline');
    expect(titleOf(read, 2)).toBe('Renamed by another analyst');
  });

  it('keeps the count of edits not yet sent; a state saved before the count reads as not known; a count that is not one is dropped alone', async () => {
    const kv = createMemoryStore();
    const repo = createRepository({ kv, tabId: 't1' });
    const doc = baseDocument();
    const y = encodeDocument(doc);
    expect(encodeRoomState(ROOM, y).unsent).toBe(0);
    const state = encodeRoomState(ROOM, y, 3);
    expect((await repo.saveDocument('copy', doc, 0, state)).status).toBe('saved');
    const loaded = await createRepository({ kv, tabId: 't2' }).loadDocument('copy');
    if (loaded.status !== 'ok') throw new Error(loaded.status);
    expect(loaded.room).toEqual({ room: ROOM, update: state.update, unsent: 3 });

    const stored = JSON.parse(String(await kv.get(docKey('copy')))) as Record<string, unknown>;
    for (const [unsent, read] of [
      [undefined, undefined],
      [0, 0],
      [1_000_000, 1_000_000],
      [-1, undefined],
      [2.5, undefined],
      ['3', undefined],
      [1_000_001, undefined],
      [null, undefined],
    ] as const) {
      const room: Record<string, unknown> = { room: ROOM, update: state.update };
      if (unsent !== undefined) room.unsent = unsent;
      kv.put(docKey('copy'), JSON.stringify({ ...stored, room }));
      const again = await createRepository({ kv, tabId: 't3' }).loadDocument('copy');
      if (again.status !== 'ok') throw new Error(again.status);
      // The room's state is kept whatever the count: only the count is dropped, and nothing is reported or set aside.
      expect(again.room).toEqual(read === undefined ? { room: ROOM, update: state.update } : { room: ROOM, update: state.update, unsent: read });
      expect(again.repairs).toEqual([]);
    }
  });

  it('a room state that cannot be read is dropped on loading, its original kept aside and reported', async () => {
    const kv = createMemoryStore();
    const repo = createRepository({ kv, tabId: 't1' });
    const doc = baseDocument();
    await repo.saveDocument('copy', doc, 0, encodeRoomState(ROOM, encodeDocument(doc)));
    const stored = JSON.parse(String(await kv.get(docKey('copy')))) as Record<string, unknown>;
    const damaged = JSON.stringify({ ...stored, room: { room: ROOM, update: 'not base64 at all!' } });
    kv.put(docKey('copy'), damaged);
    const loaded = await createRepository({ kv, tabId: 't2' }).loadDocument('copy');
    if (loaded.status !== 'ok') throw new Error(loaded.status);
    // The document is still read; the state is dropped, reported, and its original kept aside byte for byte.
    expectSame(loaded.document, doc);
    expect(loaded.room).toBeNull();
    expect(loaded.repairs).toContainEqual({ code: 'room-state-dropped' });
    expect(loaded.backupKey).not.toBeNull();
    expect(await kv.get(loaded.backupKey!)).toBe(damaged);
  });

  it('bytes Yjs cannot read: nothing is applied, and the controller keeps the record aside and says so', async () => {
    const garbage = { room: ROOM, update: toBase64(Uint8Array.from([0, 9, 200, 1, 255, 3, 7, 7, 7, 7])) };
    expect(readRoomState(garbage).ok).toBe(false);
    const fresh = new Y.Doc();
    const r = restoreRoomState(fresh, ROOM, garbage, baseDocument());
    expect(r.status).toBe('damaged');
    expect(isSeeded(fresh)).toBe(false);

    const kv = createMemoryStore();
    const b = tab(kv);
    await b.ctl.start();
    const id = await b.ctl.addDocument(baseDocument(), null);
    const before = await kv.get(docKey(id));
    await b.ctl.setAsideRoomState(id, r.status === 'damaged' ? r.detail : '');
    const notice = b.ctl.getState().notices.find((n) => n.subject.code === 'damaged');
    expect(notice?.subject).toMatchObject({ code: 'damaged', what: 'room', id });
    expect(noticeText(notice!.subject)).toContain('read again from the sync server');
    const backupKey = notice?.download && 'backupKey' in notice.download ? notice.download.backupKey : null;
    expect(backupKey).not.toBeNull();
    expect(await kv.get(backupKey!)).toBe(before);
    b.ctl.dispose();
  });

  it('while attached, every save of the copy and the stash at page exit carry the room state; detached, the last one is kept', async () => {
    const kv = createMemoryStore();
    const stash = new Map<string, string>();
    const b = tab(kv, { get: (k) => stash.get(k) ?? null, set: (k, v) => void stash.set(k, v), remove: (k) => void stash.delete(k), keys: () => [...stash.keys()] });
    await b.ctl.start();
    const id = await b.ctl.addDocument(baseDocument(), null);
    const ydoc = encodeDocument(b.store.getState().document);
    const binding = bindStore(b.store, ydoc);
    const detach = b.ctl.attachRoom(() => encodeRoomState(ROOM, ydoc));
    // Attaching saves the state at once, before the first change.
    await b.ctl.flush();
    const first = await createRepository({ kv, tabId: 'w' }).loadDocument(id);
    expect(first.status === 'ok' && first.room?.room).toBe(ROOM);
    b.store.getState().renameNode(b.store.getState().document.scenario.nodes[1]!.id, 'Bound edit');
    await b.ctl.flush();
    const stored = await createRepository({ kv, tabId: 'x' }).loadDocument(id);
    if (stored.status !== 'ok' || !stored.room) throw new Error('no room state saved');
    const r = readRoomState(stored.room);
    expect(r.ok && r.document && titleOf(r.document, 1)).toBe('Bound edit');

    // Page exit with a change not yet saved: the stash has the document and the room state with it.
    b.store.getState().renameNode(b.store.getState().document.scenario.nodes[1]!.id, 'Edit at page exit');
    expect(b.ctl.stashUnsaved()).toBe(true);
    const stashed = JSON.parse([...stash.values()][0]!) as { room?: { room: string; update: string } };
    const fromStash = readRoomState(stashed.room!);
    expect(fromStash.ok && fromStash.document && titleOf(fromStash.document, 1)).toBe('Edit at page exit');
    await b.ctl.flush();

    detach();
    binding.destroy();
    b.store.getState().renameNode(b.store.getState().document.scenario.nodes[1]!.id, 'Unbound edit');
    await b.ctl.flush();
    const later = await createRepository({ kv, tabId: 'y' }).loadDocument(id);
    if (later.status !== 'ok' || !later.room) throw new Error('room state lost');
    const kept = readRoomState(later.room);
    expect(kept.ok && kept.document && titleOf(kept.document, 1)).toBe('Edit at page exit');
    expect(titleOf(later.document, 1)).toBe('Unbound edit');
    b.ctl.dispose();
  });

  it('a page closed before its last change was saved: the stash brings back the change and the room state with it', async () => {
    const kv = createMemoryStore();
    const stash = new Map<string, string>();
    const sync = { get: (k: string) => stash.get(k) ?? null, set: (k: string, v: string) => void stash.set(k, v), remove: (k: string) => void stash.delete(k), keys: () => [...stash.keys()] };
    const b = tab(kv, sync);
    await b.ctl.start();
    const id = await b.ctl.addDocument(baseDocument(), null);
    const ydoc = encodeDocument(b.store.getState().document);
    bindStore(b.store, ydoc);
    b.ctl.attachRoom(() => encodeRoomState(ROOM, ydoc));
    b.store.getState().renameNode(b.store.getState().document.scenario.nodes[1]!.id, 'Edit at page exit');
    expect(b.ctl.stashUnsaved()).toBe(true);
    b.ctl.dispose(); // the page is gone before the save was written

    const next = tab(kv, sync);
    await next.ctl.start();
    expect(stash.size).toBe(0);
    const saved = await createRepository({ kv, tabId: 'z' }).loadDocument(id);
    if (saved.status !== 'ok' || !saved.room) throw new Error('the room state was not recovered');
    expect(titleOf(saved.document, 1)).toBe('Edit at page exit');
    const r = readRoomState(saved.room);
    expect(r.ok && r.document && titleOf(r.document, 1)).toBe('Edit at page exit');
    expect(next.ctl.savedRoomState(id)).toEqual(saved.room);

    // A copy about to be replaced by the room's version with nothing to merge it with is kept as a scenario.
    const kept = await next.ctl.keepRoomCopy(saved.document);
    expect(kept).not.toBeNull();
    expect(next.ctl.getState().library.map((d) => d.id)).toContain(kept);
    const notice = next.ctl.getState().notices.find((n) => n.subject.code === 'room-copy-kept');
    expect(noticeText(notice!.subject)).toContain(kept!);
    const keptDoc = await createRepository({ kv, tabId: 'k' }).loadDocument(kept!);
    expect(keptDoc.status === 'ok' && titleOf(keptDoc.document, 1)).toBe('Edit at page exit');
    expect(next.store.getState().docId).toBe(id);
    next.ctl.dispose();
  });
});

function tab(kv: MemoryStore, stash?: Parameters<typeof createPersistenceController>[0]['stash']): { store: AppStore; ctl: PersistenceController } {
  const scenario = shippedScenarios()[0]!;
  const store = createAppStore({ docId: builtinId(scenario.id), document: shippedWorkDocument(scenario), now: () => Date.parse(NOW) });
  const repository = createRepository({ kv, tabId: `tab-${Math.random().toString(36).slice(2)}` });
  const ctl = createPersistenceController({ store, repository, shipped: [scenario], defaultShippedId: scenario.id, debounceMs: 5, stash });
  return { store, ctl };
}

describe('offline work in a room, through the real sync server', () => {
  it('an edit made offline survives a reload and merges with an edit made meanwhile by another analyst', async () => {
    const d = tempDataDir();
    cleanup.push(() => d.remove());
    const s = await startServer({ dir: d.dir });
    cleanup.push(() => s.stop());

    // A seeds the room.
    const a = await connect(s.url, ROOM, token(ROOM, 'owner'));
    cleanup.push(() => a.destroy());
    const base = baseDocument();
    applyLocalChange(a.doc, null, base, 'seed');
    await settled(a);

    // B joins: the room's scenario becomes B's copy, bound, its state saved with it.
    const kv = createMemoryStore();
    const b1 = tab(kv);
    await b1.ctl.start();
    const c1 = await connect(s.url, ROOM, token(ROOM, 'editor'));
    const id = await b1.ctl.addDocument(decoded(c1.doc), null);
    const binding1 = bindStore(b1.store, c1.doc);
    const detach1 = b1.ctl.attachRoom(() => encodeRoomState(ROOM, c1.doc));

    // B is cut off, edits a title and a note, and the page goes away before the server is back.
    const socket = c1.provider.configuration.websocketProvider;
    socket.disconnect();
    await waitFor(() => socket.status === 'disconnected', 10_000, () => 'B’s socket to close');
    const nodes = base.scenario.nodes;
    b1.store.getState().renameNode(nodes[1]!.id, 'Renamed by B offline');
    b1.store.getState().annotate('nodes', nodes[1]!.id, { note: 'Note typed by B offline' });
    await b1.ctl.flush();
    detach1();
    binding1.destroy();
    c1.destroy();
    b1.ctl.dispose();

    // Meanwhile A renames another branch.
    const before = decoded(a.doc);
    applyLocalChange(a.doc, before, renamed(before, 2, 'Renamed by A meanwhile'), 'a');
    await settled(a);
    expect(titleOf(decoded(a.doc), 1)).toBe(nodes[1]!.title);

    // B reloads (a new controller over the same storage), still offline: the copy opens with B's edits...
    const b2 = tab(kv);
    await b2.ctl.start();
    expect(b2.store.getState().docId).toBe(id);
    expect(titleOf(b2.store.getState().document, 1)).toBe('Renamed by B offline');
    // ...and B edits it once more while not bound (the provider has given up): saved as an ordinary change.
    b2.store.getState().setNodeSummary(nodes[3]!.id, 'Summary changed outside the room');
    await b2.ctl.flush();
    const fresh = new Y.Doc();
    expect(restoreRoomState(fresh, ROOM, b2.ctl.savedRoomState(id), b2.store.getState().document)).toEqual({ status: 'restored', localChanges: true });
    const binding2 = bindStore(b2.store, fresh);
    cleanup.push(() => binding2.destroy());
    expect(canon(b2.store.getState().document)).toBe(canon(decoded(fresh)));

    // The server is back: B's provider syncs the restored Y.Doc.
    const c2 = await connect(s.url, ROOM, token(ROOM, 'editor'), fresh);
    cleanup.push(() => c2.destroy());
    const both = (doc: WorkDocument) =>
      titleOf(doc, 1) === 'Renamed by B offline' &&
      titleOf(doc, 2) === 'Renamed by A meanwhile' &&
      doc.scenario.nodes[3]!.summary === 'Summary changed outside the room' &&
      doc.annotations.nodes[nodes[1]!.id]?.note === 'Note typed by B offline';
    await waitFor(() => both(decoded(a.doc)) && both(b2.store.getState().document), 10_000, () => 'both analysts to see both edits');
    await settled(c2);
    expect(canon(decoded(a.doc))).toBe(canon(b2.store.getState().document));
    b2.ctl.dispose();
  });
});
