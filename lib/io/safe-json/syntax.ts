/**
 * Syntax error locator: an iterative JSON grammar check, run only when
 * `JSON.parse` has failed, so the reason (and the words lib/messages/json.ts
 * gives it) is the same in every browser. Returns what was found and what was
 * expected as codes, with the offset.
 */

/** What the grammar wanted where it found something else. */
export type Expected =
  | 'value'
  | 'property-name'
  | 'colon'
  | 'comma-or-brace'
  | 'comma-or-bracket'
  | 'digit-after-minus'
  | 'digit-after-point'
  | 'digit-in-exponent'
  | 'true'
  | 'false'
  | 'null';

export type SyntaxProblem = {
  /** Character offset of the problem. */
  offset: number;
  /** True when the input ended early. */
  end: boolean;
} & (
  | { kind: 'end'; inside?: 'text' | 'number' }
  | {
      kind: 'unexpected';
      /** The UTF-16 unit found. */
      char: number;
      inNumber?: boolean;
      /** Found after a complete top-level value. */
      afterData?: boolean;
      expected?: Expected;
      /** A likely cause: single quotes, or a trailing comma. */
      note?: 'single-quotes' | 'trailing-comma';
    }
  | { kind: 'bad-escape'; char: number }
  | { kind: 'bad-unicode-escape' }
  | { kind: 'control-in-text'; char: number }
);

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

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Parser states of the syntax checker. */
const Mode = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, Colon: 4, After: 5 } as const;
type Mode = (typeof Mode)[keyof typeof Mode];

const endOf = (n: number, inside?: 'text' | 'number'): SyntaxProblem => ({ offset: n, end: true, kind: 'end', ...(inside ? { inside } : {}) });

function unexpected(text: string, i: number, rest: Omit<Extract<SyntaxProblem, { kind: 'unexpected' }>, 'kind' | 'char' | 'offset' | 'end'> = {}): SyntaxProblem {
  return { offset: i, end: false, kind: 'unexpected', char: text.charCodeAt(i), ...rest };
}

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
          if (j + k >= n) return endOf(n, 'text');
          const h = text.charCodeAt(j + k);
          const hex = (h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102);
          if (!hex) return { offset: j, end: false, kind: 'bad-unicode-escape' };
        }
        j += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        j += 2;
        continue;
      }
      return { offset: j, end: false, kind: 'bad-escape', char: e };
    }
    if (c < 0x20) return { offset: j, end: false, kind: 'control-in-text', char: c };
    j++;
  }
  return endOf(n, 'text');
}

function scanNumber(text: string, i: number): { next: number } | SyntaxProblem {
  const n = text.length;
  let j = i;
  const digit = (k: number) => k < n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57;
  if (text.charCodeAt(j) === 45) j++;
  if (j >= n) return endOf(n, 'number');
  if (text.charCodeAt(j) === 48) j++;
  else if (digit(j)) while (digit(j)) j++;
  else return unexpected(text, j, { inNumber: true, expected: 'digit-after-minus' });
  if (j < n && text.charCodeAt(j) === 46) {
    j++;
    if (j >= n) return endOf(n, 'number');
    if (!digit(j)) return unexpected(text, j, { inNumber: true, expected: 'digit-after-point' });
    while (digit(j)) j++;
  }
  if (j < n && (text.charCodeAt(j) === 101 || text.charCodeAt(j) === 69)) {
    j++;
    if (j < n && (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45)) j++;
    if (j >= n) return endOf(n, 'number');
    if (!digit(j)) return unexpected(text, j, { inNumber: true, expected: 'digit-in-exponent' });
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

/** Single quotes or a trailing comma, when one explains an unexpected character at `i`. */
function noteAt(text: string, i: number): { note?: 'single-quotes' | 'trailing-comma' } {
  if (text.charCodeAt(i) === 39) return { note: 'single-quotes' };
  return afterComma(text, i) ? { note: 'trailing-comma' } : {};
}

const WORDS = ['true', 'false', 'null'] as const;

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
      return endOf(n);
    }
    const c = text.charCodeAt(i);
    // An empty array or object closes where a first value or key could start.
    if ((mode === Mode.ValueOrClose && c === 93) || (mode === Mode.KeyOrClose && c === 125)) {
      stack.pop();
      mode = Mode.After;
      i++;
      continue;
    }
    switch (mode) {
      case Mode.Value:
      case Mode.ValueOrClose: {
        if (c === 123 || c === 91) {
          stack.push(c);
          mode = c === 123 ? Mode.KeyOrClose : Mode.ValueOrClose;
          i++;
        } else if (c === 34 || c === 45 || (c >= 48 && c <= 57)) {
          const r = c === 34 ? scanString(text, i) : scanNumber(text, i);
          if ('offset' in r) return r;
          i = r.next;
          mode = Mode.After;
        } else {
          const word = WORDS.find((w) => c === w.charCodeAt(0));
          if (!word) return unexpected(text, i, { expected: 'value', ...noteAt(text, i) });
          for (let k = 0; k < word.length; k++) {
            if (i + k >= n) return endOf(n);
            if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return unexpected(text, i + k, { expected: word });
          }
          i += word.length;
          mode = Mode.After;
        }
        break;
      }
      case Mode.Key:
      case Mode.KeyOrClose: {
        if (c !== 34) return unexpected(text, i, { expected: 'property-name', ...noteAt(text, i) });
        const r = scanString(text, i);
        if ('offset' in r) return r;
        i = r.next;
        mode = Mode.Colon;
        break;
      }
      case Mode.Colon:
        if (c !== 58) return unexpected(text, i, { expected: 'colon' });
        i++;
        mode = Mode.Value;
        break;
      case Mode.After: {
        const top = stack[stack.length - 1];
        if (top === undefined) return unexpected(text, i, { afterData: true });
        if (c === 44) {
          mode = top === 123 ? Mode.Key : Mode.Value;
          i++;
        } else if ((top === 123 && c === 125) || (top === 91 && c === 93)) {
          stack.pop();
          i++;
        } else {
          return unexpected(text, i, { expected: top === 123 ? 'comma-or-brace' : 'comma-or-bracket' });
        }
        break;
      }
    }
  }
}
