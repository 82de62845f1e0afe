/**
 * Rollback (backward induction) of a scenario tree under a rule, on the
 * combined score (validate.ts says how criteria combine):
 *
 * | rule     | at a decision | at a chance node          |
 * |----------|---------------|---------------------------|
 * | max-ev   | highest       | expected value            |
 * | min-ev   | lowest        | expected value            |
 * | maximin  | highest       | worst (lowest) branch     |
 * | maximax  | highest       | best (highest) branch     |
 * | minimin  | lowest        | lowest branch             |
 * | minimax  | lowest        | highest branch            |
 *
 * (SilverDecisions' expected-value-maximization, expected-value-minimization,
 * maxi-min, maxi-max, mini-min and mini-max.) Option and outcome nodes add
 * their children (they all happen). Under the max/min rules a chance node's
 * per-criterion values are the average over its extreme branches (ties), as
 * SilverDecisions does; every branch counts, whatever its probability.
 *
 * Ties: children whose scores are within 1e-9 x max(1, |a|, |b|) of the best
 * are all listed as best and the decision is marked tied; values are never
 * averaged over them. The best policy takes the first tied child in sibling
 * order. The probability of reaching a node uses the branches' probabilities
 * under that policy (every child of an option or outcome is reached with its
 * parent).
 *
 * Loops only (the pre-order arrays read backwards are a post-order), so a
 * 10,000-deep chain is fine. No function here throws.
 */
import { isExpectedValueRule, maximises, type AnalysisInputs, type AnalysisSettings, type Rule } from './model';
import type { Overrides } from './params';
import {
  KIND_CHANCE,
  KIND_DECISION,
  prepare,
  type AnalysisNode,
  type Prepared,
  type Problem,
} from './validate';
import { problemText } from '@/lib/messages/analysis';

export const TIE_TOLERANCE = 1e-9;
export const POLICY_CAP = 10_000;
export const RISK_PROFILE_CAP = 10_000;

export function tied(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A fixed choice at decisions: decision id -> chosen child id. Decisions it leaves out are optimised. */
export type Policy = ReadonlyMap<string, string>;

export interface SolveOptions {
  overrides?: Overrides;
  policy?: Policy;
}

export interface NodeValue {
  /** The combined score. */
  score: number;
  /** criterion id -> value. */
  byCriterion: Record<string, number>;
}

export interface Solution {
  rule: Rule;
  rootId: string;
  root: NodeValue;
  /** Each node's value (computed when read, from the rollback's arrays). */
  values: ReadonlyMap<string, NodeValue>;
  /** Each decision's best children (all of them when tied); under a fixed policy, its choice. */
  best: Map<string, readonly string[]>;
  /** Decisions whose best children are tied. */
  tied: Set<string>;
  /** Children of decisions that are not among the best (drawn dimmed, with their subtrees). */
  rejected: Set<string>;
  /** The choice at every decision (the first best child), reachable or not. */
  policy: Map<string, string>;
  /** Probability of reaching each node under the policy (0 off it). */
  reach: ReadonlyMap<string, number>;
  /** Each branch's own probability as evaluated ("the rest" resolved); NaN for a node whose parent is not a chance node. */
  probability: ReadonlyMap<string, number>;
}

/** A read-only map over the pre-order arrays: values are made when read, so a large tree costs nothing unread. */
class IndexedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly ids: readonly string[],
    private readonly indexOf: ReadonlyMap<string, number>,
    private readonly at: (i: number) => V,
  ) {}
  get size(): number {
    return this.ids.length;
  }
  get(id: string): V | undefined {
    const i = this.indexOf.get(id);
    return i === undefined ? undefined : this.at(i);
  }
  has(id: string): boolean {
    return this.indexOf.has(id);
  }
  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i]!, this.at(i)];
  }
  *keys(): MapIterator<string> {
    yield* this.ids;
  }
  *values(): MapIterator<V> {
    for (let i = 0; i < this.ids.length; i++) yield this.at(i);
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (let i = 0; i < this.ids.length; i++) fn(this.at(i), this.ids[i]!, this);
  }
}

