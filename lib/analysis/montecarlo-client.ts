/**
 * The main thread's side of the Monte Carlo worker protocol
 * (montecarlo-job.ts): sends a job, hands progress to a callback, settles
 * with the final reply, and cancels. Takes any worker-like object, so the
 * app passes a real Worker and tests a fake one. No DOM of its own.
 */
import type { MonteCarloJob, MonteCarloReply, MonteCarloRequest } from './montecarlo-job';
import type { MonteCarloProgress } from './montecarlo';

/** What the client needs of a Worker. */
export interface WorkerLike {
  postMessage(message: MonteCarloRequest): void;
  addEventListener(type: 'message', listener: (event: { data: MonteCarloReply }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: MonteCarloReply }) => void): void;
}

export type FinalReply = Exclude<MonteCarloReply, { type: 'progress' }>;

export interface MonteCarloRun {
  /** Settles with the run's last reply: result, cancelled, invalid or error. */
  done: Promise<FinalReply>;
  /** Asks the worker to stop after its current chunk. */
  cancel(): void;
}

export function startMonteCarlo<M>(worker: WorkerLike, job: MonteCarloJob<M>, onProgress?: (p: MonteCarloProgress) => void): MonteCarloRun {
  let listener: (event: { data: MonteCarloReply }) => void = () => {};
  const done = new Promise<FinalReply>((resolve) => {
    listener = ({ data }) => {
      if (data.id !== job.id) return;
      if (data.type === 'progress') {
        onProgress?.(data.progress);
        return;
      }
      worker.removeEventListener('message', listener);
      resolve(data);
    };
    worker.addEventListener('message', listener);
  });
  worker.postMessage({ type: 'run', job });
  return { done, cancel: () => worker.postMessage({ type: 'cancel', id: job.id }) };
}
