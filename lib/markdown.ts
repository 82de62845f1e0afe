/**
 * A small, safe Markdown parser for the analyst's notes. It produces a tiny
 * AST (never HTML); `components/Markdown.tsx` renders the AST as React
 * elements, so user text only ever reaches the DOM as text nodes.
 *
 * Supported: paragraphs (every line break inside a paragraph is kept),
 * headings (# to ######, each keeping its level), bullet and numbered lists
 * (nested by indentation), blockquotes, fenced code blocks, thematic breaks,
 * **bold**, *italic*, `inline code`, [links](https://…), <https://…> and bare
 * http(s)/mailto URLs.
 *
 * Safety:
 * - Raw HTML is not recognised at all; `<script>` stays literal text.
 * - Only http:, https: and mailto: destinations become links (`safeHref`,
 *   the link-safety rule of lib/markdown/links.ts, which the brief writer
 *   uses too); anything else, including obfuscated schemes, stays plain text.
 * - Nesting is capped (blocks and inlines), so the only recursion is bounded
 *   by a small constant whatever the input; scans are loops, regular
 *   expressions are linear, and delimiter searches remember failures so
 *   hostile input cannot make the parser quadratic.
 */

import { MAX_URL_LENGTH, safeHref } from '@/lib/markdown/links';

export { MAX_URL_LENGTH, safeHref };

export type MdInline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'break' };

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export type MdBlock =
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'heading'; level: HeadingLevel; children: MdInline[] }
  | { type: 'code'; lang: string; value: string }
  | { type: 'blockquote'; children: MdBlock[] }
  | { type: 'list'; ordered: boolean; start: number; tight: boolean; items: MdBlock[][] }
  | { type: 'hr' };

/** Blockquotes and lists nest at most this deep; deeper markers stay text. */
export const MAX_BLOCK_DEPTH = 6;
/** Emphasis and links nest at most this deep; deeper delimiters stay text. */
export const MAX_INLINE_DEPTH = 6;
/** Input beyond this many characters is not parsed (it is cut off with “…”). */
export const MAX_SOURCE_LENGTH = 100_000;

// ---------------------------------------------------------------- inline

const ASCII_PUNCT = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const isSpace = (ch: string | undefined) => ch === undefined || SPACE.test(ch);
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,2048})>/y;
const BARE_URL = /(?:https?:\/\/|mailto:)[^\s<>]{1,2048}/iy;
const TRAILING_PUNCT = new Set('.,:;!?\'"*_~');

function trimUrl(url: string): string {
  let open = 0;
  let close = 0;
  for (let k = 0; k < url.length; k++) {
    if (url[k] === '(') open++;
    else if (url[k] === ')') close++;
  }
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1]!;
    if (TRAILING_PUNCT.has(ch)) end--;
    else if (ch === ')' && close > open) {
      end--;
      close--;
    } else break;
  }
  return url.slice(0, end);
}

/**
 * Scans a link destination starting at `from` (just after "(").
 * Returns the URL and the index just after the closing ")", or null.
 */
function scanDestination(src: string, from: number): { url: string; end: number } | null {
  let j = from;
  while (src[j] === ' ') j++;
  const start = j;
  let parens = 0;
  while (j < src.length && j - start <= MAX_URL_LENGTH) {
    const ch = src[j]!;
    // Brackets and angle brackets are never raw in a URL; stopping there keeps every scan short.
    if (SPACE.test(ch) || ch === '[' || ch === ']' || ch === '<' || ch === '>') break;
    if (ch === '(') parens++;
    else if (ch === ')') {
      if (parens === 0) break;
      parens--;
    }
    j++;
  }
  if (j - start > MAX_URL_LENGTH) return null;
  const url = src.slice(start, j);
  while (src[j] === ' ') j++;
  const q = src[j];
  if (q === '"' || q === "'") {
    let close = j + 1;
    while (close < src.length && close - j <= 1000 && src[close] !== q) close++;
    if (src[close] !== q) return null;
    j = close + 1;
    while (src[j] === ' ') j++;
  }
  if (src[j] !== ')') return null;
  return { url, end: j + 1 };
}

