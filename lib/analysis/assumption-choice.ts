/**
 * What the analyst's assumptions do to the choice: the Key Assumptions
 * table's "decisive" ranking (the re-optimised tornado's largest swing among
 * the parameters each assumption carries), and, for a what-if preview, whether
 * the best option changes once an assumption is no longer taken as holding.
 *
 * A parameter carried by an assumption sits at its base value while the
 * analyst trusts the assumption. Judged unsupported or broken, the assumption
 * no longer pins it: the parameter may lie anywhere in its range, and the
 * preview reads the best option across that range (its ends and the one-way
 * thresholds between them, found by bisection). Any other status keeps the
 * base values, so the best option is the base case's.
 *
 * Pure; plain data for lib/messages/decision.ts to word.
 */
import type { AssumptionStatus } from '@/lib/annotations/vocab';
import { makeTreeEvaluate, sensParameters, type TreeModel } from './evaluate';
import { decisive, oneWay, sameBest, tornado, type DecisiveAssumption, type Threshold } from './sensitivity';
import type { Evaluate, SensParameter } from './sensitivity-types';

/** Statuses under which an assumption no longer pins the parameters it carries. */
export function releasesParameters(status: AssumptionStatus): boolean {
  return status === 'unsupported' || status === 'broken';
}

/** The decisive ranking keyed by assumption (only assumptions that carry a parameter with a range appear). */
export function decisiveByAssumption(model: TreeModel, evaluate: Evaluate = makeTreeEvaluate(model)): Map<string, DecisiveAssumption> {
  const params = sensParameters(model.analysis).filter((p) => p.assumptionIds.length > 0);
  if (params.length === 0) return new Map();
  if (!evaluate({}).ok) return new Map();
  return new Map(decisive(tornado(evaluate, params, 'reoptimised')).map((d) => [d.assumptionId, d]));
}

/** One carried parameter across its range: the best option(s) at each end and where it changes. */
export interface ParameterSweep {
  parameter: SensParameter;
  atLow: string[] | null;
  atHigh: string[] | null;
  thresholds: Threshold[];
}

export type ChoiceEffect =
  /** The tree cannot be computed at its base case. */
  | { kind: 'unavailable' }
  /** The assumption carries no parameter with a range. */
  | { kind: 'no-parameters'; base: string[] }
  /** The status keeps the base values: the best option is the base case's. */
  | { kind: 'pinned'; base: string[]; parameters: SensParameter[] }
  /** The status releases the parameters: the best option across their ranges. */
  | { kind: 'released'; base: string[]; sweeps: ParameterSweep[]; changes: boolean; alternatives: string[] };

/** Whether trying `status` on the assumption could change the best option of the root decision. */
export function choiceUnderStatus(model: TreeModel, assumptionId: string, status: AssumptionStatus, evaluate: Evaluate = makeTreeEvaluate(model)): ChoiceEffect {
  const baseRun = evaluate({});
  if (!baseRun.ok) return { kind: 'unavailable' };
  const base = [...baseRun.best].sort();
  const carried = sensParameters(model.analysis).filter((p) => p.assumptionIds.includes(assumptionId));
  if (carried.length === 0) return { kind: 'no-parameters', base };
  if (!releasesParameters(status)) return { kind: 'pinned', base, parameters: carried };
  const sweeps: ParameterSweep[] = carried.map((parameter) => {
    const r = oneWay(evaluate, parameter, 11);
    const end = (i: number) => {
      const o = r.points[i]?.outcome;
      return o && o.ok ? o.best : null;
    };
    return { parameter, atLow: end(0), atHigh: end(r.points.length - 1), thresholds: r.thresholds };
  });
  const alternatives = new Set<string>();
  for (const s of sweeps) {
    for (const best of [s.atLow, s.atHigh, ...s.thresholds.flatMap((t) => [t.before, t.after])]) {
      if (best && !sameBest(best, base)) for (const id of best) if (!base.includes(id)) alternatives.add(id);
    }
  }
  const changes = sweeps.some((s) => s.thresholds.length > 0 || [s.atLow, s.atHigh].some((b) => b !== null && !sameBest(b, base)));
  return { kind: 'released', base, sweeps, changes, alternatives: [...alternatives].sort() };
}
