import { describe, it, expect } from 'vitest';
import { validateScenario, checkIntegrity, describeProblem } from '@/lib/model/integrity';
import { LIMITS, scenarioSchema, type Scenario, type ScenarioNode } from '@/lib/model/schema';
import { indexTree, pathToRoot, subtreeIds } from '@/lib/model/tree';
import { makeNode } from '../support/trees';
import { generateScenario, createRng } from '@/lib/gen/generate';

const node = (id: string, parentId: string | null, extra: Partial<ScenarioNode> = {}) => makeNode(id, parentId, 0, id, extra);

function valid(): Scenario {
  return {
    $schema: './scenario.schema.json',
    schemaVersion: 2,
    id: 'test',
    title: 'Test',
    question: 'What now?',
    summary: '',
    decisionMakerId: 'state',
    sources: [{ id: 'src', title: 'Source', kind: 'article' }],
    actors: [{ id: 'state', name: 'State', kind: 'state', description: '' }],
    context: [],
    nodes: [
      node('root', null, { assumptionIds: ['a1'] }),
      node('opt-a', 'root', { order: 0, assumptionIds: ['a1'], riskIds: ['r1'], indicatorIds: ['i1'], evidenceIds: ['e1'] }),
      node('opt-b', 'root', { order: 1 }),
      node('out', 'opt-a', { kind: 'outcome' }),
    ],
    assumptions: [{ id: 'a1', statement: 'It holds', evidenceIds: ['e1'], underminingEvidenceIds: [] }],
    risks: [{ id: 'r1', statement: 'It fails', severity: 'high', evidenceIds: ['e1'], underminingEvidenceIds: [] }],
    indicators: [{ id: 'i1', statement: 'A sign', evidenceIds: [], underminingEvidenceIds: [], observedEvidenceIds: [] }],
    evidence: [{ id: 'e1', quote: 'a quote', paragraph: 3, sourceId: 'src' }],
  };
}

function problemsOf(doc: unknown): string[] {
  const r = validateScenario(doc);
  return r.ok ? [] : r.problems.map(describeProblem);
}

describe('scenario schema', () => {
  it('accepts a valid document', () => {
    const r = validateScenario(valid());
    expect(r.ok).toBe(true);
  });

  it('names the field and the reason for a shape error', () => {
    const doc = valid() as unknown as { nodes: Array<Record<string, unknown>> };
    doc.nodes[1]!.kind = 'maybe';
    expect(problemsOf(doc).join('\n')).toMatch(/^nodes\[1\]\.kind: /m);
  });

  it('reports a missing field as missing', () => {
    const doc = valid() as unknown as Record<string, unknown>;
    delete doc.question;
    expect(problemsOf(doc)).toEqual(['question: is missing (expected string)']);
  });

  it('rejects unknown fields (typos are caught)', () => {
    const doc = { ...valid(), titel: 'x' };
    expect(problemsOf(doc).join()).toContain('unknown field "titel"');
  });

  it('rejects ids that are not slugs, and reserved words', () => {
    const doc = valid();
    doc.nodes[2] = { ...doc.nodes[2]!, id: 'Opt B' };
    expect(problemsOf(doc).join()).toMatch(/nodes\[2\]\.id: must be a slug/);
    const doc2 = valid();
    doc2.nodes[2] = { ...doc2.nodes[2]!, id: 'constructor' };
    expect(problemsOf(doc2).join()).toMatch(/reserved word/);
  });

  it('rejects a wrong schemaVersion', () => {
    expect(problemsOf({ ...valid(), schemaVersion: 9 }).join()).toMatch(/schemaVersion: must be 2/);
  });

  it('enforces text length limits', () => {
    const doc = valid();
    doc.nodes[1] = { ...doc.nodes[1]!, title: 'x'.repeat(LIMITS.maxTitleLength + 1) };
    expect(problemsOf(doc).join()).toMatch(/nodes\[1\]\.title/);
  });

  it('evidence uses the key "quote" and a whole paragraph number from 1', () => {
    const doc = valid();
    doc.evidence[0] = { ...doc.evidence[0]!, paragraph: 0 };
    expect(problemsOf(doc).join()).toMatch(/evidence\[0\]\.paragraph: must be 1 or more/);
    const shape = scenarioSchema.shape.evidence.element.shape;
    expect(Object.keys(shape)).toEqual(['id', 'quote', 'paragraph', 'sourceId']);
  });
});