export type SolveResult = { ok: true; solution: Solution; prepared: Prepared } | { ok: false; problems: Problem[] };

/** The arrays of a rollback, indexed like the prepared structure. */
export interface Rolled {
  score: Float64Array;
  /** Per-criterion values, node-major. */
  crit: Float64Array;
  /** Chosen child index at each decision (-1 elsewhere). */
  choice: Int32Array;
  /** Best children of each decision, when more than one (ties). */
  ties: Map<number, number[]>;
  reach: Float64Array;
}

/** Rollback on prepared arrays; `fixed` maps a decision index to a child index. */
export function rollPrepared(p: Prepared, rule: Rule, fixed?: ReadonlyMap<number, number>): Rolled {
  const { kind, childStart, childCount, childList } = p.structure;
  const n = kind.length;
  const k = p.criteria.length;
  const score = new Float64Array(n);
  const crit = new Float64Array(n * k);
  const choice = new Int32Array(n).fill(-1);
  const ties = new Map<number, number[]>();
  const ev = isExpectedValueRule(rule);
  const maxAtDecision = maximises(rule);
  const maxAtChance = rule === 'maximax' || rule === 'minimax';
  const { own, cons, prob } = p;

  for (let i = n - 1; i >= 0; i--) {
    const start = childStart[i]!;
    const count = childCount[i]!;
    let s = own[i]!;
    for (let c = 0; c < k; c++) crit[i * k + c] = cons[i * k + c]!;
    if (count === 0) {
      score[i] = s;
      continue;
    }
    const kc = kind[i]!;
    if (kc === KIND_DECISION) {
      let chosen = fixed?.get(i) ?? -1;
      if (chosen < 0) {
        let bestV = 0;
        for (let j = start; j < start + count; j++) {
          const ch = childList[j]!;
          const v = score[ch]!;
          if (chosen < 0 || (maxAtDecision ? v > bestV : v < bestV)) {
            chosen = ch;
            bestV = v;
          }
        }
        // Ties around the extreme (the first in sibling order is chosen).
        let list: number[] | undefined;
        let first = -1;
        for (let j = start; j < start + count; j++) {
          const ch = childList[j]!;
          if (!tied(score[ch]!, bestV)) continue;
          if (first < 0) first = ch;
          else (list ??= [first]).push(ch);
        }
        chosen = first;
        if (list) ties.set(i, list);
      }
      choice[i] = chosen;
      s += score[chosen]!;
      for (let c = 0; c < k; c++) crit[i * k + c]! += crit[chosen * k + c]!;
    } else if (kc === KIND_CHANCE && !ev) {
      let ext = 0;
      for (let j = start; j < start + count; j++) {
        const v = score[childList[j]!]!;
        if (j === start || (maxAtChance ? v > ext : v < ext)) ext = v;
      }
      s += ext;
      if (k) {
        let m = 0;
        for (let j = start; j < start + count; j++) {
          const ch = childList[j]!;
          if (!tied(score[ch]!, ext)) continue;
          m++;
          for (let c = 0; c < k; c++) crit[i * k + c]! += crit[ch * k + c]!;
        }
        // average over the extreme branches
        for (let c = 0; c < k; c++) crit[i * k + c] = cons[i * k + c]! + (crit[i * k + c]! - cons[i * k + c]!) / m;
      }
    } else {
      // chance under expected value (weights = probabilities) or option/outcome (weights = 1).
      const chance = kc === KIND_CHANCE;
      for (let j = start; j < start + count; j++) {
        const ch = childList[j]!;
        const w = chance ? prob[ch]! : 1;
        if (w === 0) continue;
        s += w * score[ch]!;
        for (let c = 0; c < k; c++) crit[i * k + c]! += w * crit[ch * k + c]!;
      }
    }
    score[i] = s;
  }

  const reach = new Float64Array(n);
  if (n) reach[0] = 1;
  for (let i = 0; i < n; i++) {
    const r = reach[i]!;
    if (r === 0) continue;
    const start = childStart[i]!;
    const count = childCount[i]!;
    const kc = kind[i]!;
    if (kc === KIND_DECISION) {
      if (choice[i]! >= 0) reach[choice[i]!] = r;
    } else {
      for (let j = start; j < start + count; j++) {
        const ch = childList[j]!;
        reach[ch] = kc === KIND_CHANCE ? r * prob[ch]! : r;
      }
    }
  }
  return { score, crit, choice, ties, reach };
}

