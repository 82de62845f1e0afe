/**
 * The registry of annotated record kinds. Everything generic over kinds
 * (annotate, restore, canonical export, diff, brief) iterates this list; a
 * new field is declared in its kind's module only.
 */
import type { Scenario } from '@/lib/model/schema';
import { assumptionKind, type AssumptionAnnotation } from './assumption';
import { evidenceKind, type EvidenceAnnotation } from './evidence';
import { indicatorKind, type IndicatorAnnotation } from './indicator';
import type { AnnotatedKind, AnyRecordKind, RecordKind } from './kind';
import { nodeKind, type NodeAnnotation } from './node';
import { riskKind, type RiskAnnotation } from './risk';
import { sourceKind, type SourceAnnotation } from './source';

export { ANNOTATED_KINDS, fieldValue, recordsOf, titleOf, type AnnotatedKind, type AnyRecordKind, type FieldValue, type RecordKind, type Z } from './kind';
export type { AssumptionAnnotation, EvidenceAnnotation, IndicatorAnnotation, NodeAnnotation, RiskAnnotation, SourceAnnotation };

/** The annotation type of each kind. */
export interface AnnotationOf {
  nodes: NodeAnnotation;
  assumptions: AssumptionAnnotation;
  risks: RiskAnnotation;
  indicators: IndicatorAnnotation;
  evidence: EvidenceAnnotation;
  sources: SourceAnnotation;
}

/** The scenario record type each kind annotates. */
export interface RecordOf {
  nodes: Scenario['nodes'][number];
  assumptions: Scenario['assumptions'][number];
  risks: Scenario['risks'][number];
  indicators: Scenario['indicators'][number];
  evidence: Scenario['evidence'][number];
  sources: Scenario['sources'][number];
}

export type Annotations = { [K in AnnotatedKind]: Record<string, AnnotationOf[K]> };

/** An annotation patch: some of its fields, never the timestamp. */
export type AnnotationPatch<K extends AnnotatedKind> = Partial<Omit<AnnotationOf[K], 'updatedAt'>>;

export const RECORD_KINDS: { [K in AnnotatedKind]: RecordKind<K, RecordOf[K], AnnotationOf[K]> } = {
  nodes: nodeKind,
  assumptions: assumptionKind,
  risks: riskKind,
  indicators: indicatorKind,
  evidence: evidenceKind,
  sources: sourceKind,
};

/** The kinds in display order, for loops. */
export const RECORD_KIND_LIST = [nodeKind, assumptionKind, riskKind, indicatorKind, evidenceKind, sourceKind] as unknown as readonly AnyRecordKind[];

export function emptyAnnotations(): Annotations {
  return { nodes: {}, assumptions: {}, risks: {}, indicators: {}, evidence: {}, sources: {} };
}

/** Reads an own property only, so a missing key never falls through to Object.prototype. */
export function own<T>(rec: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

/** The annotation of a record, or its defaults when the analyst has recorded nothing. */
export function annotationOf<K extends AnnotatedKind>(annotations: Annotations, kind: K, id: string): AnnotationOf[K] | undefined {
  return own(annotations[kind] as Record<string, AnnotationOf[K]>, id);
}
