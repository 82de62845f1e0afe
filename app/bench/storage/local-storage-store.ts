/**
 * A `KeyValueStore` over localStorage, kept only to measure the choice of
 * IndexedDB (see measure.ts and the storage measurement page): localStorage
 * is capped at about 5 MB per origin (10 M UTF-16 code units in Chromium) and
 * blocks the main thread on every write.
 */
import { sameStored, toStorageError, type KeyValueStore } from '@/lib/persist/kv';

/**
 * Wraps a `Storage` (window.localStorage). Keys are namespaced so other code
 * on the origin is never listed or touched.
 */
export function createLocalStorageStore(storage: Storage, namespace = 'branchpoint:'): KeyValueStore {
  const wrap = <T>(what: string, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(toStorageError(error, what));
    }
  };
  const read = (key: string): string | undefined => storage.getItem(namespace + key) ?? undefined;
  return {
    get: (key) => wrap(`reading "${key}"`, () => read(key)),
    set: (key, value) => wrap(`writing "${key}"`, () => storage.setItem(namespace + key, value)),
    delete: (key) => wrap(`deleting "${key}"`, () => storage.removeItem(namespace + key)),
    keys: (prefix) =>
      wrap('listing keys', () => {
        const out: string[] = [];
        const full = namespace + prefix;
        for (let i = 0; i < storage.length; i++) {
          const k = storage.key(i);
          if (k !== null && k.startsWith(full)) out.push(k.slice(namespace.length));
        }
        return out.sort();
      }),
    // localStorage is synchronous, so nothing interleaves between the read and the write within a tab.
    compareAndSet: (key, expected, value) =>
      wrap(`writing "${key}"`, () => {
        if (!sameStored(read(key), expected)) return false;
        if (value === undefined) storage.removeItem(namespace + key);
        else storage.setItem(namespace + key, value);
        return true;
      }),
  };
}

