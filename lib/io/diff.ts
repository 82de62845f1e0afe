/**
 * What changed between two working documents (e.g. an imported snapshot and
 * the one open), as data: one item per change, each with its record kind, the
 * field, and the value before and after. Every kind in the records registry
 * is compared field by field (its scenario fields and the analyst's
 * annotation), so a field added to a kind is compared without touching this
 * module. Also a per-node map for marking the tree. Loops only.
 *
 * Words are not decided here: lib/messages/diff.ts turns items into text.
 */
import { RECORD_KIND_LIST, fieldValue, own, recordsOf, titleOf, type AnnotatedKind, type AnyRecordKind, type FieldValue } from '@/lib/records';
import type { WorkDocument } from '@/lib/doc/types';
import { diffAnalysis } from './diff-analysis';
import { diffJudgements } from './diff-judgements';
import { diffDiscussion } from '@/lib/team/comments';

export type NodeChange = 'added' | 'removed' | 'renamed' | 'changed';

/** The parts of the document a change can fall in: the scenario's own fields, a record kind, or the analysis layer. */
export type DiffCategory = 'scenario' | AnnotatedKind | 'analysis' | 'judgements' | 'discussion';
export const DIFF_CATEGORIES: readonly DiffCategory[] = ['scenario', ...RECORD_KIND_LIST.map((k) => k.key), 'analysis', 'judgements', 'discussion'];

export type DiffChange = 'added' | 'removed' | 'renamed' | 'moved' | 'changed';

export interface DiffItem {
  category: DiffCategory;
  /** Id of the record (the scenario's id for 'scenario'). */
  id: string;
  /** The record's name: its title or statement, as it is after the change (before, when removed). */
  title: string;
  change: DiffChange;
  /** For 'changed', 'renamed' and 'moved': which field. */
  field?: string;
  /** In the analysis layer: what the item is (the rule, a criterion, a parameter, a branch's numbers). */
  part?: 'rule' | 'criterion' | 'parameter' | 'branch';
  /** For a branch's consequence: the criterion's name. */
  detail?: string;
  /** Whether the field is the source's (the scenario record) or the analyst's (the annotation). */
  layer?: 'record' | 'annotation';
  before?: FieldValue;
  after?: FieldValue;
  /** The values as a person reads them (labels for enums, titles for parent ids). */
  beforeText?: string;
  afterText?: string;
}

export interface DocumentDiff {
  items: DiffItem[];
  /** For marking the tree: every node of either document that differs. */
  nodeChanges: Map<string, NodeChange>;
}

function same(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return a === b;
}

function plainText(v: FieldValue): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'object') return v.length ? v.join(', ') : '—';
  return String(v);
}

type Shows = Readonly<Record<string, (value: FieldValue) => string>> | undefined;

function compareFields(
  out: DiffItem[],
  base: Pick<DiffItem, 'category' | 'id' | 'title'>,
  layer: 'record' | 'annotation',
  fields: readonly string[],
  shows: Shows,
  a: object,
  b: object,
): boolean {
  let changed = false;
  for (const field of fields) {
    const before = fieldValue(a, field);
    const after = fieldValue(b, field);
    if (same(before, after)) continue;
    changed = true;
    const show = shows?.[field] ?? plainText;
    out.push({ ...base, change: 'changed', field, layer, before, after, beforeText: show(before), afterText: show(after) });
  }
  return changed;
}

const SCENARIO_FIELDS = ['title', 'question', 'summary', 'decisionMakerId'] as const;

