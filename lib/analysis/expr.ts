/**
 * Expressions for probabilities, consequences and derived parameters, through
 * expr-eval-fork (the security fork of expr-eval) with three fences:
 *
 * 1. Our own tokenizer admits only numbers (a trailing "%" on a literal, as in
 *    "30%", means /100), names, + - * / ^ %, comparisons, ? :, parentheses and
 *    commas. Strings, brackets, ".", "=", ";" and every other character are
 *    refused, and the text handed to expr-eval is rebuilt from those tokens.
 * 2. The parser's tables are replaced by null-prototype objects holding only
 *    the allowed operators and functions (min, max, abs, sqrt, exp, log, round),
 *    with member access, assignment and function definition switched off.
 * 3. The parsed instructions are walked: only numbers, operators, calls of the
 *    allowed functions and variables are accepted.
 *
 * Variables are the parameters given at evaluation, passed to expr-eval as a
 * null-prototype object holding numbers only, so nothing of Object.prototype
 * is reachable. Only `Parser#parse(...).evaluate(vars)` is used, never
 * `toJSFunction` (which builds a `new Function`).
 *
 * A comparison gives 1 (true) or 0 (false). Every failure is a value
 * ({ ok: false, error }) naming the expression; no function here throws.
 */
import { Parser, type Expression } from 'expr-eval-fork';
import { ANALYSIS_LIMITS } from './model';

export type ExprErrorCode =
  | 'empty'
  | 'too-long'
  | 'bad-character'
  | 'syntax'
  | 'unknown-name'
  | 'not-a-function'
  | 'function-as-value'
  | 'not-number'
  | 'not-finite'
  | 'missing-value'
  | 'failed';

export interface ExprError {
  code: ExprErrorCode;
  /** The expression as written. */
  expression: string;
  /** The offending character, name or the parser's remark. */
  detail?: string;
  limit?: number;
}

export type Result<T, E = ExprError> = { ok: true; value: T } | { ok: false; error: E };

export interface Compiled {
  source: string;
  /** The names the expression reads (parameters), without duplicates. */
  variables: readonly string[];
  /** A plain number (or percentage): evaluation needs no parser. */
  constant: number | null;
  expr: Expression | null;
}

/** The functions an expression may call. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(['min', 'max', 'abs', 'sqrt', 'exp', 'log', 'round']);
const UNARY_FUNCTIONS = ['abs', 'sqrt', 'exp', 'log', 'round'] as const;
const BINARY_OPS = ['+', '-', '*', '/', '%', '^', '==', '!=', '<', '>', '<=', '>='] as const;
const ALLOWED_OPS: ReadonlySet<string> = new Set<string>([...BINARY_OPS, '?', ':', '(', ')', ',']);

const nullObject = <T>(entries: Iterable<[string, T]>): Record<string, T> =>
  Object.assign(Object.create(null) as Record<string, T>, Object.fromEntries(entries));

/** One restricted parser for the whole app. */
const parser: Parser = (() => {
  const p = new Parser({
    allowMemberAccess: false,
    operators: {
      assignment: false, fndef: false, concatenate: false, logical: false, in: false, factorial: false,
      random: false, length: false, conditional: true, comparison: true,
    },
  });
  const unary = p.unaryOps as Record<string, unknown>;
  const fns = p.functions as Record<string, unknown>;
  const binary = (p as unknown as { binaryOps: Record<string, unknown> }).binaryOps;
  const ternary = (p as unknown as { ternaryOps: Record<string, unknown> }).ternaryOps;
  p.unaryOps = nullObject([['-', unary['-']], ['+', unary['+']], ...UNARY_FUNCTIONS.map((f): [string, unknown] => [f, unary[f]])]);
  p.functions = nullObject([['min', fns.min], ['max', fns.max]]);
  p.consts = nullObject<number>([]);
  (p as unknown as { binaryOps: Record<string, unknown> }).binaryOps = nullObject(BINARY_OPS.map((o): [string, unknown] => [o, binary[o]]));
  (p as unknown as { ternaryOps: Record<string, unknown> }).ternaryOps = nullObject([['?', ternary['?']]]);
  return p;
})();

const err = (code: ExprErrorCode, expression: string, detail?: string, limit?: number): { ok: false; error: ExprError } => ({
  ok: false,
  error: { code, expression, ...(detail !== undefined ? { detail } : {}), ...(limit !== undefined ? { limit } : {}) },
});

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATOR = /^(?:==|!=|<=|>=|[-+*/^%<>?:(),])/;
const SPACE = /^\s+/;
/** A plain number or percentage, the whole text: "0.3", "-2", "30%", "1e3". */
const PLAIN = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(%?)\s*$/;

/** Reads "0.3", "-12", "30%", "1e3" (no expression); null when the text is anything else. */
export function parsePlainNumber(text: string): number | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const v = Number(m[1]) / (m[2] ? 100 : 1);
  return Number.isFinite(v) ? v : null;
}

type Token = { kind: 'number' | 'name' | 'op'; text: string };

