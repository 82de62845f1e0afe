/**
 * SVG markup from the element trees of lib/card: XML-escaped text and
 * attribute values, characters XML 1.0 cannot hold replaced, numbers with at
 * most two decimals. A string out; no DOM.
 */
import type { SvgEl } from './card';

/** Characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, and astral characters as proper pairs. */
export function xmlSafe(text: string): string {
  let out = '';
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let ok: boolean;
    let width = 1;
    if (c >= 0x20 && c < 0xd800) ok = true;
    else if (c === 0x09 || c === 0x0a || c === 0x0d) ok = true;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      ok = d >= 0xdc00 && d <= 0xdfff;
      if (ok) width = 2;
    } else if (c >= 0xdc00 && c <= 0xdfff) ok = false;
    else ok = c >= 0xe000 && c <= 0xfffd;
    if (!ok) {
      out += `${text.slice(start, i)}\ufffd`;
      start = i + 1;
    } else if (width === 2) i++;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** Escapes text for use in XML character data and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return xmlSafe(String(text))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A number for an attribute: finite, at most two decimals. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** The SVG name of a React attribute name: `className` is `class`, camelCase becomes kebab-case. */
export function svgAttrName(name: string): string {
  return name === 'className' ? 'class' : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Attributes as markup, each with a leading space. */
export function attrMarkup(attrs: SvgEl['attrs']): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) out += ` ${svgAttrName(k)}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`;
  return out;
}

/** Markup of one element and its children. */
export function svgMarkup(node: SvgEl | string): string {
  if (typeof node === 'string') return escapeXml(node);
  const attrs = attrMarkup(node.attrs);
  const kids = node.children ?? [];
  if (kids.length === 0) return `<${node.tag}${attrs}/>`;
  let inner = '';
  for (const k of kids) inner += svgMarkup(k);
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
