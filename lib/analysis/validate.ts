/**
 * Problems before computing, and the numbers they are found in.
 *
 * `prepare` turns the flat node list, the branch inputs and the settings into
 * arrays (children lists once, probabilities, consequences per criterion and
 * the combined score of each node) and lists every problem on the way, each
 * naming its node. `validate` is the list alone. Rollback (rollback.ts) and
 * sensitivity work on the prepared arrays.
 *
 * The combined score of a node: with one criterion, its value; with several,
 * the weighted sum sign x weight x value, the sign being +1 for a criterion
 * better higher and -1 for one better lower (so the score is better higher,
 * and the rule should then maximise).
 *
 * "The rest" (#): 1 minus the other branches' probabilities, shared equally
 * among the branches so marked; the last of them takes what remains so the
 * branches sum to exactly 1 where floating point allows. Sums are compensated
 * (Neumaier) and compared with 1 within 1e-9.
 *
 * No function here throws; nodes not connected to the root are ignored.
 */
import { compile, evaluateCompiled, type Compiled, type ExprError } from './expr';
import { REST, type AnalysisInputs, type AnalysisSettings, type Criterion } from './model';
import { resolveParameters, type Overrides } from './params';
import { problemText, type ProblemDetail } from '@/lib/messages/analysis';
import type { NodeKind } from '@/lib/model/schema';
import { groupChildren } from '@/lib/model/tree';

/** The fields of a scenario node the analysis reads. */
export interface AnalysisNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  title: string;
  order: number;
}

export interface Problem {
  nodeId: string | null;
  code: ProblemDetail['code'];
  message: string;
}

export const PROBABILITY_TOLERANCE = 1e-9;

export const KIND_DECISION = 0;
export const KIND_CHANCE = 1;
/** option or outcome: own consequences, children all happen. */
export const KIND_SUM = 2;

/** The tree as arrays, in pre-order (index 0 is the root; children come after their parent). */
export interface Structure {
  ids: readonly string[];
  titles: readonly string[];
  kinds: readonly NodeKind[];
  indexOf: ReadonlyMap<string, number>;
  parent: Int32Array;
  /** KIND_DECISION, KIND_CHANCE or KIND_SUM. */
  kind: Uint8Array;
  childStart: Int32Array;
  childCount: Int32Array;
  /** Children of i: childList[childStart[i] .. childStart[i] + childCount[i]), in sibling order. */
  childList: Int32Array;
}

export interface Prepared {
  structure: Structure;
  criteria: readonly Criterion[];
  /** Own consequences, node-major: cons[i * k + c]. */
  cons: Float64Array;
  /** Own combined score. */
  own: Float64Array;
  /** Probability of each child of a chance node ("the rest" resolved); NaN elsewhere. */
  prob: Float64Array;
  params: ReadonlyMap<string, number>;
  problems: Problem[];
}

const structureCache = new WeakMap<readonly AnalysisNode[], Structure | null>();

/** The children lists, once per node array (cached by identity). Null when there is no root. */
export function buildStructure(nodes: readonly AnalysisNode[]): Structure | null {
  const hit = structureCache.get(nodes);
  if (hit !== undefined) return hit;
  const built = buildStructureUncached(nodes);
  structureCache.set(nodes, built);
  return built;
}

function buildStructureUncached(nodes: readonly AnalysisNode[]): Structure | null {
  const { root, children: kids } = groupChildren(nodes);
  if (!root) return null;

  const ids: string[] = [];
  const titles: string[] = [];
  const kinds: NodeKind[] = [];
  const parentIds: (string | null)[] = [];
  const indexOf = new Map<string, number>();
  const stack: AnalysisNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (indexOf.has(n.id)) continue; // a cycle or a duplicate id: visit once
    indexOf.set(n.id, ids.length);
    ids.push(n.id);
    titles.push(n.title);
    kinds.push(n.kind);
    parentIds.push(n.parentId);
    const l = kids.get(n.id);
    if (l) for (let k = l.length - 1; k >= 0; k--) stack.push(l[k]!);
  }
  const count = ids.length;
  const parent = new Int32Array(count).fill(-1);
  const kind = new Uint8Array(count);
  const childCount = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    kind[i] = kinds[i] === 'decision' ? KIND_DECISION : kinds[i] === 'chance' ? KIND_CHANCE : KIND_SUM;
    const p = i === 0 ? -1 : (indexOf.get(parentIds[i]!) ?? -1);
    parent[i] = p;
    if (p >= 0) childCount[p]!++;
  }
  const childStart = new Int32Array(count);
  for (let i = 1; i < count; i++) childStart[i] = childStart[i - 1]! + childCount[i - 1]!;
  const fill = new Int32Array(count);
  const childList = new Int32Array(Math.max(0, count - 1));
  // Pre-order visits siblings in order, so filling in index order keeps sibling order.
  for (let i = 1; i < count; i++) {
    const p = parent[i]!;
    childList[childStart[p]! + fill[p]!++] = i;
  }
  return { ids, titles, kinds, indexOf, parent, kind, childStart, childCount, childList };
}

