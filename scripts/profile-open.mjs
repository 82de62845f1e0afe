// Profile of opening a page of the app (CPU profile through the Chrome DevTools protocol).
//   BENCH_URL=http://127.0.0.1:3200 node scripts/profile-open.mjs [path] [--rate=1] [--top=25] [--out=file.cpuprofile]
//     [--before=expandAll] [--action=collapseAll]   (/bench only: profile one timed step of window.__bench instead of the open)
//     [--before=expandAll] [--gesture=pan|zoom]     (/bench only: profile the benchmark's drag or wheel gesture, with its frame gaps)
// Default path: /bench?shape=bushy&n=1000&seed=1&depth=3. Records from navigation to the first paint of the
// tree plus the quiet that follows (no long task for 300 ms), then prints: the time to the first tree item,
// to interactive (last long task ended), the long tasks, and the functions with most self time and most
// total time (by bundle file), so the cost of opening a tree can be attributed.
/* global window, PerformanceObserver, performance, setTimeout, requestAnimationFrame */
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const BASE = (process.env.BENCH_URL ?? 'http://127.0.0.1:3200').replace(/\/$/, '');
const args = process.argv.slice(2);
const flag = (name, d) => args.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? d;
const path = args.find((a) => !a.startsWith('--')) ?? '/bench?shape=bushy&n=1000&seed=1&depth=3';
const RATE = Number(flag('rate', '1'));
const TOP = Number(flag('top', '25'));
const OUT = flag('out', '');
const BEFORE = flag('before', '');
const ACTION = flag('action', '');
const GESTURE = flag('gesture', '');
const LAUNCH = JSON.parse(readFileSync(new URL('./chromium.json', import.meta.url), 'utf8'));

const browser = await chromium.launch(LAUNCH);
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
await context.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__long.push({ start: e.startTime, dur: e.duration });
  }).observe({ type: 'longtask', buffered: true });
});
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
if (RATE !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
if (!ACTION && !GESTURE) await cdp.send('Profiler.start');
await page.goto(`${BASE}${path}`, { waitUntil: 'load' });
await page.waitForSelector('[role="treeitem"]', { timeout: 60_000 });
let firstItem = await page.evaluate(() => performance.now());
let measure = null;
if (ACTION) {
  await page.waitForFunction(() => window.__bench && window.__bench.status === 'ready', null, { timeout: 60_000 });
  if (BEFORE) await page.evaluate((b) => window.__bench[b](), BEFORE);
  await page.waitForTimeout(1000);
  await page.evaluate(() => (window.__long.length = 0));
  await cdp.send('Profiler.start');
  firstItem = await page.evaluate(() => performance.now());
  measure = await page.evaluate((a) => window.__bench[a](), ACTION);
}
let gaps = null;
if (GESTURE) {
  // The benchmark's own gestures (scripts/bench.mjs frameGaps): a 600 px drag in 60 moves, or 30 wheel steps.
  await page.waitForFunction(() => window.__bench && window.__bench.status === 'ready', null, { timeout: 60_000 });
  if (BEFORE) await page.evaluate((b) => window.__bench[b](), BEFORE);
  await page.waitForSelector('svg.tree-svg[data-zoom-ready="true"]', { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const box = await page.locator('svg.tree-svg').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.evaluate(() => (window.__long.length = 0));
  await cdp.send('Profiler.start');
  firstItem = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.__bench.startFrames());
  if (GESTURE === 'pan') {
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(cx - i * 8, cy - i * 6);
    await page.mouse.up();
  } else for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i < 15 ? 100 : -100);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  gaps = await page.evaluate(() => window.__bench.stopFrames());
}
// Quiet: no long task for 300 ms (or 8 s at most).
await page.evaluate(
  () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const tick = () => {
        const last = window.__long.at(-1);
        const lastEnd = last ? last.start + last.dur : 0;
        if (performance.now() - Math.max(lastEnd, t0) > 300 || performance.now() - t0 > 8000) resolve();
        else setTimeout(tick, 50);
      };
      tick();
    }),
);
const { profile } = await cdp.send('Profiler.stop');
const info = await page.evaluate(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paints = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
  const bench = window.__bench ? { openMs: window.__bench.openMs, firstPaintMs: window.__bench.firstPaintMs, status: window.__bench.status } : null;
  return { long: window.__long, domContentLoaded: nav?.domContentLoadedEventEnd, load: nav?.loadEventEnd, paints, bench };
});
await browser.close();
if (OUT) writeFileSync(OUT, JSON.stringify(profile));

// Self and total time per function (by its call frame), from the samples.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const hits = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  hits.set(profile.samples[i], (hits.get(profile.samples[i]) ?? 0) + dt);
}
const keyOf = (n) => {
  const f = n.callFrame;
  const file = f.url ? f.url.replace(BASE, '').replace(/\?.*/, '') : '';
  return `${f.functionName || '(anonymous)'}  ${file}${file ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
};
const self = new Map();
const total = new Map();
for (const [id, ms] of hits) {
  const n = byId.get(id);
  self.set(keyOf(n), (self.get(keyOf(n)) ?? 0) + ms);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) {
    const k = keyOf(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + ms);
  }
}
const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
const longs = info.long.filter((l) => l.start < firstItem + 10_000);
const lastEnd = longs.reduce((m, l) => Math.max(m, l.start + l.dur), 0);
console.log(`${path} at ${RATE}x CPU${ACTION ? `, profiling ${ACTION}${BEFORE ? ` after ${BEFORE}` : ''}: ${measure?.ms?.toFixed(1)} ms to paint` : ''}`);
console.log(`  first tree item seen ${firstItem.toFixed(0)} ms; first contentful paint ${info.paints['first-contentful-paint']?.toFixed(0) ?? '-'} ms; DOMContentLoaded ${info.domContentLoaded?.toFixed(0)} ms; load ${info.load?.toFixed(0)} ms`);
if (info.bench) console.log(`  bench: open ${info.bench.openMs} ms, first paint ${info.bench.firstPaintMs} ms (from generation end)`);
console.log(`  interactive (last long task ended): ${lastEnd.toFixed(0)} ms; long tasks: ${longs.map((l) => `${l.start.toFixed(0)}+${l.dur.toFixed(0)}`).join(', ')}`);
if (gaps) {
  const sorted = [...gaps].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  console.log(`  ${GESTURE}: ${gaps.length} frames, p50 ${pct(50)?.toFixed(1)} ms, p95 ${pct(95)?.toFixed(1)} ms; gaps over 17 ms: ${gaps.filter((g) => g > 17).map((g) => g.toFixed(0)).join(', ')}`);
}
console.log(`\nSelf time (top ${TOP}):\n${fmt(self)}`);
console.log(`\nTotal time (top ${TOP}):\n${fmt(total)}`);
