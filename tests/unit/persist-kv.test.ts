import { describe, expect, it } from 'vitest';
import {
  createLocalStorageStore,
  createMemoryStore,
  isQuotaExceeded,
  StorageError,
  StorageQuotaError,
  toStorageError,
} from '@/lib/persist/kv';
import { measureStores } from '@/lib/persist/measure';
import { encodeSaved } from '@/lib/persist/saved';
import { makeSampleDocument } from '@/lib/persist/sample';

/** A Storage like the browser's, with a localStorage-style quota in UTF-16 code units. */
function fakeStorage(maxChars = Infinity): Storage {
  const data = new Map<string, string>();
  const used = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem(k: string, v: string) {
      const old = data.get(k);
      const next = used() - (old === undefined ? 0 : k.length + old.length) + k.length + v.length;
      if (next > maxChars) {
        const e = new Error("Failed to execute 'setItem' on 'Storage': exceeded the quota.");
        e.name = 'QuotaExceededError';
        throw e;
      }
      data.set(k, String(v));
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
  };
}

describe('memory store', () => {
  it('gets, sets, deletes and lists keys by prefix, sorted', async () => {
    const kv = createMemoryStore();
    await kv.set('doc:b', '2');
    await kv.set('doc:a', '1');
    await kv.set('view:a', 'v');
    expect(await kv.get('doc:a')).toBe('1');
    expect(await kv.get('nope')).toBeUndefined();
    expect(await kv.keys('doc:')).toEqual(['doc:a', 'doc:b']);
    await kv.delete('doc:a');
    expect(await kv.keys('doc:')).toEqual(['doc:b']);
  });

  it('compareAndSet writes only when the current value is the expected one', async () => {
    const kv = createMemoryStore();
    expect(await kv.compareAndSet('k', undefined, 'one')).toBe(true);
    expect(await kv.compareAndSet('k', undefined, 'two')).toBe(false);
    expect(await kv.compareAndSet('k', 'zero', 'two')).toBe(false);
    expect(await kv.get('k')).toBe('one');
    expect(await kv.compareAndSet('k', 'one', 'two')).toBe(true);
    expect(await kv.compareAndSet('k', 'two', undefined)).toBe(true);
    expect(await kv.get('k')).toBeUndefined();
  });

  it('concurrent compareAndSet on the same expected value: exactly one wins', async () => {
    const kv = createMemoryStore({ initial: { k: 'base' } });
    const results = await Promise.all([kv.compareAndSet('k', 'base', 'a'), kv.compareAndSet('k', 'base', 'b')]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('throws StorageQuotaError past the quota and keeps the old value', async () => {
    const kv = createMemoryStore({ quotaBytes: 100 });
    await kv.set('k', 'small');
    await expect(kv.set('k', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
    await expect(kv.compareAndSet('k', 'small', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await kv.get('k')).toBe('small');
    kv.setQuota(undefined);
    await kv.set('k', 'x'.repeat(100));
    expect(kv.usedBytes()).toBe(2 * (1 + 100));
  });
});

describe('localStorage store', () => {
  it('round-trips under a namespace and never lists other keys', async () => {
    const storage = fakeStorage();
    storage.setItem('other-app', 'x');
    const kv = createLocalStorageStore(storage);
    await kv.set('doc:a', '1');
    expect(storage.getItem('branchpoint:doc:a')).toBe('1');
    expect(await kv.keys('')).toEqual(['doc:a']);
    expect(await kv.compareAndSet('doc:a', '1', '2')).toBe(true);
    expect(await kv.get('doc:a')).toBe('2');
  });

  it('maps the browser quota error to StorageQuotaError', async () => {
    const kv = createLocalStorageStore(fakeStorage(50));
    await expect(kv.set('doc:a', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
  });
});

describe('error mapping', () => {
  it('recognises the quota errors of every browser', () => {
    for (const e of [
      { name: 'QuotaExceededError' },
      { name: 'NS_ERROR_DOM_QUOTA_REACHED' },
      { code: 22 },
      { code: 1014 },
      new StorageQuotaError(),
    ]) {
      expect(isQuotaExceeded(e)).toBe(true);
      expect(toStorageError(e, 'x')).toBeInstanceOf(StorageQuotaError);
    }
    expect(isQuotaExceeded(new Error('nope'))).toBe(false);
    expect(toStorageError(new Error('disk'), 'writing')).toBeInstanceOf(StorageError);
  });
});

describe('measureStores', () => {
  it('measures each store and reports a quota failure', async () => {
    const payload = encodeSaved({ revision: 1, savedAt: '2026-11-24T00:00:00.000Z', tabId: 't', document: makeSampleDocument({ nodeCount: 300 }) });
    const results = await measureStores(
      {
        roomy: createMemoryStore(),
        // Like localStorage: 5 M UTF-16 code units; here scaled down below the payload.
        cramped: createMemoryStore({ quotaBytes: payload.length }),
      },
      payload,
      3,
    );
    expect(results.roomy!.ok).toBe(true);
    expect(results.roomy!.runsMs).toHaveLength(3);
    expect(Number.isFinite(results.roomy!.medianMs)).toBe(true);
    expect(results.roomy!.payloadUtf16Bytes).toBe(payload.length * 2);
    expect(results.cramped!.ok).toBe(false);
    expect(results.cramped!.quota).toBe(true);
    expect(results.cramped!.error).toMatch(/StorageQuotaError/);
  });

  it('the annotated 10,000-node sample is larger than localStorage allows (5 M code units)', () => {
    const doc = makeSampleDocument({ nodeCount: 10_000 });
    expect(doc.scenario.nodes).toHaveLength(10_000);
    const text = encodeSaved({ revision: 1, savedAt: '2026-11-24T00:00:00.000Z', tabId: 't', document: doc });
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
  });
});
