/**
 * Integrity checks beyond shape: unique ids, exactly one root, no cycles, no
 * orphans, every reference resolves, limits on node count and depth.
 * Loops only, never recursion, so a 50,000-deep chain cannot overflow.
 */
import { LIMITS, scenarioSchema, formatPath, type Scenario } from './schema';

export interface Problem {
  /** Where the problem is, e.g. `nodes[12].parentId`. */
  path: string;
  /** What is wrong, in words a person understands. */
  message: string;
}

export function describeProblem(p: Problem): string {
  return `${p.path}: ${p.message}`;
}

type Collection = 'sources' | 'actors' | 'context' | 'nodes' | 'assumptions' | 'risks' | 'indicators' | 'evidence';

const NOUN: Record<Collection, string> = {
  sources: 'source',
  actors: 'actor',
  context: 'context item',
  nodes: 'node',
  assumptions: 'assumption',
  risks: 'risk',
  indicators: 'indicator',
  evidence: 'evidence quote',
};

/** Checks a document that already has the right shape. Returns every problem found (capped). */
export function checkIntegrity(doc: Scenario, maxProblems = 50): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < maxProblems) problems.push({ path, message });
  };

  const ids: Record<Collection, Map<string, number>> = {
    sources: new Map(),
    actors: new Map(),
    context: new Map(),
    nodes: new Map(),
    assumptions: new Map(),
    risks: new Map(),
    indicators: new Map(),
    evidence: new Map(),
  };
  for (const key of Object.keys(ids) as Collection[]) {
    const list = doc[key] as ReadonlyArray<{ id: string }>;
    const seen = ids[key];
    for (let i = 0; i < list.length; i++) {
      const id = list[i]!.id;
      const first = seen.get(id);
      if (first !== undefined) add(`${key}[${i}].id`, `duplicate ${NOUN[key]} id "${id}" (also ${key}[${first}])`);
      else seen.set(id, i);
    }
  }

  const ref = (path: string, coll: Collection, id: string) => {
    if (!ids[coll].has(id)) add(path, `no ${NOUN[coll]} "${id}"`);
  };
  const refList = (path: string, coll: Collection, list: readonly string[]) => {
    const seen = new Set<string>();
    for (let j = 0; j < list.length; j++) {
      const id = list[j]!;
      ref(`${path}[${j}]`, coll, id);
      if (seen.has(id)) add(`${path}[${j}]`, `"${id}" is listed twice`);
      seen.add(id);
    }
  };

  /** A sub-list (undermining quotes, negated premises) names only entries of its list. */
  const subList = (path: string, list: readonly string[], of: readonly string[], ofName: string) => {
    const within = new Set(of);
    for (let j = 0; j < list.length; j++) {
      if (!within.has(list[j]!)) add(`${path}[${j}]`, `"${list[j]}" is not among its ${ofName}`);
    }
  };
  const evidenceLinks = (path: string, r: { evidenceIds: readonly string[]; underminingEvidenceIds: readonly string[] }) => {
    refList(`${path}.evidenceIds`, 'evidence', r.evidenceIds);
    subList(`${path}.underminingEvidenceIds`, r.underminingEvidenceIds, r.evidenceIds, 'evidenceIds');
  };

  ref('decisionMakerId', 'actors', doc.decisionMakerId);
  doc.evidence.forEach((e, i) => ref(`evidence[${i}].sourceId`, 'sources', e.sourceId));
  doc.context.forEach((c, i) => evidenceLinks(`context[${i}]`, c));
  doc.assumptions.forEach((a, i) => evidenceLinks(`assumptions[${i}]`, a));
  doc.risks.forEach((r, i) => evidenceLinks(`risks[${i}]`, r));
  doc.indicators.forEach((r, i) => {
    evidenceLinks(`indicators[${i}]`, r);
    subList(`indicators[${i}].observedEvidenceIds`, r.observedEvidenceIds, r.evidenceIds, 'evidenceIds');
  });

  // Tree structure.
  const nodeIndex = ids.nodes;
  const roots: number[] = [];
  for (let i = 0; i < doc.nodes.length; i++) {
    const n = doc.nodes[i]!;
    refList(`nodes[${i}].assumptionIds`, 'assumptions', n.assumptionIds);
    subList(`nodes[${i}].negatedAssumptionIds`, n.negatedAssumptionIds, n.assumptionIds, 'assumptionIds');
    refList(`nodes[${i}].riskIds`, 'risks', n.riskIds);
    refList(`nodes[${i}].indicatorIds`, 'indicators', n.indicatorIds);
    evidenceLinks(`nodes[${i}]`, n);
    refList(`nodes[${i}].actorIds`, 'actors', n.actorIds);
    refList(`nodes[${i}].contextIds`, 'context', n.contextIds);
    if (n.parentId === null) {
      roots.push(i);
    } else if (n.parentId === n.id) {
      add(`nodes[${i}].parentId`, `node "${n.id}" is its own parent`);
    } else if (!nodeIndex.has(n.parentId)) {
      add(`nodes[${i}].parentId`, `no node "${n.parentId}" (node "${n.id}" would be an orphan)`);
    }
  }
  if (roots.length === 0) add('nodes', 'there is no root: exactly one node must have "parentId": null');
  if (roots.length > 1) {
    const names = roots.slice(0, 5).map((i) => `nodes[${i}] "${doc.nodes[i]!.id}"`);
    add('nodes', `there are ${roots.length} roots (${names.join(', ')}); exactly one node may have "parentId": null`);
  }
  const root = roots.length >= 1 ? doc.nodes[roots[0]!]! : undefined;
  if (root && root.kind !== 'decision') add(`nodes[${roots[0]}].kind`, 'the root must be a decision');

  // Cycles and depth: walk up from each node with memoised depths (iterative).
  const depth = new Map<string, number>();
  const inCycle = new Set<string>();
  const parentOf = new Map<string, string | null>();
  for (const n of doc.nodes) if (!parentOf.has(n.id)) parentOf.set(n.id, n.parentId);
  for (let i = 0; i < doc.nodes.length; i++) {
    const start = doc.nodes[i]!.id;
    if (depth.has(start) || inCycle.has(start)) continue;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let cur: string | null | undefined = start;
    let base = -1;
    let cycle = false;
    while (cur !== null && cur !== undefined) {
      const known = depth.get(cur);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (inCycle.has(cur) || onChain.has(cur)) {
        cycle = true;
        break;
      }
      onChain.add(cur);
      chain.push(cur);
      const p = parentOf.get(cur);
      if (p === undefined) break; // dangling parent, reported above
      cur = p === cur ? undefined : p;
    }
    if (cycle) {
      for (const id of chain) inCycle.add(id);
      const at = nodeIndex.get(start)!;
      if (cur === start || chain.length > 0) {
        add(`nodes[${at}].parentId`, `node "${start}" is part of a cycle: following parents leads back to "${String(cur)}"`);
      }
      continue;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      base += 1;
      depth.set(chain[k]!, base);
    }
  }
  let maxDepth = 0;
  for (const d of depth.values()) if (d > maxDepth) maxDepth = d;
  if (maxDepth > LIMITS.maxDepth) add('nodes', `the tree is ${maxDepth} levels deep; at most ${LIMITS.maxDepth} are allowed`);

  return problems;
}

