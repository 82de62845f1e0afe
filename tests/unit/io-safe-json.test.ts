import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkText,
  FORBIDDEN_KEYS,
  findJsonSyntaxError,
  lineColumn,
  safeParseJson,
  utf8ByteLength,
  type JsonReason,
} from '@/lib/io/safe-json';
import { jsonMessage } from '@/lib/messages/json';

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
    const exact: Array<[string, string]> = [
      ['{"a": 1,\n "b": }', 'unexpected character "}" at line 2, column 7 (expected a value)'],
      ['{"a": 1,}', 'unexpected character "}" at line 1, column 9 (expected a property name in double quotes — perhaps a trailing comma)'],
      ['{"a" 1}', 'unexpected character "1" at line 1, column 6 (expected ":" after a property name)'],
      ['[1 2]', 'unexpected character "2" at line 1, column 4 (expected "," or "]")'],
      ['{"a":1} x', 'unexpected character "x" after the end of the data at line 1, column 9'],
      ['nul!', 'unexpected character "!" at line 1, column 4 (expected "null")'],
      ["['a']", 'unexpected character "\'" at line 1, column 2 (expected a value — JSON text values use double quotes)'],
    ];
    for (const [text, words] of exact) expect(message(text), text).toBe(`Not valid JSON: ${words}`);
    expect(message("{'a': 1}")).toContain('JSON names use double quotes');
    expect(message('tru')).toContain('unexpected end of input');
    const contains: Array<[string, string]> = [
      ['"a\nb"', 'a line break inside a text value at line 1, column 3'],
      ['"\\x"', 'bad escape "\\x" in a text value'],
      ['"\\u12G4"', 'bad \\u escape'],
      ['-', 'unexpected end of input'],
      ['01', 'after the end of the data'],
      ['1.e5', 'expected a digit after the decimal point'],
    ];
    for (const [text, words] of contains) expect(message(text), text).toContain(words);
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

  it('on any string: accepts exactly what JSON.parse accepts and the checks allow, with the same value; refuses with a reason otherwise', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), jsonText(), jsonText().map((t) => t.slice(0, -1))), (s) => {
        const r = safeParseJson(s);
        const parsed = tryParse(s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
        if (r.ok) {
          expect(parsed.ok).toBe(true);
          expect(r.value).toEqual(parsed.ok && parsed.value);
        } else {
          expect(r.message).toBe(jsonMessage(r.reason));
          expect(r.message.length).toBeGreaterThan(0);
          if (!parsed.ok) expect(['syntax', 'empty', 'too-deep']).toContain(r.reason.code);
          else expect(isValidButRefused(r.reason)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** Strings: mostly ordinary, sometimes from all of UTF-16, sometimes with exactly one thing the walk refuses. */
const anyString = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom('\u0000', '\u202e', '\u2066', '\ud800', '\udc00', '\ud83d\ude00', '\u200f'), fc.string({ maxLength: 4 })).map((p) => p.join('')) },
);
const anyKey = fc.oneof({ weight: 12, arbitrary: anyString }, { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN_KEYS) });

/** Any JSON value (objects nest up to `maxDepth`), with hostile keys and text now and then. */
const jsonValue = (maxDepth = 6): fc.Arbitrary<unknown> =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constantFrom(null, true, false),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      anyString,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(anyKey, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
/** JSON text of any value, compact or indented. */
const jsonText = () => fc.tuple(jsonValue(), fc.constantFrom(undefined, 0, 2, '\t')).map(([v, indent]) => JSON.stringify(v, null, indent));

function tryParse(s: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

/** The refusals of syntactically valid JSON. */
function isValidButRefused(reason: JsonReason): boolean {
  return reason.code === 'walk' || reason.code === 'too-deep' || reason.code === 'empty';
}

/** Independent oracle: nesting depth, and whether any key is forbidden or any text is refused. */
function inspect(v: unknown): { depth: number; forbiddenKey: boolean; badText: boolean } {
  // eslint-disable-next-line no-control-regex
  const bad = (s: string) => /\u0000|[\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
  const out = { depth: 0, forbiddenKey: false, badText: false };
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x === 'string') out.badText ||= bad(x);
    if (typeof x !== 'object' || x === null) continue;
    out.depth = Math.max(out.depth, d + 1);
    for (const [k, c] of Object.entries(x)) {
      if (!Array.isArray(x)) {
        out.forbiddenKey ||= FORBIDDEN_KEYS.has(k);
        out.badText ||= bad(k);
      }
      stack.push([c, d + 1]);
    }
  }
  return out;
}

describe('safeParseJson: properties', () => {
  it('round-trips any JSON value within the limits, equal to JSON.parse; refuses the rest with the right reason', () => {
    fc.assert(
      fc.property(jsonText(), (text) => {
        const expected: unknown = JSON.parse(text);
        const facts = inspect(expected);
        const r = safeParseJson(text);
        if (!facts.forbiddenKey && !facts.badText) {
          expect(r).toEqual({ ok: true, value: expected });
          return;
        }
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.reason.code).toBe('walk');
        if (r.reason.code === 'walk') expect(['forbidden-key', 'bad-key', 'bad-text']).toContain(r.reason.kind);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses nesting deeper than maxDepth, and only that, naming the limit', () => {
    fc.assert(
      fc.property(jsonValue(12), fc.integer({ min: 1, max: 12 }), (v, maxDepth) => {
        const facts = inspect(v);
        fc.pre(!facts.forbiddenKey && !facts.badText);
        const r = safeParseJson(JSON.stringify(v), { maxDepth });
        if (facts.depth <= maxDepth) expect(r.ok).toBe(true);
        else expect(!r.ok && r.reason).toMatchObject({ code: 'too-deep', maxDepth });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses text over maxBytes (in UTF-8 bytes), and only that, giving the size', () => {
    fc.assert(
      fc.property(jsonText(), fc.integer({ min: 1, max: 400 }), (text, maxBytes) => {
        const bytes = new TextEncoder().encode(text).length;
        const r = safeParseJson(text, { maxBytes });
        if (bytes > maxBytes) {
          expect(!r.ok && r.reason).toEqual({ code: 'too-large', bytes: text.length > maxBytes * 4 ? null : bytes, maxBytes });
        } else expect(r.ok || r.reason.code !== 'too-large').toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('says the input ended early for every cut of a JSON object or array', () => {
    fc.assert(
      fc.property(jsonText().filter((t) => t.startsWith('{') || t.startsWith('[')), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (text, u) => {
        const cut = text.slice(0, 1 + Math.floor(u * (text.length - 1)));
        const r = safeParseJson(cut);
        expect(!r.ok && r.reason.code).toBe('syntax');
        if (!r.ok && r.reason.code === 'syntax') expect(r.reason.problem.end).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a forbidden key through, at any depth, and never pollutes prototypes', () => {
    const path = fc.array(fc.oneof(fc.string({ maxLength: 4 }).filter((k) => !FORBIDDEN_KEYS.has(k)), fc.nat({ max: 3 })), { maxLength: 6 });
    fc.assert(
      fc.property(path, fc.constantFrom(...FORBIDDEN_KEYS), jsonValue(3), (steps, key, leaf) => {
        let text = `{"${key}": ${JSON.stringify(leaf)}}`;
        for (const step of [...steps].reverse()) {
          text = typeof step === 'number' ? `[${'0,'.repeat(step)}${text}]` : `{${JSON.stringify(step)}: ${text}}`;
        }
        const r = safeParseJson(text);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatchObject({ code: 'walk', kind: 'forbidden-key', key });
        expect(Object.prototype).not.toHaveProperty('polluted');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
