import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  crc32,
  embedSnapshotInPng,
  extractSnapshotFromPng,
  importSnapshotFromPng,
  makeChunk,
  readPngChunks,
} from '@/lib/io/png';
import { imageMessage } from '@/lib/messages/image';
import { expectRefusedOrExact, imageRefusal, IMPORT_OPTIONS, unwrap, validSnapshotText as snapshotText } from '../support/snapshots';

/** A valid 1×1 PNG (one grey-and-alpha pixel). */
const PNG_1X1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);
const embed = (png: Uint8Array, text: string) => unwrap(embedSnapshotInPng(png, text)).png;

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(crc32(b)).toBe(zlibCrc32(b) >>> 0);
      }),
    );
  });
});

describe('PNG embedding', () => {
  it('round-trips a snapshot, and the result is still a valid PNG', () => {
    const out = embed(PNG_1X1, snapshotText);
    const chunks = readPngChunks(out);
    expect(chunks.ok).toBe(true);
    if (!chunks.ok) return;
    expect(chunks.chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    // Every chunk's CRC is right.
    for (const c of chunks.chunks) {
      const end = c.dataOffset + c.length;
      const stored = ((out[end]! << 24) | (out[end + 1]! << 16) | (out[end + 2]! << 8) | out[end + 3]!) >>> 0;
      expect(stored).toBe(crc32(out, c.offset + 4, end));
    }
    // The image data is untouched.
    const idat = chunks.chunks[1]!;
    expect(inflateSync(out.subarray(idat.dataOffset, idat.dataOffset + idat.length)).length).toBe(3); // filter byte + grey + alpha
    expect(extractSnapshotFromPng(out)).toEqual({ ok: true, text: snapshotText });
    const r = importSnapshotFromPng(out);
    expect(r.ok && r.summary.title).toBe("Riverton's drought response");
  });

  it('replaces an earlier snapshot rather than adding a second', () => {
    const once = embed(PNG_1X1, '{"a":1}');
    const twice = embed(once, 'second ✓ “quoted”');
    const chunks = readPngChunks(twice);
    expect(chunks.ok && chunks.chunks.filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractSnapshotFromPng(twice)).toEqual({ ok: true, text: 'second ✓ “quoted”' });
  });

  it('round-trips arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(extractSnapshotFromPng(embed(PNG_1X1, text))).toEqual({ ok: true, text });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses things that are not PNGs', () => {
    expect(imageRefusal(embedSnapshotInPng(new Uint8Array([1, 2, 3]), 'x'))).toEqual({
      reason: { code: 'png-too-short' },
      message: 'This is not a PNG image (the file is too short)',
    });
    expect(imageRefusal(extractSnapshotFromPng(new TextEncoder().encode('GIF89a-not-a-png')))).toEqual({
      reason: { code: 'png-bad-signature' },
      message: 'This is not a PNG image (the signature is wrong)',
    });
  });

  it('says when a PNG has no snapshot', () => {
    expect(imageRefusal(extractSnapshotFromPng(PNG_1X1))).toEqual({
      reason: { code: 'no-scenario', format: 'PNG' },
      message: 'This PNG image does not contain a Branchpoint scenario (it may have been exported without one, or re-saved by another program)',
    });
  });

  it('never reads past the end: truncated files and lying lengths are refused', () => {
    const out = embed(PNG_1X1, snapshotText);
    for (const cut of [8, 9, 20, 33, 50, out.length - 13, out.length - 1]) {
      const r = extractSnapshotFromPng(out.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(imageMessage(r.reason)).toMatch(/truncated|damaged/);
    }
    const lying = out.slice();
    lying[8] = 0x7f; // IHDR claims ~2 GB
    expect(imageRefusal(extractSnapshotFromPng(lying))).toEqual({
      reason: { code: 'png-chunk-past-end', at: 8 },
      message: 'The PNG image is truncated (a chunk at byte 8 runs past the end of the file)',
    });
    const huge = out.slice();
    huge[8] = 0xff;
    expect(imageRefusal(extractSnapshotFromPng(huge))).toEqual({
      reason: { code: 'png-chunk-impossible-length', at: 8 },
      message: 'The PNG image is damaged (a chunk at byte 8 claims an impossible length)',
    });
  });

  it('detects a damaged snapshot chunk by its CRC', () => {
    const out = embed(PNG_1X1, snapshotText);
    const chunks = readPngChunks(out);
    if (!chunks.ok) throw new Error(imageMessage(chunks.reason));
    const chunk = chunks.chunks.find((c) => c.type === 'iTXt')!;
    out[chunk.dataOffset + 40] = out[chunk.dataOffset + 40]! ^ 0x01;
    expect(imageRefusal(extractSnapshotFromPng(out))).toEqual({
      reason: { code: 'checksum-mismatch', format: 'PNG' },
      message: 'The scenario in this PNG image is damaged (its checksum does not match)',
    });
  });

  it('refuses compressed or oversized snapshot chunks', () => {
    const kw = new TextEncoder().encode('branchpoint-snapshot');
    const withChunk = (data: Uint8Array) => {
      const iend = PNG_1X1.length - 12;
      const chunk = makeChunk('iTXt', data);
      const out = new Uint8Array(PNG_1X1.length + chunk.length);
      out.set(PNG_1X1.subarray(0, iend), 0);
      out.set(chunk, iend);
      out.set(PNG_1X1.subarray(iend), iend + chunk.length);
      return out;
    };
    const compressed = withChunk(Uint8Array.from([...kw, 0, 1, 0, 0, 0, 120, 156]));
    expect(imageRefusal(extractSnapshotFromPng(compressed))).toEqual({
      reason: { code: 'png-compressed' },
      message: 'The scenario in this PNG image is compressed, which Branchpoint does not read',
    });
    const cutHeader = withChunk(Uint8Array.from([...kw, 0, 0, 0, 65, 66]));
    expect(imageRefusal(extractSnapshotFromPng(cutHeader))).toEqual({
      reason: { code: 'png-header-cut' },
      message: 'The scenario in this PNG image is damaged (its header is cut short)',
    });
    const tEXt = withChunk(Uint8Array.from([...kw, 0, 65]));
    const plain = tEXt.slice();
    plain.set([0x74, 0x45, 0x58, 0x74], PNG_1X1.length - 12 + 4); // iTXt → tEXt (CRC not checked: the form is refused first)
    expect(imageRefusal(extractSnapshotFromPng(plain))).toEqual({
      reason: { code: 'png-unread-form', chunkType: 'tEXt' },
      message: 'The scenario in this PNG image is stored in a form Branchpoint does not read (tEXt)',
    });
    const big = embed(PNG_1X1, 'x'.repeat(2000));
    expect(imageRefusal(extractSnapshotFromPng(big, { maxBytes: 1000 }))).toEqual({
      reason: { code: 'too-large', format: 'PNG', bytes: 2000, approximate: false, maxBytes: 1000 },
      message: 'The scenario in this PNG image is too large (2 KB); Branchpoint reads up to 1000 bytes',
    });
    const notUtf8 = withChunk(Uint8Array.from([...kw, 0, 0, 0, 0, 0, 0xff, 0xfe]));
    expect(imageRefusal(extractSnapshotFromPng(notUtf8))).toEqual({
      reason: { code: 'not-utf8', format: 'PNG' },
      message: 'The scenario in this PNG image is damaged (it is not valid UTF-8 text)',
    });
  });

  it('any byte corruption is refused with a reason or restores exactly the snapshot embedded', () => {
    const out = embed(PNG_1X1, snapshotText);
    const edit = fc.record({ at: fc.nat({ max: out.length - 1 }), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.option(fc.nat({ max: out.length })), (edits, cut) => {
        const b = out.slice(0, cut ?? out.length);
        for (const { at, value } of edits) if (at < b.length) b[at] = value;
        expectRefusedOrExact(extractSnapshotFromPng(b), importSnapshotFromPng(b, IMPORT_OPTIONS), snapshotText);
      }),
      { numRuns: 500 },
    );
  });

  it('any corruption of the snapshot chunk itself is refused', () => {
    const out = embed(PNG_1X1, snapshotText);
    const chunks = readPngChunks(out);
    if (!chunks.ok) throw new Error(imageMessage(chunks.reason));
    const chunk = chunks.chunks.find((c) => c.type === 'iTXt')!;
    // Length, type, data and CRC: every byte of the chunk.
    const inChunk = fc.integer({ min: chunk.offset, max: chunk.dataOffset + chunk.length + 3 });
    fc.assert(
      fc.property(inChunk, fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const b = out.slice();
        b[at] = b[at]! ^ flip;
        expect(extractSnapshotFromPng(b).ok).toBe(false);
        expect(importSnapshotFromPng(b).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
