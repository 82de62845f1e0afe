import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evpi, policies, riskProfile, solve } from '@/lib/analysis/rollback';
import { validate, type AnalysisNode } from '@/lib/analysis/validate';
import { RULES, type AnalysisInputs, type AnalysisSettings, type Criterion, type Rule } from '@/lib/analysis/model';
import type { NodeKind } from '@/lib/model/schema';
import { generateAnalysisTree } from '@/lib/gen/analysis';

const node = (id: string, parentId: string | null, kind: NodeKind, order = 0): AnalysisNode => ({ id, parentId, kind, title: id.toUpperCase(), order });
const money: Criterion = { id: 'money', name: 'Money', unit: '$', better: 'higher', weight: 1 };
const settings = (rule: Rule = 'max-ev', criteria: Criterion[] = [money]): AnalysisSettings => ({ criteria, parameters: [], rule });
const pay = (v: string | number, probability?: string) => ({ consequences: { money: String(v) }, ...(probability !== undefined ? { probability } : {}) });

// Invest (up 0.6: 100, down 0.4: -50) or bank (20).
const investTree: AnalysisNode[] = [
  node('root', null, 'decision'),
  node('invest', 'root', 'option', 0),
  node('bank', 'root', 'option', 1),
  node('market', 'invest', 'chance'),
  node('up', 'market', 'outcome', 0),
  node('down', 'market', 'outcome', 1),
];
const investInputs: AnalysisInputs = { bank: pay(20), up: pay(100, '60%'), down: pay(-50, '#') };