/** Policy ids to indexes; a choice that is not a child of its decision is a problem. */
function policyIndexes(p: Prepared, policy: Policy | undefined, problems: Problem[]): Map<number, number> | undefined {
  if (!policy) return undefined;
  const { indexOf, parent, kind, titles } = p.structure;
  const out = new Map<number, number>();
  for (const [decision, child] of policy) {
    const d = indexOf.get(decision);
    const c = indexOf.get(child);
    if (d === undefined || kind[d] !== KIND_DECISION) continue;
    if (c === undefined || parent[c] !== d) {
      const detail = { code: 'policy-choice', title: titles[d]!, choice: child } as const;
      problems.push({ nodeId: decision, code: detail.code, message: problemText(detail) });
      continue;
    }
    out.set(d, c);
  }
  return out;
}

function nodeValue(p: Prepared, r: Rolled, i: number): NodeValue {
  const k = p.criteria.length;
  const byCriterion: Record<string, number> = {};
  for (let c = 0; c < k; c++) byCriterion[p.criteria[c]!.id] = r.crit[i * k + c]!;
  return { score: r.score[i]!, byCriterion };
}

/** Solves the tree: values, best children (ties), best policy and reach probabilities; or the problems that prevent it. */
export function solve(
  nodes: readonly AnalysisNode[],
  inputs: AnalysisInputs,
  settings: AnalysisSettings,
  options: SolveOptions = {},
): SolveResult {
  const p = prepare(nodes, inputs, settings, options.overrides);
  const problems = [...p.problems];
  const fixed = policyIndexes(p, options.policy, problems);
  if (problems.length) return { ok: false, problems };
  const r = rollPrepared(p, settings.rule, fixed);
  return { ok: true, solution: describe(p, r, settings.rule), prepared: p };
}

/** The root decision's options with their values and the best of them (ties all listed): what sensitivity and Monte Carlo read. */
export type RootOutcome = { ok: true; options: { id: string; value: number }[]; best: string[]; value: number } | { ok: false; problems: Problem[] };

/**
 * `solve` reduced to the root: the same preparation and rollback, without
 * building the per-node maps of a solution (evaluated thousands of times by
 * sensitivity analysis and Monte Carlo).
 */
export function solveRoot(nodes: readonly AnalysisNode[], inputs: AnalysisInputs, settings: AnalysisSettings, options: SolveOptions = {}): RootOutcome {
  const p = prepare(nodes, inputs, settings, options.overrides);
  const problems = [...p.problems];
  const fixed = policyIndexes(p, options.policy, problems);
  if (problems.length) return { ok: false, problems };
  const r = rollPrepared(p, settings.rule, fixed);
  const { ids, kind, childStart, childCount, childList } = p.structure;
  const out: { id: string; value: number }[] = [];
  for (let j = childStart[0]!; j < childStart[0]! + childCount[0]!; j++) out.push({ id: ids[childList[j]!]!, value: r.score[childList[j]!]! });
  const choice = r.choice[0]!;
  const best = kind[0] === KIND_DECISION && choice >= 0 ? (r.ties.get(0)?.map((c) => ids[c]!) ?? [ids[choice]!]) : [];
  return { ok: true, options: out, best, value: r.score[0]! };
}

