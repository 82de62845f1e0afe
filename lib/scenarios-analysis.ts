/**
 * The analysis layers shipped beside some scenarios (scenarios/analysis/<id>.json):
 * the worked example's criteria, parameters, rule and branch numbers. The
 * article scenario ships none (its numbers would be invented). Imported
 * statically (small, part of the build); checked by lib/scenarios.ts on the
 * server at build time and by tests/unit/scenarios-example.test.ts.
 */
import texacoPennzoil from '@/scenarios/analysis/texaco-pennzoil.json';
import type { AnalysisDoc } from '@/lib/analysis/document';

const SHIPPED: Readonly<Record<string, AnalysisDoc>> = Object.freeze({
  'texaco-pennzoil': texacoPennzoil as AnalysisDoc,
});

/** The analysis layer that ships with a scenario, if any (a fresh copy: the caller may keep it in a document). */
export function shippedAnalysis(scenarioId: string): AnalysisDoc | undefined {
  return Object.hasOwn(SHIPPED, scenarioId) ? (structuredClone(SHIPPED[scenarioId]) as AnalysisDoc) : undefined;
}

/** Ids of the scenarios that ship an analysis layer. */
export const SHIPPED_ANALYSIS_IDS: readonly string[] = Object.keys(SHIPPED);
