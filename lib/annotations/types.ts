/**
 * The analyst's annotation layer, kept apart from the scenario it annotates.
 * Records are keyed by the id of the thing annotated. Each kind is defined in
 * its own module under lib/records; this module gathers the names.
 */
export {
  annotationOf,
  emptyAnnotations,
  own,
  type AnnotationOf,
  type AnnotationPatch,
  type Annotations,
  type AssumptionAnnotation,
  type EvidenceAnnotation,
  type IndicatorAnnotation,
  type NodeAnnotation,
  type RiskAnnotation,
} from '@/lib/records';
export { defaultNodeAnnotation } from '@/lib/records/node';
export { defaultAssumptionAnnotation } from '@/lib/records/assumption';
export { defaultRiskAnnotation } from '@/lib/records/risk';
export { defaultIndicatorAnnotation } from '@/lib/records/indicator';
export { defaultEvidenceAnnotation } from '@/lib/records/evidence';
