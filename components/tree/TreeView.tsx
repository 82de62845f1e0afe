'use client';
/**
 * The D3 decision tree. d3-hierarchy lays out only the expanded nodes
 * (lib/tree/layout); d3-zoom (wrapped once in ./panzoom) moves one
 * transformed group during pan and zoom without re-rendering React; React
 * renders only the nodes inside the viewport (plus a margin) and re-culls
 * when the view leaves the rendered window. WAI-ARIA tree pattern with a
 * roving tabindex.
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { CommandButton } from '../CommandProvider';
import { selectAnalysisView, selectAnnotations, selectSolution, selectExpanded, selectFocusedId, selectIndex, selectLoadSeq, selectMinimapShown, selectSelectedId } from '@/lib/store/selectors';
import { layoutTree, planTransition, type LayoutBox, type LayoutLink, type TreeLayout } from '@/lib/tree/layout';
import { computeVisible, findByPrefix, keyAction, visibleNodeOf, type VisibleNode } from '@/lib/tree/visible';
import { spatialIndexOf, centerOnTransform, cullIndices, cullLayout, fitTransform, labelsVisible, openingCover, openingView, panIntoView, viewportRect } from '@/lib/tree/cull';
import { canvasScene, drawScene, linkPaintOf, linksToDraw, nodesToDraw, linkPathOf, linksOnCanvas, nodesOnCanvas, svgItemIds, type CanvasScene, type FillPaint } from '@/lib/tree/canvas';
import { cardPaint } from '@/lib/card/card';
import type { Rect, Transform, Viewport } from '@/lib/tree/cull';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { useIdleSizing } from './useIdleSizing';
import { aheadFor, derivedOf } from '@/lib/tree/presize';
import { cardMarksOf } from '@/lib/card/size';
import type { PanZoom } from './panzoom';
import type { PanZoomController } from '@/lib/tree/panzoom-controller';
import { TreeNode } from './TreeNode';
import { TreeToolbar } from './TreeToolbar';
import { Legend } from './Legend';
import { Announcer } from './Announcer';
import { Minimap } from './Minimap';
import { minimapGeometry, minimapViewport, readableFit, transformForMinimapPoint, zoomStep, MINIMAP_VIEW_MIN, READABLE_SCALE } from '@/lib/tree/minimap';
import { fitLeftOutNotice, zoomPercentText } from '@/lib/messages/tree';

/**
 * Up to this many visible nodes, every node is rendered and changes animate
 * (nodes grow out of their parent and shrink back into it). Above it, only the
 * nodes inside the viewport (plus a margin) are rendered, without animation:
 * per-element transitions on thousands of nodes cost more than they show.
 */
const SMALL_TREE = 300;
const ANIMATION_MS = 280;
const MIN_ZOOM = 0.02;
const MAX_ZOOM = 3;
const ZOOM_MS = 200;
/** The box the minimap is drawn in (px); it takes the tree's aspect within it. */
const MINIMAP_BOX = { width: 168, height: 104 };

export interface TreeViewProps {
  /** Node id -> diff marker, when a comparison is shown. */
  diffMarks?: ReadonlyMap<string, 'added' | 'removed' | 'renamed' | 'changed'>;
  /**
   * The largest the canvas can be in a window of a given size (the page's layout knows: lib/tree/work-area). Mounted
   * on the client, the first render shows what the opening view holds in any canvas up to that size. Default: the
   * window's own size.
   */
  canvasBound?: (win: Viewport) => Viewport;
}

const EXIT_META = { id: '', depth: 0, parentId: null, hasChildren: false, expanded: false, posInSet: 1, setSize: 1 };

const linkPath = (l: LayoutLink): string => linkPathOf(l);

const sameSize = (win: Viewport): Viewport => win;

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** Canvas scenes, per layout and painter (lib/tree/presize derivedOf). */
const scenes = new WeakMap<TreeLayout, { dep: object; value: CanvasScene }>();
/** Whether a tree view has mounted in this page: only the first can be hydrating the server's markup. */
let viewMountedBefore = false;

