/**
 * Measures candidate stores with a real payload (the saved record of an
 * annotated 10,000-node scenario), so the choice between localStorage and
 * IndexedDB rests on numbers from the browser, not on folklore. Called from a
 * Playwright spec in Chromium; unit-tested against memory stores.
 */
import { isQuotaExceeded, type KeyValueStore } from '@/lib/persist/kv';

export interface StoreMeasurement {
  /** Every run wrote the payload and read back exactly the same text. */
  ok: boolean;
  /** Why not, e.g. "StorageQuotaError: Browser storage is full (…)". */
  error?: string;
  /** The failure was the browser's storage quota. */
  quota?: boolean;
  /** Median of write + read-back, in milliseconds (NaN if no run succeeded). */
  medianMs: number;
  medianWriteMs: number;
  medianReadMs: number;
  /** Each successful run's write + read time. */
  runsMs: number[];
  /** Payload size in bytes as UTF-16 (what localStorage counts) and as UTF-8. */
  payloadUtf16Bytes: number;
  payloadUtf8Bytes: number;
}

export const MEASURE_KEY = 'measure:payload';

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const clock = (): number =>
  typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now();

function utf8Length(s: string): number {
  if (typeof TextEncoder !== 'undefined') return new TextEncoder().encode(s).length;
  return s.length;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * For each store: `runs` times write `payload` under a scratch key, read it
 * back and compare; then delete the key. Stops a store at its first failure.
 * Stores are measured one after the other, never concurrently.
 */
export async function measureStores(
  stores: Record<string, KeyValueStore>,
  payload: string,
  runs = 5,
): Promise<Record<string, StoreMeasurement>> {
  const out: Record<string, StoreMeasurement> = {};
  const payloadUtf16Bytes = payload.length * 2;
  const payloadUtf8Bytes = utf8Length(payload);
  for (const [name, store] of Object.entries(stores)) {
    const writes: number[] = [];
    const reads: number[] = [];
    const totals: number[] = [];
    let error: string | undefined;
    let quota = false;
    for (let i = 0; i < runs; i++) {
      try {
        // Vary the payload per run so no store can skip an identical write.
        const value = i === 0 ? payload : `${payload.slice(0, -1)}${String.fromCharCode(32 + (i % 64))}`;
        const t0 = clock();
        await store.set(MEASURE_KEY, value);
        const t1 = clock();
        const back = await store.get(MEASURE_KEY);
        const t2 = clock();
        if (back !== value) {
          error = back === undefined ? 'the value was not there when read back' : 'the value read back differs from the value written';
          break;
        }
        writes.push(t1 - t0);
        reads.push(t2 - t1);
        totals.push(t2 - t0);
      } catch (e) {
        error = describe(e);
        quota = isQuotaExceeded(e);
        break;
      }
    }
    try {
      await store.delete(MEASURE_KEY);
    } catch {
      // best effort
    }
    out[name] = {
      ok: error === undefined && totals.length === runs,
      ...(error !== undefined ? { error, quota } : {}),
      medianMs: median(totals),
      medianWriteMs: median(writes),
      medianReadMs: median(reads),
      runsMs: totals,
      payloadUtf16Bytes,
      payloadUtf8Bytes,
    };
  }
  return out;
}
