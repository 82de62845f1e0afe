import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createIndexedDbStore, type KeyValueStore } from '@/lib/persist/kv';
import { IDBFactory, putRaw } from '../support/fake-idb';
import { createMemoryStore } from '../support/memory-store';
import { createRepository, docKey, viewKey, LIBRARY_KEY } from '@/lib/persist/repository';
import type { TabMessage } from '@/lib/persist/tabs';
import { createFakeChannelHub } from '../support/fake-channel';
import { encodeSaved, SAVED_KIND } from '@/lib/persist/saved';
import { makeSampleDocument } from '@/lib/gen/sample-document';
import { damageText, noticeText, repairText } from '@/lib/messages/persist';
import type { WorkDocument } from '@/lib/doc/types';

const FIXTURE = fs.readFileSync(path.resolve(__dirname, '../fixtures/saved/saved-v1-scenario-v1.json'), 'utf8');

let clock = Date.parse('2026-11-24T10:00:00.000Z');
const now = () => new Date((clock += 1000));

function tab(kv: KeyValueStore, tabId: string, channel?: ReturnType<ReturnType<typeof createFakeChannelHub>['channel']>) {
  return createRepository({ kv, tabId, now, channel });
}

const doc = (title = 'Sample'): WorkDocument => {
  const d = makeSampleDocument({ nodeCount: 20 });
  d.scenario.title = title;
  return d;
};

const wait = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('save and load', () => {
  it('round-trips a document with its revision and lists it in the library', async () => {
    const kv = createMemoryStore();
    const repo = tab(kv, 'tab-a');
    const d = doc('First');
    expect(await repo.saveDocument('first', d, 0)).toEqual({ status: 'saved', revision: 1 });
    expect(await repo.saveDocument('first', d, 1)).toEqual({ status: 'saved', revision: 2 });

    // A fresh repository (a reload or a browser restart) on the same storage.
    const again = tab(kv, 'tab-b');
    const loaded = await again.loadDocument('first');
    expect(loaded).toMatchObject({ status: 'ok', revision: 2, repairs: [], tabId: 'tab-a', backupKey: null });
    if (loaded.status === 'ok') expect(loaded.document).toEqual(d);

    const { library, notice } = await again.loadLibrary();
    expect(notice).toBeNull();
    expect(library.docs).toEqual([{ id: 'first', title: 'First', shippedFrom: null, updatedAt: expect.any(String) }]);
    expect(await again.loadDocument('nothing-here')).toEqual({ status: 'missing' });
  });

  it('keeps the current document in the library', async () => {
    const kv = createMemoryStore();
    const repo = tab(kv, 'tab-a');
    await repo.saveDocument('a', doc('A'), 0);
    await repo.setCurrent('a');
    expect((await tab(kv, 'tab-b').loadLibrary()).library.currentId).toBe('a');
  });

  it('refuses ids that cannot be storage keys', async () => {
    const repo = tab(createMemoryStore(), 'tab-a');
    expect(await repo.saveDocument('backup:x', doc(), 0)).toMatchObject({ status: 'refused', reason: 'invalid-id' });
  });

  it('deletes a document and its view, keeping other documents', async () => {
    const kv = createMemoryStore();
    const repo = tab(kv, 'tab-a');
    await repo.saveDocument('a', doc('A'), 0);
    await repo.saveDocument('b', doc('B'), 0);
    await repo.saveView('a', { expanded: [], selectedId: null, viewport: null });
    expect(await repo.deleteDocument('a')).toEqual({ status: 'ok' });
    expect(await kv.get(docKey('a'))).toBeUndefined();
    expect(await kv.get(viewKey('a'))).toBeUndefined();
    expect((await repo.loadLibrary()).library.docs.map((e) => e.id)).toEqual(['b']);
  });
});

