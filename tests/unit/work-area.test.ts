/**
 * lib/tree/work-area: the bound on the tree's canvas repeats the work area's stylesheet (this test keeps the two
 * equal), and is never smaller than the canvas the stylesheet makes (e2e `scale.spec` measures it in a browser).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORK_AREA, treeCanvasBound } from '@/lib/tree/work-area';

const ROOT = path.resolve(__dirname, '../..');

interface Rule {
  media: string | null;
  selector: string;
  decls: Record<string, string>;
}

/** The style rules of a stylesheet, each with the media query it sits in (one level of @media, as ours use). */
function rulesOf(file: string): Rule[] {
  const css = readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const out: Rule[] = [];
  const block = (text: string, media: string | null) => {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      if (open < 0) break;
      const head = text.slice(i, open).trim();
      // The matching brace.
      let depth = 1;
      let j = open + 1;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      const body = text.slice(open + 1, j - 1);
      if (head.startsWith('@media')) block(body, head.slice(6).trim());
      else if (!head.startsWith('@')) {
        const decls = Object.fromEntries(
          body
            .split(';')
            .map((d) => d.split(':'))
            .filter((p) => p.length >= 2)
            .map(([k, ...v]) => [k!.trim(), v.join(':').trim()]),
        );
        for (const selector of head.split(',')) out.push({ media, selector: selector.trim(), decls });
      }
      i = j;
    }
  };
  block(css, null);
  return out;
}

const sheets = [...rulesOf('app/globals.css'), ...rulesOf('components/reader/reader.css')];
const rule = (selector: string, media: string | null) => sheets.filter((r) => r.selector === selector && r.media === media);
const decl = (selector: string, media: string | null, prop: string) => rule(selector, media).find((r) => prop in r.decls)?.decls[prop];

/** The least px width a grid track can have: a fixed px size, or the px minimum of a minmax(). */
function leastTrack(track: string): number {
  const px = /^(\d+(?:\.\d+)?)px$/.exec(track);
  if (px) return Number(px[1]);
  const mm = /^minmax\((\d+(?:\.\d+)?)px,/.exec(track);
  return mm ? Number(mm[1]) : 0;
}
function tracks(columns: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of columns) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ' ' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

describe('the work area’s sizes (lib/tree/work-area) are the stylesheet’s', () => {
  const narrow = `(max-width: ${WORK_AREA.narrowMax}px)`;

  it('height of the work area, and of the tree’s panel in one column', () => {
    expect(decl('.work', null, 'height')).toBe(`min(${WORK_AREA.heightVh}vh, ${WORK_AREA.maxHeight}px)`);
    expect(decl('.work', null, 'min-height')).toBe(`${WORK_AREA.minHeight}px`);
    expect(decl('.tree-wrap', narrow, 'height')).toBe(`${WORK_AREA.narrowTreeVh}vh`);
    // No other rule sets a height on the tree's panel or the work area anywhere else.
    const heights = sheets.filter((r) => /^\.work\b|^\.tree-wrap$|^\.tree-canvas$/.test(r.selector) && ('height' in r.decls || 'min-height' in r.decls));
    for (const r of heights) {
      const h = r.decls.height;
      expect(h === undefined || h === 'auto' || r.media === narrow || r.selector === '.work', `${r.selector} ${r.media ?? ''}`).toBe(true);
    }
  });

  it('every layout of more than one column leaves the tree at most the window less the inspector’s width', () => {
    const wide = sheets.filter((r) => r.selector.startsWith('.work') && 'grid-template-columns' in r.decls && r.media !== narrow);
    expect(wide.length).toBeGreaterThanOrEqual(3);
    for (const r of wide) {
      const [tree, ...others] = tracks(r.decls['grid-template-columns']!);
      expect(tree, r.selector).toBe('minmax(0, 1fr)');
      const taken = others.reduce((a, t) => a + leastTrack(t), 0);
      expect(taken, `${r.selector} ${r.media ?? ''}`).toBeGreaterThanOrEqual(WORK_AREA.inspectorWidth);
    }
    expect(decl('.work', null, 'grid-template-columns')).toBe(`minmax(0, 1fr) ${WORK_AREA.inspectorWidth}px`);
  });
});

describe('treeCanvasBound', () => {
  it('a laptop window: the window less the inspector, 78% of its height', () => {
    expect(treeCanvasBound({ width: 1280, height: 800 })).toEqual({ width: 880, height: 624 });
    expect(treeCanvasBound({ width: 1920, height: 1200 })).toEqual({ width: 1520, height: 820 });
    expect(treeCanvasBound({ width: 1280, height: 500 })).toEqual({ width: 880, height: 460 });
    expect(treeCanvasBound({ width: 900, height: 700 })).toEqual({ width: 900, height: 490 });
  });

  it('never larger than the window, never below the floor of 200, and wider windows never give a narrower bound above the break', () => {
    const win = fc.record({ width: fc.integer({ min: 1, max: 5000 }), height: fc.integer({ min: 1, max: 5000 }) });
    fc.assert(
      fc.property(win, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (w, dw, dh) => {
        const b = treeCanvasBound(w);
        expect(b.width).toBeGreaterThanOrEqual(200);
        expect(b.height).toBeGreaterThanOrEqual(200);
        expect(b.width).toBeLessThanOrEqual(Math.max(200, w.width));
        // The work area is at least 460 px tall on a wide window, even when the window is shorter (the page scrolls).
        if (w.width > WORK_AREA.narrowMax) expect(b.height).toBeLessThanOrEqual(Math.max(WORK_AREA.minHeight, w.height));
        else expect(b.height).toBeLessThanOrEqual(Math.max(200, w.height));
        const bigger = { width: w.width + dw, height: w.height + dh };
        if (w.width > WORK_AREA.narrowMax || bigger.width <= WORK_AREA.narrowMax) {
          const bb = treeCanvasBound(bigger);
          expect(bb.width).toBeGreaterThanOrEqual(b.width);
          expect(bb.height).toBeGreaterThanOrEqual(b.height);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
