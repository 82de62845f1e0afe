/**
 * JSON parsing for untrusted files: size and nesting limits checked before
 * `JSON.parse`, person-readable syntax errors with line and column, and a
 * walk of the result that refuses prototype-polluting keys, numbers out of
 * range, broken Unicode, NUL characters and bidirectional control characters.
 *
 * Pure TypeScript; loops only (no recursion), so 100,000-deep input is safe.
 */

export interface SafeJsonOptions {
  /** UTF-8 size limit in bytes. Default 10 MB. */
  maxBytes?: number;
  /** Deepest allowed nesting of objects and arrays. Default 200. */
  maxDepth?: number;
}

export type SafeJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; /** Where in the data, e.g. `document.scenario.nodes[0].title`, when known. */ path?: string };

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 200;

/** Keys that can rewrite an object's prototype when data is copied or merged. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const SLICE = 1 << 16;
let scratch: Uint8Array | null = null;
let encoder: TextEncoder | null = null;

/**
 * Size of `text` in UTF-8 bytes (as TextEncoder would write it), encoding
 * slice by slice into a small reusable buffer rather than allocating a copy.
 */
export function utf8ByteLength(text: string): number {
  encoder ??= new TextEncoder();
  scratch ??= new Uint8Array(SLICE * 3);
  let bytes = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    let end = Math.min(i + SLICE, n);
    // Never split a surrogate pair between slices.
    const last = text.charCodeAt(end - 1);
    if (end < n && last >= 0xd800 && last <= 0xdbff) end--;
    bytes += encoder.encodeInto(text.slice(i, end), scratch).written;
    i = end;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

/** 1-based line and column (in characters) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function at(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function showChar(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || isInvisible(c) || (c >= 0xd800 && c <= 0xdfff)) {
    return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${text[i]}"`;
}

function isInvisible(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff || (c >= 0x200b && c <= 0x200f);
}

// ---------------------------------------------------------------------------
// Pre-scan: nesting depth (string-aware) and number literals out of range.

interface PreScan {
  tooDeepAt: number;
  /** Number literals that do not fit in a double, in document order. */
  hugeNumbers: string[];
}

function preScan(text: string, maxDepth: number): PreScan {
  const hugeNumbers: string[] = [];
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: jump to the next quote (native search) and accept it
      // if an even number of backslashes precede it.
      const open = i;
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          i = n;
          break;
        }
        let slashes = 0;
        for (let b = q - 1; b > open && text.charCodeAt(b) === 92; b--) slashes++;
        if ((slashes & 1) === 0) {
          i = q;
          break;
        }
        from = q + 1;
      }
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth > maxDepth) return { tooDeepAt: i, hugeNumbers };
    } else if (c === 125 || c === 93) {
      depth--;
    } else if ((c >= 48 && c <= 57) || c === 45) {
      let j = i + 1;
      let exp = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 43 || d === 45) j++;
        else if (d === 101 || d === 69) {
          exp = true;
          j++;
        } else break;
      }
      if ((exp || j - i > 300) && hugeNumbers.length < 100) {
        const token = text.slice(i, j);
        if (!Number.isFinite(Number(token))) hugeNumbers.push(token);
      }
      i = j - 1;
    }
  }
  return { tooDeepAt: -1, hugeNumbers };
}

// ---------------------------------------------------------------------------
// Syntax error locator: an iterative JSON grammar check, run only when
// JSON.parse has failed, so messages are the same in every browser.

interface SyntaxProblem {
  offset: number;
  /** True when the input ended early. */
  end: boolean;
  /** What was found, e.g. `unexpected character "}"`, or where the input ended, e.g. `inside a text value`. */
  detail: string;
  /** What was expected, shown after the position, e.g. `(expected a value)`. */
  hint?: string;
}

/** Parser states of the syntax checker. */
const Mode = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, Colon: 4, After: 5 } as const;
type Mode = (typeof Mode)[keyof typeof Mode];

function scanString(text: string, i: number): { next: number } | SyntaxProblem {
  // text[i] is the opening quote.
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 34) return { next: j + 1 };
    if (c === 92) {
      if (j + 1 >= n) break;
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        // \uXXXX
        for (let k = 2; k < 6; k++) {
          if (j + k >= n) return { offset: n, end: true, detail: 'inside a text value' };
          const h = text.charCodeAt(j + k);
          const hex = (h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102);
          if (!hex) return { offset: j, end: false, detail: 'bad \\u escape in a text value', hint: '(expected four hex digits)' };
        }
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        j += 2;
        continue;
      }
      return { offset: j, end: false, detail: `bad escape "\\${text[j + 1]}" in a text value` };
    }
    if (c < 0x20) {
      const what = c === 10 ? 'a line break' : `the control character ${showChar(text, j)}`;
      return { offset: j, end: false, detail: `${what} inside a text value`, hint: '(text values must be on one line; write line breaks as \\n)' };
    }
    j++;
  }
  return { offset: n, end: true, detail: 'inside a text value' };
}

