/**
 * Benchmark harness shared by /bench (Branchpoint's tree) and /bench/peer
 * (react-d3-tree). Only the benchmark routes import this file; nothing under
 * `/` does. Timings are taken in the page with performance.now():
 *
 * - "paint": the first frame that shows the new state. We wait for the
 *   state to be committed to the DOM (a predicate on the DOM, checked
 *   synchronously and then once per animation frame), then for the next
 *   requestAnimationFrame, then post a MessageChannel message from inside
 *   that frame callback: the message runs after the frame's style, layout and
 *   paint steps. (A plain "two rAFs" wait over-counts by up to a frame; both
 *   are recorded, `ms` and `doubleRafMs`.)
 */
import type { Shape } from '@/lib/gen/generate';
import type { Scenario } from '@/lib/model/schema';

export interface BenchParams {
  shape: Shape;
  n: number;
  seed: number;
  /** Open the tree collapsed to this depth (levels 0..depth shown). Null: the engine's default. */
  depth: number | null;
  /** Branchpoint only: select this node on mount (used by the subtree measure). */
  node: string | null;
  /**
   * Let the page settle between generating the tree and timing the open (`settleBeforeOpen`); `?settle=0`: time the
   * open straight after generating, as before stop 32 (for comparing the two).
   */
  settleOpen: boolean;
}

export function readParams(search: string): BenchParams {
  const q = new URLSearchParams(search);
  const shapeRaw = q.get('shape');
  const shape: Shape = shapeRaw === 'wide' || shapeRaw === 'chain' ? shapeRaw : 'bushy';
  const num = (k: string, d: number) => {
    const v = Number(q.get(k));
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : d;
  };
  const depthRaw = q.get('depth');
  return {
    shape,
    n: Math.min(50_000, num('n', 1000)),
    seed: num('seed', 1),
    depth: depthRaw === null ? null : num('depth', 2),
    node: q.get('node'),
    settleOpen: q.get('settle') !== '0',
  };
}

/** One timed interaction: from the click (or state change) to the first painted frame showing the result. */
export interface Measure {
  /** Start to the first paint showing the new state. */
  ms: number;
  /** Start to when the new state was seen in the DOM (committed). */
  commitMs: number;
  /** Start to the second requestAnimationFrame after the commit (the classic double-rAF figure). */
  doubleRafMs: number;
  /**
   * Start to a message posted from the painting frame's callbacks (the figure `ms` was before): it runs after the
   * paint and after every task the page had queued before it, so work an engine schedules after its paint delays it.
   */
  queuedMs?: number;
  /** Nodes the engine reports as visible (shown in the tree) after the change. */
  visible: number;
  /** Node elements actually in the DOM after the change. */
  rendered: number;
  ok: boolean;
  error?: string;
}

export interface SubtreeMeasure {
  id: string;
  /** Nodes in the subtree, including its root. */
  size: number;
  collapse: Measure | null;
  expand: Measure | null;
  note?: string;
}

