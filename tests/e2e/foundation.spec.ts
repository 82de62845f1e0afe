import { test, expect } from '@playwright/test';
import { openApp, expectNoA11yViolations, OPTION_IDS, checkDialog } from './helpers';

test.describe('first screen', () => {
  test('the server-rendered page already holds the title, question and outline with quotes', async ({ request }) => {
    const res = await request.get('/');
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain('Pakistan’s response to the TTP sanctuary in Taliban-led Afghanistan');
    expect(html).toContain('Outline of the decision');
    expect(html).toContain('Strike the TTP leadership in Kunar');
    // A verbatim quote with its paragraph number, curly apostrophe and all.
    expect(html).toContain('TTP is Pakistan’s problem, not ours');
    expect(html).toMatch(/¶(&nbsp;|\u00a0)11/);
    // No external resources: every script and stylesheet is served by the app itself.
    const external = [...html.matchAll(/(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(external).toEqual([]);
  });

  test('shows the scenario, its three courses and the hedge’s options, and their quotes with paragraph numbers', async ({ page }) => {
    await openApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pakistan’s response to the TTP sanctuary in Taliban-led Afghanistan');
    await expect(page.locator('.question')).toContainText('How should Pakistan respond');
    const outline = page.locator('#panel-outline');
    for (const title of [
      'Wait for the Afghan Taliban to act against the TTP',
      'Plan for the worst case: a hedge, up to kinetic action against the TTP in Kunar',
      'Strike the TTP leadership in Kunar, on the model of Turkey’s Operation Peace Spring',
      'Hedge against the Taliban, as Russia does',
      'Fight the TTP inside Pakistan’s towns and cities',
    ]) {
      await expect(outline.getByRole('link', { name: title, exact: true })).toBeVisible();
    }
    // Each option carries at least one quote with a paragraph number.
    for (const id of Object.values(OPTION_IDS)) {
      const item = page.locator(`#outline-${id}`);
      await expect(item.locator('.quotes q').first()).toBeVisible();
      await expect(item.locator('.para').first()).toHaveText(/¶\s\d+/);
    }
    await expect(outline.locator('q', { hasText: 'Islamabad should seriously consider going after the TTP in Kunar.' }).first()).toBeVisible();
  });

  test('the outline is reachable and usable by keyboard, and clicking a branch in it selects it in the tree', async ({ page }) => {
    await openApp(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to the text outline' })).toBeFocused();
    const link = page.locator('#panel-outline').getByRole('link', { name: 'Hedge against the Taliban, as Russia does' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/node=hedge-like-russia/);
    await expect(page.locator('[role="treeitem"][data-node-id="hedge-like-russia"]')).toHaveAttribute('aria-selected', 'true');
  });

  test('prints the outline without the interactive chrome', async ({ page }) => {
    await openApp(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.work')).toBeHidden();
    await expect(page.locator('#panel-outline')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('has no serious accessibility violations', async ({ page }) => {
    await openApp(page);
    await expectNoA11yViolations(page, 'on the first screen');
  });

  test('loads without console errors or failed requests', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
    await openApp(page);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
});

test.describe('header commands and dialogs', () => {
  test('new, reset and delete each confirm in a dialog with its own title id, passing axe; Escape closes it and gives focus back', async ({ page }) => {
    await openApp(page, '/?node=kunar-strike');
    // A built-in scenario as it ships: nothing to reset or delete.
    await expect(page.getByTestId('scenario-reset')).toHaveCount(0);
    await expect(page.getByTestId('scenario-delete')).toHaveCount(0);
    await page.getByTestId('scenario-new').click();
    await expect(page.getByTestId('new-title')).toBeFocused();
    await checkDialog(page, 'confirm-new', page.getByTestId('scenario-new'));

    // The first edit makes a working copy: it can be reset.
    await page.getByTestId('inspector').getByTestId('stance-favoured').check();
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    await page.getByTestId('scenario-reset').click();
    await checkDialog(page, 'confirm-reset', page.getByTestId('scenario-reset'));

    // A duplicate is the user's own: it can be deleted.
    await page.getByTestId('scenario-duplicate').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('(copy)');
    await page.getByTestId('scenario-delete').click();
    await checkDialog(page, 'confirm-delete', page.getByTestId('scenario-delete'));

    // Confirmed, New makes and opens a scenario with that question as its title.
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('new-title').fill('Should we build the bridge?');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('confirm-new')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Should we build the bridge?');
  });

  test('undo and redo announce their shortcuts, and are disabled with nothing to undo or redo', async ({ page }) => {
    await openApp(page);
    const undo = page.getByTestId('history-undo');
    const redo = page.getByTestId('history-redo');
    await expect(undo).toHaveAttribute('aria-keyshortcuts', 'Control+Z');
    await expect(undo).toHaveAttribute('title', 'Undo (Ctrl+Z)');
    await expect(redo).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+Z Control+Y');
    await expect(undo).toBeDisabled();
    await expect(redo).toBeDisabled();
  });
});
