/**
 * Label measurement without a DOM: a per-character width table for a
 * Helvetica/Arial-like sans-serif, greedy word wrapping into at most N lines,
 * truncation with "…". Deterministic: same input, same output, everywhere.
 */

export interface LabelOptions {
  /** Font size in px. Default 13. */
  fontSize?: number;
  /** Line height in px. Default round(fontSize * 1.3). */
  lineHeight?: number;
  /** Max line width in px. Default 200. */
  maxWidth?: number;
  /** Max number of lines. Default 2. */
  maxLines?: number;
  /** Multiplier on every width (use > 1 for a wider font or bold). Default 1. */
  widthScale?: number;
}

export interface LabelBox {
  lines: string[];
  /** Width of the widest line, px. */
  width: number;
  /** lines.length * lineHeight, px. */
  height: number;
  /** True when text was cut and "…" added. */
  truncated: boolean;
}

export const ELLIPSIS = '\u2026';

// Helvetica AFM advance widths (per 1000 em) for ASCII 32..126.
// prettier-ignore
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '..'/'
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0'..'?'
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // '@'..'O'
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P'..'_'
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`'..'o'
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'..'~'
];

const TABLE = new Float64Array(128);
for (let c = 0; c < 128; c++) TABLE[c] = c >= 32 && c <= 126 ? ASCII_WIDTHS[c - 32]! / 1000 : 0;
TABLE[9] = TABLE[32]!; // tab as a space

const PUNCT: Readonly<Record<number, number>> = {
  0x00a0: 0.278, // nbsp
  0x00ab: 0.556,
  0x00bb: 0.556,
  0x00b0: 0.4,
  0x00b7: 0.278,
  0x00d7: 0.584,
  0x00f7: 0.584,
  0x00df: 0.611, // ß
  0x00e6: 0.889, // æ
  0x00c6: 1.0, // Æ
  0x0153: 0.944, // œ
  0x0152: 1.0, // Œ
  0x00f8: 0.611, // ø
  0x00d8: 0.778, // Ø
  0x2010: 0.333,
  0x2011: 0.333,
  0x2013: 0.556, // –
  0x2014: 1.0, // —
  0x2018: 0.222, // ‘
  0x2019: 0.222, // ’
  0x201a: 0.222,
  0x201c: 0.333, // “
  0x201d: 0.333, // ”
  0x201e: 0.333,
  0x2022: 0.35, // •
  0x2026: 1.0, // …
  0x2030: 1.0,
  0x20ac: 0.556, // €
  0x00a3: 0.556, // £
  0x00a5: 0.556,
  0x2122: 1.0,
};

const latinCache = new Map<number, number>();

/** Inclusive code-point ranges, [first, last]. */
type Ranges = ReadonlyArray<readonly [number, number]>;

/** Zero-width: combining marks, ZW space/joiners/marks, variation selectors, BOM, soft hyphen. */
const ZERO_WIDTH: Ranges = [
  [0x0300, 0x036f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe20, 0xfe2f],
  [0x200b, 0x200f], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0x00ad, 0x00ad],
];

/** East Asian wide / full-width: CJK, Hangul, Kana, full-width forms. */
const WIDE: Ranges = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x3fffd],
];

function inRanges(cp: number, ranges: Ranges): boolean {
  for (const [first, last] of ranges) if (cp >= first && cp <= last) return true;
  return false;
}

/** Width of one code point in em. */
export function charWidthEm(cp: number): number {
  if (cp < 128) return TABLE[cp]!;
  const p = PUNCT[cp];
  if (p !== undefined) return p;
  // Zero-width: combining marks, ZW space/joiners, variation selectors, BOM.
  if (inRanges(cp, ZERO_WIDTH)) return 0;
  if (isWide(cp)) return 1.0;
  if (cp >= 0x1f000 && cp <= 0x1faff) return 1.15; // emoji and pictographs
  // Latin-1 Supplement / Latin Extended: width of the base letter.
  if (cp >= 0x00c0 && cp <= 0x024f) {
    let w = latinCache.get(cp);
    if (w === undefined) {
      const base = String.fromCodePoint(cp).normalize('NFD').charCodeAt(0);
      w = base < 128 && base >= 32 ? TABLE[base]! : 0.556;
      latinCache.set(cp, w);
    }
    return w;
  }
  // Greek and Cyrillic: roughly Latin lower-case average.
  if (cp >= 0x0370 && cp <= 0x04ff) return 0.58;
  // Arabic, Hebrew: a little narrower.
  if (cp >= 0x0590 && cp <= 0x06ff) return 0.5;
  return 0.6;
}

/** East Asian wide / full-width characters (CJK, Hangul, Kana, full-width forms). */
export function isWide(cp: number): boolean {
  return inRanges(cp, WIDE);
}

/** Estimated rendered width of `text` in px at `fontSize`. */
export function textWidth(text: string, fontSize = 13, widthScale = 1): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    em += cp < 128 ? TABLE[cp]! : charWidthEm(cp);
  }
  return em * fontSize * widthScale;
}

let widthBuf = new Float64Array(256);

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000;
}

function isHyphenCode(c: number): boolean {
  return c === 45 || c === 47 || c === 0x2010 || c === 0x2013 || c === 0x2014;
}

/** Sum of widths in [from, to), ignoring trailing spaces. */
function spanWidth(text: string, widths: Float64Array, from: number, to: number): number {
  let end = to;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  let w = 0;
  for (let i = from; i < end; i++) w += widths[i]!;
  return w;
}

/** End index (exclusive) of the code point starting at i. */
function cpEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/**
 * Wraps `title` into at most `maxLines` lines within `maxWidth` px, cutting
 * with "…" when it does not fit. Breaks at spaces, after hyphens and slashes,
 * and around wide (CJK) characters; a word longer than a line is broken.
 * Runs of whitespace count as one space.
 */
export function measureLabel(title: string, options: LabelOptions = {}): LabelBox {
  const fontSize = options.fontSize ?? 13;
  const lineHeight = options.lineHeight ?? Math.round(fontSize * 1.3);
  const maxWidth = Math.max(1, options.maxWidth ?? 200);
  const maxLines = Math.max(1, Math.floor(options.maxLines ?? 2));
  const px = fontSize * (options.widthScale ?? 1);

  // Per-unit widths (the width of a code point sits on its first unit), and
  // whether whitespace needs normalising.
  let text = title;
  let n = text.length;
  let messy = n > 0 && (isSpaceCode(text.charCodeAt(0)) || isSpaceCode(text.charCodeAt(n - 1)));
  for (let i = 0; i < n && !messy; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 && (c !== 32 || text.charCodeAt(i + 1) === 32)) messy = true;
  }
  if (messy) {
    text = title.replace(/\s+/g, ' ').trim();
    n = text.length;
  }
  if (widthBuf.length < n) widthBuf = new Float64Array(Math.max(n, widthBuf.length * 2));
  const widths = widthBuf;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 128) {
      const w = TABLE[cp]! * px;
      widths[i] = w;
      total += w;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        const w = charWidthEm(cp) * px;
        widths[i] = w;
        widths[i + 1] = 0;
        total += w;
        i++;
        continue;
      }
    }
    const w = charWidthEm(cp) * px;
    widths[i] = w;
    total += w;
  }

  if (total <= maxWidth + 1e-9) {
    return { lines: [text], width: total, height: lineHeight, truncated: false };
  }

  const ellW = charWidthEm(0x2026) * px;
  const lines: string[] = [];
  let width = 0;
  let truncated = false;
  let start = 0;
  while (start < n) {
    while (start < n && isSpaceCode(text.charCodeAt(start))) start++;
    if (start >= n) break;
    const last = lines.length === maxLines - 1;
    // Greedy: extend until a visible character would overflow.
    let w = 0;
    let brkEnd = -1; // line end at the latest break opportunity
    let brkNext = -1; // where the next line starts after it
    let brkW = 0; // width of the line up to brkEnd
    let end = n;
    let next = n;
    let overflow = false;
    for (let i = start; i < n; ) {
      const c = text.charCodeAt(i);
      const j = cpEnd(text, i);
      if (isSpaceCode(c)) {
        if (brkEnd !== i) {
          brkEnd = i;
          brkW = w;
        }
        brkNext = j;
        w += widths[i]!;
        i = j;
        continue;
      }
      const wide = c >= 0x1100 && isWide(j - i === 2 ? text.codePointAt(i)! : c);
      if (wide && i > start && !isSpaceCode(text.charCodeAt(i - 1))) {
        brkEnd = i;
        brkNext = i;
        brkW = w;
      }
      if (w + widths[i]! > maxWidth + 1e-9) {
        overflow = true;
        if (brkEnd > start) {
          end = brkEnd;
          next = brkNext;
        } else {
          end = i > start ? i : j;
          next = end;
          brkW = i > start ? w : widths[i]!;
        }
        break;
      }
      w += widths[i]!;
      if (wide || (isHyphenCode(c) && i > start)) {
        brkEnd = j;
        brkNext = j;
        brkW = w;
      }
      i = j;
    }
    if (!overflow) {
      lines.push(text.slice(start, n).trimEnd());
      const lw = spanWidth(text, widths, start, n);
      if (lw > width) width = lw;
      break;
    }
    if (last) {
      // Last allowed line: as much as fits with "…", at a word break when that keeps most of the line.
      truncated = true;
      let cut = start;
      let cw = 0;
      for (let i = start; i < n; ) {
        const j = cpEnd(text, i);
        if (cw + widths[i]! + ellW > maxWidth + 1e-9) break;
        cw += widths[i]!;
        cut = i = j;
      }
      if (brkEnd > start && brkEnd <= cut && brkW >= 0.6 * maxWidth) cut = brkEnd;
      const line = text.slice(start, cut).trimEnd() + ELLIPSIS;
      lines.push(line);
      const lw = spanWidth(text, widths, start, cut) + ellW;
      if (lw > width) width = lw;
      break;
    }
    lines.push(text.slice(start, end).trimEnd());
    const lw = spanWidth(text, widths, start, end);
    if (lw > width) width = lw;
    start = next;
  }
  if (lines.length === 0) lines.push('');
  return { lines, width, height: lines.length * lineHeight, truncated };
}

/** Measurements kept per set of label options (font, width, lines), shared by every measurer made with them. */
const sharedCaches = new Map<string, Map<string, LabelBox>>();
/** A cache holding more titles than this starts again (a bound on memory, far above a 50,000-node tree's titles). */
const CACHE_LIMIT = 200_000;

function optionsKey(o: LabelOptions): string {
  return `${o.fontSize ?? ''}|${o.lineHeight ?? ''}|${o.maxWidth ?? ''}|${o.maxLines ?? ''}|${o.widthScale ?? ''}`;
}

/**
 * A measurer with a cache keyed by title, for laying out many nodes. Measurers
 * made with the same options share one cache, so a new layout (a new sizer
 * after the marks changed, an export) measures only titles never seen before.
 * The boxes are shared: treat them as read-only.
 */
export function createLabelMeasurer(options: LabelOptions = {}): (title: string) => LabelBox {
  const key = optionsKey(options);
  let cache = sharedCaches.get(key);
  if (!cache) sharedCaches.set(key, (cache = new Map()));
  const own = cache;
  return (title: string) => {
    let box = own.get(title);
    if (!box) {
      box = measureLabel(title, options);
      if (own.size >= CACHE_LIMIT) own.clear();
      own.set(title, box);
    }
    return box;
  };
}

/** Forgets every shared measurement (for benchmarks that time measuring from nothing, and tests). */
export function clearLabelCaches(): void {
  sharedCaches.clear();
}
