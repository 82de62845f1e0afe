'use client';
/**
 * /bench: a generated scenario in the real Workspace (persistence off), with
 * timing hooks on `window.__bench` for scripts/bench.mjs. Parameters are read
 * on the client: ?shape=wide|bushy|chain&n=&seed=&depth=&node=.
 *
 * Open at a depth: the Workspace is given `?depth=` as its initial depth (as
 * react-d3-tree is given `initialDepth`), the same as a link with `?depth=`
 * opens the app there; the open time runs to the first paint of that depth.
 */
import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import type { AppStore } from '@/lib/store/store';
import { Workspace } from '@/components/Workspace';
import { generateScenario } from '@/lib/gen/generate';
import type { Scenario } from '@/lib/model/schema';
import { indexTree } from '@/lib/model/tree';
import { layoutTree } from '@/lib/tree/layout';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { cardMarksOf, clearCardSizes } from '@/lib/card/size';
import { selectAnnotations } from '@/lib/store/selectors';
import { emptyAnnotations } from '@/lib/records';
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
  type BenchParams,
  type Measure,
  type Shape2,
} from './_lib/harness';

const BenchWorkspace: ComponentType<Parameters<typeof Workspace>[0]> = Workspace;

const DEFAULT_DEPTH = 2;

function svg(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('svg.tree-svg');
}
function visibleCount(): number {
  return Number(svg()?.getAttribute('data-visible-count') ?? -1);
}
function renderedCount(): number {
  return Number(svg()?.getAttribute('data-rendered-count') ?? -1);
}
const counts = () => ({ visible: visibleCount(), rendered: renderedCount() });

