/**
 * A `Storage` that behaves like the browser's localStorage where it matters
 * to the stash: values are coerced to text (`setItem('k', null)` stores
 * "null"), `getItem` of an absent key is `null`, keys are enumerable by index,
 * and a quota (2 bytes per UTF-16 code unit of keys and values, as Chromium
 * counts) makes `setItem` throw a `QuotaExceededError` DOMException.
 */
export class LocalStorageDouble implements Storage {
  private readonly data = new Map<string, string>();
  constructor(private quotaBytes: number | undefined = undefined) {}

  get length(): number {
    return this.data.size;
  }
  setQuota(quotaBytes: number | undefined): void {
    this.quotaBytes = quotaBytes;
  }
  usedBytes(): number {
    let n = 0;
    for (const [k, v] of this.data) n += 2 * (k.length + v.length);
    return n;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.data.get(String(key)) ?? null;
  }
  setItem(key: string, value: string): void {
    const k = String(key);
    const v = String(value);
    const old = this.data.get(k);
    const next = this.usedBytes() - (old === undefined ? 0 : 2 * (k.length + old.length)) + 2 * (k.length + v.length);
    if (this.quotaBytes !== undefined && next > this.quotaBytes) {
      throw new DOMException(`Setting the value of '${k}' exceeded the quota.`, 'QuotaExceededError');
    }
    this.data.set(k, v);
  }
  removeItem(key: string): void {
    this.data.delete(String(key));
  }
  clear(): void {
    this.data.clear();
  }
  [name: string]: unknown;
}