describe('rollback: hand-worked', () => {
  it('maximises expected value and gives reach probabilities', () => {
    const r = solve(investTree, investInputs, settings());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.solution;
    expect(s.root.score).toBeCloseTo(40, 12);
    expect(s.root.byCriterion.money).toBeCloseTo(40, 12);
    expect(s.best.get('root')).toEqual(['invest']);
    expect(s.policy.get('root')).toBe('invest');
    expect(s.reach.get('up')).toBeCloseTo(0.6, 15);
    expect(s.reach.get('down')).toBeCloseTo(0.4, 15);
    expect(s.reach.get('bank')).toBe(0);
    expect(s.tied.size).toBe(0);
    expect([...s.rejected]).toEqual(['bank']);
  });

  it.each([
    ['min-ev', 20, 'bank'],
    ['maximin', 20, 'bank'],
    ['maximax', 100, 'invest'],
    ['minimin', -50, 'invest'],
    ['minimax', 20, 'bank'],
  ] as const)('%s gives %d by %s', (rule, value, choice) => {
    const r = solve(investTree, investInputs, settings(rule));
    expect(r.ok && r.solution.root.score).toBe(value);
    expect(r.ok && r.solution.policy.get('root')).toBe(choice);
  });

  it('marks ties and lists every tied child, without averaging', () => {
    const r = solve(investTree, { ...investInputs, bank: pay(40) }, settings());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.solution.best.get('root')).toEqual(['invest', 'bank']);
    expect(r.solution.tied.has('root')).toBe(true);
    expect(r.solution.rejected.size).toBe(0);
    expect(r.solution.root.score).toBeCloseTo(40, 12);
    expect(r.solution.policy.get('root')).toBe('invest');
  });

  it('adds consequences along the path and over simultaneous children', () => {
    // An option with two simultaneous consequences: a sure cost and a gamble.
    const nodes = [
      node('d', null, 'decision'),
      node('act', 'd', 'option', 0),
      node('cost', 'act', 'outcome', 0),
      node('gamble', 'act', 'chance', 1),
      node('win', 'gamble', 'outcome', 0),
      node('lose', 'gamble', 'outcome', 1),
      node('wait', 'd', 'option', 1),
    ];
    const inputs = { act: pay(5), cost: pay(-10), win: pay(30, '1/3'), lose: pay(0, '2/3'), wait: pay(0) };
    const r = solve(nodes, inputs, settings());
    expect(r.ok && r.solution.root.score).toBeCloseTo(5, 12);
    const mm = solve(nodes, inputs, settings('maximin'));
    expect(mm.ok && mm.solution.root.score).toBe(0);
    expect(mm.ok && mm.solution.values.get('act')!.score).toBe(-5);
    const rp = riskProfile(nodes, inputs, settings());
    expect(rp.ok && rp.points.map((p) => [p.value, Number(p.probability.toFixed(12))])).toEqual([[-5, 0.666666666667], [25, 0.333333333333]]);
  });

  it('combines several criteria by signed weights', () => {
    const cost: Criterion = { id: 'cost', name: 'Cost', unit: '$', better: 'lower', weight: 2 };
    const nodes = [node('d', null, 'decision'), node('a', 'd', 'outcome', 0), node('b', 'd', 'outcome', 1)];
    const inputs = { a: { consequences: { money: '10', cost: '4' } }, b: { consequences: { money: '5', cost: '1' } } };
    const r = solve(nodes, inputs, settings('max-ev', [money, cost]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.solution.values.get('a')!.score).toBe(2);
    expect(r.solution.values.get('b')!.score).toBe(3);
    expect(r.solution.policy.get('d')).toBe('b');
    expect(r.solution.root.byCriterion).toEqual({ money: 5, cost: 1 });
  });

  it('evaluates a fixed policy instead of optimising', () => {
    const r = solve(investTree, investInputs, settings(), { policy: new Map([['root', 'bank']]) });
    expect(r.ok && r.solution.root.score).toBe(20);
    const bad = solve(investTree, investInputs, settings(), { policy: new Map([['root', 'up']]) });
    expect(!bad.ok && bad.problems.map((p) => p.code)).toEqual(['policy-choice']);
  });

  it('applies parameter overrides', () => {
    const s = { ...settings(), parameters: [{ id: 'p', name: 'p up', value: '0.6' }, { id: 'q', name: 'q', value: '1 - p' }] };
    const inputs = { ...investInputs, up: pay(100, 'p'), down: pay(-50, 'q') };
    const base = solve(investTree, inputs, s);
    expect(base.ok && base.solution.root.score).toBeCloseTo(40, 12);
    const low = solve(investTree, inputs, s, { overrides: { p: 0.2 } });
    expect(low.ok && low.solution.root.score).toBe(20);
    expect(low.ok && low.solution.policy.get('root')).toBe('bank');
  });

  it('gives the expected value of perfect information', () => {
    const r = evpi(investTree, investInputs, settings());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.base).toBeCloseTo(40, 12);
    // Knowing the market first: up -> invest 100, down -> bank 20: 0.6*100 + 0.4*20 = 68.
    expect(r.evpi.get('market')).toBeCloseTo(28, 12);
    const min = evpi(investTree, investInputs, settings('min-ev'));
    // min-ev: base bank 20; knowing: up -> 20, down -> -50: 0.6*20 + 0.4*-50 = -8; EVPI 28.
    expect(min.ok && min.evpi.get('market')).toBeCloseTo(28, 12);
    expect(evpi(investTree, investInputs, settings('maximin'))).toEqual({ ok: false, notExpectedValue: true });
  });

  it('gives EVPI of a chance node under another chance node (hand-worked)', () => {
    // root chance: A 0.5 -> decision D1 {risky: chance C (0.5: 10, 0.5: -10), safe: 1}; B 0.5 -> 0.
    const nodes = [
      node('root', null, 'chance'),
      node('a', 'root', 'outcome', 0),
      node('b', 'root', 'outcome', 1),
      node('d1', 'a', 'decision'),
      node('risky', 'd1', 'option', 0),
      node('safe', 'd1', 'option', 1),
      node('c', 'risky', 'chance'),
      node('hi', 'c', 'outcome', 0),
      node('lo', 'c', 'outcome', 1),
    ];
    const inputs = { a: pay(0, '0.5'), b: pay(0, '0.5'), safe: pay(1), hi: pay(10, '0.5'), lo: pay(-10, '0.5') };
    const r = evpi(nodes, inputs, settings());
    // base: 0.5 * max(0, 1) = 0.5; with C known: 0.5 * (0.5*10 + 0.5*1) = 2.75; EVPI 2.25. Root chance known: 0.
    expect(r.ok && r.base).toBeCloseTo(0.5, 12);
    expect(r.ok && r.evpi.get('c')).toBeCloseTo(2.25, 12);
    expect(r.ok && r.evpi.get('root')).toBe(0);
  });

  it('lists every policy with its value, best first, and caps them', () => {
    const nodes = [
      node('d', null, 'decision'),
      node('x', 'd', 'option', 0),
      node('y', 'd', 'option', 1),
      node('dx', 'x', 'decision'),
      node('x1', 'dx', 'outcome', 0),
      node('x2', 'dx', 'outcome', 1),
    ];
    const inputs = { x1: pay(3), x2: pay(7), y: pay(5) };
    const r = policies(nodes, inputs, settings());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.total).toBe(3);
    expect(r.capped).toBe(false);
    expect(r.policies.map((p) => [Object.fromEntries(p.choices), p.value.score])).toEqual([
      [{ d: 'x', dx: 'x2' }, 7],
      [{ d: 'y' }, 5],
      [{ d: 'x', dx: 'x1' }, 3],
    ]);
    const capped = policies(nodes, inputs, settings(), { cap: 2 });
    expect(capped.ok && [capped.policies.length, capped.total, capped.capped]).toEqual([2, 3, true]);
  });

  it('caps the risk profile and says so, keeping the mean', () => {
    // 14 simultaneous coin flips of 2^j: 16,384 distinct totals.
    const nodes: AnalysisNode[] = [node('root', null, 'outcome')];
    const inputs: AnalysisInputs = {};
    for (let j = 0; j < 14; j++) {
      nodes.push(node(`c${j}`, 'root', 'chance', j), node(`h${j}`, `c${j}`, 'outcome', 0), node(`t${j}`, `c${j}`, 'outcome', 1));
      inputs[`h${j}`] = pay(2 ** j, '0.5');
      inputs[`t${j}`] = pay(0, '#');
    }
    const r = riskProfile(nodes, inputs, settings());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.capped).toBe(true);
    expect(r.points.length).toBe(10_000);
    const mean = r.points.reduce((s, p) => s + p.value * p.probability, 0);
    expect(mean).toBeCloseTo((2 ** 14 - 1) / 2, 6);
    const small = riskProfile(nodes.slice(0, 1 + 3 * 3), inputs, settings());
    expect(small.ok && [small.capped, small.points.length]).toEqual([false, 8]);
  });
});

