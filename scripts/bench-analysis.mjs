// Benchmark of the decision-analysis core (lib/analysis) in Node: no browser, no build.
//
//   node scripts/bench-analysis.mjs [--runs=5] [--nodes=10000]
//
// Loads the TypeScript modules through Vite's SSR loader (Vite comes with
// Vitest), generates a tree of decision and chance nodes (lib/gen/analysis.ts:
// fan-out 3, "the rest" on one branch of each chance node, a consequence on
// every branch) and
// prints the median of the runs for: validation + rollback (`solve`), the
// rollback alone on prepared arrays, EVPI of every chance node, and the risk
// profile. Reported, not asserted (the target for `solve` is <= 50 ms).
import { performance } from 'node:perf_hooks';
import { tsLoader } from './ts-loader.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RUNS = flag('runs', 5);
const NODES = flag('nodes', 10_000);

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

async function time(fn) {
  const out = [];
  fn(); // warm-up
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

const server = await tsLoader(root);
try {
  const rollback = await server.ssrLoadModule('/lib/analysis/rollback.ts');
  const validate = await server.ssrLoadModule('/lib/analysis/validate.ts');
  const { generateAnalysisTree } = await server.ssrLoadModule('/lib/gen/analysis.ts');
  const { nodes, inputs, settings } = generateAnalysisTree({ nodes: NODES });
  const check = rollback.solve(nodes, inputs, settings);
  if (!check.ok) throw new Error(`the generated tree is invalid: ${check.problems[0]?.message}`);
  const prepared = validate.prepare(nodes, inputs, settings);
  const rows = [
    ['solve (validate + rollback)', await time(() => rollback.solve(nodes, inputs, settings))],
    ['rollback on prepared arrays', await time(() => rollback.rollPrepared(prepared, 'max-ev'))],
    ['EVPI of every chance node', await time(() => rollback.evpi(nodes, inputs, settings))],
    ['risk profile of the best policy', await time(() => rollback.riskProfile(nodes, inputs, settings))],
  ];
  console.log(`== analysis (Node ${process.version}): ${NODES.toLocaleString('en')}-node tree, median of ${RUNS} runs`);
  for (const [what, ms] of rows) console.log(`${what.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms`);
} finally {
  await server.close();
}
