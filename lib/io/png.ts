/**
 * Snapshots inside PNG exports: an uncompressed `iTXt` chunk with keyword
 * `branchpoint-snapshot`, placed just before `IEND`. The picture stays a
 * normal PNG; Branchpoint can read the scenario back out of it.
 *
 * Parsing checks the signature and every chunk length against the buffer
 * (no over-reads), verifies the CRC of our chunk, and caps the text size.
 * Refusals are codes (lib/io/embedded.ts); words: lib/messages/image.ts.
 */
import { DEFAULT_MAX_BYTES } from './safe-json';
import type { ImportOptions, ImportResult } from './snapshot';
import { decodeEmbedded, guardImage, importEmbedded, refuseImage, type ImageExtractResult, type ImageRefusal } from './embedded';

export const PNG_SIGNATURE: readonly number[] = [137, 80, 78, 71, 13, 10, 26, 10];
export const PNG_SNAPSHOT_KEYWORD = 'branchpoint-snapshot';

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  /** Offset of the chunk's data. */
  dataOffset: number;
  length: number;
}

export type PngChunksResult = { ok: true; chunks: PngChunk[] } | ImageRefusal;
export type PngEmbedResult = { ok: true; png: Uint8Array } | ImageRefusal;
export type PngExtractResult = ImageExtractResult;

let CRC_TABLE: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (CRC_TABLE) return CRC_TABLE;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  CRC_TABLE = t;
  return t;
}

/** CRC-32 (ISO 3309, as used by PNG) of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Lists the chunks up to and including IEND, checking every length against the buffer. */
export function readPngChunks(png: Uint8Array): PngChunksResult {
  if (!(png instanceof Uint8Array)) return refuseImage({ code: 'unreadable' });
  if (png.length < 8) return refuseImage({ code: 'png-too-short' });
  for (let i = 0; i < 8; i++) {
    if (png[i] !== PNG_SIGNATURE[i]) return refuseImage({ code: 'png-bad-signature' });
  }
  const chunks: PngChunk[] = [];
  let pos = 8;
  for (;;) {
    if (pos + 12 > png.length) return refuseImage({ code: 'png-truncated' });
    const length = readU32(png, pos);
    if (length > 0x7fffffff) return refuseImage({ code: 'png-chunk-impossible-length', at: pos });
    if (pos + 12 + length > png.length) {
      return refuseImage({ code: 'png-chunk-past-end', at: pos });
    }
    const a = png[pos + 4]!, b = png[pos + 5]!, c = png[pos + 6]!, d = png[pos + 7]!;
    if (!isLetter(a) || !isLetter(b) || !isLetter(c) || !isLetter(d)) {
      return refuseImage({ code: 'png-chunk-bad-type', at: pos });
    }
    const type = String.fromCharCode(a, b, c, d);
    chunks.push({ type, offset: pos, dataOffset: pos + 8, length });
    pos += 12 + length;
    if (type === 'IEND') return { ok: true, chunks };
  }
}

const KEYWORD_BYTES = new TextEncoder().encode(PNG_SNAPSHOT_KEYWORD);

function isOurTextChunk(png: Uint8Array, chunk: PngChunk): boolean {
  if (chunk.type !== 'iTXt' && chunk.type !== 'tEXt' && chunk.type !== 'zTXt') return false;
  if (chunk.length < KEYWORD_BYTES.length + 1) return false;
  for (let i = 0; i < KEYWORD_BYTES.length; i++) if (png[chunk.dataOffset + i] !== KEYWORD_BYTES[i]) return false;
  return png[chunk.dataOffset + KEYWORD_BYTES.length] === 0;
}

/** Builds a complete chunk: length, type, data, CRC over type + data. */
export function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i) & 0xff;
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * Returns a copy of `png` with the snapshot in an `iTXt` chunk before IEND
 * (replacing any snapshot chunk already there).
 */
export function embedSnapshotInPng(png: Uint8Array, snapshotJson: string): PngEmbedResult {
  const parsed = readPngChunks(png);
  if (!parsed.ok) return parsed;
  const text = new TextEncoder().encode(snapshotJson);
  // keyword \0 compression-flag compression-method language-tag \0 translated-keyword \0 text
  const data = new Uint8Array(KEYWORD_BYTES.length + 5 + text.length);
  data.set(KEYWORD_BYTES, 0);
  let o = KEYWORD_BYTES.length;
  data[o++] = 0; // keyword terminator
  data[o++] = 0; // not compressed
  data[o++] = 0; // compression method
  data[o++] = 0; // empty language tag
  data[o++] = 0; // empty translated keyword
  data.set(text, o);
  const ours = makeChunk('iTXt', data);

  const keep = parsed.chunks.filter((c) => !isOurTextChunk(png, c));
  let size = 8 + ours.length;
  for (const c of keep) size += 12 + c.length;
  const out = new Uint8Array(size);
  out.set(png.subarray(0, 8), 0);
  let w = 8;
  for (const c of keep) {
    if (c.type === 'IEND') {
      out.set(ours, w);
      w += ours.length;
    }
    out.set(png.subarray(c.offset, c.offset + 12 + c.length), w);
    w += 12 + c.length;
  }
  return { ok: true, png: out };
}

/** Finds the snapshot text in a PNG. Never throws. */
export function extractSnapshotFromPng(png: Uint8Array, options: { maxBytes?: number } = {}): PngExtractResult {
  return guardImage(() => {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const parsed = readPngChunks(png);
    if (!parsed.ok) return parsed;
    const chunk = parsed.chunks.find((c) => isOurTextChunk(png, c));
    if (!chunk) return refuseImage({ code: 'no-scenario', format: 'PNG' });
    if (chunk.type !== 'iTXt') return refuseImage({ code: 'png-unread-form', chunkType: chunk.type });
    const end = chunk.dataOffset + chunk.length;
    if (readU32(png, end) !== crc32(png, chunk.offset + 4, end)) return refuseImage({ code: 'checksum-mismatch', format: 'PNG' });
    let p = chunk.dataOffset + KEYWORD_BYTES.length + 1;
    if (p + 2 > end) return refuseImage({ code: 'png-header-cut' });
    const compressed = png[p]!;
    p += 2;
    if (compressed !== 0) return refuseImage({ code: 'png-compressed' });
    for (let field = 0; field < 2; field++) {
      while (p < end && png[p] !== 0) p++;
      if (p >= end) return refuseImage({ code: 'png-header-cut' });
      p++;
    }
    return decodeEmbedded('PNG', png.subarray(p, end), maxBytes);
  });
}

/** Extracts and imports the snapshot in a PNG. Never throws. */
export function importSnapshotFromPng(png: Uint8Array, options: ImportOptions = {}): ImportResult {
  return importEmbedded(extractSnapshotFromPng(png, options), options);
}
