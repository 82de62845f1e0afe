import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from '@/lib/model/schema';
import { createAppStore } from '@/lib/store/store';
import { createMemoryStore, type MemoryStore } from '../support/memory-store';
import { createRepository } from '@/lib/persist/repository';
import type { BroadcastChannelLike } from '@/lib/persist/tabs';
import { createFakeChannelHub } from '../support/fake-channel';
import { builtinId, createPersistenceController, shippedWorkDocument, type PersistNotice, type SyncStash } from '@/lib/persist/controller';
import { noticeText } from '@/lib/messages/persist';

const text = (n: PersistNotice) => noticeText(n.subject);
import { own } from '@/lib/annotations/types';
import { LOADING_PERSISTENCE_STATE } from '@/lib/persist/loading';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
/** Lets debounces, channel deliveries and pending work run, on fake time. */
const settle = () => vi.advanceTimersByTimeAsync(50);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function memoryStash(): SyncStash & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
    keys: () => [...data.keys()],
  };
}

function tab(kv: MemoryStore, channel?: BroadcastChannelLike, tabId = 'tab-a', stash?: SyncStash, debounceMs = 5) {
  const store = createAppStore({ docId: builtinId(scenario.id), document: shippedWorkDocument(scenario) });
  const repository = createRepository({ kv, tabId, channel });
  const ctl = createPersistenceController({ store, repository, shipped: [scenario], defaultShippedId: scenario.id, debounceMs, stash });
  return { store, ctl, repository };
}

