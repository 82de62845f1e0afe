/**
 * What the screen shows of the decision analysis for a document: whether the
 * analyst uses it at all, the problems found before computing (by node), the
 * rollback when there are none, and the probabilities that fall outside the
 * band of the analyst's own verbal likelihood (ICD 203) on the same branch.
 *
 * Pure. Computed once per change of the tree or of the analysis layer (the
 * store's selector memoises it).
 */
import type { Scenario } from '@/lib/model/schema';
import type { Annotations } from '@/lib/records';
import { LIKELIHOOD_INFO } from '@/lib/annotations/vocab';
import { isEmptyAnalysis, type AnalysisDoc } from './document';
import { KIND_CHANCE, KIND_DECISION, prepare, type Problem } from './validate';
import { solve } from './rollback';
import { INACTIVE_VIEW, type AnalysisView, type BandMismatch } from './view-types';

export type { AnalysisView, BandMismatch };

/** Rounding slack when comparing a probability with a percentage band. */
const BAND_SLACK = 1e-9;

export function analysisView(scenario: Scenario, analysis: AnalysisDoc, annotations: Annotations): AnalysisView {
  if (isEmptyAnalysis(analysis)) return INACTIVE_VIEW;
  const result = solve(scenario.nodes, analysis.inputs, analysis.settings);
  const problems = result.ok ? [] : result.problems;
  const problemsByNode = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = p.nodeId ?? '';
    const list = problemsByNode.get(key);
    if (list) list.push(p);
    else problemsByNode.set(key, [p]);
  }
  // Probabilities as resolved (when the tree has problems, the ones that could be read).
  const prepared = result.ok ? result.prepared : prepare(scenario.nodes, analysis.inputs, analysis.settings);
  const mismatches = new Map<string, BandMismatch>();
  const { ids, parent, kind } = prepared.structure;
  for (let i = 0; i < ids.length; i++) {
    const up = parent[i]!;
    if (up < 0 || kind[up] !== KIND_CHANCE) continue; // only children of chance nodes carry a probability
    const id = ids[i]!;
    const likelihood = own(annotations.nodes, id)?.likelihood ?? null;
    const pr = prepared.prob[i];
    if (!likelihood || pr === undefined || !Number.isFinite(pr)) continue;
    const band = LIKELIHOOD_INFO[likelihood].band;
    const pct = pr * 100;
    if (pct < band[0] - BAND_SLACK || pct > band[1] + BAND_SLACK) mismatches.set(id, { nodeId: id, probability: pr, likelihood, band });
  }
  // Rejected: under a decision, every child that is not (one of) its best, with its subtree (pre-order: parents first).
  const rejected = new Set<string>();
  if (result.ok) {
    const { best } = result.solution;
    for (let i = 0; i < ids.length; i++) {
      const up = parent[i]!;
      if (up < 0) continue;
      if (rejected.has(ids[up]!) || (kind[up] === KIND_DECISION && !(best.get(ids[up]!) ?? []).includes(ids[i]!))) rejected.add(ids[i]!);
    }
  }
  return { active: true, problems, problemsByNode, solution: result.ok ? result.solution : null, mismatches, rejected };
}

function own<T>(rec: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

let last: { nodes: unknown; analysis: unknown; notes: unknown; view: AnalysisView } | null = null;
/** `analysisView`, computed again only when the tree, the numbers or the analyst's likelihoods changed. */
export function memoAnalysisView(scenario: Scenario, analysis: AnalysisDoc, annotations: Annotations): AnalysisView {
  if (last && last.nodes === scenario.nodes && last.analysis === analysis && last.notes === annotations.nodes) return last.view;
  const view = analysisView(scenario, analysis, annotations);
  last = { nodes: scenario.nodes, analysis, notes: annotations.nodes, view };
  return view;
}
