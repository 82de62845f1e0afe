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
import type { Bounds, LayoutBox, LayoutLink, TreeLayout } from './layout';
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
  nodeIds: string[];
  nodeBoxes: LayoutBox[];
  links: readonly LayoutLink[];
  nodes: Layer;
  linkLayer: Layer;
}

/** Builds the culling index once per layout. O(n) for tidy layouts. */
export function buildSpatialIndex(layout: TreeLayout): SpatialIndex {
  const n = layout.boxes.size;
  const nodeIds: string[] = new Array(n);
  const nodeBoxes: LayoutBox[] = new Array(n);
  const bx0 = new Float64Array(n);
  const by0 = new Float64Array(n);
  const bx1 = new Float64Array(n);
  const by1 = new Float64Array(n);
  const bDepth = new Int32Array(n);
  let i = 0;
  for (const b of layout.boxes.values()) {
    nodeIds[i] = b.id;
    nodeBoxes[i] = b;
    bx0[i] = b.x;
    by0[i] = b.y;
    bx1[i] = b.x + b.width;
    by1[i] = b.y + b.height;
    bDepth[i] = b.depth;
    i++;
  }
  const links = layout.links;
  const m = links.length;
  const lx0 = new Float64Array(m);
  const ly0 = new Float64Array(m);
  const lx1 = new Float64Array(m);
  const ly1 = new Float64Array(m);
  const lDepth = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const l = links[j]!;
    lx0[j] = Math.min(l.x1, l.x2);
    lx1[j] = Math.max(l.x1, l.x2);
    ly0[j] = Math.min(l.y1, l.y2);
    ly1[j] = Math.max(l.y1, l.y2);
    // layoutTree emits link j for the node at position j + 1; anything else is looked up.
    const b = nodeBoxes[j + 1];
    lDepth[j] = b !== undefined && b.id === l.target ? b.depth : (layout.boxes.get(l.target)?.depth ?? 0);
  }
  return {
    layout,
    nodeIds,
    nodeBoxes,
    links,
    nodes: buildLayer(n, bDepth, bx0, by0, bx1, by1),
    linkLayer: buildLayer(m, lDepth, lx0, ly0, lx1, ly1),
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
  const nodes = new Array<string>(hitNodes.length);
  for (let i = 0; i < hitNodes.length; i++) nodes[i] = index.nodeIds[hitNodes[i]!]!;
  const links = new Array<LayoutLink>(hitLinks.length);
  for (let i = 0; i < hitLinks.length; i++) links[i] = index.links[hitLinks[i]!]!;
  return { nodes, links };
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

/**
 * A scan's hits, with each node's id and box by its number (the boxes' order). Kept per layout (`lastScans`) and
 * handed to callers as is: read-only.
 */
interface Scanned {
  readonly nodes: readonly number[];
  readonly links: readonly number[];
  readonly nodeId: readonly string[];
  readonly nodeBox: readonly LayoutBox[];
}

/** The last scan of each layout: a query inside its rectangle narrows its hits instead of passing over the layout. */
const lastScans = new WeakMap<TreeLayout, { rect: Rect; hits: Scanned }>();

function scan(layout: TreeLayout, rect: Rect): Scanned {
  const last = lastScans.get(layout);
  if (last && rect.minX >= last.rect.minX && rect.maxX <= last.rect.maxX && rect.minY >= last.rect.minY && rect.maxY <= last.rect.maxY) {
    // What meets a rectangle inside another meets that one too: its hits, in their order, narrowed.
    const { nodeBox } = last.hits;
    const nodes = last.hits.nodes.filter((i) => boxIntersects(nodeBox[i]!, rect));
    const links = last.hits.links.filter((j) => linkIntersects(layout.links[j]!, rect));
    return { nodes, links, nodeId: last.hits.nodeId, nodeBox };
  }
  const n = layout.boxes.size;
  const nodeDepth = new Int32Array(n);
  const nodeTop = new Float64Array(n);
  const nodeId: string[] = new Array(n);
  const nodeBox: LayoutBox[] = new Array(n);
  // Left edge of each column (bucket) over all its items, as the index orders its buckets.
  const nodeColumnLeft: number[] = [];
  const nodes: number[] = [];
  let i = 0;
  for (const b of layout.boxes.values()) {
    const d = b.depth;
    nodeId[i] = b.id;
    nodeBox[i] = b;
    nodeDepth[i] = d;
    nodeTop[i] = b.y;
    if (!(nodeColumnLeft[d]! <= b.x)) nodeColumnLeft[d] = b.x;
    if (boxIntersects(b, rect)) nodes.push(i);
    i++;
  }
  const m = layout.links.length;
  const linkDepth = new Int32Array(m);
  const linkTop = new Float64Array(m);
  const linkColumnLeft: number[] = [];
  const links: number[] = [];
  for (let j = 0; j < m; j++) {
    const l = layout.links[j]!;
    // As buildSpatialIndex: link j belongs to the node at position j + 1, else its target is looked up.
    const d = nodeId[j + 1] === l.target ? nodeDepth[j + 1]! : (layout.boxes.get(l.target)?.depth ?? 0);
    const x0 = Math.min(l.x1, l.x2);
    const y0 = Math.min(l.y1, l.y2);
    linkDepth[j] = d;
    linkTop[j] = y0;
    if (!(linkColumnLeft[d]! <= x0)) linkColumnLeft[d] = x0;
    if (linkIntersects(l, rect)) links.push(j);
  }
  const inIndexOrder = (depth: Int32Array, top: Float64Array, left: number[]) => (a: number, c: number) =>
    left[depth[a]!]! - left[depth[c]!]! || depth[a]! - depth[c]! || top[a]! - top[c]! || a - c;
  nodes.sort(inIndexOrder(nodeDepth, nodeTop, nodeColumnLeft));
  links.sort(inIndexOrder(linkDepth, linkTop, linkColumnLeft));
  const hits = { nodes, links, nodeId, nodeBox };
  lastScans.set(layout, { rect, hits });
  return hits;
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
  return { nodes: hits.nodes.map((k) => hits.nodeId[k]!), links: hits.links.map((k) => layout.links[k]!) };
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
  return b.x <= r.maxX && b.x + b.width >= r.minX && b.y <= r.maxY && b.y + b.height >= r.minY;
}

/**
 * Exact predicate for links used by the index: the bounding box of the two
 * anchors intersects the rect. This holds whenever either end is inside or the
 * straight segment crosses the rect, and it contains a horizontal S-curve
 * (d3 linkHorizontal) between the same anchors.
 */
export function linkIntersects(l: LayoutLink, r: Rect): boolean {
  return (
    Math.min(l.x1, l.x2) <= r.maxX &&
    Math.max(l.x1, l.x2) >= r.minX &&
    Math.min(l.y1, l.y2) <= r.maxY &&
    Math.max(l.y1, l.y2) >= r.minY
  );
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