function describe(p: Prepared, r: Rolled, rule: Rule): Solution {
  const { ids, kind, indexOf } = p.structure;
  const best = new Map<string, readonly string[]>();
  const tiedSet = new Set<string>();
  const policy = new Map<string, string>();
  const rejected = new Set<string>();
  const { childStart, childCount, childList } = p.structure;
  for (let i = 0; i < ids.length; i++) {
    if (kind[i] === KIND_DECISION && r.choice[i]! >= 0) {
      const t = r.ties.get(i);
      const list = t ? t.map((c) => ids[c]!) : [ids[r.choice[i]!]!];
      best.set(ids[i]!, list);
      if (t) tiedSet.add(ids[i]!);
      policy.set(ids[i]!, ids[r.choice[i]!]!);
      for (let j = childStart[i]!; j < childStart[i]! + childCount[i]!; j++) {
        const ch = childList[j]!;
        if (ch !== r.choice[i] && !t?.includes(ch)) rejected.add(ids[ch]!);
      }
    }
  }
  const values = new IndexedMap(ids, indexOf, (i) => nodeValue(p, r, i));
  const reach = new IndexedMap(ids, indexOf, (i) => r.reach[i]!);
  const probability = new IndexedMap(ids, indexOf, (i) => p.prob[i]!);
  return { rule, rootId: ids[0]!, root: nodeValue(p, r, 0), values, best, tied: tiedSet, rejected, policy, reach, probability };
}

// ---------------------------------------------------------------------------
// Every policy

export interface PolicyRow {
  /** decision id -> chosen child id, at every decision reachable under this policy. */
  choices: Map<string, string>;
  value: NodeValue;
}

export type PoliciesResult =
  | { ok: true; policies: PolicyRow[]; total: number; capped: boolean }
  | { ok: false; problems: Problem[] };

/**
 * Every policy (one choice at each decision reachable under it) with its
 * value under the rule, best first (stable in enumeration order); at most
 * `cap` of them, with `capped` set and `total` the full count (may be Infinity).
 */
export function policies(
  nodes: readonly AnalysisNode[],
  inputs: AnalysisInputs,
  settings: AnalysisSettings,
  options: { overrides?: Overrides; cap?: number } = {},
): PoliciesResult {
  const cap = Math.max(1, Math.min(options.cap ?? POLICY_CAP, POLICY_CAP));
  const p = prepare(nodes, inputs, settings, options.overrides);
  if (p.problems.length) return { ok: false, problems: p.problems };
  const { kind, childStart, childCount, childList, ids } = p.structure;
  const n = kind.length;
  // Partial policies per node: flat [decision, child, decision, child, ...] arrays.
  const lists: (number[][] | undefined)[] = new Array(n);
  const counts = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const start = childStart[i]!;
    const count = childCount[i]!;
    if (count === 0) {
      lists[i] = [[]];
      counts[i] = 1;
      continue;
    }
    let out: number[][] = [];
    if (kind[i] === KIND_DECISION) {
      let total = 0;
      for (let j = start; j < start + count; j++) {
        const ch = childList[j]!;
        total += counts[ch]!;
        for (const pp of lists[ch]!) {
          if (out.length >= cap) break;
          out.push([i, ch, ...pp]);
        }
      }
      counts[i] = total;
    } else {
      let total = 1;
      out = [[]];
      for (let j = start; j < start + count; j++) {
        const ch = childList[j]!;
        total *= counts[ch]!;
        const next: number[][] = [];
        for (const a of out) {
          for (const b of lists[ch]!) {
            if (next.length >= cap) break;
            next.push(b.length ? a.concat(b) : a);
          }
          if (next.length >= cap) break;
        }
        out = next;
      }
      counts[i] = total;
    }
    for (let j = start; j < start + count; j++) lists[childList[j]!] = undefined;
    lists[i] = out;
  }
  const rows: PolicyRow[] = [];
  for (const pp of lists[0] ?? []) {
    const fixed = new Map<number, number>();
    const choices = new Map<string, string>();
    for (let t = 0; t < pp.length; t += 2) {
      fixed.set(pp[t]!, pp[t + 1]!);
      choices.set(ids[pp[t]!]!, ids[pp[t + 1]!]!);
    }
    const r = rollPrepared(p, settings.rule, fixed);
    rows.push({ choices, value: nodeValue(p, r, 0) });
  }
  const sign = maximises(settings.rule) ? -1 : 1;
  rows.sort((a, b) => sign * (a.value.score - b.value.score));
  const total = counts[0] ?? 0;
  return { ok: true, policies: rows, total, capped: total > rows.length };
}

