/**
 * Share links: a snapshot compressed (deflate-raw, via CompressionStream) and
 * base64url-encoded into the URL fragment, `#s=…`. The fragment never reaches
 * a server.
 *
 * Decoding is defensive: the fragment length is capped before decoding, the
 * compressed input is fed to the decompressor in small slices, and output is
 * read chunk by chunk; as soon as it passes the byte cap the stream is
 * cancelled, so a zip bomb cannot exhaust memory.
 *
 * Refusals are codes with their facts (`LinkReason`); words: lib/messages/share.ts.
 */
import { base64ToBytes, bytesToBase64 } from './base64';
import { DEFAULT_MAX_BYTES } from './safe-json';
import { importSnapshotText, type ImportOptions, type ImportResult } from './snapshot';

export const SHARE_PREFIX = '#s=';
export const DEFAULT_MAX_FRAGMENT_CHARS = 200_000;

export interface ShareDecodeOptions {
  /** Longest fragment accepted, in characters. Default 200,000. */
  maxFragmentChars?: number;
  /** Largest decompressed size accepted, in bytes. Default 10 MB. */
  maxBytes?: number;
}

/** Why a share link could not be read. */
export type LinkReason =
  | { code: 'unreadable' }
  | { code: 'too-long'; chars: number; maxChars: number }
  | { code: 'no-scenario' }
  | { code: 'empty' }
  | { code: 'bad-characters' }
  | { code: 'too-large'; maxBytes: number }
  | { code: 'not-inflatable' }
  | { code: 'not-utf8' }
  | { code: 'unexpected'; detail: string };

export type ShareDecodeResult = { ok: true; text: string } | { ok: false; reason: LinkReason };

const refuse = (reason: LinkReason): ShareDecodeResult => ({ ok: false, reason });

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
    if (typeof fragment !== 'string') return refuse({ code: 'unreadable' });
    if (fragment.length > maxChars) return refuse({ code: 'too-long', chars: fragment.length, maxChars });
    let f = fragment.trim();
    const hash = f.indexOf('#');
    if (hash >= 0) f = f.slice(hash + 1);
    if (!f.startsWith('s=')) return refuse({ code: 'no-scenario' });
    const payload = f.slice(2);
    if (payload === '') return refuse({ code: 'empty' });
    const compressed = base64ToBytes(payload);
    if (!compressed) return refuse({ code: 'bad-characters' });
    const inflated = await inflateRawCapped(compressed, maxBytes);
    if (!inflated.ok) return refuse(inflated.reason === 'too-large' ? { code: 'too-large', maxBytes } : { code: 'not-inflatable' });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
    } catch {
      return refuse({ code: 'not-utf8' });
    }
    return { ok: true, text };
  } catch (err) {
    return refuse({ code: 'unexpected', detail: err instanceof Error ? err.message : 'unknown error' });
  }
}

/** Decodes a share fragment and imports it. Never throws. */
export async function importShareFragment(
  fragment: string,
  options: ShareDecodeOptions & ImportOptions = {},
): Promise<ImportResult> {
  const decoded = await decodeShareFragment(fragment, options);
  if (!decoded.ok) return { ok: false, reason: { code: 'link', reason: decoded.reason }, problems: [] };
  return importSnapshotText(decoded.text, options);
}
