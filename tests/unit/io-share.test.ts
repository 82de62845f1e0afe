import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToBase64, base64ToBytes } from '@/lib/io/base64';
import { decodeShareFragment, encodeShareFragment, importShareFragment, inflateRawCapped, type ShareDecodeResult } from '@/lib/io/share';
import { linkMessage } from '@/lib/messages/share';
import { refusal } from '../support/snapshots';

/** A refused link as the user meets it: its code and facts, and the sentence lib/messages/share.ts makes of them. */
const said = (r: ShareDecodeResult) => (r.ok ? 'ok' : { reason: r.reason, message: linkMessage(r.reason) });

const snapshotText = readFileSync(path.resolve(__dirname, '../fixtures/hostile/valid-snapshot.json'), 'utf8');
const fragmentOf = (bytes: Uint8Array) => `#s=${bytesToBase64(bytes, true)}`;

describe('base64', () => {
  it('round-trips any bytes in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, url) => {
        const text = bytesToBase64(bytes, url);
        if (url) expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        else expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(base64ToBytes('ab$c')).toBeNull();
    expect(base64ToBytes('a')).toBeNull();
    expect(base64ToBytes('ab=c')).toBeNull();
    expect(base64ToBytes('éé')).toBeNull();
    expect(base64ToBytes('aGk=\n')).toEqual(new TextEncoder().encode('hi'));
  });
  it('refuses a last character whose unused bits are set (so it cannot be changed and still decode the same)', () => {
    expect(base64ToBytes('xQ==')).toEqual(Uint8Array.of(0xc5));
    expect(base64ToBytes('xR==')).toBeNull();
    expect(base64ToBytes('aGk=')).toEqual(new TextEncoder().encode('hi'));
    expect(base64ToBytes('aGl=')).toBeNull();
    expect(base64ToBytes('aGl')).toBeNull();
  });
});

describe('share links', () => {
  it('round-trips a snapshot through a #s= fragment', async () => {
    const fragment = await encodeShareFragment(snapshotText);
    expect(fragment.startsWith('#s=')).toBe(true);
    expect(fragment.slice(3)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(snapshotText.length); // it is compressed
    expect(await decodeShareFragment(fragment)).toEqual({ ok: true, text: snapshotText });
  });

  it('round-trips arbitrary Unicode text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
        const r = await decodeShareFragment(await encodeShareFragment(text));
        expect(r).toEqual({ ok: true, text });
      }),
      { numRuns: 50 },
    );
  });

  it('accepts a whole URL or the fragment without #, and imports it', async () => {
    const fragment = await encodeShareFragment(snapshotText);
    expect((await decodeShareFragment(`https://branchpoint.example/app${fragment}`)).ok).toBe(true);
    expect((await decodeShareFragment(fragment.slice(1))).ok).toBe(true);
    const r = await importShareFragment(fragment);
    expect(r.ok && r.summary.title).toBe("Riverton's drought response");
  });

  it('refuses links over the length cap before decoding', async () => {
    const r = await decodeShareFragment(`#s=${'A'.repeat(200_001)}`);
    expect(said(r)).toEqual({
      reason: { code: 'too-long', chars: 200_004, maxChars: 200_000 },
      message: 'The link is too long (200,004 characters; the limit is 200,000); share the scenario as a file instead',
    });
    expect((await decodeShareFragment('#s=AAAA', { maxFragmentChars: 5 })).ok).toBe(false);
  });

  it('refuses links that are not Branchpoint links, empty or damaged', async () => {
    expect(said(await decodeShareFragment('#view=3'))).toEqual({
      reason: { code: 'no-scenario' },
      message: 'The link does not contain a Branchpoint scenario (expected "#s=…")',
    });
    expect(said(await decodeShareFragment('#s='))).toEqual({ reason: { code: 'empty' }, message: 'The link is incomplete: the part after "#s=" is empty' });
    expect(said(await decodeShareFragment(42 as unknown as string))).toEqual({ reason: { code: 'unreadable' }, message: 'The link could not be read' });
    expect(said(await decodeShareFragment('#s=abc$%^'))).toEqual({
      reason: { code: 'bad-characters' },
      message: 'The link is damaged: it contains characters that cannot appear in a Branchpoint link (it may have been cut or altered when copied)',
    });
    const fragment = await encodeShareFragment(snapshotText);
    const cut = await decodeShareFragment(fragment.slice(0, Math.floor(fragment.length / 2)));
    expect(cut.ok).toBe(false);
    const garbage = await decodeShareFragment(fragmentOf(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x12])));
    expect(said(garbage)).toEqual({
      reason: { code: 'not-inflatable' },
      message: 'The link is damaged: its data could not be unpacked (it may have been cut short when copied)',
    });
  });

  it('refuses data that is not UTF-8 text', async () => {
    const r = await decodeShareFragment(fragmentOf(deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))));
    expect(said(r)).toEqual({ reason: { code: 'not-utf8' }, message: 'The link is damaged: its data is not valid UTF-8 text' });
  });

  it('passes a decoded link that is not a snapshot to the import, which names the problem', async () => {
    const r = await importShareFragment(await encodeShareFragment('[1,2]'));
    expect(r.ok === false && r.reason).toEqual({ code: 'not-an-object', found: { kind: 'list' } });
    expect(refusal(r)).toContain('the file holds a list');
  });

  it('passes a link it cannot read to the import as a link refusal, in the same words', async () => {
    const r = await importShareFragment('#s=');
    expect(r).toEqual({ ok: false, reason: { code: 'link', reason: { code: 'empty' } }, problems: [] });
    expect(refusal(r)).toBe('The link is incomplete: the part after "#s=" is empty');
  });

  it('stops decompressing a zip bomb as soon as the output passes the cap', async () => {
    const bomb = deflateRawSync(Buffer.alloc(100 * 1024 * 1024)); // 100 MB of zeros, ~100 KB compressed
    const fragment = fragmentOf(bomb);
    expect(fragment.length).toBeLessThan(200_000);

    const before = process.memoryUsage().arrayBuffers;
    const r = await decodeShareFragment(fragment);
    const grew = process.memoryUsage().arrayBuffers - before;
    expect(said(r)).toEqual({
      reason: { code: 'too-large', maxBytes: 10 * 1024 * 1024 },
      message: 'The link holds more than 10 MB of data once unpacked; Branchpoint opens at most 10 MB',
    });
    expect(grew).toBeLessThan(60 * 1024 * 1024);

    const capped = await inflateRawCapped(bomb, 1024 * 1024);
    expect(capped.ok).toBe(false);
    if (!capped.ok) {
      expect(capped.reason).toBe('too-large');
      expect(capped.read).toBeLessThan(2 * 1024 * 1024); // stopped within a chunk or two of the cap
    }
  });
});
