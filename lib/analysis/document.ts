/**
 * The analysis layer as part of the work document: the analyst's criteria,
 * parameters and rule (settings) and the inputs on each branch (probability,
 * consequences). Saved, exported, diffed and undone with the document; absent
 * from a document written before it existed (read as empty), and left out of
 * the canonical export while empty, so older snapshots serialise as before.
 *
 * Pure: the changes the inspector and the analysis panel make, and the
 * repair of a layer read from outside (each bad item dropped and reported,
 * everything else kept).
 */
import type * as zod from 'zod';
import type { Z } from '@/lib/records/kind';
import type { Scenario } from '@/lib/model/schema';
import { slugify } from '@/lib/doc/ops';
import {
  analysisSettingsSchema,
  branchInputsSchema,
  criterionSchema,
  emptyAnalysis,
  isKeyId,
  parameterSchema,
  RULES,
  type AnalysisInputs,
  type AnalysisSettings,
  type BranchInputs,
  type Criterion,
  type Parameter,
  type Rule,
} from './model';

export interface AnalysisDoc {
  settings: AnalysisSettings;
  inputs: AnalysisInputs;
}

export function emptyAnalysisDoc(): AnalysisDoc {
  return { settings: emptyAnalysis(), inputs: {} };
}

const EMPTY: AnalysisDoc = Object.freeze({ settings: Object.freeze(emptyAnalysis()), inputs: Object.freeze({}) }) as AnalysisDoc;

/** A document's analysis layer; a document written before the layer existed has none recorded. */
export function analysisOf(doc: { analysis?: AnalysisDoc }): AnalysisDoc {
  return doc.analysis ?? EMPTY;
}

/** Nothing recorded: no criterion, no parameter, the default rule and no branch inputs. */
export function isEmptyAnalysis(a: AnalysisDoc): boolean {
  return a.settings.criteria.length === 0 && a.settings.parameters.length === 0 && a.settings.rule === 'max-ev' && Object.keys(a.inputs).length === 0;
}

const own = (rec: object, key: string) => Object.prototype.hasOwnProperty.call(rec, key);

// ---------------------------------------------------------------------------
// Changes (each returns a new layer; the caller commits it as one undo step).

/** Sets (or, with '' or null, clears) the probability of a branch. */
export function setProbability(a: AnalysisDoc, nodeId: string, probability: string | null): AnalysisDoc {
  const prev = own(a.inputs, nodeId) ? a.inputs[nodeId]! : { consequences: {} };
  const text = probability?.trim() ?? '';
  const next: BranchInputs = { consequences: prev.consequences };
  if (text) next.probability = text;
  return withInputs(a, nodeId, next);
}

/** Sets (or, with '' or null, clears) a branch's consequence for one criterion. */
export function setConsequence(a: AnalysisDoc, nodeId: string, criterionId: string, value: string | null): AnalysisDoc {
  const prev = own(a.inputs, nodeId) ? a.inputs[nodeId]! : { consequences: {} };
  const consequences = { ...prev.consequences };
  const text = value?.trim() ?? '';
  if (text) consequences[criterionId] = text;
  else delete consequences[criterionId];
  const next: BranchInputs = { consequences };
  if (prev.probability !== undefined) next.probability = prev.probability;
  return withInputs(a, nodeId, next);
}

function withInputs(a: AnalysisDoc, nodeId: string, next: BranchInputs): AnalysisDoc {
  const inputs = { ...a.inputs };
  if (next.probability === undefined && Object.keys(next.consequences).length === 0) delete inputs[nodeId];
  else inputs[nodeId] = next;
  return { ...a, inputs };
}

/** A slug id from a name, unique among `taken`. */
export function slugIdFrom(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slugify(name, fallback);
  let id = isKeyId(base) ? base : fallback;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** A parameter id (an identifier) from a name, unique among `taken`. */
export function parameterIdFrom(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z_]+/, '').replace(/_+$/, '').slice(0, 40) || 'p';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  return id;
}

export function addCriterion(a: AnalysisDoc, c: Omit<Criterion, 'id'> & { id?: string }): { analysis: AnalysisDoc; id: string } {
  const taken = new Set(a.settings.criteria.map((x) => x.id));
  const id = c.id && isKeyId(c.id) && !taken.has(c.id) ? c.id : slugIdFrom(c.name, taken, 'criterion');
  const criterion: Criterion = { id, name: c.name.trim(), unit: c.unit.trim(), better: c.better, weight: c.weight };
  return { analysis: { ...a, settings: { ...a.settings, criteria: [...a.settings.criteria, criterion] } }, id };
}

