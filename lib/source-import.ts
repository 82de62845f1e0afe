/**
 * Reading a source the analyst pastes or uploads (plain text or Markdown)
 * into the text a scenario's source holds: line endings made LF, a leading
 * byte-order mark dropped, binary or over-long input refused with a code
 * (lib/messages/scenario words it), and a title proposed from the first
 * Markdown heading or else the first line.
 *
 * Pure: no DOM. The component reads the file (file.text()) and passes the
 * string and the file's name and size.
 */
import { LIMITS } from '@/lib/model/constants';

/** File names the upload accepts (the input's `accept` lists the same). */
export const SOURCE_FILE_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
export const SOURCE_FILE_ACCEPT = '.txt,.md,.markdown,text/plain,text/markdown';

/** A proposed title is cut to this many characters (at a word where it can). */
export const PROPOSED_TITLE_MAX = 120;

export type SourceRefusal =
  | { code: 'empty' }
  | { code: 'binary' }
  | { code: 'too-long'; length: number; max: number }
  | { code: 'not-text-file'; name: string };

export type SourceRead = { ok: true; text: string; title: string } | { ok: false; refusal: SourceRefusal };

/** CRLF and lone CR become LF. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPICIOUS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/g;

/**
 * Whether the text looks like a binary file decoded as text: a NUL anywhere,
 * or more than 2% control characters and replacement characters (U+FFFD, what
 * UTF-8 decoding leaves of bytes that are not text).
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const n = text.match(SUSPICIOUS)?.length ?? 0;
  return n > 0 && n / Math.max(1, text.length) > 0.02;
}

/** Whether a file's name says it is plain text or Markdown. */
export function isSourceFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return SOURCE_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Refuses a file before reading it when its name or size rules it out (a
 * UTF-8 character takes at most 4 bytes, so a larger file cannot fit).
 */
export function checkSourceFile(name: string, size: number, type = ''): SourceRefusal | null {
  if (!isSourceFileName(name) && type !== 'text/plain' && type !== 'text/markdown') return { code: 'not-text-file', name };
  if (size > LIMITS.maxSourceTextLength * 4) return { code: 'too-long', length: size, max: LIMITS.maxSourceTextLength };
  return null;
}

function cutTitle(line: string): string {
  const t = line.replace(/\s+/g, ' ').trim();
  if (t.length <= PROPOSED_TITLE_MAX) return t;
  const cut = t.slice(0, PROPOSED_TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > PROPOSED_TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A line's text without Markdown's heading marks, emphasis and link syntax. */
function plainLine(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .replace(/^\s{0,3}(?:>\s?|[-*+]\s+)/, '');
}

/**
 * A title for a source: its first Markdown heading (ATX "# Title", or a line
 * underlined with === or ---) among the first lines, else its first non-empty
 * line, else the file's name without its extension; '' when none of these.
 */
export function proposeTitle(text: string, fileName = ''): string {
  const lines = normaliseLineEndings(text).split('\n');
  const head = Math.min(lines.length, 40);
  for (let i = 0; i < head; i++) {
    const line = lines[i]!;
    if (/^\s{0,3}#{1,6}\s+\S/.test(line)) return cutTitle(plainLine(line));
    const next = lines[i + 1];
    if (line.trim() && next !== undefined && /^\s{0,3}(=+|-{2,})\s*$/.test(next)) return cutTitle(plainLine(line));
  }
  const first = lines.find((l) => l.trim());
  if (first !== undefined) {
    const plain = cutTitle(plainLine(first));
    if (plain) return plain;
  }
  const dot = fileName.lastIndexOf('.');
  return cutTitle(dot > 0 ? fileName.slice(0, dot) : fileName);
}

/** Reads pasted or uploaded text into a source's text and a proposed title, or says why not. */
export function readSource(raw: string, fileName = ''): SourceRead {
  const text = normaliseLineEndings(raw.startsWith('\uFEFF') ? raw.slice(1) : raw);
  if (looksBinary(text)) return { ok: false, refusal: { code: 'binary' } };
  if (!text.trim()) return { ok: false, refusal: { code: 'empty' } };
  if (text.length > LIMITS.maxSourceTextLength) {
    return { ok: false, refusal: { code: 'too-long', length: text.length, max: LIMITS.maxSourceTextLength } };
  }
  return { ok: true, text, title: proposeTitle(text, fileName) };
}
