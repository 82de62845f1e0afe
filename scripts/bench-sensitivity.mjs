// Benchmark: sensitivity analysis and Monte Carlo (lib/analysis), in Node.
//
// Run through `npm run bench` or `npm run bench:analysis` (no build, no browser). Reported, not
// asserted. Loads the TypeScript modules through Vite's SSR loader (the same
// '@' alias as vitest) and measures, with the app's own evaluation (validation
// and rollback of a generated 1,000-node tree whose probabilities and
// consequences read 20 parameters, lib/analysis/evaluate.ts):
// - one evaluation;
// - a tornado over 20 parameters in both modes, and one-way at 11 points for
//   each of the 20 parameters (thresholds bisected);
// - 10,000 Monte Carlo iterations stepped in chunks of 250 (as the worker
//   does): total time and the longest chunk (the longest task a worker posts
//   between, and what the main thread would block for if run there).
// Environment: BENCH_NODES (default 1000), BENCH_ITERATIONS (default 10000), BENCH_RUNS (default 5).
import { tsLoader } from './ts-loader.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODES = Number(process.env.BENCH_NODES ?? 1000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PARAMS = 20;
const CHUNK = 250;

/**
 * The analysis layer of a generated 1,000-node tree (lib/gen/analysis.ts) made
 * to read 20 parameters: k0..k14 scale consequences (base 1, 0.5 to 1.5),
 * p0..p4 are the first-branch probabilities of chance nodes (base 0.3 where the
 * node has three branches, 0.2 to 0.45; the last branch is "the rest").
 */
function withParameters(tree) {
  const inputs = JSON.parse(JSON.stringify(tree.inputs));
  const byParent = new Map();
  for (const n of tree.nodes) if (n.parentId) (byParent.get(n.parentId) ?? byParent.set(n.parentId, []).get(n.parentId)).push(n);
  let k = 0;
  let pIndex = 0;
  for (const n of tree.nodes) {
    const kids = byParent.get(n.id) ?? [];
    if (n.kind === 'chance' && kids.length === 3 && pIndex < 200) inputs[kids[0].id].probability = `p${pIndex++ % 5}`;
  }
  for (const n of tree.nodes) {
    const input = inputs[n.id];
    if (!input || k++ % 7 !== 0) continue;
    input.consequences = { value: `${input.consequences.value} * k${k % 15}` };
  }
  const parameters = [
    ...Array.from({ length: 15 }, (_, i) => ({ id: `k${i}`, name: `Scale ${i}`, value: '1', low: 0.5, high: 1.5, assumptionId: `as${i % 7}` })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, name: `Chance ${i}`, value: '0.3', low: 0.2, high: 0.45, assumptionId: `as${i % 7}` })),
  ].map((p, i) => ({
    ...p,
    distribution: i % 3 === 0 ? { kind: 'pert', min: p.low, mode: p.id.startsWith('k') ? 1 : 0.3, max: p.high } : i % 3 === 1 ? { kind: 'triangular', min: p.low, mode: p.id.startsWith('k') ? 1 : 0.3, max: p.high } : { kind: 'uniform', min: p.low, max: p.high },
  }));
  return { nodes: tree.nodes, analysis: { settings: { ...tree.settings, parameters }, inputs } };
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

const server = await tsLoader(root);
try {
  const { generateAnalysisTree } = await server.ssrLoadModule('/lib/gen/analysis.ts');
  const { makeTreeEvaluate, sensParameters } = await server.ssrLoadModule('/lib/analysis/evaluate.ts');
  const { tornado, oneWay } = await server.ssrLoadModule('/lib/analysis/sensitivity.ts');
  const { createMonteCarlo } = await server.ssrLoadModule('/lib/analysis/montecarlo.ts');

  const model = withParameters(generateAnalysisTree({ nodes: NODES, seed: 20261204 }));
  const evaluate = makeTreeEvaluate(model);
  const params = sensParameters(model.analysis);
  if (params.length !== PARAMS) throw new Error(`expected ${PARAMS} parameters, got ${params.length}`);
  const check = evaluate({});
  if (!check.ok) throw new Error(`the benchmark tree cannot be computed: ${check.message}`);
  const tree = { count: model.nodes.length };

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
