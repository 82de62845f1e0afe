/**
 * Which branches and options a Key Assumptions Check judgement weakens: one
 * definition for the Key Assumptions table, the brief, the scenario overview,
 * the marks on the tree (screen and pictures) and the what-if preview.
 *
 * Premises have two sides. A branch rests on an assumption being true (it is
 * in `assumptionIds`) or on its being false (also in `negatedAssumptionIds`).
 * The check judges the proposition once; the side that fails is weakened:
 * judging it solid weakens the branches that rest on its negation, judging it
 * unsupported or broken weakens those that rest on it. "With caveats" and
 * "not reviewed" weaken neither side.
 *
 * An option is a child of the root decision. An option is weakened when the
 * option itself, or the root decision above it (which bears on every option),
 * rests on the failing side. A sub-branch resting on the failing side is
 * weakened (it, and what lies below it, is marked on the tree), but it does not
 * weaken its option: an outcome made less likely is not a weaker course of action.
 * Loops only.
 */
import { subtreeIds, type TreeIndex } from '@/lib/model/tree';
import type { Assumption, ScenarioNode } from '@/lib/model/schema';
import { own } from '@/lib/records';
import { isBreaking, type AssumptionStatus } from '@/lib/annotations/vocab';
import type { WorkDocument } from './types';

/** The parts of a document a judgement reads. */
type Judged = Pick<WorkDocument, 'scenario' | 'annotations'>;

/** The side of a proposition a branch rests on: its being true, or its being false. */
export type Side = 'holds' | 'fails';

/** The side a branch rests on, or null when the branch does not rest on the assumption. */
export function sideOf(node: Pick<ScenarioNode, 'assumptionIds' | 'negatedAssumptionIds'>, assumptionId: string): Side | null {
  if (!node.assumptionIds.includes(assumptionId)) return null;
  return node.negatedAssumptionIds.includes(assumptionId) ? 'fails' : 'holds';
}

/** The side a status weakens: unsupported or broken weakens "holds", solid weakens "fails". */
export function weakenedSide(status: AssumptionStatus): Side | null {
  if (isBreaking(status)) return 'holds';
  if (status === 'solid') return 'fails';
  return null;
}

/** A status to try without committing it. */
export interface WhatIf {
  assumptionId: string;
  status: AssumptionStatus;
}

/** Reads an assumption's status: the analyst's, or the what-if being tried for that one assumption. */
export type StatusOf = (assumptionId: string) => AssumptionStatus;

export function statusReader(doc: Judged, whatIf: WhatIf | null = null): StatusOf {
  return (id) => (whatIf && whatIf.assumptionId === id ? whatIf.status : (own(doc.annotations.assumptions, id)?.status ?? 'unreviewed'));
}

/** The option (depth-1 ancestor) of every node; the root maps to itself. */
export function optionOfEach(index: TreeIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of index.preorder) {
    if (n.parentId === null || n.parentId === index.root.id) out.set(n.id, n.id);
    else out.set(n.id, out.get(n.parentId) ?? n.id);
  }
  return out;
}

/** The options, in tree order, that the given branches belong to (the root stands for every option). */
export function optionsOf(index: TreeIndex, optionOf: ReadonlyMap<string, string>, branches: readonly string[]): string[] {
  const seen = new Set<string>();
  const options = index.children.get(index.root.id) ?? [];
  for (const b of branches) {
    const o = optionOf.get(b);
    if (o === undefined) continue;
    if (o === index.root.id) for (const c of options) seen.add(c.id);
    else seen.add(o);
  }
  return options.filter((c) => seen.has(c.id)).map((c) => c.id);
}

/** The options, in tree order, whose own premises are the given branches: an option itself, or the root (every option). */
export function optionsCarried(index: TreeIndex, branches: readonly string[]): string[] {
  const options = index.children.get(index.root.id) ?? [];
  const on = new Set(branches);
  if (on.has(index.root.id)) return options.map((c) => c.id);
  return options.filter((c) => on.has(c.id)).map((c) => c.id);
}

/** The branches on one side of a proposition and the options that side carries. */
export interface SideReach {
  branches: readonly string[];
  options: string[];
}

export interface AssumptionReach {
  assumption: Assumption;
  status: AssumptionStatus;
  /** The side the status weakens, or null. */
  weakened: Side | null;
  /** Whether the status weakens any branch (some branch rests on the side that fails). */
  breaking: boolean;
  /** Branches resting on the assumption being true, and their options. */
  holds: SideReach;
  /** Branches resting on the assumption being false, and their options. */
  fails: SideReach;
  /** Every branch resting on it, either side, in tree order. */
  branches: readonly string[];
  /** The branches and options the status weakens (those of the weakened side; empty when none). */
  weakenedBranches: readonly string[];
  weakenedOptions: string[];
}

