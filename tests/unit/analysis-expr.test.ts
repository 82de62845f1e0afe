import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, evaluate, parsePlainNumber, variablesOf } from '@/lib/analysis/expr';
import { resolveParameters } from '@/lib/analysis/params';
import { exprErrorText, problemText } from '@/lib/messages/analysis';
import type { Parameter } from '@/lib/analysis/model';

const vars = (o: Record<string, number>) => new Map(Object.entries(o));
const val = (src: string, o: Record<string, number> = {}) => {
  const r = evaluate(src, vars(o));
  return r.ok ? r.value : r.error.code;
};

describe('expressions', () => {
  it('evaluates numbers, percentages and arithmetic', () => {
    expect(val('0.3')).toBe(0.3);
    expect(val('30%')).toBeCloseTo(0.3, 15);
    expect(val('.3')).toBe(0.3);
    expect(val('1e3')).toBe(1000);
    expect(val('2 ^ 3 + 1')).toBe(9);
    expect(val('7 % 4')).toBe(3);
    expect(val('7%4')).toBe(3);
    expect(val('7 % (4)')).toBe(3);
    expect(val('30 % + 0.1')).toBeCloseTo(0.4, 15);
    expect(val('(20% + 5%) * 2')).toBeCloseTo(0.5, 15);
    expect(val('x % 4', { x: 7 })).toBe(3);
    expect(val('50% * x', { x: 10 })).toBe(5);
    expect(val('(1 - p) * 100', { p: 0.25 })).toBe(75);
    expect(val('max(a, b) - min(a, b)', { a: 2, b: 7 })).toBe(5);
    expect(val('abs(-3) + sqrt(16) + round(2.4)')).toBe(9);
    expect(val('log(exp(2))')).toBeCloseTo(2, 12);
    expect(val('x > 1 ? 10 : 20', { x: 2 })).toBe(10);
    expect(val('x >= 3', { x: 2 })).toBe(0);
    expect(val('-x', { x: 2 })).toBe(-2);
  });

  it('lists the variables an expression reads', () => {
    const r = variablesOf('a * b + max(a, 2)');
    expect(r.ok && [...r.value].sort()).toEqual(['a', 'b']);
  });

  it('caches compiled expressions', () => {
    expect(compile('a + 1')).toBe(compile('a + 1'));
  });

  it.each([
    ["constructor.constructor('return process')()", 'bad-character'],
    ['__proto__', 'unknown-name'],
    ['constructor', 'unknown-name'],
    ['toString', 'unknown-name'],
    ['hasOwnProperty', 'unknown-name'],
    ['x=1', 'bad-character'],
    ['a.b', 'bad-character'],
    ['f(x)=x', 'bad-character'],
    ['"a"', 'bad-character'],
    ["'a'", 'bad-character'],
    ['[1,2]', 'bad-character'],
    ['x; y', 'bad-character'],
    ['f(2)', 'not-a-function'],
    ['toString()', 'not-a-function'],
    ['max', 'function-as-value'],
    ['random()', 'not-a-function'],
    ['x or y', 'syntax'],
    ['1 +', 'syntax'],
    ['1 / 0', 'not-finite'],
    ['sqrt(-1)', 'not-finite'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['1+'.repeat(300) + '1', 'too-long'],
    ['x', 'unknown-name'],
  ])('refuses %s without throwing', (src, code) => {
    const r = evaluate(src, vars({ a: 1, y: 2 }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.expression).toBe(src);
      expect(exprErrorText(r.error).length).toBeGreaterThan(0);
    }
  });

  it('names the expression in the message', () => {
    const r = evaluate('1 + zz', vars({}));
    expect(!r.ok && exprErrorText(r.error)).toContain('1 + zz');
  });

  it('never throws and never reaches Object.prototype, whatever the text', () => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...names).map((n) => `${n} + 1`), fc.constantFrom(...names)),
        (src) => {
          const r = evaluate(src, vars({ a: 1 }));
          if (r.ok) expect(typeof r.value).toBe('number');
          return true;
        },
      ),
      { numRuns: 2000 },
    );
    for (const n of names) {
      const r = evaluate(n, vars({ a: 1 }));
      expect(r.ok).toBe(false);
    }
  });

  it('reads plain numbers without the parser', () => {
    expect(parsePlainNumber(' 12.5 ')).toBe(12.5);
    expect(parsePlainNumber('25%')).toBe(0.25);
    expect(parsePlainNumber('a')).toBeNull();
    expect(parsePlainNumber('1e999')).toBeNull();
  });
});

const P = (id: string, value: string): Parameter => ({ id, name: id, value });

describe('parameters', () => {
  it('resolves base and derived values in dependency order', () => {
    const r = resolveParameters([P('c', 'a + b'), P('b', '2 * a'), P('a', '3')]);
    expect(r.problems).toEqual([]);
    expect(Object.fromEntries(r.values)).toEqual({ a: 3, b: 6, c: 9 });
    expect([...r.derived].sort()).toEqual(['b', 'c']);
  });

  it('recomputes derived parameters after an override', () => {
    const r = resolveParameters([P('p', '0.5'), P('q', '1 - p')], { p: 0.2 });
    expect(r.values.get('q')).toBeCloseTo(0.8, 15);
    const m = resolveParameters([P('p', '0.5'), P('q', '1 - p')], new Map([['q', 0.1]]));
    expect(m.values.get('q')).toBe(0.1);
  });

  it('ignores inherited override keys', () => {
    const r = resolveParameters([P('p', '0.5')], Object.create({ p: 9 }) as Record<string, number>);
    expect(r.values.get('p')).toBe(0.5);
  });

  it('names the parameters of a cycle', () => {
    const r = resolveParameters([P('a', 'b + 1'), P('b', 'a + 1'), P('c', 'a * 2'), P('d', '1')]);
    const cycle = r.problems.find((p) => p.code === 'parameter-cycle');
    expect(cycle && cycle.code === 'parameter-cycle' && cycle.parameters).toEqual(['a', 'b']);
    expect(problemText(cycle!)).toContain('“a”, “b”');
    expect(r.values.get('d')).toBe(1);
    expect(r.values.has('c')).toBe(false);
    expect(r.problems.some((p) => p.code === 'parameter-invalid' && p.parameter === 'c')).toBe(true);
  });

  it('reports unknown names and failures', () => {
    const r = resolveParameters([P('a', 'zz + 1'), P('b', 'a * 2')]);
    expect(r.problems.map((p) => p.code === 'parameter-invalid' && p.error.code)).toEqual(['unknown-name', 'missing-value']);
  });
});
