/**
 * The scenarios shipped with Branchpoint. Imported statically so they are part
 * of the build (no file access or network at run time) and validated on the
 * server before they reach the page.
 */
import { zod } from '@/lib/model/zod';
import talibanTtp from '@/scenarios/taliban-ttp-conundrum.json';
import texacoPennzoil from '@/scenarios/texaco-pennzoil.json';
import { validateScenario, describeProblem } from '@/lib/model/integrity';
import type { Scenario } from '@/lib/model/schema';
import { restoreAnalysis } from '@/lib/analysis/document';
import { SHIPPED_ANALYSIS_IDS, shippedAnalysis } from '@/lib/scenarios-analysis';

/** The article first (the default), then the worked decision-analysis example. */
const RAW: ReadonlyArray<unknown> = [talibanTtp, texacoPennzoil];

export const DEFAULT_SCENARIO_ID = 'taliban-ttp-conundrum';

let cache: Scenario[] | null = null;

/** Every shipped scenario, validated. Throws at build time if one is invalid. */
export function shippedScenarios(): Scenario[] {
  if (cache) return cache;
  cache = RAW.map((raw, i) => {
    const r = validateScenario(raw);
    if (!r.ok) throw new Error(`shipped scenario #${i} is invalid:\n${r.problems.map(describeProblem).join('\n')}`);
    return r.scenario;
  });
  // Each shipped analysis layer belongs to a shipped scenario and restores without a single repair.
  for (const id of SHIPPED_ANALYSIS_IDS) {
    const scenario = cache.find((s) => s.id === id);
    if (!scenario) throw new Error(`the shipped analysis layer "${id}" has no shipped scenario`);
    const { repairs } = restoreAnalysis(zod, shippedAnalysis(id), scenario);
    if (repairs.length > 0) throw new Error(`the shipped analysis layer "${id}" is invalid: ${JSON.stringify(repairs)}`);
  }
  return cache;
}
