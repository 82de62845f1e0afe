import { describe, it, expect } from 'vitest';
import { makeTreeEvaluate, sensParameters, betterOf } from '@/lib/analysis/evaluate';
import { makeEvaluate } from '@/lib/analysis/montecarlo-evaluate';
import { oneWay, tornado, decisive } from '@/lib/analysis/sensitivity';
import { createMonteCarlo } from '@/lib/analysis/montecarlo';
import { runMonteCarloJob, type MonteCarloReply } from '@/lib/analysis/montecarlo-job';
import { investModel as model } from '../support/invest-model';

describe('the rollback as sensitivity analysis sees it', () => {
  it('evaluates the root options, the best and the value; overrides flow into derived parameters', () => {
    const ev = makeTreeEvaluate(model());
    expect(ev({})).toEqual({ ok: true, options: [{ id: 'invest', value: 40 }, { id: 'hold', value: 10 }], best: ['invest'], value: 40 });
    const low = ev({ p_up: 0.2 });
    expect(low.ok && [low.best, low.options[0]!.value]).toEqual([['hold'], -20]);
    // Fixed at the base case's choice (invest), the value follows invest even where hold would be better.
    const fixed = ev({ p_up: 0.2 }, 'base');
    expect(fixed.ok && [fixed.best, fixed.value]).toEqual([['invest'], -20]);
  });

  it('varies only the parameters with a number, a low and a high, each naming its assumption', () => {
    const ps = sensParameters(model().analysis);
    expect(ps.map((p) => [p.id, p.base, p.low, p.high, p.assumptionIds])).toEqual([
      ['p_up', 0.6, 0.2, 0.9, ['markets-rise']],
      ['hold_value', 10, 0, 30, []],
    ]);
    expect(betterOf(model().analysis)).toBe('higher');
    expect(betterOf(model('min-ev').analysis)).toBe('lower');
  });

  it('finds the threshold where the best option changes (p = 0.4, hand-worked) within the stated tolerance', () => {
    const ev = makeTreeEvaluate(model());
    const [p] = sensParameters(model().analysis);
    const r = oneWay(ev, p!, 11);
    expect(r.thresholds).toHaveLength(1);
    const t = r.thresholds[0]!;
    expect(Math.abs(t.at - 0.4)).toBeLessThanOrEqual(r.tolerance);
    expect([t.before, t.after]).toEqual([['hold'], ['invest']]);
  });

  it('tornado bars: hand-worked swings in both modes, ranked, with the assumptions behind them', () => {
    const ev = makeTreeEvaluate(model());
    const ps = sensParameters(model().analysis);
    // Re-optimised: p_up 0.2 -> max(-20, 10) = 10; 0.9 -> 85: swing 75. hold_value 0 -> 40, 30 -> 40: swing 0.
    const re = tornado(ev, ps, 'reoptimised');
    expect(re.bars.map((b) => [b.id, b.swing, b.changesBest])).toEqual([
      ['p_up', 75, true],
      ['hold_value', 0, false],
    ]);
    // Fixed at invest: p_up 0.2 -> -20; 0.9 -> 85: swing 105.
    const fx = tornado(ev, ps, 'fixed');
    expect(fx.bars[0]!.swing).toBeCloseTo(105, 9);
    expect(fx.bars[0]!.assumptionIds).toEqual(['markets-rise']);
    expect(decisive(re)[0]).toMatchObject({ assumptionId: 'markets-rise' });
  });

  it('Monte Carlo through the worker’s evaluator: the same seed gives the same figures to the last digit; P(invest best) near P(p > 0.4)', async () => {
    const run = async (seed: number) => {
      const posted: MonteCarloReply[] = [];
      const params = sensParameters(model().analysis);
      await runMonteCarloJob({ id: 'r', seed, iterations: 4000, params, model: model() }, makeEvaluate, (r) => posted.push(r), () => false, async () => {});
      const last = posted.at(-1)!;
      if (last.type !== 'result') throw new Error(`no result: ${JSON.stringify(last)}`);
      return last.result;
    };
    const a = await run(7);
    const b = await run(7);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = await run(8);
    expect(c.mean).not.toBe(a.mean);
    // Uniform on [0.2, 0.9]: P(p > 0.4) = 5/7.
    const pInvest = a.probabilityBest.find((o) => o.id === 'invest')?.probability ?? 0;
    expect(pInvest).toBeGreaterThan(5 / 7 - 0.03);
    expect(pInvest).toBeLessThan(5 / 7 + 0.03);
    // A direct run agrees with the worker's.
    const mc = createMonteCarlo(makeTreeEvaluate(model()), sensParameters(model().analysis), { seed: 7, iterations: 4000 });
    mc.step(4000);
    expect(mc.result().mean).toBe(a.mean);
  });
});
