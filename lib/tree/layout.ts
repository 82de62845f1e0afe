/**
 * Left-to-right tidy-tree layout of the visible nodes: d3-hierarchy's `tree()`
 * algorithm (Buchheim/Walker) with `nodeSize([1, 1])` and a separation that
 * keeps neighbouring boxes apart by half their heights plus a gap, computed by
 * the typed-array transcription in tidy.ts (the only engine; the unit tests
 * hold it to d3-hierarchy's own `tree()` as the oracle). Only expanded nodes
 * contribute their children, so folded subtrees take no space. Loops only.
 *
 * Coordinates: x grows with depth (left to right), y across siblings (top to
 * bottom). Each box is given by its top-left corner (x, y) and size; the root's
 * vertical centre is at y = 0 and its left edge at x = 0. Columns are as wide
 * as their widest box plus a gap, so labels never run into the next column.
 */
import type { TreeIndex } from '@/lib/model/tree';
import type { ScenarioNode } from '@/lib/model/schema';
import { createLabelMeasurer, type LabelOptions } from './labels';
import { tidyTree } from './tidy';

export interface LayoutBox {
  id: string;
  parentId: string | null;
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  width: number;
  height: number;
  depth: number;
  /** Wrapped title lines (empty when a custom `nodeSize` gives none). */
  lines: readonly string[];
  /** The title was cut with "…" to fit. */
  truncated: boolean;
}

