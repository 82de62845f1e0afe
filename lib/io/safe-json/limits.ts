/**
 * The limits of untrusted JSON, checked before `JSON.parse`: size in UTF-8
 * bytes and nesting depth (a string-aware pre-scan that also keeps number
 * literals too large for a double, whose text is gone once parsed).
 */

export interface SafeJsonOptions {
  /** UTF-8 size limit in bytes. Default 10 MB. */
  maxBytes?: number;
  /** Deepest allowed nesting of objects and arrays. Default 200. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 200;

const SLICE = 1 << 16;
let scratch: Uint8Array | null = null;
let encoder: TextEncoder | null = null;

/**
 * Size of `text` in UTF-8 bytes (as TextEncoder would write it), encoding
 * slice by slice into a small reusable buffer rather than allocating a copy.
 */
export function utf8ByteLength(text: string): number {
  encoder ??= new TextEncoder();
  scratch ??= new Uint8Array(SLICE * 3);
  let bytes = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    let end = Math.min(i + SLICE, n);
    // Never split a surrogate pair between slices.
    const last = text.charCodeAt(end - 1);
    if (end < n && last >= 0xd800 && last <= 0xdbff) end--;
    bytes += encoder.encodeInto(text.slice(i, end), scratch).written;
    i = end;
  }
  return bytes;
}

/**
 * Null when `text` fits in `maxBytes` UTF-8 bytes; otherwise its size, or
 * null size when it is more than four times the limit (not worth measuring).
 */
export function oversize(text: string, maxBytes: number): { bytes: number | null } | null {
  // Every UTF-16 unit is at least one UTF-8 byte, and at most three.
  if (text.length <= maxBytes && (text.length * 3 <= maxBytes || utf8ByteLength(text) <= maxBytes)) return null;
  return { bytes: text.length > maxBytes * 4 ? null : utf8ByteLength(text) };
}

export interface PreScan {
  /** Offset of the bracket that goes deeper than the limit, or -1. */
  tooDeepAt: number;
  /** Number literals that do not fit in a double, in document order. */
  hugeNumbers: string[];
}

/** Nesting depth (brackets inside strings ignored) and number literals out of range, in one pass. */
export function preScan(text: string, maxDepth: number): PreScan {
  const hugeNumbers: string[] = [];
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: jump to the next quote (native search) and accept it
      // if an even number of backslashes precede it.
      const open = i;
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          i = n;
          break;
        }
        let slashes = 0;
        for (let b = q - 1; b > open && text.charCodeAt(b) === 92; b--) slashes++;
        if ((slashes & 1) === 0) {
          i = q;
          break;
        }
        from = q + 1;
      }
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth > maxDepth) return { tooDeepAt: i, hugeNumbers };
    } else if (c === 125 || c === 93) {
      depth--;
    } else if ((c >= 48 && c <= 57) || c === 45) {
      let j = i + 1;
      let exp = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 43 || d === 45) j++;
        else if (d === 101 || d === 69) {
          exp = true;
          j++;
        } else break;
      }
      if ((exp || j - i > 300) && hugeNumbers.length < 100) {
        const token = text.slice(i, j);
        if (!Number.isFinite(Number(token))) hugeNumbers.push(token);
      }
      i = j - 1;
    }
  }
  return { tooDeepAt: -1, hugeNumbers };
}
