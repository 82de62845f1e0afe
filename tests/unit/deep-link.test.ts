import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkDepth, MAX_LINK_DEPTH } from '@/lib/tree/deep-link';

describe('a link’s depth', () => {
  it('reads whole numbers from 0 to 99', () => {
    expect(linkDepth('0')).toBe(0);
    expect(linkDepth('3')).toBe(3);
    expect(linkDepth('03')).toBe(3);
    expect(linkDepth('99')).toBe(MAX_LINK_DEPTH);
  });
  it('refuses what is absent, negative, fractional, too deep or not a number', () => {
    for (const raw of [null, '', '-1', '2.5', '100', '1e2', ' 3', '3 ', 'three', '0x3', 'Infinity']) expect(linkDepth(raw)).toBeNull();
  });
  it('round-trips every depth it accepts, and accepts nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (raw) => {
        const d = linkDepth(raw);
        const oracle = /^[0-9]+$/.test(raw) && raw.length <= 2 ? Number(raw) : null;
        expect(d).toBe(oracle);
        if (d !== null) expect(linkDepth(String(d))).toBe(d);
      }),
    );
  });
});
