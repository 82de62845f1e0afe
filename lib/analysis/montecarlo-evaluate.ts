/**
 * The evaluation the Monte Carlo worker runs: rebuilds `evaluate` from a
 * job's `model` (the tree's nodes and its analysis layer) with the rollback
 * core (lib/analysis/evaluate.ts).
 */
import type { MakeEvaluate } from './montecarlo-job';
import { makeTreeEvaluate, type TreeModel } from './evaluate';

export const makeEvaluate: MakeEvaluate = (job) => {
  const m = job.model as Partial<TreeModel> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.nodes) || !m.analysis) return { ok: false, message: 'The job carries no tree to evaluate.' };
  return makeTreeEvaluate(m as TreeModel);
};
