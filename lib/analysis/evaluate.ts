/**
 * The rollback core as the sensitivity analysis and Monte Carlo see it
 * (lib/analysis/sensitivity-types.ts): an `Evaluate` over a tree and its
 * analysis layer that reads back the root decision's options, the best of
 * them and the root value, with some parameters overridden; and the
 * parameters that can vary (a base value, a low and a high; derived
 * parameters follow the others), each with the assumption that carries it.
 *
 * Pure; used on the main thread (tornado, one-way, spider, two-way) and in
 * the Monte Carlo worker (workers/montecarlo.worker.ts).
 */
import type { AnalysisDoc } from './document';
import { maximises } from './model';
import { resolveParameters } from './params';
import { solve, solveRoot, type Policy } from './rollback';
import type { AnalysisNode } from './validate';
import type { Better, Evaluate, SensParameter } from './sensitivity-types';

/** What the worker needs to rebuild the evaluation (structured-cloneable). */
export interface TreeModel {
  nodes: AnalysisNode[];
  analysis: AnalysisDoc;
}

/** The evaluation of a tree; `policy: 'base'` keeps the choices of the base case (no overrides) at every decision. */
export function makeTreeEvaluate(model: TreeModel): Evaluate {
  const { nodes, analysis } = model;
  let basePolicy: Policy | null = null;
  const base = (): Policy | null => {
    if (basePolicy) return basePolicy;
    const r = solve(nodes, analysis.inputs, analysis.settings);
    basePolicy = r.ok ? r.solution.policy : null;
    return basePolicy;
  };
  return (overrides, policy) => {
    const fixed = policy === 'base' ? base() : undefined;
    if (fixed === null) return { ok: false, message: 'The base case cannot be computed.' };
    const r = solveRoot(nodes, analysis.inputs, analysis.settings, fixed ? { overrides, policy: fixed } : { overrides });
    if (!r.ok) return { ok: false, message: r.problems[0]?.message ?? 'The tree cannot be computed.' };
    return { ok: true, options: r.options, best: r.best, value: r.value };
  };
}

/** Which way the root value is better under the rule. */
export function betterOf(analysis: AnalysisDoc): Better {
  return maximises(analysis.settings.rule) ? 'higher' : 'lower';
}

/**
 * The parameters sensitivity analysis varies: those with a number (not an
 * expression) as value and both a low and a high; derived parameters are
 * recomputed from them. Each names the assumption that carries it.
 */
export function sensParameters(analysis: AnalysisDoc): SensParameter[] {
  const resolved = resolveParameters(analysis.settings.parameters);
  const out: SensParameter[] = [];
  for (const p of analysis.settings.parameters) {
    if (resolved.derived.has(p.id) || p.low === undefined || p.high === undefined) continue;
    const base = resolved.values.get(p.id);
    if (base === undefined) continue;
    out.push({
      id: p.id,
      name: p.name || p.id,
      base,
      low: p.low,
      high: p.high,
      assumptionIds: p.assumptionId ? [p.assumptionId] : [],
      ...(p.distribution ? { distribution: p.distribution } : {}),
    });
  }
  return out;
}
