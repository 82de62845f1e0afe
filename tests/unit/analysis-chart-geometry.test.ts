/**
 * Chart geometry: nice ticks cover the data at a 1-2-5 step, evenly and
 * exactly; scales, bands, formats and truncation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bands, fitText, formatPercent, formatTick, formatValue, linearScale, niceStep, niceTicks } from '@/lib/analysis/chart-geometry';
import { textWidth } from '@/lib/tree/labels';

describe('niceTicks', () => {
  it('gives the familiar ticks', () => {
    expect(niceTicks(0, 1).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3.2, 17.9).values).toEqual([-5, 0, 5, 10, 15, 20]);
    expect(niceTicks(0.1, 0.3, 4).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(1200, 98000).values).toEqual([0, 20000, 40000, 60000, 80000, 100000]);
    expect(niceTicks(5, 5).values).toEqual([4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]);
    expect(niceTicks(0, 0).values).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(10, 0).min).toBe(0);
  });

  it('covers the data evenly at a 1-2-5 step, every tick a whole number of steps (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 2, max: 10 }), (a, b, count) => {
        const t = niceTicks(a, b, count);
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        // Covered to a millionth of a step (the floor and ceil forgive binary fuzz).
        expect(t.min).toBeLessThanOrEqual(lo + t.step * 1e-6);
        expect(t.max).toBeGreaterThanOrEqual(hi - t.step * 1e-6);
        const mantissa = t.step / 10 ** Math.floor(Math.log10(t.step) + 1e-9);
        expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
        expect(t.values.length).toBeGreaterThanOrEqual(2);
        expect(t.values.length).toBeLessThanOrEqual(2 * count + 3);
        for (let i = 1; i < t.values.length; i++) expect((t.values[i]! - t.values[i - 1]!) / t.step).toBeCloseTo(1, 6);
        for (const v of t.values) expect(Math.abs(v / t.step - Math.round(v / t.step))).toBeLessThan(1e-6);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses bounds that are not finite', () => {
    expect(() => niceTicks(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => niceStep(0, 5)).toThrow(RangeError);
  });
});

describe('formats', () => {
  it('writes ticks with their decimals and values with four significant digits', () => {
    expect(formatTick(0.30000000000000004, 1)).toBe('0.3');
    expect(formatTick(-0.0001, 2)).toBe('0.00');
    expect(formatTick(20000, 0)).toBe('20,000');
    expect(formatValue(1234.5678)).toBe('1,235');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(Number.NaN)).toBe('—');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(1e-7)).toBe('1.000e-7');
    expect(formatPercent(0.5825)).toBe('58.3%');
  });
});

describe('scales, bands and text', () => {
  it('maps a domain onto a range', () => {
    const s = linearScale(0, 10, 100, 300);
    expect([s(0), s(5), s(10)]).toEqual([100, 200, 300]);
    expect(linearScale(0, 10, 300, 100)(2)).toBe(260);
    expect(linearScale(3, 3, 0, 10)(99)).toBe(5);
  });

  it('lays out bands that fill the range', () => {
    const b = bands(4, 0, 100, 0.2);
    expect(b.step).toBe(25);
    expect(b.width).toBe(20);
    expect(b.start(0)).toBe(2.5);
    expect(b.centre(3)).toBe(87.5);
    expect(() => bands(0, 0, 1)).toThrow(RangeError);
  });

  it('fits text to a width with an ellipsis', () => {
    const long = 'The Taliban act against the TTP within the year';
    const cut = fitText(long, 120, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(120);
    expect(fitText('Short', 120, 12)).toBe('Short');
  });
});
