/**
 * fake-indexeddb for unit tests of the IndexedDB store the app runs: a fresh
 * factory per test, raw access to write values of any type (as another build
 * or an extension would), and a quota that fails writes the way Chromium
 * does: the request errors with a `QuotaExceededError` and the transaction
 * aborts (rolling back everything it wrote).
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';

export { IDBFactory };

interface ExecRequest {
  _execRequestAsync(req: { operation: () => unknown; source: unknown }): IDBRequest;
}

/**
 * Writes over `maxChars` UTF-16 code units fail with QuotaExceededError while set (undefined: no
 * quota): as a failed request (`sync` false, Chromium's way) or thrown by `put` itself (`sync` true).
 */
export const fakeQuota: { maxChars: number | undefined; sync: boolean } = { maxChars: undefined, sync: false };

const proto = FDBObjectStore.prototype as unknown as { put(value: unknown, key?: IDBValidKey): IDBRequest; transaction: unknown };
const originalPut = proto.put;
proto.put = function (this: { transaction: ExecRequest }, value: unknown, key?: IDBValidKey): IDBRequest {
  const limit = fakeQuota.maxChars;
  if (limit !== undefined && typeof value === 'string' && value.length > limit) {
    if (fakeQuota.sync) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return this.transaction._execRequestAsync({
      operation: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      source: this,
    });
  }
  return originalPut.call(this, value, key);
};

/** Opens `dbName` directly (version 1, store "kv") and writes a raw value under `key`. */
export async function putRaw(factory: IDBFactory, dbName: string, key: string, value: unknown, storeName = 'kv'): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(dbName, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(storeName, 'readwrite');
    tx.objectStore(storeName).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

/** Opens `dbName` at `version` (upgrading it, as a newer Branchpoint would) and closes it again. */
export async function upgradeTo(factory: IDBFactory, dbName: string, version: number): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(dbName, version);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains('kv2')) req.result.createObjectStore('kv2');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
}

/** Deletes the database (another tab resetting it); open connections get `versionchange` first. */
export function deleteDatabase(factory: IDBFactory, dbName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}
