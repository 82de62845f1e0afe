import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod';
import {
  addCriterion,
  addParameter,
  analysisOf,
  canonicalAnalysis,
  editParameter,
  emptyAnalysisDoc,
  isEmptyAnalysis,
  pruneAnalysis,
  removeCriterion,
  restoreAnalysis,
  setConsequence,
  setProbability,
  setRule,
  type AnalysisDoc,
} from '@/lib/analysis/document';
import { blankDocument, addChild } from '@/lib/doc/ops';
import { createAppStore } from '@/lib/store/store';
import { restoreDocument } from '@/lib/io/restore';
import { canonicalDocument } from '@/lib/io/snapshot';
import type { WorkDocument } from '@/lib/doc/types';

/** A decision with two options, the second leading to a chance fork with two outcomes. */
function sampleDoc(): WorkDocument {
  let d = blankDocument('t', 'Invest?');
  const add = (parent: string, kind: 'option' | 'chance' | 'outcome', title: string) => {
    d = addChild(d, parent, kind, title).doc;
  };
  add('decision', 'option', 'Invest');
  add('decision', 'option', 'Hold');
  add('invest', 'chance', 'Market');
  add('market', 'outcome', 'Up');
  add('market', 'outcome', 'Down');
  return d;
}

function sampleAnalysis(): AnalysisDoc {
  let a = addCriterion(emptyAnalysisDoc(), { name: 'Profit', unit: '£', better: 'higher', weight: 1 }).analysis;
  a = addParameter(a, { name: 'p up', value: '0.6', low: 0.4, high: 0.8 }).analysis;
  a = setProbability(a, 'up', 'p_up');
  a = setProbability(a, 'down', '#');
  a = setConsequence(a, 'up', 'profit', '100');
  a = setConsequence(a, 'down', 'profit', '-50');
  return a;
}

describe('analysis layer: changes', () => {
  it('adds a criterion with a slug id and a parameter with an identifier id, unique', () => {
    const a1 = addCriterion(emptyAnalysisDoc(), { name: 'Lives saved', unit: '', better: 'higher', weight: 1 });
    expect(a1.id).toBe('lives-saved');
    const a2 = addCriterion(a1.analysis, { name: 'Lives saved', unit: '', better: 'higher', weight: 1 });
    expect(a2.id).toBe('lives-saved-2');
    const p1 = addParameter(emptyAnalysisDoc(), { name: 'p (act)', value: '0.3' });
    expect(p1.id).toBe('p_act');
    const p2 = addParameter(p1.analysis, { name: 'p (act)', value: '0.3' });
    expect(p2.id).toBe('p_act_2');
  });

  it('sets and clears probabilities and consequences; a branch with nothing left has no entry', () => {
    let a = sampleAnalysis();
    expect(a.inputs.up).toEqual({ probability: 'p_up', consequences: { profit: '100' } });
    a = setProbability(a, 'up', '');
    expect(a.inputs.up).toEqual({ consequences: { profit: '100' } });
    a = setConsequence(a, 'up', 'profit', '  ');
    expect(Object.prototype.hasOwnProperty.call(a.inputs, 'up')).toBe(false);
  });

  it('removing a criterion removes every consequence recorded for it', () => {
    const a = removeCriterion(sampleAnalysis(), 'profit');
    expect(a.settings.criteria).toEqual([]);
    expect(a.inputs.up).toEqual({ probability: 'p_up', consequences: {} });
    expect(Object.prototype.hasOwnProperty.call(a.inputs, 'down')).toBe(true);
  });

  it('pruning drops the numbers of branches that are gone and links to assumptions that are gone, keeping the parameter', () => {
    let a = sampleAnalysis();
    a = editParameter(a, 'p_up', { assumptionId: 'markets-rise' });
    const d = sampleDoc();
    const without = { ...d.scenario, nodes: d.scenario.nodes.filter((n) => n.id !== 'up') };
    const p = pruneAnalysis(a, without);
    expect(Object.keys(p.inputs).sort()).toEqual(['down']);
    expect(p.settings.parameters).toEqual([{ id: 'p_up', name: 'p up', value: '0.6', low: 0.4, high: 0.8 }]);
    // Nothing stale: the same object back.
    const q = pruneAnalysis(p, without);
    expect(q).toBe(p);
  });

  it('an empty layer is recognised as such, and a document without one reads as empty', () => {
    expect(isEmptyAnalysis(emptyAnalysisDoc())).toBe(true);
    expect(isEmptyAnalysis(setRule(emptyAnalysisDoc(), 'maximin'))).toBe(false);
    expect(isEmptyAnalysis(analysisOf(sampleDoc()))).toBe(true);
  });
});

