/**
 * Snapshots inside SVG exports: the snapshot JSON, base64-encoded (so no
 * character of user text can close the element or inject markup), with the
 * CRC-32 of its UTF-8 bytes (so a damaged copy is refused rather than
 * restored with different words), in
 *
 *   <metadata data-branchpoint="snapshot" data-encoding="base64" data-crc32="1a2b3c4d">…</metadata>
 *
 * right after the root `<svg …>` tag. Images exported before the checksum
 * (the exact tag without `data-crc32`) are still read. Embedding and
 * extraction are string scans; no DOM and no XML parser. Refusals are codes
 * (lib/io/embedded.ts); words: lib/messages/image.ts.
 */
import { base64ToBytes, bytesToBase64 } from './base64';
import { crc32 } from './png';
import { DEFAULT_MAX_BYTES } from './safe-json';
import type { ImportOptions, ImportResult } from './snapshot';
import { decodeEmbedded, guardImage, importEmbedded, refuseImage, type ImageExtractResult, type ImageRefusal } from './embedded';

const MARKER = 'data-branchpoint="snapshot"';
const OPEN_START = `<metadata ${MARKER} data-encoding="base64"`;
/** The tag of images exported before the checksum; any other tag with the marker must carry a valid `data-crc32`. */
const LEGACY_OPEN = `${OPEN_START}>`;
const CRC_ATTRIBUTE = /\sdata-crc32="([0-9a-f]{8})"/;
const CLOSE = '</metadata>';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export type SvgEmbedResult = { ok: true; svg: string } | ImageRefusal;
export type SvgExtractResult = ImageExtractResult;

/** End index (exclusive) of the tag starting at `start` (`<`), skipping quoted attribute values; -1 if unterminated. */
function tagEnd(s: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

/** Start of the root `<svg` tag, or -1. */
function findSvgOpen(s: string): number {
  let from = 0;
  for (;;) {
    const i = s.indexOf('<svg', from);
    if (i < 0) return -1;
    const next = s.charCodeAt(i + 4);
    if (next === 32 || next === 9 || next === 10 || next === 13 || next === 62 || next === 47) return i;
    from = i + 4;
  }
}

interface Found {
  /** The opening tag, attributes included. */
  tag: string;
  start: number;
  end: number;
  payloadStart: number;
  payloadEnd: number;
}

function findOurMetadata(s: string): Found | null {
  let from = 0;
  for (;;) {
    const i = s.indexOf('<metadata', from);
    if (i < 0) return null;
    const te = tagEnd(s, i);
    if (te < 0) return null;
    if (s.slice(i, te).includes(MARKER)) {
      const close = s.indexOf(CLOSE, te);
      if (close < 0) return null;
      return { tag: s.slice(i, te), start: i, end: close + CLOSE.length, payloadStart: te, payloadEnd: close };
    }
    from = te;
  }
}

/** Returns the SVG with the snapshot embedded (replacing any earlier one). */
export function embedSnapshotInSvg(svg: string, snapshotJson: string): SvgEmbedResult {
  let s = svg;
  for (let guard = 0; guard < 100; guard++) {
    const old = findOurMetadata(s);
    if (!old) break;
    s = s.slice(0, old.start) + s.slice(old.end);
  }
  const open = findSvgOpen(s);
  if (open < 0) return refuseImage({ code: 'svg-no-element' });
  const end = tagEnd(s, open);
  if (end < 0) return refuseImage({ code: 'svg-tag-unclosed' });
  const bytes = new TextEncoder().encode(snapshotJson);
  const block = `${OPEN_START} data-crc32="${hex8(crc32(bytes))}">${bytesToBase64(bytes)}${CLOSE}`;
  if (s.charCodeAt(end - 2) === 47) {
    // <svg … /> : open it up.
    return { ok: true, svg: `${s.slice(0, end - 2).trimEnd()}>${block}</svg>${s.slice(end)}` };
  }
  return { ok: true, svg: s.slice(0, end) + block + s.slice(end) };
}

/** Finds the snapshot text in an SVG string. Never throws. */
export function extractSnapshotFromSvg(svg: string, options: { maxBytes?: number } = {}): SvgExtractResult {
  return guardImage(() => {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (typeof svg !== 'string') return refuseImage({ code: 'unreadable' });
    if (findSvgOpen(svg) < 0) return refuseImage({ code: 'svg-no-element' });
    const found = findOurMetadata(svg);
    if (!found) return refuseImage({ code: 'no-scenario', format: 'SVG' });
    const approxBytes = Math.floor(((found.payloadEnd - found.payloadStart) * 3) / 4);
    if (approxBytes > maxBytes + 3) return refuseImage({ code: 'too-large', format: 'SVG', bytes: approxBytes, approximate: true, maxBytes });
    const legacy = found.tag === LEGACY_OPEN;
    const crc = legacy ? null : CRC_ATTRIBUTE.exec(found.tag);
    if (!legacy && !crc) return refuseImage({ code: 'svg-checksum-missing' });
    const bytes = base64ToBytes(svg.slice(found.payloadStart, found.payloadEnd));
    if (!bytes) return refuseImage({ code: 'svg-not-base64' });
    return decodeEmbedded('SVG', bytes, maxBytes, () =>
      crc && crc[1] !== hex8(crc32(bytes)) ? { code: 'checksum-mismatch', format: 'SVG' } : null,
    );
  });
}

/** Extracts and imports the snapshot in an SVG string. Never throws. */
export function importSnapshotFromSvg(svg: string, options: ImportOptions = {}): ImportResult {
  return importEmbedded(extractSnapshotFromSvg(svg, options), options);
}
