import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { indexTree } from '@/lib/model/tree';
import { generateScenario, createRng, type Shape } from '@/lib/gen/generate';
import { expandAll } from '@/lib/tree/visible';
import { layoutTree, type TreeLayout } from '@/lib/tree/layout';
import {
  boxIntersects,
  buildSpatialIndex,
  centerOnTransform,
  cullToViewport,
  fitTransform,
  labelsVisible,
  linkIntersects,
  OPENING_FIT,
  openingCover,
  openingView,
  panIntoView,
  queryViewport,
  queryViewportIndices,
  scanViewportIndices,
  cullLayout,
  spatialIndexOf,
  builtSpatialIndex,
  viewportRect,
} from '@/lib/tree/cull';
import type { Rect, Transform } from '@/lib/tree/cull';
import { layoutOfBoxes, randomExpansion, type PlacedBox } from '../support/trees';


function brute(layout: TreeLayout, r: Rect) {
  const nodes: string[] = [];
  for (const b of layout.boxes.values()) if (boxIntersects(b, r)) nodes.push(b.id);
  const links = layout.links.filter((l) => linkIntersects(l, r));
  return { nodes: nodes.sort(), links: links.map((l) => l.target).sort() };
}

/** The spatial index answers `r` exactly as the brute-force scan does, without duplicates. */
function expectQueryExact(si: ReturnType<typeof buildSpatialIndex>, layout: TreeLayout, r: Rect) {
  const got = queryViewport(si, r);
  const want = brute(layout, r);
  expect([...got.nodes].sort()).toEqual(want.nodes);
  expect(new Set(got.nodes).size).toBe(got.nodes.length);
  expect(got.links.map((l) => l.target).sort()).toEqual(want.links);
}

function randomRect(layout: TreeLayout, rng: () => number): Rect {
  const { minX, minY, maxX, maxY } = layout.bounds;
  const w = maxX - minX;
  const h = maxY - minY;
  const cx = minX - 0.1 * w + rng() * 1.2 * w;
  const cy = minY - 0.1 * h + rng() * 1.2 * h;
  // Mix of tiny, screen-sized and huge rects.
  const scale = [5, 400, 3000, Math.max(w, h)][Math.floor(rng() * 4)]!;
  const rw = scale * (0.2 + rng());
  const rh = scale * (0.2 + rng());
  return { minX: cx - rw / 2, minY: cy - rh / 2, maxX: cx + rw / 2, maxY: cy + rh / 2 };
}

/** 2,000 boxes anywhere: overlapping, columns out of order (shifted across by depth), links across them. */
function arbitraryLayout(seed: number, shiftColumns = false): TreeLayout {
  const rng = createRng(seed);
  const boxes: PlacedBox[] = [];
  for (let i = 0; i < 2000; i++) {
    const parent = i === 0 ? -1 : Math.floor(rng() * i);
    const x = rng() * 5000 - 1000;
    const y = rng() * 5000 - 2500;
    const width = 1 + rng() * 400;
    const height = 1 + rng() * 300;
    const depth = Math.floor(rng() * 6);
    boxes.push({ id: `b-${i}`, parent, x: shiftColumns ? x + (5 - depth) * 700 : x, y, width, height, depth });
  }
  return layoutOfBoxes(boxes);
}

