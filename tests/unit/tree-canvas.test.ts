import { describe, it, expect } from 'vitest';
import { indexTree } from '@/lib/model/tree';
import { generateScenario } from '@/lib/gen/generate';
import { expandAll } from '@/lib/tree/visible';
import { layoutTree } from '@/lib/tree/layout';
import { boxIntersects, buildSpatialIndex, linkIntersects, queryViewportIndices, viewportRect } from '@/lib/tree/cull';
import {
  CANVAS_MIN_NODES,
  CANVAS_NODE_SCALE,
  LINK_PAINTS,
  canvasScene,
  drawScene,
  linkPaintOf,
  linkPathOf,
  linkXAtY,
  linksOnCanvas,
  linksToDraw,
  type CanvasScene,
  nodesOnCanvas,
  nodesToDraw,
  svgItemIds,
  type Ctx2D,
} from '@/lib/tree/canvas';

/** A 2D context that records the calls made on it (and the paint set at each stroke or fill). */
function recorder() {
  const calls: Array<{ op: string; args: number[]; paint?: string }> = [];
  const ctx: Ctx2D & { calls: typeof calls } = {
    calls,
    lineWidth: 1,
    strokeStyle: '',
    fillStyle: '',
    setTransform: (...a: number[]) => void calls.push({ op: 'setTransform', args: a }),
    clearRect: (...a: number[]) => void calls.push({ op: 'clearRect', args: a }),
    beginPath: () => void calls.push({ op: 'beginPath', args: [] }),
    moveTo: (...a: number[]) => void calls.push({ op: 'moveTo', args: a }),
    lineTo: (...a: number[]) => void calls.push({ op: 'lineTo', args: a }),
    bezierCurveTo: (...a: number[]) => void calls.push({ op: 'bezierCurveTo', args: a }),
    rect: (...a: number[]) => void calls.push({ op: 'rect', args: a }),
    fill() {
      calls.push({ op: 'fill', args: [], paint: String(this.fillStyle) });
    },
    stroke() {
      calls.push({ op: 'stroke', args: [this.lineWidth], paint: String(this.strokeStyle) });
    },
    setLineDash: (a: number[]) => void calls.push({ op: 'setLineDash', args: a }),
  };
  return ctx;
}

function bigLayout(n = 1200) {
  const s = generateScenario({ shape: 'bushy', nodes: n, seed: 3 });
  const index = indexTree(s);
  const layout = layoutTree(index, expandAll(index));
  return { index, layout };
}

describe('canvas layer: which layer draws what', () => {
  it('small trees keep SVG links; large ones draw links on the canvas, and node shapes only when zoomed past readable labels', () => {
    expect(linksOnCanvas(CANVAS_MIN_NODES)).toBe(false);
    expect(linksOnCanvas(CANVAS_MIN_NODES + 1)).toBe(true);
    expect(nodesOnCanvas(CANVAS_NODE_SCALE, 10_000)).toBe(false);
    expect(nodesOnCanvas(CANVAS_NODE_SCALE - 0.01, 10_000)).toBe(true);
    expect(nodesOnCanvas(0.01, CANVAS_MIN_NODES)).toBe(false);
  });

  it('the SVG keeps the culled items when readable, only focus and selection (laid out, once) when the canvas draws nodes', () => {
    const laidOut = (id: string) => id !== 'gone';
    expect(svgItemIds(['a', 'b'], false, ['b', 'c', null], laidOut)).toEqual(['a', 'b', 'c']);
    expect(svgItemIds(['a', 'b'], true, ['c', 'c', 'gone', undefined], laidOut)).toEqual(['c']);
    expect(svgItemIds(['a'], true, [], laidOut)).toEqual([]);
  });

  it('link paints follow the stylesheet: the best path wins over a diff mark, rejected branches are dashed', () => {
    expect(linkPaintOf(undefined, false, false)).toBe('plain');
    expect(linkPaintOf('added', false, false)).toBe('added');
    expect(linkPaintOf('added', true, false)).toBe('best');
    expect(linkPaintOf('added', true, true)).toBe('addedRejected');
    expect(linkPaintOf('changed', true, true)).toBe('rejected');
    expect(LINK_PAINTS.rejected.dash.length).toBeGreaterThan(0);
  });
});

