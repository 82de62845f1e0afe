/**
 * What a record graded on one Admiralty scale holds (sources by reliability,
 * quotes by credibility): the grade (or none yet), a note and the time of
 * the last change; how the grade reads; how it reads in the brief.
 */
import type * as zod from 'zod';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { showText, type FieldValue, type Z } from './kind';

/** The annotation schema: `field` holds one of `values`, or null while ungraded. */
export function gradedSchema<F extends string, const V extends readonly [string, ...string[]]>(z: Z, field: F, values: V) {
  const shape = {
    [field]: z.enum(values).nullable(),
    note: z.string().max(ANNOTATION_LIMITS.maxNote),
    updatedAt: z.string().max(40),
  } as { [K in F]: zod.ZodNullable<zod.ZodEnum<{ [E in V[number]]: E }>> } & { note: zod.ZodString; updatedAt: zod.ZodString };
  return z.strictObject(shape);
}

/** A grade as it reads: "B (Usually reliable)", or "not graded". */
export const showGrade =
  (labels: Readonly<Record<string, string>>) =>
  (v: FieldValue): string =>
    typeof v === 'string' ? `${v} (${Object.prototype.hasOwnProperty.call(labels, v) ? labels[v] : v})` : v === null ? 'not graded' : showText(v);

/** The brief's line: "<word> <grade>. <note>", or '' when nothing is recorded. */
export const gradedBrief =
  <A extends { note: string }>(grade: (a: A) => string | null, word: string, show: (v: FieldValue) => string) =>
  (_record: unknown, a: A | undefined, esc: (text: string) => string): string => {
    const parts: string[] = [];
    const g = a ? grade(a) : null;
    if (g) parts.push(`${word} ${show(g)}`);
    if (a?.note.trim()) parts.push(esc(a.note));
    return parts.join('. ');
  };