describe('integrity checks', () => {
  it('duplicate ids', () => {
    const doc = valid();
    doc.nodes.push(node('opt-b', 'root', { order: 5 }));
    expect(problemsOf(doc)).toContain('nodes[4].id: duplicate node id "opt-b" (also nodes[2])');
  });

  it('no root', () => {
    const doc = valid();
    doc.nodes[0] = { ...doc.nodes[0]!, parentId: 'opt-b' };
    const p = problemsOf(doc).join('\n');
    expect(p).toMatch(/there is no root/);
    expect(p).toMatch(/cycle/);
  });

  it('two roots', () => {
    const doc = valid();
    doc.nodes.push(node('second', null));
    expect(problemsOf(doc).join()).toMatch(/there are 2 roots \(nodes\[0\] "root", nodes\[4\] "second"\)/);
  });

  const nodeFaults: Array<[string, number, Partial<ScenarioNode>, string]> = [
    ['a root that is not a decision', 0, { kind: 'outcome' }, 'nodes[0].kind: the root must be a decision'],
    ['a node that is its own parent', 3, { parentId: 'out' }, 'nodes[3].parentId: node "out" is its own parent'],
    ['orphans (parent does not exist), with the typo named', 3, { parentId: 'kunar-strke' }, 'nodes[3].parentId: no node "kunar-strke" (node "out" would be an orphan)'],
  ];
  it.each(nodeFaults)('%s', (_, at, patch, problem) => {
    const doc = valid();
    doc.nodes[at] = { ...doc.nodes[at]!, ...patch };
    expect(problemsOf(doc)).toContain(problem);
  });

  it('a cycle', () => {
    const doc = valid();
    doc.nodes.push(node('x', 'y'), node('y', 'x'));
    expect(problemsOf(doc).join('\n')).toMatch(/nodes\[4\]\.parentId: node "x" is part of a cycle/);
  });

  it('a sub-list names only entries of its list: negated premises, undermining and observed quotes', () => {
    const doc = valid();
    doc.nodes[1] = { ...doc.nodes[1]!, negatedAssumptionIds: ['a1'], underminingEvidenceIds: ['e1'] };
    expect(problemsOf(doc)).toEqual([]);
    doc.nodes[2] = { ...doc.nodes[2]!, negatedAssumptionIds: ['a1'], underminingEvidenceIds: ['e1'] };
    doc.assumptions[0] = { ...doc.assumptions[0]!, evidenceIds: [], underminingEvidenceIds: ['e1'] };
    doc.indicators[0] = { ...doc.indicators[0]!, evidenceIds: ['e1'], observedEvidenceIds: ['e1', 'e2'] };
    expect(problemsOf(doc)).toEqual([
      'assumptions[0].underminingEvidenceIds[0]: "e1" is not among its evidenceIds',
      'indicators[0].observedEvidenceIds[1]: "e2" is not among its evidenceIds',
      'nodes[2].negatedAssumptionIds[0]: "a1" is not among its assumptionIds',
      'nodes[2].underminingEvidenceIds[0]: "e1" is not among its evidenceIds',
    ]);
  });

  it('files written before the sub-lists existed read as having none', () => {
    const doc = valid() as unknown as { nodes: Array<Record<string, unknown>>; indicators: Array<Record<string, unknown>> };
    delete doc.nodes[1]!.negatedAssumptionIds;
    delete doc.nodes[1]!.underminingEvidenceIds;
    delete doc.indicators[0]!.observedEvidenceIds;
    const r = validateScenario(doc);
    expect(r.ok && r.scenario.nodes[1]!.negatedAssumptionIds).toEqual([]);
    expect(r.ok && r.scenario.indicators[0]!.observedEvidenceIds).toEqual([]);
  });

  it('every reference resolves', () => {
    const doc = valid();
    doc.nodes[1] = { ...doc.nodes[1]!, assumptionIds: ['a1', 'a2'], riskIds: ['nope'], indicatorIds: ['i9'], evidenceIds: ['e9'], actorIds: ['who'], contextIds: ['ctx'] };
    doc.evidence[0] = { ...doc.evidence[0]!, sourceId: 'elsewhere' };
    doc.decisionMakerId = 'nobody';
    const p = problemsOf(doc);
    expect(p).toEqual(
      expect.arrayContaining([
        'nodes[1].assumptionIds[1]: no assumption "a2"',
        'nodes[1].riskIds[0]: no risk "nope"',
        'nodes[1].indicatorIds[0]: no indicator "i9"',
        'nodes[1].evidenceIds[0]: no evidence quote "e9"',
        'nodes[1].actorIds[0]: no actor "who"',
        'nodes[1].contextIds[0]: no context item "ctx"',
        'evidence[0].sourceId: no source "elsewhere"',
        'decisionMakerId: no actor "nobody"',
      ]),
    );
  });

  it('a reference listed twice', () => {
    const doc = valid();
    doc.nodes[1] = { ...doc.nodes[1]!, assumptionIds: ['a1', 'a1'] };
    expect(problemsOf(doc)).toContain('nodes[1].assumptionIds[1]: "a1" is listed twice');
  });

  it('node count limit', () => {
    const doc = valid();
    const many: ScenarioNode[] = [];
    for (let i = 0; i <= LIMITS.maxNodes; i++) many.push(node(`n${i}`, 'root', { order: i }));
    doc.nodes = [doc.nodes[0]!, ...many];
    expect(problemsOf(doc).join()).toMatch(/^nodes: /);
  });

  it('depth limit, checked without recursion on a very deep chain', () => {
    const doc = valid();
    const chain: ScenarioNode[] = [doc.nodes[0]!];
    for (let i = 0; i < LIMITS.maxDepth + 5; i++) chain.push(node(`c${i}`, i === 0 ? 'root' : `c${i - 1}`));
    doc.nodes = chain;
    doc.assumptions = [];
    doc.risks = [];
    doc.indicators = [];
    doc.nodes[0] = { ...doc.nodes[0]!, assumptionIds: [] };
    expect(problemsOf(doc).join()).toMatch(/levels deep; at most 10000/);
  });

  it('a deep but allowed chain validates and indexes without stack overflow', () => {
    const doc = valid();
    const chain: ScenarioNode[] = [{ ...doc.nodes[0]!, assumptionIds: [] }];
    for (let i = 0; i < 9000; i++) chain.push(node(`c${i}`, i === 0 ? 'root' : `c${i - 1}`));
    doc.nodes = chain;
    const r = validateScenario(doc);
    expect(r.ok).toBe(true);
    const idx = indexTree(doc);
    expect(idx.depth.get('c8999')).toBe(9000);
    expect(pathToRoot(idx, 'c8999')).toHaveLength(9001);
    expect(subtreeIds(idx, 'root')).toHaveLength(9001);
  });

  it('checkIntegrity caps the number of problems', () => {
    const doc = valid();
    for (let i = 0; i < 200; i++) doc.nodes.push(node(`o${i}`, 'missing'));
    expect(checkIntegrity(doc, 50)).toHaveLength(50);
  });

  it('never throws on arbitrary input', () => {
    for (const input of [null, undefined, 42, 'x', [], {}, { nodes: 'no' }, { nodes: [null] }]) {
      expect(() => validateScenario(input)).not.toThrow();
      expect(validateScenario(input).ok).toBe(false);
    }
  });
});

