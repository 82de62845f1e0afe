/**
 * Issue 13: saved work survives every storage fault. Each of the four paths,
 * with the IndexedDB store the app runs (over fake-indexeddb) and a stash in a
 * localStorage double: the user's work intact, kept aside, and reported.
 * Fake timers for the debounce (IndexedDB's own scheduling stays real).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from '@/lib/model/schema';
import { createAppStore } from '@/lib/store/store';
import { createIndexedDbStore, type KeyValueStore } from '@/lib/persist/kv';
import { createRepository, docKey, LIBRARY_KEY, type Repository } from '@/lib/persist/repository';
import { builtinId, createPersistenceController, shippedWorkDocument, type PersistNotice } from '@/lib/persist/controller';
import { encodeSaved } from '@/lib/persist/saved';
import { STASH_PREFIX, storageStash } from '@/lib/persist/stash';
import { noticeText } from '@/lib/messages/persist';
import { own } from '@/lib/annotations/types';
import { fakeQuota, IDBFactory, putRaw } from '../support/fake-idb';
import { LocalStorageDouble } from '../support/local-storage';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
const DB = 'branchpoint';
const STASH_KEY = `${STASH_PREFIX}${scenario.id}`;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-12-03T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
  fakeQuota.maxChars = undefined;
});

/** One browser: an IndexedDB and a localStorage that outlive page loads. */
function browser() {
  const factory = new IDBFactory();
  const ls = new LocalStorageDouble();
  let tabs = 0;
  /** A page load. */
  const load = (repoWrap?: (r: Repository) => Repository) => {
    const kv = createIndexedDbStore(DB, { factory });
    const store = createAppStore({ docId: builtinId(scenario.id), document: shippedWorkDocument(scenario) });
    const base = createRepository({ kv, tabId: `tab-${++tabs}` });
    const repository = repoWrap ? repoWrap(base) : base;
    const ctl = createPersistenceController({ store, repository, shipped: [scenario], defaultShippedId: scenario.id, debounceMs: 400, stash: storageStash(() => ls) });
    return { kv, store, repository, ctl };
  };
  return { factory, ls, load, kv: () => createIndexedDbStore(DB, { factory }) };
}

const note = (p: { store: ReturnType<typeof createAppStore> }, id: string) => own(p.store.getState().document.annotations.nodes, id)?.note;
const texts = (notices: PersistNotice[]) => notices.map((n) => noticeText(n.subject));
const backups = async (kv: KeyValueStore) => kv.keys('backup:');

describe('path 1: a record that is not text', () => {
  it('a saved record stored as an object: shown intact, listed, kept aside, then saved as text', async () => {
    const b = browser();
    const first = b.load();
    await first.ctl.start();
    first.store.getState().annotate('nodes', 'kunar-strike', { note: 'my analysis' });
    await first.ctl.flush();
    first.ctl.dispose();
    // Another build or an extension re-stores the record as a parsed object, and the library is gone.
    const kv = b.kv();
    const record = JSON.parse((await kv.get(docKey(scenario.id))) as string) as unknown;
    await putRaw(b.factory, DB, docKey(scenario.id), record);
    await kv.delete(LIBRARY_KEY);

    const page = b.load();
    await page.ctl.start();
    expect(page.store.getState().docId).toBe(scenario.id);
    expect(note(page, 'kunar-strike')).toBe('my analysis');
    expect(page.ctl.getState().library.map((d) => d.id)).toEqual([scenario.id]);
    const told = texts(page.ctl.getState().notices).join('\n');
    expect(told).toMatch(/stored as an object instead of text/);
    expect(told).toMatch(/original was kept as a backup/);
    const kept = await backups(kv);
    expect(kept).toHaveLength(1);
    expect(JSON.parse((await kv.get(kept[0]!)) as string)).toEqual(record);
    // The app keeps saving.
    page.store.getState().annotate('nodes', 'kunar-strike', { note: 'my analysis, continued' });
    await page.ctl.flush();
    expect(page.ctl.getState().status).toBe('saved');
    expect(typeof (await kv.get(docKey(scenario.id)))).toBe('string');
  });

  it('an unreadable object (and no library record): kept aside, reported with a download, never overwritten by the next edit', async () => {
    const b = browser();
    const odd = { kind: 'branchpoint-saved', version: 1, revision: 3, document: { scenario: { title: 'half written' } } };
    await putRaw(b.factory, DB, docKey(scenario.id), odd);
    const page = b.load();
    await page.ctl.start();
    const notice = page.ctl.getState().notices.find((n) => n.subject.code === 'damaged')!;
    expect(notice.actions).toEqual(expect.arrayContaining(['download-damaged', 'discard-corrupt']));
    expect(noticeText(notice.subject)).toMatch(/could not be read: scenario/);
    expect(noticeText(notice.subject)).toMatch(/kept aside as a backup/);
    expect(JSON.parse((await page.ctl.readStored(notice.docId!))!)).toEqual(odd);
    page.store.getState().annotate('nodes', 'kunar-strike', { note: 'new work' });
    await page.ctl.flush();
    expect(page.store.getState().docId).not.toBe(scenario.id); // a copy of its own
    expect(page.ctl.getState().status).toBe('saved');
    const kv = b.kv();
    expect(await kv.get(docKey(scenario.id))).toEqual(odd);
    expect(await backups(kv)).toHaveLength(1);
  });
});

