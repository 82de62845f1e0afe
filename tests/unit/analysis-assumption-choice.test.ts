import { describe, it, expect } from 'vitest';
import { choiceUnderStatus, decisiveByAssumption, releasesParameters } from '@/lib/analysis/assumption-choice';
import { whatIfChoiceText } from '@/lib/messages/decision';
import type { TreeModel } from '@/lib/analysis/evaluate';
import { investModel } from '../support/invest-model';

const names = (id: string) => ({ invest: 'Invest', hold: 'Hold' })[id] ?? id;

/** The invest model with a second assumption carrying the value of holding. */
function twoAssumptions(): TreeModel {
  const m = investModel();
  const parameters = m.analysis.settings.parameters.map((p) => (p.id === 'hold_value' ? { ...p, assumptionId: 'holding-pays' } : p));
  return { ...m, analysis: { ...m.analysis, settings: { ...m.analysis.settings, parameters } } };
}

describe('what the assumptions do to the choice', () => {
  it('only unsupported and broken release the parameters an assumption carries', () => {
    expect((['unreviewed', 'solid', 'caveated', 'unsupported', 'broken'] as const).filter(releasesParameters)).toEqual(['unsupported', 'broken']);
  });

  it('ranks assumptions by the largest re-optimised swing of their parameters (hand-worked)', () => {
    // Invest is worth 150p - 50 against holding's value h (base p 0.6, h 10; root value max of the two).
    // p_up 0.2..0.9: root max(-20, 10) = 10 .. max(85, 10) = 85, swing 75, the best changes (hold at 0.2).
    // hold_value 0..30: root max(40, 0) = 40 .. max(40, 30) = 40, swing 0, the best never changes.
    const d = decisiveByAssumption(twoAssumptions());
    expect(d.get('markets-rise')).toMatchObject({ rank: 1, swing: 75, changesBest: true, parameterIds: ['p_up'] });
    expect(d.get('holding-pays')).toMatchObject({ rank: 2, swing: 0, changesBest: false, parameterIds: ['hold_value'] });
    // A parameter carried by no assumption is not ranked at all.
    expect([...decisiveByAssumption(investModel()).keys()]).toEqual(['markets-rise']);
  });

  it('judged broken, the assumption frees its parameter and the preview finds where the best option changes (p = 0.4)', () => {
    const e = choiceUnderStatus(investModel(), 'markets-rise', 'broken');
    expect(e.kind).toBe('released');
    if (e.kind !== 'released') return;
    expect(e.base).toEqual(['invest']);
    expect(e.changes).toBe(true);
    expect(e.alternatives).toEqual(['hold']);
    const s = e.sweeps[0]!;
    expect([s.atLow, s.atHigh]).toEqual([['hold'], ['invest']]);
    expect(s.thresholds).toHaveLength(1);
    expect(s.thresholds[0]!.at).toBeCloseTo(0.4, 5);
    expect(whatIfChoiceText(e, names)).toBe(
      'The best option can change to Hold across the range of what this assumption carries (Chance the market rises 0.2–0.9): at Chance the market rises 0.4, Hold below and Invest above.',
    );
  });

  it('a range that never crosses the threshold leaves the best option as it is', () => {
    const m = investModel();
    const parameters = m.analysis.settings.parameters.map((p) => (p.id === 'p_up' ? { ...p, low: 0.5 } : p));
    const e = choiceUnderStatus({ ...m, analysis: { ...m.analysis, settings: { ...m.analysis.settings, parameters } } }, 'markets-rise', 'unsupported');
    expect(e).toMatchObject({ kind: 'released', changes: false, alternatives: [] });
    expect(whatIfChoiceText(e, names)).toBe('The best option stays Invest across the range of what this assumption carries (Chance the market rises 0.5–0.9).');
  });

  it('judged solid, the base values hold; an assumption without parameters says so; a broken tree is unknown', () => {
    const solid = choiceUnderStatus(investModel(), 'markets-rise', 'solid');
    expect(solid).toMatchObject({ kind: 'pinned', base: ['invest'] });
    expect(whatIfChoiceText(solid, names)).toBe('Judged so, the assumption keeps Chance the market rises at the base value; the best option stays Invest.');
    expect(choiceUnderStatus(investModel(), 'other', 'broken')).toEqual({ kind: 'no-parameters', base: ['invest'] });
    const m = investModel();
    const broken: TreeModel = { ...m, analysis: { ...m.analysis, inputs: { ...m.analysis.inputs, up: { probability: '2', consequences: { profit: '100' } } } } };
    expect(choiceUnderStatus(broken, 'markets-rise', 'broken')).toEqual({ kind: 'unavailable' });
    expect(decisiveByAssumption(broken).size).toBe(0);
  });
});