describe('tree index', () => {
  it('sorts children by order, then id, and lists shared assumptions', () => {
    const doc = valid();
    doc.nodes.push(node('opt-0', 'root', { order: 1 }));
    const idx = indexTree(doc);
    expect(idx.children.get('root')!.map((n) => n.id)).toEqual(['opt-a', 'opt-0', 'opt-b']);
    expect(idx.nodesByAssumption.get('a1')).toEqual(['root', 'opt-a']);
    expect(idx.preorder.map((n) => n.id)).toEqual(['root', 'opt-a', 'out', 'opt-0', 'opt-b']);
  });

  it('the walk (depths, pre-order, who rests on what) is made once, on first use, and matches a recursive walk', () => {
    const rng = createRng(5);
    for (const shape of ['wide', 'bushy', 'chain'] as const) {
      const doc = generateScenario({ shape, nodes: 1200, seed: 7 });
      // Shuffled: the index never relies on the nodes' listed order.
      const nodes = [...doc.nodes];
      for (let i = nodes.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
      }
      const idx = indexTree({ nodes });
      // The oracle: a recursive walk over the children in sibling order.
      const depth = new Map<string, number>();
      const preorder: string[] = [];
      const by = { a: new Map<string, string[]>(), r: new Map<string, string[]>(), i: new Map<string, string[]>() };
      const add = (m: Map<string, string[]>, k: string, id: string) => m.set(k, [...(m.get(k) ?? []), id]);
      const visit = (n: ScenarioNode, d: number) => {
        depth.set(n.id, d);
        preorder.push(n.id);
        n.assumptionIds.forEach((a) => add(by.a, a, n.id));
        n.riskIds.forEach((r) => add(by.r, r, n.id));
        n.indicatorIds.forEach((x) => add(by.i, x, n.id));
        for (const k of [...nodes.filter((c) => c.parentId === n.id)].sort((x, y) => x.order - y.order || (x.id < y.id ? -1 : 1))) visit(k, d + 1);
      };
      visit(nodes.find((n) => n.parentId === null)!, 0);
      const first = idx.depth;
      expect(idx.preorder.map((n) => n.id)).toEqual(preorder);
      expect(new Map(idx.depth)).toEqual(depth);
      expect(new Map(idx.nodesByAssumption)).toEqual(by.a);
      expect(new Map(idx.nodesByRisk)).toEqual(by.r);
      expect(new Map(idx.nodesByIndicator)).toEqual(by.i);
      expect(by.a.size + by.r.size + by.i.size).toBeGreaterThan(0);
      // Once: every later read is the same walk.
      expect(idx.depth).toBe(first);
      expect(idx.preorder).toBe(idx.preorder);
    }
  });
});