export interface BenchApi {
  engine: 'ours' | 'peer';
  params: BenchParams;
  status: 'loading' | 'ready' | 'error';
  error?: string;
  nodes: number;
  genMs: number;
  /** Peer only: flat list -> nested {name, children} conversion (included in openMs). */
  convertMs?: number;
  /** From the start of rendering (after generation) to the first paint of any tree. */
  firstPaintMs: number;
  /** From the start of rendering (after generation) to the first paint of the tree at the requested depth. */
  openMs: number;
  /** The same open to a message queued behind the page's own tasks (Measure.queuedMs): the figure before stop 27. */
  openQueuedMs?: number;
  /** How the open state was reached (documented in the output). */
  openMethod: string;
  /** DOM elements inserted while opening (diagnostic). */
  openDomInserted: number;
  /** Layout of the fully expanded tree, timed alone. */
  layoutMs?: number;
  layoutWarmMs?: number;
  /** The same layout with every kept title measurement and card size forgotten first. */
  layoutColdMs?: number;
  indexMs?: number;
  layoutNote?: string;
  /** Waits until the page has settled after the open (see `settle`); resolves to the ms waited. */
  settle(): Promise<number>;
  /** Branchpoint only: times the layout of the fully expanded tree (the figures above), once the page has settled. */
  layout?(): Promise<Pick<BenchApi, 'layoutMs' | 'layoutWarmMs' | 'layoutColdMs' | 'indexMs' | 'layoutNote'>>;
  visibleCount(): number;
  renderedCount(): number;
  /** Expected visible count with levels 0..depth shown (Infinity: all). */
  expectedAtDepth(depth: number): number;
  expandAll(): Promise<Measure>;
  collapseAll(): Promise<Measure>;
  expandToDepth(depth: number): Promise<Measure>;
  /** A node whose subtree is closest to `target` nodes. */
  subtreeCandidate(target: number): { id: string; size: number; bfsIndex: number };
  subtree(target: number): Promise<SubtreeMeasure>;
  /** Branchpoint only: fits the whole tree in the view (every node in view); resolves to the zoom in percent. */
  fitAll?(): Promise<number>;
  startFrames(): void;
  stopFrames(): FrameRecord;
}

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}

/**
 * Resolves once the page has settled: at least `minMs` have passed, no long
 * task (> 50 ms) has ended in the last `quietMs`, and an idle callback has
 * found the browser with nothing left to do (a whole idle period, about
 * 50 ms, before it); at most `capMs`. Both engines wait for it after the
 * open, so what follows (a layout, expand all) meets the page as a person's
 * next step would, after the work an engine leaves for idle time, not mid-open.
 */
export function settle(minMs = 1000, quietMs = 500, capMs = 10_000): Promise<number> {
  const start = performance.now();
  let lastLong = start;
  let idleSeen = typeof requestIdleCallback !== 'function';
  const observer = typeof PerformanceObserver === 'function' ? new PerformanceObserver((list) => {
    for (const e of list.getEntries()) lastLong = Math.max(lastLong, e.startTime + e.duration);
  }) : null;
  try {
    observer?.observe({ type: 'longtask' });
  } catch {
    // No long-task timing in this browser: the minimum wait alone.
  }
  // Idle callbacks run in the order asked for, so one asked for after the engine's own finds their work done.
  const watchIdle = () => {
    requestIdleCallback((deadline) => {
      if (deadline.timeRemaining() >= IDLE_WHOLE_MS) idleSeen = true;
      else watchIdle();
    });
  };
  if (!idleSeen) watchIdle();
  return new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if ((now - start >= minMs && now - lastLong >= quietMs && idleSeen) || now - start >= capMs) {
        observer?.disconnect();
        resolve(round(now - start));
      } else setTimeout(check, 50);
    };
    setTimeout(check, 50);
  });
}

/** An idle period this long (ms) is a whole one: the browser's cap is 50 ms. */
const IDLE_WHOLE_MS = 45;

/**
 * The wait between generating a tree and timing its open, for both engines: at least 0.5 s, no long task for
 * 0.3 s, and an idle period. Generating 10,000 nodes leaves the page busy after it returns (its garbage, and its
 * code being compiled in the background on a 2-core machine): an open timed straight after it took about 60 ms
 * longer at the median on wide 10k (217 against 154 ms, stop 32), work that belongs to the generator, not to the
 * engine being timed.
 */
export function settleBeforeOpen(params: Pick<BenchParams, 'settleOpen'>): Promise<number> {
  // At most 3 s: a page running a frame loop of its own has no idle period (a test's probe; the benchmark runs none).
  return params.settleOpen ? settle(500, 300, 3000) : Promise.resolve(0);
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame((t) => resolve(t)));
}

/**
 * Posts `cb` as a user-blocking task: posted from a frame's callbacks, it runs as soon as that frame is painted,
 * ahead of the tasks already queued (an engine's own work scheduled for after its paint). False where the browser
 * has no `scheduler.postTask`.
 */
