/**
 * Viewport culling and zoom-transform helpers.
 *
 * Transform convention (d3-zoom's): screen = layout * k + (x, y).
 *
 * The spatial index buckets boxes by column (depth). In each bucket items are
 * sorted by their top edge with a running maximum of bottom edges, and the
 * buckets themselves are sorted by left edge with a running maximum of right
 * edges; a query binary-searches both levels and scans only candidates, then
 * tests each exactly. In a tidy tree the boxes of one column never overlap,
 * so nearly every scanned candidate is a hit. Links are bucketed the same way
 * by the column of their target.
 */
import { linkAt, linkEndsOf, type Bounds, type LayoutArrays, type LayoutBox, type LayoutLink, type TreeLayout } from './layout';
import { derivedOf } from './presize';

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export type Rect = Bounds;

/**
 * Items grouped into buckets (columns). Within a bucket, items are sorted by
 * their lower y with a running max of their upper y, so the candidates for a
 * y-range are one contiguous run found by binary search. Buckets are sorted
 * by their left x with a running max of their right x, likewise.
 */
interface Layer {
  /** Per sorted position: item number, lower y, upper y, running max of upper y within its bucket. */
  item: Int32Array;
  lo: Float64Array;
  hi: Float64Array;
  maxHi: Float64Array;
  /** Per bucket (sorted by left x): range [start, end) of its positions, x extent, running max of right x. */
  bStart: Int32Array;
  bEnd: Int32Array;
  bLo: Float64Array;
  bHi: Float64Array;
  bMaxHi: Float64Array;
  x0: Float64Array;
  x1: Float64Array;
}

function buildLayer(
  count: number,
  bucketOf: Int32Array,
  x0: Float64Array,
  y0: Float64Array,
  x1: Float64Array,
  y1: Float64Array,
): Layer {
  let buckets = 0;
  for (let i = 0; i < count; i++) if (bucketOf[i]! + 1 > buckets) buckets = bucketOf[i]! + 1;
  // Counting sort by bucket; keeps input order (pre-order) inside a bucket.
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < count; i++) start[bucketOf[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1] = start[b + 1]! + start[b]!;
  const fill = start.slice(0, buckets);
  const item = new Int32Array(count);
  for (let i = 0; i < count; i++) item[fill[bucketOf[i]!]!++] = i;
  // Sort each bucket by lower y unless already sorted (the tidy-tree case).
  for (let b = 0; b < buckets; b++) {
    const s0 = start[b]!;
    const s1 = start[b + 1]!;
    let sorted = true;
    for (let i = s0 + 1; i < s1; i++) {
      if (y0[item[i]!]! < y0[item[i - 1]!]!) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      const part = Array.from(item.subarray(s0, s1));
      part.sort((a, c) => y0[a]! - y0[c]! || a - c);
      item.set(part, s0);
    }
  }
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  const maxHi = new Float64Array(count);
  const bxLo: number[] = [];
  const bxHi: number[] = [];
  const bS: number[] = [];
  const bE: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const s0 = start[b]!;
    const s1 = start[b + 1]!;
    if (s0 === s1) continue;
    let m = -Infinity;
    let xl = Infinity;
    let xh = -Infinity;
    for (let i = s0; i < s1; i++) {
      const it = item[i]!;
      lo[i] = y0[it]!;
      hi[i] = y1[it]!;
      if (y1[it]! > m) m = y1[it]!;
      maxHi[i] = m;
      if (x0[it]! < xl) xl = x0[it]!;
      if (x1[it]! > xh) xh = x1[it]!;
    }
    bS.push(s0);
    bE.push(s1);
    bxLo.push(xl);
    bxHi.push(xh);
  }
  const nb = bS.length;
  const perm = new Array<number>(nb);
  for (let i = 0; i < nb; i++) perm[i] = i;
  let inOrder = true;
  for (let i = 1; i < nb && inOrder; i++) if (bxLo[i]! < bxLo[i - 1]!) inOrder = false;
  if (!inOrder) perm.sort((a, c) => bxLo[a]! - bxLo[c]! || a - c);
  const bStart = new Int32Array(nb);
  const bEnd = new Int32Array(nb);
  const bLo = new Float64Array(nb);
  const bHi = new Float64Array(nb);
  const bMaxHi = new Float64Array(nb);
  let m = -Infinity;
  for (let i = 0; i < nb; i++) {
    const b = perm[i]!;
    bStart[i] = bS[b]!;
    bEnd[i] = bE[b]!;
    bLo[i] = bxLo[b]!;
    bHi[i] = bxHi[b]!;
    if (bxHi[b]! > m) m = bxHi[b]!;
    bMaxHi[i] = m;
  }
  return { item, lo, hi, maxHi, bStart, bEnd, bLo, bHi, bMaxHi, x0, x1 };
}

