import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shippedScenarios } from '@/lib/scenarios';
import { shippedWorkDocument } from '@/lib/persist/controller-ids';
import { diffDocuments, groupDiff } from '@/lib/io/diff';
import { describeDiffItem, DIFF_HEADING } from '@/lib/messages/diff';
import { buildBriefMarkdown } from '@/lib/io/brief';
import { briefAnalysis } from '@/lib/io/brief-analysis';
import { chartSvgMarkup } from '@/lib/analysis/charts';
import { addCriterion, addParameter, canonicalAnalysis, editParameter, emptyAnalysisDoc, removeCriterion, setConsequence, setProbability, setRule } from '@/lib/analysis/document';
import type { WorkDocument } from '@/lib/doc/types';

const example = (): WorkDocument => shippedWorkDocument(shippedScenarios().find((s) => s.id === 'texaco-pennzoil')!);
const article = (): WorkDocument => shippedWorkDocument(shippedScenarios()[0]!);
const withAnalysis = (d: WorkDocument, f: (a: NonNullable<WorkDocument['analysis']>) => NonNullable<WorkDocument['analysis']>): WorkDocument => ({ ...d, analysis: f(d.analysis!) });

describe('the diff compares the analysis layer', () => {
  it('finds nothing between a document and itself', () => {
    const d = example();
    expect(diffDocuments(d, example()).items).toEqual([]);
  });

  it('names the rule, criteria, parameters and branch numbers changed, with before and after', () => {
    const a = example();
    let b = withAnalysis(a, (x) => setRule(x, 'maximin'));
    b = withAnalysis(b, (x) => editParameter(x, 'p_court_high', { value: '0.25', high: 0.5 }));
    b = withAnalysis(b, (x) => setProbability(x, 'texaco-accepts', '0.2'));
    b = withAnalysis(b, (x) => setConsequence(x, 'accept-3bn', 'payoff', '3.5'));
    b = withAnalysis(b, (x) => addCriterion(x, { name: 'Time in court', unit: 'years', better: 'lower', weight: 0 }).analysis);
    const d = diffDocuments(a, b);
    const items = d.items.filter((i) => i.category === 'analysis');
    expect(items.map((i) => [i.part, i.id, i.change, i.field ?? null, i.beforeText ?? null, i.afterText ?? null])).toEqual([
      ['rule', 'rule', 'changed', 'rule', 'Maximise expected value', 'Maximin (best worst case)'],
      ['criterion', 'time-in-court', 'added', null, null, null],
      ['parameter', 'p_court_high', 'changed', 'value', '0.2', '0.25'],
      ['parameter', 'p_court_high', 'changed', 'high', '0.4', '0.5'],
      ['branch', 'accept-3bn', 'changed', 'consequence', 'offer_3bn', '3.5'],
      ['branch', 'texaco-accepts', 'changed', 'probability', 'p_texaco_accepts', '0.2'],
    ]);
    expect(items.every((i) => i.layer === 'annotation')).toBe(true);
    // The branches whose numbers changed are marked on the tree.
    expect(d.nodeChanges.get('texaco-accepts')).toBe('changed');
    expect(d.nodeChanges.get('accept-3bn')).toBe('changed');
    expect(d.nodeChanges.has('texaco-refuses')).toBe(false);
    const lines = items.map(describeDiffItem);
    expect(lines).toContain('Decision rule: Maximise expected value → Maximin (best worst case)');
    expect(lines).toContain('Numbers on “Accept $3 billion”: consequence for “Payoff to Pennzoil” offer_3bn → 3.5');
    expect(lines).toContain('Criterion “Time in court” added');
    expect(groupDiff(d).map((g) => g.category)).toEqual(['analysis']);
    expect(DIFF_HEADING.analysis).toMatch(/^Decision analysis/);
  });

  it('a whole layer added or removed shows its criteria and every branch number', () => {
    const a = article();
    const b = example();
    const removed = diffDocuments({ ...b, analysis: undefined }, b).items.filter((i) => i.category === 'analysis');
    expect(removed.filter((i) => i.part === 'criterion').map((i) => i.change)).toEqual(['added']);
    expect(removed.filter((i) => i.part === 'parameter').length).toBe(7);
    expect(removed.filter((i) => i.part === 'branch' && i.field === 'probability').length).toBe(9);
    const gone = diffDocuments(b, withAnalysis(b, (x) => removeCriterion(x, 'payoff'))).items.filter((i) => i.part === 'criterion');
    expect(gone.map((i) => [i.id, i.change])).toEqual([['payoff', 'removed']]);
    expect(diffDocuments(a, article()).items).toEqual([]);
  });
});

