// Takes screenshots of the running app in headless Chromium.
// Usage: node scripts/screenshot.mjs [url] [out.png] [width] [height] [clicks...]
import { chromium } from '@playwright/test';

const [url = 'http://127.0.0.1:3000/', out = 'docs/screenshot.png', w = '1440', h = '900', ...actions] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(url, { waitUntil: 'networkidle' });
for (const a of actions) {
  if (a.startsWith('click:')) await page.click(a.slice(6));
  else if (a.startsWith('wait:')) await page.waitForTimeout(Number(a.slice(5)));
  else if (a.startsWith('key:')) await page.keyboard.press(a.slice(4));
  else if (a.startsWith('type:')) await page.keyboard.type(a.slice(5));
}
await page.waitForTimeout(600);
await page.screenshot({ path: out, fullPage: false });
if (errors.length) console.log('console errors:', errors);
await browser.close();
console.log('wrote', out);
