import { describe, it, expect } from 'vitest';
import { validateScenario, describeProblem } from '@/lib/model/integrity';
import { SCENARIO_SCHEMA_VERSION } from '@/lib/model/schema';
import { indexTree } from '@/lib/model/tree';
import { createRng, generateScenario, SCHEMA_VERSION, SHAPES, type Shape } from '@/lib/gen/generate';

function expectValid(doc: unknown) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.problems.slice(0, 5).map(describeProblem).join('\n'));
  expect(v.ok).toBe(true);
}

describe('generateScenario', () => {
  it('mirrors the schema version', () => {
    expect(SCHEMA_VERSION).toBe(SCENARIO_SCHEMA_VERSION);
  });

  for (const shape of SHAPES) {
    it(`produces valid documents (${shape})`, () => {
      for (const n of [1, 2, 7, 100, 2000]) {
        const doc = generateScenario({ shape, nodes: n, seed: 3 });
        expect(doc.nodes.length).toBe(n);
        expectValid(doc);
      }
      expectValid(generateScenario({ shape, nodes: 500, seed: 9, shuffleOrder: true }));
    });

    it(`is deterministic per seed (${shape})`, () => {
      const a = JSON.stringify(generateScenario({ shape, nodes: 300, seed: 42 }));
      const b = JSON.stringify(generateScenario({ shape, nodes: 300, seed: 42 }));
      const c = JSON.stringify(generateScenario({ shape, nodes: 300, seed: 43 }));
      expect(a).toBe(b);
      expect(c).not.toBe(a);
    });
  }

  it('builds the requested shapes', () => {
    const chain = indexTree(generateScenario({ shape: 'chain', nodes: 1000, seed: 1 }));
    expect(Math.max(...chain.depth.values())).toBe(999);

    const wide = indexTree(generateScenario({ shape: 'wide', nodes: 4001, seed: 1 }));
    const top = wide.children.get(wide.root.id)!;
    expect(top.length).toBe(1000);
    expect(Math.max(...wide.depth.values())).toBe(2);
    for (const c of top) {
      const k = wide.children.get(c.id)?.length ?? 0;
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThanOrEqual(6);
    }

    const bushy = indexTree(generateScenario({ shape: 'bushy', nodes: 5000, seed: 1 }));
    const maxDepth = Math.max(...bushy.depth.values());
    expect(maxDepth).toBeGreaterThanOrEqual(4);
    expect(maxDepth).toBeLessThanOrEqual(7);
    let internal = 0;
    let partial = 0;
    for (const kids of bushy.children.values()) {
      internal++;
      if (kids.length < 4 || kids.length > 6) partial++;
    }
    expect(internal).toBeGreaterThan(700);
    expect(partial).toBeLessThanOrEqual(1); // only the last node filled can be short
  });

  it('attaches assumptions, risks, indicators and evidence so badges show', () => {
    const doc = generateScenario({ shape: 'bushy', nodes: 1000, seed: 5 });
    const count = (f: (n: (typeof doc.nodes)[number]) => number) => doc.nodes.filter((n) => f(n) > 0).length;
    expect(count((n) => n.assumptionIds.length)).toBeGreaterThan(100);
    expect(count((n) => n.riskIds.length)).toBeGreaterThan(50);
    expect(count((n) => n.indicatorIds.length)).toBeGreaterThan(30);
    expect(count((n) => n.evidenceIds.length)).toBeGreaterThan(30);
    expect(count((n) => n.assumptionIds.length + n.riskIds.length + n.indicatorIds.length + n.evidenceIds.length)).toBeLessThan(1000);
    const root = doc.nodes[0]!;
    expect(root.parentId).toBeNull();
    expect(root.kind).toBe('decision');
    expect(root.assumptionIds.length).toBeGreaterThan(0);
    expect(doc.assumptions.length).toBeGreaterThan(0);
    expect(doc.risks.length).toBeGreaterThan(0);
    expect(doc.indicators.length).toBeGreaterThan(0);
    expect(doc.evidence.length).toBeGreaterThan(0);
    expect(new Set(doc.nodes.map((n) => n.kind))).toEqual(new Set(['decision', 'option', 'chance', 'outcome']));
  });

  it('shuffles sibling order as a permutation when asked', () => {
    const doc = generateScenario({ shape: 'wide', nodes: 200, seed: 8, shuffleOrder: true });
    const idx = indexTree(doc);
    const top = idx.children.get(idx.root.id)!;
    const orders = top.map((n) => n.order);
    expect(new Set(orders).size).toBe(orders.length);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders); // index sorts by order
    // Document order differs from `order` for at least some siblings.
    const docOrder = doc.nodes.filter((n) => n.parentId === idx.root.id).map((n) => n.order);
    expect(docOrder).not.toEqual(orders);
  });

  it('generates 50,000-node documents that validate (bushy and wide)', () => {
    for (const shape of ['bushy', 'wide'] as Shape[]) {
      const t0 = performance.now();
      const doc = generateScenario({ shape, nodes: 50_000, seed: 1 });
      const genMs = performance.now() - t0;
      expect(doc.nodes.length).toBe(50_000);
      expectValid(doc);
      console.log(`[gen] ${shape} 50k generated in ${genMs.toFixed(1)} ms`);
    }
  });

  it('reports a chain deeper than the schema limit as too deep, not malformed', () => {
    const doc = generateScenario({ shape: 'chain', nodes: 10_002, seed: 1 });
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.problems.length).toBe(1);
      expect(v.problems[0]!.message).toMatch(/levels deep/);
    }
    expectValid(generateScenario({ shape: 'chain', nodes: 10_001, seed: 1 }));
  });

  it('createRng is a deterministic uniform-ish PRNG', () => {
    const a = createRng(123);
    const b = createRng(123);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10_000).toBeGreaterThan(0.45);
    expect(sum / 10_000).toBeLessThan(0.55);
  });
});
