/**
 * Which nodes are visible given a set of expanded nodes, in outline
 * (pre-)order, with what the WAI-ARIA tree pattern needs, plus expansion and
 * keyboard-navigation helpers. Loops only; no React, no DOM.
 */
import { compareSiblings, type TreeIndex } from '@/lib/model/tree';
import type { ScenarioNode } from '@/lib/model/schema';
import { fold } from './fold';

export interface VisibleNode {
  id: string;
  /** 0 for the root; aria-level is depth + 1. */
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  /** True only when the node has children and is in the expanded set. */
  expanded: boolean;
  /** 1-based position among its siblings (aria-posinset). */
  posInSet: number;
  /** Number of siblings including itself (aria-setsize). */
  setSize: number;
}

export interface VisibleTree {
  /** Visible nodes in pre-order. */
  nodes: readonly VisibleNode[];
  /** id -> position in `nodes`. */
  indexOf: ReadonlyMap<string, number>;
}

const NO_KIDS: readonly ScenarioNode[] = [];

/** Nodes whose ancestors are all expanded, in pre-order. */
export function computeVisible(index: TreeIndex, expanded: ReadonlySet<string>): VisibleTree {
  const nodes: VisibleNode[] = [];
  const indexOf = new Map<string, number>();
  // Stack of [node, depth, posInSet, setSize].
  const stackNode: ScenarioNode[] = [index.root];
  const stackMeta: number[] = [0, 1, 1];
  while (stackNode.length > 0) {
    const n = stackNode.pop()!;
    const setSize = stackMeta.pop()!;
    const pos = stackMeta.pop()!;
    const depth = stackMeta.pop()!;
    const kids = index.children.get(n.id) ?? NO_KIDS;
    const hasChildren = kids.length > 0;
    const isExpanded = hasChildren && expanded.has(n.id);
    indexOf.set(n.id, nodes.length);
    nodes.push({ id: n.id, depth, parentId: n.parentId, hasChildren, expanded: isExpanded, posInSet: pos, setSize });
    if (isExpanded) {
      for (let k = kids.length - 1; k >= 0; k--) {
        stackNode.push(kids[k]!);
        stackMeta.push(depth + 1, k + 1, kids.length);
      }
    }
  }
  return { nodes, indexOf };
}

/**
 * The entry `computeVisible` makes for `node`, on its own: what the tree pattern needs to render one visible node
 * (its depth given, as a layout knows it), without listing the whole visible tree. Its place among its siblings is
 * found by halving their list (kept in sibling order), so a node of a 10,000-child parent costs a few comparisons.
 */
export function visibleNodeOf(index: Pick<TreeIndex, 'children'>, expanded: ReadonlySet<string>, node: ScenarioNode, depth: number): VisibleNode {
  const kids = index.children.get(node.id) ?? NO_KIDS;
  const hasChildren = kids.length > 0;
  const siblings = node.parentId === null ? null : index.children.get(node.parentId);
  let posInSet = 1;
  if (siblings) {
    let lo = 0;
    let hi = siblings.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSiblings(siblings[mid]!, node) < 0) lo = mid + 1;
      else hi = mid;
    }
    posInSet = lo + 1;
  }
  return {
    id: node.id,
    depth,
    parentId: node.parentId,
    hasChildren,
    expanded: hasChildren && expanded.has(node.id),
    posInSet,
    setSize: siblings ? siblings.length : 1,
  };
}

/**
 * Ids of nodes with children whose depth is < n (so levels 0..n are shown), in pre-order. Only those levels
 * are visited: a 10,000-branch tree opened at depth 3 is looked at down to its third level.
 */
export function expandToDepth(index: Pick<TreeIndex, 'root' | 'children'>, n: number): Set<string> {
  const out = new Set<string>();
  const stack: ScenarioNode[] = [index.root];
  const stackDepth: number[] = [0];
  while (stack.length) {
    const node = stack.pop()!;
    const d = stackDepth.pop()!;
    const kids = index.children.get(node.id);
    if (d >= n || !kids || kids.length === 0) continue;
    out.add(node.id);
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push(kids[k]!);
      stackDepth.push(d + 1);
    }
  }
  return out;
}

/** Every node with children. */
export function expandAll(index: TreeIndex): Set<string> {
  return expandToDepth(index, Number.POSITIVE_INFINITY);
}

/**
 * `base` (if given) plus every ancestor of `id`, so that `id` becomes visible.
 * `id` itself is not added. Returns a new set.
 */
export function expandPath(index: TreeIndex, id: string, base?: ReadonlySet<string>): Set<string> {
  const out = new Set<string>(base ?? []);
  let cur = index.byId.get(id);
  let guard = index.byId.size + 1;
  while (cur && cur.parentId !== null && guard-- > 0) {
    out.add(cur.parentId);
    cur = index.byId.get(cur.parentId);
  }
  return out;
}

