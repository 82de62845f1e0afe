/**
 * The IndexedDB store the app runs (lib/persist/kv.ts), against
 * fake-indexeddb: the contract every store keeps, compare-and-set atomic
 * under concurrency, values of any type never treated as absent, quota errors,
 * and reopening after `versionchange` or a forced close. The in-memory double
 * used by the other unit tests (tests/support) is held to the same contract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forceCloseDatabase } from 'fake-indexeddb';
import {
  createIndexedDbStore,
  isQuotaExceeded,
  sameStored,
  storageFailure,
  StorageError,
  StorageQuotaError,
  storedText,
  toStorageError,
  type KeyValueStore,
} from '@/lib/persist/kv';
import { storageFailureText } from '@/lib/messages/persist';
import { createMemoryStore } from '../support/memory-store';
import { deleteDatabase, fakeQuota, IDBFactory, putRaw, upgradeTo } from '../support/fake-idb';

afterEach(() => {
  fakeQuota.maxChars = undefined;
  fakeQuota.sync = false;
});

let dbSeq = 0;
function idb(): { kv: KeyValueStore; factory: IDBFactory; name: string } {
  const factory = new IDBFactory();
  const name = `test-${++dbSeq}`;
  return { kv: createIndexedDbStore(name, { factory }), factory, name };
}

const stores: Array<[string, () => KeyValueStore]> = [
  ['IndexedDB (fake-indexeddb)', () => idb().kv],
  ['memory double', () => createMemoryStore()],
];

describe.each(stores)('%s: the KeyValueStore contract', (_name, make) => {
  it('gets, sets, deletes and lists keys by prefix, sorted', async () => {
    const kv = make();
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
    const kv = make();
    expect(await kv.compareAndSet('k', undefined, 'one')).toBe(true);
    expect(await kv.compareAndSet('k', undefined, 'two')).toBe(false);
    expect(await kv.compareAndSet('k', 'zero', 'two')).toBe(false);
    expect(await kv.get('k')).toBe('one');
    expect(await kv.compareAndSet('k', 'one', 'two')).toBe(true);
    expect(await kv.compareAndSet('k', 'two', undefined)).toBe(true);
    expect(await kv.get('k')).toBeUndefined();
  });

  it('concurrent compareAndSet from one expected value: exactly one wins, and its value is stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 8 }), async (values) => {
        const kv = make();
        await kv.set('k', 'base');
        const results = await Promise.all(values.map((v) => kv.compareAndSet('k', 'base', v)));
        const winners = values.filter((_, i) => results[i]);
        expect(winners).toHaveLength(1);
        expect(await kv.get('k')).toBe(winners[0]);
      }),
      { numRuns: 15 },
    );
  });

  it('read, compare-and-set, retry: concurrent increments never lose an update', async () => {
    const kv = make();
    await kv.set('counter', '0');
    const increment = async () => {
      for (;;) {
        const current = (await kv.get('counter')) as string;
        if (await kv.compareAndSet('counter', current, String(Number(current) + 1))) return;
      }
    };
    await Promise.all(Array.from({ length: 12 }, increment));
    expect(await kv.get('counter')).toBe('12');
  });
});

describe('IndexedDB store: values that are not text', () => {
  it('returns a stored object as it is, and never treats it as absent', async () => {
    const { kv, factory, name } = idb();
    const record = { kind: 'branchpoint-saved', version: 1, nested: { n: 1 } };
    await putRaw(factory, name, 'doc:a', record);
    await putRaw(factory, name, 'doc:null', null);
    expect(await kv.get('doc:a')).toEqual(record);
    expect(await kv.get('doc:null')).toBeNull();
    // The check before overwriting sees it: a write "if absent" is refused.
    expect(await kv.compareAndSet('doc:a', undefined, 'new')).toBe(false);
    expect(await kv.compareAndSet('doc:null', undefined, 'new')).toBe(false);
    expect(await kv.compareAndSet('doc:a', JSON.stringify(record), 'new')).toBe(false);
    expect(await kv.get('doc:a')).toEqual(record);
    // Replaced only by naming it (the same structured value, read earlier).
    expect(await kv.compareAndSet('doc:a', { ...record, nested: { n: 1 } }, 'new')).toBe(true);
    expect(await kv.get('doc:a')).toBe('new');
  });

  it('sameStored and storedText: text byte for byte, other values by their JSON, never throwing', () => {
    expect(sameStored('a', 'a')).toBe(true);
    expect(sameStored('{}', {})).toBe(false);
    expect(sameStored(undefined, null)).toBe(false);
    expect(sameStored({ a: [1] }, { a: [1] })).toBe(true);
    expect(storedText('x\u0000y')).toBe('x\u0000y');
    expect(storedText(null)).toBe('null');
    const cyclic: Record<string, unknown> = { big: 10n, inf: Infinity };
    cyclic.self = cyclic;
    expect(storedText(cyclic)).toBe('{"big":"10","inf":"Infinity","self":"[circular]"}');
  });
});

describe('IndexedDB store: quota', () => {
  it('a write over the quota rejects with StorageQuotaError and changes nothing', async () => {
    const { kv } = idb();
    await kv.set('k', 'small');
    fakeQuota.maxChars = 50;
    await expect(kv.set('k', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
    await expect(kv.compareAndSet('k', 'small', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await kv.get('k')).toBe('small');
    fakeQuota.maxChars = undefined;
    await kv.set('k', 'x'.repeat(100));
    expect(await kv.get('k')).toBe('x'.repeat(100));
  });

  it('a quota error thrown by put itself (inside compare-and-set) is still a quota error, not a bare abort', async () => {
    const { kv } = idb();
    await kv.set('k', 'small');
    fakeQuota.maxChars = 50;
    fakeQuota.sync = true;
    await expect(kv.set('k', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
    await expect(kv.compareAndSet('k', 'small', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await kv.get('k')).toBe('small');
  });
});

describe('IndexedDB store: the connection goes away', () => {
  it('reopens after another tab deletes the database (versionchange)', async () => {
    const { kv, factory, name } = idb();
    await kv.set('k', 'before');
    await deleteDatabase(factory, name);
    expect(await kv.get('k')).toBeUndefined();
    await kv.set('k', 'after');
    expect(await kv.get('k')).toBe('after');
  });

  it('reopens after the browser closes the connection', async () => {
    const factory = new IDBFactory();
    let connection: IDBDatabase | null = null;
    const spy: IDBFactory = Object.assign(Object.create(factory) as IDBFactory, {
      open(dbName: string, version?: number) {
        const req = factory.open(dbName, version);
        req.addEventListener('success', () => (connection = req.result));
        return req;
      },
    });
    const kv = createIndexedDbStore('closing', { factory: spy });
    await kv.set('k', 'v');
    forceCloseDatabase(connection! as unknown as Parameters<typeof forceCloseDatabase>[0]);
    expect(await kv.get('k')).toBe('v');
  });

  it('a database upgraded by a newer Branchpoint is a reason (db-too-new), worded for a person', async () => {
    const { kv, factory, name } = idb();
    await kv.set('k', 'v');
    await upgradeTo(factory, name, 2);
    const error = await kv.get('k').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    const failure = storageFailure(error);
    expect(failure).toEqual({ code: 'db-too-new' });
    const text = storageFailureText(failure);
    expect(text).toMatch(/newer version of Branchpoint/);
    expect(text).not.toMatch(/VersionError/);
  });
});

describe('error mapping', () => {
  it('recognises the quota errors of every browser', () => {
    for (const e of [{ name: 'QuotaExceededError' }, { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, { code: 22 }, { code: 1014 }, new StorageQuotaError()]) {
      expect(isQuotaExceeded(e)).toBe(true);
      expect(toStorageError(e, 'x')).toBeInstanceOf(StorageQuotaError);
      expect(storageFailure(e)).toEqual({ code: 'quota' });
    }
    expect(isQuotaExceeded(new Error('nope'))).toBe(false);
    expect(toStorageError(new Error('disk'), 'writing')).toBeInstanceOf(StorageError);
    expect(storageFailure(new DOMException('x', 'VersionError'))).toEqual({ code: 'db-too-new' });
    expect(storageFailure(new Error('disk'))).toEqual({ code: 'failed', detail: 'Error: disk' });
  });

  it('no IndexedDB at all is "unavailable"', async () => {
    const kv = createIndexedDbStore('x', { factory: undefined });
    const g = globalThis as { indexedDB?: unknown };
    const saved = g.indexedDB;
    delete g.indexedDB;
    try {
      const e = await kv.get('k').catch((err: unknown) => err);
      expect(storageFailure(e)).toEqual({ code: 'unavailable' });
    } finally {
      g.indexedDB = saved;
    }
  });
});
