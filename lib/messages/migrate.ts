/**
 * Words for the reasons the migration engine (lib/migrate/engine.ts) gives.
 * One sentence (without a final full stop, so callers can append) naming what
 * is wrong with a version, for every format: scenario, snapshot, saved
 * records, stash.
 */
import type { MigrationFailure, MigrationSubject, ValueKind } from '@/lib/migrate/engine';

const NOUN: Record<MigrationSubject, string> = {
  scenario: 'scenario',
  snapshot: 'snapshot',
  saved: 'saved document',
  session: 'saved view',
  library: 'list of saved documents',
  stash: 'copy of unsaved changes',
};

const FORMAT: Record<MigrationSubject, string> = {
  scenario: 'schema',
  snapshot: 'snapshot format',
  saved: 'format',
  session: 'format',
  library: 'format',
  stash: 'format',
};

const KIND: Record<ValueKind, string> = {
  null: 'null',
  list: 'a list',
  object: 'an object',
  text: 'text',
  number: 'a number',
  boolean: 'true or false',
  nothing: 'nothing',
  other: 'an unreadable value',
};

export function valueKindText(kind: ValueKind): string {
  return KIND[kind];
}

export function subjectNoun(subject: MigrationSubject): string {
  return NOUN[subject];
}

/** One phrase, starting in lower case, naming what is wrong. */
export function migrationMessage(f: Pick<MigrationFailure, 'subject' | 'versionKey' | 'oldest' | 'current' | 'reason'>): string {
  const noun = NOUN[f.subject];
  const key = `"${f.versionKey}"`;
  const range = f.oldest >= f.current ? `${f.current}` : `a whole number from ${f.oldest} to ${f.current}`;
  const r = f.reason;
  switch (r.code) {
    case 'version-missing':
      return `the ${noun} has no ${key}; it must be ${range}`;
    case 'version-text':
      return `${key} is written as text (${JSON.stringify(r.found)}); it must be a number, not text: ${range}`;
    case 'version-not-number':
      return `${key} is ${KIND[r.found]}; it must be ${range}`;
    case 'version-not-finite':
      return `${key} is out of range (not a finite number); it must be ${range}`;
    case 'version-fraction':
      return `${key} is ${r.found}, not a whole number; it must be ${range}`;
    case 'version-negative':
      return `${key} is negative (${r.found}); it must be ${range}`;
    case 'version-too-old':
      return `${key} is ${r.found}; it must be ${range}`;
    case 'too-new':
      return `this ${noun} was made by a newer version of Branchpoint (${FORMAT[f.subject]} ${r.found}); this version reads up to ${r.current}. Update Branchpoint to open it`;
    case 'not-an-object':
      return `the ${noun} must be an object, not ${KIND[r.found]}`;
    case 'no-step':
      return `there is no migration of the ${noun} from ${FORMAT[f.subject]} ${r.from} to ${r.from + 1}`;
    case 'step-failed':
      return `the migration of the ${noun} from ${FORMAT[f.subject]} ${r.from} to ${r.from + 1} failed: ${r.detail}`;
  }
}

/** The same, as a sentence (capital letter). */
export function migrationSentence(f: Parameters<typeof migrationMessage>[0]): string {
  const m = migrationMessage(f);
  return m.charAt(0).toUpperCase() + m.slice(1);
}
