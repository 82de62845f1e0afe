import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalise, sourceParagraphs } from '@/lib/source/text';
import {
  MIN_SIMILARITY,
  alignmentCost,
  checkQuote,
  editDistance,
  findInParagraph,
  findQuote,
  nearestPassage,
  nearestRun,
  words,
} from '@/lib/source/match';
import { citationIndex, citersByEvidence, segments } from '@/lib/source/citations';
import type { Scenario } from '@/lib/model/schema';
import { makeNode } from '../support/trees';

const TEXT = [
  'A title',
  '',
  '  The first paragraph says “hello” to Pakistan’s   neighbours.  ',
  '\t',
  'The second paragraph repeats: hello, hello.',
  '## A Markdown heading',
  '- a list item that says hello',
].join('\n');

describe('sourceParagraphs', () => {
  it('is the non-empty lines, trimmed, whatever the line ends', () => {
    expect(sourceParagraphs(TEXT)).toEqual([
      'A title',
      'The first paragraph says “hello” to Pakistan’s   neighbours.',
      'The second paragraph repeats: hello, hello.',
      '## A Markdown heading',
      '- a list item that says hello',
    ]);
    expect(sourceParagraphs('a\r\n\r\nb\rc\n')).toEqual(['a', 'b', 'c']);
    expect(sourceParagraphs('')).toEqual([]);
  });

  it('agrees with an oracle on any text (lines joined by any line end)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '\t', 'b', '’') }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        expect(sourceParagraphs(lines.join(eol))).toEqual(lines.map((l) => l.trim()).filter((l) => l !== ''));
      }),
    );
  });
});

describe('normalise', () => {
  it('folds quote marks, collapses and trims white space, and maps back to the original', () => {
    const n = normalise('  It’s “so”\u00a0 \tsaid ');
    expect(n.text).toBe('It\'s "so" said');
    // Each kept character maps to the same character (folded) of the original.
    const orig = '  It’s “so”\u00a0 \tsaid ';
    for (let i = 0; i < n.text.length; i++) if (n.text[i] !== ' ') expect(normalise(orig[n.at[i]!]!).text).toBe(n.text[i]);
  });

  it('keeps case, dashes and other punctuation', () => {
    expect(normalise('A–b—C…').text).toBe('A–b—C…');
  });
});

describe('finding a quote', () => {
  const paras = sourceParagraphs(TEXT);

  it('finds every occurrence, with the source’s own characters as the span', () => {
    const p = paras[2]!;
    expect(findInParagraph(p, 'hello').map((s) => p.slice(s.start, s.end))).toEqual(['hello', 'hello']);
    expect(findQuote(paras, 'hello').map((s) => s.paragraph)).toEqual([2, 3, 3, 5]);
  });

  it('counts straight quotes for curly ones and collapsed spaces as exact (documented normalisation)', () => {
    const p = paras[1]!;
    const [s] = findInParagraph(p, 'says "hello" to Pakistan\'s neighbours');
    expect(p.slice(s!.start, s!.end)).toBe('says “hello” to Pakistan’s   neighbours');
  });

  it('does not fold case or dashes', () => {
    expect(findQuote(paras, 'THE FIRST')).toEqual([]);
    expect(findInParagraph('a–b', 'a-b')).toEqual([]);
  });

  it('a substring of a paragraph is always found exactly at its place in that paragraph', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '’', '“', 'c');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.nat(), (lines, pi, a, b) => {
        const paragraphs = sourceParagraphs(lines.join('\n'));
        fc.pre(paragraphs.length > 0);
        const k = pi % paragraphs.length;
        const p = paragraphs[k]!;
        const [from, to] = [a % p.length, (b % p.length) + 1].sort((x, y) => x - y) as [number, number];
        const quote = p.slice(from, to);
        fc.pre(quote.trim() !== '');
        const found = findQuote(paragraphs, quote);
        // Found in its own paragraph, covering the place it was taken from (trimmed of white space).
        const lead = quote.length - quote.trimStart().length;
        const trail = quote.length - quote.trimEnd().length;
        expect(found).toContainEqual({ paragraph: k + 1, start: from + lead, end: to - trail });
        // And the check says exact at that paragraph when it is cited.
        const check = checkQuote(lines.join('\n'), quote, k + 1);
        expect(check.status).toBe('exact');
        if (check.status === 'exact') {
          expect(check.match.paragraph).toBe(k + 1);
          expect(check.elsewhere).toBe(false);
        }
      }),
    );
  });
});

