/**
 * The walk of a parsed value: refuses prototype-polluting keys, numbers out
 * of range, and text with NUL, lone surrogates or bidirectional controls,
 * naming where in the data (e.g. `document.scenario.nodes[0].title`). Loops
 * only (an explicit stack), so any depth the limits let through is safe.
 */

/** Keys that can rewrite an object's prototype when data is copied or merged. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a string is refused. `char` is the offending UTF-16 unit. */
export type TextProblem = { kind: 'nul' } | { kind: 'bidi'; char: number } | { kind: 'lone-surrogate'; char: number };

/** What the walk refuses, and where. */
export type WalkProblem =
  | { kind: 'forbidden-key'; path: string; key: string }
  | { kind: 'bad-key'; path: string; problem: TextProblem }
  | { kind: 'bad-text'; path: string; problem: TextProblem }
  | { kind: 'number-out-of-range'; path: string; /** The literal as written, when the pre-scan kept it. */ literal?: string };

/** Zero-width and direction controls that display as nothing. */
export function isInvisible(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff || (c >= 0x200b && c <= 0x200f);
}

const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** The first reason to refuse a string, or null if it is fine. */
export function findTextProblem(s: string): TextProblem | null {
  if (!SUSPECT.test(s)) return null;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return { kind: 'nul' };
    if (isBidiControl(c)) return { kind: 'bidi', char: c };
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) return { kind: 'lone-surrogate', char: c };
  }
  return null;
}

interface Crumb {
  parent: Crumb | null;
  key: string | number;
}

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

function escapeForDisplay(s: string): string {
  let out = '';
  for (let i = 0; i < s.length && out.length < 60; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || isInvisible(c) || (c >= 0xd800 && c <= 0xdfff) || c === 34 || c === 92) {
      out += c === 34 ? '\\"' : c === 92 ? '\\\\' : `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += s[i];
  }
  return s.length > 60 ? `${out}…` : out;
}

function keySegment(key: string | number, first: boolean): string {
  if (typeof key === 'number') return `[${key}]`;
  if (PLAIN_KEY.test(key)) return first ? key : `.${key}`;
  return `["${escapeForDisplay(key)}"]`;
}

/** Formats a path such as `document.scenario.nodes[0].title`. */
export function formatJsonPath(crumb: Crumb | null, last?: string | number): string {
  const parts: Array<string | number> = [];
  if (last !== undefined) parts.push(last);
  for (let c = crumb; c; c = c.parent) if (c.parent !== null || c.key !== '') parts.push(c.key);
  let out = '';
  for (let i = parts.length - 1; i >= 0; i--) out += keySegment(parts[i]!, out === '');
  return out || '(top level)';
}

/** Checks a string or number; containers and other primitives pass. */
function checkLeaf(v: unknown, crumb: Crumb | null, key: string | number | undefined, hugeNumbers: readonly string[]): WalkProblem | null {
  if (typeof v === 'string') {
    const problem = findTextProblem(v);
    return problem ? { kind: 'bad-text', path: formatJsonPath(crumb, key), problem } : null;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    // The literal text is gone after parsing; the pre-scan kept it.
    const literal = hugeNumbers.find((t) => (t.charCodeAt(0) === 45) === v < 0);
    return { kind: 'number-out-of-range', path: formatJsonPath(crumb, key), ...(literal ? { literal } : {}) };
  }
  return null;
}

/**
 * Walks a parsed value with an explicit stack (containers only; leaves are
 * checked as their container is visited). Returns the first problem.
 */
export function walkJson(root: unknown, hugeNumbers: readonly string[]): WalkProblem | null {
  if (typeof root !== 'object' || root === null) return checkLeaf(root, null, undefined, hugeNumbers);
  const stack: Array<{ v: object; crumb: Crumb }> = [{ v: root, crumb: { parent: null, key: '' } }];
  while (stack.length > 0) {
    const { v, crumb } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const c: unknown = v[i];
        if (typeof c === 'object' && c !== null) stack.push({ v: c, crumb: { parent: crumb, key: i } });
        else {
          const p = checkLeaf(c, crumb, i, hugeNumbers);
          if (p) return p;
        }
      }
      continue;
    }
    const rec = v as Record<string, unknown>;
    const ks = Object.keys(rec);
    for (let i = ks.length - 1; i >= 0; i--) {
      const k = ks[i]!;
      if (FORBIDDEN_KEYS.has(k)) return { kind: 'forbidden-key', path: formatJsonPath(crumb, k), key: k };
      const problem = findTextProblem(k);
      if (problem) return { kind: 'bad-key', path: formatJsonPath(crumb, k), problem };
      const c = rec[k];
      if (typeof c === 'object' && c !== null) stack.push({ v: c, crumb: { parent: crumb, key: k } });
      else {
        const p = checkLeaf(c, crumb, k, hugeNumbers);
        if (p) return p;
      }
    }
  }
  return null;
}
