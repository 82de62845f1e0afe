/**
 * What PNG and SVG exports share once the snapshot's bytes are found: the
 * size limit, strict UTF-8 decoding, the never-throw guard and the import.
 *
 * Refusals are codes with their facts (`ImageReason`); the words are in
 * lib/messages/image.ts.
 */
import { importSnapshotText, type ImportOptions, type ImportResult } from './snapshot';

export type ImageFormat = 'PNG' | 'SVG';

/** Why a picture was refused, or why no scenario could be read out of it. */
export type ImageReason =
  | { code: 'unreadable' }
  | { code: 'png-too-short' }
  | { code: 'png-bad-signature' }
  | { code: 'png-truncated' }
  | { code: 'png-chunk-impossible-length'; at: number }
  | { code: 'png-chunk-past-end'; at: number }
  | { code: 'png-chunk-bad-type'; at: number }
  | { code: 'png-unread-form'; chunkType: string }
  | { code: 'png-header-cut' }
  | { code: 'png-compressed' }
  | { code: 'svg-no-element' }
  | { code: 'svg-tag-unclosed' }
  | { code: 'svg-checksum-missing' }
  | { code: 'svg-not-base64' }
  | { code: 'no-scenario'; format: ImageFormat }
  | { code: 'checksum-mismatch'; format: ImageFormat }
  | { code: 'too-large'; format: ImageFormat; /** Bytes found, or estimated from the encoded length when `approximate`. */ bytes: number; approximate: boolean; maxBytes: number }
  | { code: 'not-utf8'; format: ImageFormat }
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