export interface LayoutLink {
  source: string;
  target: string;
  /** Anchor on the source's right edge, vertical centre. */
  x1: number;
  y1: number;
  /** Anchor on the target's left edge, vertical centre. */
  x2: number;
  y2: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface TreeLayout {
  /** Each visible node's box by id, made when first asked for (from `at`). */
  boxes: ReadonlyMap<string, LayoutBox>;
  /** Visible ids in pre-order (the outline order): node number v is `order[v]`. */
  order: string[];
  /** One link per node but the root, link j for node j + 1 (made when first read, from `at`). */
  links: LayoutLink[];
  bounds: Bounds;
  /** Left edge of each depth's column. */
  columns: number[];
  /** The boxes as arrays by node number: what passes over the whole layout read, with no object per node. */
  at: LayoutArrays;
}

/** A box's wrapped title. */
type Title = Pick<NodeSize, 'lines' | 'truncated'>;

/** A layout's boxes by node number v (pre-order position, `order[v]`); node 0 is the root. */
export interface LayoutArrays {
  n: number;
  /** Left edge, top edge, vertical centre, width and height of node v's box. */
  x: Float64Array;
  /** Worked out once by `treeLayoutOf`: `cy[v] - height[v] / 2`. */
  y: Float64Array;
  cy: Float64Array;
  width: Float64Array;
  height: Float64Array;
  depth: Int32Array;
  /** Number of node v's parent (always below v), -1 for the root. Link j joins node j + 1 to its parent. */
  parent: Int32Array;
}

export interface NodeSize {
  width: number;
  height: number;
  lines?: readonly string[];
  truncated?: boolean;
}

export interface LayoutOptions {
  /** Label measurement options (font size, max width, max lines...). */
  label?: LabelOptions;
  /** Horizontal padding inside a box, each side. Default 10. */
  paddingX?: number;
  /** Vertical padding inside a box, each side. Default 8. */
  paddingY?: number;
  /** Extra height for a row of badges when a node has assumptions/risks/indicators/evidence. Default 18. */
  badgeHeight?: number;
  /** Minimum box width. Default 80. */
  minWidth?: number;
  /** Horizontal gap between columns (room for links). Default 48. */
  columnGap?: number;
  /** Vertical gap between siblings. Default 12. */
  siblingGap?: number;
  /** Vertical gap between non-siblings (cousins). Default 24. */
  cousinGap?: number;
  /** Overrides box sizing entirely (e.g. a sizer from `makeNodeSizer`, reused across layouts). */
  nodeSize?: (node: ScenarioNode) => NodeSize;
}

const NO_LINES: readonly string[] = Object.freeze([]);

const sizerCache = new WeakMap<ScenarioNode, NodeSize>();
let defaultSizer: ((node: ScenarioNode) => NodeSize) | undefined;

/**
 * Box size of a node: wrapped title plus padding plus a badge row. Label
 * measurements are cached (by title, and by node object), so create one
 * sizer and pass it as `options.nodeSize` to reuse work across layouts.
 * Calls with no sizing options share one module-level sizer.
 */
export function makeNodeSizer(options: LayoutOptions = {}): (node: ScenarioNode) => NodeSize {
  if (options.nodeSize) return options.nodeSize;
  const isDefault =
    options.label === undefined &&
    options.paddingX === undefined &&
    options.paddingY === undefined &&
    options.badgeHeight === undefined &&
    options.minWidth === undefined;
  if (isDefault && defaultSizer) return defaultSizer;
  const measure = createLabelMeasurer(options.label);
  const padX = options.paddingX ?? 10;
  const padY = options.paddingY ?? 8;
  const badge = options.badgeHeight ?? 18;
  const minWidth = options.minWidth ?? 80;
  const byNode = isDefault ? sizerCache : new WeakMap<ScenarioNode, NodeSize>();
  const sizer = (node: ScenarioNode): NodeSize => {
    let size = byNode.get(node);
    if (size) return size;
    const label = measure(node.title);
    const hasBadges =
      node.assumptionIds.length + node.riskIds.length + node.indicatorIds.length + node.evidenceIds.length > 0;
    size = {
      width: Math.max(minWidth, Math.ceil(label.width) + 2 * padX),
      height: label.height + 2 * padY + (hasBadges ? badge : 0),
      lines: label.lines,
      truncated: label.truncated,
    };
    byNode.set(node, size);
    return size;
  };
  if (isDefault) defaultSizer = sizer;
  return sizer;
}

/** The visible forest flattened to arrays, in pre-order (node 0 is the root). */
interface Flat {
  n: number;
  nodes: ScenarioNode[];
  parent: Int32Array;
  depth: Int32Array;
  childStart: Int32Array;
  childCount: Int32Array;
  children: Int32Array;
}

function flatten(index: TreeIndex, expanded: ReadonlySet<string>): Flat {
  const cap = index.byId.size + 1;
  const nodes: ScenarioNode[] = [];
  const parents = new Int32Array(cap);
  const depths = new Int32Array(cap);
  // Explicit stack with a pointer (no push/pop churn); it never holds more than all nodes.
  const stackNode: ScenarioNode[] = new Array(cap);
  const stackParent = new Int32Array(cap);
  const stackDepth = new Int32Array(cap);
  let sp = 0;
  stackNode[sp] = index.root;
  stackParent[sp] = -1;
  stackDepth[sp] = 0;
  sp++;
  while (sp > 0) {
    sp--;
    const node = stackNode[sp]!;
    const p = stackParent[sp]!;
    const d = stackDepth[sp]!;
    const k = nodes.length;
    nodes.push(node);
    parents[k] = p;
    depths[k] = d;
    const kids = index.children.get(node.id);
    if (!kids || !expanded.has(node.id)) continue;
    for (let i = kids.length - 1; i >= 0 && sp < cap; i--) {
      stackNode[sp] = kids[i]!;
      stackParent[sp] = k;
      stackDepth[sp] = d + 1;
      sp++;
    }
  }
  const n = nodes.length;
  const parent = parents.subarray(0, n);
  const depth = depths.subarray(0, n);
  const childCount = new Int32Array(n);
  for (let v = 1; v < n; v++) childCount[parent[v]!]!++;
  const childStart = new Int32Array(n);
  let acc = 0;
  for (let v = 0; v < n; v++) {
    childStart[v] = acc;
    acc += childCount[v]!;
  }
  const children = new Int32Array(Math.max(0, n - 1));
  const fill = new Int32Array(n);
  // Pre-order visits siblings in order, so children land in order.
  for (let v = 1; v < n; v++) {
    const p = parent[v]!;
    children[childStart[p]! + fill[p]!++] = v;
  }
  return { n, nodes, parent, depth, childStart, childCount, children };
}

/** Lays out the nodes visible under `expanded` (a node's children show only if it is expanded). */
export function layoutTree(index: TreeIndex, expanded: ReadonlySet<string>, options: LayoutOptions = {}): TreeLayout {
  const sizeOf = makeNodeSizer(options);
  const columnGap = options.columnGap ?? 48;
  const siblingGap = options.siblingGap ?? 12;
  const cousinGap = options.cousinGap ?? 24;

  const flat = flatten(index, expanded);
  const { n, nodes, parent, depth } = flat;
  const sizes: NodeSize[] = new Array(n);
  const h = new Float64Array(n);
  const width = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const size = sizeOf(nodes[v]!);
    sizes[v] = size;
    h[v] = size.height;
    width[v] = size.width;
  }
  const cy = tidyTree({ ...flat, size: h, siblingGap, cousinGap });

