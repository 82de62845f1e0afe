import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const LAUNCH = JSON.parse(readFileSync(new URL('./chromium.json', import.meta.url), 'utf8'));
const browser = await chromium.launch(LAUNCH);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:3203/', { waitUntil: 'networkidle' });
for (const t of process.argv.slice(2)) {
  await page.getByTestId(`text-tab-${t}`).click();
  await page.getByTestId(`text-tab-${t}`).scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollBy(0, 0));
  const el = await page.locator(`[role=tabpanel]:visible`).first();
  await el.screenshot({ path: `/tmp/tab-${t}.png` });
}
await browser.close();
