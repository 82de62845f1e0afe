import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countOf, digits } from '@/lib/messages/count';

describe('digits', () => {
  it('writes every safe integer as Intl does for en and en-GB', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e7, max: 1e7 }), fc.maxSafeInteger(), fc.integer({ min: -2000, max: 2000 }), fc.constantFrom(0, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)), (n) => {
        if (Object.is(n, -0)) return;
        expect(digits(n)).toBe(n.toLocaleString('en'));
        expect(digits(n)).toBe(n.toLocaleString('en-GB'));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes minus zero as 0, where Intl writes -0 (no count is negative zero)', () => {
    expect(digits(-0)).toBe('0');
  });

  it('leaves what is not a safe integer to Intl', () => {
    for (const x of [1.5, 1234.5678, NaN, Infinity, -Infinity, 2 ** 60]) expect(digits(x)).toBe(x.toLocaleString('en'));
  });

  it('counts with the noun in the singular only for one', () => {
    expect(countOf(1, 'branch', 'branches')).toBe('1 branch');
    expect(countOf(0, 'branch', 'branches')).toBe('0 branches');
    expect(countOf(12345, 'run')).toBe('12,345 runs');
  });
});