function postUserBlocking(cb: () => void): boolean {
  const sched = (globalThis as { scheduler?: { postTask?: (f: () => void, o: { priority: string }) => Promise<unknown> } }).scheduler;
  if (!sched?.postTask) return false;
  void sched.postTask(cb, { priority: 'user-blocking' });
  return true;
}

/** Posts `cb` as a message task: it runs after the frame's rendering and after every task queued before it. */
function postMessageTask(cb: () => void): void {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    ch.port1.close();
    cb();
  };
  ch.port2.postMessage(0);
}

/**
 * Called from a frame's animation callbacks (or a microtask right after one):
 * resolves once that frame has been painted (the message task runs after the
 * frame's rendering; `doubleRaf` after the frame after it).
 */
function afterThisFrame(): Promise<{ paint: number; queued: Promise<number>; doubleRaf: Promise<number> }> {
  return new Promise((resolve) => {
    const doubleRaf = new Promise<number>((r2) => requestAnimationFrame(() => r2(performance.now())));
    let paint = NaN;
    const queued = new Promise<number>((r3) =>
      postMessageTask(() => {
        const at = performance.now();
        if (Number.isNaN(paint)) {
          // No prioritised task (a browser without scheduler.postTask): the message is the paint figure.
          paint = at;
          resolve({ paint, queued, doubleRaf });
        }
        r3(at);
      }),
    );
    // The time of the paint itself, the same for both engines.
    postUserBlocking(() => {
      if (!Number.isNaN(paint)) return;
      paint = performance.now();
      resolve({ paint, queued, doubleRaf });
    });
  });
}

/** Resolves after the frame that follows the current task has been painted. */
export function afterNextPaint(): Promise<{ paint: number; queued: Promise<number>; doubleRaf: Promise<number> }> {
  return new Promise((resolve) => requestAnimationFrame(() => void afterThisFrame().then(resolve)));
}

/**
 * Waits until `done()` holds (checked now, then once per frame), then for
 * the paint of that state: the frame in whose callbacks it was first seen
 * (that frame paints it), or the next frame when it holds at once. Times are
 * relative to `t0`.
 */
export async function paintWhen(
  t0: number,
  done: () => boolean,
  counts: () => { visible: number; rendered: number },
  timeoutMs = 180_000,
): Promise<Measure> {
  let commitAt = done() ? performance.now() : NaN;
  // Seen in a frame's callbacks, the state is painted by that frame; seen now (before a frame), by the next.
  let inFrame = false;
  while (Number.isNaN(commitAt)) {
    await nextFrame();
    if (done()) {
      commitAt = performance.now();
      inFrame = true;
    } else if (performance.now() - t0 > timeoutMs) {
      const c = counts();
      return { ms: NaN, commitMs: NaN, doubleRafMs: NaN, ...c, ok: false, error: `timeout > ${Math.round(timeoutMs / 1000)} s` };
    }
  }
  const { paint, queued, doubleRaf } = await (inFrame ? afterThisFrame() : afterNextPaint());
  const [dbl, q] = await Promise.all([doubleRaf, queued]);
  return { ms: paint - t0, commitMs: commitAt - t0, doubleRafMs: dbl - t0, queuedMs: q - t0, ...counts(), ok: true };
}

/**
 * What a frame recorder returns: the gaps between frames (ms), when each frame had been painted (performance.now()),
 * and the performance mark made at the start (`mark`, at `from`), which ties these times to a browser trace.
 */
export interface FrameRecord {
  gaps: number[];
  painted: number[];
  mark: string;
  from: number;
}

const FRAMES_MARK = 'bench:frames';

/** Runs `cb` as soon as the current frame has been painted: a user-blocking task, or a message where there is none. */
function whenPainted(cb: () => void): void {
  if (!postUserBlocking(cb)) postMessageTask(cb);
}

/**
 * Records, between start() and stop(), the requestAnimationFrame gaps (ms) and when each frame had been painted
 * (`whenPainted`, from the frame's callbacks). Gaps cannot go below the display's frame (16.7 ms at 60 Hz); the
 * main-thread work between one frame's paint and the next (scripts/frame-work.mjs, from a trace) can.
 */