export function editCriterion(a: AnalysisDoc, id: string, patch: Partial<Omit<Criterion, 'id'>>): AnalysisDoc {
  const criteria = a.settings.criteria.map((c) => (c.id === id ? { ...c, ...patch } : c));
  return { ...a, settings: { ...a.settings, criteria } };
}

/** Removes a criterion and every branch's consequence for it. */
export function removeCriterion(a: AnalysisDoc, id: string): AnalysisDoc {
  let next: AnalysisDoc = { ...a, settings: { ...a.settings, criteria: a.settings.criteria.filter((c) => c.id !== id) } };
  for (const nodeId of Object.keys(a.inputs)) {
    if (own(a.inputs[nodeId]!.consequences, id)) next = setConsequence(next, nodeId, id, null);
  }
  return next;
}

export function addParameter(a: AnalysisDoc, p: Omit<Parameter, 'id'> & { id?: string }): { analysis: AnalysisDoc; id: string } {
  const taken = new Set(a.settings.parameters.map((x) => x.id));
  const id = p.id && !taken.has(p.id) ? p.id : parameterIdFrom(p.name, taken);
  const parameter: Parameter = { ...p, id };
  return { analysis: { ...a, settings: { ...a.settings, parameters: [...a.settings.parameters, parameter] } }, id };
}

