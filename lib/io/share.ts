/**
 * Share links: a snapshot compressed (deflate-raw, via CompressionStream) and
 * base64url-encoded into the URL fragment, `#s=…`. The fragment never reaches
 * a server.
 *
 * Decoding is defensive: the fragment length is capped before decoding, the
 * compressed input is fed to the decompressor in small slices, and output is
 * read chunk by chunk; as soon as it passes the byte cap the stream is
 * cancelled, so a zip bomb cannot exhaust memory.
 */
import { base64ToBytes, bytesToBase64 } from './base64';
import { DEFAULT_MAX_BYTES, formatBytes } from './safe-json';
import { importSnapshotText, type ImportOptions, type ImportResult } from './snapshot';

export const SHARE_PREFIX = '#s=';
export const DEFAULT_MAX_FRAGMENT_CHARS = 200_000;

export interface ShareDecodeOptions {
  /** Longest fragment accepted, in characters. Default 200,000. */
  maxFragmentChars?: number;
  /** Largest decompressed size accepted, in bytes. Default 10 MB. */
  maxBytes?: number;
}

export type ShareDecodeResult = { ok: true; text: string } | { ok: false; message: string };

/** Feeds bytes in slices so the consumer's backpressure limits how much is decompressed ahead. */
function sliceStream(bytes: Uint8Array, slice = 1024): ReadableStream<BufferSource> {
  let offset = 0;
  return new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        const end = Math.min(offset + slice, bytes.length);
        controller.enqueue(bytes.slice(offset, end));
        offset = end;
      },
    },
    { highWaterMark: 1 },
  );
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

/** Compresses a snapshot's JSON text into a fragment `#s=<base64url(deflate-raw(utf8))>`. */
export async function encodeShareFragment(snapshotJson: string): Promise<string> {
  const bytes = new TextEncoder().encode(snapshotJson);
  const compressed = await collect(sliceStream(bytes, 64 * 1024).pipeThrough(new CompressionStream('deflate-raw')));
  return SHARE_PREFIX + bytesToBase64(compressed, true);
}

/**
 * Decompresses at most `maxBytes` of deflate-raw data. Reads chunk by chunk
 * and cancels as soon as the output passes the cap.
 */
export async function inflateRawCapped(
  compressed: Uint8Array,
  maxBytes: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'damaged'; read: number }> {
  const reader = sliceStream(compressed).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large', read: total };
      }
      chunks.push(value);
    }
  } catch {
    await reader.cancel().catch(() => undefined);
    return { ok: false, reason: 'damaged', read: total };
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return { ok: true, bytes: out };
}

/**
 * Decodes a share fragment (`#s=…`, `s=…`, or a whole URL containing one)
 * back to the snapshot's JSON text. Never throws.
 */
export async function decodeShareFragment(fragment: string, options: ShareDecodeOptions = {}): Promise<ShareDecodeResult> {
  const maxChars = options.maxFragmentChars ?? DEFAULT_MAX_FRAGMENT_CHARS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    if (typeof fragment !== 'string') return { ok: false, message: 'The link could not be read' };
    if (fragment.length > maxChars) {
      return {
        ok: false,
        message: `The link is too long (${fragment.length.toLocaleString('en-GB')} characters; the limit is ${maxChars.toLocaleString('en-GB')}); share the scenario as a file instead`,
      };
    }
    let f = fragment.trim();
    const hash = f.indexOf('#');
    if (hash >= 0) f = f.slice(hash + 1);
    if (!f.startsWith('s=')) return { ok: false, message: 'The link does not contain a Branchpoint scenario (expected "#s=…")' };
    const payload = f.slice(2);
    if (payload === '') return { ok: false, message: 'The link is incomplete: the part after "#s=" is empty' };
    const compressed = base64ToBytes(payload);
    if (!compressed) {
      return { ok: false, message: 'The link is damaged: it contains characters that cannot appear in a Branchpoint link (it may have been cut or altered when copied)' };
    }
    const inflated = await inflateRawCapped(compressed, maxBytes);
    if (!inflated.ok) {
      if (inflated.reason === 'too-large') {
        return { ok: false, message: `The link holds more than ${formatBytes(maxBytes)} of data once unpacked; Branchpoint opens at most ${formatBytes(maxBytes)}` };
      }
      return { ok: false, message: 'The link is damaged: its data could not be unpacked (it may have been cut short when copied)' };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
    } catch {
      return { ok: false, message: 'The link is damaged: its data is not valid UTF-8 text' };
    }
    return { ok: true, text };
  } catch (err) {
    return { ok: false, message: `The link could not be read (${err instanceof Error ? err.message : 'unknown error'})` };
  }
}

/** Decodes a share fragment and imports it. Never throws. */
export async function importShareFragment(
  fragment: string,
  options: ShareDecodeOptions & ImportOptions = {},
): Promise<ImportResult> {
  const decoded = await decodeShareFragment(fragment, options);
  if (!decoded.ok) return { ok: false, message: decoded.message, problems: [] };
  return importSnapshotText(decoded.text, options);
}