describe('view (session data)', () => {
  it('is saved under its own key and never inside the document record', async () => {
    const kv = createMemoryStore();
    const repo = tab(kv, 'tab-a');
    const d = doc();
    await repo.saveDocument('a', d, 0);
    const view = { expanded: ['n-1', 'n-2'], selectedId: 'n-2', viewport: { x: 10, y: 20, k: 0.5 } };
    expect(await repo.saveView('a', view)).toEqual({ status: 'ok' });

    const record = JSON.parse((await kv.get(docKey('a'))) as string);
    expect(Object.keys(record).sort()).toEqual(['document', 'kind', 'revision', 'savedAt', 'tabId', 'version']);
    expect(Object.keys(record.document).sort()).toEqual(['annotations', 'scenario', 'shippedFrom']);
    expect(JSON.stringify(record)).not.toContain('viewport');
    expect(JSON.parse((await kv.get(viewKey('a'))) as string)).toMatchObject({ kind: 'branchpoint-session', version: 1, view });

    expect(await tab(kv, 'tab-b').loadView('a', d)).toEqual({ status: 'ok', view, backupKey: null });
    // Saving the view does not move the document's revision.
    expect(await repo.saveDocument('a', d, 1)).toEqual({ status: 'saved', revision: 2 });
  });
});

describe('corrupt saved data', () => {
  const damaged = '{"kind":"branchpoint-saved","version":1,"revision":3,"document":{"scenario":{"schemaVe';

  it('is copied to a backup before anything else, reported, and never overwritten by a later save', async () => {
    const kv = createMemoryStore({ initial: { [docKey('a')]: damaged } });
    const repo = tab(kv, 'tab-a');
    const loaded = await repo.loadDocument('a');
    expect(loaded.status).toBe('corrupt');
    if (loaded.status !== 'corrupt') return;
    expect(loaded.backupKey).toMatch(/^backup:a:2026-11-24T/);
    expect(loaded.reason.code).toBe('not-json');
    const words = noticeText({ code: 'damaged', what: 'document', id: 'a', reason: loaded.reason, backupKey: loaded.backupKey });
    expect(words).toMatch(/could not be read/);
    // Said once: the reason is not wrapped in another "could not be read (…)".
    expect(words.match(/could not be read/g)).toHaveLength(1);
    expect(await kv.get(loaded.backupKey!)).toBe(damaged);

    // Loading again does not pile up copies.
    await repo.loadDocument('a');
    expect(await repo.listBackups()).toEqual([{ key: loaded.backupKey, id: 'a', createdAt: expect.any(String) }]);

    // Autosave (or anything else) trying to write over it is refused.
    const save = await repo.saveDocument('a', doc(), 0);
    expect(save).toMatchObject({ status: 'refused', reason: 'corrupt' });
    expect(await kv.get(docKey('a'))).toBe(damaged);
    // Also from another tab that never loaded it.
    expect(await tab(kv, 'tab-b').saveDocument('a', doc(), 3)).toMatchObject({ status: 'refused', reason: 'corrupt' });
    expect(await kv.get(docKey('a'))).toBe(damaged);

    // Only the user's choice clears it; the backup stays.
    const discard = await repo.discardCorrupt('a');
    expect(discard).toEqual({ status: 'discarded', backupKey: loaded.backupKey });
    expect(await kv.get(docKey('a'))).toBeUndefined();
    expect(await kv.get(loaded.backupKey!)).toBe(damaged);
    expect(await repo.readBackup(loaded.backupKey!)).toBe(damaged);
    expect(await repo.saveDocument('a', doc(), 0)).toEqual({ status: 'saved', revision: 1 });
  });

  it('a document that fails validation counts as damaged too', async () => {
    const d = doc() as unknown as { scenario: { nodes: Array<{ parentId: string | null }> } };
    d.scenario.nodes[2]!.parentId = 'nowhere';
    const raw = JSON.stringify({ kind: SAVED_KIND, version: 1, revision: 1, savedAt: '', tabId: 'x', document: d });
    const kv = createMemoryStore({ initial: { [docKey('a')]: raw } });
    const loaded = await tab(kv, 'tab-a').loadDocument('a');
    expect(loaded.status).toBe('corrupt');
    if (loaded.status === 'corrupt') expect(damageText(loaded.reason)).toMatch(/nowhere/);
  });

  it('discardCorrupt refuses to touch data that is not damaged', async () => {
    const kv = createMemoryStore();
    const repo = tab(kv, 'tab-a');
    await repo.saveDocument('a', doc(), 0);
    expect(await repo.discardCorrupt('a')).toEqual({ status: 'not-corrupt' });
    expect(await repo.discardCorrupt('b')).toEqual({ status: 'missing' });
  });

  it('if even the backup cannot be written, the original stays exactly where it was', async () => {
    const kv = createMemoryStore({ initial: { [docKey('a')]: damaged } });
    kv.setQuota(kv.usedBytes());
    const repo = tab(kv, 'tab-a');
    const loaded = await repo.loadDocument('a');
    expect(loaded).toMatchObject({ status: 'corrupt', backupKey: null });
    expect(await kv.get(docKey('a'))).toBe(damaged);
    expect(await repo.discardCorrupt('a')).toMatchObject({ status: 'quota' });
    expect(await kv.get(docKey('a'))).toBe(damaged);
  });

  it('a damaged library index is backed up and rebuilt from the documents', async () => {
    const kv = createMemoryStore();
    await tab(kv, 'tab-a').saveDocument('a', doc('Alpha'), 0);
    await kv.set(LIBRARY_KEY, '{"kind":"branchpoint-library","vers');
    const { library, notice } = await tab(kv, 'tab-b').loadLibrary();
    expect(notice).toMatchObject({ status: 'corrupt', backupKey: expect.stringMatching(/^backup:_library:/) });
    expect(library.docs.map((d) => [d.id, d.title])).toEqual([['a', 'Alpha']]);
    expect(await kv.get(notice!.status === 'corrupt' ? notice!.backupKey! : '')).toBe('{"kind":"branchpoint-library","vers');
  });

  it('a missing library index is rebuilt', async () => {
    const kv = createMemoryStore();
    await tab(kv, 'tab-a').saveDocument('a', doc('Alpha'), 0);
    await kv.delete(LIBRARY_KEY);
    const { library, repairs } = await tab(kv, 'tab-b').loadLibrary();
    expect(library.docs.map((d) => d.id)).toEqual(['a']);
    expect(repairs.length).toBe(1);
  });
});

