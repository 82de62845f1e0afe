/**
 * Which branches and options an assumption's Key Assumptions Check status
 * weakens: one definition for the Key Assumptions table, the brief, the
 * scenario overview and the marks on the tree.
 *
 * An option is a child of the root decision. A branch belongs to the option it
 * descends from; an assumption under the root decision itself bears on every
 * option. Loops only.
 */
import type { TreeIndex } from '@/lib/model/tree';
import type { Assumption } from '@/lib/model/schema';
import { own } from '@/lib/records';
import { isBreaking, type AssumptionStatus } from '@/lib/annotations/vocab';
import type { WorkDocument } from './types';

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

export interface AssumptionReach {
  assumption: Assumption;
  status: AssumptionStatus;
  /** Whether the status weakens what rests on the assumption. */
  breaking: boolean;
  /** Branches that rest on it directly. */
  branches: readonly string[];
  /** Options those branches belong to, in tree order. */
  options: string[];
}

/** For every assumption: its status, the branches resting on it and the options they belong to. */
export function assumptionReach(doc: WorkDocument, index: TreeIndex): AssumptionReach[] {
  const optionOf = optionOfEach(index);
  return doc.scenario.assumptions.map((assumption) => {
    const status = own(doc.annotations.assumptions, assumption.id)?.status ?? 'unreviewed';
    const branches = index.nodesByAssumption.get(assumption.id) ?? [];
    return { assumption, status, breaking: isBreaking(status), branches, options: optionsOf(index, optionOf, branches) };
  });
}

/** The options weakened by any assumption judged unsupported or broken, in tree order. */
export function affectedOptions(reach: readonly AssumptionReach[], index: TreeIndex): string[] {
  const hit = new Set<string>();
  for (const r of reach) if (r.breaking) for (const o of r.options) hit.add(o);
  return (index.children.get(index.root.id) ?? []).filter((c) => hit.has(c.id)).map((c) => c.id);
}

/** Nodes that rest directly on an assumption for which `isBroken` holds. */
export function directlyBrokenNodes(doc: WorkDocument, isBroken: (assumptionId: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const n of doc.scenario.nodes) if (n.assumptionIds.some(isBroken)) out.add(n.id);
  return out;
}
