/**
 * Base64 and base64url for byte arrays of any size (no `btoa` string limits),
 * with strict decoding: a character outside the alphabet is an error.
 */

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function lookup(): Int16Array {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    t[STD.charCodeAt(i)] = i;
    t[URL.charCodeAt(i)] = i;
  }
  return t;
}
const DECODE = lookup();

/** Encodes bytes; `url` selects the URL-safe alphabet without padding. */
export function bytesToBase64(bytes: Uint8Array, url = false): string {
  const alpha = url ? URL : STD;
  const n = bytes.length;
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += alpha[(v >> 18) & 63]! + alpha[(v >> 12) & 63]! + alpha[(v >> 6) & 63]! + alpha[v & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    chunk += alpha[(v >> 18) & 63]! + alpha[(v >> 12) & 63]!;
    if (i + 1 < n) chunk += alpha[(v >> 6) & 63]!;
    if (!url) chunk += i + 1 < n ? '=' : '==';
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Decodes standard or URL-safe base64 (padding optional; ASCII whitespace
 * ignored). Returns null if any other character appears, the length is
 * impossible, or the last character carries bits that encode nothing.
 */
export function base64ToBytes(text: string): Uint8Array | null {
  const n = text.length;
  const out = new Uint8Array(Math.floor((n * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let pad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === 61) {
      pad++;
      continue;
    }
    if (pad > 0) return null; // data after padding
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 6 || pad > 2) return null; // a single leftover character cannot encode a byte
  // The unused low bits of the last character must be zero (as the encoder writes them), so a
  // changed final character can never decode to the same bytes.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, o);
}