/** First position in [from, to) whose running max is >= a. */
function firstReaching(maxHi: Float64Array, from: number, to: number, a: number): number {
  let l = from;
  let h = to;
  while (l < h) {
    const mid = (l + h) >>> 1;
    if (maxHi[mid]! >= a) h = mid;
    else l = mid + 1;
  }
  return l;
}

function queryLayer(layer: Layer, r: Rect, out: number[]): void {
  const { item, lo, hi, maxHi, bStart, bEnd, bLo, bHi, bMaxHi, x0, x1 } = layer;
  const nb = bLo.length;
  for (let c = firstReaching(bMaxHi, 0, nb, r.minX); c < nb && bLo[c]! <= r.maxX; c++) {
    if (bHi[c]! < r.minX) continue;
    const end = bEnd[c]!;
    for (let i = firstReaching(maxHi, bStart[c]!, end, r.minY); i < end && lo[i]! <= r.maxY; i++) {
      if (hi[i]! < r.minY) continue;
      const it = item[i]!;
      if (x0[it]! <= r.maxX && x1[it]! >= r.minX) out.push(it);
    }
  }
}

export interface SpatialIndex {
  layout: TreeLayout;
  nodes: Layer;
  linkLayer: Layer;
}

/** Builds the culling index once per layout. O(n) for tidy layouts. */
export function buildSpatialIndex(layout: TreeLayout): SpatialIndex {
  const { n, x, y, width, height, depth } = layout.at;
  const bx1 = new Float64Array(n);
  const by1 = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    bx1[v] = x[v]! + width[v]!;
    by1[v] = y[v]! + height[v]!;
  }
  // Link j is node j + 1's (`linkEndsOf`), in its column.
  const e = linkEndsOf(layout.at);
  const m = Math.max(0, n - 1);
  const lx0 = new Float64Array(m);
  const ly0 = new Float64Array(m);
  const lx1 = new Float64Array(m);
  const ly1 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const k = j * 4;
    lx0[j] = Math.min(e[k]!, e[k + 2]!);
    lx1[j] = Math.max(e[k]!, e[k + 2]!);
    ly0[j] = Math.min(e[k + 1]!, e[k + 3]!);
    ly1[j] = Math.max(e[k + 1]!, e[k + 3]!);
  }
  return {
    layout,
    nodes: buildLayer(n, depth, x, y, bx1, by1),
    linkLayer: buildLayer(m, depth.subarray(1), lx0, ly0, lx1, ly1),
  };
}

const spatialIndexes = new WeakMap<TreeLayout, { dep: null; value: SpatialIndex }>();

/** The culling index of a layout, built once per layout object (idle time may have built it ahead). */
export function spatialIndexOf(layout: TreeLayout): SpatialIndex {
  return derivedOf(spatialIndexes, layout, null, () => buildSpatialIndex(layout));
}

export interface CullResult {
  /** Ids of nodes whose boxes intersect the rect (touching counts), column by column, top to bottom. */
  nodes: string[];
  /** Links whose bounding box (of their two anchors) intersects the rect. */
  links: LayoutLink[];
}

/** Nodes and links intersecting `rect` (layout coordinates). */
export function queryViewport(index: SpatialIndex, rect: Rect): CullResult {
  const hitNodes: number[] = [];
  queryLayer(index.nodes, rect, hitNodes);
  const hitLinks: number[] = [];
  queryLayer(index.linkLayer, rect, hitLinks);
  return itemsOf(index.layout, hitNodes, hitLinks);
}

/**
 * Item numbers (positions in the layout's pre-order: node i is `layout.order[i]`,
 * link j is `layout.links[j]`) of the nodes and links intersecting `rect`; the
 * canvas layer draws these, with no per-item objects.
 */
