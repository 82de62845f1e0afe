/**
 * A source's text as the app reads it. "Paragraph N" is the Nth non-empty
 * line, trimmed (line 1 of an article is its title); Markdown text is read
 * the same way, its markup left as it is. Pure: no React, no DOM.
 *
 * Comparing a quote with the source: both sides are first NORMALISED, and a
 * quote is exact when its normalised form is a substring of the normalised
 * paragraph. Normalisation folds only typography a person cannot be expected
 * to type as printed:
 * - quote marks and apostrophes: ‘ ’ ‚ ‛ ′ ʼ ` ´ read as ', and “ ” „ ‟ ″ « » read as ";
 * - white space: each run of white space (spaces, tabs, no-break spaces, line
 *   breaks) reads as one space, and leading or trailing white space is ignored.
 * Everything else counts: letters and their case, digits, dashes, ellipses and
 * other punctuation. A match is reported as a span of the ORIGINAL paragraph,
 * so the source's own characters can always be shown or copied.
 */

/** The paragraphs of a source text: its non-empty lines, trimmed (index 0 is paragraph 1). */
export function sourceParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

const SINGLE = /[\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4]/;
const DOUBLE = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;
const SPACE = /\s/;

/** One character as compared (after folding quote marks). */
export function foldChar(c: string): string {
  if (SINGLE.test(c)) return "'";
  if (DOUBLE.test(c)) return '"';
  return c;
}

export interface Normalised {
  /** The normalised text. */
  text: string;
  /** `at[i]` is the index in the original of normalised character i; `at[text.length]` is the original's end of the last character kept. */
  at: number[];
}

/** Folds quote marks, collapses white-space runs to one space and trims, keeping where each character came from. */
export function normalise(original: string): Normalised {
  let text = '';
  const at: number[] = [];
  let pendingSpace = -1;
  let end = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original[i]!;
    if (SPACE.test(c)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && text.length > 0) {
      text += ' ';
      at.push(pendingSpace);
    }
    pendingSpace = -1;
    text += foldChar(c);
    at.push(i);
    end = i + 1;
  }
  at.push(end);
  return { text, at };
}

/** The original span [start, end) of the normalised span [from, to) (to > from). */
export function originalSpan(n: Normalised, from: number, to: number): { start: number; end: number } {
  return { start: n.at[from]!, end: n.at[to - 1]! + 1 };
}
