/** The storage measurement behind the choice of IndexedDB (app/bench/storage). */
import { describe, expect, it } from 'vitest';
import { StorageQuotaError } from '@/lib/persist/kv';
import { encodeSaved } from '@/lib/persist/saved';
import { makeSampleDocument } from '@/lib/gen/sample-document';
import { measureStores } from '@/app/bench/storage/measure';
import { createLocalStorageStore } from '@/app/bench/storage/local-storage-store';
import { createMemoryStore } from '../support/memory-store';
import { LocalStorageDouble } from '../support/local-storage';

describe('localStorage store (measurement only)', () => {
  it('round-trips under a namespace and never lists other keys', async () => {
    const storage = new LocalStorageDouble();
    storage.setItem('other-app', 'x');
    const kv = createLocalStorageStore(storage);
    await kv.set('doc:a', '1');
    expect(storage.getItem('branchpoint:doc:a')).toBe('1');
    expect(await kv.keys('')).toEqual(['doc:a']);
    expect(await kv.compareAndSet('doc:a', '1', '2')).toBe(true);
    expect(await kv.compareAndSet('doc:a', '1', '3')).toBe(false);
    expect(await kv.get('doc:a')).toBe('2');
  });

  it('maps the browser quota error to StorageQuotaError', async () => {
    const kv = createLocalStorageStore(new LocalStorageDouble(100));
    await expect(kv.set('doc:a', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
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