describe('analysis layer: read from outside', () => {
  const scenario = sampleDoc().scenario;

  it('a valid layer is read unchanged, with no repairs', () => {
    const a = sampleAnalysis();
    const r = restoreAnalysis(z, JSON.parse(JSON.stringify(canonicalAnalysis(a))), scenario);
    expect(r.repairs).toEqual([]);
    expect(r.analysis).toEqual(a);
  });

  it('drops each bad item and says why, keeping the rest', () => {
    const raw = {
      settings: {
        criteria: [
          { id: 'profit', name: 'Profit', unit: '£', better: 'higher', weight: 1 },
          { id: 'Bad Id', name: 'x', unit: '', better: 'higher', weight: 1 },
          { id: 'profit', name: 'Again', unit: '', better: 'lower', weight: 1 },
        ],
        parameters: [{ id: 'constructor', name: 'evil', value: '1' }, { id: 'p_up', name: 'p', value: '0.6' }],
        rule: 'max-fun',
      },
      inputs: { up: { probability: 'p_up', consequences: { profit: '100' } }, gone: { consequences: {} }, down: { probability: 7 } },
    };
    const r = restoreAnalysis(z, raw, scenario);
    expect(r.analysis.settings.criteria.map((c) => c.name)).toEqual(['Profit']);
    expect(r.analysis.settings.parameters.map((p) => p.id)).toEqual(['p_up']);
    expect(r.analysis.settings.rule).toBe('max-ev');
    expect(Object.keys(r.analysis.inputs)).toEqual(['up']);
    const codes = r.repairs.map((x) => (x.code === 'analysis-item-dropped' ? `${x.code}:${x.what}:${x.key}` : x.code));
    expect(codes).toEqual([
      'analysis-rule-reset',
      'analysis-item-dropped:criterion:Bad Id',
      'analysis-item-dropped:criterion:profit',
      'analysis-item-dropped:parameter:constructor',
      'analysis-item-dropped:inputs:down',
      'analysis-inputs-orphaned',
    ]);
  });

  it('a prototype key among the inputs never reaches Object.prototype', () => {
    const raw = JSON.parse('{"settings":{"criteria":[],"parameters":[],"rule":"max-ev"},"inputs":{"__proto__":{"consequences":{"x":"1"}}}}');
    const r = restoreAnalysis(z, raw, scenario);
    expect(Object.keys(r.analysis.inputs)).toEqual([]);
    expect(({} as Record<string, unknown>).consequences).toBeUndefined();
  });

  it('round-trips every valid layer through the canonical export (property)', () => {
    const nodeIds = scenario.nodes.map((n) => n.id);
    const expr = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom('#', '30%', 'p_a * 2', '0.25'));
    const layer = fc
      .record({
        rule: fc.constantFrom('max-ev', 'min-ev', 'maximin', 'maximax', 'minimin', 'minimax' as const),
        criteria: fc.uniqueArray(fc.constantFrom('cost', 'lives', 'time'), { maxLength: 3 }),
        inputs: fc.dictionary(fc.constantFrom(...nodeIds), fc.record({ probability: fc.option(expr, { nil: undefined }), c: expr }), { maxKeys: 5 }),
        low: fc.option(fc.integer({ min: -10, max: 0 }), { nil: undefined }),
      })
      .map(({ rule, criteria, inputs, low }) => {
        let a = setRule(emptyAnalysisDoc(), rule);
        for (const c of criteria) a = addCriterion(a, { id: c, name: c, unit: '', better: 'higher', weight: 1 }).analysis;
        a = addParameter(a, { id: 'p_a', name: 'a', value: '0.5', ...(low === undefined ? {} : { low }) }).analysis;
        for (const [id, v] of Object.entries(inputs)) {
          if (v.probability !== undefined) a = setProbability(a, id, v.probability);
          if (criteria[0]) a = setConsequence(a, id, criteria[0], v.c);
        }
        return a;
      });
    fc.assert(
      fc.property(layer, (a) => {
        const r = restoreAnalysis(z, JSON.parse(JSON.stringify(canonicalAnalysis(a))), scenario);
        expect(r.repairs).toEqual([]);
        expect(canonicalAnalysis(r.analysis)).toEqual(canonicalAnalysis(a));
      }),
      { numRuns: 200 },
    );
  });

  it('a document round-trips with its analysis through the canonical document and restore; without one, none appears', () => {
    const d: WorkDocument = { ...sampleDoc(), analysis: sampleAnalysis() };
    const back = restoreDocument(JSON.parse(JSON.stringify(canonicalDocument(d))));
    expect(back.ok && back.document.analysis).toEqual(d.analysis);
    const plain = sampleDoc();
    expect(Object.keys(canonicalDocument(plain))).toEqual(['scenario', 'annotations', 'shippedFrom']);
    const back2 = restoreDocument(JSON.parse(JSON.stringify(canonicalDocument(plain))));
    expect(back2.ok && 'analysis' in back2.document).toBe(false);
  });
});

describe('analysis layer: in the store', () => {
  it('is changed as one undo step, pruned with a deleted branch, and restored by undo', () => {
    const s = createAppStore({ docId: 't', document: sampleDoc(), now: () => 1 });
    s.getState().editAnalysis('Set numbers', () => sampleAnalysis());
    expect(analysisOf(s.getState().document).inputs.up?.consequences.profit).toBe('100');
    s.getState().deleteSubtree('up');
    expect(Object.keys(analysisOf(s.getState().document).inputs)).toEqual(['down']);
    s.getState().undo();
    expect(analysisOf(s.getState().document).inputs.up?.consequences.profit).toBe('100');
    s.getState().undo();
    expect(s.getState().document.analysis).toBeUndefined();
  });
});
