/**
 * The team's judgements as the page reads them from the store: every row
 * (lib/team/aggregate `teamRows`) and the worst band on each branch, worked
 * out once per change of what they depend on (the judgements, the tree, the
 * assumptions, the analysis' parameters), whichever component asks.
 *
 * Pure TypeScript: no React, no DOM.
 */
import type { AppState } from '@/lib/store/store';
import type { WorkDocument } from '@/lib/doc/types';
import { checksByAssumption, splitByBranch, teamRows, type Band, type TeamRow } from './aggregate';
import type { SplitLevel } from '@/lib/card/card';

interface Cached {
  nodes: unknown;
  assumptions: unknown;
  analysis: unknown;
  rows: readonly TeamRow[];
  split: ReadonlyMap<string, Band>;
  checks: ReadonlyMap<string, TeamRow>;
}

const NO_ROWS: readonly TeamRow[] = Object.freeze([]);
const NO_SPLIT: ReadonlyMap<string, Band> = new Map();
const NO_CHECKS: ReadonlyMap<string, TeamRow> = new Map();
const cache = new WeakMap<object, Cached>();

function cached(doc: WorkDocument): Cached | null {
  const j = doc.judgements;
  if (!j) return null;
  const hit = cache.get(j);
  if (hit && hit.nodes === doc.scenario.nodes && hit.assumptions === doc.scenario.assumptions && hit.analysis === doc.analysis) return hit;
  const rows = teamRows(doc, j);
  const next: Cached = { nodes: doc.scenario.nodes, assumptions: doc.scenario.assumptions, analysis: doc.analysis, rows, split: splitByBranch(rows), checks: checksByAssumption(rows) };
  cache.set(j, next);
  return next;
}

export const selectTeamRows = (s: AppState): readonly TeamRow[] => cached(s.document)?.rows ?? NO_ROWS;
export const selectTeamSplit = (s: AppState): ReadonlyMap<string, Band> => cached(s.document)?.split ?? NO_SPLIT;
/** Each judged assumption's row of Key Assumptions Check statuses, by assumption id. */
export const selectTeamChecks = (s: AppState): ReadonlyMap<string, TeamRow> => cached(s.document)?.checks ?? NO_CHECKS;
/** The card's mark for a band of disagreement: consensus (and no band) is not marked. */
export const splitMarkOf = (band: Band | null | undefined): SplitLevel | null => (band && band !== 'consensus' ? band : null);
/** A factory: the card's disagreement mark on one branch (null: consensus, one view, none, or not judged). */
export const splitOf = (id: string) => (s: AppState): SplitLevel | null => splitMarkOf(selectTeamSplit(s).get(id));
