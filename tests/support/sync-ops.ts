/**
 * Documents and random edits for the sync tests (lib/sync): a shipped
 * scenario with annotations and an analysis layer, edits drawn by fast-check
 * and applied as the store commits them, and comparison in canonical form.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { shippedScenarios } from '@/lib/scenarios';
import { emptyAnnotations } from '@/lib/annotations/types';
import * as ops from '@/lib/doc/ops';
import { addCriterion, addParameter, pruneAnalysis, setConsequence, setProbability, setRule } from '@/lib/analysis/document';
import { canonicalDocument } from '@/lib/io/snapshot';
import { checkIntegrity } from '@/lib/model/integrity';
import type { WorkDocument } from '@/lib/doc/types';
import { decodeDocument } from '@/lib/sync/ydoc';
import { createAppStore, type AppStore } from '@/lib/store/store';

export const NOW = '2026-12-05T00:00:00.000Z';

export function baseDocument(): WorkDocument {
  const scenario = shippedScenarios()[0]!;
  let doc: WorkDocument = { scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id };
  const leaf = scenario.nodes[scenario.nodes.length - 1]!;
  doc = ops.annotate(doc, 'nodes', leaf.id, { note: 'A note typed by the analyst', stance: 'favoured', tags: ['x'] }, NOW);
  if (scenario.assumptions[0]) doc = ops.annotate(doc, 'assumptions', scenario.assumptions[0].id, { status: 'solid', rationale: 'Because.' }, NOW);
  let a = addCriterion({ settings: { criteria: [], parameters: [], rule: 'max-ev' }, inputs: {} }, { name: 'Cost', unit: 'USD', better: 'lower', weight: 1 }).analysis;
  a = addParameter(a, { name: 'p', value: '0.3', low: 0.1, high: 0.5, distribution: { kind: 'uniform', min: 0.1, max: 0.5 } }).analysis;
  a = setProbability(a, leaf.id, '0.4');
  a = setConsequence(a, leaf.id, 'cost', '12');
  a = setRule(a, 'min-ev');
  return { ...doc, analysis: a };
}

export const canon = (d: WorkDocument) => JSON.stringify(canonicalDocument(d));

/** The first place two documents differ (a short message, not two whole documents). */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${at || '(root)'}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return `${at}: key order`;
}
export function expectSame(a: WorkDocument, b: WorkDocument): void {
  expect(firstDifference(canonicalDocument(a), canonicalDocument(b))).toBeNull();
}

export function decoded(y: Y.Doc): WorkDocument {
  const p = decodeDocument(y);
  if (!p.ok) throw new Error(p.problems.map((x) => `${x.path}: ${x.message}`).join('\n'));
  return p.document;
}

/** A random edit, read against the document it is applied to. */
export type Op =
  | { t: 'move'; a: number; b: number }
  | { t: 'delete'; a: number }
  | { t: 'add'; a: number; title: string }
  | { t: 'summary'; a: number; at: number; text: string }
  | { t: 'rename'; a: number; title: string }
  | { t: 'note'; a: number; text: string }
  | { t: 'assume'; a: number; text: string }
  | { t: 'unassume'; a: number }
  | { t: 'prob'; a: number; p: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('move' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ t: fc.constant('move' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ t: fc.constant('delete' as const), a: fc.nat() }),
  fc.record({ t: fc.constant('add' as const), a: fc.nat(), title: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ t: fc.constant('summary' as const), a: fc.nat(), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ t: fc.constant('rename' as const), a: fc.nat(), title: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ t: fc.constant('note' as const), a: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ t: fc.constant('assume' as const), a: fc.nat(), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ t: fc.constant('unassume' as const), a: fc.nat() }),
  fc.record({ t: fc.constant('prob' as const), a: fc.nat(), p: fc.integer({ min: 1, max: 99 }) }),
);

