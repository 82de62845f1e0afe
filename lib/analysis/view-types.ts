/**
 * The shape of the analysis as the screen shows it (lib/analysis/view.ts
 * computes it). Types and one constant only, so the store and the tree can
 * read it without loading the evaluator into the first screen.
 */
import type { Likelihood } from '@/lib/annotations/vocab';
import type { Problem } from './validate';
import type { Solution } from './rollback';

/** A branch whose numeric probability lies outside the band of the likelihood the analyst chose for it. */
export interface BandMismatch {
  nodeId: string;
  probability: number;
  likelihood: Likelihood;
  band: readonly [number, number];
}

export interface AnalysisView {
  /** False while the analyst has recorded nothing: nothing is computed or shown on the tree. */
  active: boolean;
  problems: readonly Problem[];
  /** Problems by node id (problems of the settings are under ''). */
  problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  solution: Solution | null;
  mismatches: ReadonlyMap<string, BandMismatch>;
  /** Branches a decision above them rejects (the best choice lies elsewhere), and everything under them: dimmed on the tree. */
  rejected: ReadonlySet<string>;
}

export const INACTIVE_VIEW: AnalysisView = { active: false, problems: [], problemsByNode: new Map(), solution: null, mismatches: new Map(), rejected: new Set() };
