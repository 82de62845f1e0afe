/**
 * The one link-safety rule for Markdown, used by the note renderer
 * (lib/markdown.ts, components/Markdown.tsx: which destinations become
 * links) and by the brief writer (lib/io/markdown.ts: which links a note may
 * keep in generated Markdown).
 *
 * A destination is read the way a Markdown renderer and a browser would read
 * it: wrapping angle brackets dropped, backslash escapes and HTML character
 * references decoded. It is safe when, so read, it holds no whitespace,
 * control or invisible format character anywhere, every character reference
 * in it is one this module knows, and either its scheme is http or https
 * (with a host) or mailto (with an address), or it has no scheme at all (a
 * fragment, a path or a relative reference: safe to keep in text, but never
 * a link the app itself opens).
 *
 * Loops and linear regular expressions only.
 */

/** Longest destination that may be a link. */
export const MAX_URL_LENGTH = 2048;

export type LinkVerdict =
  | { ok: true; absolute: boolean; url: string }
  | { ok: false; reason: 'empty' | 'too-long' | 'unknown-entity' | 'hidden-character' | 'scheme' | 'malformed' };

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  amp: '&',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  period: '.',
  comma: ',',
  num: '#',
  excl: '!',
  semi: ';',
  equals: '=',
  quest: '?',
  percnt: '%',
  commat: '@',
  plus: '+',
  dollar: '$',
  hyphen: '-',
  lowbar: '_',
};

// Whitespace, controls, invisible format characters (zero-width, bidi), line and paragraph separators.
const HIDDEN = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]{0,31}):/;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** The destination with escapes and character references decoded; null if it holds a reference this module does not know. */
function decode(raw: string): string | null {
  let unknown = false;
  const d = raw
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(#[xX][0-9a-fA-F]{1,8}|#\d{1,9}|[A-Za-z][A-Za-z0-9]{0,31});/g, (m, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      const v = NAMED_ENTITIES[body.toLowerCase()];
      if (v === undefined) unknown = true;
      return v ?? m;
    });
  return unknown ? null : d;
}

/** Whether a link destination is safe, and if so whether it is absolute, with the URL as read. */
export function checkLink(raw: string): LinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'empty' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'too-long' };
  let d = raw;
  if (d.startsWith('<') && d.endsWith('>')) d = d.slice(1, -1);
  const url = decode(d);
  if (url === null) return { ok: false, reason: 'unknown-entity' };
  if (url.length === 0) return { ok: false, reason: 'empty' };
  if (HIDDEN.test(url)) return { ok: false, reason: 'hidden-character' };

  const m = SCHEME.exec(url);
  if (!m) {
    // No scheme: a fragment, a path or a relative reference. A colon before any
    // slash, ? or # would still be read as a scheme by some parsers.
    const colon = url.indexOf(':');
    if (colon < 0) return { ok: true, absolute: false, url };
    const sep = url.search(/[/?#]/);
    return sep >= 0 && sep < colon ? { ok: true, absolute: false, url } : { ok: false, reason: 'scheme' };
  }
  const scheme = m[1]!.toLowerCase();
  if (!SAFE_SCHEMES.has(scheme)) return { ok: false, reason: 'scheme' };
  if (scheme === 'mailto' ? url.length <= m[0].length : !url.startsWith('//', m[0].length)) return { ok: false, reason: 'malformed' };
  // The browser's parser must read it as the same safe scheme (e.g. "mailto://>x" does not parse at all).
  try {
    const u = new URL(url);
    if (u.protocol !== `${scheme}:` || (scheme !== 'mailto' && !u.hostname)) return { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, absolute: true, url };
}

/**
 * The destination if the app may link to it: safe, absolute (http, https or
 * mailto), and written plainly (no escapes or character references, so the
 * link goes exactly where its text says). Else null.
 */
export function safeHref(raw: string): string | null {
  const v = checkLink(raw);
  return v.ok && v.absolute && v.url === raw ? raw : null;
}

/** Whether generated Markdown may keep a link to this destination (absolute and safe, or relative). */
export function isSafeLinkDestination(raw: string): boolean {
  return checkLink(raw).ok;
}
