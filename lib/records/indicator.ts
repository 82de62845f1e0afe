/**
 * Indicators (signposts that a branch is unfolding) and the analyst's watch
 * of each: whether it is seen, when it was last checked, and a note.
 */
import type { Indicator } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { INDICATOR_STATES, INDICATOR_STATE_LABEL } from '@/lib/annotations/vocab';
import { isIsoDate } from './dates';
import { showLabel, type RecordKind, type Z } from './kind';

export const indicatorAnnotationSchema = (z: Z) =>
  z.strictObject({
    state: z.enum(INDICATOR_STATES),
    lastChecked: z.string().refine(isIsoDate, 'must be a date like 2026-11-24').nullable(),
    note: z.string().max(ANNOTATION_LIMITS.maxNote),
    updatedAt: z.string().max(40),
  });
export type IndicatorAnnotation = ReturnType<ReturnType<typeof indicatorAnnotationSchema>['parse']>;

export function defaultIndicatorAnnotation(now: string): IndicatorAnnotation {
  return { state: 'not-seen', lastChecked: null, note: '', updatedAt: now };
}

export const indicatorKind: RecordKind<'indicators', Indicator, IndicatorAnnotation> = {
  key: 'indicators', noun: 'indicator', titleField: 'statement',
  repairNoun: { one: 'note on indicator', oneA: 'note on an indicator', many: 'notes on indicators' },
  annotationSchema: indicatorAnnotationSchema, defaults: defaultIndicatorAnnotation, textFields: ['note'],
  recordFields: ['evidenceIds', 'underminingEvidenceIds', 'observedEvidenceIds'],
  annotationFields: ['state', 'lastChecked', 'note'],
  show: { state: showLabel(INDICATOR_STATE_LABEL) },
  brief: (_r, a, esc) => {
    let line = INDICATOR_STATE_LABEL[a?.state ?? 'not-seen'];
    if (a?.lastChecked) line += ` (last checked ${a.lastChecked})`;
    if (a?.note.trim()) line += `. ${esc(a.note)}`;
    return line;
  },
};
