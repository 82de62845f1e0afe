import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateAnalysisTree } from '@/lib/gen/analysis';
import { validate } from '@/lib/analysis/validate';

describe('generated analysis trees', () => {
  it('pass validation, whatever the size, shape and fan-out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.constantFrom('bushy' as const, 'chain' as const), fc.integer({ min: 2, max: 6 }), (n, shape, fanOut) => {
        const t = generateAnalysisTree({ nodes: n, shape, fanOut });
        expect(t.nodes.length).toBe(n);
        expect(validate(t.nodes, t.inputs, t.settings)).toEqual([]);
      }),
    );
  });

  it('are the same for the same options', () => {
    expect(generateAnalysisTree({ nodes: 50, seed: 7 })).toEqual(generateAnalysisTree({ nodes: 50, seed: 7 }));
    expect(generateAnalysisTree({ nodes: 50, seed: 7 })).not.toEqual(generateAnalysisTree({ nodes: 50, seed: 8 }));
  });

  it('mix decisions, chance nodes and outcomes', () => {
    const kinds = new Set(generateAnalysisTree({ nodes: 40 }).nodes.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['chance', 'decision', 'outcome']);
  });
});
