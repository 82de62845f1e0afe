// Benchmark: sensitivity analysis and Monte Carlo (lib/analysis), in Node.
//
// Run through `npm run bench` or `npm run bench:analysis` (no build, no browser). Reported, not
// asserted. Loads the TypeScript modules through Vite's SSR loader (the same
// '@' alias as vitest) and measures, against a synthetic evaluation of
// realistic cost (an expected-value rollback of a random 1,000-node tree
// whose probabilities and payoffs read 20 parameters):
// - one evaluation;
// - a tornado over 20 parameters in both modes, and one-way at 11 points for
//   each of the 20 parameters (thresholds bisected);
// - 10,000 Monte Carlo iterations stepped in chunks of 250 (as the worker
//   does): total time and the longest chunk (the longest task a worker posts
//   between, and what the main thread would block for if run there).
// Environment: BENCH_NODES (default 1000), BENCH_ITERATIONS (default 10000), BENCH_RUNS (default 5).
import { createServer } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODES = Number(process.env.BENCH_NODES ?? 1000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PARAMS = 20;
const CHUNK = 250;

/** A deterministic random tree: a root decision of 3 options, then chance nodes of 2–3 branches down to `n` nodes. */
function makeTree(n, rand) {
  let count = 1;
  const root = { kind: 'decision', children: [] };
  const queue = [];
  for (let i = 0; i < 3; i++) {
    const c = { kind: 'chance', children: [], id: `opt${i}` };
    root.children.push(c);
    queue.push(c);
    count++;
  }
  while (queue.length && count < n) {
    const node = queue.shift();
    const k = 2 + Math.floor(rand() * 2);
    const weights = Array.from({ length: k }, () => 0.2 + rand());
    const sum = weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < k && count < n; i++) {
      const child = { kind: rand() < 0.15 ? 'decision' : 'chance', children: [], p: weights[i] / sum, pParam: rand() < 0.05 ? `p${Math.floor(rand() * 10)}` : null };
      child.payoff = Math.round(rand() * 200 - 50);
      child.payParam = rand() < 0.1 ? `p${10 + Math.floor(rand() * 10)}` : null;
      node.children.push(child);
      queue.push(child);
      count++;
    }
  }
  return { root, count };
}

function makeEvaluate(tree, base) {
  const value = (node, v) => {
    if (!node.children.length) return node.payParam ? node.payoff * v[node.payParam] : node.payoff;
    if (node.kind === 'decision') {
      let best = -Infinity;
      for (const c of node.children) best = Math.max(best, value(c, v));
      return best;
    }
    let s = 0;
    let total = 0;
    for (const c of node.children) {
      const p = c.pParam ? c.p * v[c.pParam] : c.p;
      total += p;
      s += p * value(c, v);
    }
    return s / total;
  };
  const baseValues = tree.root.children.map((c) => value(c, base));
  const baseBest = baseValues.indexOf(Math.max(...baseValues));
  return (overrides, policy) => {
    const v = { ...base, ...overrides };
    const options = tree.root.children.map((c) => ({ id: c.id, value: value(c, v) }));
    if (policy === 'base') return { ok: true, options, best: [options[baseBest].id], value: options[baseBest].value };
    const max = Math.max(...options.map((o) => o.value));
    return { ok: true, options, best: options.filter((o) => o.value === max).map((o) => o.id), value: max };
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const time = (fn) => {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await createServer({ root, configFile: false, logLevel: 'error', resolve: { alias: { '@': root } }, server: { middlewareMode: true, hmr: false }, appType: 'custom', optimizeDeps: { noDiscovery: true } });
try {
  const { createSource } = await server.ssrLoadModule('/lib/analysis/random.ts');
  const { tornado, oneWay } = await server.ssrLoadModule('/lib/analysis/sensitivity.ts');
  const { createMonteCarlo } = await server.ssrLoadModule('/lib/analysis/montecarlo.ts');

  const rand = createSource(20261204);
  const tree = makeTree(NODES, rand);
  const base = Object.fromEntries(Array.from({ length: PARAMS }, (_, i) => [`p${i}`, 1]));
  const evaluate = makeEvaluate(tree, base);
  const params = Array.from({ length: PARAMS }, (_, i) => ({
    id: `p${i}`,
    name: `Parameter ${i}`,
    base: 1,
    low: 0.5,
    high: 1.5,
    assumptionIds: [`as${i % 7}`],
    distribution: i % 3 === 0 ? { kind: 'pert', min: 0.5, mode: 1, max: 1.5 } : i % 3 === 1 ? { kind: 'triangular', min: 0.5, mode: 1, max: 1.5 } : { kind: 'uniform', min: 0.5, max: 1.5 },
  }));

  const rows = [];
  const one = [];
  const tf = [];
  const tr = [];
  const ow = [];
  const mcTotal = [];
  const mcChunk = [];
  let evaluations = 0;
  const counted = (o, p) => (evaluations++, evaluate(o, p));
  for (let run = 0; run < RUNS; run++) {
    one.push(time(() => evaluate({}))[0]);
    tf.push(time(() => tornado(evaluate, params, 'fixed'))[0]);
    tr.push(time(() => tornado(evaluate, params, 'reoptimised'))[0]);
    evaluations = 0;
    ow.push(time(() => params.map((p) => oneWay(counted, p, 11)))[0]);
    const mc = createMonteCarlo(evaluate, params, { seed: 42 + run, iterations: ITERATIONS });
    let longest = 0;
    const [total] = time(() => {
      while (!mc.progress().finished) longest = Math.max(longest, time(() => mc.step(CHUNK))[0]);
    });
    mcTotal.push(total);
    mcChunk.push(longest);
  }
  rows.push(['one evaluation', ms(median(one))]);
  rows.push([`tornado, ${PARAMS} parameters, policy fixed`, ms(median(tf))]);
  rows.push([`tornado, ${PARAMS} parameters, re-optimised`, ms(median(tr))]);
  rows.push([`one-way, ${PARAMS} parameters × 11 points + bisection (${evaluations} evaluations)`, ms(median(ow))]);
  rows.push([`Monte Carlo, ${ITERATIONS.toLocaleString('en')} iterations`, ms(median(mcTotal))]);
  rows.push([`Monte Carlo, longest chunk of ${CHUNK}`, ms(median(mcChunk))]);
  console.log(`Analysis benchmark: tree of ${tree.count} nodes, ${PARAMS} parameters, median of ${RUNS} runs, Node ${process.version}`);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v.padStart(10)}`);
} finally {
  await server.close();
}
