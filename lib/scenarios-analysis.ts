/**
 * The analysis layers shipped beside some scenarios (scenarios/analysis/<id>.json):
 * the worked example's criteria, parameters, rule and branch numbers. The
 * article scenario ships none (its numbers would be invented). Imported
 * statically (small, part of the build); checked by lib/scenarios.ts on the
 * server at build time and by tests/unit/scenarios-example.test.ts.
 */
import texacoPennzoil from '@/scenarios/analysis/texaco-pennzoil.json';
import type { AnalysisDoc } from '@/lib/analysis/document';
import type { Scenario } from '@/lib/model/schema';
import type { ViewState } from '@/lib/doc/types';

const SHIPPED: Readonly<Record<string, AnalysisDoc>> = Object.freeze({
  'texaco-pennzoil': texacoPennzoil as AnalysisDoc,
});

/** The analysis layer that ships with a scenario, if any (a fresh copy: the caller may keep it in a document). */
export function shippedAnalysis(scenarioId: string): AnalysisDoc | undefined {
  return Object.hasOwn(SHIPPED, scenarioId) ? (structuredClone(SHIPPED[scenarioId]) as AnalysisDoc) : undefined;
}

/** Ids of the scenarios that ship an analysis layer. */
export const SHIPPED_ANALYSIS_IDS: readonly string[] = Object.keys(SHIPPED);

/**
 * How a scenario with a shipped analysis opens when the analyst has no saved
 * view of it: every branch open and the root selected, so the best path, the
 * dimmed rejected branches and the root's value (in the inspector) show at once.
 * Null for the others (they open at the usual depth).
 */
export function shippedView(s: Scenario): ViewState | null {
  if (!Object.hasOwn(SHIPPED, s.id)) return null;
  const parents = new Set(s.nodes.map((n) => n.parentId));
  const root = s.nodes.find((n) => n.parentId === null);
  return { expanded: s.nodes.filter((n) => parents.has(n.id)).map((n) => n.id), selectedId: root?.id ?? null, viewport: null };
}
