/**
 * The contract between the sensitivity analysis and Monte Carlo
 * (lib/analysis/sensitivity.ts, lib/analysis/montecarlo.ts) and whatever
 * evaluates the tree (the rollback core). Both sides code against these
 * types only: the analysis calls `Evaluate` with parameters overridden and
 * reads back the root decision's options, the best of them and the root
 * value. Pure types; no code.
 */

/** One evaluation of the whole tree with some parameters overridden. */
export interface Evaluation {
  ok: true;
  /** The root decision's branches, each with its value under the rule. */
  options: { id: string; value: number }[];
  /** Ids of the best option(s); ties are all listed. */
  best: string[];
  /** The root value. */
  value: number;
}

export interface EvalError {
  ok: false;
  message: string;
}

/**
 * Evaluates the tree with `overrides` (parameter id → value) in place of the
 * parameters' base values. Policy 'base': keep the decisions of the base case
 * fixed (do not re-optimise).
 */
export type Evaluate = (overrides: Readonly<Record<string, number>>, policy?: 'base') => Evaluation | EvalError;

/** A probability distribution of a parameter, for Monte Carlo (defined with the model). Beta lives on [0, 1]; PERT is beta-PERT with lambda 4. */
export type { Distribution } from './model';
import type { Distribution } from './model';

export type DistributionKind = Distribution['kind'];

/** A parameter as the sensitivity analysis sees it: its base value, its range, the assumptions behind it. */
export interface SensParameter {
  id: string;
  name: string;
  base: number;
  low: number;
  high: number;
  /** The assumptions that carry this parameter (their ids), so charts and tables can name them. */
  assumptionIds: string[];
  distribution?: Distribution;
}

/** Which way is better for the root value. */
export type Better = 'higher' | 'lower';
