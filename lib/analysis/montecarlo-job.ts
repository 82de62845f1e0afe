/**
 * The Monte Carlo Web Worker's protocol and its whole logic, kept out of the
 * worker file (workers/montecarlo.worker.ts is a thin shell) so it runs and
 * is tested in Node.
 *
 * A job is plain, structured-cloneable data: the seed, the iteration count,
 * the parameters with their distributions and `model`, whatever the
 * evaluator needs to rebuild `evaluate` inside the worker (the scenario's
 * analysis layer, say). `makeEvaluate` turns a job into an evaluation; the
 * worker imports the one that points at the rollback core.
 *
 * The run goes in chunks; between chunks it yields (a macrotask, so the
 * worker receives a cancel message) and posts its progress. Cancelled, it
 * posts 'cancelled' with the progress so far and no figures.
 */
import { createMonteCarlo, monteCarloProblems, type MonteCarloProblem, type MonteCarloProgress, type MonteCarloResult } from './montecarlo';
import type { Evaluate, SensParameter } from './sensitivity-types';

export interface MonteCarloJob<M = unknown> {
  /** Tells the replies of one run from another's. */
  id: string;
  seed: number;
  iterations: number;
  params: SensParameter[];
  /** What `makeEvaluate` needs to rebuild the evaluation; must survive structured clone. */
  model: M;
  /** Iterations between two progress messages (default 250). */
  chunk?: number;
}

/** Main thread → worker. */
export type MonteCarloRequest<M = unknown> = { type: 'run'; job: MonteCarloJob<M> } | { type: 'cancel'; id: string };

/** Worker → main thread. */
export type MonteCarloReply =
  | { type: 'progress'; id: string; progress: MonteCarloProgress }
  | { type: 'result'; id: string; result: MonteCarloResult }
  | { type: 'cancelled'; id: string; progress: MonteCarloProgress }
  | { type: 'invalid'; id: string; problems: MonteCarloProblem[] }
  | { type: 'error'; id: string; message: string };

/** Rebuilds the evaluation from a job, or says why it cannot. */
export type MakeEvaluate<M = unknown> = (job: MonteCarloJob<M>) => Evaluate | { ok: false; message: string };

export const DEFAULT_CHUNK = 250;

/** A macrotask: lets the worker's message queue (a cancel) run between chunks. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs a job to its end or until `isCancelled()` says so, posting progress
 * after each chunk and then exactly one of result, cancelled, invalid or
 * error. `pause` runs between chunks (default: a zero timeout).
 */
export async function runMonteCarloJob<M>(
  job: MonteCarloJob<M>,
  makeEvaluate: MakeEvaluate<M>,
  post: (reply: MonteCarloReply) => void,
  isCancelled: () => boolean,
  pause: () => Promise<void> = nextTask,
): Promise<void> {
  const { id } = job;
  try {
    const problems = monteCarloProblems(job.params, job);
    if (problems.length) return post({ type: 'invalid', id, problems });
    const evaluate = makeEvaluate(job);
    if (typeof evaluate !== 'function') return post({ type: 'error', id, message: evaluate.message });
    const mc = createMonteCarlo(evaluate, job.params, job);
    const chunk = job.chunk !== undefined && Number.isInteger(job.chunk) && job.chunk > 0 ? job.chunk : DEFAULT_CHUNK;
    for (;;) {
      if (isCancelled()) return post({ type: 'cancelled', id, progress: mc.progress() });
      const progress = mc.step(chunk);
      post({ type: 'progress', id, progress });
      if (progress.finished) return post({ type: 'result', id, result: mc.result() });
      await pause();
    }
  } catch (e) {
    post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  }
}
