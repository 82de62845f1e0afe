import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatWhen } from '@/components/inspector/fields';

const intl = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

describe('formatWhen', () => {
  it('shows any time as the Intl date and minute, whatever the order it is asked for in (kept by the minute)', () => {
    const min = Date.UTC(2000, 0, 1);
    const max = Date.UTC(2040, 0, 1);
    fc.assert(
      fc.property(fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 59_999 }), (times, within) => {
        for (const t of times) {
          // Two stamps in the same minute, asked for one after the other: the second must not take a stale text.
          const start = t - (t % 60_000);
          for (const at of [start + within, start + ((within * 7) % 60_000)]) {
            const iso = new Date(at).toISOString();
            expect(formatWhen(iso)).toBe(intl.format(new Date(at)));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('formats a stamp that is not in UTC whole, and gives back what is not a time', () => {
    const offset = '2026-12-07T20:31:59+05:45';
    expect(formatWhen(offset)).toBe(intl.format(new Date(offset)));
    // Same first 16 characters as a UTC stamp of another minute: not mixed up with it.
    const utc = '2026-12-07T20:31:10.000Z';
    expect(formatWhen(utc)).toBe(intl.format(new Date(utc)));
    expect(formatWhen(offset)).not.toBe(formatWhen(utc));
    expect(formatWhen('not a time')).toBe('not a time');
  });
});
