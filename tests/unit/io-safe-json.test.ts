import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkText,
  findJsonSyntaxError,
  lineColumn,
  safeParseJson,
  utf8ByteLength,
} from '@/lib/io/safe-json';

const message = (text: string, opts?: Parameters<typeof safeParseJson>[1]) => {
  const r = safeParseJson(text, opts);
  return r.ok ? 'ok' : r.message;
};

describe('safeParseJson: basics', () => {
  it('parses ordinary JSON into plain objects', () => {
    const r = safeParseJson('{"a": [1, 2, {"b": "c"}], "d": null, "e": true}');
    expect(r).toEqual({ ok: true, value: { a: [1, 2, { b: 'c' }], d: null, e: true } });
    if (r.ok) expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it('strips a UTF-8 BOM', () => {
    expect(safeParseJson('\ufeff{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('refuses empty and whitespace-only input', () => {
    expect(message('')).toBe('The file is empty');
    expect(message(' \n\t\r ')).toBe('The file is empty');
    expect(message('\ufeff')).toBe('The file is empty');
  });

  it('refuses input over the size limit, measured in UTF-8 bytes', () => {
    expect(message('"12345678"', { maxBytes: 5 })).toBe('The file is too large (10 bytes); Branchpoint reads files up to 5 bytes');
    // 4 characters, 8 bytes.
    expect(message('"éé"', { maxBytes: 5 })).toContain('too large (6 bytes)');
    expect(message('"éé"', { maxBytes: 6 })).toBe('ok');
  });

  it('measures UTF-8 length like TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
    expect(utf8ByteLength('\ud800')).toBe(3); // a lone surrogate encodes as U+FFFD
  });
});

describe('safeParseJson: nesting depth', () => {
  it('refuses deep nesting before parsing, with the position', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(message(deep)).toBe(
      'The data is nested more than 200 levels deep (at line 1, column 201); a Branchpoint file is never nested that deeply',
    );
    expect(message('{"a":'.repeat(300) + '1' + '}'.repeat(300))).toContain('nested more than 200 levels deep');
  });

  it('accepts nesting up to the limit', () => {
    expect(message('['.repeat(200) + ']'.repeat(200))).toBe('ok');
    expect(message('['.repeat(201) + ']'.repeat(201))).toContain('nested more than 200');
    expect(message('['.repeat(10) + ']'.repeat(10), { maxDepth: 5 })).toContain('nested more than 5 levels');
  });

  it('ignores brackets inside strings, including after escaped quotes', () => {
    const s = JSON.stringify({ text: '['.repeat(5000) + '\\"{{{' + '"'.repeat(10) });
    expect(message(s)).toBe('ok');
    const tricky = `["\\\\", ${'['.repeat(5)}${']'.repeat(5)}]`; // string ends with an escaped backslash
    expect(message(tricky, { maxDepth: 6 })).toBe('ok');
    expect(message(tricky, { maxDepth: 5 })).toContain('nested more than 5');
  });
});

describe('safeParseJson: syntax errors', () => {
  it('says where the input ends early and that it may be truncated', () => {
    expect(message('{\n  "a": [\n    1,')).toBe('Not valid JSON: unexpected end of input at line 3, column 7 — the file may be truncated');
    expect(message('{"a": "unterminated')).toBe(
      'Not valid JSON: unexpected end of input inside a text value at line 1, column 20 — the file may be truncated',
    );
  });

  it('names the unexpected character, with line and column', () => {
    expect(message('{"a": 1,\n "b": }')).toBe('Not valid JSON: unexpected character "}" at line 2, column 7 (expected a value)');
    expect(message('{"a": 1,}')).toBe(
      'Not valid JSON: unexpected character "}" at line 1, column 9 (expected a property name in double quotes — perhaps a trailing comma)',
    );
    expect(message("{'a': 1}")).toContain('JSON names use double quotes');
    expect(message('{"a" 1}')).toBe('Not valid JSON: unexpected character "1" at line 1, column 6 (expected ":" after a property name)');
    expect(message('[1 2]')).toBe('Not valid JSON: unexpected character "2" at line 1, column 4 (expected "," or "]")');
    expect(message('{"a":1} x')).toBe('Not valid JSON: unexpected character "x" after the end of the data at line 1, column 9');
    expect(message('tru')).toContain('unexpected end of input');
    expect(message('nul!')).toBe('Not valid JSON: unexpected character "!" at line 1, column 4 (expected "null")');
    expect(message('"a\nb"')).toContain('a line break inside a text value at line 1, column 3');
    expect(message('"\\x"')).toContain('bad escape "\\x" in a text value');
    expect(message('"\\u12G4"')).toContain('bad \\u escape');
    expect(message('-')).toContain('unexpected end of input');
    expect(message('01')).toContain('after the end of the data');
    expect(message('1.e5')).toContain('expected a digit after the decimal point');
    expect(message('NaN')).toBe('Not valid JSON: unexpected character "N" at line 1, column 1 (expected a value)');
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.slice(0, -1))), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });

  it('computes 1-based line and column', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('safeParseJson: hostile values', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s, naming the path', (key) => {
    const text = `{"document": {"annotations": {"nodes": {"${key}": {"polluted": true}}}}}`;
    expect(message(text)).toBe(`document.annotations.nodes.${key}: the key "${key}" is not allowed`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses forbidden keys inside arrays and at the top level', () => {
    expect(message('[{"a": 1}, {"__proto__": 1}]')).toBe('[1].__proto__: the key "__proto__" is not allowed');
    expect(message('{"constructor": 1}')).toBe('constructor: the key "constructor" is not allowed');
  });

  it('refuses numbers out of range, quoting the literal', () => {
    expect(message('{"scenario": {"nodes": [{"order": 1e309}]}}')).toBe('scenario.nodes[0].order: the number 1e309 is out of range');
    expect(message('{"a": [1, -2E400]}')).toBe('a[1]: the number -2E400 is out of range');
    expect(message(`{"a": ${'9'.repeat(400)}}`)).toMatch(/^a: the number 9{40}… is out of range$/);
    expect(message('1e309')).toBe('(top level): the number 1e309 is out of range');
    expect(message('{"a": 1e308, "b": 1e-400}')).toBe('ok'); // underflow to 0 is fine
  });

  it('refuses NUL, lone surrogates and bidi controls in strings, naming the path', () => {
    expect(message('{"a": {"title": "x\\u0000y"}}')).toBe('a.title: the text contains a NUL character (U+0000), which is not allowed');
    expect(message('{"a": ["ok", "\\ud800"]}')).toContain('a[1]: the text contains broken Unicode (a lone surrogate \\ud800)');
    expect(message('{"a": "\\udc00x"}')).toContain('lone surrogate \\udc00');
    expect(message('{"a": "x\\ud83d"}')).toContain('lone surrogate \\ud83d');
    expect(message('{"a": "ok \\ud83d\\ude00"}')).toBe('ok'); // a valid pair (emoji)
    expect(message('{"t": "abc\u202Edef"}')).toMatch(/^t: the text contains a right-to-left override character \(U\+202E\)/);
    for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(message(JSON.stringify({ t: `a${String.fromCharCode(c)}b` }))).toContain(`(U+${c.toString(16).toUpperCase()})`);
    }
    // Right-to-left text itself, and the LRM/RLM marks, are fine.
    expect(message(JSON.stringify({ t: 'طالبان \u200f تحریک' }))).toBe('ok');
  });

  it('refuses bad characters in keys, showing them escaped', () => {
    const m = message('{"a": {"x\\u202Ey": 1}}');
    expect(m).toContain('a["x\\u202ey"]: a property name is not allowed');
    expect(m).not.toContain('\u202E');
  });

  it('checkText returns null for ordinary text', () => {
    expect(checkText('Taliban’s TTP conundrum — ¶ 27 «quote» 😀')).toBeNull();
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = safeParseJson(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