describe('persistence controller', () => {
  it('opens the shipped scenario pristine, and the first edit makes the user’s copy, which survives a reload', async () => {
    const kv = createMemoryStore();
    const a = tab(kv);
    // Before it starts, its state is the page's loading state itself (what the server rendered), not an equal copy.
    expect(a.ctl.getState()).toBe(LOADING_PERSISTENCE_STATE);
    await a.ctl.start();
    expect(a.store.getState().docId).toBe(builtinId(scenario.id));
    expect(a.ctl.getState().library).toEqual([]);
    a.store.getState().annotate('nodes', 'kunar-strike', { stance: 'favoured', note: 'Keep' });
    expect(a.store.getState().docId).toBe(scenario.id);
    await a.ctl.flush();
    expect(a.ctl.getState().status).toBe('saved');
    // The shipped scenario itself was never changed.
    expect(own(shippedWorkDocument(scenario).annotations.nodes, 'kunar-strike')).toBeUndefined();

    const b = tab(kv, undefined, 'tab-b');
    await b.ctl.start();
    expect(b.store.getState().docId).toBe(scenario.id);
    expect(own(b.store.getState().document.annotations.nodes, 'kunar-strike')).toMatchObject({ stance: 'favoured', note: 'Keep' });
    a.ctl.dispose();
    b.ctl.dispose();
  });

  it('tells its listeners only of a change: every state it hands them differs from the one before', async () => {
    const kv = createMemoryStore();
    const a = tab(kv);
    await a.ctl.start();
    const seen = [a.ctl.getState()];
    const off = a.ctl.subscribe((s) => seen.push(s));
    // Two saves; the second also finds no notice to drop and the same status once saved.
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'one' });
    await a.ctl.flush();
    await settle();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'two' });
    await a.ctl.flush();
    await settle();
    expect(a.ctl.getState().status).toBe('saved');
    expect(seen.length).toBeGreaterThan(2);
    const keys = Object.keys(seen[0]!) as (keyof typeof seen[0])[];
    for (let i = 1; i < seen.length; i++) {
      // By value: a new but equal list (no notice dropped) is no change.
      const changed = keys.filter((k) => JSON.stringify(seen[i]![k]) !== JSON.stringify(seen[i - 1]![k]));
      expect(changed, `listener call ${i} told of no change`).not.toEqual([]);
    }
    // Nothing left to save: no call at all, the same state object.
    const before = a.ctl.getState();
    const calls = seen.length;
    await a.ctl.flush();
    await settle();
    expect(a.ctl.getState()).toBe(before);
    expect(seen.length).toBe(calls);
    off();
    a.ctl.dispose();

    // Opening a pristine shipped scenario again leaves the state as it was ('idle', no notice, no library).
    const b = tab(createMemoryStore(), undefined, 'tab-b');
    await b.ctl.start();
    const idle = b.ctl.getState();
    expect(idle).toMatchObject({ ready: true, status: 'idle' });
    const told: unknown[] = [];
    const offB = b.ctl.subscribe((s) => told.push(s));
    await b.ctl.openShipped(scenario.id);
    await settle();
    expect(told).toEqual([]);
    expect(b.ctl.getState()).toBe(idle);
    offB();
    b.ctl.dispose();
  });

  it('on a first visit keeps the document the page opened with (no reload), and what the analyst did to the view meanwhile', async () => {
    const a = tab(createMemoryStore());
    const opened = a.store.getState().document;
    a.store.getState().reveal('taliban-contain-ttp');
    await a.ctl.start();
    expect(a.store.getState().document).toBe(opened);
    expect(a.store.getState().loadSeq).toBe(0);
    expect(a.store.getState().selectedId).toBe('taliban-contain-ttp');
    expect(a.ctl.getState()).toMatchObject({ ready: true, status: 'idle' });
    // Reset to the original still loads it afresh.
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'x' });
    await a.ctl.flush();
    await a.ctl.resetToOriginal();
    expect(a.store.getState().loadSeq).toBe(1);
    expect(own(a.store.getState().document.annotations.nodes, 'kunar-strike')).toBeUndefined();
    a.ctl.dispose();
  });

  it('saves the view (expanded, selection) apart from the document', async () => {
    const kv = createMemoryStore();
    const a = tab(kv);
    await a.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'x' });
    a.store.getState().reveal('taliban-contain-ttp');
    await a.ctl.flush();
    const b = tab(kv, undefined, 'tab-b');
    await b.ctl.start();
    expect(b.store.getState().selectedId).toBe('taliban-contain-ttp');
    expect(b.store.getState().expanded.has('strike-removes-leaders')).toBe(true);
    expect(b.store.getState().expanded.has('strike-approved')).toBe(true);
    const saved = [...kv.snapshot().entries()].find(([k]) => k === `doc:${scenario.id}`)![1];
    expect(saved).not.toContain('selectedId');
  });

  it('keeps corrupt saved data aside, tells the user, shows the original and never overwrites it', async () => {
    const kv = createMemoryStore();
    const a = tab(kv);
    await a.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'x' });
    await a.ctl.flush();
    await kv.set(`doc:${scenario.id}`, '{"kind":"branchpoint-saved", truncated');
    const b = tab(kv, undefined, 'tab-b');
    await b.ctl.start();
    expect(b.store.getState().docId).toBe(builtinId(scenario.id));
    const notice = b.ctl.getState().notices.find((n) => n.tone === 'error')!;
    expect(text(notice)).toMatch(/could not be read/);
    expect(notice.actions).toContain('discard-corrupt');
    expect([...kv.snapshot().keys()].some((k) => k.startsWith('backup:'))).toBe(true);
    // An edit goes to a new copy; the damaged text is untouched.
    b.store.getState().annotate('nodes', 'kunar-strike', { note: 'y' });
    await b.ctl.flush();
    expect(b.store.getState().docId).not.toBe(scenario.id);
    expect(await kv.get(`doc:${scenario.id}`)).toBe('{"kind":"branchpoint-saved", truncated');
  });

  it('reports a full quota, keeps the change in memory, and saves once space frees up', async () => {
    const kv = createMemoryStore();
    const a = tab(kv);
    await a.ctl.start();
    kv.setQuota(kv.usedBytes() + 100);
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'important' });
    await a.ctl.flush();
    expect(a.ctl.getState().status).toBe('quota');
    expect(a.ctl.getState().notices.some((n) => n.actions.includes('export'))).toBe(true);
    expect(own(a.store.getState().document.annotations.nodes, 'kunar-strike')!.note).toBe('important');
    kv.setQuota(undefined);
    await a.ctl.retry();
    await a.ctl.flush();
    expect(a.ctl.getState().status).toBe('saved');
  });

  it('two tabs editing the same document never silently lose either side', async () => {
    const kv = createMemoryStore();
    const hub = createFakeChannelHub();
    const a = tab(kv, hub.channel(), 'tab-a');
    await a.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'base' });
    await a.ctl.flush();
    const b = tab(kv, hub.channel(), 'tab-b');
    await b.ctl.start();
    // Both edit from the same base.
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'from A' });
    b.store.getState().annotate('nodes', 'hedge-like-russia', { note: 'from B' });
    await a.ctl.flush();
    await b.ctl.flush();
    await settle();
    expect(b.ctl.getState().notices.some((n) => n.actions.includes('load-theirs'))).toBe(true);
    await b.ctl.loadTheirs();
    expect(own(b.store.getState().document.annotations.nodes, 'kunar-strike')!.note).toBe('from A');
    // B's version was kept as a copy.
    const lib = (await b.repository.loadLibrary()).library.docs;
    const copy = lib.find((d) => d.id !== scenario.id)!;
    const loaded = await b.repository.loadDocument(copy.id);
    expect(loaded.status).toBe('ok');
    if (loaded.status === 'ok') expect(own(loaded.document.annotations.nodes, 'hedge-like-russia')!.note).toBe('from B');
  });

  it('a tab without unsaved changes picks up another tab’s save', async () => {
    const kv = createMemoryStore();
    const hub = createFakeChannelHub();
    const a = tab(kv, hub.channel(), 'tab-a');
    await a.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'one' });
    await a.ctl.flush();
    const b = tab(kv, hub.channel(), 'tab-b');
    await b.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'two' });
    await a.ctl.flush();
    await settle();
    await settle();
    expect(own(b.store.getState().document.annotations.nodes, 'kunar-strike')!.note).toBe('two');
  });

  it('resets a shipped scenario to its original, duplicates, creates blank and adds imported documents', async () => {
    const kv = createMemoryStore();
    const a = tab(kv);
    await a.ctl.start();
    a.store.getState().renameNode('kunar-strike', 'Renamed');
    await a.ctl.flush();
    const dup = await a.ctl.duplicateCurrent();
    expect(a.store.getState().docId).toBe(dup);
    expect(a.store.getState().index.byId.get('kunar-strike')!.title).toBe('Renamed');
    await a.ctl.openShipped(scenario.id);
    expect(a.store.getState().docId).toBe(scenario.id);
    await a.ctl.resetToOriginal();
    expect(a.store.getState().docId).toBe(builtinId(scenario.id));
    expect(a.store.getState().index.byId.get('kunar-strike')!.title).not.toBe('Renamed');
    const blank = await a.ctl.newBlank('Should we build the dam?');
    expect(a.store.getState().index.root.title).toBe('Should we build the dam?');
    const added = await a.ctl.addDocument(a.store.getState().document, null);
    expect(added).not.toBe(blank);
    expect(a.ctl.getState().library.map((d) => d.id).sort()).toEqual([added, blank, dup].sort());
    await a.ctl.deleteDocument(added);
    expect(a.ctl.getState().library.map((d) => d.id)).not.toContain(added);
  });

  it('changes not yet written when the page closes are stashed synchronously and recovered on the next load', async () => {
    const kv = createMemoryStore();
    const stash = memoryStash();
    const a = tab(kv, undefined, 'tab-a', stash, 60_000);
    await a.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'typed just before closing' });
    expect(a.ctl.stashUnsaved()).toBe(true); // the debounced IndexedDB write never happened
    a.ctl.dispose();
    expect(await kv.get(`doc:${scenario.id}`)).toBeUndefined();
    const b = tab(kv, undefined, 'tab-b', stash);
    await b.ctl.start();
    expect(b.store.getState().docId).toBe(scenario.id);
    expect(own(b.store.getState().document.annotations.nodes, 'kunar-strike')!.note).toBe('typed just before closing');
    expect(stash.data.size).toBe(0);
    expect(b.ctl.getState().notices.some((n) => /Recovered/.test(text(n)))).toBe(true);
  });

  it('a stash older than another tab’s save is kept as a copy, never over their work', async () => {
    const kv = createMemoryStore();
    const stash = memoryStash();
    const a = tab(kv, undefined, 'tab-a', stash);
    await a.ctl.start();
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'saved' });
    await a.ctl.flush();
    const slow = tab(kv, undefined, 'tab-slow', stash, 60_000);
    await slow.ctl.start();
    slow.store.getState().annotate('nodes', 'kunar-strike', { note: 'slow tab, unsaved' });
    a.store.getState().annotate('nodes', 'kunar-strike', { note: 'newer from A' });
    await a.ctl.flush();
    expect(slow.ctl.stashUnsaved()).toBe(true);
    slow.ctl.dispose();
    const c = tab(kv, undefined, 'tab-c', stash);
    await c.ctl.start();
    expect(own(c.store.getState().document.annotations.nodes, 'kunar-strike')!.note).toBe('newer from A');
    const copy = c.ctl.getState().library.find((d) => d.id !== scenario.id)!;
    const loaded = await c.repository.loadDocument(copy.id);
    expect(loaded.status === 'ok' && own(loaded.document.annotations.nodes, 'kunar-strike')!.note).toBe('slow tab, unsaved');
  });
});