function parseInline(src: string, depth: number, inLink: boolean): MdInline[] {
  const out: MdInline[] = [];
  const n = src.length;
  let buf = '';
  const flush = () => {
    if (buf) out.push({ type: 'text', value: buf });
    buf = '';
  };
  const nested = depth < MAX_INLINE_DEPTH;

  // A search for a closer that failed from position p fails from any later position too.
  const failedFrom = new Map<string, number>();
  const findCloser = (ch: string, len: number, from: number, flanking: boolean): number => {
    const key = `${ch}${len}${flanking ? 'f' : ''}`;
    const failed = failedFrom.get(key);
    if (failed !== undefined && from >= failed) return -1;
    let j = from;
    for (;;) {
      const p = src.indexOf(ch, j);
      if (p < 0) break;
      let q = p;
      while (q < n && src[q] === ch) q++;
      if (q - p === len && (!flanking || (!isSpace(src[p - 1]) && src[p - 1] !== '\\' && (ch !== '_' || !isWord(src[q]))))) return p;
      j = q;
    }
    failedFrom.set(key, from);
    return -1;
  };
  // Next index of a character at or after `from`, remembered so scans stay linear.
  const nextCache = new Map<string, number>();
  const nextIndex = (ch: string, from: number): number => {
    const cached = nextCache.get(ch);
    if (cached !== undefined && (cached === -1 || cached >= from)) return cached;
    const p = src.indexOf(ch, from);
    nextCache.set(ch, p);
    return p;
  };

  let i = 0;
  while (i < n) {
    const ch = src[i]!;

    if (ch === '\\') {
      const next = src[i + 1];
      if (next === '\n') {
        i++;
        continue; // a backslash before a line break is the break itself
      }
      if (next !== undefined && ASCII_PUNCT.has(next)) {
        buf += next;
        i += 2;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }

    if (ch === '\n') {
      buf = buf.replace(/[ \t]+$/, '');
      flush();
      out.push({ type: 'break' });
      i++;
      while (src[i] === ' ' || src[i] === '\t') i++;
      continue;
    }

    if (ch === '`') {
      let q = i;
      while (q < n && src[q] === '`') q++;
      const len = q - i;
      const close = findCloser('`', len, q, false);
      if (close < 0) {
        buf += src.slice(i, q);
        i = q;
        continue;
      }
      let value = src.slice(q, close).replace(/\n/g, ' ');
      if (value.length >= 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim()) value = value.slice(1, -1);
      flush();
      out.push({ type: 'code', value });
      i = close + len;
      continue;
    }

    if (ch === '*' || ch === '_') {
      let q = i;
      while (q < n && src[q] === ch) q++;
      const len = q - i;
      const canOpen = nested && len <= 3 && !isSpace(src[q]) && (ch === '*' || !isWord(src[i - 1]));
      const close = canOpen ? findCloser(ch, len, q, true) : -1;
      if (close < 0) {
        buf += src.slice(i, q);
        i = q;
        continue;
      }
      const inner = parseInline(src.slice(q, close), depth + 1, inLink);
      flush();
      if (len === 1) out.push({ type: 'em', children: inner });
      else if (len === 2) out.push({ type: 'strong', children: inner });
      else out.push({ type: 'strong', children: [{ type: 'em', children: inner }] });
      i = close + len;
      continue;
    }

    if (ch === '[' && nested && !inLink) {
      const close = nextIndex(']', i + 1);
      const open = nextIndex('[', i + 1);
      if (close > i + 1 && (open < 0 || open > close) && src[close + 1] === '(') {
        const dest = scanDestination(src, close + 2);
        if (dest) {
          const label = src.slice(i + 1, close);
          const href = safeHref(dest.url);
          if (href && label.trim()) {
            flush();
            out.push({ type: 'link', href, children: parseInline(label, depth + 1, true) });
          } else {
            // Not a safe destination: show exactly what was written.
            buf += src.slice(i, dest.end);
          }
          i = dest.end;
          continue;
        }
      }
      buf += ch;
      i++;
      continue;
    }

    if (ch === '<') {
      AUTOLINK.lastIndex = i;
      const m = AUTOLINK.exec(src);
      if (m) {
        const href = inLink ? null : safeHref(m[1]!);
        if (href) {
          flush();
          out.push({ type: 'link', href, children: [{ type: 'text', value: m[1]! }] });
        } else buf += m[0];
        i += m[0].length;
        continue;
      }
      buf += ch;
      i++;
      continue;
    }

    if (!inLink && (ch === 'h' || ch === 'H' || ch === 'm' || ch === 'M') && !isWord(src[i - 1])) {
      BARE_URL.lastIndex = i;
      const m = BARE_URL.exec(src);
      if (m) {
        const url = trimUrl(m[0]);
        const href = safeHref(url);
        if (href) {
          flush();
          out.push({ type: 'link', href, children: [{ type: 'text', value: url }] });
        } else buf += url; // not a URL we link: keep it as text, unscanned
        i += url.length;
        continue;
      }
    }

    buf += ch;
    i++;
  }
  flush();
  return out;
}

/** Parses inline Markdown only (no blocks). */
export function parseInlineMarkdown(src: string): MdInline[] {
  return parseInline(normalise(src), 0, false);
}

// ---------------------------------------------------------------- blocks

interface ListMarker {
  indent: number;
  ordered: boolean;
  start: number;
  contentIndent: number;
  rest: string;
}

const LIST_MARKER = /^( {0,3})([-+*]|(\d{1,9})[.)])(?:([ \t]+)(.*))?$/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}> ?/;
const HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;

