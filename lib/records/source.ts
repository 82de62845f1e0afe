/**
 * Sources (the articles, reports and speeches a scenario is drawn from) and
 * the analyst's grade of each: its reliability on the Admiralty scale (A
 * completely reliable ... E unreliable, F cannot be judged) and a note.
 */
import type { Source } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { RELIABILITIES, RELIABILITY_LABEL, type Reliability } from '@/lib/annotations/vocab';
import { showText, type FieldValue, type RecordKind, type Z } from './kind';

export const sourceAnnotationSchema = (z: Z) =>
  z.strictObject({
    reliability: z.enum(RELIABILITIES).nullable(),
    note: z.string().max(ANNOTATION_LIMITS.maxNote),
    updatedAt: z.string().max(40),
  });
export type SourceAnnotation = ReturnType<ReturnType<typeof sourceAnnotationSchema>['parse']>;

export function defaultSourceAnnotation(now: string): SourceAnnotation {
  return { reliability: null, note: '', updatedAt: now };
}

export const showReliability = (v: FieldValue) =>
  typeof v === 'string' ? `${v} (${RELIABILITY_LABEL[v as Reliability] ?? v})` : v === null ? 'not graded' : showText(v);

export const sourceKind: RecordKind<'sources', Source, SourceAnnotation> = {
  key: 'sources', noun: 'source', titleField: 'title',
  repairNoun: { one: 'grade of source', oneA: 'grade of a source', many: 'grades of sources' },
  annotationSchema: sourceAnnotationSchema, defaults: defaultSourceAnnotation, textFields: ['note'],
  recordFields: ['kind', 'author', 'publisher', 'published', 'location', 'text'],
  annotationFields: ['reliability', 'note'],
  show: {
    reliability: showReliability,
    // A source's text is long: the diff says that it changed and how long it is, not the text.
    text: (v) => (typeof v === 'string' ? `${v.length.toLocaleString('en')} characters` : 'none'),
  },
  brief: (_s, a, esc) => {
    const parts: string[] = [];
    if (a?.reliability) parts.push(`reliability ${showReliability(a.reliability)}`);
    if (a?.note.trim()) parts.push(esc(a.note));
    return parts.join('. ');
  },
};
