/**
 * Indicators (signposts that a branch is unfolding) and the analyst's watch
 * of each: whether it is seen, when it was last checked, a note, the
 * threshold at which the sign means the branch is unfolding, who watches it,
 * and how often it should be looked at again (days; null: no cadence).
 *
 * The threshold, owner and cadence came later: a watch saved without them
 * loads with the defaults ('' , '' and null) and loses nothing else
 * (lib/io/restore.ts fills in missing fields).
 */
import type { Indicator } from '@/lib/model/schema';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { INDICATOR_STATES, INDICATOR_STATE_LABEL, REVIEW_EVERY_MAX_DAYS } from '@/lib/annotations/vocab';
import { isIsoDate } from './dates';
import { showLabel, showText, type FieldValue, type RecordKind, type Z } from './kind';

export const indicatorAnnotationSchema = (z: Z) =>
  z.strictObject({
    state: z.enum(INDICATOR_STATES),
    lastChecked: z.string().refine(isIsoDate, 'must be a date like 2026-11-24').nullable(),
    note: z.string().max(ANNOTATION_LIMITS.maxNote),
    threshold: z.string().max(ANNOTATION_LIMITS.maxNote),
    owner: z.string().max(ANNOTATION_LIMITS.maxNote),
    reviewEveryDays: z.number().int().min(1).max(REVIEW_EVERY_MAX_DAYS).nullable(),
    updatedAt: z.string().max(40),
  });
export type IndicatorAnnotation = ReturnType<ReturnType<typeof indicatorAnnotationSchema>['parse']>;

export function defaultIndicatorAnnotation(now: string): IndicatorAnnotation {
  return { state: 'not-seen', lastChecked: null, note: '', threshold: '', owner: '', reviewEveryDays: null, updatedAt: now };
}

/** A cadence as it reads: "every 7 days", or "no cadence". */
export function cadenceText(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'no cadence';
  return days === 1 ? 'every day' : `every ${days} days`;
}

const showCadence = (v: FieldValue) => (v === null || typeof v === 'number' ? cadenceText(v) : showText(v));

export const indicatorKind: RecordKind<'indicators', Indicator, IndicatorAnnotation> = {
  key: 'indicators', noun: 'indicator', titleField: 'statement',
  repairNoun: { one: 'note on indicator', oneA: 'note on an indicator', many: 'notes on indicators' },
  annotationSchema: indicatorAnnotationSchema, defaults: defaultIndicatorAnnotation, textFields: ['note', 'threshold', 'owner'],
  recordFields: ['evidenceIds', 'underminingEvidenceIds', 'observedEvidenceIds'],
  annotationFields: ['state', 'lastChecked', 'reviewEveryDays', 'threshold', 'owner', 'note'],
  show: { state: showLabel(INDICATOR_STATE_LABEL), reviewEveryDays: showCadence },
  brief: (_r, a, esc) => {
    let line = INDICATOR_STATE_LABEL[a?.state ?? 'not-seen'];
    if (a?.lastChecked) line += ` (last checked ${a.lastChecked})`;
    if (a?.reviewEveryDays) line += `; review ${cadenceText(a.reviewEveryDays)}`;
    if (a?.threshold.trim()) line += `. Threshold: ${esc(a.threshold)}`;
    if (a?.owner.trim()) line += `. Watched by ${esc(a.owner)}`;
    if (a?.note.trim()) line += `. ${esc(a.note)}`;
    return line;
  },
};