describe('spatial index', () => {
  const cases: Array<[Shape, number]> = [
    ['bushy', 3000],
    ['wide', 3000],
    ['chain', 800],
  ];
  for (const [shape, n] of cases) {
    it(`returns exactly the intersecting boxes and links (${shape})`, () => {
      const doc = generateScenario({ shape, nodes: n, seed: 21 });
      const idx = indexTree(doc);
      const rng = createRng(8);
      for (const expanded of [expandAll(idx), randomExpansion(idx, 3, 0.5)]) {
        const layout = layoutTree(idx, expanded);
        const si = buildSpatialIndex(layout);
        for (let q = 0; q < 150; q++) expectQueryExact(si, layout, randomRect(layout, rng));
      }
    });
  }

  it('is exact for arbitrary, overlapping, unsorted boxes too', () => {
    const rng = createRng(78);
    const layout = arbitraryLayout(77);
    const si = buildSpatialIndex(layout);
    for (let q = 0; q < 300; q++) expectQueryExact(si, layout, randomRect(layout, rng));
  });

  it('counts links whose ends are outside but which cross the view', () => {
    const doc = generateScenario({ shape: 'wide', nodes: 400, seed: 2 });
    const idx = indexTree(doc);
    const layout = layoutTree(idx, new Set([idx.root.id]));
    const si = buildSpatialIndex(layout);
    // A thin vertical strip in the gap between column 0 and column 1, far below the root.
    const root = layout.boxes.get(idx.root.id)!;
    const x = root.x + root.width + 5;
    const lowest = [...layout.boxes.values()].reduce((m, b) => (b.y > m.y ? b : m));
    const y = lowest.y / 2;
    const got = queryViewport(si, { minX: x, maxX: x + 2, minY: y, maxY: y + 2 });
    expect(got.nodes).toEqual([]);
    expect(got.links.length).toBeGreaterThan(0);
    for (const l of got.links) expect(Math.max(l.y1, l.y2)).toBeGreaterThanOrEqual(y);
  });

  it('culls for a zoom transform, with a margin', () => {
    const doc = generateScenario({ shape: 'bushy', nodes: 2000, seed: 4 });
    const idx = indexTree(doc);
    const layout = layoutTree(idx, expandAll(idx));
    const si = buildSpatialIndex(layout);
    const t: Transform = { x: 300, y: 5000, k: 0.8 };
    const viewport = { width: 1200, height: 800 };
    const r = viewportRect(t, viewport, 50);
    expect(r.minX).toBeCloseTo((-50 - 300) / 0.8, 9);
    expect(r.maxY).toBeCloseTo((850 - 5000) / 0.8, 9);
    const got = cullToViewport(si, t, viewport, 50);
    expect([...got.nodes].sort()).toEqual(brute(layout, r).nodes);
    // Every returned box really is on screen (within the margin).
    for (const id of got.nodes) {
      const b = layout.boxes.get(id)!;
      expect(b.x * t.k + t.x).toBeLessThanOrEqual(viewport.width + 50);
      expect((b.x + b.width) * t.k + t.x).toBeGreaterThanOrEqual(-50);
    }
  });

  it('queries 50,000 nodes quickly (timing printed)', () => {
    for (const shape of ['bushy', 'wide', 'chain'] as Shape[]) {
      const doc = generateScenario({ shape, nodes: 50_000, seed: 1 });
      const idx = indexTree(doc);
      const layout = layoutTree(idx, expandAll(idx));
      let t0 = performance.now();
      const si = buildSpatialIndex(layout);
      const buildMs = performance.now() - t0;
      const rng = createRng(1);
      const rects: Rect[] = [];
      for (let i = 0; i < 200; i++) {
        const { minX, minY, maxX, maxY } = layout.bounds;
        const x = minX + rng() * (maxX - minX);
        const y = minY + rng() * (maxY - minY);
        rects.push({ minX: x, minY: y, maxX: x + 1600, maxY: y + 1000 }); // a screen at k = 1
      }
      let hits = 0;
      t0 = performance.now();
      for (const r of rects) hits += queryViewport(si, r).nodes.length;
      const perQuery = (performance.now() - t0) / rects.length;
      t0 = performance.now();
      const all = queryViewport(si, layout.bounds);
      const allMs = performance.now() - t0;
      expect(all.nodes.length).toBe(50_000);
      expect(hits).toBeGreaterThan(0);
      console.log(
        `[cull] ${shape} 50k: build ${buildMs.toFixed(1)} ms, screen-sized query ${perQuery.toFixed(3)} ms ` +
          `(avg ${(hits / rects.length).toFixed(0)} hits), whole-tree query ${allMs.toFixed(1)} ms`,
      );
    }
  });
});