/** Changes a parameter's fields; a field patched to undefined is removed. */
export function editParameter(a: AnalysisDoc, id: string, patch: Partial<Omit<Parameter, 'id'>>): AnalysisDoc {
  const parameters = a.settings.parameters.map((p) => {
    if (p.id !== id) return p;
    const next: Record<string, unknown> = { ...p, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    return next as unknown as Parameter;
  });
  return { ...a, settings: { ...a.settings, parameters } };
}

export function removeParameter(a: AnalysisDoc, id: string): AnalysisDoc {
  return { ...a, settings: { ...a.settings, parameters: a.settings.parameters.filter((p) => p.id !== id) } };
}

export function setRule(a: AnalysisDoc, rule: Rule): AnalysisDoc {
  return { ...a, settings: { ...a.settings, rule } };
}

/**
 * After a change to the tree: the inputs of branches that no longer exist are
 * dropped, and a parameter's link to an assumption that no longer exists is
 * removed (the parameter itself stays).
 */
export function pruneAnalysis(a: AnalysisDoc, scenario: Scenario): AnalysisDoc {
  const nodeIds = new Set(scenario.nodes.map((n) => n.id));
  const assumptionIds = new Set(scenario.assumptions.map((x) => x.id));
  const staleInputs = Object.keys(a.inputs).filter((id) => !nodeIds.has(id));
  const staleLinks = a.settings.parameters.filter((p) => p.assumptionId !== undefined && !assumptionIds.has(p.assumptionId));
  if (staleInputs.length === 0 && staleLinks.length === 0) return a;
  const inputs = { ...a.inputs };
  for (const id of staleInputs) delete inputs[id];
  let next: AnalysisDoc = { ...a, inputs };
  for (const p of staleLinks) next = editParameter(next, p.id, { assumptionId: undefined });
  return next;
}

// ---------------------------------------------------------------------------
// Reading a layer from outside.

export type AnalysisRepair =
  | { code: 'analysis-unreadable' }
  | { code: 'analysis-rule-reset'; found: string }
  | { code: 'analysis-item-dropped'; what: 'criterion' | 'parameter' | 'inputs'; key: string; reason: string }
  | { code: 'analysis-inputs-orphaned'; ids: string[] };

function firstIssue(e: zod.ZodError): string {
  const i = e.issues[0];
  if (!i) return 'invalid';
  const path = i.path.map(String).join('.');
  return path ? `${path} ${i.message}` : i.message;
}

const keyOf = (v: unknown, i: number): string => {
  if (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string') return String((v as { id: string }).id).slice(0, 40);
  return `#${i + 1}`;
};

/**
 * Validates a layer read from a file, a link or storage against the scenario:
 * every item that fails its schema is dropped and reported; inputs on
 * branches the scenario does not hold are dropped and reported; the rest is
 * kept as it was. Never throws.
 */
export function restoreAnalysis(z: Z, raw: unknown, scenario: Scenario): { analysis: AnalysisDoc; repairs: AnalysisRepair[] } {
  const repairs: AnalysisRepair[] = [];
  const out = emptyAnalysisDoc();
  if (raw === undefined || raw === null) return { analysis: out, repairs };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { analysis: out, repairs: [{ code: 'analysis-unreadable' }] };
  const rec = raw as Record<string, unknown>;
  const settings = own(rec, 'settings') && typeof rec.settings === 'object' && rec.settings !== null ? (rec.settings as Record<string, unknown>) : {};

  const whole = analysisSettingsSchema(z).safeParse(settings);
  if (whole.success) out.settings = whole.data;
  else {
    const rule = settings.rule;
    if (typeof rule === 'string' && (RULES as readonly string[]).includes(rule)) out.settings.rule = rule as Rule;
    else if (rule !== undefined) repairs.push({ code: 'analysis-rule-reset', found: String(rule).slice(0, 30) });
    const keep = <T extends { id: string }>(what: 'criterion' | 'parameter', schema: zod.ZodType<T>, list: unknown, into: T[]) => {
      const seen = new Set<string>();
      (Array.isArray(list) ? list : []).forEach((item, i) => {
        const r = schema.safeParse(item);
        if (!r.success) repairs.push({ code: 'analysis-item-dropped', what, key: keyOf(item, i), reason: firstIssue(r.error) });
        else if (seen.has(r.data.id)) repairs.push({ code: 'analysis-item-dropped', what, key: r.data.id, reason: `a second ${what} with this id` });
        else {
          seen.add(r.data.id);
          into.push(r.data);
        }
      });
    };
    keep('criterion', criterionSchema(z), settings.criteria, out.settings.criteria);
    keep('parameter', parameterSchema(z), settings.parameters, out.settings.parameters);
  }

  const inputs = own(rec, 'inputs') && typeof rec.inputs === 'object' && rec.inputs !== null && !Array.isArray(rec.inputs) ? (rec.inputs as Record<string, unknown>) : {};
  const nodeIds = new Set(scenario.nodes.map((n) => n.id));
  const bs = branchInputsSchema(z);
  const orphaned: string[] = [];
  for (const id of Object.keys(inputs)) {
    if (!isKeyId(id)) {
      repairs.push({ code: 'analysis-item-dropped', what: 'inputs', key: id.slice(0, 40), reason: 'not a branch id' });
      continue;
    }
    if (!nodeIds.has(id)) {
      orphaned.push(id);
      continue;
    }
    const r = bs.safeParse(inputs[id]);
    if (!r.success) repairs.push({ code: 'analysis-item-dropped', what: 'inputs', key: id, reason: firstIssue(r.error) });
    else out.inputs[id] = r.data;
  }
  if (orphaned.length > 0) repairs.push({ code: 'analysis-inputs-orphaned', ids: orphaned });
  // A parameter's link to an assumption the scenario does not hold is removed, the parameter kept.
  return { analysis: pruneAnalysis(out, scenario), repairs };
}

/** The layer with a stable key order (criteria and parameters in the analyst's order; inputs sorted by node id). */
export function canonicalAnalysis(a: AnalysisDoc): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const id of Object.keys(a.inputs).sort()) {
    const b = a.inputs[id]!;
    const consequences: Record<string, string> = {};
    for (const c of Object.keys(b.consequences).sort()) consequences[c] = b.consequences[c]!;
    inputs[id] = b.probability === undefined ? { consequences } : { probability: b.probability, consequences };
  }
  return {
    settings: {
      criteria: a.settings.criteria.map((c) => ({ id: c.id, name: c.name, unit: c.unit, better: c.better, weight: c.weight })),
      parameters: a.settings.parameters.map((p) => {
        const o: Record<string, unknown> = { id: p.id, name: p.name, value: p.value };
        if (p.low !== undefined) o.low = p.low;
        if (p.high !== undefined) o.high = p.high;
        if (p.distribution !== undefined) o.distribution = p.distribution;
        if (p.assumptionId !== undefined) o.assumptionId = p.assumptionId;
        return o;
      }),
      rule: a.settings.rule,
    },
    inputs,
  };
}