describe('path 2: storage full, then a reload', () => {
  it('opens the newest version (the stash), says it is not saved, never overwrites it, and saves every edit once space frees', async () => {
    const b = browser();
    const one = b.load();
    await one.ctl.start();
    one.store.getState().annotate('nodes', 'kunar-strike', { note: 'saved before the disk filled' });
    await one.ctl.flush();
    expect(one.ctl.getState().status).toBe('saved');

    // The disk fills; an edit cannot be saved, and the page closes.
    fakeQuota.maxChars = 2_000;
    one.store.getState().annotate('nodes', 'kunar-strike', { note: 'edit one' });
    await one.ctl.flush();
    expect(one.ctl.getState().status).toBe('quota');
    expect(one.ctl.stashUnsaved()).toBe(true);
    one.ctl.dispose();

    // Reload with storage still full: the edit is shown, and not as saved.
    const two = b.load();
    await two.ctl.start();
    expect(two.ctl.getState().ready).toBe(true);
    expect(note(two, 'kunar-strike')).toBe('edit one');
    expect(two.ctl.getState().status).toBe('quota');
    const told = texts(two.ctl.getState().notices);
    expect(told.filter((t) => /not saved yet/.test(t))).toHaveLength(1);
    expect(told.filter((t) => /Browser storage is full/.test(t))).toHaveLength(1);
    expect(b.ls.getItem(STASH_KEY)).toContain('edit one');

    // Another edit, another reload: the stash now holds both, never only the second.
    two.store.getState().annotate('nodes', 'hedge-like-russia', { note: 'edit two' });
    await two.ctl.flush();
    expect(two.ctl.stashUnsaved()).toBe(true);
    two.ctl.dispose();
    expect(b.ls.getItem(STASH_KEY)).toContain('edit one');
    expect(b.ls.getItem(STASH_KEY)).toContain('edit two');

    // Space frees: both edits are saved, the stash is cleared, the user is told.
    fakeQuota.maxChars = undefined;
    const three = b.load();
    await three.ctl.start();
    expect(note(three, 'kunar-strike')).toBe('edit one');
    expect(note(three, 'hedge-like-russia')).toBe('edit two');
    expect(three.ctl.getState().status).toBe('saved');
    expect(b.ls.getItem(STASH_KEY)).toBeNull();
    expect(texts(three.ctl.getState().notices).some((t) => /Recovered the changes/.test(t))).toBe(true);
    const four = b.load();
    await four.ctl.start();
    expect(note(four, 'hedge-like-russia')).toBe('edit two');
  });

  it('a recovered stash that gets saved later (retry after freeing space) is removed, and the notice goes', async () => {
    const b = browser();
    const one = b.load();
    await one.ctl.start();
    fakeQuota.maxChars = 2_000;
    one.store.getState().annotate('nodes', 'kunar-strike', { note: 'only in the stash' });
    await one.ctl.flush();
    one.ctl.stashUnsaved();
    one.ctl.dispose();
    const two = b.load();
    await two.ctl.start();
    expect(note(two, 'kunar-strike')).toBe('only in the stash');
    fakeQuota.maxChars = undefined;
    await two.ctl.retry();
    expect(two.ctl.getState().status).toBe('saved');
    expect(b.ls.getItem(STASH_KEY)).toBeNull();
    expect(two.ctl.getState().notices.some((n) => n.subject.code === 'stash-not-saved')).toBe(false);
  });

  it('a tab that does not hold a stash writes its own beside it, never over it', async () => {
    const b = browser();
    const base = b.load();
    await base.ctl.start();
    base.store.getState().annotate('nodes', 'kunar-strike', { note: 'base' });
    await base.ctl.flush();
    base.ctl.dispose();
    fakeQuota.maxChars = 2_000;
    // Two tabs open on the same document, both unable to save.
    const a = b.load();
    const c = b.load();
    await a.ctl.start();
    await c.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'from tab A' });
    c.store.getState().annotate('nodes', 'hedge-like-russia', { note: 'from tab C' });
    await a.ctl.flush();
    await c.ctl.flush();
    expect(a.ctl.stashUnsaved()).toBe(true);
    expect(c.ctl.stashUnsaved()).toBe(true);
    a.ctl.dispose();
    c.ctl.dispose();
    const keys = Array.from({ length: b.ls.length }, (_, i) => b.ls.key(i)!).filter((k) => k.startsWith(STASH_PREFIX)).sort();
    expect(keys).toEqual([STASH_KEY, `${STASH_KEY}~2`]);
    expect(b.ls.getItem(STASH_KEY)).toContain('from tab A');
    expect(b.ls.getItem(`${STASH_KEY}~2`)).toContain('from tab C');
    // Space frees: one is saved, the other kept as a copy; nothing is lost.
    fakeQuota.maxChars = undefined;
    const d = b.load();
    await d.ctl.start();
    const docs = d.ctl.getState().library.map((e) => e.id);
    expect(docs).toHaveLength(2);
    const notes = [];
    for (const id of docs) {
      const r = await d.repository.loadDocument(id);
      if (r.status === 'ok') notes.push(own(r.document.annotations.nodes, 'kunar-strike')?.note, own(r.document.annotations.nodes, 'hedge-like-russia')?.note);
    }
    expect(notes).toEqual(expect.arrayContaining(['from tab A', 'from tab C']));
    expect(keys.every((k) => b.ls.getItem(k) === null)).toBe(true);
  });
});

