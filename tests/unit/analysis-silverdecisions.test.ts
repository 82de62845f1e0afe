import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importSilverDecisions, importSilverDecisionsText, SD_RULES } from '@/lib/analysis/silverdecisions';
import { solve } from '@/lib/analysis/rollback';
import { validate } from '@/lib/analysis/validate';
import { analysisInputsSchema, analysisSettingsSchema } from '@/lib/analysis/model';
import { nodeSchema } from '@/lib/model/schema';
import * as z from 'zod';

const dir = path.join(__dirname, '../fixtures/silverdecisions');
const load = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

/** SilverDecisions stores numbers as mixed fractions: "1/2", "-2 1/3", "1165 891810/1849771", "0.6". */
function fraction(text: unknown): number {
  const s = String(text).trim();
  const m = /^(-)?(?:(\d+(?:\.\d+)?)(?:\s+(\d+)\/(\d+))?|(\d+)\/(\d+))$/.exec(s);
  if (!m) throw new Error(`not a fraction: ${s}`);
  const v = m[5] !== undefined ? Number(m[5]) / Number(m[6]) : Number(m[2]) + (m[3] !== undefined ? Number(m[3]) / Number(m[4]) : 0);
  return m[1] ? -v : v;
}

type SdNode = { computed?: Record<string, Record<string, unknown>>; childEdges: { computed?: Record<string, unknown>; childNode: SdNode }[] };

/** Pre-order list of the stored nodes (the order the import gives ids sd-1, sd-2...). */
function preorder(root: SdNode): SdNode[] {
  const out: SdNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let e = n.childEdges.length - 1; e >= 0; e--) stack.push(n.childEdges[e]!.childNode);
  }
  return out;
}

/** A deep copy without the stored results. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'computed' && !k.startsWith('$')).map(([k, x]) => [k, strip(x)]));
  }
  return v;
}

const FIXTURES = [
  'policies.json',
  'policies2.json',
  'payoffrules_pass.json',
  'rockefellerWithParamsNoRandom.json',
  'fliptest_pass.json',
  'mcdm.json',
  'mcdm2.json',
  'mcdm3.json',
  'treatments.json',
  'payofftransform_pass.json',
];
/** Trees the import refuses (checked below): payofftransform_pass.json's second tree defines a function in its code. */
const REFUSED = new Set(['payofftransform_pass.json#1']);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const table: string[] = [];
let reachCompared = 0;

it('reads SilverDecisions fractions', () => {
  expect(['0', '3', '-5', '1/2', '-1/6', '21/40', '2 1/3', '-2 3/4', '1165 891810/1849771', '0.6', '-9/10'].map(fraction)).toEqual([
    0, 3, -5, 0.5, -1 / 6, 21 / 40, 2 + 1 / 3, -2.75, 1165 + 891810 / 1849771, 0.6, -0.9,
  ]);
  expect(() => fraction('2/')).toThrow();
});