function listMarker(line: string): ListMarker | null {
  const m = LIST_MARKER.exec(line);
  if (!m) return null;
  const indent = m[1]!.length;
  const marker = m[2]!;
  const spaces = m[4] ?? '';
  const rest = m[5] ?? '';
  const gap = spaces.length === 0 || spaces.length > 4 ? 1 : spaces.length;
  return {
    indent,
    ordered: m[3] !== undefined,
    start: m[3] !== undefined ? Number(m[3]) : 1,
    contentIndent: indent + marker.length + gap,
    rest: spaces.length > 4 ? spaces.slice(1) + rest : rest,
  };
}

function isHr(line: string): boolean {
  let indent = 0;
  while (line[indent] === ' ') indent++;
  if (indent > 3) return false;
  const ch = line[indent];
  if (ch !== '-' && ch !== '*' && ch !== '_') return false;
  let count = 0;
  for (let k = indent; k < line.length; k++) {
    const c = line[k];
    if (c === ch) count++;
    else if (c !== ' ' && c !== '\t') return false;
  }
  return count >= 3;
}

const isBlank = (line: string) => line.trim() === '';

function leadingSpaces(line: string): number {
  let k = 0;
  while (line[k] === ' ') k++;
  return k;
}

/** True if `line` starts a block that interrupts a paragraph. */
function interruptsParagraph(line: string, depth: number): boolean {
  if (HEADING.test(line) || FENCE_OPEN.test(line) || isHr(line)) return true;
  if (depth >= MAX_BLOCK_DEPTH) return false;
  if (BLOCKQUOTE.test(line)) return true;
  const m = listMarker(line);
  return m !== null && m.rest.trim() !== '' && (!m.ordered || m.start === 1);
}

function headingText(line: string, hashes: number): string {
  let text = line.trim().slice(hashes).trim();
  // Drop a closing run of hashes ("## Title ##").
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0) return '';
  if (end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t')) text = text.slice(0, end).trim();
  return text;
}