// ---------------------------------------------------------------------------
// Expected value of perfect information

export type EvpiResult =
  | { ok: true; base: number; evpi: Map<string, number> }
  | { ok: false; problems: Problem[] }
  | { ok: false; notExpectedValue: true };

/**
 * The expected value of perfect information about each chance node, under an
 * expected-value rule. Definition: the decision maker learns the chance
 * node's outcome before every decision (the node is resolved first). For each
 * branch b, the tree is rolled back with the node certain to take b (every
 * decision re-optimised knowing it); the value with information is the
 * probability-weighted mean of those values, and EVPI is its improvement on
 * the base value (value with information minus base under max-ev, base minus
 * it under min-ev; never negative beyond rounding). Only the node's ancestors
 * change, so each branch costs a walk up to the root.
 */
export function evpi(
  nodes: readonly AnalysisNode[],
  inputs: AnalysisInputs,
  settings: AnalysisSettings,
  options: { overrides?: Overrides } = {},
): EvpiResult {
  if (!isExpectedValueRule(settings.rule)) return { ok: false, notExpectedValue: true };
  const p = prepare(nodes, inputs, settings, options.overrides);
  if (p.problems.length) return { ok: false, problems: p.problems };
  const r = rollPrepared(p, settings.rule);
  const { kind, childStart, childCount, childList, parent, ids } = p.structure;
  const max = maximises(settings.rule);
  const base = r.score[0]!;
  const out = new Map<string, number>();
  for (let cn = 0; cn < kind.length; cn++) {
    if (kind[cn] !== KIND_CHANCE || childCount[cn] === 0) continue;
    const start = childStart[cn]!;
    let withInfo = 0;
    for (let j = start; j < start + childCount[cn]!; j++) {
      const b = childList[j]!;
      const pb = p.prob[b]!;
      if (pb === 0) continue;
      // Walk up from the chance node with its value fixed to branch b.
      let node = cn;
      let value = p.own[cn]! + r.score[b]!;
      while (parent[node]! >= 0) {
        const up = parent[node]!;
        value = recompute(p, r, up, node, value, max);
        node = up;
      }
      withInfo += pb * value;
    }
    const gain = max ? withInfo - base : base - withInfo;
    out.set(ids[cn]!, Math.abs(gain) <= TIE_TOLERANCE * Math.max(1, Math.abs(base)) ? 0 : gain);
  }
  return { ok: true, base, evpi: out };
}

/** The value of `i` when its child `changed` takes `value` (other children as rolled back). */
function recompute(p: Prepared, r: Rolled, i: number, changed: number, value: number, max: boolean): number {
  const { kind, childStart, childCount, childList } = p.structure;
  const start = childStart[i]!;
  const count = childCount[i]!;
  const of = (ch: number) => (ch === changed ? value : r.score[ch]!);
  let s = p.own[i]!;
  if (kind[i] === KIND_DECISION) {
    let best = of(childList[start]!);
    for (let j = start + 1; j < start + count; j++) {
      const v = of(childList[j]!);
      if (max ? v > best : v < best) best = v;
    }
    return s + best;
  }
  const chance = kind[i] === KIND_CHANCE;
  for (let j = start; j < start + count; j++) {
    const ch = childList[j]!;
    const w = chance ? p.prob[ch]! : 1;
    if (w !== 0) s += w * of(ch);
  }
  return s;
}

// ---------------------------------------------------------------------------
// Risk profile

export interface RiskPoint {
  value: number;
  probability: number;
}

export type RiskProfileResult = { ok: true; points: RiskPoint[]; capped: boolean } | { ok: false; problems: Problem[] };

/**
 * The distribution of the total combined score under the best policy (or
 * `options.policy`): {value, probability} sorted by value, equal values (within
 * the tie tolerance) merged, zero probabilities left out. The parts of an
 * option or outcome are independent, so their distributions convolve. Past
 * `cap` points (10,000) neighbouring values are pooled into `cap` groups at
 * their probability-weighted mean (the mean is kept) and `capped` is set.
 */