export function createFrameRecorder() {
  let running = false;
  let last = 0;
  let gaps: number[] = [];
  let painted: number[] = [];
  let from = 0;
  const loop = (t: number) => {
    if (!running) return;
    if (last) gaps.push(t - last);
    last = t;
    const into = painted;
    whenPainted(() => into.push(performance.now()));
    requestAnimationFrame(loop);
  };
  return {
    start() {
      gaps = [];
      painted = [];
      last = 0;
      running = true;
      from = performance.mark(FRAMES_MARK).startTime;
      requestAnimationFrame(loop);
    },
    stop(): FrameRecord {
      running = false;
      return { gaps: gaps.map((g) => Math.round(g * 100) / 100), painted: painted.slice(), mark: FRAMES_MARK, from };
    },
  };
}

/** Depth, subtree size and breadth-first position of every node (loops only). */
export interface Shape2 {
  ids: string[];
  parent: Int32Array;
  depth: Int32Array;
  size: Int32Array;
  /** Children of each node in sibling order (by `order`, then id). */
  kids: number[][];
  /** Node number -> position in a breadth-first walk of the full tree. */
  bfs: Int32Array;
}

export function analyse(s: Scenario): Shape2 {
  const n = s.nodes.length;
  const pos = new Map<string, number>();
  s.nodes.forEach((node, i) => pos.set(node.id, i));
  const parent = new Int32Array(n).fill(-1);
  const kids: number[][] = Array.from({ length: n }, () => []);
  let root = 0;
  for (let i = 0; i < n; i++) {
    const p = s.nodes[i]!.parentId;
    if (p === null) root = i;
    else {
      const pi = pos.get(p)!;
      parent[i] = pi;
      kids[pi]!.push(i);
    }
  }
  for (const list of kids) {
    list.sort((a, b) => s.nodes[a]!.order - s.nodes[b]!.order || (s.nodes[a]!.id < s.nodes[b]!.id ? -1 : 1));
  }
  const depth = new Int32Array(n);
  const bfs = new Int32Array(n);
  const queue: number[] = [root];
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h]!;
    bfs[v] = h;
    for (const c of kids[v]!) {
      depth[c] = depth[v]! + 1;
      queue.push(c);
    }
  }
  const size = new Int32Array(n).fill(1);
  for (let h = queue.length - 1; h > 0; h--) {
    const v = queue[h]!;
    size[parent[v]!]! += size[v]!;
  }
  return { ids: s.nodes.map((x) => x.id), parent, depth, size, kids, bfs };
}

export function countAtDepth(a: Shape2, d: number): number {
  let c = 0;
  for (let i = 0; i < a.depth.length; i++) if (a.depth[i]! <= d) c++;
  return c;
}

/** The node (not the root unless nothing else fits) whose subtree size is closest to `target`. */
export function closestSubtree(a: Shape2, target: number): { id: string; size: number; bfsIndex: number } {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < a.size.length; i++) {
    if (a.size[i]! < 2) continue;
    const d = Math.abs(a.size[i]! - target);
    if (d < bestD || (d === bestD && a.depth[i]! < a.depth[best]!)) {
      best = i;
      bestD = d;
    }
  }
  return { id: a.ids[best]!, size: a.size[best]!, bfsIndex: a.bfs[best]! };
}

/** Counts DOM element insertions under `root` until `stop()` is called. */
export function countInsertions(root: Node): () => number {
  let inserted = 0;
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      for (const nd of r.addedNodes) {
        if (nd.nodeType === 1) inserted += 1 + (nd as Element).getElementsByTagName('*').length;
      }
    }
  });
  mo.observe(root, { childList: true, subtree: true });
  return () => {
    for (const r of mo.takeRecords()) {
      for (const nd of r.addedNodes) if (nd.nodeType === 1) inserted += 1 + (nd as Element).getElementsByTagName('*').length;
    }
    mo.disconnect();
    return inserted;
  };
}

export const round = (x: number) => Math.round(x * 100) / 100;
