/**
 * Navigation geometry for big trees, pure (no DOM): the minimap (the whole
 * laid-out tree drawn small, with the view on it), Fit that stops at a
 * readable scale, and zoom steps that add up and keep the selection in place.
 */
import type { Bounds, TreeLayout } from './layout';
import { viewportRect, type Transform, type Viewport } from './cull';

/** The scale below which Fit stops: titles are still readable at half size. */
export const READABLE_SCALE = 0.5;

export interface MinimapGeometry {
  /** Minimap px per layout px, across and down (they differ for a very tall or wide tree, by at most MAX_STRETCH). */
  scaleX: number;
  scaleY: number;
  /** Minimap position of layout (0, 0). */
  offsetX: number;
  offsetY: number;
  /** The minimap's size: the box it was given, the tree centred in it (a very tall or wide tree is not a sliver). */
  width: number;
  height: number;
}

/** How much more one axis may be shrunk than the other, so a very tall or wide tree is not drawn as a thread (a tree of ordinary shape keeps it). */
export const MAX_STRETCH = 30;

/** Fits the tree's bounds in a `box` (minimap px) with `pad` px around. */
export function minimapGeometry(bounds: Bounds, box: Viewport, pad = 4): MinimapGeometry {
  const bw = Math.max(1, bounds.maxX - bounds.minX);
  const bh = Math.max(1, bounds.maxY - bounds.minY);
  if (!Number.isFinite(bw) || !Number.isFinite(bh)) return { scaleX: 1, scaleY: 1, offsetX: pad, offsetY: pad, width: box.width, height: box.height };
  const fitX = (box.width - 2 * pad) / bw;
  const fitY = (box.height - 2 * pad) / bh;
  // One scale (the tree's own shape), unless it would fill under a third of the box one way: then stretch that way.
  const s = Math.min(fitX, fitY);
  const scaleX = fitX > 3 * fitY ? Math.min(fitX, fitY * MAX_STRETCH) : s;
  const scaleY = fitY > 3 * fitX ? Math.min(fitY, fitX * MAX_STRETCH) : s;
  const offsetX = (box.width - bw * scaleX) / 2 - bounds.minX * scaleX;
  const offsetY = (box.height - bh * scaleY) / 2 - bounds.minY * scaleY;
  return { scaleX, scaleY, offsetX, offsetY, width: box.width, height: box.height };
}

/**
 * One path of small rectangles (minimap px, on whole pixels), one string, so
 * ten thousand nodes are one element. A node's rectangle that lies wholly on
 * pixels already drawn (row by row, in its column) adds nothing and is left
 * out: a dense tree is a few hundred rectangles, not one per node, and draws
 * the very same pixels.
 */
export function minimapNodesPath(layout: TreeLayout, g: MinimapGeometry): string {
  let d = '';
  // Per column (its left edge), per pixel row: how far right is drawn already.
  const reach = new Map<number, Float64Array>();
  const rows = Math.max(1, Math.ceil(g.height)) + 2;
  const at = layout.at;
  for (let v = 0; v < at.n; v++) {
    const x = Math.round(at.x[v]! * g.scaleX + g.offsetX);
    const y = Math.round(at.y[v]! * g.scaleY + g.offsetY);
    const w = Math.max(1, Math.round(at.width[v]! * g.scaleX));
    const h = Math.max(1, Math.round(at.height[v]! * g.scaleY));
    const right = x + w;
    let drawn = reach.get(x);
    if (!drawn) reach.set(x, (drawn = new Float64Array(rows).fill(-Infinity)));
    const top = Math.max(0, y);
    const bottom = Math.min(rows, y + h);
    let covered = top < bottom && y >= 0 && y + h <= rows;
    for (let r = top; r < bottom && covered; r++) if (drawn[r]! < right) covered = false;
    if (covered) continue;
    for (let r = top; r < bottom; r++) if (drawn[r]! < right) drawn[r] = right;
    d += `M${x},${y}h${w}v${h}h${-w}z`;
  }
  return d;
}

/** The least size (minimap px) the view's rectangle is drawn at, across and down, so it can be seen and aimed at. */
export const MINIMAP_VIEW_MIN = 8;

/**
 * The view's rectangle on the minimap (minimap px). A side shorter than `minSize` is drawn `minSize` long about the
 * same centre: far out on a very tall tree the view spans a sliver of its height (two or three pixels at 6% on a 10,000-branch
 * tree), and the rectangle would be a hairline; its centre, where a press on the map puts the view, stays exact.
 */
