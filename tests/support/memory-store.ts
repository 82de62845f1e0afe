/**
 * An in-memory `KeyValueStore` for unit tests, with an optional quota. It
 * holds whatever it is given, like IndexedDB: `put` stores a value of any
 * type (an object, `null`, a number), as another build, an extension or a
 * crash can leave in the browser's store.
 */
import { sameStored, storedText, StorageQuotaError, type KeyValueStore } from '@/lib/persist/kv';

export interface MemoryStore extends KeyValueStore {
  /** Bytes in use: 2 per UTF-16 code unit of every key and value (as localStorage counts). */
  usedBytes(): number;
  /** Changes the quota (undefined: unlimited). */
  setQuota(quotaBytes: number | undefined): void;
  /** A copy of the contents, for assertions. */
  snapshot(): Map<string, unknown>;
  /** Stores any value as is (bypassing the quota), like a foreign writer would. */
  put(key: string, value: unknown): void;
}

export function createMemoryStore(options: { quotaBytes?: number; initial?: Record<string, unknown> } = {}): MemoryStore {
  const data = new Map<string, unknown>(Object.entries(options.initial ?? {}));
  let quota = options.quotaBytes;
  const size = (key: string, value: unknown) => 2 * (key.length + storedText(value).length);
  let used = 0;
  for (const [k, v] of data) used += size(k, v);
  // Every operation yields once, so concurrent callers interleave as they would with a real store.
  const tick = () => Promise.resolve().then(() => undefined);

  const write = (key: string, value: unknown, checkQuota = true) => {
    const old = data.get(key);
    const before = data.has(key) ? size(key, old) : 0;
    if (value === undefined) {
      data.delete(key);
      used -= before;
      return;
    }
    const after = size(key, value);
    if (checkQuota && quota !== undefined && used - before + after > quota) {
      throw new StorageQuotaError(`Browser storage is full (writing "${key}").`);
    }
    data.set(key, value);
    used += after - before;
  };

  return {
    async get(key) {
      await tick();
      return data.get(key);
    },
    async set(key, value) {
      await tick();
      write(key, value);
    },
    async delete(key) {
      await tick();
      write(key, undefined);
    },
    async keys(prefix) {
      await tick();
      return [...data.keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    async compareAndSet(key, expected, value) {
      await tick();
      if (!sameStored(data.get(key), expected)) return false;
      write(key, value);
      return true;
    },
    usedBytes: () => used,
    setQuota(q) {
      quota = q;
    },
    snapshot: () => new Map(data),
    put(key, value) {
      write(key, value, false);
    },
  };
}