const NO_REACH: SideReach = { branches: [], options: [] };

/** For every assumption: its status, the branches resting on each side, and what the status weakens. */
export function assumptionReach(doc: WorkDocument, index: TreeIndex, statusOf: StatusOf = statusReader(doc)): AssumptionReach[] {
  return doc.scenario.assumptions.map((assumption) => {
    const status = statusOf(assumption.id);
    const branches = index.nodesByAssumption.get(assumption.id) ?? [];
    const on: Record<Side, string[]> = { holds: [], fails: [] };
    for (const b of branches) {
      const n = index.byId.get(b);
      if (n) on[sideOf(n, assumption.id) ?? 'holds'].push(b);
    }
    const holds = on.holds.length ? { branches: on.holds, options: optionsCarried(index, on.holds) } : NO_REACH;
    const fails = on.fails.length ? { branches: on.fails, options: optionsCarried(index, on.fails) } : NO_REACH;
    const weakened = weakenedSide(status);
    const hit = weakened === 'holds' ? holds : weakened === 'fails' ? fails : NO_REACH;
    return {
      assumption,
      status,
      weakened,
      breaking: hit.branches.length > 0,
      holds,
      fails,
      branches,
      weakenedBranches: hit.branches,
      weakenedOptions: hit.options,
    };
  });
}

/** The options weakened by any judgement, in tree order. */
export function affectedOptions(reach: readonly AssumptionReach[], index: TreeIndex): string[] {
  const hit = new Set<string>();
  for (const r of reach) for (const o of r.weakenedOptions) hit.add(o);
  return (index.children.get(index.root.id) ?? []).filter((c) => hit.has(c.id)).map((c) => c.id);
}

/** Whether a branch rests on the failing side of any of its premises. */
export function isWeakened(node: Pick<ScenarioNode, 'assumptionIds' | 'negatedAssumptionIds'>, statusOf: StatusOf): boolean {
  for (const a of node.assumptionIds) {
    const side = weakenedSide(statusOf(a));
    if (side !== null && side === sideOf(node, a)) return true;
  }
  return false;
}

/** The marks on the tree: branches weakened directly, and the branches below them (which inherit the weakness). */
export interface Weakened {
  direct: Set<string>;
  below: Set<string>;
}

export function weakenedNodes(doc: Judged, index: TreeIndex, statusOf: StatusOf = statusReader(doc)): Weakened {
  const direct = new Set<string>();
  // Most documents judge no premise so that it weakens a branch: then one look per premise, not one per branch
  // (and no walk of the tree: the document's own list of premises).
  let weakening = false;
  for (const { id } of doc.scenario.assumptions) {
    if (weakenedSide(statusOf(id)) !== null) {
      weakening = true;
      break;
    }
  }
  if (!weakening) return { direct, below: new Set() };
  for (const n of doc.scenario.nodes) if (isWeakened(n, statusOf)) direct.add(n.id);
  const below = new Set<string>();
  for (const id of direct) {
    for (const d of subtreeIds(index, id)) if (d !== id && !direct.has(d)) below.add(d);
  }
  return { direct, below };
}

/** What trying a status would change: the branches and options it would weaken that are not weakened now, and those it would free. */
export interface WhatIfEffect {
  weakens: { branches: string[]; options: string[] };
  frees: { branches: string[]; options: string[] };
}

export function whatIfEffect(doc: WorkDocument, index: TreeIndex, whatIf: WhatIf): WhatIfEffect {
  const now = statusReader(doc);
  const tried = statusReader(doc, whatIf);
  const before = weakenedNodes(doc, index, now).direct;
  const after = weakenedNodes(doc, index, tried).direct;
  const optsBefore = new Set(affectedOptions(assumptionReach(doc, index, now), index));
  const optsAfter = affectedOptions(assumptionReach(doc, index, tried), index);
  const order = (ids: Set<string>) => index.preorder.filter((n) => ids.has(n.id)).map((n) => n.id);
  const only = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));
  const optsAfterSet = new Set(optsAfter);
  return {
    weakens: { branches: order(only(after, before)), options: optsAfter.filter((o) => !optsBefore.has(o)) },
    frees: { branches: order(only(before, after)), options: [...optsBefore].filter((o) => !optsAfterSet.has(o)) },
  };
}
