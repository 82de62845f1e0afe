/**
 * The balance of evidence (lib/doc/balance): weights by the Admiralty code,
 * for and against, checked against a brute force written from the rule, and
 * the contradiction flag on the analyst's status.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceOf, contradicts, CREDIBILITY_WEIGHT, LEAN_MARGIN, RELIABILITY_WEIGHT } from '@/lib/doc/balance';
import { ASSUMPTION_STATUSES, CREDIBILITIES, RELIABILITIES } from '@/lib/annotations/vocab';
import { emptyAnnotations } from '@/lib/records';

const quote = (id: string, sourceId: string) => ({ id, quote: id, paragraph: 1, sourceId });

describe('balance of evidence', () => {
  it('grades weigh as the Admiralty code reads: A1 counts most, E5 least, ungraded and "cannot be judged" half', () => {
    expect(RELIABILITY_WEIGHT.A).toBeGreaterThan(RELIABILITY_WEIGHT.B);
    expect(RELIABILITY_WEIGHT.D).toBeGreaterThan(RELIABILITY_WEIGHT.E);
    expect(CREDIBILITY_WEIGHT['1']).toBeGreaterThan(CREDIBILITY_WEIGHT['4']);
    expect(CREDIBILITY_WEIGHT['4']).toBeGreaterThan(CREDIBILITY_WEIGHT['5']);
    const scenario = { evidence: [quote('a', 's1'), quote('b', 's2')] };
    const annotations = { ...emptyAnnotations() };
    annotations.sources = { s1: { reliability: 'A', note: '', updatedAt: '' } };
    annotations.evidence = { a: { credibility: '1', note: '', updatedAt: '' } };
    const b = balanceOf(scenario, annotations, { evidenceIds: ['a', 'b'], underminingEvidenceIds: ['b'] });
    expect(b).toEqual({ forCount: 1, againstCount: 1, forWeight: 1, againstWeight: 0.25, lean: 'for' });
    expect(balanceOf(scenario, annotations, { evidenceIds: [], underminingEvidenceIds: [] }).lean).toBe('none');
  });

  it('equals the brute force on random grades and directions', () => {
    const ids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('s1', 's2', 's3'), { minLength: 6, maxLength: 6 }),
        fc.array(fc.option(fc.constantFrom(...CREDIBILITIES), { nil: null }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.option(fc.constantFrom(...RELIABILITIES), { nil: null }), { minLength: 3, maxLength: 3 }),
        fc.subarray(ids),
        fc.subarray(ids),
        (sources, creds, rels, cited, against) => {
          const scenario = { evidence: ids.map((id, i) => quote(id, sources[i]!)) };
          const annotations = emptyAnnotations();
          ids.forEach((id, i) => {
            if (creds[i]) annotations.evidence[id] = { credibility: creds[i]!, note: '', updatedAt: '' };
          });
          ['s1', 's2', 's3'].forEach((s, i) => {
            if (rels[i]) annotations.sources[s] = { reliability: rels[i]!, note: '', updatedAt: '' };
          });
          const undermining = against.filter((x) => cited.includes(x));
          const got = balanceOf(scenario, annotations, { evidenceIds: cited, underminingEvidenceIds: undermining });
          let fw = 0;
          let aw = 0;
          for (const id of cited) {
            const i = ids.indexOf(id);
            const r = rels[['s1', 's2', 's3'].indexOf(sources[i]!)];
            const w = (r ? RELIABILITY_WEIGHT[r] : 0.5) * (creds[i] ? CREDIBILITY_WEIGHT[creds[i]!] : 0.5);
            if (undermining.includes(id)) aw += w;
            else fw += w;
          }
          expect(got.forCount + got.againstCount).toBe(cited.length);
          expect(got.againstCount).toBe(undermining.length);
          expect(got.forWeight).toBeCloseTo(fw, 10);
          expect(got.againstWeight).toBeCloseTo(aw, 10);
          const lean = cited.length === 0 ? 'none' : fw - aw >= LEAN_MARGIN ? 'for' : aw - fw >= LEAN_MARGIN ? 'against' : 'mixed';
          expect(got.lean).toBe(lean);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags a status its evidence contradicts: solid against the weight, unsupported or broken with it', () => {
    const table = ASSUMPTION_STATUSES.flatMap((s) => (['none', 'for', 'against', 'mixed'] as const).filter((l) => contradicts(s, l)).map((l) => `${s}/${l}`));
    expect(table).toEqual(['solid/against', 'unsupported/for', 'broken/for']);
  });
});
