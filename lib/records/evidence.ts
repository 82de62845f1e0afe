/**
 * Evidence: verbatim quotes from a source, each with its paragraph, cited by
 * any number of branches and records. The analyst grades each quote's
 * credibility on the Admiralty scale (1 confirmed ... 6 cannot be judged) and
 * may add a note.
 */
import type { Evidence } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { CREDIBILITIES, CREDIBILITY_LABEL, type Credibility } from '@/lib/annotations/vocab';
import { showText, type FieldValue, type RecordKind, type Z } from './kind';

export const evidenceAnnotationSchema = (z: Z) =>
  z.strictObject({
    credibility: z.enum(CREDIBILITIES).nullable(),
    note: z.string().max(ANNOTATION_LIMITS.maxNote),
    updatedAt: z.string().max(40),
  });
export type EvidenceAnnotation = ReturnType<ReturnType<typeof evidenceAnnotationSchema>['parse']>;

export function defaultEvidenceAnnotation(now: string): EvidenceAnnotation {
  return { credibility: null, note: '', updatedAt: now };
}

const showCredibility = (v: FieldValue) =>
  typeof v === 'string' ? `${v} (${CREDIBILITY_LABEL[v as Credibility] ?? v})` : v === null ? 'not graded' : showText(v);

export const evidenceKind: RecordKind<'evidence', Evidence, EvidenceAnnotation> = {
  key: 'evidence', noun: 'quote', titleField: 'quote',
  repairNoun: { one: 'grade of quote', oneA: 'grade of a quote', many: 'grades of quotes' },
  annotationSchema: evidenceAnnotationSchema, defaults: defaultEvidenceAnnotation, textFields: ['note'],
  recordFields: ['paragraph', 'sourceId'],
  annotationFields: ['credibility', 'note'],
  show: { credibility: showCredibility },
  brief: (_e, a, esc) => {
    const parts: string[] = [];
    if (a?.credibility) parts.push(`credibility ${showCredibility(a.credibility)}`);
    if (a?.note.trim()) parts.push(esc(a.note));
    return parts.join('. ');
  },
};