describe('validation', () => {
  const codes = (nodes: AnalysisNode[], inputs: AnalysisInputs, s = settings()) => validate(nodes, inputs, s).map((p) => [p.nodeId, p.code]);

  it('finds decision and chance nodes without branches', () => {
    expect(codes([node('d', null, 'decision'), node('c', 'd', 'chance', 0), node('o', 'd', 'outcome', 1)], {})).toEqual([['c', 'no-branches']]);
  });

  it('checks probabilities', () => {
    const tree = [node('c', null, 'chance'), node('a', 'c', 'outcome', 0), node('b', 'c', 'outcome', 1), node('e', 'c', 'outcome', 2)];
    expect(codes(tree, { a: pay(0, '0.5'), b: pay(0, '0.3') })).toEqual([['e', 'missing-probability']]);
    expect(codes(tree, { a: pay(0, '0.5'), b: pay(0, '0.3'), e: pay(0, '0.3') })).toEqual([['c', 'probability-sum']]);
    expect(codes(tree, { a: pay(0, '1.5'), b: pay(0, '#'), e: pay(0, '#') })).toEqual([['a', 'probability-range']]);
    expect(codes(tree, { a: pay(0, '0.7'), b: pay(0, '0.5'), e: pay(0, '#') })).toEqual([['c', 'rest-negative']]);
    expect(codes(tree, { a: pay(0, 'zz'), b: pay(0, '#'), e: pay(0, '#') })).toEqual([['a', 'bad-probability']]);
    expect(codes(tree, { a: pay(0, '0.1'), b: pay(0, '0.2'), e: pay(0, '0.7') })).toEqual([]);
  });

  it('shares the rest equally and sums to exactly 1', () => {
    const tree = [node('c', null, 'chance'), node('a', 'c', 'outcome', 0), node('b', 'c', 'outcome', 1), node('e', 'c', 'outcome', 2), node('f', 'c', 'outcome', 3)];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (x, y) => {
        fc.pre(x + y <= 1000);
        const r = solve(tree, { a: pay(1, `${x / 1000}`), b: pay(2, `${y / 1000}`), e: pay(3, '#'), f: pay(4, '#') }, settings());
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const p = ['a', 'b', 'e', 'f'].map((id) => r.solution.reach.get(id)!);
        expect(Math.abs(p[2]! - p[3]!)).toBeLessThan(1e-15);
        expect(p.reduce((s, v) => s + v, 0)).toBe(1);
      }),
    );
  });

  it('checks consequences and criteria', () => {
    const tree = [node('d', null, 'decision'), node('a', 'd', 'outcome', 0), node('b', 'd', 'outcome', 1)];
    const bad = validate(tree, { a: { consequences: { money: '1 / 0' } }, b: { consequences: { time: '3' } } }, settings());
    expect(bad.map((p) => [p.nodeId, p.code])).toEqual([['a', 'bad-consequence'], ['b', 'unknown-criterion']]);
    expect(bad[0]!.message).toContain('“A”');
    expect(bad[0]!.message).toContain('1 / 0');
    expect(codes(tree, { a: pay(1) }, settings('max-ev', []))).toEqual([[null, 'no-criteria']]);
  });

  it('reports parameter problems with no node', () => {
    const s = { ...settings(), parameters: [{ id: 'a', name: 'a', value: 'b' }, { id: 'b', name: 'b', value: 'a' }] };
    expect(validate([node('o', null, 'outcome')], {}, s).map((p) => [p.nodeId, p.code])).toEqual([[null, 'parameter-cycle']]);
  });
});