function tokenize(source: string): Result<Token[]> {
  const out: Token[] = [];
  let rest = source;
  while (rest.length) {
    let m = SPACE.exec(rest);
    if (m) {
      rest = rest.slice(m[0].length);
      continue;
    }
    m = NUMBER.exec(rest);
    if (m) {
      rest = rest.slice(m[0].length);
      // A "%" after a literal is a percentage unless an operand follows (then it is the remainder).
      const percent = /^\s*%(?!\s*[\d.A-Za-z_(])/.exec(rest);
      if (percent) {
        out.push({ kind: 'op', text: '(' }, { kind: 'number', text: m[0] }, { kind: 'op', text: '/' }, { kind: 'number', text: '100' }, { kind: 'op', text: ')' });
        rest = rest.slice(percent[0].length);
      } else out.push({ kind: 'number', text: m[0] });
      continue;
    }
    m = NAME.exec(rest);
    if (m) {
      out.push({ kind: 'name', text: m[0] });
      rest = rest.slice(m[0].length);
      continue;
    }
    m = OPERATOR.exec(rest);
    if (m && ALLOWED_OPS.has(m[0])) {
      out.push({ kind: 'op', text: m[0] });
      rest = rest.slice(m[0].length);
      continue;
    }
    return err('bad-character', source, String.fromCodePoint(rest.codePointAt(0) ?? 0));
  }
  return { ok: true, value: out };
}

interface Instr {
  type: string;
  value: unknown;
}

/** Walks the parsed instructions: only numbers, allowed operators, allowed calls and variables. */
function checkInstructions(source: string, tokens: readonly Instr[], variables: Set<string>): { ok: true } | { ok: false; error: ExprError } {
  const stack: (readonly Instr[])[] = [tokens];
  while (stack.length) {
    const list = stack.pop()!;
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      switch (t.type) {
        case 'INUMBER':
          if (typeof t.value !== 'number') return err('syntax', source);
          break;
        case 'IOP1':
          if (t.value !== '-' && t.value !== '+' && !UNARY_FUNCTIONS.includes(t.value as never)) return err('not-a-function', source, String(t.value));
          break;
        case 'IOP2':
          if (!BINARY_OPS.includes(t.value as never)) return err('syntax', source, String(t.value));
          break;
        case 'IOP3':
          if (t.value !== '?') return err('syntax', source, String(t.value));
          break;
        case 'IVAR': {
          const name = String(t.value);
          const calls = isCalled(list, i);
          if (ALLOWED_FUNCTIONS.has(name)) {
            if (!calls) return err('function-as-value', source, name);
          } else if (calls) return err('not-a-function', source, name);
          else variables.add(name);
          break;
        }
        case 'IFUNCALL':
          break;
        case 'IEXPR':
          stack.push(t.value as Instr[]);
          break;
        default:
          return err('syntax', source, t.type);
      }
    }
  }
  return { ok: true };
}

/** Is the IVAR at `i` the callee of a later IFUNCALL in the same list? (Postfix: callee, args..., IFUNCALL n.) */
function isCalled(list: readonly Instr[], i: number): boolean {
  // Walk forward counting stack depth: the callee is consumed by the first IFUNCALL that pops it.
  let depth = 1;
  for (let k = i + 1; k < list.length; k++) {
    const t = list[k]!;
    if (t.type === 'IFUNCALL') {
      const argc = Number(t.value);
      if (depth - argc === 1) return true;
      depth -= argc;
    } else if (t.type === 'IOP1') {
      // pops one, pushes one
    } else if (t.type === 'IOP2') depth -= 1;
    else if (t.type === 'IOP3') depth -= 2;
    else depth += 1;
    if (depth <= 0) return false;
  }
  return false;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, Result<Compiled>>();

/**
 * Compiles an expression (cached by its text). Names are not checked against
 * parameters here (see `evaluateCompiled`), so one compilation serves any set.
 */
export function compile(source: string): Result<Compiled> {
  const hit = cache.get(source);
  if (hit) return hit;
  const result = compileUncached(source);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, result);
  return result;
}

function compileUncached(source: string): Result<Compiled> {
  if (typeof source !== 'string' || !source.trim()) return err('empty', String(source ?? ''));
  if (source.length > ANALYSIS_LIMITS.maxExpressionLength) return err('too-long', source, undefined, ANALYSIS_LIMITS.maxExpressionLength);
  const plain = parsePlainNumber(source);
  if (plain !== null) return { ok: true, value: { source, variables: [], constant: plain, expr: null } };
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  const text = tokens.value.map((t) => t.text).join(' ');
  let expr: Expression;
  try {
    expr = parser.parse(text);
  } catch (e) {
    return err('syntax', source, e instanceof Error ? e.message.replace(/\s*\[.*$/, '').slice(0, 120) : undefined);
  }
  const variables = new Set<string>();
  const checked = checkInstructions(source, (expr as unknown as { tokens: Instr[] }).tokens, variables);
  if (!checked.ok) return checked;
  return { ok: true, value: { source, variables: [...variables], constant: null, expr } };
}

/** Evaluates a compiled expression with the parameter values given; a name without a value is an error. */
export function evaluateCompiled(c: Compiled, values: ReadonlyMap<string, number>): Result<number> {
  if (c.constant !== null) return { ok: true, value: c.constant };
  const scope = Object.create(null) as Record<string, number>;
  for (const name of c.variables) {
    const v = values.get(name);
    if (v === undefined) return err('unknown-name', c.source, name);
    scope[name] = v;
  }
  let out: unknown;
  try {
    out = c.expr!.evaluate(scope);
  } catch (e) {
    return err('failed', c.source, e instanceof Error ? e.message.slice(0, 120) : undefined);
  }
  if (typeof out === 'boolean') out = out ? 1 : 0;
  if (typeof out !== 'number') return err('not-number', c.source);
  if (!Number.isFinite(out)) return err('not-finite', c.source);
  return { ok: true, value: out };
}

/** Compiles (cached) and evaluates. */
export function evaluate(source: string, values: ReadonlyMap<string, number> = new Map()): Result<number> {
  const c = compile(source);
  return c.ok ? evaluateCompiled(c.value, values) : c;
}

/** The names an expression reads, or its error. */
export function variablesOf(source: string): Result<readonly string[]> {
  const c = compile(source);
  return c.ok ? { ok: true, value: c.value.variables } : c;
}
