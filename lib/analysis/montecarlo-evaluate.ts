/**
 * The evaluation the Monte Carlo worker runs: rebuilds `evaluate` from a
 * job's `model`. The single place to connect the rollback core (lib/analysis/
 * rollback.ts) to the worker; until then every job is refused with a message.
 */
import type { MakeEvaluate } from './montecarlo-job';

export const makeEvaluate: MakeEvaluate = () => ({ ok: false, message: 'No evaluator is connected to the Monte Carlo worker yet.' });
