import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderTreeSvg } from '@/lib/io/image';
import { importSnapshotText, buildSnapshot, serializeSnapshot } from '@/lib/io/snapshot';
import { embedSnapshotInSvg, importSnapshotFromSvg } from '@/lib/io/svg';
import { indexTree } from '@/lib/model/tree';
import { layoutTree } from '@/lib/tree/layout';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { expandToDepth } from '@/lib/tree/visible';
import type { WorkDocument } from '@/lib/doc/types';
import { imageMessage } from '@/lib/messages/image';
import { refusal } from '../support/snapshots';

const DIR = path.resolve(__dirname, '../fixtures/hostile');

function load(file: string): WorkDocument {
  const r = importSnapshotText(readFileSync(path.join(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(refusal(r));
  return r.document;
}

function allExpanded(doc: WorkDocument): Set<string> {
  return expandToDepth(indexTree(doc.scenario), 100);
}

function render(doc: WorkDocument, expanded = allExpanded(doc), title = doc.scenario.title, subtitle?: string) {
  const layout = layoutTree(indexTree(doc.scenario), expanded, treeLayoutOptions());
  return { svg: renderTreeSvg({ scenario: doc.scenario, annotations: doc.annotations, layout, title, subtitle }), layout };
}

/**
 * A small well-formedness check: tags balance, attribute values are quoted,
 * and every `&` starts an entity XML knows.
 */
const ELEMENTS = new Set(['svg', 'title', 'g', 'rect', 'circle', 'path', 'text', 'tspan']);

function expectWellFormed(svg: string) {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(svg))) {
    const between = svg.slice(last, m.index);
    expect(between, `stray markup before ${m[0]}`).not.toMatch(/[<>]/);
    last = m.index + m[0].length;
    const [, close, name, attrs, selfClose] = m;
    expect(ELEMENTS.has(name!), `element <${name}>`).toBe(true);
    expect(attrs, 'no event handler attributes').not.toMatch(/\son/i);
    if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(svg.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  expect(svg.match(/&(?!(?:amp|lt|gt|quot|#39);)/g)).toBeNull();
}

describe('renderTreeSvg', () => {
  it('draws every laid-out card, its links, a title line and a legend, sized from the layout bounds', () => {
    const doc = load('valid-snapshot.json');
    const { svg, layout } = render(doc, allExpanded(doc), doc.scenario.title, 'Exported 24 Nov 2026');
    expectWellFormed(svg);
    const [, w, h, vb] = /^<svg [^>]*width="(\d+)" height="(\d+)" viewBox="([^"]+)"/.exec(svg) ?? [];
    expect(vb).toBe(`0 0 ${w} ${h}`);
    const treeHeight = layout.bounds.maxY - layout.bounds.minY;
    expect(Number(h)).toBeGreaterThan(treeHeight);
    expect(Number(h)).toBeLessThan(treeHeight + 250);
    expect(Number(w)).toBeGreaterThanOrEqual(layout.bounds.maxX - layout.bounds.minX);
    // One group per card, with the title as a tooltip; one path per link.
    for (const id of layout.order) {
      const node = doc.scenario.nodes.find((n) => n.id === id)!;
      expect(svg).toContain(`<title>${escapeXml(node.title)}</title>`);
    }
    expect(svg.match(/<path d="M[^"]* C[^"]*"\/>/g)).toHaveLength(layout.links.length);
    expect(svg).toContain("Riverton&#39;s drought response</text>");
    expect(svg).toContain('Exported 24 Nov 2026');
    expect(svg).toContain('font-family="Arial, Helvetica, &#39;Liberation Sans&#39;, sans-serif"');
    // Legend.
    for (const word of ['Decision', 'Option', 'Chance', 'Outcome', 'assumptions', 'risks', 'indicators', 'quotes', 'rests on a failing premise', 'under such a branch', 'favoured', 'rejected', 'needs work']) {
      expect(svg).toContain(`>${word}</text>`);
    }
    // No network: nothing refers outside the document.
    expect(svg).not.toMatch(/href|url\(|@import|<image|<foreignObject|<script/i);
  });

  it('shows kind glyphs, badges, stance marks and broken-assumption marks as the live tree does', () => {
    const doc = load('valid-snapshot.json');
    const { svg } = render(doc);
    // decision square, option stripe, outcome triangle (fills of the live tree's glyphs)
    expect(svg).toContain('fill="#1f3a5f"/>');
    expect(svg).toMatch(/<rect class="option-stripe" width="5" height="[\d.]+" rx="2" fill="#2563c9"\/>/);
    // The fixture marks one branch favoured, one rejected, one assumption unsupported.
    // The favoured card is narrow beside four badges: its mark keeps to the symbol; the rejected one has room for words.
    expect(svg).toMatch(/class="stance-mark stance-mark-favoured"[^>]*>★<\/text>/);
    expect(svg).toMatch(/class="stance-mark stance-mark-rejected"[^>]*>✕ rejected<\/text>/);
    expect(svg).toContain('text-decoration="line-through"');
    expect(svg).toContain('stroke-dasharray="6 3"');
    expect(svg).toMatch(/>⚠<\/text>/);
    expect(svg).toMatch(/>A\d+<\/text>/);
  });

  it('draws only the expanded nodes, and no expand or collapse buttons (a picture has none)', () => {
    const doc = load('valid-snapshot.json');
    const index = indexTree(doc.scenario);
    const onlyRoot = new Set([index.root.id]);
    const { svg, layout } = render(doc, onlyRoot);
    expect(layout.order.length).toBe(1 + (index.children.get(index.root.id)?.length ?? 0));
    expect(svg.match(/<title>/g)).toHaveLength(layout.order.length + 1);
    expect(svg).not.toContain('M-4,0 H4');
    expect(svg).not.toContain('class="toggle"');
  });

  it('escapes <script> and other markup in every piece of user text', () => {
    for (const file of ['script-title.json', 'img-onerror.json']) {
      const doc = load(file);
      const { svg } = render(doc, allExpanded(doc), `${doc.scenario.title} <script>alert(1)</script>`, 'by "x" & <y>');
      expectWellFormed(svg);
      expect(svg).not.toMatch(/<script|<img/i);
      expect(svg).toContain('&lt;script&gt;');
      expect(svg).toContain('by &quot;x&quot; &amp; &lt;y&gt;');
    }
    const doc = load('script-title.json');
    expect(render(doc).svg).toContain('Rationing &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
  });

  it('replaces characters XML cannot hold, so the picture always parses', () => {
    const doc = load('valid-snapshot.json');
    const nodes = doc.scenario.nodes.map((n, i) => (i === 1 ? { ...n, title: 'a\u0000b\u0007c\ud800d\uffffe 😀 & ]]>' } : n));
    const hostile = { ...doc, scenario: { ...doc.scenario, nodes } };
    const { svg } = render(hostile, allExpanded(hostile), 'T\u0001');
    expectWellFormed(svg);
    const notXml = [...svg].filter((ch) => {
      const c = ch.codePointAt(0)!;
      return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff);
    });
    expect(notXml).toEqual([]);
    expect(svg).toContain('a\ufffdb\ufffdc\ufffdd\ufffde 😀 &amp; ]]&gt;');
    expect(escapeXml('\udc00x\ud83d')).toBe('\ufffdx\ufffd');
  });

  it('is deterministic and embeds a snapshot that restores the analysis', () => {
    const doc = load('valid-snapshot.json');
    const a = render(doc).svg;
    expect(render(doc).svg).toBe(a);
    const view = { expanded: [...allExpanded(doc)], selectedId: null, viewport: null };
    const text = serializeSnapshot(buildSnapshot(doc, view, { appVersion: 'test', now: '2026-11-24T15:30:00.000Z' }));
    const embedded = embedSnapshotInSvg(a, text);
    if (!embedded.ok) throw new Error(imageMessage(embedded.reason));
    const back = importSnapshotFromSvg(embedded.svg);
    if (!back.ok) throw new Error(refusal(back));
    expect(back.document.annotations).toEqual(doc.annotations);
    expect(back.document.scenario).toEqual(doc.scenario);
  });

  it('handles an empty layout and a huge title without failing', () => {
    const doc = load('valid-snapshot.json');
    const layout = layoutTree(indexTree(doc.scenario), new Set(), treeLayoutOptions());
    const svg = renderTreeSvg({ scenario: doc.scenario, annotations: doc.annotations, layout: { ...layout, order: [], links: [], boxes: new Map(), bounds: { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity } }, title: 'x'.repeat(100_000) });
    expectWellFormed(svg);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
    expect(Number(w)).toBeLessThan(4000);
    expect(Number(h)).toBeGreaterThan(0);
  });
});