export function minimapViewport(t: Transform, viewport: Viewport, g: MinimapGeometry, minSize = 0): { x: number; y: number; width: number; height: number } {
  const r = viewportRect(t, viewport, 0);
  let x = r.minX * g.scaleX + g.offsetX;
  let y = r.minY * g.scaleY + g.offsetY;
  let width = (r.maxX - r.minX) * g.scaleX;
  let height = (r.maxY - r.minY) * g.scaleY;
  if (width < minSize) {
    x -= (minSize - width) / 2;
    width = minSize;
  }
  if (height < minSize) {
    y -= (minSize - height) / 2;
    height = minSize;
  }
  return { x, y, width, height };
}

/** The transform, at the current scale, that centres the view on a minimap point. */
export function transformForMinimapPoint(px: number, py: number, t: Transform, viewport: Viewport, g: MinimapGeometry): Transform {
  const lx = (px - g.offsetX) / g.scaleX;
  const ly = (py - g.offsetY) / g.scaleY;
  return { x: viewport.width / 2 - lx * t.k, y: viewport.height / 2 - ly * t.k, k: t.k };
}

export interface ReadableFit {
  transform: Transform;
  /** Nodes laid out but not (wholly) in the view at that transform; 0 when the whole tree fits. */
  leftOut: number;
  /** Whether Fit stopped at the readable scale instead of showing everything. */
  stopped: boolean;
}

/**
 * Fit the whole tree, but never below `minScale`: a tree too big to show
 * readably is shown from its root (its left edge), centred vertically on
 * `focusY` (a layout y, e.g. the selection) or the middle, and the nodes left
 * out are counted.
 */
export function readableFit(layout: TreeLayout, viewport: Viewport, options: { padding?: number; maxScale?: number; minScale?: number; focusY?: number } = {}): ReadableFit {
  const { padding = 32, maxScale = 1.2, minScale = READABLE_SCALE } = options;
  const b = layout.bounds;
  const bw = b.maxX - b.minX;
  const bh = b.maxY - b.minY;
  if (!Number.isFinite(bw) || !Number.isFinite(bh)) return { transform: { x: 0, y: 0, k: 1 }, leftOut: 0, stopped: false };
  const aw = Math.max(1, viewport.width - 2 * padding);
  const ah = Math.max(1, viewport.height - 2 * padding);
  const full = Math.min(bw > 0 ? aw / bw : maxScale, bh > 0 ? ah / bh : maxScale, maxScale);
  if (full >= minScale) {
    const cx = (b.minX + b.maxX) / 2;
    const cy = (b.minY + b.maxY) / 2;
    return { transform: { x: viewport.width / 2 - cx * full, y: viewport.height / 2 - cy * full, k: full }, leftOut: 0, stopped: false };
  }
  const k = minScale;
  const y = options.focusY ?? (b.minY + b.maxY) / 2;
  // Left edge at the padding, unless the tree is narrower than the view (then centred across).
  const x = bw * k <= aw ? viewport.width / 2 - ((b.minX + b.maxX) / 2) * k : padding - b.minX * k;
  const transform = { x, y: viewport.height / 2 - y * k, k };
  return { transform, leftOut: countOutside(layout, transform, viewport), stopped: true };
}

/** Laid-out nodes not wholly inside the view. */
export function countOutside(layout: TreeLayout, t: Transform, viewport: Viewport): number {
  const r = viewportRect(t, viewport, 0);
  const { n, x, y, width, height } = layout.at;
  let out = 0;
  for (let v = 0; v < n; v++) {
    if (x[v]! < r.minX || y[v]! < r.minY || x[v]! + width[v]! > r.maxX || y[v]! + height[v]! > r.maxY) out++;
  }
  return out;
}

/**
 * A zoom step from `t`, the transform the view is heading to (not the one an
 * animation is passing through, so quick clicks add up): the new scale is
 * `factor` times its scale, clamped; the `anchor` (a layout point,
 * e.g. the selection's centre) stays where it is on screen when it is in the
 * view, and is brought to the middle when it is not. Without an anchor the
 * middle of the view stays put.
 */
export function zoomStep(
  t: Transform,
  factor: number,
  viewport: Viewport,
  limits: { min: number; max: number },
  anchor?: { x: number; y: number },
): Transform {
  const k = Math.min(limits.max, Math.max(limits.min, t.k * factor));
  // Screen point the anchor should keep: its place under `t`, or the middle.
  const mid = { x: viewport.width / 2, y: viewport.height / 2 };
  let layoutPoint = { x: (mid.x - t.x) / t.k, y: (mid.y - t.y) / t.k };
  let screen = mid;
  if (anchor) {
    layoutPoint = anchor;
    const sx = anchor.x * t.k + t.x;
    const sy = anchor.y * t.k + t.y;
    screen = sx >= 0 && sx <= viewport.width && sy >= 0 && sy <= viewport.height ? { x: sx, y: sy } : mid;
  }
  return { x: screen.x - layoutPoint.x * k, y: screen.y - layoutPoint.y * k, k };
}
