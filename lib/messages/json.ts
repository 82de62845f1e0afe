/**
 * Words for refused JSON (lib/io/safe-json): sizes, limits, syntax errors
 * with line and column, and the walk's refusals with their path.
 */
import type { JsonReason } from '@/lib/io/safe-json';
import type { SyntaxProblem, Expected } from '@/lib/io/safe-json/syntax';
import { isInvisible, type TextProblem } from '@/lib/io/safe-json/walk';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

const hex4 = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

/** A character as shown in a message: quoted, or its code point when invisible or a control. */
function showChar(c: number): string {
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || isInvisible(c) || (c >= 0xd800 && c <= 0xdfff)) return `U+${hex4(c)}`;
  return `"${String.fromCharCode(c)}"`;
}

const BIDI_NAMES: Record<number, string> = {
  0x202a: 'a left-to-right embedding character',
  0x202b: 'a right-to-left embedding character',
  0x202c: 'a pop-directional-formatting character',
  0x202d: 'a left-to-right override character',
  0x202e: 'a right-to-left override character',
  0x2066: 'a left-to-right isolate character',
  0x2067: 'a right-to-left isolate character',
  0x2068: 'a first-strong isolate character',
  0x2069: 'a pop-directional-isolate character',
};

/** Why a string is refused, as a clause starting "the text contains". */
export function textProblemMessage(p: TextProblem): string {
  switch (p.kind) {
    case 'nul':
      return 'the text contains a NUL character (U+0000), which is not allowed';
    case 'bidi':
      return `the text contains ${BIDI_NAMES[p.char] ?? 'a direction control'} (U+${hex4(p.char)}), an invisible control that can make text display differently from what it says; remove it`;
    case 'lone-surrogate':
      return `the text contains broken Unicode (a lone surrogate \\u${p.char.toString(16)}); the file may have been damaged by an editor`;
  }
}

const EXPECTED: Record<Expected, string> = {
  value: 'a value',
  'property-name': 'a property name in double quotes',
  colon: '":" after a property name',
  'comma-or-brace': '"," or "}"',
  'comma-or-bracket': '"," or "]"',
  'digit-after-minus': 'a digit after "-"',
  'digit-after-point': 'a digit after the decimal point',
  'digit-in-exponent': 'a digit in the exponent',
  true: '"true"',
  false: '"false"',
  null: '"null"',
};

/** What was found and what was expected, e.g. `unexpected character "}" at line 2, column 7 (expected a value)`. */
function syntaxMessage(p: SyntaxProblem, where: string): string {
  switch (p.kind) {
    case 'end':
      return `unexpected end of input${p.inside ? ` inside a ${p.inside === 'text' ? 'text value' : 'number'}` : ''} at ${where} — the file may be truncated`;
    case 'bad-unicode-escape':
      return `bad \\u escape in a text value at ${where} (expected four hex digits)`;
    case 'bad-escape':
      return `bad escape "\\${String.fromCharCode(p.char)}" in a text value at ${where}`;
    case 'control-in-text': {
      const what = p.char === 10 ? 'a line break' : `the control character ${showChar(p.char)}`;
      return `${what} inside a text value at ${where} (text values must be on one line; write line breaks as \\n)`;
    }
    case 'unexpected': {
      const found = `unexpected character ${showChar(p.char)}${p.inNumber ? ' in a number' : ''}${p.afterData ? ' after the end of the data' : ''}`;
      if (!p.expected) return `${found} at ${where}`;
      const note =
        p.note === 'trailing-comma'
          ? ' — perhaps a trailing comma'
          : p.note === 'single-quotes'
            ? p.expected === 'property-name'
              ? ' — JSON names use double quotes'
              : ' — JSON text values use double quotes'
            : '';
      return `${found} at ${where} (expected ${EXPECTED[p.expected]}${note})`;
    }
  }
}

/** The sentence for a refusal of untrusted JSON. */
export function jsonMessage(r: JsonReason): string {
  switch (r.code) {
    case 'not-text':
      return 'The file could not be read as text';
    case 'empty':
      return 'The file is empty';
    case 'too-large': {
      const size = r.bytes === null ? `more than ${formatBytes(r.maxBytes * 4)}` : formatBytes(r.bytes);
      return `The file is too large (${size}); Branchpoint reads files up to ${formatBytes(r.maxBytes)}`;
    }
    case 'too-deep':
      return `The data is nested more than ${r.maxDepth} levels deep (at line ${r.line}, column ${r.column}); a Branchpoint file is never nested that deeply`;
    case 'syntax':
      return `Not valid JSON: ${syntaxMessage(r.problem, `line ${r.line}, column ${r.column}`)}`;
    case 'syntax-engine':
      return `Not valid JSON: ${r.detail}`;
    case 'walk':
      switch (r.kind) {
        case 'forbidden-key':
          return `${r.path}: the key "${r.key}" is not allowed`;
        case 'bad-key':
          return `${r.path}: a property name is not allowed: ${textProblemMessage(r.problem).replace(/^the text/, 'it')}`;
        case 'bad-text':
          return `${r.path}: ${textProblemMessage(r.problem)}`;
        case 'number-out-of-range': {
          const shown = r.literal ? ` ${r.literal.length > 40 ? `${r.literal.slice(0, 40)}…` : r.literal}` : '';
          return `${r.path}: the number${shown} is out of range`;
        }
      }
      break;
    case 'unexpected':
      return `The file could not be read (${r.detail})`;
  }
  return 'The file could not be read';
}