  // Column widths per depth.
  const maxW: number[] = [];
  for (let v = 0; v < n; v++) {
    const d = depth[v]!;
    const w = width[v]!;
    if (maxW[d] === undefined || w > maxW[d]!) maxW[d] = w;
  }
  const columns: number[] = new Array(maxW.length);
  let acc = 0;
  for (let d = 0; d < maxW.length; d++) {
    columns[d] = acc;
    acc += (maxW[d] ?? 0) + columnGap;
  }

  const order: string[] = new Array(n);
  const x = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    order[v] = nodes[v]!.id;
    x[v] = columns[depth[v]!]!;
  }
  return treeLayoutOf(order, { n, x, cy, width, height: h, depth, parent }, columns, sizes);
}

/**
 * A layout from its boxes by number (`placed`, with `order[v]` the id of node v and every parent numbered before its
 * children): the top edges and the bounds are worked out here; the boxes by id and the links are made when first
 * read. `titles[v]` gives node v's wrapped title (none when left out).
 */
export function treeLayoutOf(order: string[], placed: Omit<LayoutArrays, 'y'>, columns: number[], titles?: readonly Title[]): TreeLayout {
  const { n, x, cy, width, height } = placed;
  const y = new Float64Array(n);
  const at: LayoutArrays = { ...placed, y };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let v = 0; v < n; v++) {
    const x0 = x[v]!;
    const y0 = cy[v]! - height[v]! / 2;
    y[v] = y0;
    const x1 = x0 + width[v]!;
    const y1 = y0 + height[v]!;
    if (x0 < minX) minX = x0;
    if (y0 < minY) minY = y0;
    if (x1 > maxX) maxX = x1;
    if (y1 > maxY) maxY = y1;
  }
  const boxes = new LayoutBoxes(order, at, titles);
  let links: LayoutLink[] | null = null;
  return {
    boxes,
    order,
    get links() {
      if (links) return links;
      links = new Array(Math.max(0, n - 1));
      for (let j = 0; j < n - 1; j++) links[j] = linkAt(this, j);
      return links;
    },
    bounds: { minX, minY, maxX, maxY },
    columns,
    at,
  };
}

const linkEnds = new WeakMap<LayoutArrays, Float64Array>();

/**
 * Where each link of a layout starts and ends: x1, y1, x2, y2 for link j at 4j. Link j is node j + 1's, from its
 * parent's right edge to its own left edge, at their vertical centres. Worked out once per layout; read-only.
 */
export function linkEndsOf(at: LayoutArrays): Float64Array {
  let ends = linkEnds.get(at);
  if (ends) return ends;
  const { n, x, cy, width, parent } = at;
  ends = new Float64Array(Math.max(0, n - 1) * 4);
  for (let v = 1; v < n; v++) {
    const p = parent[v]!;
    const k = (v - 1) * 4;
    ends[k] = x[p]! + width[p]!;
    ends[k + 1] = cy[p]!;
    ends[k + 2] = x[v]!;
    ends[k + 3] = cy[v]!;
  }
  linkEnds.set(at, ends);
  return ends;
}

/** Link j of a layout (node j + 1's), from `linkEndsOf`. */
export function linkAt(layout: Pick<TreeLayout, 'order' | 'at'>, j: number): LayoutLink {
  const e = linkEndsOf(layout.at);
  const k = j * 4;
  return { source: layout.order[layout.at.parent[j + 1]!]!, target: layout.order[j + 1]!, x1: e[k]!, y1: e[k + 1]!, x2: e[k + 2]!, y2: e[k + 3]! };
}

/**
 * The boxes of a layout by id, as a read-only map over its arrays. A box object is made when first asked for and
 * kept (the same object again), and the numbers by id are listed at the first look-up: a large tree's frames ask
 * for the few hundred boxes in view, not for ten thousand.
 */
class LayoutBoxes implements ReadonlyMap<string, LayoutBox> {
  private numbers: Map<string, number> | null = null;
  private made: (LayoutBox | undefined)[];

  constructor(
    private readonly ids: readonly string[],
    private readonly at: LayoutArrays,
    private readonly titles?: readonly Title[],
  ) {
    this.made = new Array(at.n);
  }

  get size(): number {
    return this.at.n;
  }

  /** Number of the node with this id, -1 when it is not laid out. */
  numberOf(id: string): number {
    if (!this.numbers) {
      const m = new Map<string, number>();
      for (let v = 0; v < this.at.n; v++) m.set(this.ids[v]!, v);
      this.numbers = m;
    }
    return this.numbers.get(id) ?? -1;
  }

