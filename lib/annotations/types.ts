/**
 * The analyst's annotation layer, kept apart from the scenario it annotates.
 * Records are keyed by the id of the thing annotated. Ids are slugs, so
 * "__proto__" can never be one, and "constructor"/"prototype" are refused by
 * the id schema; still, read with `own()` so a missing key never falls through
 * to Object.prototype.
 */
import type { AssumptionStatus, IndicatorState, Likelihood, Rating, Stance } from './vocab';

export interface NodeAnnotation {
  /** Markdown; rendered without raw HTML and with safe links only. */
  note: string;
  stance: Stance;
  likelihood: Likelihood | null;
  tags: string[];
  updatedAt: string;
}

export interface AssumptionAnnotation {
  status: AssumptionStatus;
  rationale: string;
  /** What would undermine it. */
  undermine: string;
  updatedAt: string;
}

export interface RiskAnnotation {
  likelihood: Rating | null;
  impact: Rating | null;
  mitigation: string;
  updatedAt: string;
}

export interface IndicatorAnnotation {
  state: IndicatorState;
  /** ISO date (YYYY-MM-DD) the analyst last checked, or null. */
  lastChecked: string | null;
  note: string;
  updatedAt: string;
}

export interface Annotations {
  nodes: Record<string, NodeAnnotation>;
  assumptions: Record<string, AssumptionAnnotation>;
  risks: Record<string, RiskAnnotation>;
  indicators: Record<string, IndicatorAnnotation>;
}

export function emptyAnnotations(): Annotations {
  return { nodes: {}, assumptions: {}, risks: {}, indicators: {} };
}

export function own<T>(rec: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

export function defaultNodeAnnotation(now: string): NodeAnnotation {
  return { note: '', stance: 'open', likelihood: null, tags: [], updatedAt: now };
}
export function defaultAssumptionAnnotation(now: string): AssumptionAnnotation {
  return { status: 'unreviewed', rationale: '', undermine: '', updatedAt: now };
}
export function defaultRiskAnnotation(now: string): RiskAnnotation {
  return { likelihood: null, impact: null, mitigation: '', updatedAt: now };
}
export function defaultIndicatorAnnotation(now: string): IndicatorAnnotation {
  return { state: 'not-seen', lastChecked: null, note: '', updatedAt: now };
}
