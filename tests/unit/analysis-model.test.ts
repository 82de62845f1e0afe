import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  ANALYSIS_LIMITS,
  analysisInputsSchema,
  analysisSettingsSchema,
  emptyAnalysis,
  isParameterId,
  type AnalysisSettings,
} from '@/lib/analysis/model';

const settings: AnalysisSettings = {
  criteria: [
    { id: 'lives', name: 'Lives saved', unit: 'people', better: 'higher', weight: 2 },
    { id: 'cost', name: 'Cost', unit: '$m', better: 'lower', weight: 1 },
  ],
  parameters: [
    { id: 'p_act', name: 'Taliban act against the TTP', value: '35%', low: 0.1, high: 0.6, distribution: { kind: 'beta', alpha: 3.5, beta: 6.5 }, assumptionId: 'taliban-act' },
    { id: 'cost_total', name: 'Total cost', value: 'p_act * 100', distribution: { kind: 'pert', min: 10, mode: 35, max: 90 } },
  ],
  rule: 'max-ev',
};

describe('analysis model schemas', () => {
  it('accepts settings and inputs and round-trips them', () => {
    const s = analysisSettingsSchema(z).parse(JSON.parse(JSON.stringify(settings)));
    expect(s).toEqual(settings);
    expect(analysisSettingsSchema(z).parse(emptyAnalysis())).toEqual(emptyAnalysis());
    const inputs = { 'kunar-strike': { probability: '#', consequences: { lives: '10 * p_act', cost: '3' } } };
    expect(analysisInputsSchema(z).parse(inputs)).toEqual(inputs);
  });

  it.each([
    ['a reserved parameter id', { parameters: [{ id: 'constructor', name: '', value: '1' }] }],
    ['an Object.prototype name', { parameters: [{ id: 'toString', name: '', value: '1' }] }],
    ['a function name', { parameters: [{ id: 'max', name: '', value: '1' }] }],
    ['a parameter id with a dot', { parameters: [{ id: 'a.b', name: '', value: '1' }] }],
    ['duplicate parameter ids', { parameters: [{ id: 'a', name: '', value: '1' }, { id: 'a', name: '', value: '2' }] }],
    ['low above high', { parameters: [{ id: 'a', name: '', value: '1', low: 2, high: 1 }] }],
    ['an empty value', { parameters: [{ id: 'a', name: '', value: ' ' }] }],
    ['a too long expression', { parameters: [{ id: 'a', name: '', value: '1'.repeat(ANALYSIS_LIMITS.maxExpressionLength + 1) }] }],
    ['a triangular distribution out of order', { parameters: [{ id: 'a', name: '', value: '1', distribution: { kind: 'triangular', min: 3, mode: 1, max: 5 } }] }],
    ['a normal with sd 0', { parameters: [{ id: 'a', name: '', value: '1', distribution: { kind: 'normal', mean: 1, sd: 0 } }] }],
    ['an unknown distribution', { parameters: [{ id: 'a', name: '', value: '1', distribution: { kind: 'cauchy' } }] }],
    ['a criterion id that is not a slug', { criteria: [{ id: 'Cost!', name: 'c', unit: '', better: 'lower', weight: 1 }] }],
    ['a criterion id "prototype"', { criteria: [{ id: 'prototype', name: 'c', unit: '', better: 'lower', weight: 1 }] }],
    ['a negative weight', { criteria: [{ id: 'c', name: 'c', unit: '', better: 'lower', weight: -1 }] }],
    ['an unknown rule', { rule: 'hurwicz' }],
    ['an extra field', { extra: 1 }],
    ['too many criteria', { criteria: Array.from({ length: ANALYSIS_LIMITS.maxCriteria + 1 }, (_, i) => ({ id: `c${i}`, name: 'c', unit: '', better: 'higher', weight: 1 })) }],
  ])('refuses %s', (_what, patch) => {
    expect(analysisSettingsSchema(z).safeParse({ ...emptyAnalysis(), ...patch }).success).toBe(false);
  });

  it('refuses unsafe keys in inputs and consequences', () => {
    expect(analysisInputsSchema(z).safeParse({ constructor: { consequences: {} } }).success).toBe(false);
    expect(analysisInputsSchema(z).safeParse({ a: { consequences: { prototype: '1' } } }).success).toBe(false);
    expect(analysisInputsSchema(z).safeParse({ a: { consequences: {}, extra: 1 } }).success).toBe(false);
    // A "__proto__" key from JSON never becomes an entry.
    const parsed = analysisInputsSchema(z).safeParse(JSON.parse('{"__proto__": {"consequences": {}}}'));
    expect(parsed.success && Object.keys(parsed.data)).toEqual([]);
  });

  it('knows which names can be parameters', () => {
    expect(['p', 'p_act', '_x', 'A1'].every(isParameterId)).toBe(true);
    expect(['1a', 'a-b', '', 'valueOf', '__proto__', 'PI', 'and', 'sqrt'].some(isParameterId)).toBe(false);
  });
});
