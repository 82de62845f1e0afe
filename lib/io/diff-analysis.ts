/**
 * What changed in the analysis layer between two documents (lib/io/diff.ts
 * calls it): the rule, each criterion and parameter (added, removed, or each
 * field changed), and each branch's probability and consequences, with the
 * values before and after. Data only; words in lib/messages/diff.ts.
 */
import type { WorkDocument } from '@/lib/doc/types';
import { analysisOf } from '@/lib/analysis/document';
import type { Criterion, Distribution, Parameter } from '@/lib/analysis/model';
import { RULE_LABEL } from '@/lib/messages/analysis';
import type { DiffItem } from './diff';

type Item = Omit<DiffItem, 'category' | 'layer'>;

const text = (v: string | number | undefined | null) => (v === undefined || v === null || v === '' ? '—' : String(v));

/** A distribution as one short text, e.g. "triangular 0.1, 0.2, 0.4". */
export function distributionText(d: Distribution | undefined): string {
  if (!d) return '—';
  const { kind, ...rest } = d;
  return `${kind} ${Object.values(rest).join(', ')}`;
}

function changed(out: Item[], base: Pick<Item, 'id' | 'title' | 'part'>, field: string, before: string, after: string, detail?: string) {
  if (before === after) return;
  out.push({ ...base, change: 'changed', field, before, after, beforeText: before, afterText: after, ...(detail ? { detail } : {}) });
}

const CRITERION_FIELDS = ['name', 'unit', 'better', 'weight'] as const;
const criterionValue = (c: Criterion, f: (typeof CRITERION_FIELDS)[number]) => text(c[f]);
const PARAMETER_FIELDS = ['name', 'value', 'low', 'high', 'distribution', 'assumptionId'] as const;
const parameterValue = (p: Parameter, f: (typeof PARAMETER_FIELDS)[number]) => (f === 'distribution' ? distributionText(p.distribution) : text(p[f]));

/** Added, removed and changed items of one list keyed by id. */
function diffList<T extends { id: string }>(
  out: Item[],
  part: 'criterion' | 'parameter',
  a: readonly T[],
  b: readonly T[],
  titleOf: (x: T) => string,
  fields: readonly string[],
  valueOf: (x: T, field: string) => string,
) {
  const inB = new Set(b.map((x) => x.id));
  const inA = new Map(a.map((x) => [x.id, x] as const));
  for (const x of a) if (!inB.has(x.id)) out.push({ part, id: x.id, title: titleOf(x), change: 'removed' });
  for (const y of b) {
    const x = inA.get(y.id);
    const base = { part, id: y.id, title: titleOf(y) };
    if (!x) {
      out.push({ ...base, change: 'added' });
      continue;
    }
    for (const f of fields) changed(out, base, f, valueOf(x, f), valueOf(y, f));
  }
}

/** The analysis layer's changes from `a` to `b`; `mark` is called for each branch whose numbers changed. */
export function diffAnalysis(a: WorkDocument, b: WorkDocument, mark: (nodeId: string) => void): DiffItem[] {
  const A = analysisOf(a);
  const B = analysisOf(b);
  const out: Item[] = [];
  changed(out, { part: 'rule', id: 'rule', title: b.scenario.title }, 'rule', RULE_LABEL[A.settings.rule], RULE_LABEL[B.settings.rule]);
  diffList(out, 'criterion', A.settings.criteria, B.settings.criteria, (c) => c.name, CRITERION_FIELDS, (c, f) => criterionValue(c, f as (typeof CRITERION_FIELDS)[number]));
  diffList(out, 'parameter', A.settings.parameters, B.settings.parameters, (p) => p.name || p.id, PARAMETER_FIELDS, (p, f) => parameterValue(p, f as (typeof PARAMETER_FIELDS)[number]));

  const titleA = new Map(a.scenario.nodes.map((n) => [n.id, n.title] as const));
  const titleB = new Map(b.scenario.nodes.map((n) => [n.id, n.title] as const));
  const criterionName = new Map([...A.settings.criteria, ...B.settings.criteria].map((c) => [c.id, c.name] as const));
  const ids = [...new Set([...Object.keys(A.inputs), ...Object.keys(B.inputs)])].sort();
  const own = (rec: object, k: string) => Object.prototype.hasOwnProperty.call(rec, k);
  for (const id of ids) {
    const x = own(A.inputs, id) ? A.inputs[id]! : { consequences: {} as Record<string, string> };
    const y = own(B.inputs, id) ? B.inputs[id]! : { consequences: {} as Record<string, string> };
    const base = { part: 'branch' as const, id, title: titleB.get(id) ?? titleA.get(id) ?? id };
    const before = out.length;
    changed(out, base, 'probability', text(x.probability), text(y.probability));
    const criteria = [...new Set([...Object.keys(x.consequences), ...Object.keys(y.consequences)])].sort();
    for (const c of criteria) {
      const cx = own(x.consequences, c) ? x.consequences[c] : undefined;
      const cy = own(y.consequences, c) ? y.consequences[c] : undefined;
      changed(out, base, 'consequence', text(cx), text(cy), criterionName.get(c) ?? c);
    }
    if (out.length > before) mark(id);
  }
  return out.map((item) => ({ ...item, category: 'analysis', layer: 'annotation' }));
}