describe('path 3: a damaged stash', () => {
  it.each([
    ['not JSON', '{"docId":"taliban-ttp-conundrum","base":0,"document":{"scen'],
    ['JSON that does not validate', JSON.stringify({ docId: scenario.id, base: 0, tabId: 't', at: '', document: { scenario: { nodes: 'x' } }, view: null })],
    ['a stash without its document id', JSON.stringify({ kind: 'branchpoint-stash', version: 1, base: 0, document: {} })],
  ])('%s: moved to a backup (never deleted), reported with a download, and the app keeps saving', async (_, damaged) => {
    const b = browser();
    b.ls.setItem(STASH_KEY, damaged);
    const page = b.load();
    await page.ctl.start();
    const notice = page.ctl.getState().notices.find((n) => n.subject.code === 'damaged')!;
    expect(notice.subject).toMatchObject({ what: 'stash' });
    expect(notice.actions).toContain('download-damaged');
    expect(noticeText(notice.subject)).toMatch(/could not be read/);
    expect(noticeText(notice.subject)).toMatch(/kept aside as a backup/);
    expect(await page.ctl.readStored(notice.docId!)).toBe(damaged);
    const kept = await backups(b.kv());
    expect(kept).toEqual([expect.stringMatching(/^backup:_unsaved\.taliban-ttp-conundrum:/)]);
    expect(await b.kv().get(kept[0]!)).toBe(damaged);
    expect(b.ls.getItem(STASH_KEY)).toBeNull(); // moved only once its copy is stored
    page.store.getState().annotate('nodes', 'kunar-strike', { note: 'still saving' });
    await page.ctl.flush();
    expect(page.ctl.getState().status).toBe('saved');
  });

  it('when even the backup cannot be written, the damaged stash stays where it is and can still be downloaded', async () => {
    const b = browser();
    const damaged = `{"docId":"${scenario.id}","base":0,"document":${'x'.repeat(3000)}`;
    b.ls.setItem(STASH_KEY, damaged);
    fakeQuota.maxChars = 2_000;
    const page = b.load();
    await page.ctl.start();
    const notice = page.ctl.getState().notices.find((n) => n.subject.code === 'damaged')!;
    expect(noticeText(notice.subject)).toMatch(/left where they were/);
    expect(b.ls.getItem(STASH_KEY)).toBe(damaged);
    expect(await page.ctl.readStored(notice.docId!)).toBe(damaged);
  });
});