function clickEl(el: Element | null): boolean {
  if (!el) return false;
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  return true;
}
function button(label: string): HTMLButtonElement | null {
  return [...document.querySelectorAll<HTMLButtonElement>('.tree-toolbar button')].find((b) => b.textContent?.trim() === label) ?? null;
}
function pickDepth(depth: number): boolean {
  const sel = document.querySelector<HTMLSelectElement>('select[aria-label="Expand to depth"]');
  if (!sel) return false;
  sel.value = String(depth);
  sel.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

async function timed(action: () => boolean, expected: number, what: string): Promise<Measure> {
  const t0 = performance.now();
  if (!action()) return { ms: NaN, commitMs: NaN, doubleRafMs: NaN, ...counts(), ok: false, error: `${what}: control not found` };
  return paintWhen(t0, () => visibleCount() === expected, counts);
}

export function BenchClient() {
  const [state, setState] = useState<{ scenario: Scenario; params: BenchParams; key: number } | null>(null);
  const info = useRef<{ a: Shape2; t0: number; genMs: number } | null>(null);
  const storeRef = useRef<AppStore | null>(null);
  const onStore = useCallback((s: AppStore) => {
    storeRef.current = s;
  }, []);

  useEffect(() => {
    const params = readParams(window.location.search);
    const g0 = performance.now();
    let scenario: Scenario;
    try {
      scenario = generateScenario({ shape: params.shape, nodes: params.n, seed: params.seed });
    } catch (e) {
      window.__bench = { engine: 'ours', status: 'error', error: String(e) } as BenchApi;
      return;
    }
    const genMs = performance.now() - g0;
    const a = analyse(scenario);
    // The open itself, timed once the page has settled after generating (settleBeforeOpen).
    const open = () => {
      const stopCount = countInsertions(document.body);
      // Marked for traces (scripts/profile-open.mjs --trace): the open is timed from here.
      performance.mark('bench:open-start');
      const t0 = performance.now();
      info.current = { a, t0, genMs };
      const frames = createFrameRecorder();
      let remountKey = 0;

      const api: BenchApi = {
        engine: 'ours',
        params,
        status: 'loading',
        nodes: scenario.nodes.length,
        genMs: round(genMs),
        firstPaintMs: NaN,
        openMs: NaN,
        openMethod: 'Workspace mounts at ?depth= (its initialDepth, as the peer is given initialDepth)',
        openDomInserted: 0,
        visibleCount,
        renderedCount,
        expectedAtDepth: (d) => countAtDepth(a, d),
        expandAll: () => timed(() => clickEl(button('Expand all')), a.size.length, 'Expand all'),
        collapseAll: () => timed(() => clickEl(button('Collapse all')), 1 + (a.kids[0]?.length ?? 0), 'Collapse all'),
        expandToDepth: (d) => timed(() => pickDepth(d), countAtDepth(a, d), 'Expand to depth'),
        subtreeCandidate: (target) => closestSubtree(a, target),
        async subtree(target) {
          // Remount with ?node=<id> so the node is selected (and therefore always
          // in the DOM, even when culled), expand everything, then fold and unfold it.
          const cand = closestSubtree(a, target);
          const url = new URL(window.location.href);
          url.searchParams.set('node', cand.id);
          window.history.replaceState(null, '', url);
          remountKey += 1;
          setState((s) => (s ? { ...s, key: remountKey } : s));
          const t0r = performance.now();
          const ready = await paintWhen(t0r, () => !!document.querySelector(`[data-node-id="${CSS.escape(cand.id)}"] [data-toggle]`), counts);
          if (!ready.ok) return { ...cand, collapse: null, expand: null, note: 'node not rendered' };
          await new Promise((r) => setTimeout(r, 450)); // let the centring animation finish
          const all = await api.expandAll();
          if (!all.ok) return { ...cand, collapse: null, expand: null, note: `expand all failed: ${all.error}` };
          const toggle = () => clickEl(document.querySelector(`[data-node-id="${CSS.escape(cand.id)}"] [data-toggle]`));
          const collapse = await timed(toggle, a.size.length - cand.size + 1, 'toggle');
          const expand = await timed(toggle, a.size.length, 'toggle');
          return { ...cand, collapse, expand };
        },
        async fitAll() {
          storeRef.current?.getState().panZoom?.fitAll();
          // Fit animates (350 ms); wait for it and for the frame after.
          await new Promise((r) => setTimeout(r, 600));
          const m = /scale\(([^)]+)\)/.exec(document.querySelector('svg.tree-svg .scene')?.getAttribute('transform') ?? '');
          return m ? Number(m[1]) * 100 : NaN;
        },
        startFrames: () => frames.start(),
        stopFrames: () => frames.stop(),
        settle: () => settle(),
        // Layout of the fully expanded tree, alone (after the open has settled, so neither disturbs the other).
        async layout() {
          const i0 = performance.now();
          const index = indexTree(scenario);
          const i1 = performance.now();
          const all = new Set<string>();
          for (const [id, kids] of index.children) if (kids.length) all.add(id);
          // The options the tree view lays out with: card sizes given the nodes' marks (none in a generated scenario).
          const st = storeRef.current?.getState();
          const marksOf = cardMarksOf(st ? selectAnnotations(st) : emptyAnnotations(), null).marksOf;
          const opts = treeLayoutOptions(marksOf);
          performance.mark('bench:layout-start');
          const l0 = performance.now();
          layoutTree(index, all, opts);
          const l1 = performance.now();
          performance.mark('bench:layout-end');
          layoutTree(index, all, opts);
          const l2 = performance.now();
          clearCardSizes();
          const l3 = performance.now();
          layoutTree(index, all, treeLayoutOptions(marksOf));
          const l4 = performance.now();
          const figures = {
            indexMs: round(i1 - i0),
            layoutMs: round(l1 - l0),
            layoutWarmMs: round(l2 - l1),
            layoutColdMs: round(l4 - l3),
            layoutNote:
              'once the page has settled after the open: layoutTree(indexTree(s), every parent expanded, treeLayoutOptions(marksOf)) as the tree view calls it: a fresh sizer after the open, as the app lays out again (titles and cards sized at the open are reused); warm = the same again; cold = with every kept measurement forgotten first',
          };
          Object.assign(api, figures);
          return figures;
        },
      };
      window.__bench = api;
      setState({ scenario, params, key: 0 });

      // Open: wait for the first tree paint, then for the requested depth.
      const wantDepth = params.depth ?? DEFAULT_DEPTH;
      const expected = countAtDepth(a, wantDepth);
      (async () => {
        const first = await paintWhen(t0, () => visibleCount() > 0 && document.querySelector('[role="treeitem"]') !== null, counts);
        api.firstPaintMs = round(first.ms);
        if (!first.ok) throw new Error(`tree did not appear: ${first.error}`);
        // The first paint may already show the depth asked for (it is the open then); else the paint that does.
        const open = visibleCount() === expected ? first : await paintWhen(t0, () => visibleCount() === expected, counts);
        if (!open.ok) throw new Error(`tree did not reach depth ${wantDepth}: ${open.error}`);
        api.openMs = round(open.ms);
        api.openQueuedMs = open.queuedMs === undefined ? NaN : round(open.queuedMs);
        api.openDomInserted = stopCount();
        api.status = 'ready';
      })().catch((e: unknown) => {
        api.status = 'error';
        api.error = String(e);
      });
    };
    let cancelled = false;
    void settleBeforeOpen(params).then(() => {
      if (!cancelled) open();
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!state) return <p className="bench-loading">Generating…</p>;
  return <BenchWorkspace key={state.key} shipped={[state.scenario]} initialId={state.scenario.id} persist={false} initialDepth={state.params.depth ?? DEFAULT_DEPTH} onStore={onStore} />;
}