describe('nearest passage (semi-global word alignment)', () => {
  it('edit distance is the Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('its least cost equals a brute-force minimum over every run of words', () => {
    const word = fc.constantFrom('a', 'ab', 'abc', 'b', 'ba', 'c', 'ca');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 7 }), fc.array(word, { minLength: 1, maxLength: 10 }), (q, p) => {
        let min = Infinity;
        for (let i = 0; i < p.length; i++) for (let j = i + 1; j <= p.length; j++) min = Math.min(min, alignmentCost(q, p.slice(i, j)));
        const run = nearestRun(q, p)!;
        expect(run.cost).toBeCloseTo(min, 9);
        // The run it reports does cost that much.
        expect(alignmentCost(q, p.slice(run.from, run.to))).toBeCloseTo(run.cost, 9);
      }),
    );
  });

  it('a quote with one word changed gets the span it came from as nearest passage', () => {
    const vocab = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar'];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(vocab, { minLength: 5 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('zulu', 'xray', 'Pakistn', 'bravoo', 'q'),
        fc.nat(3),
        (ws, a, len, at, replacement, before) => {
          const text = ws.join(' ');
          const m = 3 + (len % (ws.length - 2));
          const start = a % (ws.length - m + 1);
          const quoteWords = ws.slice(start, start + m);
          const k = at % m;
          fc.pre(quoteWords[k] !== replacement);
          quoteWords[k] = replacement;
          const source = ['Title', ...Array.from({ length: before }, (_, i) => `filler ${i}`), text].join('\n');
          const paragraph = 2 + before;
          const check = checkQuote(source, quoteWords.join(' '));
          const expected = ws.slice(start, start + m).join(' ');
          const near = nearestPassage(sourceParagraphs(source), quoteWords.join(' '))!;
          expect({ paragraph: near.paragraph, text: near.text }).toEqual({ paragraph, text: expected });
          expect(near.similarity).toBeGreaterThanOrEqual(1 - 1 / m);
          if (m >= 3) expect(check.status).toBe('near');
        },
      ),
    );
  });

  it('offers a typo’s passage with the source’s characters, and flags nothing close as none', () => {
    const check = checkQuote(TEXT, 'The secnd paragraph repeats');
    expect(check).toMatchObject({ status: 'near', nearest: { paragraph: 3, text: 'The second paragraph repeats:' } });
    expect(checkQuote(TEXT, 'entirely unrelated words here now')).toEqual({ status: 'none' });
  });

  it('prefers the cited paragraph on a tie', () => {
    const src = 'T\nthe cat sat\nthe cat sat';
    expect(nearestPassage(sourceParagraphs(src), 'the cot sat', 3)?.paragraph).toBe(3);
    expect(nearestPassage(sourceParagraphs(src), 'the cot sat')?.paragraph).toBe(2);
  });

  it('reads words as runs of non-space characters with offsets', () => {
    expect(words(' a  b’c ')).toEqual([
      { w: 'a', start: 1, end: 2 },
      { w: "b'c", start: 4, end: 7 },
    ]);
  });
});

