import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { shippedScenarios, DEFAULT_SCENARIO_ID } from '@/lib/scenarios';
import { shippedAnalysis, shippedView } from '@/lib/scenarios-analysis';
import { shippedWorkDocument } from '@/lib/persist/controller-ids';
import { restoreAnalysis, analysisOf } from '@/lib/analysis/document';
import { solve, riskProfile } from '@/lib/analysis/rollback';
import { makeTreeEvaluate, sensParameters } from '@/lib/analysis/evaluate';
import { tornado } from '@/lib/analysis/sensitivity';
import { cardMarksOf } from '@/lib/card/size';

const ID = 'texaco-pennzoil';
const example = () => shippedScenarios().find((s) => s.id === ID)!;

describe('the worked example: Texaco–Pennzoil (Clemen and Reilly, chapter 4)', () => {
  it('ships beside the article, which stays the default and carries no numbers', () => {
    expect(shippedScenarios().map((s) => s.id)).toEqual([DEFAULT_SCENARIO_ID, ID]);
    expect(shippedAnalysis(DEFAULT_SCENARIO_ID)).toBeUndefined();
    expect(shippedWorkDocument(shippedScenarios()[0]!).analysis).toBeUndefined();
  });

  it('opens with every branch open and the root selected; the article opens as before', () => {
    const s = example();
    const v = shippedView(s)!;
    expect(v.selectedId).toBe('liedtke-decision');
    expect([...v.expanded].sort()).toEqual(['counter-court', 'counteroffer-5bn', 'liedtke-decision', 'refuse-3bn', 'refused-court', 'texaco-counteroffers-3bn', 'texaco-reaction', 'texaco-refuses']);
    expect(shippedView(shippedScenarios()[0]!)).toBeNull();
  });

  it('cites its source in the sources and the summary', () => {
    const s = example();
    expect(s.sources[0]).toMatchObject({ kind: 'book', title: 'Making Hard Decisions with DecisionTools', author: 'Robert T. Clemen and Terence Reilly', publisher: 'Duxbury', published: '2001' });
    expect(s.summary).toContain('Clemen and Terence Reilly');
    expect(s.summary).toContain('chapter 4');
  });

  it('opens with its analysis layer, which restores without a repair', () => {
    const doc = shippedWorkDocument(example());
    expect(doc.analysis).toBeDefined();
    expect(restoreAnalysis(z, doc.analysis, doc.scenario).repairs).toEqual([]);
  });

  it('counteroffering $5 billion is worth $4.63 billion; the best policy counteroffers, then refuses $3 billion', () => {
    const doc = shippedWorkDocument(example());
    const a = analysisOf(doc);
    const r = solve(doc.scenario.nodes, a.inputs, a.settings);
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    const { solution } = r;
    // By hand: court = 0.2 × 10.3 + 0.5 × 5 + 0.3 × 0 = 4.56; refuse $3bn (4.56 > 3);
    // counteroffer = 0.17 × 5 + 0.50 × 4.56 + 0.33 × 4.56 = 4.6348.
    expect(solution.root.score).toBeCloseTo(4.6348, 10);
    expect(solution.root.score.toFixed(2)).toBe('4.63');
    expect(solution.values.get('accept-2bn')!.score).toBe(2);
    expect(solution.values.get('counter-court')!.score).toBeCloseTo(4.56, 10);
    expect(solution.best.get('liedtke-decision')).toEqual(['counteroffer-5bn']);
    expect(solution.best.get('texaco-counteroffers-3bn')).toEqual(['refuse-3bn']);
    expect(solution.tied.size).toBe(0);
    // Each outcome's own probability, "the rest" (#) resolved; NaN off chance forks.
    expect(solution.probability.get('texaco-accepts')).toBeCloseTo(0.17, 12);
    expect(solution.probability.get('texaco-counteroffers-3bn')).toBeCloseTo(0.33, 12);
    expect(solution.probability.get('counter-court-zero')).toBeCloseTo(0.3, 12);
    expect(solution.probability.get('counteroffer-5bn')).toBeNaN();
    expect(solution.probability.get('liedtke-decision')).toBeNaN();
    // The card writes a chance outcome's probability before its value (the live tree and the picture alike).
    const { marksOf } = cardMarksOf(doc.annotations, solution);
    expect(marksOf('texaco-accepts')?.value).toBe('17% · value 5');
    expect(marksOf('counter-court-zero')?.value).toBe('30% · value 0');
    expect(marksOf('counteroffer-5bn')?.value).toBe('value 4.635');
    // The risk profile of the best policy: $10.3bn with 0.83 × 0.2, $5bn with 0.17 + 0.83 × 0.5, nothing with 0.83 × 0.3.
    const profile = riskProfile(doc.scenario.nodes, a.inputs, a.settings);
    expect(profile.ok).toBe(true);
    if (!profile.ok) return;
    const at = (v: number) => profile.points.filter((p) => Math.abs(p.value - v) < 1e-9).reduce((s, p) => s + p.probability, 0);
    expect(at(10.3)).toBeCloseTo(0.166, 10);
    expect(at(5)).toBeCloseTo(0.585, 10);
    expect(at(0)).toBeCloseTo(0.249, 10);
  });

  it('has a tornado ready: every parameter has a range, and the swings rank them', () => {
    const doc = shippedWorkDocument(example());
    const a = analysisOf(doc);
    const params = sensParameters(a);
    expect(params.length).toBe(7);
    const t = tornado(makeTreeEvaluate({ nodes: doc.scenario.nodes, analysis: a }), params, 'reoptimised');
    expect(t.bars.length).toBe(7);
    expect(t.bars[0]!.id).toBe('p_court_high');
  });
});