describe('saved data from a newer Branchpoint', () => {
  it('is refused and left untouched', async () => {
    const future = JSON.stringify({ kind: SAVED_KIND, version: 2, revision: 9, futureField: true });
    const kv = createMemoryStore({ initial: { [docKey('a')]: future } });
    const repo = tab(kv, 'tab-a');
    const loaded = await repo.loadDocument('a');
    expect(loaded.status).toBe('too-new');
    if (loaded.status === 'too-new') expect(noticeText({ code: 'too-new', what: 'document', id: 'a', failure: loaded.failure })).toMatch(/saved by a newer version of Branchpoint/);
    const save = await repo.saveDocument('a', doc(), 9);
    expect(save).toMatchObject({ status: 'refused', reason: 'too-new' });
    expect(await repo.discardCorrupt('a')).toEqual({ status: 'not-corrupt' });
    expect(await kv.get(docKey('a'))).toBe(future);
    expect(await kv.keys('backup:')).toEqual([]);
  });
});

describe('migrated saved data', () => {
  it('loads the frozen fixture, keeps its original text as a backup, and saves in the current format', async () => {
    const kv = createMemoryStore({ initial: { [docKey('border-crossing')]: FIXTURE } });
    const repo = tab(kv, 'tab-a');
    const loaded = await repo.loadDocument('border-crossing');
    if (loaded.status !== 'ok') throw new Error(loaded.status);
    expect(loaded.revision).toBe(7);
    expect(loaded.document.scenario.schemaVersion).toBe(2);
    expect(loaded.repairs.map(repairText).join()).toMatch(/upgraded the scenario/);
    expect(loaded.backupKey).toMatch(/^backup:border-crossing:/);
    expect(await kv.get(loaded.backupKey!)).toBe(FIXTURE);

    expect(await repo.saveDocument('border-crossing', loaded.document, loaded.revision)).toEqual({ status: 'saved', revision: 8 });
    const again = await tab(kv, 'tab-b').loadDocument('border-crossing');
    expect(again).toMatchObject({ status: 'ok', revision: 8, repairs: [], backupKey: null });
  });
});