export function queryViewportIndices(index: SpatialIndex, rect: Rect): { nodes: number[]; links: number[] } {
  const nodes: number[] = [];
  queryLayer(index.nodes, rect, nodes);
  const links: number[] = [];
  queryLayer(index.linkLayer, rect, links);
  return { nodes, links };
}

/**
 * The item numbers `queryViewportIndices` gives, in its order (by column, as its buckets are ordered by their left
 * edge, then by top edge, then by number), found in one pass over the layout without building the index. What a
 * new layout's first paint needs: the index costs more to build (16 ms for 10,000 open branches, cold) than a few
 * scans, and is built after the paint.
 */
export function scanViewportIndices(layout: TreeLayout, rect: Rect): { nodes: readonly number[]; links: readonly number[] } {
  const { nodes, links } = scan(layout, rect);
  return { nodes, links };
}

/** A scan's hits by number. Kept per layout (`lastScans`) and handed to callers as is: read-only. */
interface Scanned {
  readonly nodes: readonly number[];
  readonly links: readonly number[];
}

/** The last scan of each layout: a query inside its rectangle narrows its hits instead of passing over the layout. */
const lastScans = new WeakMap<TreeLayout, { rect: Rect; hits: Scanned }>();

/** Whether node v's box meets `r` (as `boxIntersects`). */
function nodeMeets(at: LayoutArrays, v: number, r: Rect): boolean {
  return meets(at.x[v]!, at.y[v]!, at.x[v]! + at.width[v]!, at.y[v]! + at.height[v]!, r);
}

/** Whether link j's bounding box meets `r` (as `linkIntersects`), from the layout's link ends. */
function linkMeets(e: Float64Array, j: number, r: Rect): boolean {
  const k = j * 4;
  return meets(Math.min(e[k]!, e[k + 2]!), Math.min(e[k + 1]!, e[k + 3]!), Math.max(e[k]!, e[k + 2]!), Math.max(e[k + 1]!, e[k + 3]!), r);
}

function scan(layout: TreeLayout, rect: Rect): Scanned {
  const at = layout.at;
  const last = lastScans.get(layout);
  if (last && rect.minX >= last.rect.minX && rect.maxX <= last.rect.maxX && rect.minY >= last.rect.minY && rect.maxY <= last.rect.maxY) {
    // What meets a rectangle inside another meets that one too: its hits, in their order, narrowed.
    const nodes = last.hits.nodes.filter((v) => nodeMeets(at, v, rect));
    const e = linkEndsOf(at);
    const links = last.hits.links.filter((j) => linkMeets(e, j, rect));
    return { nodes, links };
  }
  const { n, x, y, depth } = at;
  const e = linkEndsOf(at);
  // Left edge of each column (bucket) over all its items, as the index orders its buckets.
  const nodeColumnLeft: number[] = [];
  const nodes: number[] = [];
  for (let v = 0; v < n; v++) {
    const d = depth[v]!;
    if (!(nodeColumnLeft[d]! <= x[v]!)) nodeColumnLeft[d] = x[v]!;
    if (nodeMeets(at, v, rect)) nodes.push(v);
  }
  const m = Math.max(0, n - 1);
  const linkTop = new Float64Array(m);
  const linkColumnLeft: number[] = [];
  const links: number[] = [];
  for (let j = 0; j < m; j++) {
    // As buildSpatialIndex: link j is node j + 1's, in its column.
    const d = depth[j + 1]!;
    const x0 = Math.min(e[j * 4]!, e[j * 4 + 2]!);
    linkTop[j] = Math.min(e[j * 4 + 1]!, e[j * 4 + 3]!);
    if (!(linkColumnLeft[d]! <= x0)) linkColumnLeft[d] = x0;
    if (linkMeets(e, j, rect)) links.push(j);
  }
  nodes.sort((a, c) => nodeColumnLeft[depth[a]!]! - nodeColumnLeft[depth[c]!]! || depth[a]! - depth[c]! || y[a]! - y[c]! || a - c);
  const linkDepth = depth.subarray(1);
  links.sort((a, c) => linkColumnLeft[linkDepth[a]!]! - linkColumnLeft[linkDepth[c]!]! || linkDepth[a]! - linkDepth[c]! || linkTop[a]! - linkTop[c]! || a - c);
  const hits = { nodes, links };
  lastScans.set(layout, { rect, hits });
  return hits;
}

