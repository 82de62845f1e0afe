/**
 * Evidence: verbatim quotes from a source, each with its paragraph, cited by
 * any number of branches and records. The analyst grades each quote's
 * credibility on the Admiralty scale (1 confirmed ... 6 cannot be judged) and
 * may add a note.
 */
import type { Evidence } from '@/lib/model/schema';
import { CREDIBILITIES, CREDIBILITY_LABEL } from '@/lib/annotations/vocab';
import type { RecordKind, Z } from './kind';
import { gradedBrief, gradedSchema, showGrade } from './graded';

export const evidenceAnnotationSchema = (z: Z) => gradedSchema(z, 'credibility', CREDIBILITIES);
export type EvidenceAnnotation = ReturnType<ReturnType<typeof evidenceAnnotationSchema>['parse']>;

export function defaultEvidenceAnnotation(now: string): EvidenceAnnotation {
  return { credibility: null, note: '', updatedAt: now };
}

const showCredibility = showGrade(CREDIBILITY_LABEL);

export const evidenceKind: RecordKind<'evidence', Evidence, EvidenceAnnotation> = {
  key: 'evidence', noun: 'quote', titleField: 'quote',
  repairNoun: { one: 'grade of quote', oneA: 'grade of a quote', many: 'grades of quotes' },
  annotationSchema: evidenceAnnotationSchema, defaults: defaultEvidenceAnnotation, textFields: ['note'],
  recordFields: ['paragraph', 'sourceId'],
  annotationFields: ['credibility', 'note'],
  show: { credibility: showCredibility },
  brief: gradedBrief((a: EvidenceAnnotation) => a.credibility, 'credibility', showCredibility),
};