// ---------------------------------------------------------------------------
// Property: rollback equals brute-force enumeration of policies.

interface RandomTree {
  nodes: AnalysisNode[];
  inputs: AnalysisInputs;
  criteria: Criterion[];
}

const KINDS: NodeKind[] = ['decision', 'chance', 'option', 'outcome'];

const treeArb = (maxNodes: number, sumFanOut = true): fc.Arbitrary<RandomTree> =>
  fc
    .record({
      size: fc.integer({ min: 1, max: maxNodes }),
      parents: fc.array(fc.nat(), { minLength: maxNodes, maxLength: maxNodes }),
      kinds: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: maxNodes, maxLength: maxNodes }),
      weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: maxNodes, maxLength: maxNodes }),
      rest: fc.array(fc.boolean(), { minLength: maxNodes, maxLength: maxNodes }),
      pay1: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: maxNodes, maxLength: maxNodes }),
      pay2: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: maxNodes, maxLength: maxNodes }),
      twoCriteria: fc.boolean(),
      better2: fc.constantFrom('higher' as const, 'lower' as const),
      w2: fc.integer({ min: 0, max: 3 }),
    })
    .map((g) => {
      const parent: number[] = [-1];
      for (let i = 1; i < g.size; i++) parent.push(g.parents[i]! % i);
      const kids: number[][] = Array.from({ length: g.size }, () => []);
      for (let i = 1; i < g.size; i++) kids[parent[i]!]!.push(i);
      const kind = Array.from({ length: g.size }, (_, i) => {
        const k = KINDS[g.kinds[i]!]!;
        if ((k === 'decision' || k === 'chance') && kids[i]!.length === 0) return 'outcome';
        if (!sumFanOut && (k === 'option' || k === 'outcome') && kids[i]!.length > 1) return 'chance';
        return k;
      });
      const criteria: Criterion[] = [{ id: 'c1', name: 'C1', unit: '', better: 'higher', weight: 1 }];
      if (g.twoCriteria) criteria.push({ id: 'c2', name: 'C2', unit: '', better: g.better2, weight: g.w2 });
      const nodes = Array.from({ length: g.size }, (_, i) => node(`n${i}`, i ? `n${parent[i]}` : null, kind[i]!, i));
      const inputs: AnalysisInputs = {};
      for (let i = 0; i < g.size; i++) {
        const consequences: Record<string, string> = { c1: String(g.pay1[i]) };
        if (g.twoCriteria) consequences.c2 = String(g.pay2[i]);
        inputs[`n${i}`] = { consequences };
      }
      for (let i = 0; i < g.size; i++) {
        if (kind[i] !== 'chance') continue;
        const ks = kids[i]!;
        const total = ks.reduce((s, c) => s + g.weights[c]!, 0);
        ks.forEach((c, j) => {
          inputs[`n${c}`]!.probability = j === ks.length - 1 && g.rest[i] ? '#' : `${g.weights[c]!}/${total}`;
        });
      }
      return { nodes, inputs, criteria };
    });