/** The ids of the nodes and the links with these numbers. */
function itemsOf(layout: TreeLayout, nodeNumbers: readonly number[], linkNumbers: readonly number[]): CullResult {
  const nodes = new Array<string>(nodeNumbers.length);
  for (let i = 0; i < nodeNumbers.length; i++) nodes[i] = layout.order[nodeNumbers[i]!]!;
  const links = new Array<LayoutLink>(linkNumbers.length);
  for (let i = 0; i < linkNumbers.length; i++) links[i] = linkAt(layout, linkNumbers[i]!);
  return { nodes, links };
}

/** The index of a layout if it has been built (idle time, or an earlier frame), else null. */
export function builtSpatialIndex(layout: TreeLayout): SpatialIndex | null {
  return spatialIndexes.get(layout)?.value ?? null;
}

/** `queryViewportIndices` through the layout's index when built, else by one pass over the layout (same answer). */
export function cullIndices(layout: TreeLayout, rect: Rect): { nodes: readonly number[]; links: readonly number[] } {
  const index = builtSpatialIndex(layout);
  return index ? queryViewportIndices(index, rect) : scanViewportIndices(layout, rect);
}

/** `queryViewport` through the layout's index when built, else by one pass over the layout (same answer). */
export function cullLayout(layout: TreeLayout, rect: Rect): CullResult {
  const index = builtSpatialIndex(layout);
  if (index) return queryViewport(index, rect);
  const hits = scan(layout, rect);
  return itemsOf(layout, hits.nodes, hits.links);
}

/** The part of the layout shown in the viewport, grown by `margin` screen px on each side. */
export function viewportRect(t: Transform, viewport: Viewport, margin = 0): Rect {
  const k = t.k > 0 ? t.k : 1;
  return {
    minX: (-margin - t.x) / k,
    minY: (-margin - t.y) / k,
    maxX: (viewport.width + margin - t.x) / k,
    maxY: (viewport.height + margin - t.y) / k,
  };
}

/** Convenience: cull for a zoom transform and viewport. */
export function cullToViewport(index: SpatialIndex, t: Transform, viewport: Viewport, margin = 0): CullResult {
  return queryViewport(index, viewportRect(t, viewport, margin));
}

/** Exact predicate used by the index (closed intervals: touching counts). */
export function boxIntersects(b: Pick<LayoutBox, 'x' | 'y' | 'width' | 'height'>, r: Rect): boolean {
  return meets(b.x, b.y, b.x + b.width, b.y + b.height, r);
}

/** Whether the rectangle from (x0, y0) to (x1, y1) meets `r` (closed intervals: touching counts). */
function meets(x0: number, y0: number, x1: number, y1: number, r: Rect): boolean {
  return x0 <= r.maxX && x1 >= r.minX && y0 <= r.maxY && y1 >= r.minY;
}

/**
 * Exact predicate for links used by the index: the bounding box of the two
 * anchors intersects the rect. This holds whenever either end is inside or the
 * straight segment crosses the rect, and it contains a horizontal S-curve
 * (d3 linkHorizontal) between the same anchors.
 */
export function linkIntersects(l: LayoutLink, r: Rect): boolean {
  return meets(Math.min(l.x1, l.x2), Math.min(l.y1, l.y2), Math.max(l.x1, l.x2), Math.max(l.y1, l.y2), r);
}

/** Labels are unreadable below this zoom; draw plain boxes instead. */
export const LABEL_MIN_SCALE = 0.35;

export function labelsVisible(k: number, threshold = LABEL_MIN_SCALE): boolean {
  return k >= threshold;
}

/**
 * Transform that fits `bounds` in the viewport with `padding` screen px on
 * each side, centred, never zooming in beyond `maxScale` (or out below
 * `minScale`).
 */
