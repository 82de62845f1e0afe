// Benchmark: Branchpoint's tree view against react-d3-tree, in headless Chromium.
//
// Run through `npm run bench` (scripts/bench.sh builds the app and starts it on
// port 3200). Can also be run alone against a running production server:
//   BENCH_URL=http://127.0.0.1:3200 node scripts/bench.mjs [--quick] [--only=wide-1000,bushy-10000] [--engines=ours] [--rates=1] [--js-only]
//   --js-only: only the page's own figures (first-load JS of / and its first screen, BENCH_FIRST_RUNS loads, default 7)
// Environment: BENCH_ONLY (same as --only; also "1k,10k" or "wide-10k"), BENCH_RUNS (default 5), BENCH_BUDGET_MIN (default 25), BENCH_STEP_TIMEOUT_MS (default 60000),
// BENCH_GESTURE_CAP_MS (default 4000), BENCH_PEER_50K_RUNS (default 3), BENCH_FIRST_RUNS (default 7).
//
// For each tree x engine x CPU rate it opens a fresh browser context per run
// and measures, in the page (performance.now(), see app/bench/_lib/harness.ts):
// layout, open (first paint at depth 3), expand all, collapse all, a ~1k-node
// subtree, and frame gaps (requestAnimationFrame) and each frame's main-thread work (a trace of the page's tasks)
// during a scripted drag and a series of wheel events with everything expanded. Medians of the runs are
// printed and written, with every raw run, to bench-results/.
/* global window, document, performance, PerformanceObserver, requestAnimationFrame, setTimeout, clearTimeout */
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { URL } from 'node:url';
import { frameReport, frameWork, pageTasks, snapToFrames } from './frame-work.mjs';

const BASE = (process.env.BENCH_URL ?? 'http://127.0.0.1:3200').replace(/\/$/, '');
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const QUICK = args.includes('--quick');
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 5));
const STEP_TIMEOUT = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 60_000);
/** Total time budget: every configuration gets one run, then more runs (up to RUNS) while time is left. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MIN ?? 25) * 60_000;
/** A drag or wheel series stops sending events after this long (slow engines); frames so far are kept. */
const GESTURE_CAP_MS = Number(process.env.BENCH_GESTURE_CAP_MS ?? 4_000);
/** react-d3-tree at 50k nodes takes ~40 s a run: at most this many runs (1x only). */
const PEER_50K_RUNS = Number(process.env.BENCH_PEER_50K_RUNS ?? 3);
/** Fresh page loads of `/` for the first-screen figure (medians). */
const FIRST_RUNS = Number(process.env.BENCH_FIRST_RUNS ?? 7);
const VIEWPORT = { width: 1280, height: 800 };
const OPEN_DEPTH = 3;
const SUBTREE_TARGET = 1000;

const ALL_TREES = [
  { shape: 'wide', n: 1000 },
  { shape: 'wide', n: 10000 },
  { shape: 'wide', n: 50000 },
  { shape: 'bushy', n: 1000 },
  { shape: 'bushy', n: 10000 },
  { shape: 'bushy', n: 50000 },
  { shape: 'chain', n: 5000 },
];
const only = (flag('only') ?? process.env.BENCH_ONLY)?.split(',').map((x) => x.replace(/^(wide|bushy|chain)?-?(\d+)k$/, (_, sh, k) => `${sh ?? ''}${sh ? '-' : ''}${k}000`));
const matches = (t) => !only || only.some((o) => o === `${t.shape}-${t.n}` || o === String(t.n));
const TREES = ALL_TREES.filter(matches);
const ENGINES = (flag('engines') ?? 'ours,peer').split(',');
const RATES = (flag('rates') ?? '1,4').split(',').map(Number);

const LAUNCH = JSON.parse(readFileSync(new URL('./chromium.json', import.meta.url), 'utf8'));

