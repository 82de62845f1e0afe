import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zoomPercentText } from '@/lib/messages/tree';

describe('the zoom level as the toolbar shows it', () => {
  it('whole percent from 1% up; one significant digit below, never "0%"', () => {
    expect(zoomPercentText(1)).toBe('100%');
    expect(zoomPercentText(2.934)).toBe('293%');
    expect(zoomPercentText(0.07)).toBe('7%');
    expect(zoomPercentText(0.0096)).toBe('1%');
    expect(zoomPercentText(0.0094)).toBe('0.9%');
    expect(zoomPercentText(0.004)).toBe('0.4%');
    expect(zoomPercentText(0.00023)).toBe('0.02%');
  });

  it('reads back within its rounding, and is never zero, for any zoom a tree can have', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 8, noNaN: true }), (k) => {
        const text = zoomPercentText(k);
        expect(text).toMatch(/^\d+(\.\d+)?%$/);
        const shown = Number(text.slice(0, -1));
        expect(shown).toBeGreaterThan(0);
        const p = k * 100;
        // Whole percent: within half a percent; one significant digit: within half a unit of the digit shown.
        const step = p >= 0.95 ? 1 : 10 ** Math.floor(Math.log10(shown) + 1e-9);
        expect(Math.abs(shown - p)).toBeLessThanOrEqual(step / 2 + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
