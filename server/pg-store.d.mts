// Types for server/pg-store.mjs (rooms in PostgreSQL).
export interface PgStore {
  init(): Promise<unknown>;
  fetch(name: string): Promise<Uint8Array | null>;
  store(name: string, state: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
export declare function createPgStore(url: string, options?: { table?: string; max?: number }): PgStore;