describe('storage quota', () => {
  it('is reported and nothing stored is damaged', async () => {
    const kv = createMemoryStore();
    const repo = tab(kv, 'tab-a');
    const small = doc('Small');
    await repo.saveDocument('a', small, 0);
    const before = await kv.get(docKey('a'));
    kv.setQuota(kv.usedBytes() + 100);
    const big = makeSampleDocument({ nodeCount: 200 });
    const r = await repo.saveDocument('a', big, 1);
    expect(r.status).toBe('quota');
    expect(noticeText({ code: 'quota' })).toMatch(/export a snapshot/i);
    expect(await kv.get(docKey('a'))).toBe(before);
    kv.setQuota(undefined);
    expect(await repo.saveDocument('a', big, 1)).toEqual({ status: 'saved', revision: 2 });
  });
});

describe('two tabs on one scenario', () => {
  it("tab B's save on the same base revision after tab A's save is a conflict; nothing is lost", async () => {
    const kv = createMemoryStore();
    const a = tab(kv, 'tab-a');
    const b = tab(kv, 'tab-b');
    await a.saveDocument('shared', doc('Base'), 0);
    const la = await a.loadDocument('shared');
    const lb = await b.loadDocument('shared');
    expect(la.status === 'ok' && lb.status === 'ok').toBe(true);
    if (la.status !== 'ok' || lb.status !== 'ok') return;

    const mineA = doc('Edited in A');
    const mineB = doc('Edited in B');
    expect(await a.saveDocument('shared', mineA, la.revision)).toEqual({ status: 'saved', revision: 2 });
    const r = await b.saveDocument('shared', mineB, lb.revision);
    expect(r.status).toBe('conflict');
    if (r.status !== 'conflict') return;
    expect(r.theirs).toMatchObject({ revision: 2, tabId: 'tab-a' });
    expect(r.theirs.document.scenario.title).toBe('Edited in A');
    // A's edits are still stored; B's are still in B's hands (r + mineB).
    const stored = await tab(kv, 'tab-c').loadDocument('shared');
    expect(stored.status === 'ok' && stored.document.scenario.title).toBe('Edited in A');

    // B keeps its version as a copy, or overwrites knowingly with the new base.
    expect(await b.saveDocument('shared-copy', mineB, 0)).toEqual({ status: 'saved', revision: 1 });
    expect(await b.saveDocument('shared', mineB, r.theirs.revision)).toEqual({ status: 'saved', revision: 3 });
  });

  it('simultaneous saves on the same base: exactly one is written, the other gets a conflict', async () => {
    const kv = createMemoryStore();
    const a = tab(kv, 'tab-a');
    const b = tab(kv, 'tab-b');
    await a.saveDocument('shared', doc('Base'), 0);
    await b.loadDocument('shared');
    const results = await Promise.all([a.saveDocument('shared', doc('A'), 1), b.saveDocument('shared', doc('B'), 1)]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
  });

  it('two tabs creating the same new document: the second gets a conflict', async () => {
    const kv = createMemoryStore();
    expect(await tab(kv, 'tab-a').saveDocument('new', doc('A'), 0)).toMatchObject({ status: 'saved' });
    expect(await tab(kv, 'tab-b').saveDocument('new', doc('B'), 0)).toMatchObject({ status: 'conflict' });
  });

  it('a document deleted in another tab is written again rather than lost', async () => {
    const kv = createMemoryStore();
    const a = tab(kv, 'tab-a');
    await a.saveDocument('x', doc(), 0);
    await tab(kv, 'tab-b').deleteDocument('x');
    expect(await a.saveDocument('x', doc('Still here'), 1)).toEqual({ status: 'saved', revision: 2 });
  });

  it('the library keeps both tabs\u2019 documents when they save different documents at once', async () => {
    const kv = createMemoryStore();
    const a = tab(kv, 'tab-a');
    const b = tab(kv, 'tab-b');
    await Promise.all([a.saveDocument('one', doc('One'), 0), b.saveDocument('two', doc('Two'), 0)]);
    const raw = JSON.parse((await kv.get(LIBRARY_KEY)) as string);
    expect(raw.docs.map((d: { id: string }) => d.id).sort()).toEqual(['one', 'two']);
  });

  it('after a save, the other tab receives a broadcast (and a tab never hears its own)', async () => {
    const kv = createMemoryStore();
    const hub = createFakeChannelHub();
    const a = tab(kv, 'tab-a', hub.channel());
    const b = tab(kv, 'tab-b', hub.channel());
    const heardByA: TabMessage[] = [];
    const heardByB: TabMessage[] = [];
    a.subscribe((m) => heardByA.push(m));
    b.subscribe((m) => heardByB.push(m));
    await a.saveDocument('doc-1', doc(), 0);
    await wait();
    expect(heardByB).toEqual([{ type: 'saved', id: 'doc-1', revision: 1, tabId: 'tab-a' }]);
    expect(heardByA).toEqual([]);
    await b.deleteDocument('doc-1');
    await wait();
    expect(heardByA).toEqual([{ type: 'deleted', id: 'doc-1', tabId: 'tab-b' }]);
  });

  it('does not broadcast when nothing was saved', async () => {
    const kv = createMemoryStore();
    const hub = createFakeChannelHub();
    const a = tab(kv, 'tab-a', hub.channel());
    const b = tab(kv, 'tab-b', hub.channel());
    await a.saveDocument('d', doc(), 0);
    const before = hub.sent.length;
    expect((await b.saveDocument('d', doc(), 0)).status).toBe('conflict');
    expect(hub.sent.length).toBe(before);
  });
});

describe('stored text', () => {
  it('is the encoded saved record', async () => {
    const kv = createMemoryStore();
    const repo = createRepository({ kv, tabId: 'tab-a', now: () => new Date('2026-11-24T12:00:00.000Z') });
    const d = doc();
    await repo.saveDocument('a', d, 0);
    expect(await repo.readStored('a')).toBe(encodeSaved({ revision: 1, savedAt: '2026-11-24T12:00:00.000Z', tabId: 'tab-a', document: d }));
  });
});

describe('older-format text replaced by a tab that never loaded it', () => {
  it('is backed up before the save replaces it', async () => {
    const kv = createMemoryStore({ initial: { [docKey('border-crossing')]: FIXTURE } });
    const repo = tab(kv, 'tab-a');
    expect(await repo.saveDocument('border-crossing', doc('Mine'), 7)).toEqual({ status: 'saved', revision: 8 });
    const backups = await repo.listBackups();
    expect(backups).toHaveLength(1);
    expect(await repo.readBackup(backups[0]!.key)).toBe(FIXTURE);
  });
});

describe('issue 13, path 1: a stored value that is not text (IndexedDB, fake-indexeddb)', () => {
  const idb = () => {
    const factory = new IDBFactory();
    return { factory, kv: createIndexedDbStore('branchpoint', { factory }) };
  };

  it('a record stored as an object is read, listed, kept aside, and the work shown intact', async () => {
    const { factory, kv } = idb();
    const d = doc('Stored as an object');
    const record = JSON.parse(encodeSaved({ revision: 4, savedAt: '2026-11-24T09:00:00.000Z', tabId: 'old', document: d })) as unknown;
    await putRaw(factory, 'branchpoint', docKey('work'), record); // no library record either
    const repo = tab(kv, 'tab-a');
    const { library } = await repo.loadLibrary();
    expect(library.docs.map((e) => [e.id, e.title])).toEqual([['work', 'Stored as an object']]);
    const loaded = await repo.loadDocument('work');
    if (loaded.status !== 'ok') throw new Error(loaded.status);
    expect(loaded.document).toEqual(d);
    expect(loaded.revision).toBe(4);
    expect(loaded.repairs).toContainEqual({ code: 'stored-not-text', found: 'object' });
    expect(noticeText({ code: 'repaired', title: 'x', repairs: loaded.repairs, keptOriginal: true })).toMatch(/stored as an object instead of text/);
    // Kept aside before anything replaces it.
    expect(loaded.backupKey).toMatch(/^backup:work:/);
    expect(JSON.parse((await kv.get(loaded.backupKey!)) as string)).toEqual(record);
    // The next save replaces it with text, on the right revision.
    expect(await repo.saveDocument('work', loaded.document, loaded.revision)).toEqual({ status: 'saved', revision: 5 });
    expect(typeof (await kv.get(docKey('work')))).toBe('string');
  });

  it('an unreadable object is damaged: kept aside, reported, never overwritten (even with no library record)', async () => {
    const { factory, kv } = idb();
    const odd = { kind: 'branchpoint-saved', version: 1, revision: 2, document: { scenario: 'not a scenario' } };
    await putRaw(factory, 'branchpoint', docKey('work'), odd);
    const repo = tab(kv, 'tab-a');
    await repo.loadLibrary();
    const loaded = await repo.loadDocument('work');
    expect(loaded).toMatchObject({ status: 'corrupt', backupKey: expect.stringMatching(/^backup:work:/) });
    if (loaded.status !== 'corrupt') return;
    expect(JSON.parse((await repo.readBackup(loaded.backupKey!))!)).toEqual(odd);
    expect(JSON.parse((await repo.readStored('work'))!)).toEqual(odd);
    // A save "as new" (base 0) is refused: the object is present, not absent.
    expect(await repo.saveDocument('work', doc(), 0)).toMatchObject({ status: 'refused', reason: 'corrupt' });
    expect(await kv.get(docKey('work'))).toEqual(odd);
  });

  it.each([
    ['null', null],
    ['a number', 12],
    ['a list', ['a']],
  ])('%s stored as a document is damaged and kept aside, never treated as missing', async (_, value) => {
    const { factory, kv } = idb();
    await putRaw(factory, 'branchpoint', docKey('work'), value);
    const repo = tab(kv, 'tab-a');
    const loaded = await repo.loadDocument('work');
    expect(loaded).toMatchObject({ status: 'corrupt', reason: { code: 'not-a-record' }, backupKey: expect.stringMatching(/^backup:work:/) });
    expect(await repo.saveDocument('work', doc(), 0)).toMatchObject({ status: 'refused', reason: 'corrupt' });
    expect(await kv.get(docKey('work'))).toEqual(value);
  });

  it('a library stored as an object is read like its text', async () => {
    const { factory, kv } = idb();
    const repo = tab(kv, 'tab-a');
    await repo.saveDocument('a', doc('A'), 0);
    await putRaw(factory, 'branchpoint', LIBRARY_KEY, { kind: 'branchpoint-library', version: 1, currentId: 'a', docs: [{ id: 'a', title: 'A' }] });
    const r = await tab(kv, 'tab-b').loadLibrary();
    expect(r.notice).toBeNull();
    expect(r.library.currentId).toBe('a');
    expect(typeof (await kv.get(LIBRARY_KEY))).toBe('string');
    expect((await repo.listBackups()).map((b) => b.id)).toEqual(['_library']);
  });
});
