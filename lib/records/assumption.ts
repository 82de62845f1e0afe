/**
 * Assumptions (shared by every branch that rests on them) and the analyst's
 * Key Assumptions Check of each: a status, the rationale, and what would
 * undermine it.
 */
import type { Assumption } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { ASSUMPTION_STATUSES, ASSUMPTION_STATUS_LABEL } from '@/lib/annotations/vocab';
import { showLabel, type RecordKind, type Z } from './kind';

export const assumptionAnnotationSchema = (z: Z) =>
  z.strictObject({
    status: z.enum(ASSUMPTION_STATUSES),
    rationale: z.string().max(ANNOTATION_LIMITS.maxNote),
    undermine: z.string().max(ANNOTATION_LIMITS.maxNote),
    updatedAt: z.string().max(40),
  });
export type AssumptionAnnotation = ReturnType<ReturnType<typeof assumptionAnnotationSchema>['parse']>;

export function defaultAssumptionAnnotation(now: string): AssumptionAnnotation {
  return { status: 'unreviewed', rationale: '', undermine: '', updatedAt: now };
}

export const assumptionKind: RecordKind<'assumptions', Assumption, AssumptionAnnotation> = {
  key: 'assumptions', noun: 'assumption', titleField: 'statement',
  repairNoun: { one: 'check of assumption', oneA: 'check of an assumption', many: 'checks of assumptions' },
  annotationSchema: assumptionAnnotationSchema, defaults: defaultAssumptionAnnotation, textFields: ['rationale', 'undermine'],
  recordFields: ['evidenceIds', 'underminingEvidenceIds'],
  annotationFields: ['status', 'rationale', 'undermine'],
  show: { status: showLabel(ASSUMPTION_STATUS_LABEL) },
  brief: (_r, a, esc) => {
    let line = `Key Assumptions Check: **${ASSUMPTION_STATUS_LABEL[a?.status ?? 'unreviewed']}**`;
    if (a?.rationale.trim()) line += `. Rationale: ${esc(a.rationale)}`;
    if (a?.undermine.trim()) line += `. What would undermine it: ${esc(a.undermine)}`;
    return line;
  },
};