describe('the analysis diff (property)', () => {
  const doc = example();
  const nodeIds = doc.scenario.nodes.map((n) => n.id);
  const expr = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.constantFrom('#', '30%', 'p_a * 2', '0.25'));
  const spec = fc
    .record({
      rule: fc.constantFrom('max-ev', 'min-ev', 'maximin', 'maximax', 'minimin', 'minimax' as const),
      criteria: fc.subarray(['cost', 'lives', 'time']),
      weight: fc.constantFrom(1, 2),
      params: fc.subarray(['p_a', 'p_b']),
      value: fc.constantFrom('0.5', '0.6'),
      high: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
      inputs: fc.dictionary(fc.constantFrom(...nodeIds), fc.record({ probability: fc.option(expr, { nil: undefined }), c: fc.option(expr, { nil: undefined }) }), { maxKeys: 6 }),
    });
  type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;
  const build = ({ rule, criteria, weight, params, value, high, inputs }: Spec) => {
      let a = setRule(emptyAnalysisDoc(), rule);
      for (const c of criteria) a = addCriterion(a, { id: c, name: c, unit: '', better: 'higher', weight }).analysis;
      for (const p of params) a = addParameter(a, { id: p, name: p, value, ...(high === undefined ? {} : { high }) }).analysis;
      for (const [id, v] of Object.entries(inputs)) {
        if (v.probability !== undefined) a = setProbability(a, id, v.probability);
        if (criteria[0] && v.c !== undefined) a = setConsequence(a, id, criteria[0], v.c);
      }
      return a;
    };
  /** Two layers that differ in a few of their parts (often one, sometimes none). */
  const pair = fc.tuple(spec, spec, fc.subarray(['rule', 'criteria', 'weight', 'params', 'value', 'high', 'inputs'] as const, { maxLength: 2 })).map(([x, y, take]) => {
    const z: Spec = { ...x };
    for (const k of take) (z as Record<string, unknown>)[k] = y[k];
    return [build(x), build(z)] as const;
  });

  it('finds a change exactly when the exported layers differ, and only branches it lists are marked', () => {
    fc.assert(
      fc.property(pair, ([x, y]) => {
        const d = diffDocuments({ ...doc, analysis: x }, { ...doc, analysis: y });
        const items = d.items.filter((i) => i.category === 'analysis');
        expect(items.length === 0).toBe(JSON.stringify(canonicalAnalysis(x)) === JSON.stringify(canonicalAnalysis(y)));
        const branches = new Set(items.filter((i) => i.part === 'branch').map((i) => i.id));
        expect(new Set(d.nodeChanges.keys())).toEqual(branches);
        for (const i of items) if (i.change === 'changed') expect(i.beforeText).not.toBe(i.afterText);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the brief includes the analysis', () => {
  it('says the rule, the value, the best policy, the parameters and the charts', () => {
    const md = buildBriefMarkdown(example());
    const section = md.slice(md.indexOf('## Decision analysis'), md.indexOf('## The decision:'));
    for (const line of [
      'Decision rule: Maximise expected value.',
      '**Value of the decision: 4.635 $ billion**',
      'Best option: **Counteroffer $5 billion**',
      '- at “Accept Texaco’s $2 billion offer, or counteroffer $5 billion?”: Counteroffer $5 billion',
      '- at “Texaco counteroffers $3 billion”: Refuse $3 billion',
      '### Tornado',
      '### Risk profile of the best policy',
    ])
      expect(section).toContain(line);
    expect(section).toMatch(/- 10\\?\.3 — Probability: 16\\?\.6%/);
    // Its place: after the question, before the decision.
    expect(md.indexOf('## The question')).toBeLessThan(md.indexOf('## Decision analysis'));
  });

  it('lists the problems when nothing can be computed', () => {
    const broken = withAnalysis(example(), (x) => setProbability(x, 'texaco-accepts', '1.7'));
    const b = briefAnalysis(broken)!;
    expect(b.charts).toEqual([]);
    expect(b.lines.join('\n')).toContain('Nothing is computed yet');
    expect(b.lines.join('\n')).toContain('Texaco');
  });

  it('leaves the analysis out of a document without one (the article)', () => {
    expect(briefAnalysis(article())).toBeNull();
    expect(buildBriefMarkdown(article())).not.toContain('## Decision analysis');
  });

  it('escapes user text in the section and in the chart SVG', () => {
    const hostile = withAnalysis(example(), (x) => editParameter(x, 'p_court_high', { name: '<img src=x onerror=alert(1)> *bold*' }));
    const b = briefAnalysis(hostile)!;
    const text = b.lines.join('\n');
    // Markdown-escaped: every "<" and "*" of the name is preceded by a backslash.
    expect(text).not.toMatch(/(^|[^\\])<img/m);
    expect(text).toContain('\\<img');
    expect(text).toContain('\\*bold\\*');
    const svg = chartSvgMarkup(b.charts[0]!);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img');
  });
});