describe('SilverDecisions test trees give the values SilverDecisions stores', () => {
  for (const file of FIXTURES) {
    const json = load(file);
    const trees = (json.data as { trees: SdNode[] }).trees;
    const stripped = strip(json);
    trees.forEach((stored, treeIndex) => {
      if (REFUSED.has(`${file}#${treeIndex}`)) return;
      const rules = Object.keys(stored.computed ?? {});
      for (const sdRule of rules) {
        it(`${file} tree ${treeIndex + 1}, ${sdRule}`, () => {
          const imported = importSilverDecisions(stripped, { treeIndex, rule: sdRule });
          expect(imported.ok).toBe(true);
          if (!imported.ok) return;
          const { nodes, inputs, settings } = imported.value;
          const r = solve(nodes, inputs, settings);
          expect(r.ok ? [] : r.problems).toEqual([]);
          if (!r.ok) return;
          expect(analysisSettingsSchema(z).safeParse(settings).success).toBe(true);
          expect(analysisInputsSchema(z).safeParse(inputs).success).toBe(true);
          const multi = !!SD_RULES[sdRule]!.better;
          const sdNodes = preorder(stored);
          expect(sdNodes.length).toBe(nodes.length);
          let compared = 0;
          sdNodes.forEach((sd, i) => {
            const c = sd.computed?.[sdRule];
            if (!c) return;
            const ours = r.solution.values.get(`sd-${i + 1}`)!;
            const payoff = Array.isArray(c.payoff) ? c.payoff : [c.payoff];
            if (multi) {
              expect(close(ours.score, fraction(c.combinedPayoff))).toBe(true);
              const tiedBelow = r.solution.tied.size > 0;
              if (!tiedBelow) {
                settings.criteria.forEach((cr, j) => expect(close(ours.byCriterion[cr.id]!, fraction(payoff[j]))).toBe(true));
              }
            } else {
              expect(close(ours.score, fraction(payoff[0]))).toBe(true);
            }
            compared++;
            // The probability of reaching each outcome under the best policy (expected-value rules, no ties).
            const ev = sdRule.startsWith('expected-value');
            if (ev && r.solution.tied.size === 0 && nodes[i]!.kind === 'outcome' && c.probabilityToEnter !== undefined) {
              expect(close(r.solution.reach.get(`sd-${i + 1}`)!, fraction(c.probabilityToEnter))).toBe(true);
              reachCompared++;
            }
            // The best children of a decision: the edges SilverDecisions gives probability 1 (all of them when tied).
            if (nodes[i]!.kind === 'decision' && sd.childEdges.every((e) => e.computed?.[sdRule])) {
              const sdBest = sd.childEdges
                .map((e, j) => [(e.computed![sdRule] as { probability: number }).probability, nodes.filter((nd) => nd.parentId === `sd-${i + 1}`)[j]!.id] as const)
                .filter(([p]) => p === 1)
                .map(([, id]) => id);
              expect([...r.solution.best.get(`sd-${i + 1}`)!].sort()).toEqual(sdBest.sort());
            }
          });
          expect(compared).toBeGreaterThan(0);
          const root = stored.computed![sdRule]!;
          const storedRoot = multi ? String(root.combinedPayoff) : String((Array.isArray(root.payoff) ? root.payoff : [root.payoff])[0]);
          table.push(`| ${file}${trees.length > 1 ? ` (tree ${treeIndex + 1})` : ''} | ${sdRule} | ${storedRoot} | ${Number(r.solution.root.score.toPrecision(12))} |`);
        });
      }
    });
  }

  it('prints the comparison table when asked', () => {
    if (process.env.SD_TABLE) console.log(['| tree file | rule | SilverDecisions stored root | ours |', '|---|---|---|---|', ...table].join('\n'));
    expect(table.length).toBeGreaterThan(40);
    expect(reachCompared).toBeGreaterThan(30);
  });
});

