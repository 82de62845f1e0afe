/**
 * A tiny asynchronous key-value store, the only thing persistence touches.
 * Three implementations:
 *
 * - `createIndexedDbStore()`: the one the app uses (IndexedDB, one object
 *   store, every operation awaited until its transaction completes).
 * - `createLocalStorageStore(storage)`: kept for measurement and comparison;
 *   localStorage is capped at about 5 MB per origin (10 M UTF-16 code units
 *   in Chromium) and blocks the main thread on every write.
 * - `createMemoryStore({ quotaBytes })`: for tests, with an optional quota.
 *
 * Values are strings (the JSON text of a record), so a backup is a
 * byte-for-byte copy and every store can be measured with the same payload.
 *
 * `compareAndSet` is what makes two tabs safe: it reads and writes in one
 * IndexedDB transaction, so a second tab cannot slip a write in between the
 * revision check and the write.
 */

export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** Throws `StorageQuotaError` when storage is full, `StorageError` on other failures. */
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
  /**
   * Atomically: if the current value of `key` is `expected` (undefined: the
   * key is absent), replace it with `value` (undefined: delete the key) and
   * return true; otherwise change nothing and return false.
   */
  compareAndSet(key: string, expected: string | undefined, value: string | undefined): Promise<boolean>;
}

/** Storage is full. The write did not happen. */
export class StorageQuotaError extends Error {
  override readonly name = 'StorageQuotaError';
  constructor(message = 'Browser storage is full.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Any other storage failure (storage disabled, database blocked or closed, I/O error). */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for the quota errors browsers throw (Chromium/WebKit/Firefox spellings and legacy codes). */
export function isQuotaExceeded(error: unknown): boolean {
  if (error instanceof StorageQuotaError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown };
  return (
    e.name === 'QuotaExceededError' ||
    e.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    e.code === 22 ||
    e.code === 1014
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null && 'name' in error) return String((error as { name: unknown }).name);
  return String(error);
}

/** Converts a browser error to `StorageQuotaError` or `StorageError`. */
export function toStorageError(error: unknown, what: string): StorageQuotaError | StorageError {
  if (error instanceof StorageQuotaError || error instanceof StorageError) return error;
  if (isQuotaExceeded(error)) return new StorageQuotaError(`Browser storage is full (${what}).`, { cause: error });
  return new StorageError(`Storage failed (${what}): ${describeError(error)}`, { cause: error });
}

/** The end of the key range for a prefix ("\uffff" sorts after every character a key uses). */
const PREFIX_END = '\uffff';

// ---------------------------------------------------------------------------
// IndexedDB

export interface IndexedDbStoreOptions {
  /** The object store's name inside the database. */
  storeName?: string;
  /**
   * Transaction durability for writes. Browsers' default ("relaxed" in
   * Chromium) survives a browser restart; "strict" also waits for the disk
   * flush, surviving an OS crash, at a cost in latency.
   */
  durability?: 'default' | 'strict' | 'relaxed';
  /** For tests or unusual hosts; defaults to the global `indexedDB`. */
  factory?: IDBFactory;
}

export function createIndexedDbStore(dbName = 'branchpoint', options: IndexedDbStoreOptions = {}): KeyValueStore {
  const storeName = options.storeName ?? 'kv';
  const durability = options.durability ?? 'default';
  let opening: Promise<IDBDatabase> | null = null;

  const open = (): Promise<IDBDatabase> => {
    if (opening) return opening;
    const factory = options.factory ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
    if (!factory) return Promise.reject(new StorageError('IndexedDB is not available in this browser (or it is disabled).'));
    const p = new Promise<IDBDatabase>((resolve, reject) => {
      let req: IDBOpenDBRequest;
      try {
        req = factory.open(dbName, 1);
      } catch (error) {
        reject(toStorageError(error, 'opening the database'));
        return;
      }
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(storeName)) db.createObjectStore(storeName);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab (a newer version of the app) wants to upgrade: let it.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        db.onclose = () => {
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(toStorageError(req.error, 'opening the database'));
      req.onblocked = () => {
        // An old connection in another tab is open; onsuccess follows once it closes.
      };
    });
    opening = p;
    // A failed open is retried on the next call.
    p.catch(() => {
      if (opening === p) opening = null;
    });
    return p;
  };

  /**
   * Runs `body` in a transaction and resolves with its result once the
   * transaction has completed (not merely when the request succeeded), so a
   * resolved write is committed and a quota failure, which surfaces as an
   * abort, is reported.
   */
  const run = async <T>(mode: IDBTransactionMode, what: string, body: (store: IDBObjectStore, done: (value: T) => void) => void): Promise<T> => {
    const db = await open();
    return new Promise<T>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = mode === 'readwrite' && durability !== 'default' ? db.transaction(storeName, mode, { durability }) : db.transaction(storeName, mode);
      } catch (error) {
        // The connection was closed under us (versionchange): reopen next time.
        opening = null;
        reject(toStorageError(error, what));
        return;
      }
      let result: T | undefined;
      let hasResult = false;
      tx.oncomplete = () => {
        if (hasResult) resolve(result as T);
        else reject(new StorageError(`Storage failed (${what}): the transaction ended without a result.`));
      };
      tx.onabort = () => reject(toStorageError(tx.error ?? new Error('transaction aborted'), what));
      // A failed request aborts the transaction (its default action); onabort reports it.
      try {
        body(tx.objectStore(storeName), (value) => {
          result = value;
          hasResult = true;
        });
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // already finished
        }
        reject(toStorageError(error, what));
      }
    });
  };

  return {
    get: (key) =>
      run<string | undefined>('readonly', `reading "${key}"`, (store, done) => {
        const req = store.get(key);
        req.onsuccess = () => done(typeof req.result === 'string' ? req.result : undefined);
      }),
    set: (key, value) =>
      run<void>('readwrite', `writing "${key}"`, (store, done) => {
        const req = store.put(value, key);
        req.onsuccess = () => done(undefined);
      }),
    delete: (key) =>
      run<void>('readwrite', `deleting "${key}"`, (store, done) => {
        const req = store.delete(key);
        req.onsuccess = () => done(undefined);
      }),
    keys: (prefix) =>
      run<string[]>('readonly', 'listing keys', (store, done) => {
        const req = store.getAllKeys(IDBKeyRange.bound(prefix, prefix + PREFIX_END));
        req.onsuccess = () => {
          const keys: string[] = [];
          for (const k of req.result) if (typeof k === 'string' && k.startsWith(prefix)) keys.push(k);
          done(keys.sort());
        };
      }),
    compareAndSet: (key, expected, value) =>
      run<boolean>('readwrite', `writing "${key}"`, (store, done) => {
        const req = store.get(key);
        req.onsuccess = () => {
          const current = typeof req.result === 'string' ? req.result : undefined;
          if (current !== expected) {
            done(false);
            return;
          }
          const write = value === undefined ? store.delete(key) : store.put(value, key);
          write.onsuccess = () => done(true);
        };
      }),
  };
}