/** Naive recursive evaluation of one full assignment of choices (decision index -> child index). */
function oracleValue(t: RandomTree, rule: Rule, choice: Map<number, number>): { score: number; crit: number[] } {
  const n = t.nodes.length;
  const kids: number[][] = Array.from({ length: n }, () => []);
  t.nodes.forEach((nd, i) => nd.parentId && kids[Number(nd.parentId.slice(1))]!.push(i));
  const k = t.criteria.length;
  const own = (i: number) => t.criteria.map((c) => Number(t.inputs[`n${i}`]!.consequences[c.id] ?? 0));
  const scoreOf = (v: number[]) => (k === 1 ? v[0]! : t.criteria.reduce((s, c, j) => s + (c.better === 'lower' ? -1 : 1) * c.weight * v[j]!, 0));
  const prob = (i: number, siblings: number[]): number => {
    const text = t.inputs[`n${i}`]!.probability!;
    if (text !== '#') return Number(text.split('/')[0]) / Number(text.split('/')[1]);
    return 1 - siblings.filter((s) => s !== i).reduce((a: number, s) => a + prob(s, siblings), 0);
  };
  const rec = (i: number): { score: number; crit: number[] } => {
    const o = own(i);
    const ks = kids[i]!;
    if (!ks.length) return { score: scoreOf(o), crit: o };
    const kind = t.nodes[i]!.kind;
    const sub = ks.map(rec);
    if (kind === 'decision') {
      const c = sub[ks.indexOf(choice.get(i)!)]!;
      return { score: scoreOf(o) + c.score, crit: o.map((v, j) => v + c.crit[j]!) };
    }
    if (kind === 'chance') {
      if (rule === 'max-ev' || rule === 'min-ev') {
        const ps = ks.map((c) => prob(c, ks));
        return {
          score: scoreOf(o) + sub.reduce((s, x, j) => s + ps[j]! * x.score, 0),
          crit: o.map((v, c) => v + sub.reduce((s, x, j) => s + ps[j]! * x.crit[c]!, 0)),
        };
      }
      const pick = rule === 'maximax' || rule === 'minimax' ? Math.max : Math.min;
      const ext = pick(...sub.map((x) => x.score));
      return { score: scoreOf(o) + ext, crit: o };
    }
    return { score: scoreOf(o) + sub.reduce((s, x) => s + x.score, 0), crit: o.map((v, c) => v + sub.reduce((s, x) => s + x.crit[c]!, 0)) };
  };
  return rec(0);
}