function scanNumber(text: string, i: number): { next: number } | SyntaxProblem {
  const n = text.length;
  let j = i;
  const digit = (k: number) => k < n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57;
  if (text.charCodeAt(j) === 45) j++;
  if (j >= n) return { offset: n, end: true, detail: 'inside a number' };
  if (text.charCodeAt(j) === 48) j++;
  else if (digit(j)) while (digit(j)) j++;
  else return { offset: j, end: false, detail: `unexpected character ${showChar(text, j)} in a number`, hint: '(expected a digit after "-")' };
  if (j < n && text.charCodeAt(j) === 46) {
    j++;
    if (j >= n) return { offset: n, end: true, detail: 'inside a number' };
    if (!digit(j)) return { offset: j, end: false, detail: `unexpected character ${showChar(text, j)} in a number`, hint: '(expected a digit after the decimal point)' };
    while (digit(j)) j++;
  }
  if (j < n && (text.charCodeAt(j) === 101 || text.charCodeAt(j) === 69)) {
    j++;
    if (j < n && (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45)) j++;
    if (j >= n) return { offset: n, end: true, detail: 'inside a number' };
    if (!digit(j)) return { offset: j, end: false, detail: `unexpected character ${showChar(text, j)} in a number`, hint: '(expected a digit in the exponent)' };
    while (digit(j)) j++;
  }
  return { next: j };
}

/** Whether the last non-whitespace character before `i` is a comma. */
function afterComma(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isWs(text.charCodeAt(j))) j--;
  return j >= 0 && text.charCodeAt(j) === 44;
}

/** Finds the first JSON syntax error, or null if the text is valid JSON. */
export function findJsonSyntaxError(text: string): SyntaxProblem | null {
  const n = text.length;
  const stack: number[] = [];
  let mode: Mode = Mode.Value;
  let i = 0;
  for (;;) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (mode === Mode.After && stack.length === 0) return null;
      return { offset: n, end: true, detail: '' };
    }
    const c = text.charCodeAt(i);
    switch (mode) {
      case Mode.Value:
      case Mode.ValueOrClose: {
        if (mode === Mode.ValueOrClose && c === 93) {
          stack.pop();
          mode = Mode.After;
          i++;
          break;
        }
        if (c === 123) {
          stack.push(c);
          mode = Mode.KeyOrClose;
          i++;
        } else if (c === 91) {
          stack.push(c);
          mode = Mode.ValueOrClose;
          i++;
        } else if (c === 34) {
          const r = scanString(text, i);
          if ('offset' in r) return r;
          i = r.next;
          mode = Mode.After;
        } else if (c === 45 || (c >= 48 && c <= 57)) {
          const r = scanNumber(text, i);
          if ('offset' in r) return r;
          i = r.next;
          mode = Mode.After;
        } else {
          let matched = false;
          for (const word of ['true', 'false', 'null']) {
            if (c === word.charCodeAt(0)) {
              for (let k = 0; k < word.length; k++) {
                if (i + k >= n) return { offset: n, end: true, detail: '' };
                if (text.charCodeAt(i + k) !== word.charCodeAt(k)) {
                  return { offset: i + k, end: false, detail: `unexpected character ${showChar(text, i + k)}`, hint: `(expected "${word}")` };
                }
              }
              i += word.length;
              matched = true;
              break;
            }
          }
          if (!matched) {
            const hint = c === 39 ? ' — JSON text values use double quotes' : afterComma(text, i) ? ' — perhaps a trailing comma' : '';
            return { offset: i, end: false, detail: `unexpected character ${showChar(text, i)}`, hint: `(expected a value${hint})` };
          }
          mode = Mode.After;
        }
        break;
      }
      case Mode.Key:
      case Mode.KeyOrClose: {
        if (mode === Mode.KeyOrClose && c === 125) {
          stack.pop();
          mode = Mode.After;
          i++;
          break;
        }
        if (c !== 34) {
          const hint = c === 39 ? ' — JSON names use double quotes' : afterComma(text, i) ? ' — perhaps a trailing comma' : '';
          return { offset: i, end: false, detail: `unexpected character ${showChar(text, i)}`, hint: `(expected a property name in double quotes${hint})` };
        }
        const r = scanString(text, i);
        if ('offset' in r) return r;
        i = r.next;
        mode = Mode.Colon;
        break;
      }
      case Mode.Colon:
        if (c !== 58) return { offset: i, end: false, detail: `unexpected character ${showChar(text, i)}`, hint: '(expected ":" after a property name)' };
        i++;
        mode = Mode.Value;
        break;
      case Mode.After: {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          return { offset: i, end: false, detail: `unexpected character ${showChar(text, i)} after the end of the data` };
        }
        if (c === 44) {
          mode = top === 123 ? Mode.Key : Mode.Value;
          i++;
        } else if ((top === 123 && c === 125) || (top === 91 && c === 93)) {
          stack.pop();
          i++;
        } else {
          const want = top === 123 ? '"," or "}"' : '"," or "]"';
          return { offset: i, end: false, detail: `unexpected character ${showChar(text, i)}`, hint: `(expected ${want})` };
        }
        break;
      }
    }
  }
}