/** Neumaier's compensated sum. */
export function carefulSum(values: Iterable<number>): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/** The combined score of a vector of criterion values. */
export function combine(criteria: readonly Criterion[], values: ArrayLike<number>, offset = 0): number {
  if (criteria.length === 1) return values[offset]!;
  let s = 0;
  for (let c = 0; c < criteria.length; c++) {
    const cr = criteria[c]!;
    s += (cr.better === 'lower' ? -1 : 1) * cr.weight * values[offset + c]!;
  }
  return s;
}

/** A branch's inputs compiled: its consequences by criterion index, its probability. */
interface CompiledInputs {
  cons: { c: number; expr: ReturnType<typeof compile> }[];
  /** Criterion ids the consequences name that are not criteria. */
  unknown: string[];
  /** Absent or blank: missing; REST: the rest; else the compiled text. */
  prob: ReturnType<typeof compile> | typeof REST | null;
}

const compiledTables = new WeakMap<AnalysisInputs, { structure: Structure; criteria: readonly Criterion[]; list: (CompiledInputs | undefined)[] }>();

/**
 * Each node's inputs compiled, by structure index, once per inputs record,
 * structure and criteria (sensitivity and Monte Carlo prepare the same tree
 * thousands of times; keyed lookups, string trims and cache probes per branch
 * dominated). The inputs record and its entries are treated as immutable, as
 * the document's operations keep them (lib/analysis/document.ts): a change to
 * a branch's inputs makes a new record.
 */
function compiledTable(structure: Structure, inputs: AnalysisInputs, criteria: readonly Criterion[]): (CompiledInputs | undefined)[] {
  const hit = compiledTables.get(inputs);
  if (hit && hit.structure === structure && hit.criteria === criteria) return hit.list;
  const critIndex = new Map(criteria.map((c, i) => [c.id, i]));
  const list = structure.ids.map((id): CompiledInputs | undefined => {
    if (!Object.hasOwn(inputs, id)) return undefined;
    const input = inputs[id]!;
    const cons: CompiledInputs['cons'] = [];
    const unknown: string[] = [];
    const consequences = input.consequences;
    for (const cid in consequences) {
      if (!Object.hasOwn(consequences, cid)) continue;
      const c = critIndex.get(cid);
      if (c === undefined) unknown.push(cid);
      else cons.push({ c, expr: compile(consequences[cid]!) });
    }
    const text = input.probability?.trim();
    return { cons, unknown, prob: !text ? null : text === REST ? REST : compile(text) };
  });
  compiledTables.set(inputs, { structure, criteria, list });
  return list;
}