/** An edit as the store commits it: the analysis of branches that went is pruned (lib/store commit). */
export function run(op: Op, d: WorkDocument): WorkDocument {
  const next = edit1(op, d);
  return next.analysis && next.scenario !== d.scenario ? { ...next, analysis: pruneAnalysis(next.analysis, next.scenario) } : next;
}

export function edit1(op: Op, d: WorkDocument): WorkDocument {
  const nodes = d.scenario.nodes;
  const n = nodes[op.a % nodes.length]!;
  switch (op.t) {
    case 'move':
      return ops.moveSubtree(d, n.id, nodes[op.b % nodes.length]!.id);
    case 'delete':
      return ops.deleteSubtree(d, n.id);
    case 'add':
      return ops.addChild(d, n.id, 'outcome', op.title).doc;
    case 'summary': {
      const at = op.at % (n.summary.length + 1);
      return ops.setNodeSummary(d, n.id, n.summary.slice(0, at) + op.text + n.summary.slice(at));
    }
    case 'rename':
      return ops.renameNode(d, n.id, op.title);
    case 'note':
      return ops.annotate(d, 'nodes', n.id, { note: op.text }, NOW);
    case 'assume':
      return ops.shared.add(d, 'assumptions', n.id, op.text).doc;
    case 'unassume': {
      const list = d.scenario.assumptions;
      return list.length ? ops.shared.remove(d, 'assumptions', list[op.a % list.length]!.id) : d;
    }
    case 'prob':
      return { ...d, analysis: setProbability(d.analysis ?? { settings: { criteria: [], parameters: [], rule: 'max-ev' }, inputs: {} }, n.id, `0.${op.p}`) };
  }
}

export function hasCycleOrOrphan(d: WorkDocument): boolean {
  return checkIntegrity(d.scenario).length > 0;
}

/** A store as the app makes it (one per provider), on `doc`, with a fixed clock. */
export function storeOn(doc: WorkDocument): AppStore {
  return createAppStore({ docId: 'shared', document: doc, now: () => Date.parse(NOW) });
}

/** The same random edit as `run`, made through the store's actions (its one `commit` path). */
export function act(store: AppStore, op: Op): void {
  const s = store.getState();
  const nodes = s.document.scenario.nodes;
  const n = nodes[op.a % nodes.length]!;
  switch (op.t) {
    case 'move':
      return s.moveSubtree(n.id, nodes[op.b % nodes.length]!.id);
    case 'delete':
      return s.deleteSubtree(n.id);
    case 'add':
      return void s.addChild(n.id, 'outcome', op.title);
    case 'summary': {
      const at = op.at % (n.summary.length + 1);
      return s.setNodeSummary(n.id, n.summary.slice(0, at) + op.text + n.summary.slice(at));
    }
    case 'rename':
      return s.renameNode(n.id, op.title);
    case 'note':
      return s.annotate('nodes', n.id, { note: op.text });
    case 'assume':
      return void s.addRecord('assumptions', n.id, op.text);
    case 'unassume': {
      const list = s.document.scenario.assumptions;
      return list.length ? s.removeRecord('assumptions', list[op.a % list.length]!.id) : undefined;
    }
    case 'prob':
      return s.editAnalysis('Set probability', (a) => setProbability(a, n.id, `0.${op.p}`));
  }
}

/** What is wrong with a document's tree, read by loops: roots other than one, parents that are not there, nodes the root does not reach (a cycle). */
export function treeFaults(d: WorkDocument): string[] {
  const nodes = d.scenario.nodes;
  const ids = new Set(nodes.map((n) => n.id));
  const faults: string[] = [];
  const roots = nodes.filter((n) => n.parentId === null);
  if (roots.length !== 1) faults.push(`${roots.length} roots`);
  for (const n of nodes) if (n.parentId !== null && !ids.has(n.parentId)) faults.push(`orphan ${n.id}`);
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const reached = new Set<string>();
  const queue = roots.slice(0, 1).map((r) => r.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  for (const n of nodes) if (!reached.has(n.id)) faults.push(`unreachable ${n.id}`);
  return faults;
}