export function riskProfile(
  nodes: readonly AnalysisNode[],
  inputs: AnalysisInputs,
  settings: AnalysisSettings,
  options: SolveOptions & { cap?: number } = {},
): RiskProfileResult {
  const cap = Math.max(1, Math.min(options.cap ?? RISK_PROFILE_CAP, RISK_PROFILE_CAP));
  const solved = solve(nodes, inputs, settings, options);
  if (!solved.ok) return solved;
  const p = solved.prepared;
  const { kind, childStart, childCount, childList, indexOf } = p.structure;
  const n = kind.length;
  // Nodes on the policy (structurally: the chosen child at decisions, every child elsewhere).
  const onPolicy = new Uint8Array(n);
  if (n) onPolicy[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!onPolicy[i]) continue;
    if (kind[i] === KIND_DECISION) {
      const chosen = solved.solution.policy.get(p.structure.ids[i]!);
      if (chosen !== undefined) onPolicy[indexOf.get(chosen)!] = 1;
    } else for (let j = childStart[i]!; j < childStart[i]! + childCount[i]!; j++) onPolicy[childList[j]!] = 1;
  }
  let capped = false;
  const dists: (RiskPoint[] | undefined)[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (!onPolicy[i]) continue;
    const start = childStart[i]!;
    const count = childCount[i]!;
    const own = p.own[i]!;
    let d: RiskPoint[];
    if (count === 0) d = [{ value: own, probability: 1 }];
    else if (kind[i] === KIND_DECISION) {
      const chosen = indexOf.get(solved.solution.policy.get(p.structure.ids[i]!)!)!;
      d = shift(dists[chosen]!, own);
    } else if (kind[i] === KIND_CHANCE) {
      const all: RiskPoint[] = [];
      for (let j = start; j < start + count; j++) {
        const ch = childList[j]!;
        const pc = p.prob[ch]!;
        if (pc === 0) continue;
        for (const pt of dists[ch]!) all.push({ value: pt.value + own, probability: pt.probability * pc });
      }
      d = all;
    } else {
      d = [{ value: own, probability: 1 }];
      for (let j = start; j < start + count; j++) {
        const next: RiskPoint[] = [];
        for (const a of d) for (const b of dists[childList[j]!]!) next.push({ value: a.value + b.value, probability: a.probability * b.probability });
        const m = mergePoints(next, cap);
        capped ||= m.capped;
        d = m.points;
      }
    }
    const m = mergePoints(d, cap);
    capped ||= m.capped;
    dists[i] = m.points;
    for (let j = start; j < start + count; j++) dists[childList[j]!] = undefined;
  }
  return { ok: true, points: dists[0] ?? [], capped };
}

const shift = (d: readonly RiskPoint[], by: number): RiskPoint[] => d.map((pt) => ({ value: pt.value + by, probability: pt.probability }));

/** Sorts, merges equal values, drops zero probabilities, and pools into `cap` groups when there are more. */
export function mergePoints(points: RiskPoint[], cap: number): { points: RiskPoint[]; capped: boolean } {
  const sorted = points.filter((pt) => pt.probability > 0).sort((a, b) => a.value - b.value);
  const merged: RiskPoint[] = [];
  for (const pt of sorted) {
    const last = merged[merged.length - 1];
    if (last && tied(last.value, pt.value)) last.probability += pt.probability;
    else merged.push({ ...pt });
  }
  if (merged.length <= cap) return { points: merged, capped: false };
  const pooled: RiskPoint[] = [];
  for (let g = 0; g < cap; g++) {
    const from = Math.floor((g * merged.length) / cap);
    const to = Math.floor(((g + 1) * merged.length) / cap);
    let pr = 0;
    let mass = 0;
    for (let t = from; t < to; t++) {
      pr += merged[t]!.probability;
      mass += merged[t]!.probability * merged[t]!.value;
    }
    pooled.push({ value: mass / pr, probability: pr });
  }
  return { points: pooled, capped: true };
}
