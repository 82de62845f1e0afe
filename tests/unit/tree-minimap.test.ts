import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { indexTree } from '@/lib/model/tree';
import { generateScenario } from '@/lib/gen/generate';
import { expandAll } from '@/lib/tree/visible';
import { layoutTree, type TreeLayout } from '@/lib/tree/layout';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { layoutOfBoxes } from '../support/trees';
import { viewportRect, type Transform } from '@/lib/tree/cull';
import {
  MAX_STRETCH,
  READABLE_SCALE,
  countOutside,
  minimapGeometry,
  minimapNodesPath,
  minimapViewport,
  MINIMAP_VIEW_MIN,
  readableFit,
  transformForMinimapPoint,
  zoomStep,
  type MinimapGeometry,
} from '@/lib/tree/minimap';

function laidOut(nodes: number, shape: 'wide' | 'bushy' = 'wide') {
  const index = indexTree(generateScenario({ shape, nodes, seed: 3 }));
  return layoutTree(index, expandAll(index), treeLayoutOptions());
}
const VP = { width: 1000, height: 600 };
const LIMITS = { min: 0.02, max: 3 };

/** The pixels (minimap px) a minimap path fills: its rectangles, on whole pixels. */
function pixelsOf(d: string): Set<string> {
  const out = new Set<string>();
  for (const m of d.matchAll(/M(-?\d+),(-?\d+)h(\d+)v(\d+)h-\d+z/g)) {
    const [x, y, w, h] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    for (let i = 0; i < w; i++) for (let j = 0; j < h; j++) out.add(`${x + i},${y + j}`);
  }
  return out;
}
/** Oracle: every node's own rectangle on the minimap, whole pixels, none left out. */
function pixelsOfBoxes(layout: Pick<TreeLayout, 'boxes'>, g: MinimapGeometry): Set<string> {
  const out = new Set<string>();
  for (const b of layout.boxes.values()) {
    const x = Math.round(b.x * g.scaleX + g.offsetX);
    const y = Math.round(b.y * g.scaleY + g.offsetY);
    const w = Math.max(1, Math.round(b.width * g.scaleX));
    const h = Math.max(1, Math.round(b.height * g.scaleY));
    for (let i = 0; i < w; i++) for (let j = 0; j < h; j++) out.add(`${x + i},${y + j}`);
  }
  return out;
}

