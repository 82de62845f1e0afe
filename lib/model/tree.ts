/**
 * Read-only indexes over a scenario's flat node list. Loops, no recursion.
 */
import type { Scenario, ScenarioNode } from './schema';

export interface TreeIndex {
  root: ScenarioNode;
  byId: ReadonlyMap<string, ScenarioNode>;
  /** Children of each node, sorted by `order` then id. */
  children: ReadonlyMap<string, readonly ScenarioNode[]>;
  depth: ReadonlyMap<string, number>;
  /** Nodes in depth-first pre-order (the outline order). */
  preorder: readonly ScenarioNode[];
  /** assumption id -> ids of the nodes that rest on it, in pre-order. */
  nodesByAssumption: ReadonlyMap<string, readonly string[]>;
  nodesByRisk: ReadonlyMap<string, readonly string[]>;
  nodesByIndicator: ReadonlyMap<string, readonly string[]>;
}

const EMPTY: readonly ScenarioNode[] = [];

export function compareSiblings(a: Pick<ScenarioNode, 'order' | 'id'>, b: Pick<ScenarioNode, 'order' | 'id'>): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function inSiblingOrder(list: ReadonlyArray<Pick<ScenarioNode, 'order' | 'id'>>): boolean {
  for (let i = 1; i < list.length; i++) if (compareSiblings(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/**
 * The first root (no parent) and each parent's children in sibling order.
 * Shared by the tree index and the analysis structure (lib/analysis/validate.ts).
 */
export function groupChildren<T extends Pick<ScenarioNode, 'id' | 'parentId' | 'order'>>(nodes: readonly T[], each?: (n: T) => void): { root: T | undefined; children: Map<string, T[]> } {
  const children = new Map<string, T[]>();
  let root: T | undefined;
  for (const n of nodes) {
    each?.(n);
    if (n.parentId === null) {
      root ??= n;
      continue;
    }
    let list = children.get(n.parentId);
    if (!list) children.set(n.parentId, (list = []));
    list.push(n);
  }
  // Lists usually arrive in sibling order already: checking costs one comparison per node, sorting several.
  for (const list of children.values()) if (!inSiblingOrder(list)) list.sort(compareSiblings);
  return { root, children };
}

/** What a walk from the root finds: each node's depth, the pre-order, and which nodes rest on each record. */
type Walk = Pick<TreeIndex, 'depth' | 'preorder' | 'nodesByAssumption' | 'nodesByRisk' | 'nodesByIndicator'>;

function walkFrom(root: ScenarioNode, children: ReadonlyMap<string, readonly ScenarioNode[]>): Walk {
  const depth = new Map<string, number>();
  const preorder: ScenarioNode[] = [];
  const nodesByAssumption = new Map<string, string[]>();
  const nodesByRisk = new Map<string, string[]>();
  const nodesByIndicator = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, key: string, id: string) => {
    let l = m.get(key);
    if (!l) m.set(key, (l = []));
    l.push(id);
  };
  // An explicit stack of nodes and their depths (no pair allocated per node).
  const stack: ScenarioNode[] = [root];
  const stackDepth: number[] = [0];
  while (stack.length) {
    const n = stack.pop()!;
    const d = stackDepth.pop()!;
    depth.set(n.id, d);
    preorder.push(n);
    for (const a of n.assumptionIds) push(nodesByAssumption, a, n.id);
    for (const r of n.riskIds) push(nodesByRisk, r, n.id);
    for (const i of n.indicatorIds) push(nodesByIndicator, i, n.id);
    const kids = children.get(n.id) ?? EMPTY;
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push(kids[k]!);
      stackDepth.push(d + 1);
    }
  }
  return { depth, preorder, nodesByAssumption, nodesByRisk, nodesByIndicator };
}

/**
 * Builds the indexes. Assumes a document that passed `validateScenario`. The walk from the root (depths,
 * pre-order, who rests on what) is made on first use, once: opening a tree lays out its open levels from
 * `children` alone, and a 10,000-branch tree's walk took two thirds of the index's time.
 */
export function indexTree(doc: Pick<Scenario, 'nodes'>): TreeIndex {
  const byId = new Map<string, ScenarioNode>();
  const { root, children } = groupChildren(doc.nodes, (n) => byId.set(n.id, n));
  if (!root) throw new Error('scenario has no root node');
  let walk: Walk | null = null;
  const walked = () => (walk ??= walkFrom(root, children));
  return {
    root,
    byId,
    children,
    get depth() {
      return walked().depth;
    },
    get preorder() {
      return walked().preorder;
    },
    get nodesByAssumption() {
      return walked().nodesByAssumption;
    },
    get nodesByRisk() {
      return walked().nodesByRisk;
    },
    get nodesByIndicator() {
      return walked().nodesByIndicator;
    },
  };
}

export function childrenOf(index: TreeIndex, id: string): readonly ScenarioNode[] {
  return index.children.get(id) ?? EMPTY;
}

/** Ids from the root down to `id` (inclusive). Empty if `id` is unknown. */
export function pathToRoot(index: TreeIndex, id: string): string[] {
  const out: string[] = [];
  let cur = index.byId.get(id);
  const guard = index.byId.size + 1;
  while (cur && out.length <= guard) {
    out.push(cur.id);
    cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId);
  }
  return out.reverse();
}

/** All ids in the subtree rooted at `id`, including it, in pre-order. */
export function subtreeIds(index: TreeIndex, id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    out.push(cur);
    const kids = index.children.get(cur) ?? EMPTY;
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!.id);
  }
  return out;
}

/**
 * Where a node sits in a flat node list: its title, its parent's title (null
 * for the root) and its place among its siblings (1-based, by `order`).
 */
export function nodePlace(
  nodes: ReadonlyArray<Pick<ScenarioNode, 'id' | 'parentId' | 'title' | 'order'>>,
  id: string,
): { title: string; parentTitle: string | null; position: number; of: number } | null {
  const node = nodes.find((n) => n.id === id);
  if (!node) return null;
  const parent = node.parentId === null ? undefined : nodes.find((n) => n.id === node.parentId);
  const siblings = nodes.filter((n) => n.parentId === node.parentId).sort(compareSiblings);
  return { title: node.title, parentTitle: parent ? parent.title : null, position: siblings.indexOf(node) + 1, of: siblings.length };
}

/**
 * For nodes listed together (e.g. the chance forks of the EVPI table), the
 * parent title of each node whose title another listed node shares, so the
 * two can be told apart; nodes with a title of their own are left out.
 */
export function sharedTitleParents(byId: ReadonlyMap<string, Pick<ScenarioNode, 'title' | 'parentId'>>, ids: readonly string[]): Map<string, string> {
  const byTitle = new Map<string, string[]>();
  for (const id of ids) {
    const t = byId.get(id)?.title;
    if (t !== undefined) byTitle.set(t, [...(byTitle.get(t) ?? []), id]);
  }
  const out = new Map<string, string>();
  for (const same of byTitle.values()) {
    if (same.length < 2) continue;
    for (const id of same) {
      const parentId = byId.get(id)?.parentId;
      const parent = parentId ? byId.get(parentId) : undefined;
      if (parent) out.set(id, parent.title);
    }
  }
  return out;
}