describe('transforms', () => {
  const viewport = { width: 1000, height: 600 };

  it('labelsVisible switches off when zoomed far out', () => {
    expect(labelsVisible(1)).toBe(true);
    expect(labelsVisible(0.35)).toBe(true);
    expect(labelsVisible(0.34)).toBe(false);
    expect(labelsVisible(0.5, 0.6)).toBe(false);
  });

  it('fitTransform fits and centres the bounds within the padding', () => {
    const bounds = { minX: 0, minY: -2000, maxX: 3000, maxY: 2000 };
    const t = fitTransform(bounds, viewport, 20, 1);
    expect(t.k).toBeCloseTo(560 / 4000, 9);
    const sx0 = bounds.minX * t.k + t.x;
    const sx1 = bounds.maxX * t.k + t.x;
    const sy0 = bounds.minY * t.k + t.y;
    const sy1 = bounds.maxY * t.k + t.y;
    expect(sy0).toBeCloseTo(20, 6);
    expect(sy1).toBeCloseTo(580, 6);
    expect((sx0 + sx1) / 2).toBeCloseTo(500, 6);
    expect(sx0).toBeGreaterThanOrEqual(20);
  });

  it('fitTransform never zooms in beyond maxScale, and honours minScale', () => {
    const small = { minX: 0, minY: 0, maxX: 100, maxY: 50 };
    const t = fitTransform(small, viewport, 20, 1.5);
    expect(t.k).toBe(1.5);
    expect(50 * t.k + t.x).toBeCloseTo(500, 9);
    expect(25 * t.k + t.y).toBeCloseTo(300, 9);
    const huge = { minX: 0, minY: 0, maxX: 1e7, maxY: 1e7 };
    expect(fitTransform(huge, viewport, 20, 1, 0.05).k).toBe(0.05);
    // A single point: centred at maxScale.
    const point = fitTransform({ minX: 10, minY: 10, maxX: 10, maxY: 10 }, viewport, 20, 2);
    expect(point).toEqual({ x: 500 - 20, y: 300 - 20, k: 2 });
    // Empty bounds (no boxes).
    expect(fitTransform({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }, viewport)).toEqual({
      x: 0,
      y: 0,
      k: 1,
    });
  });

  it('centerOnTransform puts a box centre at the viewport centre', () => {
    const box = { x: 400, y: -70, width: 200, height: 40 };
    for (const k of [0.5, 1, 2]) {
      const t = centerOnTransform(box, viewport, k);
      expect(t.k).toBe(k);
      expect((box.x + box.width / 2) * k + t.x).toBeCloseTo(500, 9);
      expect((box.y + box.height / 2) * k + t.y).toBeCloseTo(300, 9);
    }
  });

  it('panIntoView pans minimally and keeps the scale', () => {
    const t = { x: 0, y: 0, k: 1 };
    const inside = { x: 100, y: 100, width: 100, height: 40 };
    expect(panIntoView(inside, t, viewport, 24)).toBe(t);
    const right = { x: 1100, y: 100, width: 100, height: 40 };
    const t2 = panIntoView(right, t, viewport, 24);
    expect(t2.k).toBe(1);
    expect(right.x + right.width + t2.x).toBeCloseTo(1000 - 24, 9);
    expect(t2.y).toBe(0);
    const above = { x: 100, y: -500, width: 100, height: 40 };
    const t3 = panIntoView(above, { x: 0, y: 0, k: 2 }, viewport, 24);
    expect(above.y * 2 + t3.y).toBeCloseTo(24, 9);
  });
});

describe('opening view', () => {
  const finite = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const boundsArb = fc
    .record({ minX: finite(-5000, 5000), minY: finite(-50000, 50000), w: finite(0, 200000), h: finite(0, 2000000) })
    .map(({ minX, minY, w, h }) => ({ minX, minY, maxX: minX + w, maxY: minY + h }));
  const savedArb = fc.option(fc.record({ x: finite(-1e5, 1e5), y: finite(-1e5, 1e5), k: finite(0.02, 3) }), { nil: null });
  const contains = (outer: Rect, inner: Rect) => {
    const eps = 1e-6 * (1 + Math.abs(outer.minX) + Math.abs(outer.maxX) + Math.abs(outer.minY) + Math.abs(outer.maxY));
    return inner.minX >= outer.minX - eps && inner.maxX <= outer.maxX + eps && inner.minY >= outer.minY - eps && inner.maxY <= outer.maxY + eps;
  };

  it('opens at the saved view, else the tree fitted at a readable scale about its centre', () => {
    const b = { minX: 0, minY: -4000, maxX: 900, maxY: 4000 };
    const vp = { width: 1000, height: 600 };
    expect(openingView(b, vp, { x: 5, y: 6, k: 0.7 })).toEqual({ x: 5, y: 6, k: 0.7 });
    const fit = fitTransform(b, vp, OPENING_FIT.padding, OPENING_FIT.maxScale, OPENING_FIT.minScale);
    expect(openingView(b, vp, null)).toEqual(fit);
    expect(fit.k).toBe(0.45);
    // A saved view that cannot be used (from a damaged file) opens fitted.
    expect(openingView(b, vp, { x: Number.NaN, y: 0, k: 1 })).toEqual(fit);
    expect(openingView(b, vp, { x: 0, y: 0, k: 0 })).toEqual(fit);
  });

  it('the cover for a viewport holds the opening view of every smaller viewport', () => {
    fc.assert(
      fc.property(boundsArb, savedArb, finite(200, 4000), finite(200, 3000), finite(0, 1), finite(0, 1), (b, saved, mw, mh, fw, fh) => {
        const most = { width: mw, height: mh };
        const vp = { width: 200 + (mw - 200) * fw, height: 200 + (mh - 200) * fh };
        const shown = viewportRect(openingView(b, vp, saved), vp, 0);
        return contains(openingCover(b, most, saved), shown);
      }),
      { numRuns: 2000 },
    );
  });

  it('so every node the opening view shows is in the cover (a generated tree, viewports up to the window)', () => {
    const s = generateScenario({ shape: 'bushy', nodes: 3000, seed: 4 });
    const index = indexTree(s);
    const layout = layoutTree(index, expandAll(index));
    const si = buildSpatialIndex(layout);
    const most = { width: 1280, height: 800 };
    const cover = new Set(queryViewport(si, openingCover(layout.bounds, most, null)).nodes);
    let seen = 0;
    for (const vp of [most, { width: 900, height: 640 }, { width: 400, height: 780 }, { width: 200, height: 200 }]) {
      const shown = queryViewport(si, viewportRect(openingView(layout.bounds, vp, null), vp, 0)).nodes;
      seen += shown.length;
      for (const id of shown) expect(cover.has(id)).toBe(true);
    }
    expect(seen).toBeGreaterThan(20);
    // Not the whole tree: the cover is a window of it.
    expect(cover.size).toBeLessThan(layout.order.length / 2);
  });
});