export function fitTransform(bounds: Bounds, viewport: Viewport, padding = 24, maxScale = 1, minScale = 0): Transform {
  const bw = bounds.maxX - bounds.minX;
  const bh = bounds.maxY - bounds.minY;
  if (!Number.isFinite(bw) || !Number.isFinite(bh) || bw < 0 || bh < 0) return { x: 0, y: 0, k: 1 };
  const aw = Math.max(1, viewport.width - 2 * padding);
  const ah = Math.max(1, viewport.height - 2 * padding);
  let k = Math.min(bw > 0 ? aw / bw : Infinity, bh > 0 ? ah / bh : Infinity, maxScale);
  if (!Number.isFinite(k)) k = maxScale > 0 && Number.isFinite(maxScale) ? maxScale : 1;
  if (k < minScale) k = minScale;
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  return { x: viewport.width / 2 - cx * k, y: viewport.height / 2 - cy * k, k };
}

/** How a tree opens without a saved view: fitted within this padding, never above 100%, never below a readable 45%. */
export const OPENING_FIT = { padding: 32, maxScale: 1, minScale: 0.45 } as const;

function usableView(t: Transform | null | undefined): t is Transform {
  return !!t && Number.isFinite(t.x) && Number.isFinite(t.y) && Number.isFinite(t.k) && t.k > 0;
}

/** The view a document opens at in a viewport: its saved view, else the tree fitted (OPENING_FIT) about its centre. */
export function openingView(bounds: Bounds, viewport: Viewport, saved?: Transform | null): Transform {
  if (usableView(saved)) return saved;
  return fitTransform(bounds, viewport, OPENING_FIT.padding, OPENING_FIT.maxScale, OPENING_FIT.minScale);
}

/**
 * A layout-space rectangle holding what `openingView` shows in any viewport no larger than `most` (each side):
 * what a view can render before it knows its own size. A saved view shows less of the same rectangle in a smaller
 * viewport; a fitted one is centred on the tree at a scale of at least OPENING_FIT.minScale, so it never shows more
 * than `most` at that scale about the same centre.
 */
export function openingCover(bounds: Bounds, most: Viewport, saved?: Transform | null): Rect {
  if (usableView(saved)) return viewportRect(saved, most, 0);
  const bw = bounds.maxX - bounds.minX;
  const bh = bounds.maxY - bounds.minY;
  // No tree to fit: fitTransform's identity view.
  if (!Number.isFinite(bw) || !Number.isFinite(bh) || bw < 0 || bh < 0) return viewportRect({ x: 0, y: 0, k: 1 }, most, 0);
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  const hw = most.width / (2 * OPENING_FIT.minScale);
  const hh = most.height / (2 * OPENING_FIT.minScale);
  return { minX: cx - hw, minY: cy - hh, maxX: cx + hw, maxY: cy + hh };
}

/** Transform at scale `k` that puts the centre of `box` at the centre of the viewport. */
export function centerOnTransform(box: Pick<LayoutBox, 'x' | 'y' | 'width' | 'height'>, viewport: Viewport, k: number): Transform {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { x: viewport.width / 2 - cx * k, y: viewport.height / 2 - cy * k, k };
}

/**
 * Smallest pan (same scale) that brings `box` fully into view with `padding`
 * screen px, e.g. when keyboard focus moves off-screen. Returns `t` itself if
 * the box is already in view; centres on the box if it cannot fit.
 */
export function panIntoView(
  box: Pick<LayoutBox, 'x' | 'y' | 'width' | 'height'>,
  t: Transform,
  viewport: Viewport,
  padding = 24,
): Transform {
  const sx0 = box.x * t.k + t.x;
  const sy0 = box.y * t.k + t.y;
  const sx1 = sx0 + box.width * t.k;
  const sy1 = sy0 + box.height * t.k;
  let dx = 0;
  let dy = 0;
  if (sx1 - sx0 > viewport.width - 2 * padding) dx = viewport.width / 2 - (sx0 + sx1) / 2;
  else if (sx0 < padding) dx = padding - sx0;
  else if (sx1 > viewport.width - padding) dx = viewport.width - padding - sx1;
  if (sy1 - sy0 > viewport.height - 2 * padding) dy = viewport.height / 2 - (sy0 + sy1) / 2;
  else if (sy0 < padding) dy = padding - sy0;
  else if (sy1 > viewport.height - padding) dy = viewport.height - padding - sy1;
  return dx === 0 && dy === 0 ? t : { x: t.x + dx, y: t.y + dy, k: t.k };
}
