/**
 * The measurement caches (lib/tree/labels: one per set of label options,
 * shared by every measurer; lib/card/size: a node's card size kept by node
 * id, for the same node object) give exactly what measuring from nothing gives, whatever the order
 * of calls, and follow a change of marks on the same node.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clearLabelCaches, createLabelMeasurer, measureLabel, type LabelOptions } from '@/lib/tree/labels';
import { cardSize, createCardSizer } from '@/lib/card/size';
import { CARD, KIND_STYLE, badgeCounts, badgeKinds, minWidthForBadges, stanceMarkText, stanceMarkWidth, type CardMarks } from '@/lib/card/card';
import { NODE_KINDS } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { STANCES } from '@/lib/annotations/vocab';

const title = fc.oneof(
  fc.string({ maxLength: 90 }),
  fc.array(fc.constantFrom('Negotiate', 'the', 'ceasefire', 'Zürich', '北京', 'talks', 'under', 'pressure', '—', 'with-UN-backing'), { maxLength: 14 }).map((w) => w.join(' ')),
);
const labelOptions: fc.Arbitrary<LabelOptions> = fc.record(
  { fontSize: fc.constantFrom(12, 13), maxWidth: fc.constantFrom(80, 200, 240), maxLines: fc.constantFrom(1, 2, 4), widthScale: fc.constantFrom(1, 1.08) },
  { requiredKeys: [] },
);

/** The uncached card size: the title measured from nothing, in the card's font. */
function oracle(node: ScenarioNode, maxWidth: number, withMarks: boolean, marks: CardMarks | undefined) {
  const measured = measureLabel(node.title, {
    fontSize: CARD.fontSize,
    lineHeight: CARD.lineHeight,
    maxWidth,
    maxLines: CARD.maxLines,
    ...(KIND_STYLE[node.kind].bold ? { widthScale: CARD.boldWidthScale } : {}),
  });
  return cardSize(node, measured, withMarks, marks);
}

describe('label measurements shared between measurers', () => {
  it('every measurer, old or new, returns what measuring from nothing returns', () => {
    fc.assert(
      // A few titles measured many times under varied options, so the caches are hit and must keep options apart.
      fc.property(fc.array(title, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(labelOptions, fc.nat(), fc.boolean()), { minLength: 1, maxLength: 40 }), (titles, calls) => {
        clearLabelCaches();
        for (const [opts, k, fresh] of calls) {
          const t = titles[k % titles.length]!;
          const measure = createLabelMeasurer(fresh ? { ...opts } : opts);
          expect(measure(t)).toEqual(measureLabel(t, opts));
        }
      }),
    );
  });

  it('a new measurer with the same options reuses the first one’s boxes; other options never do', () => {
    clearLabelCaches();
    const t = 'Reinforce the capital garrison quietly and in phases before winter';
    const a = createLabelMeasurer({ maxWidth: 120 })(t);
    expect(createLabelMeasurer({ maxWidth: 120 })(t)).toBe(a);
    const narrower = createLabelMeasurer({ maxWidth: 80 })(t);
    expect(narrower).not.toBe(a);
    expect(narrower).toEqual(measureLabel(t, { maxWidth: 80 }));
    clearLabelCaches();
    expect(createLabelMeasurer({ maxWidth: 120 })(t)).not.toBe(a);
  });
});

describe('card sizes kept by node (every node here has the id "n": the same id, other objects)', () => {
  const kind = fc.constantFrom(...NODE_KINDS);
  const ids = fc.integer({ min: 0, max: 3 }).map((n) => Array.from({ length: n }, (_, i) => `x${i}`));
  const node = fc.record({ kind, title, a: ids, r: ids, i: ids, q: ids }).map(
    ({ kind, title, a, r, i, q }) => ({ id: 'n', parentId: null, kind, title, assumptionIds: a, riskIds: r, indicatorIds: i, evidenceIds: q }) as unknown as ScenarioNode,
  );
  const marks: fc.Arbitrary<CardMarks | undefined> = fc.option(
    fc.record({ stance: fc.constantFrom(...STANCES), likelihood: fc.option(fc.constantFrom('Likely', 'Remote'), { nil: null }), value: fc.option(fc.constantFrom('+12', '−3.5'), { nil: null }) }),
    { nil: undefined },
  );

  it('equals the uncached size for every call, in every order, as marks and widths change on the same nodes', () => {
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(CARD.maxLabelWidth, 120), fc.boolean(), marks), { minLength: 1, maxLength: 30 }),
        (nodes, calls) => {
          for (const [k, width, withMarks, m] of calls) {
            const n = nodes[k % nodes.length]!;
            const sizer = createCardSizer(width, withMarks ? () => m : undefined);
            expect(sizer(n)).toEqual(oracle(n, width, withMarks, withMarks ? m : undefined));
          }
        },
      ),
    );
  });

  it('a new mark on the same node object makes a new size', () => {
    const n = { id: 'n', parentId: null, kind: 'outcome', title: 'Talks collapse', assumptionIds: [], riskIds: [], indicatorIds: [], evidenceIds: [] } as unknown as ScenarioNode;
    const plain = createCardSizer(undefined, () => undefined)(n);
    const marked = createCardSizer(undefined, () => ({ stance: 'favoured', likelihood: 'Almost certain', value: '+120.5' }))(n);
    expect(marked.width).toBeGreaterThan(plain.width);
    expect(marked.height).toBeGreaterThan(plain.height);
    expect(createCardSizer(undefined, () => undefined)(n)).toEqual(plain);
  });
});

describe('the sizing shortcuts', () => {
  const list = fc.array(fc.constant('x'), { maxLength: 3 });
  it('badge kinds: the badge lists that are not empty', () => {
    fc.assert(
      fc.property(fc.record({ assumptionIds: list, riskIds: list, indicatorIds: list, evidenceIds: list }), (node) => {
        expect(badgeKinds(node)).toBe(badgeCounts(node).filter((c) => c.n > 0).length);
      }),
    );
  });
  it('the narrowest card for n badges holds the widest short stance mark, measured afresh', () => {
    const widest = Math.max(...(['favoured', 'rejected', 'needs-work'] as const).map((s) => stanceMarkWidth(stanceMarkText(s, true))));
    expect(minWidthForBadges(0)).toBe(CARD.minWidth);
    for (let n = 1; n <= 4; n++) expect(minWidthForBadges(n)).toBe(Math.ceil(2 * CARD.padX + n * CARD.badge.step + CARD.stanceMark.gap + widest));
  });
});
