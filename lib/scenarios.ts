/**
 * The scenarios shipped with Branchpoint. Imported statically so they are part
 * of the build (no file access or network at run time) and validated on the
 * server before they reach the page.
 */
import talibanTtp from '@/scenarios/taliban-ttp-conundrum.json';
import { validateScenario, describeProblem } from '@/lib/model/integrity';
import type { Scenario } from '@/lib/model/schema';

const RAW: ReadonlyArray<unknown> = [talibanTtp];

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
  return cache;
}
