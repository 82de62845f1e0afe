/**
 * Deterministic decision trees with analysis inputs, for tests and benchmarks
 * of lib/analysis. Same options, same tree.
 *
 * - `bushy`: node i's parent is floor((i - 1) / fanOut); inner nodes alternate
 *   decision (even depth) and chance (odd depth); leaves are outcomes.
 * - `chain`: a single path of decisions, `nodes` deep, ending in an outcome.
 *
 * Every branch carries a consequence on the one criterion "value" (an integer
 * from -50 to 50); the branches of a chance node carry equal probabilities,
 * the last one "the rest" (#). The result passes validation.
 */
import type { AnalysisInputs, AnalysisSettings } from '@/lib/analysis/model';
import type { AnalysisNode } from '@/lib/analysis/validate';
import { createRng } from './generate';

export interface AnalysisTreeOptions {
  nodes: number;
  shape?: 'bushy' | 'chain';
  /** Children per inner node of a bushy tree. Default 3. */
  fanOut?: number;
  seed?: number;
}

export interface AnalysisTree {
  nodes: AnalysisNode[];
  inputs: AnalysisInputs;
  settings: AnalysisSettings;
}

export function generateAnalysisTree(options: AnalysisTreeOptions): AnalysisTree {
  const n = Math.max(1, Math.floor(options.nodes));
  const fan = Math.max(2, Math.floor(options.fanOut ?? 3));
  const chain = options.shape === 'chain';
  const rng = createRng(options.seed ?? 1);
  const parentOf = (i: number) => (i === 0 ? -1 : chain ? i - 1 : Math.floor((i - 1) / fan));
  const childCount = new Int32Array(n);
  for (let i = 1; i < n; i++) childCount[parentOf(i)]!++;
  const depth = new Int32Array(n);
  const nodes: AnalysisNode[] = [];
  for (let i = 0; i < n; i++) {
    const p = parentOf(i);
    if (p >= 0) depth[i] = depth[p]! + 1;
    const kind = childCount[i] === 0 ? 'outcome' : chain || depth[i]! % 2 === 0 ? 'decision' : 'chance';
    nodes.push({ id: `n${i}`, parentId: p < 0 ? null : `n${p}`, kind, title: `Node ${i}`, order: i });
  }
  const inputs: AnalysisInputs = {};
  const seen = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    const p = parentOf(i);
    const input: AnalysisInputs[string] = { consequences: { value: String(Math.floor(rng() * 101) - 50) } };
    if (nodes[p]!.kind === 'chance') {
      seen[p]!++;
      input.probability = seen[p] === childCount[p] ? '#' : `1/${childCount[p]}`;
    }
    inputs[`n${i}`] = input;
  }
  const settings: AnalysisSettings = {
    criteria: [{ id: 'value', name: 'Value', unit: '', better: 'higher', weight: 1 }],
    parameters: [],
    rule: 'max-ev',
  };
  return { nodes, inputs, settings };
}
