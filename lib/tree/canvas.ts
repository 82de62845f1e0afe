/**
 * The canvas layer of a large tree: what is dense (links, and node shapes when
 * zoomed too far out to read a label) is drawn on one <canvas> under the SVG;
 * the SVG keeps the readable tree items (labels, focus, the WAI-ARIA tree).
 *
 * Pure: the drawing list is built once per layout (typed arrays in the
 * layout's pre-order, so link j belongs to node j + 1 as in layoutTree), and
 * `drawScene` replays the part of it in view on a 2D context given as a
 * minimal interface (no DOM here; the tree view passes the real context).
 * Link geometry is the SVG link's own (`linkPathOf`), so both layers agree.
 */
import { linkEndsOf, type LayoutLink, type TreeLayout } from './layout';
import { LABEL_MIN_SCALE, type Transform, type Viewport } from './cull';

/** Trees with more visible nodes than this draw their links on the canvas (smaller ones keep animated SVG links). */
export const CANVAS_MIN_NODES = 300;

/**
 * Below this zoom the cards show no labels (cull's LABEL_MIN_SCALE): node shapes go to the canvas and the SVG
 * keeps only the focused and selected items.
 */
export const CANVAS_NODE_SCALE = LABEL_MIN_SCALE;

/** Whether node shapes are drawn on the canvas (rather than as SVG tree items) at zoom `k`. */
export function nodesOnCanvas(k: number, visibleNodes: number): boolean {
  return visibleNodes > CANVAS_MIN_NODES && k < CANVAS_NODE_SCALE;
}

/** Whether links are drawn on the canvas for a tree showing this many nodes. */
export function linksOnCanvas(visibleNodes: number): boolean {
  return visibleNodes > CANVAS_MIN_NODES;
}

/**
 * The ids the SVG renders as tree items: the culled ones while labels are
 * readable, only the kept ones (focus and selection, so keyboard focus and the
 * accessibility tree keep their item) when the canvas draws the nodes. Kept
 * ids are added once, and only when laid out.
 */