const treeName = (t) => `${t.shape} ${t.n >= 1000 ? `${t.n / 1000}k` : t.n}${t.shape === 'chain' ? ' deep' : ''}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const r2 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 100) / 100 : x);

class StepTimeout extends Error {}

/** The display's frame (ms), measured at the start (measureDisplayFrame); 60 Hz until then. */
let displayFrameMs = 1000 / 60;

/** The display's frame: the mean interval of 240 requestAnimationFrame callbacks on an empty page. */
async function measureDisplayFrame(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><title>frame</title><p>frame</p>');
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          const stamps = [];
          const tick = (t) => {
            stamps.push(t);
            if (stamps.length <= 240) requestAnimationFrame(tick);
            else resolve((stamps[240] - stamps[0]) / 240);
          };
          requestAnimationFrame(tick);
        }),
    );
  } finally {
    await context.close();
  }
}

/** Runs `fn` with a deadline; on timeout the caller closes the context (the page is frozen). */
async function withTimeout(what, fn, ms = STEP_TIMEOUT) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what}: timeout > ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function percentile(values, p) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const rank = Math.ceil((p / 100) * v.length) - 1;
  return v[Math.min(v.length - 1, Math.max(0, rank))];
}
function medianTrue(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Runs `fn` with a Chromium trace of the page's top-level tasks and performance marks (and `extra` categories);
 * returns its result and the events.
 */
async function traced(cdp, fn, extra = '') {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: `toplevel,blink.user_timing${extra ? `,${extra}` : ''}`, transferMode: 'ReportEvents' });
  try {
    return { result: await fn(), events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
}

async function frameGaps(page, cdp, engine, gesture, { inFirst = false } = {}) {
  const sel = engine === 'ours' ? 'svg.tree-svg' : 'svg.rd3t-svg';
  // Branchpoint loads d3-zoom after the first paint; gestures need it.
  if (engine === 'ours') await page.waitForSelector('svg.tree-svg[data-zoom-ready="true"]', { timeout: STEP_TIMEOUT });
  const box = await page.locator(sel).boundingBox();
  if (!box) throw new Error(`${sel} not found`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  let events = 0;
  const { result: rec, events: trace } = await traced(cdp, async () => {
    await page.evaluate(() => window.__bench.startFrames());
    const stopAt = Date.now() + GESTURE_CAP_MS;
    if (gesture === 'pan') {
      // ~600 px drag up-left in 60 steps. Each event waits for the browser's acknowledgement, and
      // Chromium delivers continuous input once per frame, so this paces itself at one or two frames per step.
      await page.mouse.down();
      for (let i = 1; i <= 60 && Date.now() < stopAt; i++, events++) await page.mouse.move(cx - i * 8, cy - i * 6);
      await page.mouse.up();
    } else {
      // 15 wheel steps out (to ~12% zoom), 15 back in, paced the same way. `inFirst`: in, then back out (a tree fitted
      // whole is at the least zoom: a wheel step out of it zooms nothing, and the browser scrolls the page instead).
      const out = inFirst ? -100 : 100;
      for (let i = 0; i < 30 && Date.now() < stopAt; i++, events++) await page.mouse.wheel(0, i < 15 ? out : -out);
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return page.evaluate(() => window.__bench.stopFrames());
  }, 'benchmark');
  const raw = rec.gaps;
  // Gaps in whole display frames (see snapToFrames): one frame reads one frame whatever the timer's rounding.
  const gaps = raw.map((g) => snapToFrames(g, displayFrameMs));
  const report = frameReport(trace, rec.mark);
  const shown = report ? report.presented + report.dropped : 0;
  const tasks = pageTasks(trace, rec.mark, rec.from);
  // No mark or no task in the trace: no figure (not zeros).
  const work = tasks?.length ? frameWork(rec.painted, tasks, rec.from) : [];
  const afterRendered = await page.evaluate(() => window.__bench.renderedCount());
  const planned = gesture === 'pan' ? 60 : 30;
  return {
    p50: percentile(gaps, 50),
    p95: percentile(gaps, 95),
    max: Math.max(...gaps),
    p95Raw: percentile(raw, 95),
    presented: report?.presented ?? null,
    dropped: report?.dropped ?? null,
    droppedPct: shown ? (100 * report.dropped) / shown : null,
    workP50: percentile(work, 50),
    workP95: percentile(work, 95),
    frames: gaps.length,
    events,
    cut: events < planned,
    renderedAfter: afterRendered,
    gaps: raw,
    work,
  };
}

/**
 * Scrolls the page from the top down to the text outline and 2,000 px through it (20 steps of 100 px, each
 * waiting for two frames), once the outline is there; returns the longest task (ms, 0 if none over 50 ms) and the
 * frame gaps, then scrolls back to the top.
 */
async function outlineScroll(page) {
  await page.waitForFunction(() => document.querySelectorAll('.outline-node').length > 0, null, { timeout: STEP_TIMEOUT });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const r = await page.evaluate(async () => {
    const tasks = [];
    const po = new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)));
    po.observe({ type: 'longtask' });
    window.__bench.startFrames();
    const twoFrames = () => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    for (let i = 0; i < 20; i++) {
      window.scrollBy(0, 100);
      await twoFrames();
    }
    const { gaps } = window.__bench.stopFrames();
    tasks.push(...po.takeRecords().map((e) => e.duration));
    po.disconnect();
    window.scrollTo(0, 0);
    await twoFrames();
    return { maxTask: tasks.length ? Math.max(...tasks) : 0, tasks: tasks.length, gaps };
  });
  return { ...r, p95: percentile(r.gaps, 95), max: Math.max(...r.gaps) };
}

/** One run: a fresh context and page; returns raw figures (and the step that failed, if one did). */
async function runOnce(browser, engine, tree, rate) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e).slice(0, 300)));
  const out = { engine, tree: `${tree.shape}-${tree.n}`, rate, ok: true };
  const step = async (name, fn) => {
    if (!out.ok) return;
    const s0 = Date.now();
    try {
      out[name] = await withTimeout(name, fn);
      (out.stepSeconds ??= {})[name] = (Date.now() - s0) / 1000;
      if (out[name] && out[name].ok === false) out.errors = [...(out.errors ?? []), `${name}: ${out[name].error}`];
    } catch (e) {
      const timedOut = e instanceof StepTimeout || e?.name === 'TimeoutError';
      out.ok = false;
      out.failedStep = name;
      out.failure = timedOut ? `${name}: timeout > ${Math.round(STEP_TIMEOUT / 1000)} s` : `${name}: crashed: ${String(e).slice(0, 300)}`;
      out.timedOut = timedOut;
    }
  };
  try {
    const cdp = await context.newCDPSession(page);
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const path = engine === 'ours' ? '/bench' : '/bench/peer';
    const url = `${BASE}${path}?shape=${tree.shape}&n=${tree.n}&seed=1&depth=${OPEN_DEPTH}`;
    await step('open', async () => {
      await page.goto(url, { waitUntil: 'load', timeout: STEP_TIMEOUT });
      await page.waitForFunction(() => window.__bench && window.__bench.status !== 'loading', null, { timeout: STEP_TIMEOUT, polling: 200 });
      const b = await page.evaluate(() => {
        const skip = new Set(['engine', 'params']);
        return Object.fromEntries(Object.entries(window.__bench).filter(([k, v]) => typeof v !== 'function' && !skip.has(k)));
      });
      if (b.status === 'error') throw new Error(b.error);
      return b;
    });
    // Both engines: the page settles after the open before the next step (a person's next click comes after it).
    await step('settle', () => page.evaluate(() => window.__bench.settle()));
    if (engine === 'ours') await step('layout', () => page.evaluate(() => window.__bench.layout()));
    // Branchpoint: the page scrolled down to the tree's text outline (up to 1,500 branches) and through it.
    if (engine === 'ours' && tree.n >= 10000) await step('outlineScroll', () => outlineScroll(page));
    // Branchpoint: fold first, so that expand all has work to do on wide trees (open at depth 3 shows them whole).
    // The peer's expand all is a fresh mount of the expanded tree, whatever came before.
    if (engine === 'ours') await step('collapseFromOpen', () => page.evaluate(() => window.__bench.collapseAll()));
    await step('expandAll', () => page.evaluate(() => window.__bench.expandAll()));
    await step('pan', () => frameGaps(page, cdp, engine, 'pan'));
    await step('zoom', () => frameGaps(page, cdp, engine, 'zoom'));
    // 50k: the whole tree fitted to the screen (every node in view), then the same gestures.
    if (engine === 'ours' && tree.n >= 50000) {
      await step('fitZoom', () => page.evaluate(() => window.__bench.fitAll()));
      await step('panFit', () => frameGaps(page, cdp, engine, 'pan'));
      await step('fitZoom2', () => page.evaluate(() => window.__bench.fitAll()));
      await step('zoomFit', () => frameGaps(page, cdp, engine, 'zoom', { inFirst: true }));
    }
    // The peer folds the subtree by clicking it while everything is still expanded; Branchpoint
    // remounts with the node selected (so it stays in the DOM when culled), hence last. Wide
    // trees have no ~1k subtree below the root: expand all / collapse all at 1k stand in.
    const subtree = () => page.evaluate((t) => window.__bench.subtree(t), SUBTREE_TARGET);
    if (engine === 'peer' && tree.shape !== 'wide') await step('subtree', subtree);
    await step('collapseAll', () => page.evaluate(() => window.__bench.collapseAll()));
    if (engine === 'ours' && tree.shape !== 'wide') await step('subtree', subtree);
  } catch (e) {
    out.ok = false;
    out.failure = `crashed: ${String(e).slice(0, 300)}`;
  } finally {
    if (errors.length) out.pageErrors = errors.slice(0, 5);
    await context.close().catch(() => {});
  }
  return out;
}

/** Figures taken from one run, by metric name. */
function figures(run) {
  const m = (x) => (x && x.ok !== false ? x.ms : NaN);
  return {
    layout: run.layout?.layoutMs ?? run.open?.layoutMs,
    layoutWarm: run.layout?.layoutWarmMs,
    layoutCold: run.layout?.layoutColdMs,
    open: run.open?.openMs,
    openQueued: run.open?.openQueuedMs,
    firstPaint: run.open?.firstPaintMs,
    expandAll: m(run.expandAll),
    collapseAll: m(run.collapseAll),
    subtreeCollapse: m(run.subtree?.collapse),
    subtreeExpand: m(run.subtree?.expand),
    panP50: run.pan?.p50,
    panP95: run.pan?.p95,
    zoomP50: run.zoom?.p50,
    zoomP95: run.zoom?.p95,
    panWorkP95: run.pan?.workP95,
    zoomWorkP95: run.zoom?.workP95,
    panDropped: run.pan?.droppedPct,
    zoomDropped: run.zoom?.droppedPct,
    panFitP95: run.panFit?.p95,
    zoomFitP95: run.zoomFit?.p95,
    outlineScrollMax: run.outlineScroll?.max,
  };
}

const METRICS = [
  ['layout', 'Layout of the fully expanded tree (ms)'],
  ['open', `Open: first paint at depth ${OPEN_DEPTH} (ms)`],
  ['expandAll', 'Expand all: click -> paint (ms)'],
  ['collapseAll', 'Collapse all (from all expanded): click -> paint (ms)'],
  ['subtreeExpand', 'Unfold the ~1k-node subtree: click -> paint (ms)'],
  ['subtreeCollapse', 'Fold the ~1k-node subtree: click -> paint (ms)'],
  ['panP50', 'Pan frame gap p50 (ms, in whole display frames), all expanded'],
  ['panP95', 'Pan frame gap p95 (ms, in whole display frames), all expanded'],
  ['zoomP50', 'Zoom frame gap p50 (ms, in whole display frames), all expanded'],
  ['zoomP95', 'Zoom frame gap p95 (ms, in whole display frames), all expanded'],
  ['panWorkP95', 'Pan frame work p95 (ms of main-thread tasks from one frame painted to the next), all expanded'],
  ['zoomWorkP95', 'Zoom frame work p95 (ms of main-thread tasks from one frame painted to the next), all expanded'],
  ['panDropped', 'Pan: frames dropped (% of the frames with an update; Chromium frame reporter), all expanded'],
  ['zoomDropped', 'Zoom: frames dropped (% of the frames with an update; Chromium frame reporter), all expanded'],
  ['panFitP95', 'Pan frame gap p95 (ms, in whole display frames), 50k all expanded and fitted to the screen (Branchpoint only)'],
  ['zoomFitP95', 'Zoom frame gap p95 (ms, in whole display frames), 50k all expanded and fitted to the screen (Branchpoint only)'],
  ['outlineScrollMax', 'Scroll to the text outline and through it: longest frame gap (ms), 10k and 50k (Branchpoint only)'],
];

function summarise(cfg) {
  const figs = cfg.runs.map(figures);
  const med = {};
  for (const [k] of METRICS) {
    const vals = figs.map((f) => f[k]).filter((v) => typeof v === 'number' && Number.isFinite(v));
    med[k] = vals.length ? r2(medianTrue(vals)) : null;
    med[`${k}N`] = vals.length;
  }
  med.layoutWarm = r2(medianTrue(figs.map((f) => f.layoutWarm).filter(Number.isFinite)));
  med.layoutCold = r2(medianTrue(figs.map((f) => f.layoutCold).filter(Number.isFinite)));
  med.firstPaint = r2(medianTrue(figs.map((f) => f.firstPaint).filter(Number.isFinite)));
  med.openQueued = r2(medianTrue(figs.map((f) => f.openQueued).filter(Number.isFinite)));
  const sub = cfg.runs.find((r) => r.subtree)?.subtree;
  if (sub) med.subtree = { id: sub.id, size: sub.size, note: sub.note };
  const failures = cfg.runs.filter((r) => !r.ok).map((r) => r.failure);
  const stepErrors = cfg.runs.flatMap((r) => r.errors ?? []);
  return { median: med, failures, stepErrors };
}

const STEP_OF = {
  layout: 'open',
  open: 'open',
  expandAll: 'expandAll',
  collapseAll: 'collapseAll',
  subtreeExpand: 'subtree',
  subtreeCollapse: 'subtree',
  panP50: 'pan',
  panP95: 'pan',
  zoomP50: 'zoom',
  zoomP95: 'zoom',
  panWorkP95: 'pan',
  zoomWorkP95: 'zoom',
  panDropped: 'pan',
  zoomDropped: 'zoom',
  panFitP95: 'panFit',
  zoomFitP95: 'zoomFit',
  outlineScrollMax: 'outlineScroll',
};

/** Text for a cell: the median, or why there is none. */
function cell(cfg, key) {
  if (!cfg) return 'not run';
  if (cfg.skipped) return cfg.skipped;
  const v = cfg.summary.median[key];
  if (v !== null && v !== undefined) {
    const n = cfg.summary.median[`${key}N`];
    return `${v.toFixed(1)}${n < cfg.runs.length ? ` (${n}/${cfg.runs.length} runs)` : n < RUNS ? ` (${n} run${n > 1 ? 's' : ''})` : ''}`;
  }
  const stepName = STEP_OF[key];
  const failed = cfg.runs.find((r) => r.failedStep === stepName);
  if (failed) {
    if (failed.timedOut) return `timeout > ${Math.round(STEP_TIMEOUT / 1000)} s`;
    const f = failed.failure ?? '';
    return /Target crashed|Page crashed/.test(f) ? 'n/a: crashed (renderer)' : /call stack/.test(f) ? 'n/a: crashed (stack overflow)' : 'n/a: crashed';
  }
  const inStep = cfg.runs.map((r) => r[stepName]?.error ?? r[stepName]?.collapse?.error).find(Boolean);
  if (inStep) return /timeout/.test(inStep) ? `timeout > ${Math.round(STEP_TIMEOUT / 1000)} s` : `n/a: ${inStep}`;
  const earlier = cfg.runs.find((r) => !r.ok);
  if (earlier) return `not reached (${earlier.failedStep} ${earlier.timedOut ? 'timed out' : 'crashed'})`;
  return 'n/a';
}

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

async function firstLoadJs(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const pending = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res
        .body()
        .then((body) => ({ url: res.url().replace(BASE, ''), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }))
        .catch(() => null),
    );
  });
  const doc = await page.goto(`${BASE}/`, { waitUntil: 'networkidle' });
  const html = (await doc?.text()) ?? '';
  await sleep(1000);
  const files = (await Promise.all(pending)).filter(Boolean).sort((a, b) => b.gzip - a.gzip);
  await context.close();
  // Scripts named in the HTML are what Next used to call "First Load JS"; the rest load right after (lazy chunks).
  for (const f of files) f.inHtml = html.includes(f.url);
  const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
  const inHtml = files.filter((f) => f.inHtml);
  const total = sum(files, 'gzip');
  return {
    totalGzipBytes: total,
    totalGzipKB: r2(total / 1024),
    totalRawKB: r2(sum(files, 'bytes') / 1024),
    htmlGzipKB: r2(sum(inHtml, 'gzip') / 1024),
    lazyGzipKB: r2((total - sum(inHtml, 'gzip')) / 1024),
    targetKB: 170,
    files,
  };
}

/**
 * First screen of the article scenario (`/`): N fresh contexts (BENCH_FIRST_RUNS, default 7), each recording first
 * contentful paint, DOMContentLoaded, the first tree item visible, and "interactive": the end of the last long task
 * (PerformanceObserver 'longtask', buffered), watched until 3 s pass without one after load. Medians only.
 */
async function firstScreen(browser) {
  const runs = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__long.push(e.startTime + e.duration);
      }).observe({ type: 'longtask', buffered: true });
      window.__treeItemAt = null;
      // The first tree item with a box on screen, checked at every frame until seen.
      const seen = () => {
        const item = document.querySelector('[role="treeitem"]');
        if (item && item.getClientRects().length > 0) window.__treeItemAt = performance.now();
        else requestAnimationFrame(seen);
      };
      requestAnimationFrame(seen);
    });
    const page = await context.newPage();
    await page.goto(`${BASE}/`, { waitUntil: 'load', timeout: STEP_TIMEOUT });
    await page.waitForSelector('[role="treeitem"]', { state: 'visible', timeout: STEP_TIMEOUT });
    const run = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const tick = () => {
            const lastEnd = window.__long.length ? Math.max(...window.__long) : 0;
            const nav = performance.getEntriesByType('navigation')[0];
            if (performance.now() - Math.max(lastEnd, nav.loadEventEnd) < 3000) return void setTimeout(tick, 100);
            resolve({
              fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
              domContentLoaded: nav.domContentLoadedEventEnd,
              treeItem: window.__treeItemAt ?? NaN,
              // With no long task at all, the page was interactive once its content was there.
              interactive: Math.max(lastEnd, nav.domContentLoadedEventEnd),
              longTasks: window.__long.length,
            });
          };
          tick();
        }),
    );
    runs.push(run);
    await context.close();
  }
  const median = {};
  for (const k of ['fcp', 'domContentLoaded', 'interactive', 'treeItem', 'longTasks']) median[k] = r2(medianTrue(runs.map((r) => r[k])));
  return { runs: FIRST_RUNS, median, raw: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, r2(v)]))) };
}

async function main() {
  const started = Date.now();
  const browser = await chromium.launch(LAUNCH);
  const version = browser.version();
  console.log(`Branchpoint benchmark: ${BASE}, Chromium ${version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);
  console.log(`${RUNS} runs per configuration (median), step timeout ${STEP_TIMEOUT / 1000} s, viewport ${VIEWPORT.width}x${VIEWPORT.height}\n`);

  const fl = await firstLoadJs(browser);
  console.log(
    `First-load JS of /: ${fl.totalGzipKB} KB gzipped (${fl.totalRawKB} KB raw), every script loaded until network idle (${fl.files.length} files); target <= 170 KB gz`,
  );
  console.log(`  of which ${fl.htmlGzipKB} KB gz in the page's HTML <script> tags and ${fl.lazyGzipKB} KB gz loaded after it (lazy chunks)`);
  for (const f of fl.files) {
    console.log(`  ${pad((f.gzip / 1024).toFixed(1), 7, true)} KB gz  ${pad((f.bytes / 1024).toFixed(1), 7, true)} KB  ${f.inHtml ? 'html' : 'lazy'}  ${f.url}`);
  }
  displayFrameMs = await measureDisplayFrame(browser);
  console.log(`Display frame: ${displayFrameMs.toFixed(3)} ms (mean of 240 on an empty page)`);
  const first = await firstScreen(browser);
  const fsm = first.median;
  console.log(
    `\nFirst screen of the article scenario (/), median of ${first.runs} fresh loads: first contentful paint ${fsm.fcp} ms, DOMContentLoaded ${fsm.domContentLoaded} ms, first tree item ${fsm.treeItem} ms, interactive (last long task ended) ${fsm.interactive} ms, ${fsm.longTasks} long tasks`,
  );
  console.log('');
  const head = { date: new Date().toISOString(), base: BASE, chromium: version, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, viewport: VIEWPORT, displayFrameMs };
  if (args.includes('--js-only')) {
    await browser.close();
    writeResults({ ...head, firstLoadJs: fl, firstScreen: first });
    return;
  }

  const configs = [];
  const find = (engine, t, rate) => configs.find((c) => c.engine === engine && c.tree === `${t.shape}-${t.n}` && c.rate === rate);
  for (const t of TREES) {
    for (const engine of ENGINES) {
      for (const rate of RATES) {
        configs.push({ engine, tree: `${t.shape}-${t.n}`, shape: t.shape, n: t.n, t, rate, runs: [], done: false, seconds: 0 });
      }
    }
  }
  const progress = (cfg, label) => {
    const md = summarise(cfg).median;
    const show = (k) => (md[k] === null || md[k] === undefined ? '-' : md[k].toFixed(1));
    const last = cfg.runs[cfg.runs.length - 1];
    console.log(
      `${pad(label, 7)} ${pad(cfg.engine, 5)} ${pad(treeName(cfg.t), 14)} ${cfg.rate}x  run ${cfg.runs.length}: open ${show('open')}  expand ${show('expandAll')}  collapse ${show('collapseAll')}  pan95 ${show('panP95')}  zoom95 ${show('zoomP95')}  layout ${show('layout')}  [${Math.round(cfg.seconds)} s]${last && !last.ok ? `  FAIL: ${last.failure}` : ''}`,
    );
  };
  const maxRuns = (cfg) => (cfg.engine === 'peer' && cfg.n >= 50000 ? Math.min(RUNS, PEER_50K_RUNS) : RUNS);
  const runConfig = async (cfg, label) => {
    const c0 = Date.now();
    const run = await runOnce(browser, cfg.engine, cfg.t, cfg.rate);
    cfg.runs.push(run);
    cfg.seconds += (Date.now() - c0) / 1000;
    cfg.lastSeconds = (Date.now() - c0) / 1000;
    // A run that timed out or crashed will do so again: do not repeat it.
    if (!run.ok && (run.timedOut || run.failedStep === 'open' || /crashed/.test(run.failure ?? ''))) {
      cfg.done = true;
      cfg.note = `stopped after run ${cfg.runs.length}: ${run.failure}`;
    }
    if (cfg.runs.length >= maxRuns(cfg)) cfg.done = true;
    progress(cfg, label);
  };

  // Pass 1: one run of every configuration (1x before 4x, so a tree that fails unthrottled is not retried throttled).
  for (const cfg of configs) {
    const base = cfg.rate !== 1 ? find(cfg.engine, cfg.t, 1) : null;
    if (cfg.engine === 'peer' && cfg.n >= 50000 && cfg.rate !== 1) {
      cfg.skipped = 'not run: 4x is skipped for react-d3-tree at 50k (too slow at 1x)';
    } else if (base && base.runs.length && base.runs.every((r) => !r.ok && r.failedStep === 'open')) {
      cfg.skipped = base.runs[0].timedOut ? `timeout > ${STEP_TIMEOUT / 1000} s (not run: timed out at 1x)` : 'n/a: crashed (at 1x)';
    }
    if (cfg.skipped) {
      cfg.done = true;
      console.log(`${pad('pass 1', 7)} ${pad(cfg.engine, 5)} ${pad(treeName(cfg.t), 14)} ${cfg.rate}x  skipped: ${cfg.skipped}`);
      continue;
    }
    await runConfig(cfg, 'pass 1');
  }
  // Further runs while the time budget lasts, group by group: unthrottled first (the targets are at 1x),
  // then 4x, then react-d3-tree at 50k. Within a group, round-robin (so noise spreads over configurations).
  const group = (c) => (c.engine === 'peer' && c.n >= 50000 ? 2 : c.rate === 1 ? 0 : 1);
  for (const g of [0, 1, 2]) {
    const members = configs.filter((c) => group(c) === g);
    for (let pass = 2; pass <= RUNS; pass++) {
      for (const cfg of members) {
        if (cfg.done || cfg.runs.length >= pass) continue;
        const estimate = (cfg.lastSeconds ?? 30) * 1000;
        if (Date.now() - started + estimate > BUDGET_MS) {
          cfg.budgetCut = true;
          continue;
        }
        await runConfig(cfg, `pass ${pass}`);
      }
    }
  }
  for (const cfg of configs) cfg.summary = summarise(cfg);
  await browser.close();

  // ---------------------------------------------------------------- tables
  const lines = [];
  const say = (s = '') => lines.push(s);
  say(`\nMedians of ${RUNS} runs (ms) unless a cell says otherwise ("(k runs)": the time budget or a failure left fewer; "(k/n runs)": only k of n`);
  say(`runs produced the figure). peer/ours > 1 means Branchpoint is faster. [n] after a subtree figure: the subtree's size in nodes.`);
  for (const [key, title] of METRICS) {
    const rows = [['tree', 'cpu', 'Branchpoint', 'react-d3-tree', 'peer/ours']];
    for (const t of TREES) {
      for (const rate of RATES) {
        const o = find('ours', t, rate);
        const p = find('peer', t, rate);
        const ov = o?.summary?.median?.[key];
        const pv = p?.summary?.median?.[key];
        let ratio = '';
        if (typeof ov === 'number' && typeof pv === 'number' && ov > 0) ratio = `${(pv / ov).toFixed(1)}x`;
        let oc = cell(o, key);
        let pc = p ? cell(p, key) : 'not run';
        if (key === 'subtreeExpand' && p) pc = 'n/a (unfolds one level)';
        if (key.startsWith('subtree')) {
          const sub = o?.summary?.median?.subtree;
          if (sub && typeof ov === 'number') oc = `${oc} [${sub.size}]`;
          const ps = p?.summary?.median?.subtree;
          if (ps && key === 'subtreeCollapse' && typeof pv === 'number') pc = `${pc} [${ps.size}]`;
        }
        rows.push([treeName(t), `${rate}x`, oc, pc, ratio]);
      }
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    say(`\n${title}`);
    for (const r of rows) say(r.map((c, i) => (i < 2 ? pad(c, widths[i]) : pad(c, widths[i], true))).join('  '));
  }

  // ---------------------------------------------------------------- targets
  const med = (engine, shape, n, rate, key) => find(engine, { shape, n }, rate)?.summary?.median?.[key] ?? null;
  const verdict = (v, max) => (v === null ? 'no figure' : v <= max ? 'met' : 'MISSED');
  say('\nTargets (reported, not asserted), CPU 1x unless noted');
  const tgt = (label, v, max, unit = 'ms') => say(`  ${pad(label, 58)} ${pad(v === null ? '-' : `${v.toFixed(1)} ${unit}`, 12, true)}  <= ${max} ${unit}  ${verdict(v, max)}`);
  for (const s of ['wide', 'bushy']) tgt(`layout of 50k nodes (${s})`, med('ours', s, 50000, 1, 'layout'), 100);
  for (const s of ['wide', 'bushy']) {
    for (const rate of RATES) {
      tgt(`10k expanded (${s}), pan frame p95 @${rate}x`, med('ours', s, 10000, rate, 'panP95'), 17);
      tgt(`10k expanded (${s}), zoom frame p95 @${rate}x`, med('ours', s, 10000, rate, 'zoomP95'), 17);
    }
  }
  for (const t of TREES) {
    const sub = find('ours', t, 1)?.summary?.median?.subtree;
    if (sub && sub.size >= 500 && sub.size <= 2000) {
      tgt(`unfold a ${sub.size}-node subtree (${treeName(t)})`, med('ours', t.shape, t.n, 1, 'subtreeExpand'), 100);
      tgt(`fold a ${sub.size}-node subtree (${treeName(t)})`, med('ours', t.shape, t.n, 1, 'subtreeCollapse'), 100);
    }
  }
  for (const s of ['wide', 'bushy']) {
    tgt(`50k expanded (${s}) fitted to the screen, pan frame p95`, med('ours', s, 50000, 1, 'panFitP95'), 33);
    tgt(`50k expanded (${s}) fitted to the screen, zoom frame p95`, med('ours', s, 50000, 1, 'zoomFitP95'), 33);
  }
  for (const t of TREES.filter((x) => x.n >= 10000 && x.shape !== 'chain')) tgt(`scroll to the outline (${treeName(t)}), longest frame`, med('ours', t.shape, t.n, 1, 'outlineScrollMax'), 50);
  tgt('expand all on wide 1k (a 1k "subtree")', med('ours', 'wide', 1000, 1, 'expandAll'), 100);
  tgt('collapse all on wide 1k', med('ours', 'wide', 1000, 1, 'collapseAll'), 100);
  for (const s of ['wide', 'bushy']) tgt(`open a 50k tree (${s}) collapsed to depth ${OPEN_DEPTH}`, med('ours', s, 50000, 1, 'open'), 1000);
  say(`  ${pad('first-load JS of / (all scripts until network idle)', 58)} ${pad(`${fl.totalGzipKB.toFixed(1)} KB`, 12, true)}  <= 170 KB  ${fl.totalGzipKB <= 170 ? 'met' : 'MISSED'}`);
  say(`  ${pad('  of which in the HTML (Next\'s old "First Load JS")', 58)} ${pad(`${fl.htmlGzipKB.toFixed(1)} KB`, 12, true)}  <= 170 KB  ${fl.htmlGzipKB <= 170 ? 'met' : 'MISSED'}`);
  say(`  ${pad('first screen of / interactive (last long task ended)', 58)} ${pad(`${first.median.interactive.toFixed(1)} ms`, 12, true)}  <= 1000 ms  ${verdict(first.median.interactive, 1000)}`);
  say('  at least 10x faster than react-d3-tree at 10k nodes (peer/ours), every figure but layout:');
  for (const s of ['wide', 'bushy']) {
    for (const [key] of METRICS.filter(([k]) => ['open', 'expandAll', 'collapseAll', 'panP95', 'zoomP95', 'panWorkP95', 'zoomWorkP95'].includes(k))) {
      const o = med('ours', s, 10000, 1, key);
      const p = med('peer', s, 10000, 1, key);
      // Frame gaps are whole display frames: their ratio is one of frame counts (medians are kept to 0.01 ms, so
      // 166.67 / 16.67 would read 9.998 for ten frames against one).
      const gap = key === 'panP95' || key === 'zoomP95';
      const r = o && p ? (gap ? Math.round((2 * p) / displayFrameMs) / Math.round((2 * o) / displayFrameMs) : p / o) : null;
      say(`    ${pad(`${s} 10k ${key}`, 26)} ${pad(r === null ? '-' : `${r.toFixed(1)}x`, 8, true)}  ${r === null ? 'no figure' : r >= 10 ? 'met' : 'MISSED'}`);
    }
  }

  say('\nRuns per configuration (fewer than the target, and why)');
  let shortCount = 0;
  for (const c of configs) {
    if (c.runs.length >= RUNS) continue;
    shortCount++;
    const why =
      c.skipped ??
      c.note ??
      (c.budgetCut ? `time budget (${BUDGET_MS / 60000} min) reached` : c.engine === 'peer' && c.n >= 50000 ? `react-d3-tree at 50k: at most ${PEER_50K_RUNS} runs` : 'not run');
    say(`  ${pad(c.engine, 5)} ${pad(treeName(c.t), 14)} ${c.rate}x  ${c.runs.length} run(s): ${why}`);
  }
  if (!shortCount) say(`  none: every configuration had ${RUNS} runs`);
  const cut = configs.flatMap((c) => c.runs.filter((r) => r.pan?.cut || r.zoom?.cut).map(() => `${c.engine} ${treeName(c.t)} ${c.rate}x`));
  if (cut.length) say(`  Gestures cut at ${GESTURE_CAP_MS / 1000} s (slow frames; percentiles over the frames recorded): ${[...new Set(cut)].join(', ')}`);

  say('\nMethod');
  say(`  Fresh browser context per run; CPU throttling via CDP Emulation.setCPUThrottlingRate. Trees from lib/gen/generate (seed 1).`);
  say(`  Times are taken in the page with performance.now(): from the click (a dispatched click event) to the first frame painted after`);
  say(`  the new state reached the DOM: rAF, then a user-blocking scheduler.postTask task posted from that frame, which runs as soon as`);
  say(`  the frame is painted, ahead of tasks the page queued earlier (an engine's own work for after its paint). A MessageChannel message`);
  say(`  posted from the same frame waits behind those (the figure before stop 27): in the JSON as queuedMs / openQueued, with double-rAF.`);
  say(`  Open: Branchpoint mounts the Workspace (persistence off) at initial depth ${OPEN_DEPTH} (what a link with ?depth=${OPEN_DEPTH} opens); the time runs`);
  say(`  to the paint at depth ${OPEN_DEPTH} and excludes data generation. Both engines time the open once the page has settled after`);
  say(`  generating the tree (at least 0.5 s, no long task for 0.3 s, an idle period; react-d3-tree also after its layout measure, before`);
  say(`  the mount). Before stop 32 the open was timed straight after generating; ?settle=0 on either page still does that.`);
  say(`  react-d3-tree: <Tree initialDepth={${OPEN_DEPTH}} orientation="horizontal">, time includes converting the flat list to nested data.`);
  say(`  Expand all (ours): "Expand all" clicked from the collapsed tree; collapse all: "Collapse all" clicked with everything expanded.`);
  say(`  Peer (react-d3-tree has no such API): expand all = unmount (not timed), then mount with initialDepth undefined; collapse all =`);
  say(`  remount with initialDepth 1 from the expanded tree (includes unmounting it). react-d3-tree renders the whole tree on every mount`);
  say(`  before folding it to initialDepth (componentDidMount setState), so its open and collapse times include a full render.`);
  say(`  Subtree: the node whose subtree is closest to ${SUBTREE_TARGET} nodes ([size]); ours: remount with ?node=<id> (selected, so kept in the DOM`);
  say(`  when culled), expand all, then click its toggle to fold and again to unfold. Peer: click the node's circle with everything`);
  say(`  expanded (fold only: react-d3-tree folds all descendants, so unfolding shows one level). Wide trees: no ~1k subtree below`);
  say(`  the root, so expand all / collapse all on wide 1k stand in.`);
  say(`  Pan: 600 px drag in 60 mouse moves; zoom: 30 wheel events (15 out to ~12%, 15 back in; fitted 50k: 15 in, 15 back out, as a`);
  say(`  fitted tree is at the least zoom and a step out of it scrolls the page); each event waits for the browser's`);
  say(`  acknowledgement (input is frame-aligned: one or two frames per event). Frame gaps from a requestAnimationFrame loop, everything`);
  say(`  expanded; a gesture stops sending events after ${GESTURE_CAP_MS / 1000} s (slow engines), keeping the frames recorded so far.`);
  say(`  Frame gaps cannot go below the display's frame (16.7 ms at 60 Hz), so an engine that keeps up shows 16.7 however little`);
  say(`  it does. Each gap is counted in whole display frames (${displayFrameMs.toFixed(3)} ms measured at the start; frames are shown`);
  say(`  only on the display's beat, and the timer's 0.1 ms rounding made one frame read 16.6-16.8): the JSON keeps the raw gaps`);
  say(`  and p95Raw. Dropped frames: Chromium's frame reporter (PipelineReporter trace events, as in DevTools) during the gesture,`);
  say(`  frames with an update that missed the display's beat, as a share of those with an update (shown or dropped).`);
  say(`  Frame work, both engines alike: the time the page's main thread ran tasks between one frame's paint and the next`);
  say(`  (a Chromium trace of its top-level tasks during the gesture; scripts/frame-work.mjs): input, animation callbacks, style,`);
  say(`  layout, paint, and any task in between. Idle time is not in it; rasterising, off the main thread, is not either.`);
  say(`  Layout (ours): layoutTree(indexTree(s), all expanded, treeLayoutOptions(marksOf)) as the tree view calls it, with a fresh sizer, once the page has settled after the open (at least 1 s, no long task for 500 ms; the tree view sizes the cards not shown while the browser is idle, as in the app); (peer): d3 hierarchy()+tree() only, on the idle page before it mounts. Both engines settle after the open before expand all.`);
  say(`  Layout from nothing (ours, every kept measurement forgotten first), median ms: ${configs.filter((c) => c.engine === 'ours' && c.rate === 1).map((c) => `${treeName(c.t)} ${c.summary?.median?.layoutCold ?? '-'}`).join(', ')}`);
  say(`  A step that times out (> ${STEP_TIMEOUT / 1000} s) or crashes ends that configuration (later figures: "not reached"); a tree that`);
  say(`  fails to open at 1x is not run at 4x; react-d3-tree at 50k nodes is run at 1x only, at most ${PEER_50K_RUNS} times. Every configuration`);
  say(`  gets one run, then more (up to ${RUNS}) while the ${BUDGET_MS / 60000} min budget lasts (BENCH_BUDGET_MIN): 1x first, then 4x, then react-d3-tree at 50k.`);
  say(`  The machine is shared: other processes may add noise; medians damp it.`);
  const elapsed = Math.round((Date.now() - started) / 1000);
  say(`\nTotal time ${Math.floor(elapsed / 60)} min ${elapsed % 60} s.`);
  const text = lines.join('\n');
  console.log(text);

  // ---------------------------------------------------------------- JSON
  writeResults({
    ...head,
    runsPerConfig: RUNS,
    budgetMinutes: BUDGET_MS / 60000,
    gestureCapMs: GESTURE_CAP_MS,
    stepTimeoutMs: STEP_TIMEOUT,
    viewport: VIEWPORT,
    openDepth: OPEN_DEPTH,
    subtreeTarget: SUBTREE_TARGET,
    firstLoadJs: fl,
    firstScreen: first,
    configs: configs.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 't'))),
    report: text,
    elapsedSeconds: elapsed,
  });
}

function writeResults(json) {
  mkdirSync('bench-results', { recursive: true });
  const stamp = json.date.replace(/[:]/g, '-').replace(/\..*/, '');
  const file = `bench-results/bench-${stamp}.json`;
  writeFileSync(file, JSON.stringify(json, null, 1));
  writeFileSync('bench-results/latest.json', JSON.stringify(json, null, 1));
  console.log(`\nWrote ${file} and bench-results/latest.json`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