export function TreeView({ diffMarks, canvasBound = sameSize }: TreeViewProps) {
  const store = useAppStore();
  const index = useApp(selectIndex);
  const expanded = useApp(selectExpanded);
  const focusedId = useApp(selectFocusedId);
  const selectedId = useApp(selectSelectedId);

  // Card sizes follow the marks they show (stance, likelihood, analysis value); a change elsewhere keeps the layout.
  const annotations = useApp(selectAnnotations);
  const solution = useApp(selectSolution);
  const marks = useMemo(() => cardMarksOf(annotations, solution), [annotations, solution]);
  const [heldMarks, setHeldMarks] = useState(marks);
  if (heldMarks.key !== marks.key) setHeldMarks(marks);
  const layoutOptions = useMemo(() => treeLayoutOptions(heldMarks.marksOf), [heldMarks]);
  // What the canvas paints, per link and per node (one paint object per kind and stance, shared by every node that has them).
  const analysis = useApp(selectAnalysisView);
  const sceneFor = useMemo(() => {
    const solved = analysis.solution !== null;
    // Stances from the held marks, not the annotations: typing a note changes the annotations, never a paint.
    const stanceOf = (id: string) => heldMarks.marksOf(id)?.stance ?? 'open';
    const paints = new Map<string, Map<string, FillPaint>>();
    const painter = {
      link: (target: string) => linkPaintOf(diffMarks?.get(target), solved, analysis.rejected.has(target)),
      node: (id: string) => {
        const kind = index.byId.get(id)?.kind ?? 'outcome';
        const stance = stanceOf(id);
        let byStance = paints.get(kind);
        if (!byStance) paints.set(kind, (byStance = new Map()));
        let paint = byStance.get(stance);
        if (!paint) {
          const p = cardPaint(kind, stance, null);
          byStance.set(stance, (paint = { fill: p.fill, stroke: p.stroke, width: p.strokeWidth }));
        }
        return paint;
      },
    };
    return (l: TreeLayout) => derivedOf(scenes, l, painter, () => canvasScene(l, painter.link, painter.node));
  }, [index, diffMarks, analysis, heldMarks]);
  // What the view derives from a layout before painting it, made ahead for the whole tree while the browser is idle.
  const prepare = useCallback(
    (l: TreeLayout) => {
      spatialIndexOf(l);
      if (linksOnCanvas(l.order.length)) sceneFor(l);
    },
    [sceneFor],
  );
  // The cards not shown yet are sized while the browser is idle, then the whole tree laid out, ready for the next expansion.
  const ahead = useIdleSizing(index, layoutOptions, expanded, prepare);
  // "Expand all" takes the whole tree made ahead: its layout, visible list, culling index and scene.
  const whole = useMemo(() => aheadFor(ahead.current, index, expanded, layoutOptions), [ahead, index, expanded, layoutOptions]);
  // The whole visible list (keyboard moves) is made on first use: rendering asks only about the cards it renders.
  const visibleList = useMemo(() => {
    let list = whole?.visible ?? null;
    return () => (list ??= computeVisible(index, expanded));
  }, [whole, index, expanded]);
  // What the tree pattern needs of each rendered card, kept while the tree and its open branches are the same (so an
  // unchanged card keeps its props).
  const metaOf = useMemo(() => {
    const kept = new Map<string, VisibleNode>();
    return (box: LayoutBox): VisibleNode => {
      let meta = kept.get(box.id);
      if (!meta) kept.set(box.id, (meta = visibleNodeOf(index, expanded, index.byId.get(box.id)!, box.depth)));
      return meta;
    };
  }, [index, expanded]);
  const layout = useMemo(() => whole?.layout ?? layoutTree(index, expanded, layoutOptions), [whole, index, expanded, layoutOptions]);
  // The culling index (lib/tree/cull). The layout the view opens with is culled by passes over it until the browser
  // is idle after the first paint, and its index built then; every later layout (an expansion, a fold) builds its
  // index when it is made, as before: built in idle time instead, a 50,000-branch index (tens of ms in one piece)
  // ran just as the person's next click came, and held it up.
  const [opening] = useState(layout);
  // Made once per layout (lib/tree/cull keeps it by layout): later renders find it.
  if (layout !== opening) spatialIndexOf(layout);
  useEffect(() => {
    if (layout !== opening) return;
    const build = () => void spatialIndexOf(layout);
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(build, 200);
      return () => window.clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(build);
    return () => window.cancelIdleCallback(handle);
  }, [layout, opening]);

  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  /** The canvas layer under the SVG: links (and node shapes when zoomed far out) of a large tree. */
  const canvasRef = useRef<HTMLCanvasElement>(null);
  /** What the canvas draws, for the frame callback: the drawing list, the layout it was made from, which layers. */
  const canvasData = useRef<{ scene: CanvasScene | null; layout: TreeLayout | null; links: boolean; count: number }>({
    scene: null,
    layout: null,
    links: false,
    count: 0,
  });
  const sceneRef = useRef<SVGGElement>(null);
  const panZoomRef = useRef<PanZoom | null>(null);
  const transformRef = useRef<Transform>({ x: 40, y: 200, k: 1 });
  /**
   * Whether this view was mounted by hydrating the server's markup. Its first measurement and placement then
   * update React state in a transition: the server's tree is already on screen, and a blocking update from a
   * layout effect would make React run every passive effect of the page and re-render in the same task as the
   * hydration's commit (one long task).
   */
  // (A view mounted later, e.g. for another scenario, finds the previous view's markup still in the page.)
  const [onServerMarkup] = useState(() => !viewMountedBefore && typeof document !== 'undefined' && document.querySelector('svg.tree-svg') !== null);
  /** Until the first placement's culls are done (see above). */
  const hydrating = useRef(onServerMarkup);
  /** Mounted on the client, not on the server's markup: the first render does not know the view's size yet. */
  const [firstOnClient] = useState(() => typeof document !== 'undefined' && !onServerMarkup);
  /** Before the view is measured: on the client, the most the canvas can be in this window; on the server, a default. */
  const [unmeasured] = useState(() => {
    if (!firstOnClient) return { width: 800, height: 500 };
    const most = canvasBound({ width: window.innerWidth, height: window.innerHeight });
    return { width: Math.max(200, most.width), height: Math.max(200, most.height) };
  });
  const sizeRef = useRef(unmeasured);
  const [size, setSize] = useState(unmeasured);
  /** The first measurement found the view within `unmeasured`: the first render already shows the opening view. */
  const coverHolds = useRef(false);
  /**
   * Mounted on the client, the first render renders what the opening view shows in any viewport up to the window's
   * size (lib/tree/cull openingCover): once measured and placed before the first paint, the view then needs no
   * second render (which would also run every passive effect of the page before the paint); the margin around it
   * follows at low priority. Not for a saved view zoomed out past readable titles (the canvas draws those nodes).
   */
  const [start] = useState(() => {
    if (!firstOnClient) return { cover: null, scene: undefined };
    const saved = store.getState().viewport;
    const view = openingView(layout.bounds, unmeasured, saved);
    const cover = labelsVisible(view.k) && !nodesOnCanvas(view.k, layout.order.length) ? openingCover(layout.bounds, unmeasured, saved) : null;
    // The scene starts at the opening view's scale (placed exactly once measured): the page's first layout then sets
    // the cards' titles at the scale they are shown at. Started at 1, the placement changed the scale and the browser
    // laid every title out again before the first paint (SVG text is set for its on-screen size).
    return { cover, scene: `translate(${view.x},${view.y}) scale(${view.k})` };
  });
  const openCover = start.cover;
  /** The layout-space rectangle whose nodes are rendered. */
  const [windowRect, setWindowRect] = useState<Rect | null>(null);
  const [showLabels, setShowLabels] = useState(true);
  /** Zoomed out past readable titles on a large tree: the canvas draws the nodes (lib/tree/canvas). */
  const [farOut, setFarOut] = useState(false);
  const shownRef = useRef({ labels: true, far: false });
  /** The zoom percentage is written straight to the DOM: no React render per zoom frame. */
  const zoomLabelRef = useRef<HTMLSpanElement>(null);
  const windowRef = useRef<Rect | null>(null);
  const rafRef = useRef(0);
  const minimap = useMemo(() => minimapGeometry(layout.bounds, MINIMAP_BOX), [layout]);
  const minimapRef = useRef(minimap);
  const layoutBoundsRef = useRef(layout.bounds);
  const minimapViewRef = useRef<HTMLDivElement>(null);
  /** The minimap and its Map button, hidden together while the whole tree is in view. */
  const minimapDockRef = useRef<HTMLDivElement>(null);
  const minimapShown = useApp(selectMinimapShown);
  /** The transform an animated zoom is heading to, until it gets there (quick zoom clicks add up from it). */
  /**
   * Where the zoom buttons' animation is heading, while it runs: the next click zooms from there, so quick
   * clicks add up however slowly frames come. Any other move of the view, or a person's gesture, forgets it.
   */
  const zoomTarget = useRef<Transform | null>(null);

  // ---------------------------------------------------------- culling window
  /**
   * `viewFirst`: the nodes in view are rendered at once and the margin around them right after, at low priority
   * (a view just placed: its first paint waits only for what it shows).
   */
  const recull = useCallback((force = false, lowPriority = false, viewFirst = false) => {
    const t = transformRef.current;
    const vp = sizeRef.current;
    const inner = viewportRect(t, vp, 0);
    const labels = labelsVisible(t.k);
    // Far out, the canvas draws the nodes and the SVG keeps only focus and selection: no re-cull (and no React render) per frame.
    const far = nodesOnCanvas(t.k, canvasData.current.count);
    const cur = far ? null : windowRef.current;
    const inside =
      cur && inner.minX >= cur.minX && inner.maxX <= cur.maxX && inner.minY >= cur.minY && inner.maxY <= cur.maxY;
    // Re-cull when the view leaves the window, or when zooming in made the window needlessly large.
    const tooBig = cur && (cur.maxX - cur.minX) * t.k > vp.width * 6;
    if (far) windowRef.current = null;
    else if (force || !inside || tooBig) {
      // Zoomed out, the margin shrinks with the scale: the same screen margin would hold many more nodes.
      const margin = Math.max(vp.width, vp.height) * 0.75 * Math.min(1, t.k);
      const next = viewportRect(t, vp, margin);
      // The same window again (a forced re-cull after a placement that already set it): nothing to render.
      const same = cur !== null && next.minX === cur.minX && next.minY === cur.minY && next.maxX === cur.maxX && next.maxY === cur.maxY;
      windowRef.current = next;
      if (!same) {
        if (viewFirst || (cur === null && shownRef.current.far && !far)) {
          // A view just placed, or coming back from far out (mid-gesture): the nodes in view at once, the margin
          // around them at low priority.
          setWindowRect(inner);
          startTransition(() => setWindowRect(next));
        } else if (lowPriority) startTransition(() => setWindowRect(next));
        else setWindowRect(next);
      }
    }
    // Set only on a change: a pan frame schedules no React render.
    if (shownRef.current.labels !== labels) {
      shownRef.current.labels = labels;
      setShowLabels(labels);
    }
    if (shownRef.current.far !== far) {
      shownRef.current.far = far;
      setFarOut(far);
    }
    // Written only when they change: this runs on every pan and zoom frame, and a text or size written again, even
    // the same, lays the page out again (a pan frame's text never changes, only the map view's place).
    const label = zoomLabelRef.current;
    const percent = zoomPercentText(t.k);
    if (label && label.textContent !== percent) label.textContent = percent;
    const view = minimapViewRef.current;
    // The minimap shows only while part of the tree is out of view (a whole tree in view needs no map).
    const map = minimapDockRef.current;
    if (map) {
      const b = layoutBoundsRef.current;
      const hidden = b.minX >= inner.minX && b.maxX <= inner.maxX && b.minY >= inner.minY && b.maxY <= inner.maxY;
      if (map.hidden !== hidden) map.hidden = hidden;
    }
    if (view) {
      const r = minimapViewport(t, vp, minimapRef.current, MINIMAP_VIEW_MIN);
      view.style.transform = `translate(${r.x}px, ${r.y}px)`;
      const width = `${r.width}px`;
      const height = `${r.height}px`;
      if (view.style.width !== width) view.style.width = width;
      if (view.style.height !== height) view.style.height = height;
    }
  }, []);

  /** Whether the canvas holds a drawing (a canvas never drawn on needs no clearing). */
  const canvasDrawn = useRef(false);
  /** What the canvas shows: the same again is not redrawn (the frame after a view is placed has nothing new). */
  const drawnFrom = useRef<{ t: Transform; vp: { width: number; height: number }; scene: CanvasScene; layout: TreeLayout; links: boolean; nodes: boolean; dpr: number } | null>(null);
  /**
   * Redraws the canvas layer for the current transform (links in view; node shapes when far out). `cleared`: the
   * backing store was just reset, so even the same drawing is drawn again.
   */
  const drawCanvas = useCallback((cleared = false) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const { scene, layout: drawn, links, count } = canvasData.current;
    const t = transformRef.current;
    const nodes = nodesOnCanvas(t.k, count);
    const nothing = !scene || !drawn || (!links && !nodes);
    // The 2D context is made only once there is something to draw: making it costs tens of ms, which a small tree never needs.
    if (nothing && !canvasDrawn.current) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (nothing) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      canvasDrawn.current = false;
      drawnFrom.current = null;
      return;
    }
    const vp = sizeRef.current;
    const dpr = Number(canvas.dataset.dpr) || 1;
    const last = drawnFrom.current;
    if (!cleared && last && last.t === t && last.vp === vp && last.scene === scene && last.layout === drawn && last.links === links && last.nodes === nodes && last.dpr === dpr) return;
    canvasDrawn.current = true;
    const rect = viewportRect(t, vp, 0);
    const hits = cullIndices(drawn, rect);
    const inView = { links: links ? linksToDraw(scene, hits.links, rect, t.k) : [], nodes: nodes ? nodesToDraw(scene, hits.nodes, t.k) : [] };
    drawScene(ctx, scene, inView, t, { dpr, viewport: vp, links, nodes });
    drawnFrom.current = { t, vp, scene, layout: drawn, links, nodes, dpr };
  }, []);

  const applyTransform = useCallback(
    (t: Transform) => {
      transformRef.current = t;
      sceneRef.current?.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
      if (!rafRef.current) {
        // The canvas follows in the frame callback of the same frame (input events are dispatched before it).
        rafRef.current = requestAnimationFrame(() => {
          rafRef.current = 0;
          drawCanvas();
          recull();
        });
      }
    },
    [recull, drawCanvas],
  );

  // ---------------------------------------------------------- size
  useLayoutEffect(() => {
    viewMountedBefore = true;
  }, []);
  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const read = () => {
      const r = el.getBoundingClientRect();
      return { width: Math.max(200, Math.round(r.width)), height: Math.max(200, Math.round(r.height)) };
    };
    const measure = () => {
      const next = read();
      // The observer's first report repeats the size just measured: no update (and no render) for it.
      if (next.width === sizeRef.current.width && next.height === sizeRef.current.height) return;
      sizeRef.current = next;
      setSize(next);
    };
    const first = hydrating.current || openCover ? read() : null;
    if (first && (hydrating.current || (first.width <= unmeasured.width && first.height <= unmeasured.height))) {
      // Hydrating, or the first render already covers the view: the size follows after the paint.
      coverHolds.current = !hydrating.current;
      sizeRef.current = first;
      startTransition(() => setSize(first));
    } else measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [openCover, unmeasured]);

  // ---------------------------------------------------------- the canvas layer's backing store
  // Device pixels (crisp on high-density screens), re-sized with the view and when the pixel ratio changes.
  const [dpr, setDpr] = useState(1);
  useEffect(() => {
    const read = () => {
      const next = window.devicePixelRatio || 1;
      if (next !== dpr) setDpr(next);
    };
    read();
    const mq = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    mq?.addEventListener('change', read);
    return () => mq?.removeEventListener('change', read);
  }, [dpr]);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    canvas.width = Math.round(size.width * dpr);
    canvas.height = Math.round(size.height * dpr);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    canvas.dataset.dpr = String(dpr);
    // Setting the backing store's size cleared it.
    drawCanvas(true);
  }, [size, dpr, drawCanvas]);

  // ---------------------------------------------------------- d3-zoom, once
  // d3-zoom (with d3-transition, -interpolate, -drag...) loads right after the
  // first paint: the tree is drawn and placed without it, and pan/zoom attach
  // as soon as it arrives. Created once, destroyed on cleanup. Asked for after the first paint (a frame, then a
  // task): adding the chunk's script to the page took 6-12 ms of a tree's open, before its first paint.
  const [zoomReady, setZoomReady] = useState(false);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let pz: PanZoom | null = null;
    let cancelled = false;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => void import('./panzoom').then(attach), 0);
    });
    const attach = ({ createPanZoom }: typeof import('./panzoom')) => {
      if (cancelled) return;
      pz = createPanZoom(svg, {
        minZoom: MIN_ZOOM,
        maxZoom: MAX_ZOOM,
        onTransform: applyTransform,
        onEnd: (t) => {
          const aim = zoomTarget.current;
          if (aim && Math.abs(aim.k - t.k) < 1e-9 && Math.abs(aim.x - t.x) < 1e-6 && Math.abs(aim.y - t.y) < 1e-6) zoomTarget.current = null;
          store.getState().setViewport(t);
        },
        onGesture: () => {
          zoomTarget.current = null;
        },
      });
      // Take over the transform placed before d3-zoom arrived.
      pz.setTransform(transformRef.current);
      panZoomRef.current = pz;
      setZoomReady(true);
    };
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      pz?.destroy();
      panZoomRef.current = null;
      cancelAnimationFrame(rafRef.current);
      rafRef.current = 0;
    };
  }, [applyTransform, store]);

  /** Moves the view; through d3-zoom once it is there (so it knows), directly before. */
  const setView = useCallback(
    (t: Transform, durationMs = 0, zoomAim: Transform | null = null) => {
      zoomTarget.current = zoomAim;
      if (panZoomRef.current) panZoomRef.current.setTransform(t, durationMs);
      else applyTransform(t);
    },
    [applyTransform],
  );

  const animate = useCallback((ms: number) => (prefersReducedMotion() ? 0 : ms), []);

  // Initial view of each loaded document: its saved viewport, else fit a small tree, else the root at the left.
  const loadSeq = useApp(selectLoadSeq);
  const viewFor = useRef(-1);
  useLayoutEffect(() => {
    if (viewFor.current === loadSeq) return;
    viewFor.current = loadSeq;
    setView(openingView(layout.bounds, sizeRef.current, store.getState().viewport));
    // What the first render showed covers this view: the margin around it follows at low priority.
    const low = hydrating.current || coverHolds.current;
    coverHolds.current = false;
    recull(true, low, !low);
  }, [loadSeq, layout, store, recull, setView]);

  useLayoutEffect(() => {
    minimapRef.current = minimap;
    layoutBoundsRef.current = layout.bounds;
  }, [minimap, layout]);
  useEffect(() => {
    recull(true, hydrating.current);
    hydrating.current = false;
  }, [size, layout, minimap, recull]);
  // The minimap shown again: its view rectangle placed at once (it is otherwise placed on pan and zoom frames).
  const minimapWasShown = useRef(minimapShown);
  useLayoutEffect(() => {
    if (minimapShown && !minimapWasShown.current) recull(true);
    minimapWasShown.current = minimapShown;
  }, [minimapShown, recull]);

  // ---------------------------------------------------------- the pan-zoom controller
  // Registered in the store while the view is mounted: `reveal` and the view
  // commands call it. A centring waits for the render that lays out the branch
  // (revealing it may just have expanded its path).
  const centreOn = useCallback(
    (id: string) => {
      const box = layout.boxes.get(id);
      if (!box) return;
      const k = Math.max(transformRef.current.k, 0.6);
      setView(centerOnTransform(box, sizeRef.current, k), animate(350));
    },
    [layout, animate, setView],
  );
  // Fit stops at a readable scale and says what it left out (lib/tree/minimap).
  const fit = useCallback(() => {
    // A tree too big to fit readably is shown about the selection, else about the root.
    const sel = store.getState().selectedId;
    const box = (sel ? layout.boxes.get(sel) : undefined) ?? layout.boxes.get(index.root.id);
    const f = readableFit(layout, sizeRef.current, { maxScale: 1.2, minScale: READABLE_SCALE, focusY: box ? box.y + box.height / 2 : undefined });
    setView(f.transform, animate(350));
    if (f.stopped) store.getState().announce(fitLeftOutNotice(f.leftOut, layout.order.length, Math.round(f.transform.k * 100)));
  }, [layout, index, animate, setView, store]);
  // The whole tree, however small: the zoom-out limit goes down to it (a 50k tree fitted is far below MIN_ZOOM).
  const fitAllScale = useMemo(() => fitTransform(layout.bounds, size, 24, 1.2, 0).k, [layout, size]);
  useEffect(() => {
    panZoomRef.current?.update({ minZoom: Math.min(MIN_ZOOM, fitAllScale) });
  }, [fitAllScale, zoomReady]);
  const fitAll = useCallback(() => {
    setView(fitTransform(layout.bounds, sizeRef.current, 24, 1.2, 0), animate(350));
  }, [layout, animate, setView]);
  // Zoom buttons: from where the view is heading (so quick clicks add up), about the selection.
  const zoomBy = useCallback(
    (factor: number) => {
      const base = zoomTarget.current ?? transformRef.current;
      const sel = store.getState().selectedId;
      const box = sel ? layout.boxes.get(sel) : undefined;
      const anchor = box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
      const next = zoomStep(base, factor, sizeRef.current, { min: MIN_ZOOM, max: MAX_ZOOM }, anchor);
      const ms = animate(ZOOM_MS);
      setView(next, ms, ms > 0 && panZoomRef.current ? next : null);
    },
    [layout, animate, setView, store],
  );
  const onMinimapPoint = useCallback(
    (x: number, y: number) => {
      setView(transformForMinimapPoint(x, y, transformRef.current, sizeRef.current, minimapRef.current));
    },
    [setView],
  );
  const pendingCentre = useRef<string | null>(null);
  const [centreSeq, setCentreSeq] = useState(0);
  const latest = useRef({ fit, fitAll, zoomBy });
  useLayoutEffect(() => {
    latest.current = { fit, fitAll, zoomBy };
  }, [fit, fitAll, zoomBy]);
  useEffect(() => {
    const controller: PanZoomController = {
      centreOn(id) {
        pendingCentre.current = id;
        setCentreSeq((n) => n + 1);
      },
      fit: () => latest.current.fit(),
      fitAll: () => latest.current.fitAll(),
      zoomBy: (factor) => latest.current.zoomBy(factor),
    };
    store.getState().setPanZoom(controller);
    return () => {
      if (store.getState().panZoom === controller) store.getState().setPanZoom(null);
    };
  }, [store]);
  useEffect(() => {
    const id = pendingCentre.current;
    if (id === null) return;
    pendingCentre.current = null;
    centreOn(id);
  }, [centreSeq, centreOn]);

  // ---------------------------------------------------------- enter / exit animation
  const prevLayout = useRef<TreeLayout | null>(null);
  const [exiting, setExiting] = useState<Array<{ box: LayoutBox; to: LayoutBox | undefined }>>([]);
  const enterFrom = useMemo(() => {
    const old = prevLayout.current;
    const out = new Map<string, LayoutBox | undefined>();
    if (!old || old === layout || layout.order.length > SMALL_TREE || old.order.length > SMALL_TREE) return out;
    const plan = planTransition(index, old, layout);
    for (const [id, anchor] of plan.entering) out.set(id, anchor);
    return out;
  }, [layout, index]);
  useEffect(() => {
    const old = prevLayout.current;
    prevLayout.current = layout;
    if (!old || old === layout || prefersReducedMotion()) return;
    if (layout.order.length > SMALL_TREE || old.order.length > SMALL_TREE) return;
    const plan = planTransition(index, old, layout);
    if (plan.exiting.size === 0) return;
    const list: Array<{ box: LayoutBox; to: LayoutBox | undefined }> = [];
    for (const [id, to] of plan.exiting) {
      const box = old.boxes.get(id);
      if (box) list.push({ box, to });
    }
    setExiting(list);
    const timer = window.setTimeout(() => setExiting([]), ANIMATION_MS + 40);
    return () => window.clearTimeout(timer);
  }, [layout, index]);

  // ---------------------------------------------------------- what to render
  /**
   * A small tree renders whole (its changes animate), but each new layout is first painted with what is in
   * view, and rendered whole right after at low priority: `wholeFor` is the layout rendered whole.
   */
  const [wholeFor, setWholeFor] = useState<TreeLayout | null>(null);
  const wholeDue = wholeFor === layout;
  useEffect(() => {
    if (!wholeDue) startTransition(() => setWholeFor(layout));
  }, [wholeDue, layout]);
  // Large trees: links on the canvas layer; node shapes too when zoomed out past readable labels.
  const canvasLinks = linksOnCanvas(layout.order.length);
  const rendered = useMemo(() => {
    const keep = [focusedId, selectedId];
    const laidOut = (id: string) => layout.boxes.has(id);
    if (layout.order.length <= SMALL_TREE) {
      if (wholeDue) return { nodes: layout.order, links: layout.links };
      // Mounted on the client, before the view is measured: what the opening view can show (openCover), if anything.
      if (firstOnClient && windowRect === null) {
        const r = openCover ? cullLayout(layout, openCover) : { nodes: [], links: [] };
        return { nodes: svgItemIds(r.nodes, false, keep, laidOut), links: r.links };
      }
      // A new layout's first paint: what is in view (the first view is placed before the paint, and the culling
      // window set with it renders this again); every other item follows at low priority right after it.
      const r = cullLayout(layout, viewportRect(transformRef.current, sizeRef.current, 0));
      return { nodes: svgItemIds(r.nodes, false, keep, laidOut), links: r.links };
    }
    // The focused and selected nodes are always in the DOM (keyboard focus lives there).
    if (farOut) return { nodes: svgItemIds([], true, keep, laidOut), links: [] };
    // Before the first cull (first render): on the server (and so when hydrating its markup), cull to the default
    // view; mounted on the client, to what the opening view can show (openCover), else nothing until it is placed.
    const rect = windowRect ?? (firstOnClient ? openCover : viewportRect(transformRef.current, sizeRef.current, Math.max(sizeRef.current.width, sizeRef.current.height) * 0.75));
    if (!rect) return { nodes: svgItemIds([], false, keep, laidOut), links: [] };
    const r = cullLayout(layout, rect);
    return { nodes: svgItemIds(r.nodes, false, keep, laidOut), links: [] };
  }, [layout, windowRect, focusedId, selectedId, farOut, wholeDue, firstOnClient, openCover]);

  // The canvas's drawing list: once per layout and paint (idle time may have made it ahead for the whole tree).
  const scene = useMemo(() => (canvasLinks ? sceneFor(layout) : null), [canvasLinks, layout, sceneFor]);
  useLayoutEffect(() => {
    canvasData.current = { scene, layout, links: canvasLinks, count: layout.order.length };
    drawCanvas();
  }, [scene, canvasLinks, layout, drawCanvas]);

  // ---------------------------------------------------------- keyboard
  const typeahead = useRef({ text: '', at: 0 });
  const focusNode = useCallback(
    (id: string) => {
      const s = store.getState();
      s.focus(id);
      const box = layout.boxes.get(id);
      if (box) {
        const t = transformRef.current;
        const next = panIntoView(box, t, sizeRef.current, 48);
        if (next.x !== t.x || next.y !== t.y) setView(next);
      }
    },
    [store, layout, setView],
  );

  // Move DOM focus to the roving item when it changes while the tree has focus.
  const treeHasFocus = useRef(false);
  useEffect(() => {
    if (!treeHasFocus.current || !focusedId) return;
    const el = sceneRef.current?.querySelector<SVGGElement>(`[data-node-id="${CSS.escape(focusedId)}"]`);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  }, [focusedId, rendered]);

  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    const s = store.getState();
    const current = s.focusedId ?? index.root.id;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (e.key === ' ' && index.children.get(current)?.length) s.toggle(current);
      else s.select(current);
      return;
    }
    const visible = visibleList();
    const action = keyAction(visible, current, e.key);
    if (action.type !== 'none') {
      e.preventDefault();
      if (action.type === 'focus') focusNode(action.id);
      else if (action.type === 'expand') s.expand(action.id);
      else if (action.type === 'collapse') s.collapse(action.id);
      else for (const id of action.ids) s.expand(id);
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== '*') {
      const now = performance.now();
      const ta = typeahead.current;
      ta.text = now - ta.at > 700 ? e.key : ta.text + e.key;
      ta.at = now;
      const from = visible.indexOf.get(current) ?? -1;
      const hit = findByPrefix(visible, (id) => index.byId.get(id)?.title, ta.text.length > 1 ? from - 1 : from, ta.text);
      if (hit >= 0) {
        e.preventDefault();
        focusNode(visible.nodes[hit]!.id);
      }
    }
  };

  const onClick = (e: MouseEvent<SVGGElement>) => {
    const target = e.target as Element;
    const toggle = target.closest('[data-toggle]');
    const s = store.getState();
    if (toggle) {
      s.toggle(toggle.getAttribute('data-toggle')!);
      return;
    }
    const item = target.closest('[data-node-id]');
    if (item) s.select(item.getAttribute('data-node-id')!);
  };
  // A click on empty canvas (not after a drag: d3-zoom swallows that click) returns to the scenario overview.
  const onCanvasClick = (e: MouseEvent<SVGSVGElement>) => {
    if ((e.target as Element).closest('[data-node-id]')) return;
    const s = store.getState();
    if (s.selectedId !== null) s.select(null);
  };
  const onDoubleClick = (e: MouseEvent<SVGGElement>) => {
    const item = (e.target as Element).closest('[data-node-id]');
    if (item) store.getState().toggle(item.getAttribute('data-node-id')!);
  };

  const small = layout.order.length <= SMALL_TREE;
  // One column per depth shown.
  const shownDepth = layout.columns.length - 1;

  return (
    <div className={`tree-wrap${small ? ' animated' : ''}`}>
      <TreeToolbar zoomLabelRef={zoomLabelRef} depth={shownDepth} />
      <div className="tree-canvas" ref={wrapRef}>
        <canvas ref={canvasRef} className="tree-layer" aria-hidden="true" data-testid="tree-layer" />
        <svg
          ref={svgRef}
          className={`tree-svg${showLabels ? '' : ' no-labels'}`}
          width={size.width}
          height={size.height}
          data-visible-count={layout.order.length}
          data-zoom-ready={zoomReady ? 'true' : undefined}
          data-rendered-count={rendered.nodes.length}
          data-canvas={canvasLinks ? (farOut ? 'links nodes' : 'links') : undefined}
          onClick={onCanvasClick}
        >
          <g ref={sceneRef} className="scene" transform={start.scene}>
            <g className="links" aria-hidden="true">
              {canvasLinks
                ? null
                : rendered.links.map((l) => (
                  <path
                    key={l.target}
                    className={`link${diffMarks?.get(l.target) ? ` diff-${diffMarks.get(l.target)}` : ''}${analysis.solution ? (analysis.rejected.has(l.target) ? ' path-rejected' : ' path-best') : ''}`}
                    style={{ d: `path('${linkPath(l)}')` } as React.CSSProperties}
                    d={linkPath(l)}
                  />
                ))}
            </g>
            <g
              className="nodes"
              role="tree"
              aria-label="Decision tree"
              aria-multiselectable="false"
              onKeyDown={onKeyDown}
              onClick={onClick}
              onDoubleClick={onDoubleClick}
              onFocus={() => (treeHasFocus.current = true)}
              onBlur={() => (treeHasFocus.current = false)}
            >
              {rendered.nodes.map((id) => {
                const box = layout.boxes.get(id);
                if (!box) return null;
                const meta = metaOf(box);
                const from = enterFrom.get(id);
                return (
                  <TreeNode
                    key={id}
                    box={box}
                    meta={meta}
                    fromX={from?.x}
                    fromY={from ? from.y + from.height / 2 - box.height / 2 : undefined}
                    diff={diffMarks?.get(id)}
                  />
                );
              }).concat(
                exiting.map(({ box, to }) =>
                  layout.boxes.has(box.id) ? null : (
                    <TreeNode
                      key={box.id}
                      box={box}
                      meta={EXIT_META}
                      exitX={to?.x ?? box.x}
                      exitY={to ? to.y + to.height / 2 - box.height / 2 : box.y}
                    />
                  ),
                ),
              )}
            </g>
          </g>
        </svg>
        <div className="minimap-dock" ref={minimapDockRef} data-no-pan>
          <CommandButton id="view.minimap" className="minimap-toggle" />
          {minimapShown ? <Minimap layout={layout} geometry={minimap} viewRef={minimapViewRef} onPoint={onMinimapPoint} /> : null}
        </div>
      </div>
      <Legend />
      <Announcer />
    </div>
  );
}