export function svgItemIds(
  culled: readonly string[],
  onCanvas: boolean,
  keep: ReadonlyArray<string | null | undefined>,
  laidOut: (id: string) => boolean,
): string[] {
  const out = onCanvas ? [] : culled.slice();
  const seen = new Set(out);
  for (const id of keep) {
    if (id && !seen.has(id) && laidOut(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}

/** The SVG path of a link (also the canvas's, see `traceLink`): an S-curve ending in a short straight run into the card. */
export function linkPathOf(l: Pick<LayoutLink, 'x1' | 'y1' | 'x2' | 'y2'>): string {
  const mx = (l.x1 + l.x2) / 2;
  return `M${l.x1},${l.y1} C${mx},${l.y1} ${mx},${l.y2} ${l.x2 - 18},${l.y2} L${l.x2},${l.y2}`;
}

export interface StrokePaint {
  stroke: string;
  width: number;
  dash: readonly number[];
}

export interface FillPaint {
  fill: string;
  stroke: string;
  width: number;
}

/** Link paints, as the stylesheet's `.link` classes (the analysis's best path wins over a diff mark). */
export const LINK_PAINTS = {
  plain: { stroke: '#a9b4c2', width: 1.4, dash: [] },
  added: { stroke: '#2f855a', width: 1.4, dash: [] },
  best: { stroke: '#1f5fbf', width: 3, dash: [] },
  rejected: { stroke: '#a9b4c2', width: 1.4, dash: [4, 4] },
  addedRejected: { stroke: '#2f855a', width: 1.4, dash: [4, 4] },
} as const satisfies Record<string, StrokePaint>;
export type LinkPaintKey = keyof typeof LINK_PAINTS;
const LINK_KEYS = Object.keys(LINK_PAINTS) as LinkPaintKey[];

/** The paint of the link into `target`, from its diff mark and the analysis (same precedence as the CSS). */
export function linkPaintOf(diff: string | undefined, solved: boolean, rejected: boolean): LinkPaintKey {
  const added = diff === 'added';
  if (solved && rejected) return added ? 'addedRejected' : 'rejected';
  if (solved) return 'best';
  return added ? 'added' : 'plain';
}

/** The drawing list of a layout: links and node boxes in pre-order, each with a paint number. Read-only. */
export interface CanvasScene {
  /** x1, y1, x2, y2 per link (the layout's own `linkEndsOf`, shared). */
  readonly links: Float64Array;
  readonly linkPaint: Uint8Array;
  /** Node number (pre-order position) of each link's source (a view of the layout's parents). */
  readonly linkSource: Int32Array;
  /** x, y, width, height per node. */
  readonly boxes: Float64Array;
  /** Each node's paint, by number (made when first read). */
  readonly boxPaint: Uint16Array;
  /** Node paints, by number (deduplicated). */
  readonly nodePaints: FillPaint[];
}

/**
 * The drawing list of a layout. Node paints are asked for only when first read (`boxPaint`, `nodePaints`): the
 * canvas draws node shapes only when zoomed far out, and a large tree's first paint draws its links alone.
 */
export function canvasScene(
  layout: TreeLayout,
  linkPaint: (target: string) => LinkPaintKey,
  nodePaint: (id: string) => FillPaint,
): CanvasScene {
  const { n, x, y, width, height, parent } = layout.at;
  const links = linkEndsOf(layout.at);
  const ids = layout.order;
  const boxes = new Float64Array(n * 4);
  for (let v = 0; v < n; v++) {
    boxes[v * 4] = x[v]!;
    boxes[v * 4 + 1] = y[v]!;
    boxes[v * 4 + 2] = width[v]!;
    boxes[v * 4 + 3] = height[v]!;
  }
  // Link j is node j + 1's (`linkEndsOf`).
  const m = Math.max(0, n - 1);
  const lp = new Uint8Array(m);
  for (let j = 0; j < m; j++) lp[j] = LINK_KEYS.indexOf(linkPaint(ids[j + 1]!));
  let painted: { boxPaint: Uint16Array; nodePaints: FillPaint[] } | null = null;
  const paintNodes = () => {
    const bp = new Uint16Array(n);
    const paints: FillPaint[] = [];
    // Painters usually hand out a few shared objects: those are numbered by identity, others by value.
    const paintByObject = new Map<FillPaint, number>();
    const paintByKey = new Map<string, number>();
    for (let v = 0; v < n; v++) {
      const p = nodePaint(ids[v]!);
      let no = paintByObject.get(p);
      if (no === undefined) {
        const key = `${p.fill}|${p.stroke}|${p.width}`;
        no = paintByKey.get(key);
        if (no === undefined) {
          no = paints.length;
          paints.push(p);
          paintByKey.set(key, no);
        }
        paintByObject.set(p, no);
      }
      bp[v] = no;
    }
    return { boxPaint: bp, nodePaints: paints };
  };
  return {
    links,
    linkPaint: lp,
    linkSource: parent.subarray(1),
    boxes,
    get boxPaint() {
      return (painted ??= paintNodes()).boxPaint;
    },
    get nodePaints() {
      return (painted ??= paintNodes()).nodePaints;
    },
  };
}

/** Where a link's curve is at height `y` (between its ends): x of the SVG link's cubic, whose y runs along a smoothstep. */
export function linkXAtY(x1: number, y1: number, x2: number, y2: number, y: number): number {
  const s = y2 === y1 ? 0 : Math.min(1, Math.max(0, (y - y1) / (y2 - y1)));
  // Inverse of s = 3t^2 - 2t^3 on [0, 1].
  const t = 0.5 - Math.sin(Math.asin(1 - 2 * s) / 3);
  const mx = (x1 + x2) / 2;
  const u = 1 - t;
  return u * u * u * x1 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * (x2 - 18);
}

/** Where link j crosses height `y` as the layer draws it: along its curve, or along the straight line it is drawn as far out. */
function linkXAtYDrawn(x1: number, y1: number, x2: number, y2: number, y: number, straight: boolean): number {
  if (!straight) return linkXAtY(x1, y1, x2, y2, y);
  return y2 === y1 ? x2 : x1 + ((x2 - x1) * (y - y1)) / (y2 - y1);
}

/** Links drawn per bucket of links leaving the view (`linksToDraw`): its two outermost and two more. */
const PER_BUCKET = 4;

/**
 * The links worth drawing among `candidates` (those whose box meets `rect`). A parent of thousands of children fans
 * them out far beyond the view: inside it, they are one band of curves (far out, of straight lines) that cannot be
 * told apart. Links of the same source and paint leaving the view by the same edge within the same half screen pixel
 * (where they cross it as drawn, curve or straight line) share a bucket, of which four links are drawn: its two
 * outermost, between which every other link of the bucket runs at most half a pixel from both, and two more. Thin
 * strokes add up where they overlap (the thinnest, half a device pixel, inks half a pixel's alpha): four overlapping
 * ink the band about as dark as thousands do (94%). Far out (links drawn straight), of the links of the same source
 * and paint ending in view in the same screen pixel, one is drawn. Links in neither are all drawn.
 */
export function linksToDraw(scene: CanvasScene, candidates: ArrayLike<number>, rect: { minY: number; maxY: number }, k: number): number[] {
  const out: number[] = [];
  /** Per bucket of links leaving the view: its outermost links so far, where they cross the edge, and up to two others. */
  const buckets = new Map<string, { lo: number; loAt: number; hi: number; hiAt: number; more: number[] }>();
  /**
   * Straight links ending in view, by source, paint and end pixel: one number, ((source * 16 + paint) * 2^24 + end
   * row from the view's top) * 16 + end column from the source's (links of a source share its right edge), exact
   * while each part is in its range (else `endsByText`, the same key as text). A number set costs far less than
   * building a string per link (a 50,000-branch tree fitted to the screen has every link in view, every frame).
   */
  const ends = new Set<number>();
  const endsByText = new Set<string>();
  const topRow = Math.floor(rect.minY * k) - 1;
  const L = scene.links;
  for (let i = 0; i < candidates.length; i++) {
    const j = candidates[i]!;
    const x1 = L[j * 4]!;
    const y1 = L[j * 4 + 1]!;
    const x2 = L[j * 4 + 2]!;
    const y2 = L[j * 4 + 3]!;
    const straight = (x2 - x1) * k < STRAIGHT_BELOW_PX;
    const shape = straight ? 's' : 'c';
    let key: string;
    let at: number;
    if (y2 > rect.maxY && y1 <= rect.maxY) {
      at = linkXAtYDrawn(x1, y1, x2, y2, rect.maxY, straight) * k;
      key = `${scene.linkSource[j]}b${shape}${scene.linkPaint[j]}:${Math.round(at * 2)}`;
    } else if (y2 < rect.minY && y1 >= rect.minY) {
      at = linkXAtYDrawn(x1, y1, x2, y2, rect.minY, straight) * k;
      key = `${scene.linkSource[j]}t${shape}${scene.linkPaint[j]}:${Math.round(at * 2)}`;
    } else {
      if (straight) {
        const source = scene.linkSource[j]!;
        const paint = scene.linkPaint[j]!;
        const row = Math.round(y2 * k) - topRow;
        const column = Math.round(x2 * k) - Math.round(x1 * k) + 8;
        if (source >= 0 && source < 2 ** 21 && paint < 16 && row >= 0 && row < 2 ** 24 && column >= 0 && column < 16) {
          const end = ((source * 16 + paint) * 2 ** 24 + row) * 16 + column;
          if (ends.has(end)) continue;
          ends.add(end);
        } else {
          const end = `${source}:${paint}:${Math.round(y2 * k)}:${Math.round(x2 * k)}`;
          if (endsByText.has(end)) continue;
          endsByText.add(end);
        }
      }
      out.push(j);
      continue;
    }
    const b = buckets.get(key);
    if (!b) {
      buckets.set(key, { lo: j, loAt: at, hi: j, hiAt: at, more: [] });
      continue;
    }
    // The link no longer outermost (or this one, inside the two): one of the others while there is room.
    let inner = j;
    if (at < b.loAt) {
      inner = b.lo;
      b.lo = j;
      b.loAt = at;
    } else if (at > b.hiAt) {
      inner = b.hi;
      b.hi = j;
      b.hiAt = at;
    }
    if (inner !== b.lo && inner !== b.hi && b.more.length < PER_BUCKET - 2) b.more.push(inner);
  }
  for (const b of buckets.values()) {
    out.push(b.lo);
    if (b.hi !== b.lo) out.push(b.hi);
    out.push(...b.more);
  }
  return out;
}

/** The node boxes worth drawing far out: one per paint and screen pixel where boxes are smaller than a pixel. */
export function nodesToDraw(scene: CanvasScene, candidates: ArrayLike<number>, k: number): ArrayLike<number> {
  const B = scene.boxes;
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < candidates.length; i++) {
    const v = candidates[i]!;
    if (B[v * 4 + 3]! * k >= 1) {
      out.push(v);
      continue;
    }
    // Sub-pixel high: key by paint, screen column and row (2^20 rows is far more than a screen has).
    const key = (scene.boxPaint[v]! * 4096 + (Math.round(B[v * 4]! * k) & 4095)) * 1048576 + (Math.round(B[v * 4 + 1]! * k) & 1048575);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/** The 2D context calls the layer uses (a subset of CanvasRenderingContext2D). */
export interface Ctx2D {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void;
  rect(x: number, y: number, w: number, h: number): void;
  fill(): void;
  stroke(): void;
  setLineDash(segments: number[]): void;
  lineWidth: number;
  strokeStyle: unknown;
  fillStyle: unknown;
}

/** Item numbers in view (from the spatial index); null: every item. */
export interface InView {
  nodes: ArrayLike<number> | null;
  links: ArrayLike<number> | null;
}

/** Below this many screen px of horizontal run, a link is drawn straight (its curve is not visible at that size). */
const STRAIGHT_BELOW_PX = 6;

/** Adds link j to the current path: the SVG link's curve, or a straight line when too small to tell. */
function traceLink(ctx: Ctx2D, links: Float64Array, j: number, k: number): void {
  const x1 = links[j * 4]!;
  const y1 = links[j * 4 + 1]!;
  const x2 = links[j * 4 + 2]!;
  const y2 = links[j * 4 + 3]!;
  ctx.moveTo(x1, y1);
  if ((x2 - x1) * k < STRAIGHT_BELOW_PX) {
    ctx.lineTo(x2, y2);
    return;
  }
  const mx = (x1 + x2) / 2;
  ctx.bezierCurveTo(mx, y1, mx, y2, x2 - 18, y2);
  ctx.lineTo(x2, y2);
}

/**
 * Draws items one path per paint: for each paint number p below `paints`, every item (those in `items`, or all of
 * `paintOf` when null) whose paint is p is traced into one path, which `finish(p)` then strokes or fills. Returns the
 * number of items traced.
 */
function drawByPaint(
  ctx: Ctx2D,
  items: ArrayLike<number> | null,
  paintOf: ArrayLike<number>,
  paints: number,
  trace: (item: number) => void,
  finish: (paint: number) => void,
): number {
  const count = items ? items.length : paintOf.length;
  let drawn = 0;
  for (let p = 0; p < paints; p++) {
    let any = false;
    for (let i = 0; i < count; i++) {
      const k = items ? items[i]! : i;
      if (paintOf[k] !== p) continue;
      if (!any) {
        ctx.beginPath();
        any = true;
      }
      trace(k);
      drawn++;
    }
    if (any) finish(p);
  }
  return drawn;
}

export interface DrawOptions {
  /** Device pixels per CSS px. */
  dpr: number;
  viewport: Viewport;
  /** Draw the links. */
  links: boolean;
  /** Draw the node shapes. */
  nodes: boolean;
}

/**
 * Clears the layer and draws what is in view under transform `t`
 * (screen = layout * k + (x, y), in CSS px; the backing store is `dpr` times
 * that). Strokes are grouped by paint: one path per paint, so a frame costs a
 * handful of draw calls whatever the number of links. Returns the number of
 * links and nodes drawn.
 */
export function drawScene(ctx: Ctx2D, scene: CanvasScene, inView: InView, t: Transform, o: DrawOptions): { links: number; nodes: number } {
  const { dpr } = o;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, Math.ceil(o.viewport.width * dpr), Math.ceil(o.viewport.height * dpr));
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  // A stroke never gets thinner than half a device pixel (far out, links would vanish).
  const minWidth = 0.5 / (dpr * t.k);
  let drawnLinks = 0;
  let drawnNodes = 0;
  if (o.links) {
    drawnLinks = drawByPaint(ctx, inView.links, scene.linkPaint, LINK_KEYS.length, (j) => traceLink(ctx, scene.links, j, t.k), (p) => {
      const paint = LINK_PAINTS[LINK_KEYS[p]!];
      ctx.strokeStyle = paint.stroke;
      ctx.lineWidth = Math.max(paint.width, minWidth);
      ctx.setLineDash(paint.dash.slice());
      ctx.stroke();
    });
    ctx.setLineDash([]);
  }
  if (o.nodes) {
    const B = scene.boxes;
    drawnNodes = drawByPaint(ctx, inView.nodes, scene.boxPaint, scene.nodePaints.length, (v) => ctx.rect(B[v * 4]!, B[v * 4 + 1]!, B[v * 4 + 2]!, B[v * 4 + 3]!), (p) => {
      const paint = scene.nodePaints[p]!;
      ctx.fillStyle = paint.fill;
      ctx.fill();
      ctx.strokeStyle = paint.stroke;
      ctx.lineWidth = Math.max(paint.width, minWidth);
      ctx.stroke();
    });
  }
  return { links: drawnLinks, nodes: drawnNodes };
}
