/**
 * What changed between two working documents (e.g. an imported snapshot and
 * the one open): branches added, removed, renamed, moved or edited; changes
 * to the analyst's stance, likelihood and notes; Key Assumptions Check
 * statuses; assumptions, risks and indicators added or removed. Also a
 * per-node map for highlighting the tree. Loops only.
 */
import type { ScenarioNode } from '@/lib/model/schema';
import { own, type NodeAnnotation } from '@/lib/annotations/types';
import type { AssumptionStatus, Likelihood, Stance } from '@/lib/annotations/vocab';
import type { WorkDocument } from '@/lib/doc/types';

export type NodeChange = 'added' | 'removed' | 'renamed' | 'changed';

export interface BranchRef {
  id: string;
  title: string;
}
export interface StatementRef {
  id: string;
  statement: string;
}

export interface DocumentDiff {
  branchesAdded: Array<BranchRef & { parentId: string | null }>;
  branchesRemoved: Array<BranchRef & { parentId: string | null }>;
  /** Same id, different title. */
  branchesRenamed: Array<{ id: string; from: string; to: string }>;
  /** Parent changed. */
  branchesMoved: Array<BranchRef & { fromParentId: string | null; toParentId: string | null }>;
  /** Other edits to a branch that stays: which fields changed (summary, kind, order, assumptionIds, …). */
  branchesEdited: Array<BranchRef & { fields: string[] }>;
  assumptionStatusChanged: Array<StatementRef & { from: AssumptionStatus; to: AssumptionStatus }>;
  notesChanged: BranchRef[];
  stanceChanged: Array<BranchRef & { from: Stance; to: Stance }>;
  likelihoodChanged: Array<BranchRef & { from: Likelihood | null; to: Likelihood | null }>;
  tagsChanged: BranchRef[];
  assumptionsAdded: StatementRef[];
  assumptionsRemoved: StatementRef[];
  risksAdded: StatementRef[];
  risksRemoved: StatementRef[];
  indicatorsAdded: StatementRef[];
  indicatorsRemoved: StatementRef[];
  /** For highlighting: every node of either document that differs. */
  nodeChanges: Map<string, NodeChange>;
}

const NODE_FIELDS = ['kind', 'summary', 'order', 'assumptionIds', 'riskIds', 'indicatorIds', 'evidenceIds', 'actorIds', 'contextIds'] as const;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function nodeAnn(doc: WorkDocument, id: string): Pick<NodeAnnotation, 'note' | 'stance' | 'likelihood' | 'tags'> {
  return own(doc.annotations.nodes, id) ?? { note: '', stance: 'open', likelihood: null, tags: [] };
}

function addedRemoved<T extends { id: string; statement: string }>(
  a: readonly T[],
  b: readonly T[],
): { added: StatementRef[]; removed: StatementRef[] } {
  const inA = new Set(a.map((x) => x.id));
  const inB = new Set(b.map((x) => x.id));
  return {
    added: b.filter((x) => !inA.has(x.id)).map((x) => ({ id: x.id, statement: x.statement })),
    removed: a.filter((x) => !inB.has(x.id)).map((x) => ({ id: x.id, statement: x.statement })),
  };
}

/** Differences going from `a` (before) to `b` (after). */
export function diffDocuments(a: WorkDocument, b: WorkDocument): DocumentDiff {
  const nodesA = new Map<string, ScenarioNode>();
  for (const n of a.scenario.nodes) nodesA.set(n.id, n);
  const nodesB = new Map<string, ScenarioNode>();
  for (const n of b.scenario.nodes) nodesB.set(n.id, n);

  const d: DocumentDiff = {
    branchesAdded: [],
    branchesRemoved: [],
    branchesRenamed: [],
    branchesMoved: [],
    branchesEdited: [],
    assumptionStatusChanged: [],
    notesChanged: [],
    stanceChanged: [],
    likelihoodChanged: [],
    tagsChanged: [],
    assumptionsAdded: [],
    assumptionsRemoved: [],
    risksAdded: [],
    risksRemoved: [],
    indicatorsAdded: [],
    indicatorsRemoved: [],
    nodeChanges: new Map(),
  };

  for (const n of a.scenario.nodes) {
    if (!nodesB.has(n.id)) {
      d.branchesRemoved.push({ id: n.id, title: n.title, parentId: n.parentId });
      d.nodeChanges.set(n.id, 'removed');
    }
  }
  for (const nb of b.scenario.nodes) {
    const na = nodesA.get(nb.id);
    if (!na) {
      d.branchesAdded.push({ id: nb.id, title: nb.title, parentId: nb.parentId });
      d.nodeChanges.set(nb.id, 'added');
      continue;
    }
    let changed = false;
    if (na.title !== nb.title) d.branchesRenamed.push({ id: nb.id, from: na.title, to: nb.title });
    if (na.parentId !== nb.parentId) {
      d.branchesMoved.push({ id: nb.id, title: nb.title, fromParentId: na.parentId, toParentId: nb.parentId });
      changed = true;
    }
    const fields: string[] = [];
    for (const f of NODE_FIELDS) {
      const va = na[f];
      const vb = nb[f];
      const same = Array.isArray(va) && Array.isArray(vb) ? sameList(va, vb) : va === vb;
      if (!same) fields.push(f);
    }
    if (fields.length > 0) {
      d.branchesEdited.push({ id: nb.id, title: nb.title, fields });
      changed = true;
    }
    const aa = nodeAnn(a, nb.id);
    const ab = nodeAnn(b, nb.id);
    if (aa.note !== ab.note) {
      d.notesChanged.push({ id: nb.id, title: nb.title });
      changed = true;
    }
    if (aa.stance !== ab.stance) {
      d.stanceChanged.push({ id: nb.id, title: nb.title, from: aa.stance, to: ab.stance });
      changed = true;
    }
    if (aa.likelihood !== ab.likelihood) {
      d.likelihoodChanged.push({ id: nb.id, title: nb.title, from: aa.likelihood, to: ab.likelihood });
      changed = true;
    }
    if (!sameList(aa.tags, ab.tags)) {
      d.tagsChanged.push({ id: nb.id, title: nb.title });
      changed = true;
    }
    if (na.title !== nb.title) d.nodeChanges.set(nb.id, 'renamed');
    else if (changed) d.nodeChanges.set(nb.id, 'changed');
  }

  const asB = new Set(b.scenario.assumptions.map((x) => x.id));
  for (const as of a.scenario.assumptions) {
    if (!asB.has(as.id)) continue;
    const from = own(a.annotations.assumptions, as.id)?.status ?? 'unreviewed';
    const to = own(b.annotations.assumptions, as.id)?.status ?? 'unreviewed';
    if (from !== to) {
      const statement = b.scenario.assumptions.find((x) => x.id === as.id)?.statement ?? as.statement;
      d.assumptionStatusChanged.push({ id: as.id, statement, from, to });
    }
  }
  const asm = addedRemoved(a.scenario.assumptions, b.scenario.assumptions);
  d.assumptionsAdded = asm.added;
  d.assumptionsRemoved = asm.removed;
  const rk = addedRemoved(a.scenario.risks, b.scenario.risks);
  d.risksAdded = rk.added;
  d.risksRemoved = rk.removed;
  const ind = addedRemoved(a.scenario.indicators, b.scenario.indicators);
  d.indicatorsAdded = ind.added;
  d.indicatorsRemoved = ind.removed;
  return d;
}

