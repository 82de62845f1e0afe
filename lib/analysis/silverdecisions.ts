/**
 * SilverDecisions files (https://silverdecisions.pl; format as saved by its
 * versions 0.7 to 1.2, see tests/fixtures/silverdecisions) into Branchpoint
 * scenario nodes and analysis inputs.
 *
 * - Nodes: decision -> decision, chance -> chance, terminal -> outcome. The
 *   name of the edge leading to a node becomes its title (else the node's own
 *   name, else "Decision 3"...); a node name beside an edge name goes to the
 *   summary. Ids are "sd-1", "sd-2"... in pre-order.
 * - Edges: the probability (a number, an expression or "#", the rest) and the
 *   payoff (one value, or one per criterion) go on the child node.
 * - Criteria: one, or two when the rule is a two-criteria rule (max-min,
 *   min-max, max-max, min-min) or the file shows two criteria; the first
 *   criterion's weight is the file's `defaultCriterion1Weight`.
 * - Code: the global code and each node's code, where every statement is a
 *   simple "name = expression", become parameters (SilverDecisions evaluates a
 *   node's code for its subtree; a name assigned twice differently is refused).
 * - Rules: expected-value-maximization -> max-ev, expected-value-minimization
 *   -> min-ev, maxi-min -> maximin, maxi-max -> maximax, mini-min -> minimin,
 *   mini-max -> minimax; the two-criteria rules -> max-ev on the combined score
 *   with each criterion better higher (max) or lower (min), which is how
 *   SilverDecisions combines them (coefficient x weight x payoff 1 +
 *   coefficient x payoff 2, maximised).
 *
 * Stored results ("computed", "$..." fields) are ignored. A malformed file is
 * refused with a reason, never thrown on; the import is pure, so a refusal
 * changes nothing.
 */
import type { AnalysisInputs, AnalysisSettings, Criterion, Parameter, Rule } from './model';
import { ANALYSIS_LIMITS, REST, isParameterId } from './model';
import { LIMITS } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { SD_WORDS, sdRefusalText, type SdRefusal } from '@/lib/messages/analysis';

export interface SdImported {
  title: string;
  nodes: ScenarioNode[];
  inputs: AnalysisInputs;
  settings: AnalysisSettings;
  /** The SilverDecisions rule the settings come from. */
  sdRule: string;
  /** Remarks for the analyst (several trees in the file...). */
  notes: string[];
}

export type SdImportResult = { ok: true; value: SdImported } | { ok: false; refusal: SdRefusal; message: string };

export interface SdImportOptions {
  /** Which tree of the file (default 0). */
  treeIndex?: number;
  /** A SilverDecisions rule name to use instead of the file's. */
  rule?: string;
}

/** SilverDecisions rule -> our rule, and for the two-criteria rules the direction of each criterion. */
export const SD_RULES: Readonly<Record<string, { rule: Rule; better?: readonly ['higher' | 'lower', 'higher' | 'lower'] }>> = {
  'expected-value-maximization': { rule: 'max-ev' },
  'expected-value-minimization': { rule: 'min-ev' },
  'maxi-min': { rule: 'maximin' },
  'maxi-max': { rule: 'maximax' },
  'mini-min': { rule: 'minimin' },
  'mini-max': { rule: 'minimax' },
  'max-min': { rule: 'max-ev', better: ['higher', 'lower'] },
  'min-max': { rule: 'max-ev', better: ['lower', 'higher'] },
  'max-max': { rule: 'max-ev', better: ['higher', 'higher'] },
  'min-min': { rule: 'max-ev', better: ['lower', 'lower'] },
};

const refuse = (refusal: SdRefusal): SdImportResult => ({ ok: false, refusal, message: sdRefusalText(refusal) });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Parses the text of a file; JSON only. */
export function importSilverDecisionsText(text: string, options: SdImportOptions = {}): SdImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse({ code: 'not-json' });
  }
  return importSilverDecisions(json, options);
}

/** Does this parsed JSON look like a SilverDecisions file? (For the import's format detection.) */
export function looksLikeSilverDecisions(json: unknown): boolean {
  return isObject(json) && isObject(own(json, 'data')) && Array.isArray(own(own(json, 'data') as Record<string, unknown>, 'trees'));
}

/** A payoff, probability or code value as expression text; null when it is neither a finite number nor a string. */
function exprText(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'string') return v.trim();
  return null;
}

