/**
 * The words of the repairs made while restoring a document (an import, a
 * saved copy), and of the reasons a document is refused outright:
 * lib/io/restore.ts returns codes, this module says them.
 */
import type { DocumentProblem, RestoreRepair, Shown } from '@/lib/io/restore';
import { RECORD_KINDS, type AnnotatedKind } from '@/lib/records';
import type { RevisionDrop, RevisionReason, RevisionReport } from '@/lib/doc/revisions';
import { valueKindText } from './migrate';
import { judgementRepairText } from './team';
import { teamRepairText } from './discussion';
import { digits } from './count';

/** A value in a message: a text quoted, a number or boolean as written, anything else by its kind. */
export function shownText(v: Shown): string {
  if (typeof v.sample === 'string') return JSON.stringify(v.sample);
  if (typeof v.sample === 'number') return Number.isFinite(v.sample) ? String(v.sample) : 'a number out of range';
  if (typeof v.sample === 'boolean') return String(v.sample);
  return valueKindText(v.kind);
}

/** `a, b, c and 4 more` */
export function listText(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

const s = (n: number) => (n === 1 ? '' : 's');
const noun = (kind: AnnotatedKind) => RECORD_KINDS[kind].repairNoun;
const where = (kind: AnnotatedKind, id: string) => `${noun(kind).one} "${id}"`;
const names = (list: readonly Shown[]) => list.slice(0, 5).map(shownText).join(', ');

/** One repair as a clause (lower case, no final full stop). */
export function restoreRepairText(r: RestoreRepair): string {
  switch (r.code) {
    case 'scenario-upgraded':
      return `upgraded the scenario from schema ${r.from} to ${r.to}`;
    case 'scenario-revised':
      return revisionText(r.report);
    case 'annotations-unreadable':
      return `the annotations could not be read (expected an object, got ${shownText(r.found)}) and were left out`;
    case 'section-unreadable':
      return `the ${noun(r.kind).many} could not be read (expected an object, got ${shownText(r.found)}) and were left out`;
    case 'sections-unknown':
      return `ignored unknown annotation section${s(r.names.length)} ${names(r.names)}`;
    case 'entries-orphaned':
      return `dropped ${r.ids.length} ${r.ids.length === 1 ? noun(r.kind).oneA : noun(r.kind).many} that no longer exist${r.ids.length === 1 ? 's' : ''}: ${listText(r.ids)}`;
    case 'entries-bad-id':
      return `dropped ${r.ids.length} ${r.ids.length === 1 ? noun(r.kind).one : noun(r.kind).many} with an invalid id: ${listText(r.ids.map(shownText))}`;
    case 'entry-not-record':
      return `dropped the ${where(r.kind, r.id)}: expected a record, got ${shownText(r.found)}`;
    case 'entry-unknown-fields':
      return `${where(r.kind, r.id)}: ignored unknown field${s(r.fields.length)} ${names(r.fields)}`;
    case 'field-reset':
      return `${where(r.kind, r.id)}: ${r.field} ${shownText(r.found)} is not valid; reset to ${shownText(r.reset)}`;
    case 'text-shortened':
      return `${where(r.kind, r.id)}: the ${r.field} was longer than ${digits(r.max)} characters and was shortened`;
    case 'tags-invalid':
      return `${where(r.kind, r.id)}: dropped ${r.count} invalid tag${s(r.count)}`;
    case 'tags-excess':
      return `${where(r.kind, r.id)}: kept the first ${r.kept} tags and dropped ${r.dropped}`;
    case 'shipped-from-cleared':
      return `"shippedFrom" ${shownText(r.found)} is not a scenario id; it was cleared`;
    case 'document-unknown-fields':
      return `ignored unknown field${s(r.names.length)} ${names(r.names)} in the document`;
    case 'analysis-unreadable':
      return 'the decision analysis could not be read (expected an object) and was left out';
    case 'analysis-rule-reset':
      return `the decision rule "${r.found}" is not known; reset to maximise expected value`;
    case 'analysis-item-dropped':
      return `dropped the ${r.what === 'inputs' ? 'numbers on branch' : r.what} "${r.key}" of the decision analysis: ${r.reason}`;
    case 'judgements-unreadable':
    case 'judgements-refused':
    case 'judgements-analyst-dropped':
    case 'judgements-entry-dropped':
    case 'judgements-orphaned':
      return judgementRepairText(r);
    case 'analysis-inputs-orphaned':
      return `dropped the numbers on ${r.ids.length} branch${r.ids.length === 1 ? '' : 'es'} that no longer exist${r.ids.length === 1 ? 's' : ''}: ${listText(r.ids)}`;
    case 'discussion-unreadable':
    case 'thread-dropped':
    case 'comments-dropped':
    case 'threads-excess':
    case 'audit-unreadable':
    case 'audit-entries-dropped':
    case 'audit-trimmed':
      return teamRepairText(r);
  }
}

/** Why a document is refused, as the clause after its path (lower case, no final full stop). */
export function documentProblemText(p: DocumentProblem): string {
  switch (p.code) {
    case 'not-an-object':
      return `expected an object with a "scenario", got ${shownText(p.found)}`;
    case 'no-scenario':
      return 'is missing: the document holds no scenario';
    case 'document-missing':
      return 'is missing';
    case 'unreadable':
      return `could not be read (${p.detail})`;
  }
}

// ---------------------------------------------------------------------------
// A copy of an older revision of a shipped scenario (lib/doc/revisions.ts).

const KIND_ONE: Record<AnnotatedKind | 'context', string> = {
  nodes: 'branch',
  assumptions: 'assumption',
  risks: 'risk',
  indicators: 'indicator',
  evidence: 'quote',
  sources: 'source',
  context: 'context item',
};

const REASON_TEXT: Record<RevisionReason, string> = {
  'became-context': 'it is now background in the context',
  'became-assumption': 'it is now an assumption',
  'became-risk': 'it is now a risk',
  merged: 'it was folded into another branch',
  duplicate: 'it duplicated another branch',
  removed: 'it was taken out of the scenario',
};

const cutTitle = (t: string) => (t.length > 80 ? `${t.slice(0, 80)}…` : t);

/** One annotation not carried over: what it was on, and why. */
export function revisionDropText(d: RevisionDrop): string {
  const into = d.into ? ` (see the ${KIND_ONE[d.into.kind]} “${cutTitle(d.into.title)}”)` : '';
  return `your annotation on the ${KIND_ONE[d.kind]} “${cutTitle(d.title)}” (${d.id}): ${REASON_TEXT[d.reason]}${into}`;
}

export function revisionText(r: RevisionReport): string {
  const carried = r.carried === 1 ? '1 annotation' : `${r.carried} annotations`;
  const head = `“${r.scenarioTitle}” has been re-authored since this copy was made (revision ${r.from} to ${r.to}); the copy now opens on the current revision with ${carried} carried over`;
  if (r.dropped.length === 0) return `${head}, and nothing was left behind`;
  const n = r.dropped.length;
  return `${head}. Not carried over (${n} annotation${n === 1 ? '' : 's'}, on items the new revision no longer has): ${r.dropped.map(revisionDropText).join('; ')}`;
}
