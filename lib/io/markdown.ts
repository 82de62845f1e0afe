/**
 * Markdown safety for text that goes into generated Markdown (briefs).
 *
 * - `escapeInline` / `escapeBlock`: user text that is plain text (titles,
 *   statements, quotes) is escaped so it cannot form links, HTML, headings,
 *   lists or tables.
 * - `sanitizeNoteMarkdown`: user notes are Markdown and kept as such, but raw
 *   HTML is removed and links/images/autolinks whose destination is not
 *   http(s), mailto, a fragment or a relative path are neutralised (so
 *   `javascript:` and `data:` links cannot survive): the link-safety rule of
 *   lib/markdown/links.ts, which the note renderer uses too.
 *
 * Loops and non-backtracking regular expressions only.
 */

import { isSafeLinkDestination } from '@/lib/markdown/links';

export { isSafeLinkDestination };

/** Escapes characters that have inline meaning anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&]/g;

function escapeLineStart(s: string): string {
  // Constructs that only mean something at the start of a line: headings,
  // quotes, list bullets, setext underlines, ordered lists.
  if (/^[#>+=-]/.test(s)) return `\\${s}`;
  const m = /^(\d{1,9})([.)])/.exec(s);
  if (m) return `${m[1]}\\${m[2]}${s.slice(m[0].length)}`;
  return s;
}

/** Escapes one line of plain text (line breaks become spaces). */
export function escapeInline(text: string): string {
  const flat = String(text).replace(/[\r\n\t]+/g, ' ').trim();
  return escapeLineStart(flat.replace(INLINE_SPECIAL, (c) => `\\${c}`));
}

/** Escapes multi-line plain text, keeping paragraph breaks. */
export function escapeBlock(text: string): string {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    out.push(t === '' ? '' : escapeInline(t));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Removes raw HTML tags, comments and declarations; escapes any stray `<` that could start one. */
function stripHtml(line: string): string {
  let s = line;
  for (let pass = 0; pass < 5; pass++) {
    const before = s;
    s = s
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<\?[^>]*\?>/g, '')
      .replace(/<![A-Za-z[][^>]*>/g, '')
      .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?>/g, '');
    if (s === before) break;
  }
  // Anything left that could open a tag: keep only http(s)/mailto autolinks.
  return s.replace(/<(?=[A-Za-z/!?])/g, (_m, offset: number) => {
    const rest = s.slice(offset, offset + 2100);
    const auto = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>/.exec(rest);
    return auto && isSafeLinkDestination(auto[1]!) ? '<' : '\\<';
  });
}

/** Neutralises inline links and images with unsafe destinations by escaping their `]`. */
function neutraliseInlineLinks(text: string): string {
  return text.replace(/\]\(([ \t\n]*)(<[^>\n]*>|[^\s)]*)/g, (m, _ws: string, dest: string, offset: number, whole: string) => {
    if (isSafeLinkDestination(dest)) return m;
    // Keep an already-escaped bracket as it is (an odd number of backslashes before it).
    let slashes = 0;
    for (let i = offset - 1; i >= 0 && whole.charCodeAt(i) === 92; i--) slashes++;
    return slashes % 2 === 1 ? m : `\\${m}`;
  });
}

const REF_DEF = /^ {0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*(\S*)/;

/**
 * Sanitises a user's Markdown note: raw HTML removed, links with unsafe
 * destinations neutralised (shown as text, not followed). Code fences are
 * left untouched (their content is never rendered as HTML or links).
 */
export function sanitizeNoteMarkdown(markdown: string): string {
  const lines = String(markdown).replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  let prose: string[] = [];
  const flush = () => {
    if (prose.length === 0) return;
    out.push(neutraliseInlineLinks(prose.join('\n')));
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      out.push(line);
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      flush();
      fence = f[1]!;
      out.push(line);
      continue;
    }
    line = stripHtml(line);
    const def = REF_DEF.exec(line);
    if (def) {
      let dest = def[2] ?? '';
      if (dest === '') dest = (lines[i + 1] ?? '').trim().split(/\s/)[0] ?? '';
      if (!isSafeLinkDestination(dest)) line = line.replace('[', '\\[');
    }
    prose.push(line);
  }
  flush();
  return out.join('\n');
}
