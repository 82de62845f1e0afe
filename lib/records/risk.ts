/**
 * Risks (what can go wrong, with the severity the source implies) and the
 * analyst's assessment of each: likelihood, impact and mitigation.
 */
import type { Risk } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { RATINGS } from '@/lib/annotations/vocab';
import type { RecordKind, Z } from './kind';

export const riskAnnotationSchema = (z: Z) =>
  z.strictObject({
    likelihood: z.enum(RATINGS).nullable(),
    impact: z.enum(RATINGS).nullable(),
    mitigation: z.string().max(ANNOTATION_LIMITS.maxNote),
    updatedAt: z.string().max(40),
  });
export type RiskAnnotation = ReturnType<ReturnType<typeof riskAnnotationSchema>['parse']>;

export function defaultRiskAnnotation(now: string): RiskAnnotation {
  return { likelihood: null, impact: null, mitigation: '', updatedAt: now };
}

export const riskKind: RecordKind<'risks', Risk, RiskAnnotation> = {
  key: 'risks', noun: 'risk', titleField: 'statement',
  repairNoun: { one: 'assessment of risk', oneA: 'assessment of a risk', many: 'assessments of risks' },
  annotationSchema: riskAnnotationSchema, defaults: defaultRiskAnnotation, textFields: ['mitigation'],
  recordFields: ['severity', 'evidenceIds', 'underminingEvidenceIds'],
  annotationFields: ['likelihood', 'impact', 'mitigation'],
  brief: (r, a, esc) => {
    let line = `severity: ${r.severity}`;
    const judged: string[] = [];
    if (a?.likelihood) judged.push(`likelihood ${a.likelihood}`);
    if (a?.impact) judged.push(`impact ${a.impact}`);
    if (judged.length > 0) line += `; analyst: ${judged.join(', ')}`;
    if (a?.mitigation.trim()) line += `. Mitigation: ${esc(a.mitigation)}`;
    return line;
  },
};