function allAssignments(t: RandomTree): Map<number, number>[] {
  const decisions = t.nodes.map((nd, i) => [nd, i] as const).filter(([nd]) => nd.kind === 'decision').map(([, i]) => i);
  const kidsOf = (i: number) => t.nodes.map((nd, j) => [nd, j] as const).filter(([nd]) => nd.parentId === `n${i}`).map(([, j]) => j);
  let out: Map<number, number>[] = [new Map()];
  for (const d of decisions) {
    const next: Map<number, number>[] = [];
    for (const a of out) for (const c of kidsOf(d)) next.push(new Map(a).set(d, c));
    out = next;
  }
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('rollback equals brute force', () => {
  it('on random small trees, for all six rules', () => {
    fc.assert(
      fc.property(treeArb(11), fc.constantFrom(...RULES), (t, rule) => {
        const assignments = allAssignments(t);
        fc.pre(assignments.length <= 3000);
        const s: AnalysisSettings = { criteria: t.criteria, parameters: [], rule };
        const r = solve(t.nodes, t.inputs, s);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const max = rule === 'max-ev' || rule === 'maximin' || rule === 'maximax';
        const values = assignments.map((a) => oracleValue(t, rule, a).score);
        const best = max ? Math.max(...values) : Math.min(...values);
        expect(close(r.solution.root.score, best)).toBe(true);
        // The policy it gives achieves the optimum.
        const chosen = new Map([...r.solution.policy].map(([d, c]) => [Number(d.slice(1)), Number(c.slice(1))]));
        const own = oracleValue(t, rule, chosen);
        expect(close(own.score, best)).toBe(true);
        if (rule === 'max-ev' || rule === 'min-ev') {
          t.criteria.forEach((c, j) => expect(close(r.solution.root.byCriterion[c.id]!, own.crit[j]!)).toBe(true));
        }
        // Every tied child of a decision is as good as the chosen one.
        for (const [d, list] of r.solution.best) {
          const v = list.map((c) => r.solution.values.get(c)!.score);
          for (const x of v) expect(close(x, v[0]!)).toBe(true);
          expect(list[0]).toBe(r.solution.policy.get(d));
          // The other children are rejected, and worse than the best.
          const others = t.nodes.filter((nd) => nd.parentId === d && !list.includes(nd.id));
          for (const o of others) {
            expect(r.solution.rejected.has(o.id)).toBe(true);
            expect(close(r.solution.values.get(o.id)!.score, v[0]!)).toBe(false);
          }
          for (const c of list) expect(r.solution.rejected.has(c)).toBe(false);
        }
        // Every policy listed: values equal the oracle, the first is the best, the count matches.
        const pol = policies(t.nodes, t.inputs, s);
        expect(pol.ok).toBe(true);
        if (!pol.ok) return;
        expect(close(pol.policies[0]!.value.score, best)).toBe(true);
        for (const row of pol.policies.slice(0, 50)) {
          const a = new Map([...row.choices].map(([d, c]) => [Number(d.slice(1)), Number(c.slice(1))]));
          // Unreachable decisions: whichever child will do.
          for (const full of assignments) {
            if ([...a].every(([d, c]) => full.get(d) === c)) {
              expect(close(oracleValue(t, rule, full).score, row.value.score)).toBe(true);
              break;
            }
          }
        }
        const distinct = new Set(
          assignments.map((a) => {
            // restrict to decisions reachable under a
            const reach: number[] = [];
            const stack = [0];
            while (stack.length) {
              const i = stack.pop()!;
              if (t.nodes[i]!.kind === 'decision') {
                reach.push(i);
                stack.push(a.get(i)!);
              } else t.nodes.forEach((nd, j) => nd.parentId === `n${i}` && stack.push(j));
            }
            return reach.sort((x, y) => x - y).map((d) => `${d}:${a.get(d)}`).join(',');
          }),
        );
        expect(pol.total).toBe(distinct.size);
        expect(pol.policies.length).toBe(distinct.size);
      }),
      { numRuns: 400 },
    );
  });

  it('reach probabilities of leaves sum to 1 where branches fork only at decisions and chance nodes', () => {
    fc.assert(
      fc.property(treeArb(14, false), fc.constantFrom(...RULES), (t, rule) => {
        const r = solve(t.nodes, t.inputs, { criteria: t.criteria, parameters: [], rule });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const parents = new Set(t.nodes.map((nd) => nd.parentId));
        const leaves = t.nodes.filter((nd) => !parents.has(nd.id));
        const sum = leaves.reduce((s, nd) => s + r.solution.reach.get(nd.id)!, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('risk profile: probabilities sum to 1 and its mean is the expected value', () => {
    fc.assert(
      fc.property(treeArb(12), (t) => {
        const s: AnalysisSettings = { criteria: t.criteria, parameters: [], rule: 'max-ev' };
        const r = solve(t.nodes, t.inputs, s);
        const rp = riskProfile(t.nodes, t.inputs, s);
        expect(r.ok && rp.ok).toBe(true);
        if (!r.ok || !rp.ok) return;
        const total = rp.points.reduce((a, p) => a + p.probability, 0);
        const mean = rp.points.reduce((a, p) => a + p.probability * p.value, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        expect(close(mean, r.solution.root.score) || Math.abs(mean - r.solution.root.score) < 1e-9).toBe(true);
        for (let i = 1; i < rp.points.length; i++) expect(rp.points[i]!.value).toBeGreaterThan(rp.points[i - 1]!.value);
      }),
      { numRuns: 300 },
    );
  });

  it('EVPI equals brute force: the mean over the node outcome of the best value knowing it', () => {
    fc.assert(
      fc.property(treeArb(10), (t) => {
        const s: AnalysisSettings = { criteria: t.criteria, parameters: [], rule: 'max-ev' };
        const r = evpi(t.nodes, t.inputs, s);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const base = solve(t.nodes, t.inputs, s);
        if (!base.ok) return;
        for (const [cid, gain] of r.evpi) {
          const kids = t.nodes.filter((nd) => nd.parentId === cid).map((nd) => nd.id);
          let withInfo = 0;
          for (const b of kids) {
            const pb = base.prepared.prob[base.prepared.structure.indexOf.get(b)!]!;
            const inputs: AnalysisInputs = structuredClone(t.inputs);
            for (const o of kids) inputs[o]!.probability = o === b ? '1' : '0';
            const fixed = solve(t.nodes, inputs, s);
            expect(fixed.ok).toBe(true);
            if (fixed.ok) withInfo += pb * fixed.solution.root.score;
          }
          expect(Math.abs(withInfo - base.solution.root.score - gain)).toBeLessThan(1e-9);
          expect(gain).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// Speed is measured by `npm run bench` (scripts/bench-analysis.mjs), never asserted here.
describe('depth', () => {
  it('rolls back a 10,000-deep chain without recursion', () => {
    const { nodes, inputs, settings: s } = generateAnalysisTree({ nodes: 10_000, shape: 'chain' });
    const r = solve(nodes, inputs, s);
    expect(r.ok && [r.solution.values.size, r.solution.reach.get('n9999')]).toEqual([10_000, 1]);
  });
});

describe('rollback: the compiled inputs follow the document', () => {
  it('a new inputs record, new criteria or a parameter override give new figures, never those of the last call', () => {
    const first = solve(investTree, investInputs, settings());
    expect(first.ok && first.solution.root.score).toBeCloseTo(40, 12);
    // An edit makes a new record (lib/analysis/document.ts): up 0.2 now, so the bank (20) beats investing (-10).
    const edited: AnalysisInputs = { ...investInputs, up: pay(100, '20%') };
    const second = solve(investTree, edited, settings());
    expect(second.ok && second.solution.root.score).toBeCloseTo(20, 12);
    expect(second.ok && second.solution.policy.get('root')).toBe('bank');
    // The same record read with a criterion of another id: its consequences no longer count.
    const other: Criterion = { ...money, id: 'other' };
    const third = solve(investTree, investInputs, settings('max-ev', [other]));
    expect(third.ok).toBe(false);
    // A parameter read by two branches, evaluated once per call with that call's value.
    const withParam: AnalysisInputs = { bank: pay('g'), up: pay('g * 5', 'q'), down: pay(-50, '#') };
    const s = (q: number): AnalysisSettings => ({ ...settings(), parameters: [{ id: 'g', name: 'g', value: '20' }, { id: 'q', name: 'q', value: String(q) }] });
    const a = solve(investTree, withParam, s(0.6));
    const b = solve(investTree, withParam, s(0.2));
    expect(a.ok && a.solution.root.score).toBeCloseTo(0.6 * 100 - 0.4 * 50, 12);
    expect(b.ok && b.solution.root.score).toBeCloseTo(20, 12);
  });
});
