/**
 * Text folding for search and type-ahead: case- and diacritic-insensitive.
 *
 * Each code point is folded on its own (NFKD, combining marks stripped,
 * lower-cased, typographic quotes made plain), so the folded text can always
 * be mapped back to offsets in the original. Pure, no DOM.
 */

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL on purpose
const ASCII = /^[\x00-\x7f]*$/;
const MARK = /\p{M}/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

const SPECIAL: Readonly<Record<string, string>> = {
  '\u2019': "'", // ’
  '\u2018': "'", // ‘
  '\u201b': "'",
  '\u2032': "'", // ′
  '\u02bc': "'",
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"',
  '\u00ab': '"', // «
  '\u00bb': '"', // »
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2010': '-',
  '\u2011': '-',
  '\u00a0': ' ',
  '\u03c2': '\u03c3', // final sigma -> sigma
  '\u00df': 'ss',
  '\u0131': 'i', // dotless i
  '\u0142': 'l', // ł (no decomposition)
  '\u0141': 'l',
  '\u00f8': 'o', // ø
  '\u00d8': 'o',
  '\u0111': 'd', // đ
  '\u0110': 'd',
  '\u00e6': 'ae',
  '\u00c6': 'ae',
  '\u0153': 'oe',
  '\u0152': 'oe',
};

const cache = new Map<string, string>();

/** Folds one code point (given as a string). */
export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  let out = cache.get(ch);
  if (out !== undefined) return out;
  out = SPECIAL[ch];
  if (out === undefined) {
    out = ch.normalize('NFKD').replace(MARK, '').toLowerCase();
    // Re-check specials produced by decomposition (e.g. a ligature of quotes).
    let fixed = '';
    for (const part of out) fixed += SPECIAL[part] ?? part;
    out = fixed;
  }
  if (cache.size < 20_000) cache.set(ch, out);
  return out;
}

/** Folds a string for comparison. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

export interface FoldedText {
  folded: string;
  /** For each UTF-16 unit of `folded`: the start offset in the original. */
  start: Int32Array;
  /** For each UTF-16 unit of `folded`: the end offset in the original (exclusive). */
  end: Int32Array;
}

/** Folds and keeps a map from folded offsets back to original offsets. */
export function foldWithMap(text: string): FoldedText {
  if (ASCII.test(text)) {
    const n = text.length;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      start[i] = i;
      end[i] = i + 1;
    }
    return { folded: text.toLowerCase(), start, end };
  }
  const starts: number[] = [];
  const ends: number[] = [];
  let folded = '';
  let offset = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    const next = offset + ch.length;
    if (f.length === 0) {
      // A stripped mark belongs to the character before it.
      if (ends.length > 0) ends[ends.length - 1] = next;
    } else {
      for (let k = 0; k < f.length; k++) {
        starts.push(offset);
        ends.push(next);
      }
      folded += f;
    }
    offset = next;
  }
  return { folded, start: Int32Array.from(starts), end: Int32Array.from(ends) };
}

/** Maps a match in folded text back to [start, length] in the original text. */
export function mapMatch(map: FoldedText, foldedStart: number, foldedLength: number): [number, number] {
  if (foldedLength <= 0 || map.start.length === 0) return [map.start[foldedStart] ?? 0, 0];
  const s = map.start[foldedStart] ?? 0;
  const e = map.end[Math.min(foldedStart + foldedLength, map.end.length) - 1] ?? s;
  return [s, e - s];
}

/** True when `text[i]` starts a word: the start, or the char before is not a letter or digit. */
export function isWordStart(text: string, i: number): boolean {
  if (i <= 0) return true;
  const prev = text.charCodeAt(i - 1);
  if (prev < 0x80) {
    return !((prev >= 48 && prev <= 57) || (prev >= 97 && prev <= 122) || (prev >= 65 && prev <= 90));
  }
  // Surrogate pairs: look at the whole code point.
  let from = i - 1;
  if (prev >= 0xdc00 && prev <= 0xdfff && from > 0) from -= 1;
  return !WORD_CHAR.test(text.slice(from, i));
}