/** Simple code: "name = expression" statements, one per line or separated by ";". */
function readCode(code: unknown, into: Map<string, string>): SdRefusal | null {
  if (code === undefined || code === null || code === '') return null;
  if (typeof code !== 'string') return { code: 'bad-code', line: String(code) };
  for (const raw of code.split(/[\n;]/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.+)$/.exec(line);
    if (!m) return { code: 'bad-code', line };
    const name = m[1]!;
    const value = m[2]!.trim();
    if (!isParameterId(name)) return { code: 'bad-name', name };
    if (value.length > ANALYSIS_LIMITS.maxExpressionLength) return { code: 'bad-code', line };
    const before = into.get(name);
    if (before !== undefined && before !== value) return { code: 'bad-code', line };
    into.set(name, value);
  }
  return null;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Imports a parsed SilverDecisions file. */
export function importSilverDecisions(json: unknown, options: SdImportOptions = {}): SdImportResult {
  if (!looksLikeSilverDecisions(json)) return refuse({ code: 'not-silverdecisions' });
  const file = json as Record<string, unknown>;
  const data = own(file, 'data') as Record<string, unknown>;
  const trees = own(data, 'trees') as unknown[];
  if (!trees.length) return refuse({ code: 'no-tree' });
  const treeIndex = options.treeIndex ?? 0;
  if (!Number.isInteger(treeIndex) || treeIndex < 0 || treeIndex >= trees.length) return refuse({ code: 'tree-index', count: trees.length });

  const sdRule = options.rule ?? (typeof own(file, 'rule') === 'string' ? (own(file, 'rule') as string) : 'expected-value-maximization');
  const mapped = Object.hasOwn(SD_RULES, sdRule) ? SD_RULES[sdRule] : undefined;
  if (!mapped) return refuse({ code: 'unknown-rule', rule: sdRule });

  const code = new Map<string, string>();
  const globalProblem = readCode(own(data, 'code'), code);
  if (globalProblem) return refuse(globalProblem);

  // Walk the tree (pre-order, iterative).
  interface Item { node: unknown; edge: Record<string, unknown> | null; parentId: string | null; order: number; depth: number; path: string }
  const nodes: ScenarioNode[] = [];
  const inputs: AnalysisInputs = {};
  let usesSecond = false;
  const counters = { decision: 0, chance: 0, outcome: 0 };
  const stack: Item[] = [{ node: trees[treeIndex], edge: null, parentId: null, order: 0, depth: 0, path: `trees[${treeIndex}]` }];
  const payoffsOf: Array<[string, unknown]> = [];
  while (stack.length) {
    const it = stack.pop()!;
    if (nodes.length >= LIMITS.maxNodes) return refuse({ code: 'too-many-nodes', limit: LIMITS.maxNodes });
    if (it.depth > LIMITS.maxDepth) return refuse({ code: 'too-deep', limit: LIMITS.maxDepth });
    const n = it.node;
    if (!isObject(n)) return refuse({ code: 'bad-node', path: it.path });
    const type = own(n, 'type');
    const kind = type === 'decision' ? 'decision' : type === 'chance' ? 'chance' : type === 'terminal' ? 'outcome' : null;
    const edges = own(n, 'childEdges') ?? [];
    if (!kind || !Array.isArray(edges) || (kind === 'outcome' && edges.length)) return refuse({ code: 'bad-node', path: it.path });
    const codeProblem = readCode(own(n, 'code'), code);
    if (codeProblem) return refuse(codeProblem);

    const id = `sd-${nodes.length + 1}`;
    counters[kind]++;
    const edgeName = it.edge && typeof own(it.edge, 'name') === 'string' ? (own(it.edge, 'name') as string).trim() : '';
    const nodeName = typeof own(n, 'name') === 'string' ? (own(n, 'name') as string).trim() : '';
    const fallback = it.parentId === null ? SD_WORDS.treeTitle : `${SD_WORDS[kind]} ${counters[kind]}`;
    const title = clip(edgeName || nodeName || fallback, LIMITS.maxTitleLength);
    const summary = edgeName && nodeName ? clip(nodeName, LIMITS.maxTextLength) : '';
    nodes.push({
      id, parentId: it.parentId, kind, title, summary, order: it.order,
      assumptionIds: [], negatedAssumptionIds: [], riskIds: [], indicatorIds: [], evidenceIds: [], underminingEvidenceIds: [], actorIds: [], contextIds: [],
    });

    if (it.edge) {
      const probability = own(it.edge, 'probability');
      const input: { probability?: string; consequences: Record<string, string> } = { consequences: {} };
      if (probability !== undefined && probability !== null) {
        const p = exprText(probability);
        if (p === null || p.length > ANALYSIS_LIMITS.maxExpressionLength) return refuse({ code: 'bad-node', path: `${it.path} (probability)` });
        if (p) input.probability = p === REST ? REST : p;
      }
      inputs[id] = input;
      payoffsOf.push([id, own(it.edge, 'payoff')]);
    }
    for (let e = edges.length - 1; e >= 0; e--) {
      const edge = edges[e];
      if (!isObject(edge)) return refuse({ code: 'bad-node', path: `${it.path}.childEdges[${e}]` });
      stack.push({ node: own(edge, 'childNode'), edge, parentId: id, order: e, depth: it.depth + 1, path: `${it.path}.childEdges[${e}].childNode` });
    }
  }

  // Payoffs: one per criterion. A second criterion is kept when the file uses it.
  const payoffs = new Map<string, string[]>();
  for (const [id, raw] of payoffsOf) {
    const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    if (list.length > 2 && list.slice(2).some((v) => v !== 0 && v !== '0' && v !== '')) return refuse({ code: 'too-many-criteria', count: list.length });
    const texts: string[] = [];
    for (const v of list.slice(0, 2)) {
      const t = exprText(v);
      if (t === null || t.length > ANALYSIS_LIMITS.maxExpressionLength) return refuse({ code: 'bad-node', path: `payoff of ${id}` });
      texts.push(t);
    }
    if (texts[1] && texts[1] !== '0') usesSecond = true;
    payoffs.set(id, texts);
  }

  const criteriaCount = mapped.better || usesSecond ? 2 : 1;
  const names = Array.isArray(own(data, 'payoffNames')) ? (own(data, 'payoffNames') as unknown[]) : [];
  const nameOf = (i: number, fallback: string) => {
    const v = names[i];
    return typeof v === 'string' && v.trim() ? clip(v.trim(), ANALYSIS_LIMITS.maxNameLength) : fallback;
  };
  const rawWeight = Number(own(data, 'defaultCriterion1Weight') ?? 1);
  const criteria: Criterion[] =
    criteriaCount === 1
      ? [{ id: 'payoff', name: nameOf(0, SD_WORDS.singleCriterion), unit: '', better: 'higher', weight: 1 }]
      : [
          { id: 'payoff-1', name: nameOf(0, SD_WORDS.criterion1), unit: '', better: mapped.better?.[0] ?? 'higher', weight: 1 },
          { id: 'payoff-2', name: nameOf(1, SD_WORDS.criterion2), unit: '', better: mapped.better?.[1] ?? 'higher', weight: 0 },
        ];
  if (criteriaCount === 2 && mapped.better) {
    // SilverDecisions: weight x payoff 1 + payoff 2; an infinite weight means payoff 1 alone.
    const infinite = !Number.isFinite(rawWeight) || rawWeight > ANALYSIS_LIMITS.maxWeight;
    criteria[0]!.weight = infinite ? 1 : Math.max(0, rawWeight);
    criteria[1]!.weight = infinite ? 0 : 1;
  }
  for (const [id, texts] of payoffs) {
    const consequences = inputs[id]!.consequences;
    criteria.forEach((c, i) => {
      const t = texts[i];
      if (t && t !== '0') consequences[c.id] = t;
    });
  }

  const parameters: Parameter[] = [...code].map(([id, value]) => ({ id, name: id, value }));
  if (parameters.length > ANALYSIS_LIMITS.maxParameters) return refuse({ code: 'bad-code', line: `${parameters.length} variables` });
  const notes = trees.length > 1 ? [SD_WORDS.moreTrees(trees.length, treeIndex)] : [];
  const fileTitle = typeof own(file, 'title') === 'string' ? (own(file, 'title') as string).trim() : '';
  return {
    ok: true,
    value: {
      title: clip(fileTitle || nodes[0]!.title, LIMITS.maxTitleLength),
      nodes,
      inputs,
      settings: { criteria, parameters, rule: mapped.rule },
      sdRule,
      notes,
    },
  };
}
