import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError, type KeyValueStore } from '@/lib/persist/kv';
import { createMemoryStore } from '../support/memory-store';
import { createRepository, docKey, viewKey } from '@/lib/persist/repository';
import { createAutosaver, type AutosaveEvent } from '@/lib/persist/autosave';
import { decodeSaved } from '@/lib/persist/saved';
import { noticeText, statusMessage } from '@/lib/messages/persist';
import { makeSampleDocument } from '@/lib/gen/sample-document';
import type { WorkDocument } from '@/lib/doc/types';

const doc = (title: string, nodeCount = 20): WorkDocument => {
  const d = makeSampleDocument({ nodeCount });
  d.scenario.title = title;
  return d;
};

/** Wraps a store, counting document writes and how many overlap. */
function instrument(kv: KeyValueStore, delayMs = 0) {
  const writes: string[] = [];
  let active = 0;
  let maxActive = 0;
  let fail: Error | null = null;
  const wrapped: KeyValueStore = {
    get: (k) => kv.get(k),
    set: (k, v) => kv.set(k, v),
    delete: (k) => kv.delete(k),
    keys: (p) => kv.keys(p),
    async compareAndSet(k, expected, value) {
      if (!k.startsWith('doc:')) return kv.compareAndSet(k, expected, value);
      if (fail) throw fail;
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        const ok = await kv.compareAndSet(k, expected, value);
        if (ok) writes.push(k);
        return ok;
      } finally {
        active--;
      }
    },
  };
  return {
    kv: wrapped,
    writes,
    maxActive: () => maxActive,
    failWith(e: Error | null) {
      fail = e;
    },
  };
}

async function storedTitle(kv: KeyValueStore, id: string): Promise<string | undefined> {
  const raw = await kv.get(docKey(id));
  if (raw === undefined) return undefined;
  const r = decodeSaved(raw);
  return r.status === 'ok' ? r.value.document.scenario.title : `(${r.status})`;
}

