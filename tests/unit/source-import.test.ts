/**
 * Reading a pasted or uploaded source (lib/source-import): line endings,
 * byte-order mark, refusals (binary, empty, too long, not a text file) and the
 * proposed title. The refusals' words come from lib/messages/scenario.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSourceFile, looksBinary, normaliseLineEndings, proposeTitle, readSource, PROPOSED_TITLE_MAX } from '@/lib/source-import';
import { LIMITS } from '@/lib/model/constants';
import { sourceRefusalText } from '@/lib/messages/scenario';

describe('readSource', () => {
  it('makes line endings LF and drops a leading byte-order mark', () => {
    const r = readSource('\uFEFFTitle line\r\nsecond\rthird\n');
    expect(r).toEqual({ ok: true, text: 'Title line\nsecond\nthird\n', title: 'Title line' });
  });

  it('never leaves a CR, and changes nothing else (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', 'é', '#') }), (s) => {
        const out = normaliseLineEndings(s);
        expect(out).not.toContain('\r');
        expect(out.replace(/\n/g, '')).toBe(s.replace(/[\r\n]/g, ''));
        // Each line break (CRLF, CR or LF) is one LF.
        expect(out.split('\n').length).toBe(s.split(/\r\n|\r|\n/).length);
      }),
    );
  });

  it('refuses binary, empty and over-long input with a code', () => {
    expect(readSource('PK\u0003\u0004\u0000\u0000abc')).toEqual({ ok: false, refusal: { code: 'binary' } });
    expect(readSource('\uFFFD\uFFFD\uFFFDx\uFFFD')).toEqual({ ok: false, refusal: { code: 'binary' } });
    expect(readSource(' \n\r\n\t')).toEqual({ ok: false, refusal: { code: 'empty' } });
    const long = 'x'.repeat(LIMITS.maxSourceTextLength + 1);
    expect(readSource(long)).toEqual({ ok: false, refusal: { code: 'too-long', length: long.length, max: LIMITS.maxSourceTextLength } });
    // One stray replacement character in a long text is not binary.
    expect(looksBinary(`${'word '.repeat(100)}\uFFFD`)).toBe(false);
    // CRLF counts as one character against the limit.
    expect(readSource('x\r\n'.repeat(LIMITS.maxSourceTextLength / 2)).ok).toBe(true);
  });

  it('refuses a file by its name or size before reading it', () => {
    expect(checkSourceFile('notes.md', 10)).toBeNull();
    expect(checkSourceFile('NOTES.MARKDOWN', 10)).toBeNull();
    expect(checkSourceFile('a.txt', 10)).toBeNull();
    expect(checkSourceFile('blob', 10, 'text/plain')).toBeNull();
    expect(checkSourceFile('photo.png', 10, 'image/png')).toEqual({ code: 'not-text-file', name: 'photo.png' });
    expect(checkSourceFile('big.txt', LIMITS.maxSourceTextLength * 4 + 1)?.code).toBe('too-long');
  });

  it('says each refusal in words', () => {
    expect(sourceRefusalText({ code: 'binary' })).toMatch(/not plain text/);
    expect(sourceRefusalText({ code: 'empty' })).toMatch(/empty/);
    expect(sourceRefusalText({ code: 'too-long', length: 2_000_000, max: 1_000_000 })).toMatch(/1,000,000/);
    expect(sourceRefusalText({ code: 'not-text-file', name: 'x.pdf' })).toMatch(/x\.pdf/);
  });
});

describe('proposeTitle', () => {
  it('takes the first Markdown heading, with its marks removed', () => {
    expect(proposeTitle('Some intro\n\n## The **real** title ##\nbody')).toBe('The real title');
    expect(proposeTitle('Setext title\n============\nbody')).toBe('Setext title');
    expect(proposeTitle('Setext two\n---\nbody')).toBe('Setext two');
  });

  it('else the first non-empty line, cut at a word when long', () => {
    expect(proposeTitle('\n\n  A plain [linked](http://x) line  \nmore')).toBe('A plain linked line');
    const long = `${'word '.repeat(60)}end`;
    const t = proposeTitle(long);
    expect(t.length).toBeLessThanOrEqual(PROPOSED_TITLE_MAX);
    expect(t.endsWith('word…')).toBe(true);
  });

  it('else the file name without its extension', () => {
    expect(proposeTitle('', 'field-notes.md')).toBe('field-notes');
    expect(proposeTitle('', '')).toBe('');
  });
});
