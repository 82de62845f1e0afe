/**
 * Sources (the articles, reports and speeches a scenario is drawn from) and
 * the analyst's grade of each: its reliability on the Admiralty scale (A
 * completely reliable ... E unreliable, F cannot be judged) and a note.
 */
import type { Source } from '@/lib/model/schema';
import { RELIABILITIES, RELIABILITY_LABEL } from '@/lib/annotations/vocab';
import type { RecordKind, Z } from './kind';
import { gradedBrief, gradedSchema, showGrade } from './graded';
import { digits } from '@/lib/messages/count';

export const sourceAnnotationSchema = (z: Z) => gradedSchema(z, 'reliability', RELIABILITIES);
export type SourceAnnotation = ReturnType<ReturnType<typeof sourceAnnotationSchema>['parse']>;

export function defaultSourceAnnotation(now: string): SourceAnnotation {
  return { reliability: null, note: '', updatedAt: now };
}

export const showReliability = showGrade(RELIABILITY_LABEL);

export const sourceKind: RecordKind<'sources', Source, SourceAnnotation> = {
  key: 'sources', noun: 'source', titleField: 'title',
  repairNoun: { one: 'grade of source', oneA: 'grade of a source', many: 'grades of sources' },
  annotationSchema: sourceAnnotationSchema, defaults: defaultSourceAnnotation, textFields: ['note'],
  recordFields: ['kind', 'author', 'publisher', 'published', 'location', 'text'],
  annotationFields: ['reliability', 'note'],
  show: {
    reliability: showReliability,
    // A source's text is long: the diff says that it changed and how long it is, not the text.
    text: (v) => (typeof v === 'string' ? `${digits(v.length)} characters` : 'none'),
  },
  brief: gradedBrief((a: SourceAnnotation) => a.reliability, 'reliability', showReliability),
};
