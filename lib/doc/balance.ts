/**
 * The balance of evidence on a record (an assumption, a risk, an indicator, a
 * branch): the quotes it cites, for and against, each weighted by its grade on
 * the Admiralty code (the source's reliability A-F, the item's credibility
 * 1-6), and whether the analyst's Key Assumptions Check status is contradicted
 * by that balance. Pure; the weights are declared here once.
 */
import type { AssumptionStatus, Credibility, Reliability } from '@/lib/annotations/vocab';
import { own, type Annotations } from '@/lib/records';
import type { Scenario } from '@/lib/model/schema';

/**
 * Weight of a source by reliability: A 1 ... E 0.2. "Cannot be judged" (F) and
 * ungraded count half, as an analyst would neither trust nor dismiss them.
 */
export const RELIABILITY_WEIGHT: Readonly<Record<Reliability, number>> = { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.5 };
/** Weight of an item by credibility: 1 confirmed 1 ... 5 improbable 0.1; 6 (cannot be judged) and ungraded count half. */
export const CREDIBILITY_WEIGHT: Readonly<Record<Credibility, number>> = { '1': 1, '2': 0.8, '3': 0.6, '4': 0.4, '5': 0.1, '6': 0.5 };
const UNGRADED = 0.5;

/** How far one side must outweigh the other for the balance to lean (in units of one fully graded quote). */
export const LEAN_MARGIN = 0.5;

export type Lean = 'none' | 'for' | 'against' | 'mixed';

export interface Balance {
  /** Quotes cited, for and against. */
  forCount: number;
  againstCount: number;
  /** Their weights summed. */
  forWeight: number;
  againstWeight: number;
  lean: Lean;
}

/** The weight of one quote: its source's reliability times its own credibility. */
export function quoteWeight(scenario: Pick<Scenario, 'evidence'>, annotations: Pick<Annotations, 'evidence' | 'sources'>, evidenceId: string, sourceOf?: ReadonlyMap<string, string>): number {
  const sourceId = sourceOf ? sourceOf.get(evidenceId) : scenario.evidence.find((e) => e.id === evidenceId)?.sourceId;
  const reliability = sourceId === undefined ? null : (own(annotations.sources, sourceId)?.reliability ?? null);
  const credibility = own(annotations.evidence, evidenceId)?.credibility ?? null;
  return (reliability ? RELIABILITY_WEIGHT[reliability] : UNGRADED) * (credibility ? CREDIBILITY_WEIGHT[credibility] : UNGRADED);
}

/** Which way weights lean. */
export function leanOf(forWeight: number, againstWeight: number, forCount: number, againstCount: number): Lean {
  if (forCount === 0 && againstCount === 0) return 'none';
  if (forWeight - againstWeight >= LEAN_MARGIN) return 'for';
  if (againstWeight - forWeight >= LEAN_MARGIN) return 'against';
  return 'mixed';
}

/** The balance of the quotes a record cites. */
export function balanceOf(
  scenario: Pick<Scenario, 'evidence'>,
  annotations: Pick<Annotations, 'evidence' | 'sources'>,
  holder: { evidenceIds: readonly string[]; underminingEvidenceIds: readonly string[] },
  sourceOf: ReadonlyMap<string, string> = new Map(scenario.evidence.map((e) => [e.id, e.sourceId])),
): Balance {
  const against = new Set(holder.underminingEvidenceIds);
  let forCount = 0;
  let againstCount = 0;
  let forWeight = 0;
  let againstWeight = 0;
  for (const id of new Set(holder.evidenceIds)) {
    if (!sourceOf.has(id)) continue;
    const w = quoteWeight(scenario, annotations, id, sourceOf);
    if (against.has(id)) {
      againstCount++;
      againstWeight += w;
    } else {
      forCount++;
      forWeight += w;
    }
  }
  return { forCount, againstCount, forWeight, againstWeight, lean: leanOf(forWeight, againstWeight, forCount, againstCount) };
}

/**
 * Whether the evidence contradicts the analyst's status: judged solid while
 * the quotes lean against, or judged unsupported or broken while they lean for.
 * "With caveats" and "not reviewed" are never contradicted.
 */
export function contradicts(status: AssumptionStatus, lean: Lean): boolean {
  if (status === 'solid') return lean === 'against';
  if (status === 'unsupported' || status === 'broken') return lean === 'for';
  return false;
}