function parseBlocks(lines: readonly string[], depth: number): MdBlock[] {
  const out: MdBlock[] = [];
  const nestOk = depth < MAX_BLOCK_DEPTH;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }

    // Fenced code.
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[2]!.startsWith('`') && fence[3]!.includes('`'))) {
      const indent = fence[1]!.length;
      const marker = fence[2]!;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const c = FENCE_CLOSE.exec(lines[j]!);
        if (c && c[1]![0] === marker[0] && c[1]!.length >= marker.length) break;
        const l = lines[j]!;
        body.push(l.slice(Math.min(indent, leadingSpaces(l))));
      }
      out.push({ type: 'code', lang: fence[3]!.trim().split(/\s/, 1)[0]!.slice(0, 40), value: body.join('\n') });
      i = j + 1;
      continue;
    }

    // Heading.
    const h = HEADING.exec(line);
    if (h) {
      const hashes = h[1]!.length;
      const level = hashes as HeadingLevel; // 1 to 6: HEADING matches no more
      const text = headingText(line, hashes);
      out.push({ type: 'heading', level, children: parseInline(text, 0, false) });
      i++;
      continue;
    }

    if (isHr(line)) {
      out.push({ type: 'hr' });
      i++;
      continue;
    }

    // Blockquote.
    if (nestOk && BLOCKQUOTE.test(line)) {
      const inner: string[] = [];
      let j = i;
      while (j < lines.length && BLOCKQUOTE.test(lines[j]!)) {
        inner.push(lines[j]!.replace(BLOCKQUOTE, ''));
        j++;
      }
      out.push({ type: 'blockquote', children: parseBlocks(inner, depth + 1) });
      i = j;
      continue;
    }

    // List.
    const first = nestOk ? listMarker(line) : null;
    if (first) {
      const items: string[][] = [];
      let cur: string[] = [first.rest];
      let contentIndent = first.contentIndent;
      let loose = false;
      let sawBlank = false;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (isBlank(l)) {
          sawBlank = true;
          cur.push('');
          continue;
        }
        const ind = leadingSpaces(l);
        const m = listMarker(l);
        if (m && m.ordered === first.ordered && ind < contentIndent && ind <= first.indent + 1) {
          // A sibling item.
          items.push(cur);
          if (sawBlank) loose = true;
          cur = [m.rest];
          contentIndent = m.contentIndent;
          sawBlank = false;
          continue;
        }
        if (ind >= contentIndent || (ind >= 2 && ind > first.indent)) {
          if (sawBlank && cur.some((x) => x.trim() !== '')) loose = true;
          cur.push(l.slice(Math.min(ind, contentIndent)));
          sawBlank = false;
          continue;
        }
        if (sawBlank || m || interruptsParagraph(l, depth)) break;
        cur.push(l.trimStart()); // lazy continuation of the item's text
      }
      items.push(cur);
      // Trailing blank lines belong to nobody.
      for (const it of items) while (it.length && isBlank(it[it.length - 1]!)) it.pop();
      out.push({
        type: 'list',
        ordered: first.ordered,
        start: first.start,
        tight: !loose,
        items: items.map((it) => parseBlocks(it, depth + 1)),
      });
      i = j;
      continue;
    }

    // Paragraph.
    const para: string[] = [line.trim()];
    let j = i + 1;
    while (j < lines.length && !isBlank(lines[j]!) && !interruptsParagraph(lines[j]!, depth)) {
      para.push(lines[j]!.trim());
      j++;
    }
    out.push({ type: 'paragraph', children: parseInline(para.join('\n'), 0, false) });
    i = j;
  }
  return out;
}

function normalise(src: string): string {
  return String(src)
    .replace(/\r\n?/g, '\n')
    .replaceAll('\u0000', '\uFFFD');
}

/** Parses Markdown into blocks. Never throws; never produces HTML. */
export function parseMarkdown(source: string): MdBlock[] {
  let src = normalise(source ?? '');
  if (src.length > MAX_SOURCE_LENGTH) src = `${src.slice(0, MAX_SOURCE_LENGTH)}…`;
  const lines = src.split('\n').map((l) => l.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    ')));
  return parseBlocks(lines, 0);
}

/** The deepest nesting of blocks and inlines in an AST (for tests and guards). Iterative. */
export function astDepth(blocks: readonly MdBlock[]): number {
  type Item = { node: MdBlock | MdInline; d: number };
  const stack: Item[] = blocks.map((node) => ({ node, d: 1 }));
  let max = 0;
  while (stack.length) {
    const { node, d } = stack.pop()!;
    if (d > max) max = d;
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'strong':
      case 'em':
      case 'link':
        for (const c of node.children) stack.push({ node: c, d: d + 1 });
        break;
      case 'blockquote':
        for (const c of node.children) stack.push({ node: c, d: d + 1 });
        break;
      case 'list':
        for (const it of node.items) for (const c of it) stack.push({ node: c, d: d + 1 });
        break;
      default:
        break;
    }
  }
  return max;
}

/** Plain text of an AST (for previews, titles and tests). Iterative. */
export function plainText(blocks: readonly MdBlock[]): string {
  const parts: string[] = [];
  const stack: Array<MdBlock | MdInline | string> = [...blocks].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      parts.push(node);
      continue;
    }
    switch (node.type) {
      case 'text':
      case 'code':
        parts.push(node.value);
        break;
      case 'break':
        parts.push('\n');
        break;
      case 'hr':
        parts.push('\n');
        break;
      case 'paragraph':
      case 'heading':
        stack.push('\n');
        for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
        break;
      case 'strong':
      case 'em':
      case 'link':
        for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
        break;
      case 'blockquote':
        for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
        break;
      case 'list':
        for (let k = node.items.length - 1; k >= 0; k--) {
          const it = node.items[k]!;
          for (let c = it.length - 1; c >= 0; c--) stack.push(it[c]!);
        }
        break;
    }
  }
  return parts.join('').replace(/\n{2,}/g, '\n').trim();
}
