'use client';
/**
 * /bench/peer: the same generated scenario drawn by react-d3-tree (the most
 * used React tree component), with the same `window.__bench` hooks as /bench.
 *
 * - Data: the flat node list is converted to react-d3-tree's nested
 *   `{ name, children }` with a loop (timed as convertMs, included in openMs).
 * - Open: `<Tree initialDepth={depth} orientation="horizontal" />`. Note that
 *   react-d3-tree lays out and renders the whole tree on its first render and
 *   only then folds it to `initialDepth` (componentDidMount -> setState).
 * - Expand all / collapse all: react-d3-tree has no such API, so the tree is
 *   remounted (new key) with `initialDepth` undefined (everything open) or 1,
 *   timed to the first paint of the new state. Expand all first unmounts the
 *   tree (not timed), so it times a mount of the expanded tree alone; collapse
 *   all includes unmounting the expanded tree, as a remount would.
 * - Errors thrown while rendering (e.g. a stack overflow on a very deep
 *   chain) are caught by an error boundary and reported as `status: 'error'`.
 */
import { Component, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { TreeProps } from 'react-d3-tree';
import type { RawNodeDatum } from 'react-d3-tree';
import { hierarchy, tree as d3tree, type HierarchyNode } from 'd3-hierarchy';
import { generateScenario } from '@/lib/gen/generate';
import type { Scenario } from '@/lib/model/schema';
import {
  analyse,
  closestSubtree,
  countAtDepth,
  countInsertions,
  createFrameRecorder,
  paintWhen,
  readParams,
  round,
  settle,
  settleBeforeOpen,
  type BenchApi,
  type Measure,
  type Shape2,
} from '../_lib/harness';

/** Same area as Branchpoint's tree canvas at a 1280x800 window. */
export const PEER_WIDTH = 880;
export const PEER_HEIGHT = 580;
const NODE_SIZE = { x: 260, y: 56 };

function toNested(s: Scenario, a: Shape2): RawNodeDatum {
  const n = s.nodes.length;
  const out: RawNodeDatum[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { name: s.nodes[i]!.title };
  for (let i = 0; i < n; i++) {
    const kids = a.kids[i]!;
    if (kids.length) out[i]!.children = kids.map((k) => out[k]!);
  }
  let root = 0;
  for (let i = 0; i < n; i++) if (a.parent[i] === -1) root = i;
  return out[root]!;
}

function group(): SVGGElement | null {
  return document.querySelector<SVGGElement>('svg.rd3t-svg g.rd3t-g');
}
/** react-d3-tree draws links then nodes as the group's children: 2 * nodes - 1 elements. */
function nodeCount(): number {
  const g = group();
  if (!g) return -1;
  const c = g.childElementCount;
  return c === 0 ? 0 : (c + 1) / 2;
}
const counts = () => ({ visible: nodeCount(), rendered: nodeCount() });

class Boundary extends Component<{ children: ReactNode; onError: (e: unknown) => void }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  render() {
    return this.state.failed ? <p role="alert">react-d3-tree crashed</p> : this.props.children;
  }
}

interface View {
  data: RawNodeDatum;
  depth: number | undefined;
  key: number;
  hidden: boolean;
}

export function PeerClient() {
  const [Tree, setTree] = useState<ComponentType<TreeProps> | null>(null);
  const [view, setView] = useState<View | null>(null);

  useEffect(() => {
    let cancelled = false;
    const fail = (e: unknown) => {
      const api = window.__bench;
      if (api) {
        api.status = 'error';
        api.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    };
    window.addEventListener('error', (ev) => fail(ev.error ?? ev.message));
    (async () => {
      const mod = await import('react-d3-tree');
      if (cancelled) return;
      const params = readParams(window.location.search);
      const g0 = performance.now();
      const scenario = generateScenario({ shape: params.shape, nodes: params.n, seed: params.seed });
      const genMs = performance.now() - g0;
      const a = analyse(scenario);
      await settleBeforeOpen(params);
      if (cancelled) return;
      const stopCount = countInsertions(document.body);
      const frames = createFrameRecorder();
      let key = 0;

      const remount = async (depth: number | undefined, expected: number): Promise<Measure> => {
        const t0 = performance.now();
        key += 1;
        const k = key;
        setView((v) => (v ? { ...v, depth, key: k, hidden: false } : v));
        return paintWhen(t0, () => api.status === 'error' || nodeCount() === expected, counts);
      };
      /** Unmounts the tree (not timed), so the next mount is measured alone. */
      const unmount = async () => {
        setView((v) => (v ? { ...v, hidden: true } : v));
        await paintWhen(performance.now(), () => group() === null, counts);
      };

      const t0 = performance.now();
      const data = toNested(scenario, a);
      const convertMs = performance.now() - t0;
      const depth = params.depth ?? 2;
      const api: BenchApi = {
        engine: 'peer',
        params,
        status: 'loading',
        nodes: scenario.nodes.length,
        genMs: round(genMs),
        convertMs: round(convertMs),
        firstPaintMs: NaN,
        openMs: NaN,
        openMethod: `react-d3-tree <Tree initialDepth={${depth}}>; openMs includes the flat->nested conversion`,
        openDomInserted: 0,
        visibleCount: nodeCount,
        renderedCount: nodeCount,
        expectedAtDepth: (d) => countAtDepth(a, d),
        async expandAll() {
          await unmount();
          return remount(undefined, a.size.length);
        },
        collapseAll: () => remount(1, 1 + (a.kids[0]?.length ?? 0)),
        expandToDepth: (d) => remount(d, countAtDepth(a, d)),
        subtreeCandidate: (target) => closestSubtree(a, target),
        async subtree(target) {
          const cand = closestSubtree(a, target);
          if (nodeCount() !== a.size.length) {
            const all = await api.expandAll();
            if (!all.ok) return { ...cand, collapse: null, expand: null, note: `expand all failed: ${all.error}` };
          }
          // Nodes are the group's last N children, in breadth-first order.
          const g = group();
          const n = nodeCount();
          const el = g?.children[n - 1 + cand.bfsIndex]?.querySelector('circle') ?? null;
          if (!el) return { ...cand, collapse: null, expand: null, note: 'node element not found' };
          const t0c = performance.now();
          el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
          const collapse = await paintWhen(t0c, () => nodeCount() === a.size.length - cand.size + 1, counts);
          return {
            ...cand,
            collapse,
            expand: null,
            note: 'react-d3-tree folds a node by collapsing all its descendants, so unfolding it shows one level: expand not comparable',
          };
        },
        settle: () => settle(),
        startFrames: () => frames.start(),
        stopFrames: () => frames.stop(),
      };
      window.__bench = api;

      // Layout alone: what react-d3-tree's generateTree() runs on every render (d3 hierarchy + tree).
      const l0 = performance.now();
      const root = hierarchy<RawNodeDatum>(data, (d) => d.children);
      d3tree<RawNodeDatum>()
        .nodeSize([NODE_SIZE.y, NODE_SIZE.x])
        .separation((x: HierarchyNode<RawNodeDatum>, y: HierarchyNode<RawNodeDatum>) => (x.parent === y.parent ? 1 : 2))(root);
      api.layoutMs = round(performance.now() - l0);
      api.layoutNote = 'd3-hierarchy hierarchy() + tree() on the nested data, fully expanded (what react-d3-tree runs on each render); no text measuring';

      // The mount is timed on a settled page too (the layout just measured is work of its own).
      await settleBeforeOpen(params);
      if (cancelled) return;
      const t1 = performance.now();
      setTree(() => mod.default as ComponentType<TreeProps>);
      setView({ data, depth, key: 0, hidden: false });
      const expected = countAtDepth(a, depth);
      const open = await paintWhen(t1, () => api.status === 'error' || nodeCount() === expected, counts);
      if (api.status === 'error') return;
      // Open time counts the conversion too.
      api.openMs = open.ok ? round(open.ms + convertMs) : NaN;
      api.openQueuedMs = open.ok && open.queuedMs !== undefined ? round(open.queuedMs + convertMs) : NaN;
      api.firstPaintMs = api.openMs;
      api.openDomInserted = stopCount();
      if (!open.ok) throw new Error(`open: ${open.error}`);
      api.status = 'ready';
    })().catch(fail);
    return () => {
      cancelled = true;
    };
  }, []);

  if (!Tree || !view) return <p>Loading react-d3-tree…</p>;
  const onError = (e: unknown) => {
    const api = window.__bench;
    if (api) {
      api.status = 'error';
      api.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  };
  return (
    <div style={{ width: PEER_WIDTH, height: PEER_HEIGHT, border: '1px solid #ccc' }} className="peer-canvas">
      <Boundary onError={onError}>
        {view.hidden ? null : (
          <Tree
            key={view.key}
            data={view.data}
            initialDepth={view.depth}
            orientation="horizontal"
            translate={{ x: 48, y: PEER_HEIGHT / 2 }}
            nodeSize={NODE_SIZE}
            zoom={1}
            scaleExtent={{ min: 0.02, max: 3 }}
          />
        )}
      </Boundary>
    </div>
  );
}
