/**
 * The Monte Carlo Web Worker: a thin shell around runMonteCarloJob
 * (lib/analysis/montecarlo-job.ts), which holds the protocol and the logic.
 * Started from client code with the literal pattern bundlers analyse:
 *   new Worker(new URL('../workers/montecarlo.worker.ts', import.meta.url), { type: 'module' })
 */
import { makeEvaluate } from '@/lib/analysis/montecarlo-evaluate';
import { runMonteCarloJob, type MonteCarloReply, type MonteCarloRequest } from '@/lib/analysis/montecarlo-job';

/** The part of DedicatedWorkerGlobalScope used here (the project's TypeScript lib is the DOM's). */
interface WorkerScope {
  postMessage(message: MonteCarloReply): void;
  onmessage: ((event: MessageEvent<MonteCarloRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const cancelled = new Set<string>();

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  const { id } = msg.job;
  void runMonteCarloJob(msg.job, makeEvaluate, (reply) => scope.postMessage(reply), () => cancelled.has(id)).finally(() => cancelled.delete(id));
};
