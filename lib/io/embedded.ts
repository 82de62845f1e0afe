/**
 * What PNG and SVG exports share once the snapshot's bytes are found: the
 * size limit, strict UTF-8 decoding, the never-throw guard and the import.
 *
 * Refusals are codes with their facts (`ImageReason`); the words are in
 * lib/messages/image.ts.
 */
import { importSnapshotText, type ImportOptions, type ImportResult } from './snapshot';

export type ImageFormat = 'PNG' | 'SVG';

/** Codes that carry no facts: what they name is the whole story. */
export type PlainImageCode =
  /** Not bytes (PNG) or not text (SVG) at all. */
  | 'unreadable'
  /** Not a PNG: too short for the signature, or the signature is wrong. */
  | 'png-too-short' | 'png-bad-signature'
  /** The PNG ends in the middle of a chunk header. */
  | 'png-truncated'
  /** Our iTXt chunk: its header is cut short, or its text is compressed. */
  | 'png-header-cut' | 'png-compressed'
  /** No root `<svg>` tag, or it is never closed. */
  | 'svg-no-element' | 'svg-tag-unclosed'
  /** Our `<metadata>`: a tag without a valid `data-crc32`, or a payload that is not base64. */
  | 'svg-checksum-missing' | 'svg-not-base64';

/** Why a picture was refused, or why no scenario could be read out of it. */
export type ImageReason =
  | { code: PlainImageCode }
  /** A PNG chunk starting at byte `at` claims a length over 2³¹, runs past the end, or has a type that is not four letters. */
  | { code: 'png-chunk-impossible-length' | 'png-chunk-past-end' | 'png-chunk-bad-type'; at: number }
  /** Our keyword, but in a `tEXt` or `zTXt` chunk. */
  | { code: 'png-unread-form'; chunkType: string }
  /** No snapshot in the picture; its checksum does not match; its bytes are not UTF-8. */
  | { code: 'no-scenario' | 'checksum-mismatch' | 'not-utf8'; format: ImageFormat }
  /** `bytes` found, or estimated from the encoded length when `approximate`. */
  | { code: 'too-large'; format: ImageFormat; bytes: number; approximate: boolean; maxBytes: number }
  | { code: 'unexpected'; detail: string };

export type ImageRefusal = { ok: false; reason: ImageReason };
export type ImageExtractResult = { ok: true; text: string } | ImageRefusal;

export function refuseImage(reason: ImageReason): ImageRefusal {
  return { ok: false, reason };
}

/**
 * The snapshot's text from its bytes: the size limit first, then `verify`
 * (e.g. a checksum), then strict UTF-8 decoding.
 */
export function decodeEmbedded(
  format: ImageFormat,
  bytes: Uint8Array,
  maxBytes: number,
  verify?: () => ImageReason | null,
): ImageExtractResult {
  if (bytes.length > maxBytes) return refuseImage({ code: 'too-large', format, bytes: bytes.length, approximate: false, maxBytes });
  const bad = verify ? verify() : null;
  if (bad) return refuseImage(bad);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return refuseImage({ code: 'not-utf8', format });
  }
}

/** Runs an extraction; anything thrown becomes a refusal. Never throws. */
export function guardImage(read: () => ImageExtractResult): ImageExtractResult {
  try {
    return read();
  } catch (err) {
    return refuseImage({ code: 'unexpected', detail: err instanceof Error ? err.message : 'unknown error' });
  }
}

/** Imports what an extraction found. Never throws. */
export function importEmbedded(extracted: ImageExtractResult, options: ImportOptions = {}): ImportResult {
  if (!extracted.ok) return { ok: false, reason: { code: 'image', reason: extracted.reason }, problems: [] };
  return importSnapshotText(extracted.text, options);
}
