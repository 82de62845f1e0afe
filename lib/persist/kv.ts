/**
 * A tiny asynchronous key-value store, the only thing persistence touches.
 * `createIndexedDbStore()` is the one the app runs (IndexedDB, one object
 * store, every operation awaited until its transaction completes). Test
 * doubles live in tests/support; the localStorage store used to measure the
 * choice lives with the measurement page (app/bench/storage).
 *
 * This app writes strings (the JSON text of a record), but a store may hold
 * anything another build, an extension or a crash left there: `get` returns
 * whatever is stored, as is, and every reader passes it through one intake
 * (lib/persist/intake.ts). Nothing here treats an unexpected value as absent.
 *
 * `compareAndSet` is what makes two tabs safe: it reads and writes in one
 * IndexedDB transaction, so a second tab cannot slip a write in between the
 * revision check and the write.
 */

import type { StorageFailure } from './reasons';

export interface KeyValueStore {
  /** The stored value as is (any type), or undefined when the key is absent. */
  get(key: string): Promise<unknown>;
  /** Throws `StorageQuotaError` when storage is full, `StorageError` on other failures. */
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
  /**
   * Atomically: if the current value of `key` is the same as `expected`
   * (`sameStored`; undefined: the key is absent), replace it with `value`
   * (undefined: delete the key) and return true; otherwise change nothing and
   * return false. A value of any other type is present, never "absent".
   */
  compareAndSet(key: string, expected: unknown, value: string | undefined): Promise<boolean>;
}

/**
 * A stored value as text: strings as they are (byte for byte), anything else
 * as JSON (what a backup keeps and what the user downloads). Never throws.
 */
export function storedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  const seen = new WeakSet<object>();
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
    return text ?? String(value);
  } catch {
    return String(value);
  }
}

/** True when two stored values are the same: strings by identity of text, other values by their `storedText`. */
export function sameStored(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || typeof a === 'string' || typeof b === 'string') return false;
  return storedText(a) === storedText(b);
}

/** Storage is full. The write did not happen. */
export class StorageQuotaError extends Error {
  override readonly name = 'StorageQuotaError';
  readonly failure: StorageFailure = { code: 'quota' };
  constructor(message = 'Browser storage is full.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Any other storage failure (storage disabled, database blocked, closed or newer, I/O error). */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly failure: StorageFailure;
  constructor(message: string, options?: { cause?: unknown; failure?: StorageFailure }) {
    super(message, options);
    this.failure = options?.failure ?? { code: 'failed', detail: message };
  }
}

/** The reason behind any thrown storage error. */
export function storageFailure(error: unknown): StorageFailure {
  if (error instanceof StorageQuotaError || error instanceof StorageError) return error.failure;
  if (isQuotaExceeded(error)) return { code: 'quota' };
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'VersionError') return { code: 'db-too-new' };
  return { code: 'failed', detail: describeError(error) };
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
  return new StorageError(`Storage failed (${what}): ${describeError(error)}`, { cause: error, failure: storageFailure(error) });
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
    if (!factory) {
      return Promise.reject(new StorageError('IndexedDB is not available in this browser (or it is disabled).', { failure: { code: 'unavailable' } }));
    }
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
  const run = async <T>(
    mode: IDBTransactionMode,
    what: string,
    body: (store: IDBObjectStore, done: (value: T) => void, guard: (step: () => void) => void) => void,
  ): Promise<T> => {
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
      /** An error thrown by a request made inside a callback (the abort that follows only says AbortError). */
      let thrown: unknown;
      tx.oncomplete = () => {
        if (hasResult) resolve(result as T);
        else reject(new StorageError(`Storage failed (${what}): the transaction ended without a result.`));
      };
      tx.onabort = () => reject(toStorageError(thrown ?? tx.error ?? new Error('transaction aborted'), what));
      /** Runs a step of a callback; if it throws, the transaction is aborted and that error reported. */
      const guard = (step: () => void) => {
        try {
          step();
        } catch (error) {
          thrown = error;
          try {
            tx.abort();
          } catch {
            reject(toStorageError(error, what));
          }
        }
      };
      // A failed request aborts the transaction (its default action); onabort reports it.
      try {
        body(
          tx.objectStore(storeName),
          (value) => {
            result = value;
            hasResult = true;
          },
          guard,
        );
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
      run<unknown>('readonly', `reading "${key}"`, (store, done) => {
        const req = store.get(key);
        req.onsuccess = () => done(req.result as unknown);
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
      run<boolean>('readwrite', `writing "${key}"`, (store, done, guard) => {
        const req = store.get(key);
        req.onsuccess = () =>
          guard(() => {
            if (!sameStored(req.result as unknown, expected)) {
              done(false);
              return;
            }
            const write = value === undefined ? store.delete(key) : store.put(value, key);
            write.onsuccess = () => done(true);
          });
      }),
  };
}
