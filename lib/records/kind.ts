/**
 * What every record kind declares, once: the annotation schema (built from a
 * zod namespace passed in, so this module and the client components that read
 * labels and defaults never pull the validator into the first-load bundle),
 * the defaults, the free-text fields, how it reads in the brief and which of
 * its fields the diff compares, with before and after.
 *
 * Plain TypeScript: no React, no DOM, no runtime zod import.
 */
import type * as zod from 'zod';
import type { Scenario } from '@/lib/model/schema';

/**
 * The zod builders a schema is made with: only these, so the object handed in
 * (lib/model/zod) keeps the bundle to them. Handing in the whole namespace
 * would keep every locale and the JSON Schema code, since a namespace used
 * as a value cannot be tree-shaken.
 */
export type Z = Pick<typeof zod, 'array' | 'discriminatedUnion' | 'enum' | 'literal' | 'number' | 'record' | 'strictObject' | 'string'>;

/** The annotated record kinds, by their key in `Annotations` and in the scenario. */
export const ANNOTATED_KINDS = ['nodes', 'assumptions', 'risks', 'indicators', 'evidence', 'sources'] as const;
export type AnnotatedKind = (typeof ANNOTATED_KINDS)[number];

/** A value a diff item can carry as before/after. */
export type FieldValue = string | number | boolean | null | readonly string[];

export interface RecordKind<K extends AnnotatedKind, Rec extends { id: string }, Ann extends { updatedAt: string }> {
  key: K;
  /** "branch", "assumption"... used by messages and diff categories. */
  noun: string;
  /** The field that names a record (a branch's title, an assumption's statement, a quote). */
  titleField: keyof Rec & string;
  /** Repair wording: "note on node", "note on a node", "notes on nodes". */
  repairNoun: { one: string; oneA: string; many: string };
  /** The annotation schema, built from the zod namespace given. */
  annotationSchema(z: Z): zod.ZodObject;
  defaults(now: string): Ann;
  /** Annotation fields that hold free text (cut to length rather than reset when too long on import). */
  textFields: readonly (keyof Ann & string)[];
  /** Fields of the scenario record the diff compares (besides the id, the title field and the parent). */
  recordFields: readonly (keyof Rec & string)[];
  /** Fields of the annotation the diff compares (all but the timestamp). */
  annotationFields: readonly (keyof Ann & string)[];
  /** How a field's value reads, where the raw value would not do (enum labels). */
  show?: Readonly<Record<string, (value: FieldValue) => string>>;
  /** The analyst's judgement as Markdown for the brief (user text through `esc`), or '' when nothing is recorded. */
  brief(record: Rec, a: Ann | undefined, esc: (text: string) => string): string;
}

/** Any kind, for code that loops over all of them. */
export type AnyRecordKind = RecordKind<AnnotatedKind, { id: string } & Record<string, unknown>, { updatedAt: string } & Record<string, unknown>>;

/** The records a kind annotates, from the scenario's list of the same name. */
export function recordsOf(kind: { key: AnnotatedKind }, s: Scenario): readonly { id: string }[] {
  return s[kind.key];
}

/** A record's name. */
export function titleOf(kind: { titleField: string }, record: object): string {
  const v = (record as Record<string, unknown>)[kind.titleField];
  return typeof v === 'string' ? v : '';
}

/** A field's value as the diff compares it. */
export function fieldValue(record: object, field: string): FieldValue {
  const v = (record as Record<string, unknown>)[field];
  if (v === undefined) return null;
  return v as FieldValue;
}

/** Defaults for anything reading a text field. */
export const showText = (v: FieldValue): string => {
  if (v === null || v === '') return '—';
  if (typeof v === 'object') return v.length ? v.join(', ') : '—';
  return String(v);
};

/** A label lookup as a `show` function: the label of a known value, else the value as text. */
export const showLabel =
  (labels: Readonly<Record<string, string>>) =>
  (v: FieldValue): string =>
    typeof v === 'string' && Object.prototype.hasOwnProperty.call(labels, v) ? labels[v]! : showText(v);
