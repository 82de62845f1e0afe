/**
 * The word for a balance of evidence (lib/messages/kac leanLabel): "Mixed" only
 * when quotes stand on both sides; quotes on one side too light to lean are thin.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leanOf, LEAN_MARGIN } from '@/lib/doc/balance';
import { leanLabel, LEAN_LABEL } from '@/lib/messages/kac';

describe('leanLabel', () => {
  it('one ungraded quote for and none against is thin support, not mixed; the same against is thin counter-evidence', () => {
    expect(leanLabel({ lean: leanOf(0.25, 0, 1, 0), forCount: 1, againstCount: 0 })).toBe('Thin support');
    expect(leanLabel({ lean: leanOf(0, 0.25, 0, 1), forCount: 0, againstCount: 1 })).toBe('Thin counter-evidence');
    expect(leanLabel({ lean: leanOf(0.3, 0.3, 1, 1), forCount: 1, againstCount: 1 })).toBe('Mixed');
  });

  it('says Mixed exactly when both sides cite quotes and neither outweighs the other by the margin', () => {
    const side = fc.record({ count: fc.integer({ min: 0, max: 6 }), each: fc.constantFrom(0.05, 0.1, 0.25, 0.4, 0.64, 1) });
    fc.assert(
      fc.property(side, side, (f, a) => {
        const forWeight = f.count * f.each;
        const againstWeight = a.count * a.each;
        const lean = leanOf(forWeight, againstWeight, f.count, a.count);
        const label = leanLabel({ lean, forCount: f.count, againstCount: a.count });
        const close = Math.abs(forWeight - againstWeight) < LEAN_MARGIN;
        expect(label === 'Mixed').toBe(f.count > 0 && a.count > 0 && close);
        expect(label === 'Thin support').toBe(f.count > 0 && a.count === 0 && close);
        expect(label === 'Thin counter-evidence').toBe(a.count > 0 && f.count === 0 && close);
        if (!close || (f.count === 0 && a.count === 0)) expect(label).toBe(LEAN_LABEL[lean]);
      }),
      { numRuns: 500 },
    );
  });
});