/** True when nothing differs. */
export function isEmptyDiff(d: DocumentDiff): boolean {
  for (const [k, v] of Object.entries(d)) {
    if (k === 'nodeChanges') continue;
    if (Array.isArray(v) && v.length > 0) return false;
  }
  return d.nodeChanges.size === 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per kind of change, e.g. "2 branches added: A, B". Plain text (escape before rendering as HTML). */
export function describeDiff(d: DocumentDiff): string[] {
  const names = (xs: ReadonlyArray<{ title?: string; statement?: string; id: string }>) => {
    const shown = xs.slice(0, 5).map((x) => `“${x.title ?? x.statement ?? x.id}”`);
    return xs.length > 5 ? `${shown.join(', ')} and ${xs.length - 5} more` : shown.join(', ');
  };
  const out: string[] = [];
  if (d.branchesAdded.length) out.push(`${plural(d.branchesAdded.length, 'branch', 'branches')} added: ${names(d.branchesAdded)}`);
  if (d.branchesRemoved.length) out.push(`${plural(d.branchesRemoved.length, 'branch', 'branches')} removed: ${names(d.branchesRemoved)}`);
  if (d.branchesRenamed.length) {
    out.push(`${plural(d.branchesRenamed.length, 'branch', 'branches')} renamed: ${d.branchesRenamed.slice(0, 5).map((r) => `“${r.from}” → “${r.to}”`).join(', ')}`);
  }
  if (d.branchesMoved.length) out.push(`${plural(d.branchesMoved.length, 'branch', 'branches')} moved: ${names(d.branchesMoved)}`);
  if (d.branchesEdited.length) out.push(`${plural(d.branchesEdited.length, 'branch', 'branches')} edited: ${names(d.branchesEdited)}`);
  if (d.stanceChanged.length) out.push(`${plural(d.stanceChanged.length, 'stance')} changed: ${names(d.stanceChanged)}`);
  if (d.likelihoodChanged.length) out.push(`${plural(d.likelihoodChanged.length, 'likelihood')} changed: ${names(d.likelihoodChanged)}`);
  if (d.notesChanged.length) out.push(`${plural(d.notesChanged.length, 'note')} changed: ${names(d.notesChanged)}`);
  if (d.tagsChanged.length) out.push(`tags changed on ${names(d.tagsChanged)}`);
  if (d.assumptionStatusChanged.length) {
    out.push(`${plural(d.assumptionStatusChanged.length, 'assumption check')} changed: ${d.assumptionStatusChanged.slice(0, 5).map((x) => `“${x.statement}” ${x.from} → ${x.to}`).join(', ')}`);
  }
  for (const [list, what] of [
    [d.assumptionsAdded, 'assumption added'],
    [d.assumptionsRemoved, 'assumption removed'],
    [d.risksAdded, 'risk added'],
    [d.risksRemoved, 'risk removed'],
    [d.indicatorsAdded, 'indicator added'],
    [d.indicatorsRemoved, 'indicator removed'],
  ] as const) {
    if (list.length) {
      const [noun, verb] = what.split(' ') as [string, string];
      out.push(`${plural(list.length, noun)} ${verb}: ${names(list)}`);
    }
  }
  return out;
}