describe('SilverDecisions import', () => {
  it('maps kinds, edge names, probabilities, payoffs, code and the rule', () => {
    const r = importSilverDecisions(strip(load('rockefellerWithParamsNoRandom.json')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.settings.rule).toBe('max-ev');
    expect(v.settings.criteria.map((c) => c.id)).toEqual(['payoff']);
    expect(v.settings.parameters.map((p) => [p.id, p.value])).toEqual([
      ['pr', '0.5'],
      ['sens', '0.9'],
      ['spec', '0.7'],
      ['pplus', 'pr*sens+(1-pr)*(1-spec)'],
    ]);
    expect(v.nodes[0]).toMatchObject({ id: 'sd-1', parentId: null, kind: 'decision' });
    expect(v.nodes.filter((n) => n.parentId === 'sd-1').map((n) => n.title)).toEqual(['sprzedaj', 'instaluj', 'testuj']);
    expect(v.nodes.filter((n) => n.kind === 'outcome').length).toBeGreaterThan(0);
    const sell = v.nodes.find((n) => n.parentId === 'sd-1' && n.title === 'sprzedaj')!;
    expect(v.inputs[sell.id]).toEqual({ consequences: { payoff: '750' } });
    expect(Object.values(v.inputs).some((i) => i.probability === '#')).toBe(true);
    expect(v.notes).toEqual([]);
  });

  it('maps two criteria with their directions and weight', () => {
    const r = importSilverDecisions(strip(load('mcdm2.json')));
    expect(r.ok && r.value.settings.criteria.map((c) => [c.name, c.better, c.weight])).toEqual([
      ['Effect', 'higher', 2],
      ['Cost', 'lower', 1],
    ]);
  });

  it('notes the other trees of a file', () => {
    const r = importSilverDecisions(strip(load('fliptest_pass.json')), { treeIndex: 1 });
    expect(r.ok && r.value.notes[0]).toContain('2 trees');
  });

  it('imports code it cannot evaluate and lets validation name it', () => {
    const r = importSilverDecisions(strip(load('rockefellerWithParams.json')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const problems = validate(r.value.nodes, r.value.inputs, r.value.settings);
    expect(problems.some((p) => p.code === 'parameter-invalid' && p.message.includes('random'))).toBe(true);
  });

  it.each([
    ['not json', '{', 'not-json'],
    ['not SilverDecisions', '{"a":1}', 'not-silverdecisions'],
    ['no tree', '{"data":{"trees":[]}}', 'no-tree'],
    ['a bad node', '{"data":{"trees":[{"type":"decision","childEdges":[{"childNode":{"type":"wizard","childEdges":[]}}]}]}}', 'bad-node'],
    ['a terminal with branches', '{"data":{"trees":[{"type":"terminal","childEdges":[{"childNode":{"type":"terminal","childEdges":[]}}]}]}}', 'bad-node'],
    ['an unknown rule', '{"rule":"astrology","data":{"trees":[{"type":"terminal","childEdges":[]}]}}', 'unknown-rule'],
    ['a function in code', '{"data":{"code":"f(x) = x^2","trees":[{"type":"terminal","childEdges":[]}]}}', 'bad-code'],
    ['a reserved name', '{"data":{"code":"constructor = 1","trees":[{"type":"terminal","childEdges":[]}]}}', 'bad-name'],
    ['__proto__ as a rule', '{"rule":"__proto__","data":{"trees":[{"type":"terminal","childEdges":[]}]}}', 'unknown-rule'],
    ['a probability object', '{"data":{"trees":[{"type":"chance","childEdges":[{"probability":{"a":1},"childNode":{"type":"terminal","childEdges":[]}}]}]}}', 'bad-node'],
    ['three criteria', '{"data":{"trees":[{"type":"decision","childEdges":[{"payoff":[1,2,3],"childNode":{"type":"terminal","childEdges":[]}}]}]}}', 'too-many-criteria'],
  ])('refuses %s with a message, without throwing', (_what, text, code) => {
    const r = importSilverDecisionsText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe(code);
      expect(r.message).toMatch(/^This SilverDecisions file cannot be imported: /);
    }
  });

  it('never throws, whatever the JSON', () => {
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
    const node = fc.letrec((tie) => ({
      node: fc
        .record(
          {
            type: mostly(fc.constantFrom('decision', 'chance', 'terminal'), fc.constantFrom('other', 1)),
            name: mostly(fc.string(), fc.integer()),
            code: mostly(fc.constantFrom('', 'x = 1', 'y = x * 2'), fc.oneof(fc.string(), fc.constant('toString = 2'))),
            childEdges: fc.array(tie('edge'), { maxLength: 3, depthIdentifier: 'tree' }),
          },
          { requiredKeys: ['type', 'childEdges'] },
        )
        .map((n) => (n.type === 'terminal' ? { ...n, childEdges: [] } : n)),
      edge: fc.record(
        {
          name: fc.string(),
          probability: mostly(fc.oneof(fc.constantFrom('#', '0.5', '1/3', 'x'), fc.double()), fc.object()),
          payoff: mostly(fc.oneof(fc.string(), fc.double(), fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 2 })), fc.array(fc.integer(), { minLength: 3, maxLength: 4 })),
          childNode: tie('node'),
        },
        { requiredKeys: [] },
      ),
    })).node;
    let imported = 0;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ rule: mostly(fc.constantFrom(...Object.keys(SD_RULES)), fc.string()), data: fc.record({ code: mostly(fc.constantFrom('', 'x = 0.5'), fc.string()), trees: fc.array(node, { maxLength: 2 }) }) })), (json) => {
        const r = importSilverDecisions(json);
        if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
        else {
          imported++;
          // What it gives is a valid scenario node list and valid analysis data.
          for (const n of r.value.nodes) expect(nodeSchema.safeParse(n).success).toBe(true);
          expect(analysisInputsSchema(z).safeParse(r.value.inputs).success).toBe(true);
          expect(analysisSettingsSchema(z).safeParse(r.value.settings).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(imported).toBeGreaterThan(20);
  });

  it('never changes the file it reads', () => {
    const json = strip(load('payoffrules_pass.json'));
    const before = JSON.stringify(json);
    const freeze = (v: unknown): void => {
      if (v && typeof v === 'object') {
        Object.freeze(v);
        Object.values(v).forEach(freeze);
      }
    };
    freeze(json);
    expect(importSilverDecisions(json).ok).toBe(true);
    expect(JSON.stringify(json)).toBe(before);
  });

  it('refuses a node code that defines a function', () => {
    const r = importSilverDecisions(strip(load('payofftransform_pass.json')), { treeIndex: 1 });
    expect(!r.ok && r.refusal.code).toBe('bad-code');
  });

  it('refuses a tree deeper than the limit without recursion', () => {
    let node: Record<string, unknown> = { type: 'terminal', childEdges: [] };
    for (let i = 0; i < 10_050; i++) node = { type: 'decision', childEdges: [{ name: 'x', childNode: node }] };
    const r = importSilverDecisions({ data: { trees: [node] } });
    expect(!r.ok && r.refusal.code).toBe('too-deep');
  });
});
