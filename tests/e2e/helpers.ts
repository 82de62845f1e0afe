import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Opens the app and waits until the client has hydrated the store (and loaded saved work). */
export async function openApp(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('svg.tree-svg[data-zoom-ready="true"]')).toHaveCount(1, { timeout: 20_000 });
}

/** The tree item for a node id. */
export function treeItem(page: Page, id: string) {
  return page.locator(`[role="treeitem"][data-node-id="${id}"]`);
}

/** Fails on any serious or critical axe violation. */
export async function expectNoSeriousA11yViolations(page: Page, context = '') {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(report, `axe violations ${context}`).toEqual([]);
}

export const OPTION_IDS = {
  wait: 'wait-for-taliban',
  strike: 'kunar-strike',
  hedge: 'hedge-like-russia',
  cities: 'fight-in-towns',
} as const;
