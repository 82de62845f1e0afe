/**
 * The Monte Carlo worker's logic, run in Node: progress per chunk, a result
 * equal to a direct run, cancellation between chunks, refusals, and the
 * main-thread client over a fake worker that passes messages through
 * structuredClone as a real one does.
 */
import { describe, expect, it } from 'vitest';
import { createMonteCarlo } from '@/lib/analysis/montecarlo';
import { runMonteCarloJob, type MakeEvaluate, type MonteCarloJob, type MonteCarloReply, type MonteCarloRequest } from '@/lib/analysis/montecarlo-job';
import { startMonteCarlo, type WorkerLike } from '@/lib/analysis/montecarlo-client';
import { makeEvaluate as treeEvaluate } from '@/lib/analysis/montecarlo-evaluate';
import type { Evaluate, SensParameter } from '@/lib/analysis/sensitivity-types';

interface Model {
  slope: number;
}

const params: SensParameter[] = [{ id: 'p', name: 'Chance', base: 0.5, low: 0, high: 1, assumptionIds: ['as-1'], distribution: { kind: 'uniform', min: 0, max: 1 } }];

const evaluateFor =
  (m: Model): Evaluate =>
  (o) => {
    const a = m.slope * (o.p ?? 0.5);
    return { ok: true, options: [{ id: 'A', value: a }, { id: 'B', value: 1 }], best: a >= 1 ? ['A'] : ['B'], value: Math.max(a, 1) };
  };

const make: MakeEvaluate<Model> = (job) => evaluateFor(job.model);
const job = (over: Partial<MonteCarloJob<Model>> = {}): MonteCarloJob<Model> => ({ id: 'run-1', seed: 7, iterations: 1000, params, model: { slope: 3 }, chunk: 100, ...over });
const noPause = () => Promise.resolve();

describe('runMonteCarloJob', () => {
  it('posts progress after each chunk, then the result of a direct run', async () => {
    const posted: MonteCarloReply[] = [];
    await runMonteCarloJob(job(), make, (r) => posted.push(structuredClone(r)), () => false, noPause);
    const progress = posted.filter((r) => r.type === 'progress');
    expect(progress.map((r) => r.type === 'progress' && r.progress.done)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    const last = posted.at(-1)!;
    expect(last.type).toBe('result');
    const direct = createMonteCarlo(evaluateFor({ slope: 3 }), params, { seed: 7, iterations: 1000 });
    direct.step(1000);
    expect(last.type === 'result' && last.result).toEqual(direct.result());
  });

  it('stops between chunks when cancelled, with the progress so far and no figures', async () => {
    const posted: MonteCarloReply[] = [];
    let chunks = 0;
    await runMonteCarloJob(job(), make, (r) => posted.push(r), () => chunks >= 3, () => (chunks++, Promise.resolve()));
    expect(posted.at(-1)).toEqual({ type: 'cancelled', id: 'run-1', progress: { done: 300, total: 1000, valid: 300, invalid: 0, finished: false } });
    expect(posted.some((r) => r.type === 'result')).toBe(false);
  });

  it('yields a macrotask between chunks by default, so a cancel message gets through', async () => {
    const posted: MonteCarloReply[] = [];
    let cancel = false;
    const running = runMonteCarloJob(job({ iterations: 100_000 }), make, (r) => posted.push(r), () => cancel);
    setTimeout(() => (cancel = true), 0);
    await running;
    const last = posted.at(-1)!;
    expect(last.type).toBe('cancelled');
    expect(last.type === 'cancelled' && last.progress.done).toBeLessThan(100_000);
  });

  it('refuses an invalid job with its problems, an unbuildable evaluation or a throwing one with an error', async () => {
    const posted: MonteCarloReply[] = [];
    await runMonteCarloJob(job({ iterations: 0 }), make, (r) => posted.push(r), () => false, noPause);
    expect(posted).toEqual([{ type: 'invalid', id: 'run-1', problems: [{ code: 'iterations', iterations: 0 }] }]);
    posted.length = 0;
    // The worker's evaluator refuses a job whose model is not a tree.
    await runMonteCarloJob(job(), treeEvaluate as MakeEvaluate<Model>, (r) => posted.push(r), () => false, noPause);
    expect(posted).toEqual([{ type: 'error', id: 'run-1', message: 'The job carries no tree to evaluate.' }]);
    posted.length = 0;
    const throwing: MakeEvaluate<Model> = () => () => {
      throw new Error('boom');
    };
    await runMonteCarloJob(job(), throwing, (r) => posted.push(r), () => false, noPause);
    expect(posted).toEqual([{ type: 'error', id: 'run-1', message: 'boom' }]);
  });
});

/** A worker in the same thread: messages are structured-cloned both ways and delivered as macrotasks. */
function fakeWorker(): WorkerLike {
  const listeners = new Set<(e: { data: MonteCarloReply }) => void>();
  const cancelled = new Set<string>();
  return {
    postMessage(message: MonteCarloRequest) {
      const msg = structuredClone(message) as MonteCarloRequest<Model>;
      setTimeout(() => {
        if (msg.type === 'cancel') cancelled.add(msg.id);
        else void runMonteCarloJob(msg.job, make, (r) => setTimeout(() => listeners.forEach((l) => l({ data: structuredClone(r) })), 0), () => cancelled.has(msg.job.id));
      }, 0);
    },
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
  };
}

describe('startMonteCarlo (client)', () => {
  it('reports progress and settles with the result', async () => {
    const seen: number[] = [];
    const run = startMonteCarlo(fakeWorker(), job(), (p) => seen.push(p.done));
    const final = await run.done;
    expect(final.type).toBe('result');
    expect(seen.at(-1)).toBe(1000);
    expect(final.type === 'result' && final.result.probabilityBest.map((o) => o.id)).toEqual(['A', 'B']);
  });

  it('a run cancelled halfway settles as cancelled', async () => {
    const run = startMonteCarlo(fakeWorker(), job({ iterations: 200_000, chunk: 500 }), (p) => {
      if (p.done >= 1000) run.cancel();
    });
    const final = await run.done;
    expect(final.type).toBe('cancelled');
    expect(final.type === 'cancelled' && final.progress.done).toBeLessThan(200_000);
  });
});