/** Evaluates the inputs with the parameters (base values, then the overrides) into arrays, listing every problem. */
export function prepare(
  nodes: readonly AnalysisNode[],
  inputs: AnalysisInputs,
  settings: AnalysisSettings,
  overrides?: Overrides,
): Prepared {
  const problems: Problem[] = [];
  const add = (nodeId: string | null, d: ProblemDetail) => problems.push({ nodeId, code: d.code, message: problemText(d) });
  const criteria = settings.criteria;
  const k = criteria.length;
  const resolved = resolveParameters(settings.parameters, overrides);
  for (const p of resolved.problems) add(null, p);
  const params = resolved.values;

  const structure = buildStructure(nodes);
  if (!structure) {
    add(null, { code: 'no-root' });
    const empty = new Float64Array(0);
    return { structure: emptyStructure, criteria, cons: empty, own: empty, prob: empty, params, problems };
  }
  const { ids, titles, kind, childStart, childCount, childList } = structure;
  const n = ids.length;
  const cons = new Float64Array(n * k);
  const own = new Float64Array(n);
  const prob = new Float64Array(n).fill(Number.NaN);
  let consequencesWithoutCriteria = false;

  /**
   * A number, or the error (no allocation for the common plain number). The
   * parameters are fixed for this call, so an expression several branches
   * share (a parameter read as a probability) is evaluated once.
   */
  const evaluated = new Map<Compiled, number | ExprError>();
  const evalCompiled = (r: ReturnType<typeof compile>): number | ExprError => {
    if (!r.ok) return r.error;
    const c = r.value;
    if (c.constant !== null) return c.constant;
    const hit = evaluated.get(c);
    if (hit !== undefined) return hit;
    const e = evaluateCompiled(c, params);
    const out = e.ok ? e.value : e.error;
    evaluated.set(c, out);
    return out;
  };
  const table = compiledTable(structure, inputs, criteria);

  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const input = table[i];
    if (input) {
      if (input.unknown.length) {
        if (k === 0) consequencesWithoutCriteria = true;
        else for (const cid of input.unknown) add(id, { code: 'unknown-criterion', title: titles[i]!, criterion: cid });
      }
      for (const { c, expr } of input.cons) {
        const r = evalCompiled(expr);
        if (typeof r === 'number') cons[i * k + c] = r;
        else add(id, { code: 'bad-consequence', title: titles[i]!, criterion: criteria[c]!.name, error: r });
      }
      if (k) own[i] = combine(criteria, cons, i * k);
    }
    const kc = kind[i]!;
    const count = childCount[i]!;
    if (kc !== KIND_SUM && count === 0) {
      add(id, { code: 'no-branches', title: titles[i]!, kind: kc === KIND_DECISION ? 'decision' : 'chance' });
      continue;
    }
    if (kc !== KIND_CHANCE) continue;
    // Probabilities of the branches of a chance node.
    const start = childStart[i]!;
    const given: number[] = [];
    const rest: number[] = [];
    let broken = false;
    for (let j = start; j < start + count; j++) {
      const ch = childList[j]!;
      const text = table[ch]?.prob ?? null;
      if (text === null) {
        add(ids[ch]!, { code: 'missing-probability', title: titles[ch]! });
        broken = true;
        continue;
      }
      if (text === REST) {
        rest.push(ch);
        continue;
      }
      const r = evalCompiled(text);
      if (typeof r !== 'number') {
        add(ids[ch]!, { code: 'bad-probability', title: titles[ch]!, error: r });
        broken = true;
        continue;
      }
      if (r < 0 || r > 1) {
        add(ids[ch]!, { code: 'probability-range', title: titles[ch]!, value: r });
        broken = true;
      }
      prob[ch] = r;
      given.push(r);
    }
    if (broken) continue;
    const sumGiven = carefulSum(given);
    if (rest.length) {
      const remaining = 1 - sumGiven;
      if (remaining < -PROBABILITY_TOLERANCE) {
        add(id, { code: 'rest-negative', title: titles[i]!, rest: remaining });
        continue;
      }
      const share = Math.max(0, remaining) / rest.length;
      const last = rest[rest.length - 1]!;
      for (let r = 0; r < rest.length - 1; r++) prob[rest[r]!] = share;
      // The last "rest" branch takes what the others leave, summed in sibling order, so that
      // the branches summed in that order make exactly 1.
      let others = 0;
      for (let j = start; j < start + count; j++) if (childList[j] !== last) others += prob[childList[j]!]!;
      prob[last] = Math.max(0, 1 - others);
    } else if (Math.abs(sumGiven - 1) > PROBABILITY_TOLERANCE) {
      add(id, { code: 'probability-sum', title: titles[i]!, sum: sumGiven });
    }
  }
  if (consequencesWithoutCriteria) add(null, { code: 'no-criteria' });
  return { structure, criteria, cons, own, prob, params, problems };
}

const emptyStructure: Structure = {
  ids: [], titles: [], kinds: [], indexOf: new Map(), parent: new Int32Array(0), kind: new Uint8Array(0),
  childStart: new Int32Array(0), childCount: new Int32Array(0), childList: new Int32Array(0),
};

/** Every problem found before computing, each naming its node (or null for the settings). */
export function validate(
  nodes: readonly AnalysisNode[],
  inputs: AnalysisInputs,
  settings: AnalysisSettings,
  overrides?: Overrides,
): Problem[] {
  return prepare(nodes, inputs, settings, overrides).problems;
}