describe('canvas layer: the drawing list', () => {
  it('holds every link and box of the layout in pre-order, with deduplicated node paints', () => {
    const { layout } = bigLayout(800);
    const paints = ['#fff', '#eee'];
    const scene = canvasScene(
      layout,
      (target) => (target.endsWith('1') ? 'best' : 'plain'),
      (id) => ({ fill: paints[id.length % 2]!, stroke: '#000', width: 1 }),
    );
    expect(scene.links.length).toBe(layout.links.length * 4);
    expect(scene.boxes.length).toBe(layout.order.length * 4);
    expect(scene.nodePaints.length).toBe(2);
    layout.links.forEach((l, j) => {
      expect([...scene.links.subarray(j * 4, j * 4 + 4)]).toEqual([l.x1, l.y1, l.x2, l.y2]);
      expect(Object.keys(LINK_PAINTS)[scene.linkPaint[j]!]).toBe(l.target.endsWith('1') ? 'best' : 'plain');
    });
    layout.order.forEach((id, i) => {
      const b = layout.boxes.get(id)!;
      expect([...scene.boxes.subarray(i * 4, i * 4 + 4)]).toEqual([b.x, b.y, b.width, b.height]);
      expect(scene.nodePaints[scene.boxPaint[i]!]!.fill).toBe(paints[id.length % 2]);
    });
    // Each link's source number is its source's pre-order position.
    const pos = new Map(layout.order.map((id, i) => [id, i]));
    layout.links.forEach((l, j) => expect(scene.linkSource[j]).toBe(pos.get(l.source)));
  });

  it('asks for node paints only when they are first read (a first paint draws links alone), and once', () => {
    const { layout } = bigLayout(500);
    let asked = 0;
    const scene = canvasScene(layout, () => 'plain', () => {
      asked++;
      return { fill: '#fff', stroke: '#000', width: 1 };
    });
    expect(asked).toBe(0);
    const ctx = recorder();
    drawScene(ctx, scene, { links: null, nodes: null }, { x: 0, y: 0, k: 1 }, { dpr: 1, viewport: { width: 800, height: 600 }, links: true, nodes: false });
    expect(asked).toBe(0);
    expect(scene.boxPaint).toHaveLength(layout.order.length);
    expect(asked).toBe(layout.order.length);
    expect(scene.nodePaints).toHaveLength(1);
    expect(asked).toBe(layout.order.length);
  });

  it('numbers paints shared by object or by value alike', () => {
    const { layout } = bigLayout(300);
    const shared = { fill: '#fff', stroke: '#000', width: 1 };
    const scene = canvasScene(layout, () => 'plain', (id) => (id.length % 2 ? shared : { fill: '#fff', stroke: '#000', width: 1 }));
    expect(scene.nodePaints).toHaveLength(1);
    expect([...scene.boxPaint].every((p) => p === 0)).toBe(true);
  });

  it('the spatial index numbers items as the drawing list does, and finds exactly what intersects the view', () => {
    const { layout } = bigLayout();
    const si = buildSpatialIndex(layout);
    const t = { x: 100, y: 300, k: 0.4 };
    const r = viewportRect(t, { width: 900, height: 600 });
    const got = queryViewportIndices(si, r);
    const wantNodes = layout.order.map((id, i) => (boxIntersects(layout.boxes.get(id)!, r) ? i : -1)).filter((i) => i >= 0);
    const wantLinks = layout.links.map((l, j) => (linkIntersects(l, r) ? j : -1)).filter((j) => j >= 0);
    expect([...got.nodes].sort((a, b) => a - b)).toEqual(wantNodes);
    expect([...got.links].sort((a, b) => a - b)).toEqual(wantLinks);
    expect(wantNodes.length).toBeGreaterThan(0);
    expect(wantNodes.length).toBeLessThan(layout.order.length);
  });
});

