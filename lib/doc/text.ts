/**
 * Cleans text the user types or pastes before it enters the document: NUL,
 * bidirectional override and isolate controls (U+202A–U+202E, U+2066–U+2069)
 * are removed and a lone surrogate becomes U+FFFD. These are what snapshot
 * import refuses (lib/io/safe-json.ts checkText), so anything typed here
 * always exports and re-imports. Right-to-left letters themselves are kept.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const CONTROLS = /[\u0000\u202A-\u202E\u2066-\u2069]/g;
const SURROGATE = /[\uD800-\uDFFF]/;

export function cleanText(s: string): string {
  let out = s.replace(CONTROLS, '');
  if (SURROGATE.test(out)) {
    // Keep well-formed pairs, replace lone halves.
    out = out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  }
  return out;
}
