/**
 * A SilverDecisions file (recognised by its shape: `data.trees`) read through
 * the ordinary import: lib/analysis/silverdecisions.ts turns its tree into
 * nodes and an analysis layer, and this module wraps them into a work
 * document, runs it through the one restore pipeline (lib/io/restore.ts) and
 * says, as data, what came in and what was left behind. Words:
 * lib/messages/sd-import.ts.
 *
 * Pure; never throws (lib/io/snapshot.ts calls it inside its own guard).
 */
import type { ScenarioNode } from '@/lib/model/schema';
import { LIMITS } from '@/lib/model/constants';
import { makeNode } from '@/lib/records/node';
import { slugify } from '@/lib/doc/ops';
import { importSilverDecisions, looksLikeSilverDecisions, type SdImported } from '@/lib/analysis/silverdecisions';
import type { Rule } from '@/lib/analysis/model';
import { SD_DOCUMENT_WORDS } from '@/lib/messages/sd-import';
import { emptyView, restoreDocument } from './restore';
import type { ImportOptions, ImportResult } from './snapshot';

export { looksLikeSilverDecisions };

/** What a SilverDecisions import brought in and what it left behind (data; words in lib/messages/sd-import.ts). */
export interface SdReport {
  decisions: number;
  chances: number;
  terminals: number;
  /** Branches with a probability, and with a payoff. */
  probabilities: number;
  payoffs: number;
  criteria: string[];
  parameters: string[];
  /** The file's rule, and the one it became. */
  sdRule: string;
  rule: Rule;
  /** The tree's root was a chance node: it was placed under a decision with one option. */
  wrappedRoot: boolean;
  /** The file's description became the summary. */
  description: boolean;
  /** How many trees the file holds (only the first is imported). */
  trees: number;
  /** What the file holds that is not imported. */
  left: SdLeftOut[];
}

export type SdLeftOut = 'computed' | 'layout' | 'texts' | 'sensitivity' | 'display' | 'weight-bounds' | 'more-trees';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

const ROOT_ID = 'sd-root';

/** Does any node of the tree carry this key (bounded walk)? */
function treeHas(tree: unknown, key: string, limit = LIMITS.maxNodes): boolean {
  const stack: unknown[] = [tree];
  let seen = 0;
  while (stack.length && seen++ < limit) {
    const n = stack.pop();
    if (!isObject(n)) continue;
    if (Object.hasOwn(n, key)) return true;
    const edges = own(n, 'childEdges');
    if (!Array.isArray(edges)) continue;
    for (const e of edges) {
      if (!isObject(e)) continue;
      if (Object.hasOwn(e, key)) return true;
      stack.push(own(e, 'childNode'));
    }
  }
  return false;
}

function leftOut(file: Obj, data: Obj, trees: unknown[]): SdLeftOut[] {
  const left: SdLeftOut[] = [];
  if (treeHas(trees[0], 'computed')) left.push('computed');
  if (treeHas(trees[0], 'location')) left.push('layout');
  if (Array.isArray(own(data, 'texts')) && (own(data, 'texts') as unknown[]).length > 0) left.push('texts');
  if (own(file, 'sensitivityAnalysis') !== undefined) left.push('sensitivity');
  if (own(file, 'treeDesigner') !== undefined || own(file, 'viewMode') !== undefined || own(file, 'format') !== undefined) left.push('display');
  if (own(data, 'weightLowerBound') !== undefined || own(data, 'weightUpperBound') !== undefined) left.push('weight-bounds');
  if (trees.length > 1) left.push('more-trees');
  return left;
}

/** A scenario id from the file's title. */
const scenarioId = (title: string) => `silverdecisions-${slugify(title, 'tree')}`;

/** The scenario's nodes: the imported ones, under a decision when the tree's root is not one (a Branchpoint root is a decision). */
function rootedNodes(v: SdImported): { nodes: ScenarioNode[]; wrapped: boolean } {
  const root = v.nodes[0]!;
  if (root.kind === 'decision') return { nodes: v.nodes, wrapped: false };
  const top = makeNode(ROOT_ID, null, 'decision', v.title, 0);
  return { nodes: [top, ...v.nodes.map((n) => (n.id === root.id ? { ...n, parentId: ROOT_ID } : n))], wrapped: true };
}

/** Imports a parsed SilverDecisions file as a new work document. */
export function importSilverDecisionsDocument(value: unknown, options: ImportOptions = {}): ImportResult {
  const r = importSilverDecisions(value);
  if (!r.ok) return { ok: false, reason: { code: 'silverdecisions', refusal: r.refusal }, problems: [] };
  const v = r.value;
  const file = value as Obj;
  const data = own(file, 'data') as Obj;
  const trees = own(data, 'trees') as unknown[];
  const { nodes, wrapped } = rootedNodes(v);
  const description = typeof own(file, 'description') === 'string' ? (own(file, 'description') as string).trim().slice(0, LIMITS.maxTextLength) : '';
  const scenario = {
    $schema: './scenario.schema.json',
    schemaVersion: 2,
    id: scenarioId(v.title),
    title: v.title,
    question: SD_DOCUMENT_WORDS.question,
    summary: description || SD_DOCUMENT_WORDS.summary,
    decisionMakerId: 'decision-maker',
    sources: [],
    actors: [{ id: 'decision-maker', name: SD_DOCUMENT_WORDS.decisionMaker, kind: 'other', description: '' }],
    context: [],
    nodes,
    assumptions: [],
    risks: [],
    indicators: [],
    evidence: [],
  };
  const restored = restoreDocument({ scenario, shippedFrom: null, analysis: { settings: v.settings, inputs: v.inputs } }, { now: options.now });
  if (!restored.ok) {
    const first = restored.problems[0] ?? null;
    return { ok: false, reason: { code: 'invalid', what: 'scenario', first, more: Math.max(0, restored.problems.length - 1) }, problems: restored.problems };
  }
  const document = restored.document;
  const count = (k: ScenarioNode['kind']) => v.nodes.filter((n) => n.kind === k).length;
  const inputs = Object.values(v.inputs);
  const report: SdReport = {
    decisions: count('decision'),
    chances: count('chance'),
    terminals: count('outcome'),
    probabilities: inputs.filter((b) => b.probability !== undefined).length,
    payoffs: inputs.filter((b) => Object.keys(b.consequences).length > 0).length,
    criteria: v.settings.criteria.map((c) => c.name),
    parameters: v.settings.parameters.map((p) => p.id),
    sdRule: v.sdRule,
    rule: v.settings.rule,
    wrappedRoot: wrapped,
    description: description.length > 0,
    trees: trees.length,
    left: leftOut(file, data, trees),
  };
  const savetime = own(file, 'savetime');
  const s = document.scenario;
  return {
    ok: true,
    document,
    view: { ...emptyView(), expanded: s.nodes.filter((n) => s.nodes.some((c) => c.parentId === n.id)).map((n) => n.id) },
    repairs: restored.repairs,
    summary: {
      title: s.title,
      nodes: s.nodes.length,
      assumptions: 0,
      risks: 0,
      indicators: 0,
      annotated: 0,
      exportedAt: typeof savetime === 'string' && savetime.length <= 40 ? savetime : null,
    },
    silverDecisions: report,
  };
}
