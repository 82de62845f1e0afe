import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const LAUNCH = JSON.parse(readFileSync(new URL('./chromium.json', import.meta.url), 'utf8'));
const runs = Number(process.env.N ?? 7);
const trees = (process.argv[2] ?? 'bushy-1000,bushy-10000,wide-10000').split(',');
const engine = process.env.ENGINE ?? '';
const ports = (process.env.PORTS ?? '3202,3201').split(',');
const browser = await chromium.launch(LAUNCH);
for (const t of trees) {
  const [sh, n] = t.split('-'); const all = Object.fromEntries(ports.map((p) => [p, []])); let extra = '';
  for (let r = 0; r < runs; r++) for (const port of ports) { const xs = all[port];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    if (process.env.CDP) await context.newCDPSession(page);
    await page.goto(`http://127.0.0.1:${port}/bench${engine}?shape=${sh}&n=${n}&seed=1&depth=3`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench && window.__bench.status !== 'loading', null, { timeout: 60000, polling: process.env.CDP ? 200 : 'raf' });
    const b = await page.evaluate(() => ({ ms: window.__bench.openMs, q: window.__bench.openQueuedMs, ins: window.__bench.openDomInserted, rendered: window.__bench.renderedCount?.() }));
    xs.push(b.ms); (all[port+'q'] ??= []).push(b.q); extra = `ins ${b.ins} rendered ${b.rendered}`;
    await context.close();
  }
  for (const port of [...ports, ...ports.map((p) => p + 'q')]) { const xs = all[port].sort((a, b) => a - b);
  console.log(t, port, 'median', xs[Math.floor(xs.length / 2)], 'all', xs.join(' ')); }
}
await browser.close();