  /** The box of node number v. */
  box(v: number): LayoutBox {
    const made = this.made[v];
    if (made) return made;
    const { x, y, width, height, depth, parent } = this.at;
    const p = parent[v]!;
    const box: LayoutBox = {
      id: this.ids[v]!,
      parentId: p >= 0 ? this.ids[p]! : null,
      x: x[v]!,
      y: y[v]!,
      width: width[v]!,
      height: height[v]!,
      depth: depth[v]!,
      lines: this.titles?.[v]?.lines ?? NO_LINES,
      truncated: this.titles?.[v]?.truncated ?? false,
    };
    this.made[v] = box;
    return box;
  }

  get(id: string): LayoutBox | undefined {
    const v = this.numberOf(id);
    return v < 0 ? undefined : this.box(v);
  }

  has(id: string): boolean {
    return this.numberOf(id) >= 0;
  }

  *entries(): MapIterator<[string, LayoutBox]> {
    for (let v = 0; v < this.at.n; v++) yield [this.ids[v]!, this.box(v)];
  }

  *keys(): MapIterator<string> {
    for (let v = 0; v < this.at.n; v++) yield this.ids[v]!;
  }

  *values(): MapIterator<LayoutBox> {
    for (let v = 0; v < this.at.n; v++) yield this.box(v);
  }

  [Symbol.iterator](): MapIterator<[string, LayoutBox]> {
    return this.entries();
  }

  forEach(fn: (value: LayoutBox, key: string, map: ReadonlyMap<string, LayoutBox>) => void, thisArg?: unknown): void {
    for (let v = 0; v < this.at.n; v++) fn.call(thisArg, this.box(v), this.ids[v]!, this);
  }
}

/**
 * Where a node should be animated from or to (markmap's convention): its own
 * box in `layout` if it is there, otherwise the box of its nearest ancestor
 * that is. Use the old layout for entering nodes (enter from where the
 * ancestor was) and the new layout for exiting nodes (exit into where the
 * ancestor now is).
 */
export function transitionAnchor(index: TreeIndex, layout: TreeLayout, id: string): LayoutBox | undefined {
  let cur = index.byId.get(id);
  let guard = index.byId.size + 1;
  while (cur && guard-- > 0) {
    const box = layout.boxes.get(cur.id);
    if (box) return box;
    cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId);
  }
  return undefined;
}

/** Entering node: its nearest visible ancestor's position in the old layout (or its own, if it was there). */
export function enterFrom(index: TreeIndex, oldLayout: TreeLayout, id: string): LayoutBox | undefined {
  return transitionAnchor(index, oldLayout, id);
}

/** Exiting node: its nearest ancestor's position in the new layout. */
export function exitTo(index: TreeIndex, newLayout: TreeLayout, id: string): LayoutBox | undefined {
  return transitionAnchor(index, newLayout, id);
}

/**
 * Anchors of the ids in `from` that `to` lacks: the anchor of their parent
 * (`anchorOf`), or the parent's own anchor when the parent is missing too.
 * Pre-order means a parent is settled before its children, so memoising
 * keeps a deep chain linear.
 */
function anchorsOfMissing(
  from: TreeLayout,
  to: TreeLayout,
  anchorOf: (parentId: string) => LayoutBox | undefined,
): Map<string, LayoutBox | undefined> {
  const out = new Map<string, LayoutBox | undefined>();
  for (const id of from.order) {
    if (to.boxes.has(id)) continue;
    const parentId = from.boxes.get(id)!.parentId;
    out.set(id, parentId === null ? undefined : out.has(parentId) ? out.get(parentId) : anchorOf(parentId));
  }
  return out;
}

/**
 * For every id in either layout: where it animates from and to. Entering ids
 * start at their anchor in the old layout; exiting ids end at their anchor in
 * the new layout; staying ids move from their old box to their new box.
 */
export function planTransition(
  index: TreeIndex,
  oldLayout: TreeLayout,
  newLayout: TreeLayout,
): { entering: Map<string, LayoutBox | undefined>; exiting: Map<string, LayoutBox | undefined>; staying: string[] } {
  const staying = newLayout.order.filter((id) => oldLayout.boxes.has(id));
  const entering = anchorsOfMissing(newLayout, oldLayout, (id) => enterFrom(index, oldLayout, id));
  const exiting = anchorsOfMissing(oldLayout, newLayout, (id) => exitTo(index, newLayout, id));
  return { entering, exiting, staying };
}

/** Vertical centre of a box. */
export function centreY(box: Pick<LayoutBox, 'y' | 'height'>): number {
  return box.y + box.height / 2;
}