describe('culling before the index is built', () => {
  it('one pass over the layout answers as the index does, in its order (generated trees, any expansion)', () => {
    for (const [shape, n] of [['bushy', 3000], ['wide', 3000], ['chain', 800]] as Array<[Shape, number]>) {
      const doc = generateScenario({ shape, nodes: n, seed: 22 });
      const idx = indexTree(doc);
      const rng = createRng(9);
      for (const expanded of [expandAll(idx), randomExpansion(idx, 3, 0.5), new Set([idx.root.id])]) {
        const layout = layoutTree(idx, expanded);
        const si = buildSpatialIndex(layout);
        for (let q = 0; q < 100; q++) {
          const r = randomRect(layout, rng);
          expect(scanViewportIndices(layout, r)).toEqual(queryViewportIndices(si, r));
        }
      }
    }
  });

  it('and for arbitrary layouts: overlapping boxes, columns out of order', () => {
    for (const seed of [77, 78, 79]) {
      // The columns' places shuffled, so that the index must reorder its buckets.
      const layout = arbitraryLayout(seed, true);
      const si = buildSpatialIndex(layout);
      const rng = createRng(seed + 1);
      for (let q = 0; q < 200; q++) {
        const r = randomRect(layout, rng);
        expect(scanViewportIndices(layout, r)).toEqual(queryViewportIndices(si, r));
        expect(cullLayout(layout, r)).toEqual(queryViewport(si, r));
      }
    }
  });

  it('a query inside the last scanned rectangle narrows its hits, with the answer and order of the index', () => {
    const wide = indexTree(generateScenario({ shape: 'wide', nodes: 3000, seed: 6 }));
    const bushy = indexTree(generateScenario({ shape: 'bushy', nodes: 3000, seed: 6 }));
    for (const l of [arbitraryLayout(81), layoutTree(wide, new Set([wide.root.id])), layoutTree(bushy, expandAll(bushy))]) {
      const si = buildSpatialIndex(l);
      const rng = createRng(12);
      for (let q = 0; q < 60; q++) {
        const outer = randomRect(l, rng);
        expect(scanViewportIndices(l, outer)).toEqual(queryViewportIndices(si, outer));
        for (let k = 0; k < 4; k++) {
          const w = outer.maxX - outer.minX;
          const h = outer.maxY - outer.minY;
          const a = rng();
          const b = rng();
          const inner = { minX: outer.minX + a * w * 0.5, maxX: outer.maxX - b * w * 0.5, minY: outer.minY + b * h * 0.5, maxY: outer.maxY - a * h * 0.5 };
          expect(scanViewportIndices(l, inner)).toEqual(queryViewportIndices(si, inner));
          expect(cullLayout(l, inner)).toEqual(queryViewport(si, inner));
        }
      }
    }
  });

  it('cullLayout scans until the index is built, then uses it, with the same answer', () => {
    const doc = generateScenario({ shape: 'wide', nodes: 2000, seed: 5 });
    const idx = indexTree(doc);
    const layout = layoutTree(idx, expandAll(idx));
    const r = viewportRect({ x: 100, y: 300, k: 0.6 }, { width: 1200, height: 800 }, 200);
    expect(builtSpatialIndex(layout)).toBeNull();
    const before = cullLayout(layout, r);
    expect(builtSpatialIndex(layout)).toBeNull();
    const si = spatialIndexOf(layout);
    expect(builtSpatialIndex(layout)).toBe(si);
    expect(cullLayout(layout, r)).toEqual(before);
    expect(before).toEqual(queryViewport(si, r));
    expect(before.nodes.length).toBeGreaterThan(10);
  });
});