describe('minimap geometry', () => {
  it('draws the whole tree inside its box, and the view where the view is', () => {
    const layout = laidOut(300);
    const g = minimapGeometry(layout.bounds, { width: 180, height: 120 });
    expect(g.width).toBeLessThanOrEqual(180);
    expect(g.height).toBeLessThanOrEqual(120);
    const b = layout.bounds;
    for (const [x, y] of [[b.minX, b.minY], [b.maxX, b.maxY]] as const) {
      const mx = x * g.scaleX + g.offsetX;
      const my = y * g.scaleY + g.offsetY;
      expect(mx).toBeGreaterThanOrEqual(0);
      expect(my).toBeGreaterThanOrEqual(0);
      expect(mx).toBeLessThanOrEqual(g.width + 0.001);
      expect(my).toBeLessThanOrEqual(g.height + 0.001);
    }
    expect(pixelsOf(minimapNodesPath(layout, g))).toEqual(pixelsOfBoxes(layout, g));
    const t: Transform = { x: 40, y: -200, k: 0.8 };
    const v = minimapViewport(t, VP, g);
    const r = viewportRect(t, VP, 0);
    expect(v.width).toBeCloseTo((r.maxX - r.minX) * g.scaleX);
    expect(v.x).toBeCloseTo(r.minX * g.scaleX + g.offsetX);
  });

  it('draws the same pixels as every node drawn, with far fewer rectangles for a dense tree', () => {
    for (const [n, shape] of [[50, 'wide'], [300, 'bushy'], [800, 'bushy'], [800, 'wide'], [3000, 'bushy'], [3000, 'wide']] as const) {
      const layout = laidOut(n, shape);
      for (const box of [{ width: 168, height: 104 }, { width: 400, height: 300 }, { width: 300, height: 900 }]) {
        const g = minimapGeometry(layout.bounds, box);
        const d = minimapNodesPath(layout, g);
        expect(pixelsOf(d)).toEqual(pixelsOfBoxes(layout, g));
        const rects = d.match(/z/g)!.length;
        expect(rects).toBeLessThanOrEqual(layout.order.length);
        // In a minimap of the app's size, a dense tree is far fewer rectangles than nodes.
        if (n >= 3000 && box.height === 104) expect(rects).toBeLessThan(layout.order.length / 2);
      }
    }
  });

  it('draws the same pixels as every box drawn, whatever the overlaps (random boxes in columns)', () => {
    const box = fc.record({ col: fc.integer({ min: 0, max: 2 }), y: fc.integer({ min: -3, max: 105 }), w: fc.integer({ min: 1, max: 25 }), h: fc.integer({ min: 1, max: 6 }) });
    fc.assert(
      fc.property(fc.array(box, { minLength: 1, maxLength: 120 }), (list) => {
        const layout = layoutOfBoxes(list.map((b, i) => ({ id: `n${i}`, parent: i - 1, x: b.col * 30, y: b.y, width: b.w, height: b.h, depth: b.col })), [0, 30, 60]);
        const g = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0, width: 100, height: 104 };
        expect(pixelsOf(minimapNodesPath(layout, g))).toEqual(pixelsOfBoxes(layout, g));
      }),
      { numRuns: 300 },
    );
  });

  it('a very tall tree is stretched across, at most MAX_STRETCH times, and still fits', () => {
    const g = minimapGeometry({ minX: 0, minY: 0, maxX: 1000, maxY: 100_000 }, { width: 168, height: 104 });
    expect(g.scaleX / g.scaleY).toBeCloseTo(MAX_STRETCH);
    expect(1000 * g.scaleX).toBeLessThanOrEqual(168);
    expect(100_000 * g.scaleY).toBeLessThanOrEqual(104);
    const square = minimapGeometry({ minX: 0, minY: 0, maxX: 500, maxY: 400 }, { width: 168, height: 104 });
    expect(square.scaleX).toBe(square.scaleY);
  });

  it('a point on the minimap centres the view there, at the same scale (round trip)', () => {
    const layout = laidOut(200);
    const g = minimapGeometry(layout.bounds, { width: 200, height: 140 });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 140, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true }), (px, py, k) => {
        const t = transformForMinimapPoint(px, py, { x: 0, y: 0, k }, VP, g);
        expect(t.k).toBe(k);
        const v = minimapViewport(t, VP, g);
        expect(v.x + v.width / 2).toBeCloseTo(px, 6);
        expect(v.y + v.height / 2).toBeCloseTo(py, 6);
        // Drawn at least MINIMAP_VIEW_MIN across and down, about the same centre; a side already longer is untouched.
        const shown = minimapViewport(t, VP, g, MINIMAP_VIEW_MIN);
        expect(shown.x + shown.width / 2).toBeCloseTo(px, 6);
        expect(shown.y + shown.height / 2).toBeCloseTo(py, 6);
        expect(shown.width).toBeCloseTo(Math.max(MINIMAP_VIEW_MIN, v.width), 9);
        expect(shown.height).toBeCloseTo(Math.max(MINIMAP_VIEW_MIN, v.height), 9);
      }),
    );
  });

  it('far out on a very tall tree, the view is a box that can be seen, not a hairline', () => {
    const bounds = { minX: 0, minY: 0, maxX: 2400, maxY: 400_000 };
    const g = minimapGeometry(bounds, { width: 168, height: 104 });
    const t: Transform = { x: 0, y: -6000, k: 0.06 };
    const exact = minimapViewport(t, VP, g);
    expect(exact.height).toBeLessThan(3);
    const shown = minimapViewport(t, VP, g, MINIMAP_VIEW_MIN);
    expect(shown.height).toBe(MINIMAP_VIEW_MIN);
    expect(shown.width).toBe(exact.width);
    expect(shown.y + shown.height / 2).toBeCloseTo(exact.y + exact.height / 2, 9);
  });

  it('far out on a very wide tree, the view is a box that can be seen across too', () => {
    const bounds = { minX: 0, minY: 0, maxX: 400_000, maxY: 2400 };
    const g = minimapGeometry(bounds, { width: 168, height: 104 });
    const t: Transform = { x: -6000, y: 0, k: 0.06 };
    const exact = minimapViewport(t, VP, g);
    expect(exact.width).toBeLessThan(MINIMAP_VIEW_MIN);
    const shown = minimapViewport(t, VP, g, MINIMAP_VIEW_MIN);
    expect(shown.width).toBe(MINIMAP_VIEW_MIN);
    expect(shown.height).toBe(exact.height);
    expect(shown.x + shown.width / 2).toBeCloseTo(exact.x + exact.width / 2, 9);
  });
});

describe('readable fit', () => {
  it('fits a small tree whole', () => {
    const f = readableFit(laidOut(12), VP);
    expect(f.stopped).toBe(false);
    expect(f.leftOut).toBe(0);
    expect(f.transform.k).toBeGreaterThanOrEqual(READABLE_SCALE);
  });

  it('stops a big tree at the readable scale, from its root, and counts what it left out', () => {
    const layout = laidOut(3000);
    const f = readableFit(layout, VP);
    expect(f.stopped).toBe(true);
    expect(f.transform.k).toBe(READABLE_SCALE);
    expect(f.leftOut).toBe(countOutside(layout, f.transform, VP));
    expect(f.leftOut).toBeGreaterThan(0);
    expect(f.leftOut).toBeLessThan(layout.order.length);
    // The root's left edge is in the view.
    expect(layout.bounds.minX * f.transform.k + f.transform.x).toBeGreaterThanOrEqual(0);
  });
});

describe('zoom steps', () => {
  it('quick clicks add up: n steps from the target multiply the scale n times (clamped)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0.8, 1.25), (n, f) => {
        let t: Transform = { x: 0, y: 0, k: 1 };
        for (let i = 0; i < n; i++) t = zoomStep(t, f, VP, LIMITS);
        expect(t.k).toBeCloseTo(Math.min(LIMITS.max, Math.max(LIMITS.min, f ** n)), 9);
      }),
    );
  });

  it('keeps the anchor where it is on screen when it is in view, and brings it to the middle when not', () => {
    const t: Transform = { x: 100, y: 50, k: 1 };
    const inView = { x: 200, y: 100 }; // on screen at 300, 150
    const z = zoomStep(t, 1.25, VP, LIMITS, inView);
    expect(inView.x * z.k + z.x).toBeCloseTo(300);
    expect(inView.y * z.k + z.y).toBeCloseTo(150);
    const away = { x: 5000, y: 100 };
    const w = zoomStep(t, 1.25, VP, LIMITS, away);
    expect(away.x * w.k + w.x).toBeCloseTo(VP.width / 2);
    expect(away.y * w.k + w.y).toBeCloseTo(VP.height / 2);
  });
});