describe('checkQuote', () => {
  it('says a source without text cannot be checked', () => {
    expect(checkQuote(undefined, 'x')).toEqual({ status: 'no-text' });
    expect(checkQuote('  \n', 'x', 1)).toEqual({ status: 'no-text' });
  });

  it('exact in the cited paragraph, or exact elsewhere (flagged)', () => {
    expect(checkQuote(TEXT, 'hello', 3)).toMatchObject({ status: 'exact', match: { paragraph: 3 }, elsewhere: false, identical: true });
    expect(checkQuote(TEXT, 'second paragraph', 2)).toMatchObject({ status: 'exact', match: { paragraph: 3 }, elsewhere: true });
    expect(checkQuote(TEXT, 'second paragraph')).toMatchObject({ status: 'exact', elsewhere: false });
  });

  it('says when the source’s characters differ from an exact (normalised) quote', () => {
    const c = checkQuote(TEXT, 'says "hello"', 2);
    expect(c).toMatchObject({ status: 'exact', identical: false, text: 'says “hello”' });
  });

  it('keeps its threshold meaningful', () => {
    expect(MIN_SIMILARITY).toBeGreaterThan(0);
    expect(MIN_SIMILARITY).toBeLessThan(1);
  });
});

describe('citations', () => {
  const scenario = {
    sources: [{ id: 'src', title: 'T', kind: 'article', text: 'Title\nThe cat sat on the mat.\nDogs bark.' }],
    nodes: [makeNode('root', null, 0, 'Root', { evidenceIds: ['e1'] }), makeNode('kid', 'root', 0, 'Kid', { evidenceIds: ['e2', 'e1'] })],
    assumptions: [{ id: 'a1', statement: 'Cats sit', evidenceIds: ['e1'], underminingEvidenceIds: [] }],
    risks: [{ id: 'r1', statement: 'Barking', severity: 'low', evidenceIds: ['e3'], underminingEvidenceIds: [] }],
    indicators: [{ id: 'i1', statement: 'Mats', evidenceIds: ['e2'], underminingEvidenceIds: [], observedEvidenceIds: [] }],
    context: [{ id: 'c1', title: 'Pets', description: '', evidenceIds: ['e3'], underminingEvidenceIds: [] }],
    evidence: [
      { id: 'e1', quote: 'The cat sat', paragraph: 2, sourceId: 'src' },
      { id: 'e2', quote: 'on the mat', paragraph: 2, sourceId: 'src' },
      { id: 'e3', quote: 'Dogs bank', paragraph: 3, sourceId: 'src' },
      { id: 'e4', quote: 'elsewhere', paragraph: 2, sourceId: 'other' },
    ],
  } as unknown as Scenario;

  it('lists each evidence quote’s citing records, by kind', () => {
    const by = citersByEvidence(scenario);
    expect(by.get('e1')?.map((c) => `${c.kind}:${c.id}`)).toEqual(['nodes:root', 'nodes:kid', 'assumptions:a1']);
    expect(by.get('e3')?.map((c) => `${c.kind}:${c.id}`)).toEqual(['risks:r1', 'context:c1']);
  });

  it('indexes each paragraph’s quotes (with their spans) and citing records, once each', () => {
    const idx = citationIndex(scenario, 'src');
    expect([...idx.keys()].sort()).toEqual([2, 3]);
    const p2 = idx.get(2)!;
    expect(p2.quotes.map((q) => [q.evidence.id, q.spans])).toEqual([
      ['e1', [{ start: 0, end: 11 }]],
      ['e2', [{ start: 12, end: 22 }]],
    ]);
    expect(p2.citers.map((c) => `${c.kind}:${c.id}`)).toEqual(['nodes:root', 'nodes:kid', 'assumptions:a1', 'indicators:i1']);
    // A quote that does not match its paragraph has no span (nothing to highlight).
    expect(idx.get(3)!.quotes[0]!.spans).toEqual([]);
    expect(idx.get(3)!.citers.map((c) => c.kind)).toEqual(['risks', 'context']);
  });

  it('cuts a paragraph into pieces that join to it, each marked by exactly the marks covering it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 5 }),
        (text, raw) => {
          const marks = raw.map(([a, b], i) => ({ start: Math.min(a, b), end: Math.max(a, b), id: `m${i}` }));
          const segs = segments(text, marks);
          expect(segs.map((s) => s.text).join('')).toBe(text);
          for (const s of segs) {
            for (let k = s.start; k < s.start + s.text.length; k++) {
              const covering = marks.filter((m) => m.end <= text.length && m.start <= k && k < m.end).map((m) => m.id);
              expect(s.ids).toEqual(covering);
            }
          }
        },
      ),
    );
  });
});