describe('canvas layer: drawing', () => {
  it('draws each link in view on the SVG link curve, one stroke per paint, under the view transform times the pixel ratio', () => {
    const { layout } = bigLayout();
    const scene = canvasScene(layout, (target) => (target.length % 3 === 0 ? 'rejected' : 'plain'), () => ({ fill: '#fff', stroke: '#000', width: 1 }));
    const inView = { nodes: [], links: [0, 1, 2, 3, 4, 5] };
    const ctx = recorder();
    const t = { x: 12, y: -7, k: 1.5 };
    const out = drawScene(ctx, scene, inView, t, { dpr: 2, viewport: { width: 400, height: 300 }, links: true, nodes: false });
    expect(out).toEqual({ links: 6, nodes: 0 });
    expect(ctx.calls[0]).toEqual({ op: 'setTransform', args: [1, 0, 0, 1, 0, 0] });
    expect(ctx.calls[1]).toEqual({ op: 'clearRect', args: [0, 0, 800, 600] });
    expect(ctx.calls[2]).toEqual({ op: 'setTransform', args: [3, 0, 0, 3, 24, -14] });
    // Rebuild the traced path of every link from the calls and compare with the SVG path of that link.
    const traced: string[] = [];
    for (const c of ctx.calls) {
      if (c.op === 'moveTo') traced.push(`M${c.args[0]},${c.args[1]}`);
      else if (c.op === 'bezierCurveTo') traced[traced.length - 1] += ` C${c.args[0]},${c.args[1]} ${c.args[2]},${c.args[3]} ${c.args[4]},${c.args[5]}`;
      else if (c.op === 'lineTo') traced[traced.length - 1] += ` L${c.args[0]},${c.args[1]}`;
    }
    const want = inView.links.map((j) => linkPathOf(layout.links[j]!));
    expect([...traced].sort()).toEqual([...want].sort());
    const strokes = ctx.calls.filter((c) => c.op === 'stroke');
    const kinds = new Set(inView.links.map((j) => scene.linkPaint[j]));
    expect(strokes.length).toBe(kinds.size);
  });

  it('far out: links too short to show a curve are straight, and node boxes in view are filled by paint', () => {
    const { layout } = bigLayout();
    const scene = canvasScene(layout, () => 'plain', (id) => ({ fill: id < 'm' ? '#aaa' : '#bbb', stroke: '#000', width: 1 }));
    const ctx = recorder();
    const out = drawScene(ctx, scene, { nodes: null, links: null }, { x: 0, y: 0, k: 0.01 }, { dpr: 1, viewport: { width: 100, height: 100 }, links: true, nodes: true });
    expect(out).toEqual({ links: layout.links.length, nodes: layout.order.length });
    expect(ctx.calls.some((c) => c.op === 'bezierCurveTo')).toBe(false);
    expect(ctx.calls.filter((c) => c.op === 'rect').length).toBe(layout.order.length);
    expect(ctx.calls.filter((c) => c.op === 'fill').map((c) => c.paint).sort()).toEqual(scene.nodePaints.map((p) => p.fill).sort());
    // Strokes never get thinner than half a device pixel: 0.5 / 0.01 layout px here.
    for (const s of ctx.calls.filter((c) => c.op === 'stroke')) expect(s.args[0]).toBeGreaterThanOrEqual(50);
  });
});