/** Nearest ancestor (or the node itself) that is visible; undefined if unknown. */
export function nearestVisible(index: TreeIndex, visible: VisibleTree, id: string): string | undefined {
  let cur = index.byId.get(id);
  let guard = index.byId.size + 1;
  while (cur && guard-- > 0) {
    if (visible.indexOf.has(cur.id)) return cur.id;
    cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Keyboard navigation over the visible list (ids in, ids out).

export function nextVisible(v: VisibleTree, id: string): string | undefined {
  const i = v.indexOf.get(id);
  return i === undefined ? undefined : v.nodes[i + 1]?.id;
}

export function prevVisible(v: VisibleTree, id: string): string | undefined {
  const i = v.indexOf.get(id);
  return i === undefined || i === 0 ? undefined : v.nodes[i - 1]?.id;
}

export function parentVisible(v: VisibleTree, id: string): string | undefined {
  const i = v.indexOf.get(id);
  if (i === undefined) return undefined;
  return v.nodes[i]!.parentId ?? undefined;
}

/** First child if the node is expanded (it is then the next visible node). */
export function firstChildVisible(v: VisibleTree, id: string): string | undefined {
  const i = v.indexOf.get(id);
  if (i === undefined) return undefined;
  const n = v.nodes[i]!;
  return n.expanded ? v.nodes[i + 1]?.id : undefined;
}

export function firstVisible(v: VisibleTree): string | undefined {
  return v.nodes[0]?.id;
}

export function lastVisible(v: VisibleTree): string | undefined {
  return v.nodes[v.nodes.length - 1]?.id;
}

/** Visible siblings of `id` (including it) in order. */
export function visibleSiblings(v: VisibleTree, id: string): string[] {
  const i = v.indexOf.get(id);
  if (i === undefined) return [];
  const n = v.nodes[i]!;
  if (n.parentId === null) return [n.id];
  const p = v.indexOf.get(n.parentId)!;
  const out: string[] = [];
  for (let k = p + 1; k < v.nodes.length; k++) {
    const m = v.nodes[k]!;
    if (m.depth <= n.depth - 1) break;
    if (m.depth === n.depth) out.push(m.id);
  }
  return out;
}

export type TitleLookup = ReadonlyMap<string, string> | ((id: string) => string | undefined);

/**
 * Type-ahead: the first visible node after `startAfterIndex` (wrapping around,
 * ending with `startAfterIndex` itself) whose title starts with `prefix`,
 * case- and diacritic-insensitively. Returns its index in `visible`, or -1.
 */
export function findByPrefix(
  visible: readonly VisibleNode[] | VisibleTree,
  titles: TitleLookup,
  startAfterIndex: number,
  prefix: string,
): number {
  const list = Array.isArray(visible) ? (visible as readonly VisibleNode[]) : (visible as VisibleTree).nodes;
  const n = list.length;
  const p = fold(prefix);
  if (n === 0 || p.length === 0) return -1;
  const get = typeof titles === 'function' ? titles : (id: string) => titles.get(id);
  const start = Number.isFinite(startAfterIndex) ? Math.trunc(startAfterIndex) : -1;
  for (let step = 1; step <= n; step++) {
    const i = (((start + step) % n) + n) % n;
    const t = get(list[i]!.id);
    if (t !== undefined && fold(t.trimStart()).startsWith(p)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// WAI-ARIA tree keyboard model.

export type TreeKeyAction =
  | { type: 'focus'; id: string }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'expandMany'; ids: string[] }
  | { type: 'none' };

/**
 * Maps a key (KeyboardEvent.key) on the focused node to an action following
 * the WAI-ARIA APG tree pattern: arrows, Home/End, `*` (expand siblings).
 * Type-ahead is handled separately with `findByPrefix`.
 */
export function keyAction(v: VisibleTree, focusedId: string, key: string): TreeKeyAction {
  const i = v.indexOf.get(focusedId);
  if (i === undefined) {
    const first = firstVisible(v);
    return first ? { type: 'focus', id: first } : { type: 'none' };
  }
  const n = v.nodes[i]!;
  const focus = (id: string | undefined): TreeKeyAction => (id === undefined ? { type: 'none' } : { type: 'focus', id });
  switch (key) {
    case 'ArrowDown':
      return focus(nextVisible(v, focusedId));
    case 'ArrowUp':
      return focus(prevVisible(v, focusedId));
    case 'ArrowRight':
      if (!n.hasChildren) return { type: 'none' };
      if (!n.expanded) return { type: 'expand', id: n.id };
      return focus(firstChildVisible(v, focusedId));
    case 'ArrowLeft':
      if (n.expanded) return { type: 'collapse', id: n.id };
      return focus(parentVisible(v, focusedId));
    case 'Home':
      return focus(firstVisible(v));
    case 'End':
      return focus(lastVisible(v));
    case '*': {
      const ids: string[] = [];
      for (const s of visibleSiblings(v, focusedId)) {
        const m = v.nodes[v.indexOf.get(s)!]!;
        if (m.hasChildren && !m.expanded) ids.push(s);
      }
      return ids.length ? { type: 'expandMany', ids } : { type: 'none' };
    }
    default:
      return { type: 'none' };
  }
}