// ---------------------------------------------------------------------------
// localStorage (for measurement and comparison)

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
        if (read(key) !== expected) return false;
        if (value === undefined) storage.removeItem(namespace + key);
        else storage.setItem(namespace + key, value);
        return true;
      }),
  };
}

// ---------------------------------------------------------------------------
// Memory (tests)

export interface MemoryStore extends KeyValueStore {
  /** Bytes in use: 2 per UTF-16 code unit of every key and value (as localStorage counts). */
  usedBytes(): number;
  /** Changes the quota (undefined: unlimited). */
  setQuota(quotaBytes: number | undefined): void;
  /** A copy of the contents, for assertions. */
  snapshot(): Map<string, string>;
}

export function createMemoryStore(options: { quotaBytes?: number; initial?: Record<string, string> } = {}): MemoryStore {
  const data = new Map<string, string>(Object.entries(options.initial ?? {}));
  let quota = options.quotaBytes;
  const size = (key: string, value: string) => 2 * (key.length + value.length);
  let used = 0;
  for (const [k, v] of data) used += size(k, v);
  // Every operation yields once, so concurrent callers interleave as they would with a real store.
  const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  const write = (key: string, value: string | undefined) => {
    const old = data.get(key);
    const before = old === undefined ? 0 : size(key, old);
    if (value === undefined) {
      data.delete(key);
      used -= before;
      return;
    }
    const after = size(key, value);
    if (quota !== undefined && used - before + after > quota) {
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
      if (data.get(key) !== expected) return false;
      write(key, value);
      return true;
    },
    usedBytes: () => used,
    setQuota(q) {
      quota = q;
    },
    snapshot: () => new Map(data),
  };
}