export type ValidationResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; problems: Problem[] };

/** Shape (zod) then integrity. Never throws on any input. */
export function validateScenario(input: unknown): ValidationResult {
  // reportInput: the value is needed to say why it is wrong (missing, not finite, out of range).
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    // One problem per place: several checks failing on one value are said once.
    const byPath = new Map<string, IssueLike[]>();
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      const list = byPath.get(path);
      if (list) list.push(issue);
      else if (byPath.size < 50) byPath.set(path, [issue]);
    }
    const problems = [...byPath].map(([path, issues]) => ({ path, message: humanMessage(issues) }));
    return { ok: false, problems };
  }
  const problems = checkIntegrity(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scenario: parsed.data };
}

interface IssueLike {
  code: string;
  message: string;
  path: PropertyKey[];
  keys?: string[];
  expected?: string;
  input?: unknown;
  maximum?: unknown;
  minimum?: unknown;
}

/** The words for the issues zod found at one place (numbers: not finite, out of range). */
function humanMessage(issues: IssueLike[]): string {
  const issue = issues[0]!;
  const v = issue.input;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `is not a finite number (${String(v)})`;
    const max = issues.filter((i) => i.code === 'too_big').map((i) => Number(i.maximum)).filter(Number.isFinite);
    if (max.length > 0) return `is out of range (${v}); it must be at most ${Math.min(...max)}`;
    if (issue.code === 'invalid_type' && issue.expected === 'int') return `must be a whole number (it is ${v})`;
  }
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `is missing (expected ${issue.expected ?? 'a value'})`;
    return `expected ${issue.expected ?? 'another type'}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'too_big') return issue.message.replace(/^Too big: expected/, 'too long or too large: expected');
  return issue.message;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : 'a number out of range';
  return typeof v;
}