describe('path 4: a stash holding JSON null', () => {
  it('start-up does not die: kept aside, reported, saved work opened, new notes saved', async () => {
    const b = browser();
    const first = b.load();
    await first.ctl.start();
    first.store.getState().annotate('nodes', 'kunar-strike', { note: 'saved work' });
    await first.ctl.flush();
    first.ctl.dispose();
    b.ls.setItem(STASH_KEY, 'null');

    const page = b.load();
    await expect(page.ctl.start()).resolves.toBeUndefined();
    expect(page.ctl.getState().ready).toBe(true);
    expect(note(page, 'kunar-strike')).toBe('saved work');
    const notice = page.ctl.getState().notices.find((n) => n.subject.code === 'damaged')!;
    expect(noticeText(notice.subject)).toMatch(/holds null instead of a copy of unsaved changes/);
    expect(await page.ctl.readStored(notice.docId!)).toBe('null');
    page.store.getState().annotate('nodes', 'hedge-like-russia', { note: 'new note' });
    await page.ctl.flush();
    expect(page.ctl.getState().status).toBe('saved');
    // And the next load is clean.
    const next = b.load();
    await next.ctl.start();
    expect(next.ctl.getState().notices).toEqual([]);
    expect(note(next, 'hedge-like-russia')).toBe('new note');
  });

  it('any failure during start-up becomes a notice; the app opens and keeps saving', async () => {
    const b = browser();
    let calls = 0;
    const page = b.load((repo) => ({
      ...repo,
      loadLibrary: () => (calls++ === 0 ? Promise.reject(new TypeError("Cannot read properties of null (reading 'document')")) : repo.loadLibrary()),
    }));
    await expect(page.ctl.start()).resolves.toBeUndefined();
    expect(page.ctl.getState().ready).toBe(true);
    expect(texts(page.ctl.getState().notices).join()).toMatch(/Something went wrong while opening your saved work/);
    page.store.getState().annotate('nodes', 'kunar-strike', { note: 'after a failed start' });
    await page.ctl.flush();
    expect(page.ctl.getState().status).toBe('saved');
  });
});

describe('notices are said once', () => {
  it('a damaged saved copy is described in one sentence, not nested', async () => {
    const b = browser();
    await putRaw(b.factory, DB, docKey(scenario.id), '{"kind":"branchpoint-saved", truncated');
    const page = b.load();
    await page.ctl.start();
    const words = texts(page.ctl.getState().notices).join('\n');
    expect(words.match(/could not be read/g)).toHaveLength(1);
    expect(words).not.toMatch(/\(The saved copy/);
  });

  it('the encodeSaved fixture text round-trips through the stash codec too (a stash is a record like the others)', () => {
    // A stash written by this build carries kind and version.
    const saved = encodeSaved({ revision: 1, savedAt: '', tabId: 't', document: shippedWorkDocument(scenario) });
    expect(JSON.parse(saved).kind).toBe('branchpoint-saved');
  });
});