describe('canvas layer: thinning what cannot be told apart', () => {
  it('linkXAtY follows the link curve: the source and target ends, and points sampled on the cubic', () => {
    const [x1, y1, x2, y2] = [100, 0, 300, 1000];
    expect(linkXAtY(x1, y1, x2, y2, y1)).toBeCloseTo(x1, 9);
    expect(linkXAtY(x1, y1, x2, y2, y2)).toBeCloseTo(x2 - 18, 9);
    const mx = (x1 + x2) / 2;
    for (const t of [0.05, 0.3, 0.5, 0.8]) {
      const u = 1 - t;
      const x = u ** 3 * x1 + 3 * u * u * t * mx + 3 * u * t * t * mx + t ** 3 * (x2 - 18);
      const y = u ** 3 * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y2;
      expect(linkXAtY(x1, y1, x2, y2, y)).toBeCloseTo(x, 6);
    }
  });

  // Close in, a link is drawn along its curve; far out (k = 0.05 here), as a straight line.
  it.each([
    { k: 1, drawn: 'curves', most: 1 / 4 },
    { k: 0.05, drawn: 'straight lines', most: 1 / 3 },
  ])('a fan of thousands of links leaving the view is drawn as the few distinct $drawn it shows; nothing visible is lost (k = $k)', ({ k, most }) => {
    const s = generateScenario({ shape: 'wide', nodes: 3000, seed: 1 });
    const index = indexTree(s);
    const layout = layoutTree(index, expandAll(index));
    const si = buildSpatialIndex(layout);
    const scene = canvasScene(layout, () => 'plain', () => ({ fill: '#fff', stroke: '#000', width: 1 }));
    const root = layout.boxes.get(index.root.id)!;
    const t = { x: 48, y: 250 - (root.y + root.height / 2) * k, k };
    const rect = viewportRect(t, { width: 880, height: 500 });
    const hits = queryViewportIndices(si, rect);
    const kept = linksToDraw(scene, hits.links, rect, t.k);
    const L = scene.links;
    const straight = (j: number) => (L[j * 4 + 2]! - L[j * 4]!) * t.k < 6;
    const straightCount = hits.links.filter(straight).length;
    if (k < 1) expect(straightCount).toBeGreaterThan(hits.links.length * 0.9);
    else expect(straightCount).toBe(0);
    expect(hits.links.length).toBeGreaterThan(500);
    expect(kept.length).toBeLessThan(hits.links.length * most);
    // Where a link crosses height y as drawn: along the curve, or along the straight line from end to end.
    const xAt = (j: number, y: number) => {
      const [x1, y1, x2, y2] = [L[j * 4]!, L[j * 4 + 1]!, L[j * 4 + 2]!, L[j * 4 + 3]!];
      return straight(j) ? x1 + ((x2 - x1) * (y - y1)) / (y2 - y1) : linkXAtY(x1, y1, x2, y2, y);
    };
    const inView = (y: number) => y >= rect.minY && y <= rect.maxY;
    const keptSet = new Set(kept);
    expect(keptSet.size).toBe(kept.length);
    for (const j of kept) expect(hits.links).toContain(j);
    for (const j of hits.links) {
      if (keptSet.has(j)) continue;
      const same = (q: number) => scene.linkSource[q] === scene.linkSource[j] && scene.linkPaint[q] === scene.linkPaint[j] && straight(q) === straight(j);
      const y2 = L[j * 4 + 3]!;
      if (inView(y2)) {
        // Left out with its end in view: only a straight line, and one of the same source and paint ends in the same screen pixel.
        expect(straight(j)).toBe(true);
        const px = (q: number) => `${Math.round(L[q * 4 + 2]! * k)}:${Math.round(L[q * 4 + 3]! * k)}`;
        expect(kept.filter((q) => same(q) && inView(L[q * 4 + 3]!) && px(q) === px(j))).toHaveLength(1);
        continue;
      }
      // Left out leaving the view: it runs between two kept links of the same source and paint leaving by the same
      // edge (or along one), at most half a screen pixel apart there; and at least four are kept that near it.
      const edge = y2 > rect.maxY ? rect.maxY : rect.minY;
      const place = (q: number) => xAt(q, edge) * k;
      const twins = kept.filter((q) => same(q) && !inView(L[q * 4 + 3]!) && Math.sign(L[q * 4 + 3]! - rect.maxY) === Math.sign(y2 - rect.maxY) && Math.abs(place(q) - place(j)) <= 0.5 + 1e-9);
      // Its bucket was full: four links drawn (thin strokes add up: four ink about as dark as all of them).
      expect(twins.length).toBeGreaterThanOrEqual(4);
      const below = twins.filter((q) => place(q) <= place(j) + 1e-9);
      const above = twins.filter((q) => place(q) >= place(j) - 1e-9);
      expect(below.some((q) => above.some((r) => place(r) - place(q) <= 0.5 + 1e-9))).toBe(true);
    }
  });

  it('fitted far out, the straight links of a source ending in the same screen pixel are drawn once', () => {
    const s = generateScenario({ shape: 'bushy', nodes: 3000, seed: 2 });
    const index = indexTree(s);
    const layout = layoutTree(index, expandAll(index));
    const si = buildSpatialIndex(layout);
    const scene = canvasScene(layout, (target) => (target.length % 2 ? 'plain' : 'rejected'), () => ({ fill: '#fff', stroke: '#000', width: 1 }));
    const b = layout.bounds;
    const k = Math.min(880 / (b.maxX - b.minX), 500 / (b.maxY - b.minY));
    const t = { x: -b.minX * k, y: -b.minY * k, k };
    const rect = viewportRect(t, { width: 880, height: 500 });
    const hits = queryViewportIndices(si, rect);
    expect(hits.links.length).toBe(layout.order.length - 1);
    const kept = linksToDraw(scene, hits.links, rect, k);
    const L = scene.links;
    const key = (j: number) => `${scene.linkSource[j]}:${scene.linkPaint[j]}:${Math.round(L[j * 4 + 2]! * k)}:${Math.round(L[j * 4 + 3]! * k)}`;
    // Every link is straight here; one per source, paint and end pixel, whichever of them.
    for (let j = 0; j < hits.links.length; j++) expect((L[j * 4 + 2]! - L[j * 4]!) * k).toBeLessThan(6);
    const distinct = new Set(Array.from(hits.links, key));
    expect(kept).toHaveLength(distinct.size);
    expect(new Set(kept.map(key)).size).toBe(distinct.size);
    expect(kept.length).toBeLessThan(hits.links.length / 2);
  });

  it('straight links ending in the same pixel are drawn once whatever their numbers: sources past two million, ends left of the source', () => {
    // Hand-made links, far out (k = 0.01: every run under 6 px is straight): per source, pairs ending in the same
    // screen pixel and one ending a pixel lower. Sources 5 and 3,000,000 (past the packed key's 2^21); the second
    // source's links end left of it (x2 < x1 by more than the packed column holds).
    const k = 0.01;
    const ends = [
      [5, 1000, 0, 1400, 5000], // source 5: ends at pixel (14, 50)
      [5, 1000, 0, 1401, 5010], // the same pixel
      [5, 1000, 0, 1400, 5100], // a pixel lower
      [3_000_000, 1000, 0, 1400, 5000],
      [3_000_000, 1000, 0, 1401, 5010],
      [3_000_000, 1000, 0, 1400, 5100],
      [7, 1000, 0, -1000, 5000], // source 7: ends 20 px left of its source
      [7, 1000, 0, -999, 5010],
      [7, 1000, 0, -1000, 5100],
      [-3, 1000, 0, 1400, 5000], // a negative source number: kept apart from every other
      [-3, 1000, 0, 1401, 5010],
    ];
    const scene: CanvasScene = {
      links: Float64Array.from(ends.flatMap(([, ...xy]) => xy)),
      linkPaint: new Uint8Array(ends.length),
      linkSource: Int32Array.from(ends.map(([source]) => source)),
      boxes: new Float64Array(0),
      boxPaint: new Uint16Array(0),
      nodePaints: [],
    };
    const all = ends.map((_, j) => j);
    expect(linksToDraw(scene, all, { minY: -10000, maxY: 10000 }, k)).toEqual([0, 2, 3, 5, 6, 8, 9]);
    // The same links at another paint are not merged with these.
    const painted = { ...scene, linkPaint: Uint8Array.from(ends.map((_, j) => (j % 3 === 1 ? 1 : 0))) };
    expect(linksToDraw(painted, all, { minY: -10000, maxY: 10000 }, k)).toEqual(all);
  });

  it('far out, sub-pixel boxes sharing a screen pixel and a paint are drawn once', () => {
    const { layout } = bigLayout();
    const paints = ['#aaa', '#bbb'];
    const scene = canvasScene(layout, () => 'plain', (id) => ({ fill: paints[id.length % 2]!, stroke: '#000', width: 1 }));
    const all = layout.order.map((_, i) => i);
    const k = 0.002;
    const kept = nodesToDraw(scene, all, k);
    expect(kept.length).toBeLessThan(all.length / 2);
    const px = (v: number) => `${scene.boxPaint[v]}:${Math.round(scene.boxes[v * 4]! * k)}:${Math.round(scene.boxes[v * 4 + 1]! * k)}`;
    const keptPx = new Set(Array.from(kept, px));
    expect(keptPx.size).toBe(kept.length);
    for (const v of all) expect(keptPx.has(px(v))).toBe(true);
    // Close in, every box is drawn.
    expect(nodesToDraw(scene, all, 1).length).toBe(all.length);
  });
});