/** Differences going from `a` (before) to `b` (after). */
export function diffDocuments(a: WorkDocument, b: WorkDocument): DocumentDiff {
  const items: DiffItem[] = [];
  const nodeChanges = new Map<string, NodeChange>();
  compareFields(items, { category: 'scenario', id: b.scenario.id, title: b.scenario.title }, 'record', SCENARIO_FIELDS, undefined, a.scenario, b.scenario);

  const titleA = new Map(a.scenario.nodes.map((n) => [n.id, n.title] as const));
  const titleB = new Map(b.scenario.nodes.map((n) => [n.id, n.title] as const));
  const parentText = (id: FieldValue, titles: ReadonlyMap<string, string>) =>
    typeof id === 'string' ? `“${titles.get(id) ?? id}”` : 'the root';

  for (const kind of RECORD_KIND_LIST) {
    diffKind(kind, a, b, items, (id, change) => {
      if (kind.key !== 'nodes') return;
      // A rename wins over other edits; an edit never hides an addition or removal.
      const prev = nodeChanges.get(id);
      if (prev === 'added' || prev === 'removed' || prev === 'renamed') return;
      nodeChanges.set(id, change);
    });
  }
  // The analysis layer: a branch whose numbers changed is marked changed (unless marked otherwise already).
  items.push(
    ...diffAnalysis(a, b, (id) => {
      if (!nodeChanges.has(id) && (titleA.has(id) || titleB.has(id))) nodeChanges.set(id, 'changed');
    }),
  );
  // Each analyst's own judgements (lib/io/diff-judgements.ts): a branch judged differently is marked changed too.
  items.push(
    ...diffJudgements(a, b, (id) => {
      if (!nodeChanges.has(id) && (titleA.has(id) || titleB.has(id))) nodeChanges.set(id, 'changed');
    }),
  );
  // The discussion: new threads, new comments, threads resolved or reopened, dissents marked (lib/team/comments).
  items.push(...diffDiscussion(a, b));
  for (const item of items) {
    if (item.change === 'moved') {
      item.beforeText = parentText(item.before ?? null, titleA);
      item.afterText = parentText(item.after ?? null, titleB);
    }
  }
  return { items, nodeChanges };
}

function diffKind(
  kind: AnyRecordKind,
  a: WorkDocument,
  b: WorkDocument,
  items: DiffItem[],
  mark: (id: string, change: NodeChange) => void,
): void {
  const listA = recordsOf(kind, a.scenario);
  const listB = recordsOf(kind, b.scenario);
  const inA = new Map(listA.map((r) => [r.id, r] as const));
  const inB = new Set(listB.map((r) => r.id));
  const annA = a.annotations[kind.key] as Record<string, { updatedAt: string }>;
  const annB = b.annotations[kind.key] as Record<string, { updatedAt: string }>;
  const blank = kind.defaults('');

  for (const ra of listA) {
    if (inB.has(ra.id)) continue;
    items.push({ category: kind.key, id: ra.id, title: titleOf(kind, ra), change: 'removed' });
    mark(ra.id, 'removed');
  }
  for (const rb of listB) {
    const ra = inA.get(rb.id);
    const title = titleOf(kind, rb);
    const base = { category: kind.key, id: rb.id, title };
    if (!ra) {
      items.push({ ...base, change: 'added' });
      mark(rb.id, 'added');
      continue;
    }
    const titleBefore = titleOf(kind, ra);
    if (titleBefore !== title) {
      items.push({ ...base, change: 'renamed', field: 'title', layer: 'record', before: titleBefore, after: title, beforeText: titleBefore, afterText: title });
      mark(rb.id, 'renamed');
    }
    const pa = (ra as { parentId?: string | null }).parentId;
    const pb = (rb as { parentId?: string | null }).parentId;
    if (pa !== undefined && pa !== pb) {
      items.push({ ...base, change: 'moved', field: 'parentId', layer: 'record', before: pa, after: pb ?? null });
      mark(rb.id, 'changed');
    }
    if (compareFields(items, base, 'record', kind.recordFields, kind.show, ra, rb)) mark(rb.id, 'changed');
    const before = own(annA, rb.id) ?? blank;
    const after = own(annB, rb.id) ?? blank;
    if (before !== after && compareFields(items, base, 'annotation', kind.annotationFields, kind.show, before, after)) mark(rb.id, 'changed');
  }
}

/** True when nothing differs. */
export function isEmptyDiff(d: DocumentDiff): boolean {
  return d.items.length === 0 && d.nodeChanges.size === 0;
}

/** Items grouped by category, in the categories' order; empty groups left out. */
export function groupDiff(d: DocumentDiff): Array<{ category: DiffCategory; items: DiffItem[] }> {
  const out: Array<{ category: DiffCategory; items: DiffItem[] }> = [];
  for (const category of DIFF_CATEGORIES) {
    const items = d.items.filter((i) => i.category === category);
    if (items.length > 0) out.push({ category, items });
  }
  return out;
}