function syntaxMessage(text: string, engineMessage: string): string {
  const p = findJsonSyntaxError(text);
  if (!p) return `Not valid JSON: ${engineMessage}`;
  if (p.end) {
    const where = p.detail ? ` ${p.detail}` : '';
    return `Not valid JSON: unexpected end of input${where} at ${at(text, p.offset)} — the file may be truncated`;
  }
  return `Not valid JSON: ${p.detail} at ${at(text, p.offset)}${p.hint ? ` ${p.hint}` : ''}`;
}

// ---------------------------------------------------------------------------
// Walk of the parsed value.

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

const BIDI_NAMES: Record<number, string> = {
  0x202a: 'a left-to-right embedding character (U+202A)',
  0x202b: 'a right-to-left embedding character (U+202B)',
  0x202c: 'a pop-directional-formatting character (U+202C)',
  0x202d: 'a left-to-right override character (U+202D)',
  0x202e: 'a right-to-left override character (U+202E)',
  0x2066: 'a left-to-right isolate character (U+2066)',
  0x2067: 'a right-to-left isolate character (U+2067)',
  0x2068: 'a first-strong isolate character (U+2068)',
  0x2069: 'a pop-directional-isolate character (U+2069)',
};

// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** Why a string is refused, or null if it is fine. */
export function checkText(s: string): string | null {
  if (!SUSPECT.test(s)) return null;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return 'the text contains a NUL character (U+0000), which is not allowed';
    const bidi = BIDI_NAMES[c];
    if (bidi) return `the text contains ${bidi}, an invisible control that can make text display differently from what it says; remove it`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      return `the text contains broken Unicode (a lone surrogate \\u${c.toString(16)}); the file may have been damaged by an editor`;
    }
  }
  return null;
}

type WalkProblem = { message: string; path: string };

/** Checks a string or number; containers and other primitives pass. */
function checkLeaf(v: unknown, crumb: Crumb | null, key: string | number | undefined, hugeNumbers: readonly string[]): WalkProblem | null {
  if (typeof v === 'string') {
    const why = checkText(v);
    if (!why) return null;
    const path = formatJsonPath(crumb, key);
    return { path, message: `${path}: ${why}` };
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    // The literal text is gone after parsing; the pre-scan kept it.
    const literal = hugeNumbers.find((t) => (t.charCodeAt(0) === 45) === v < 0);
    const path = formatJsonPath(crumb, key);
    const shown = literal ? ` ${literal.length > 40 ? `${literal.slice(0, 40)}…` : literal}` : '';
    return { path, message: `${path}: the number${shown} is out of range` };
  }
  return null;
}

/**
 * Walks a parsed value with an explicit stack (containers only; leaves are
 * checked as their container is visited). Returns the first problem.
 */
function walk(root: unknown, hugeNumbers: readonly string[]): WalkProblem | null {
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
      if (FORBIDDEN_KEYS.has(k)) {
        const path = formatJsonPath(crumb, k);
        return { path, message: `${path}: the key "${k}" is not allowed` };
      }
      const why = checkText(k);
      if (why) {
        const path = formatJsonPath(crumb, k);
        return { path, message: `${path}: a property name is not allowed: ${why.replace(/^the text/, 'it')}` };
      }
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

/**
 * Parses untrusted JSON text. Never throws.
 *
 * Checks, in order: BOM stripped; empty input; size; nesting depth (before
 * parsing); syntax (with line and column); then forbidden keys, numbers out
 * of range, and text with NUL, lone surrogates or bidi controls.
 */
export function safeParseJson(text: string, options: SafeJsonOptions = {}): SafeJsonResult {
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (typeof text !== 'string') return { ok: false, message: 'The file could not be read as text' };
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return { ok: false, message: 'The file is empty' };

    // Every UTF-16 unit is at least one UTF-8 byte, and at most three.
    if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8ByteLength(text) > maxBytes)) {
      const size = text.length > maxBytes * 4 ? `more than ${formatBytes(maxBytes * 4)}` : formatBytes(utf8ByteLength(text));
      return { ok: false, message: `The file is too large (${size}); Branchpoint reads files up to ${formatBytes(maxBytes)}` };
    }

    const scan = preScan(text, maxDepth);
    if (scan.tooDeepAt >= 0) {
      return {
        ok: false,
        message: `The data is nested more than ${maxDepth} levels deep (at ${at(text, scan.tooDeepAt)}); a Branchpoint file is never nested that deeply`,
      };
    }

    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { ok: false, message: syntaxMessage(text, err instanceof Error ? err.message : String(err)) };
    }

    const problem = walk(value, scan.hugeNumbers);
    if (problem) return { ok: false, message: problem.message, path: problem.path };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: `The file could not be read (${err instanceof Error ? err.message : 'unknown error'})` };
  }
}
