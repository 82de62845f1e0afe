/**
 * "12,345": a whole number with its thousands grouped, as `toLocaleString('en')` writes it. Written out by hand
 * because a page's first `Intl` or `toLocaleString` call loads the locale data (40-80 ms measured in Chromium on
 * this machine), and counts are on the first screen. Anything that is not a safe integer goes to `Intl`.
 */
export function digits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en');
  const s = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** "1 branch", "2,000 branches": a count with its noun, singular or plural. */
export function countOf(k: number, one: string, many = `${one}s`): string {
  return `${digits(k)} ${k === 1 ? one : many}`;
}