function setup(options: { kv?: KeyValueStore; tabId?: string; debounceMs?: number; delayMs?: number } = {}) {
  const base = options.kv ?? createMemoryStore();
  const probe = instrument(base, options.delayMs);
  const repository = createRepository({ kv: probe.kv, tabId: options.tabId ?? 'tab-a' });
  const events: AutosaveEvent[] = [];
  const saver = createAutosaver({ repository, debounceMs: options.debounceMs ?? 400, onStatus: (e) => events.push(e) });
  return { base, probe, repository, saver, events, statuses: () => events.map((e) => e.status) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('coalesces many changes into one write of the latest document', async () => {
    vi.useFakeTimers();
    const { base, probe, saver, statuses } = setup();
    for (let i = 1; i <= 10; i++) {
      saver.schedule('a', doc(`Edit ${i}`, 5));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(probe.writes).toEqual([]);
    expect(saver.status('a')).toBe('pending');
    await vi.advanceTimersByTimeAsync(400);
    await vi.runAllTimersAsync();
    expect(probe.writes).toEqual(['doc:a']);
    vi.useRealTimers();
    expect(await storedTitle(base, 'a')).toBe('Edit 10');
    expect(statuses()).toEqual(['pending', 'saving', 'saved']);
    expect(saver.baseRevision('a')).toBe(1);
    expect(saver.hasUnsaved('a')).toBe(false);
  });

  it('debounces each document separately', async () => {
    vi.useFakeTimers();
    const { probe, saver } = setup();
    saver.schedule('a', doc('A', 5));
    await vi.advanceTimersByTimeAsync(300);
    saver.schedule('b', doc('B', 5));
    await vi.advanceTimersByTimeAsync(150);
    await vi.runOnlyPendingTimersAsync();
    expect(probe.writes[0]).toBe('doc:a');
    await vi.runAllTimersAsync();
    expect([...probe.writes].sort()).toEqual(['doc:a', 'doc:b']);
  });
});

describe('flush', () => {
  it('writes pending changes immediately, without waiting for the debounce', async () => {
    const { base, probe, saver } = setup({ debounceMs: 60_000 });
    saver.schedule('a', doc('Before leaving'));
    saver.scheduleView('a', { expanded: ['n-1'], selectedId: 'n-1', viewport: null });
    await saver.flush();
    expect(probe.writes).toEqual(['doc:a']);
    expect(await storedTitle(base, 'a')).toBe('Before leaving');
    expect(JSON.parse((await base.get(viewKey('a'))) as string).view.selectedId).toBe('n-1');
    saver.dispose();
  });

  it('keeps at most one write in flight; a change made during a write is saved after it on the new revision', async () => {
    const { base, probe, saver, events } = setup({ debounceMs: 60_000, delayMs: 20 });
    saver.schedule('a', doc('A1'));
    saver.schedule('b', doc('B1'));
    const first = saver.flush();
    await new Promise((r) => setTimeout(r, 5));
    saver.schedule('a', doc('A2')); // while a write is in flight
    await first;
    await saver.flush();
    expect(probe.maxActive()).toBe(1);
    expect(probe.writes.filter((k) => k === 'doc:a')).toHaveLength(2);
    expect(await storedTitle(base, 'a')).toBe('A2');
    expect(saver.baseRevision('a')).toBe(2);
    expect(events.some((e) => e.status === 'conflict')).toBe(false);
    saver.dispose();
  });
});

describe('quota', () => {
  it('reports quota with a way out, keeps the document, and saves it once space frees', async () => {
    const kv = createMemoryStore({ quotaBytes: 2_000 });
    const { base, saver, events } = setup({ kv, debounceMs: 60_000 });
    const big = doc('Big edit', 50);
    saver.schedule('a', big);
    await saver.flush();
    const last = events.at(-1)!;
    expect(last.status).toBe('quota');
    expect(statusMessage(last.status)).toMatch(/export a snapshot/i);
    expect(statusMessage(last.status)).toMatch(/kept in this tab/);
    expect(saver.hasUnsaved('a')).toBe(true);
    expect(saver.unsavedDocument('a')).toBe(big);
    expect(await base.get(docKey('a'))).toBeUndefined();

    // Space frees (the user deleted something); the next change is saved.
    kv.setQuota(undefined);
    const bigger = doc('Bigger edit', 50);
    saver.schedule('a', bigger);
    await saver.flush();
    expect(saver.status('a')).toBe('saved');
    expect(await storedTitle(base, 'a')).toBe('Bigger edit');
    expect(saver.hasUnsaved('a')).toBe(false);
  });

  it('retry() saves the kept document without a new change', async () => {
    const kv = createMemoryStore({ quotaBytes: 2_000 });
    const { base, saver } = setup({ kv, debounceMs: 60_000 });
    saver.schedule('a', doc('Kept', 50));
    await saver.flush();
    expect(saver.status('a')).toBe('quota');
    kv.setQuota(undefined);
    await saver.retry('a');
    expect(saver.status('a')).toBe('saved');
    expect(await storedTitle(base, 'a')).toBe('Kept');
  });
});

describe('errors', () => {
  it('keeps the document on a storage failure and retries on the next change', async () => {
    const { base, probe, saver, events } = setup({ debounceMs: 60_000 });
    probe.failWith(new StorageError('database closed'));
    saver.schedule('a', doc('One'));
    await saver.flush();
    expect(events.at(-1)).toMatchObject({ status: 'error', problem: { code: 'storage', failure: { code: 'failed', detail: 'database closed' } } });
    expect(noticeText({ code: 'save-failed', problem: events.at(-1)!.problem! })).toMatch(/database closed/);
    expect(saver.unsavedDocument('a')?.scenario.title).toBe('One');
    probe.failWith(null);
    saver.schedule('a', doc('Two'));
    await saver.flush();
    expect(saver.status('a')).toBe('saved');
    expect(await storedTitle(base, 'a')).toBe('Two');
  });

  it('a damaged stored copy is refused, not overwritten, until the user discards it', async () => {
    const damaged = '{"kind":"branchpoint-saved",';
    const kv = createMemoryStore({ initial: { [docKey('a')]: damaged } });
    const { repository, saver, events } = setup({ kv, debounceMs: 60_000 });
    saver.schedule('a', doc('Mine'));
    await saver.flush();
    expect(events.at(-1)).toMatchObject({ status: 'refused' });
    saver.schedule('a', doc('Mine, more'));
    await saver.flush();
    expect(await kv.get(docKey('a'))).toBe(damaged);
    expect(saver.unsavedDocument('a')?.scenario.title).toBe('Mine, more');

    expect((await repository.discardCorrupt('a')).status).toBe('discarded');
    await saver.retry('a');
    expect(saver.status('a')).toBe('saved');
    expect(await storedTitle(kv, 'a')).toBe('Mine, more');
  });
});

describe('two tabs', () => {
  async function twoTabs() {
    const kv = createMemoryStore();
    const first = createRepository({ kv, tabId: 'tab-0' });
    await first.saveDocument('shared', doc('Base'), 0);
    const A = setup({ kv, tabId: 'tab-a', debounceMs: 60_000 });
    const B = setup({ kv, tabId: 'tab-b', debounceMs: 60_000 });
    A.saver.track('shared', 1);
    B.saver.track('shared', 1);
    A.saver.schedule('shared', doc('From A'));
    await A.saver.flush();
    B.saver.schedule('shared', doc('From B'));
    await B.saver.flush();
    return { kv, A, B };
  }

  it('the second tab gets a conflict with theirs; nothing is overwritten, later changes are held', async () => {
    const { kv, A, B } = await twoTabs();
    expect(A.saver.status('shared')).toBe('saved');
    const conflict = B.events.at(-1)!;
    expect(conflict.status).toBe('conflict');
    expect(conflict.theirs).toMatchObject({ revision: 2, tabId: 'tab-a' });
    expect(conflict.theirs!.document.scenario.title).toBe('From A');
    expect(await storedTitle(kv, 'shared')).toBe('From A');

    B.saver.schedule('shared', doc('From B, more'));
    await B.saver.flush();
    expect(await storedTitle(kv, 'shared')).toBe('From A');
    expect(B.saver.status('shared')).toBe('conflict');
    expect(B.saver.unsavedDocument('shared')?.scenario.title).toBe('From B, more');
  });

  it('adoptTheirs: returns theirs and mine (to keep as a copy) and rebases', async () => {
    const { kv, B } = await twoTabs();
    const adopted = B.saver.adoptTheirs('shared')!;
    expect(adopted.document.scenario.title).toBe('From A');
    expect(adopted.revision).toBe(2);
    expect(adopted.mine?.scenario.title).toBe('From B');
    expect(B.saver.status('shared')).toBe('saved');
    expect(B.saver.hasUnsaved('shared')).toBe(false);

    // Keep mine as a copy, continue on theirs.
    B.saver.schedule('shared-copy', adopted.mine!);
    B.saver.schedule('shared', doc('From B on top of A'));
    await B.saver.flush();
    expect(await storedTitle(kv, 'shared-copy')).toBe('From B');
    expect(await storedTitle(kv, 'shared')).toBe('From B on top of A');
    expect(B.saver.baseRevision('shared')).toBe(3);
  });

  it('resolveConflictKeepMine: writes mine over theirs on their revision, after the user confirmed', async () => {
    const { kv, B } = await twoTabs();
    const r = await B.saver.resolveConflictKeepMine('shared');
    expect(r).toEqual({ status: 'saved', revision: 3 });
    expect(await storedTitle(kv, 'shared')).toBe('From B');
    expect(B.saver.status('shared')).toBe('saved');
  });

  it('adoptTheirs and resolveConflictKeepMine do nothing without a conflict', async () => {
    const { saver } = setup();
    expect(saver.adoptTheirs('x')).toBeUndefined();
    expect(await saver.resolveConflictKeepMine('x')).toBeUndefined();
  });
});
