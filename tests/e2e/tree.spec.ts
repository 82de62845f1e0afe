import { test, expect, type Page } from '@playwright/test';
import { openApp, treeItem, expectNoA11yViolations } from './helpers';

const ROOT = 'pakistan-ttp-response';

async function boxCentre(page: Page, id: string) {
  const b = await treeItem(page, id).locator('rect.card').boundingBox();
  if (!b) throw new Error(`no box for ${id}`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** The tree's current scale, from the scene's transform. */
async function sceneScale(page: Page): Promise<number> {
  const t = (await page.locator('svg.tree-svg g.scene').getAttribute('transform')) ?? '';
  return Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1] ?? NaN);
}

test.describe('tree explorer', () => {
  test('opens at a sensible depth with the ARIA tree pattern', async ({ page }) => {
    await openApp(page);
    const tree = page.getByRole('tree', { name: 'Decision tree' });
    await expect(tree).toBeVisible();
    const root = treeItem(page, ROOT);
    await expect(root).toHaveAttribute('aria-level', '1');
    await expect(root).toHaveAttribute('aria-expanded', 'true');
    await expect(root).toHaveAttribute('tabindex', '0');
    const strike = treeItem(page, 'kunar-strike');
    await expect(strike).toHaveAttribute('aria-level', '2');
    await expect(strike).toHaveAttribute('aria-posinset', '2');
    await expect(strike).toHaveAttribute('aria-setsize', '3');
    await expect(strike).toHaveAttribute('tabindex', '-1');
    // Options' consequences are visible; deeper levels start folded.
    await expect(treeItem(page, 'hedge-extent')).toBeVisible();
    await expect(treeItem(page, 'strike-approved')).toHaveCount(0);
    // Badges count assumptions, risks and indicators.
    await expect(strike).toHaveAccessibleDescription(/\d+ assumptions/);
  });

  test('expands and collapses by mouse: toggles, expand all, collapse all, depth', async ({ page }) => {
    await openApp(page);
    await treeItem(page, 'hedge-extent').locator('[data-toggle]').click();
    await expect(treeItem(page, 'strike-approved')).toBeVisible();
    await expect(treeItem(page, 'hedge-extent')).toHaveAttribute('aria-expanded', 'true');
    await treeItem(page, 'kunar-strike').locator('[data-toggle]').click();
    await expect(treeItem(page, 'hedge-extent')).toHaveCount(0);
    await expect(treeItem(page, 'kunar-strike')).toHaveAttribute('aria-expanded', 'false');

    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(treeItem(page, 'taliban-contain-ttp')).toBeVisible();
    await expect(page.locator('[role="treeitem"]')).toHaveCount(18);

    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(page.locator('[role="treeitem"]')).toHaveCount(4);

    await page.getByLabel('Expand to depth').selectOption('3');
    await expect(treeItem(page, 'strike-approved')).toBeVisible();
    await expect(treeItem(page, 'strike-removes-leaders')).toHaveCount(0);
  });

  test('walks the tree by keyboard: arrows, Home, End, type-ahead, Enter', async ({ page }) => {
    await openApp(page);
    await treeItem(page, ROOT).focus();
    await page.keyboard.press('ArrowDown');
    await expect(treeItem(page, 'wait-for-taliban')).toBeFocused();
    await page.keyboard.press('ArrowLeft'); // collapse
    await expect(treeItem(page, 'wait-for-taliban')).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowRight'); // expand
    await expect(treeItem(page, 'wait-for-taliban')).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight'); // first child
    await expect(treeItem(page, 'taliban-act-on-ttp')).toBeFocused();
    await expect(treeItem(page, 'taliban-act-on-ttp')).toHaveAttribute('tabindex', '0');
    await expect(treeItem(page, 'wait-for-taliban')).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('ArrowRight'); // expand the chance node
    await expect(treeItem(page, 'assurances-backed-by-action')).toBeVisible();
    await page.keyboard.press('ArrowLeft'); // collapse it again
    await expect(treeItem(page, 'assurances-backed-by-action')).toHaveCount(0);
    await page.keyboard.press('ArrowLeft'); // to the parent
    await expect(treeItem(page, 'wait-for-taliban')).toBeFocused();
    await page.keyboard.press('End');
    await expect(treeItem(page, 'continuing-army-losses')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(treeItem(page, ROOT)).toBeFocused();
    await page.keyboard.type('how f');
    await expect(treeItem(page, 'hedge-extent')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(treeItem(page, 'hedge-extent')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('inspector-title')).toHaveText('How far does Pakistan take its hedge?');
    await expect(page).toHaveURL(/\?node=hedge-extent$/);
    // Focus is visible: the focused card gets the focus outline colour.
    const stroke = await treeItem(page, 'hedge-extent').locator('rect.card').evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).toBe('rgb(255, 159, 28)');
  });

  test('search finds an assumption, expands its branch, selects and centres it', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Collapse all' }).click();
    const box = page.getByRole('combobox', { name: /Search/ });
    await box.fill('oath of allegiance');
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect(options.first()).toContainText('oath of allegiance');
    await box.press('Enter');
    const target = treeItem(page, 'taliban-contain-ttp');
    await expect(target).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/node=taliban-contain-ttp/);
    // Centred: after the animation the node sits near the middle of the canvas.
    await page.waitForTimeout(600);
    const canvas = await page.locator('.tree-canvas').boundingBox();
    const c = await boxCentre(page, 'taliban-contain-ttp');
    expect(Math.abs(c.x - (canvas!.x + canvas!.width / 2))).toBeLessThan(40);
    expect(Math.abs(c.y - (canvas!.y + canvas!.height / 2))).toBeLessThan(40);
  });

  test('a deep link opens the same place, and survives a reload', async ({ page }) => {
    await openApp(page, '/?node=strike-fails-to-contain');
    const target = treeItem(page, 'strike-fails-to-contain');
    await expect(target).toBeVisible();
    await expect(target).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('inspector-title')).toHaveText('The TTP is not contained: a “can” of ¶27 does not come true');
    await page.reload();
    await expect(treeItem(page, 'strike-fails-to-contain')).toHaveAttribute('aria-selected', 'true');
  });

  test('a link with ?depth= opens the tree to that depth, and the node it names inside it', async ({ page }) => {
    // A depth that is not one is ignored: the default depth, the root, its options and their branches.
    await openApp(page, '/?depth=-4');
    await expect(page.locator('[role="treeitem"]')).toHaveCount(10);
    await expect(page.getByLabel('Expand to depth')).toHaveValue('2');
    await openApp(page, '/?depth=1');
    // The root and its three options, nothing deeper; the depth selector says so.
    await expect(page.locator('[role="treeitem"]')).toHaveCount(4);
    await expect(page.getByLabel('Expand to depth')).toHaveValue('1');
    await openApp(page, '/?depth=5');
    await expect(page.locator('[role="treeitem"]')).toHaveCount(18);
    // A node named too is revealed inside the depth asked for.
    await openApp(page, '/?depth=0&node=strike-fails-to-contain');
    await expect(treeItem(page, 'strike-fails-to-contain')).toHaveAttribute('aria-selected', 'true');
    await expect(treeItem(page, 'strike-fails-to-contain')).toBeVisible();
    expect(await page.locator('[role="treeitem"]').count()).toBeLessThan(18);
  });

  test('"/" focuses the search from the tree, and is typed as text inside a field', async ({ page }) => {
    await openApp(page);
    await treeItem(page, ROOT).click();
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: /Search/ });
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('');
    await box.pressSequentially('a/b');
    await expect(box).toHaveValue('a/b');
  });

  test('zoom buttons, fit and centre move the view', async ({ page }) => {
    await openApp(page);
    const level = page.locator('.zoom-level');
    const before = await level.textContent();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(level).not.toHaveText(before!);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Fit' }).click();
    await treeItem(page, 'fight-in-towns').click();
    await page.getByRole('button', { name: 'Centre' }).click();
    await page.waitForTimeout(600);
    const canvas = await page.locator('.tree-canvas').boundingBox();
    const c = await boxCentre(page, 'fight-in-towns');
    expect(Math.abs(c.y - (canvas!.y + canvas!.height / 2))).toBeLessThan(40);
  });

  test('quick zoom clicks add up, about the selection', async ({ page }) => {
    await openApp(page);
    await treeItem(page, 'kunar-strike').click();
    const k0 = await sceneScale(page);
    const before = await boxCentre(page, 'kunar-strike');
    const out = (await page.getByRole('button', { name: 'Zoom out' }).boundingBox())!;
    // Five quick clicks with the mouse: each lands while the last zoom is still animating.
    for (let i = 0; i < 5; i++) await page.mouse.click(out.x + out.width / 2, out.y + out.height / 2);
    await expect(page.locator('.zoom-level')).toHaveText(`${Math.round(k0 * 0.8 ** 5 * 100)}%`);
    await expect.poll(() => sceneScale(page)).toBeCloseTo(k0 * 0.8 ** 5, 3);
    // The selection stayed where it was on screen.
    const after = await boxCentre(page, 'kunar-strike');
    expect(Math.abs(after.x - before.x)).toBeLessThan(3);
    expect(Math.abs(after.y - before.y)).toBeLessThan(3);
  });

  test('quick zoom clicks add up on a slow machine too (CPU slowed 6 times: frames lag behind the clicks)', async ({ page }) => {
    await openApp(page);
    await treeItem(page, 'kunar-strike').click();
    await expect(page.locator('svg.tree-svg[data-zoom-ready="true"]')).toHaveCount(1);
    const k0 = await sceneScale(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    const out = (await page.getByRole('button', { name: 'Zoom out' }).boundingBox())!;
    for (let i = 0; i < 5; i++) {
      await page.mouse.click(out.x + out.width / 2, out.y + out.height / 2);
      // A person's pace on a busy machine: each click lands while the last zoom is still under way.
      await page.waitForTimeout(120);
    }
    await expect.poll(() => sceneScale(page), { timeout: 20_000 }).toBeCloseTo(k0 * 0.8 ** 5, 3);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  });

  test('the minimap shows the view and moves it; the depth selector shows the depth', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('depth-select')).toHaveValue('2');
    // With the whole tree in view there is no minimap; expanded and zoomed in, part of it is out of view.
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect(page.getByTestId('minimap')).toBeHidden();
    await page.getByRole('button', { name: 'Expand all' }).click();
    // The deepest branch (the strike's outcomes) is five levels below the question.
    await expect(page.getByTestId('depth-select')).toHaveValue('5');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const minimap = page.getByTestId('minimap').locator('svg');
    await expect(minimap).toBeVisible();
    const view = page.locator('.minimap-view');
    // Let the zoom animation end: the view's rectangle stops changing.
    let last = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await view.boundingBox());
        const still = now === last;
        last = now;
        return still;
      }, { intervals: [200] })
      .toBe(true);
    const box = (await minimap.boundingBox())!;
    const root = await boxCentre(page, ROOT);
    // Press near the minimap's right edge: the view moves there (the root, at the left, goes left).
    await page.mouse.click(box.x + box.width - 12, box.y + box.height / 2);
    await expect.poll(async () => (await boxCentre(page, ROOT)).x).toBeLessThan(root.x - 100);
    await expect
      .poll(async () => {
        const v = (await view.boundingBox())!;
        return Math.abs(v.x + v.width / 2 - (box.x + box.width - 12));
      })
      .toBeLessThan(3);
    // Drag to the left edge: the view follows.
    await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await boxCentre(page, ROOT)).x).toBeGreaterThan(root.x - 100);

    // The map covers the tree's corner: its Map button hides it (a toggle), and shows it again with the view on it.
    const toggle = page.getByRole('button', { name: 'Map' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const placed = JSON.stringify(await view.boundingBox());
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('minimap')).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(minimap).toBeVisible();
    expect(JSON.stringify(await view.boundingBox())).toBe(placed);
    // With the whole tree in view, neither the map nor its button shows.
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect(toggle).toBeHidden();
    await expectNoA11yViolations(page, 'tree with the minimap toggled');
  });

  test('Escape, or a click on empty canvas, returns to the scenario overview', async ({ page }) => {
    await openApp(page);
    await treeItem(page, 'kunar-strike').click();
    await expect(page.getByTestId('inspector-title')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('inspector-overview')).toBeVisible();
    await expect(page).not.toHaveURL(/node=/);
    await treeItem(page, 'kunar-strike').click();
    await expect(page.getByTestId('inspector-title')).toBeVisible();
    const canvas = (await page.locator('.tree-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + 12, canvas.y + 12);
    await expect(page.getByTestId('inspector-overview')).toBeVisible();
  });

  test('drag pans and the wheel zooms', async ({ page }) => {
    await openApp(page);
    const before = await boxCentre(page, ROOT);
    const canvas = (await page.locator('.tree-canvas').boundingBox())!;
    // A pan leaves the zoom level's text alone: written again at every frame, even the same, it laid the page out again.
    await page.locator('.zoom-level').evaluate((el) => {
      const w = window as unknown as { __labelWrites: number };
      w.__labelWrites = 0;
      new MutationObserver((records) => (w.__labelWrites += records.length)).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.mouse.move(canvas.x + canvas.width - 60, canvas.y + 40);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 160, canvas.y + 100, { steps: 5 });
    await page.mouse.up();
    const after = await boxCentre(page, ROOT);
    expect(Math.round(after.x - before.x)).toBe(-100);
    expect(await page.evaluate(() => (window as unknown as { __labelWrites: number }).__labelWrites)).toBe(0);
    const level = await page.locator('.zoom-level').textContent();
    await page.mouse.wheel(0, -300);
    await expect(page.locator('.zoom-level')).not.toHaveText(level!);
    // Card text is scaled with the view, not laid out again in a new font at every zoom step (app/globals.css).
    await expect(page.locator('svg.tree-svg [role="treeitem"] text.label').first()).toHaveCSS('text-rendering', 'geometricprecision');
  });

  test('the wheel over the tree never scrolls the page, even at the zoom’s limits', async ({ page }) => {
    await openApp(page);
    const canvas = (await page.locator('.tree-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    // The page is taller than the window (the text views are below), so a wheel let through would scroll it.
    expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
    const level = page.locator('.zoom-level');
    let last = '';
    // Out to the least zoom, then on past it.
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 600);
      const now = (await level.textContent()) ?? '';
      if (now === last && i > 10) break;
      last = now;
    }
    // A new wheel gesture at the limit (d3-zoom ends a gesture 150 ms after its last wheel).
    await page.waitForTimeout(400);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(250);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // And in past the greatest.
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, -600);
    await page.waitForTimeout(400);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -600);
      await page.waitForTimeout(250);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(level).toHaveText(/\d+%/);
  });

  test('animations are off when the user prefers reduced motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page);
    const t = await treeItem(page, ROOT).evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(t.split(',').every((d) => d.trim() === '0s')).toBe(true);
  });

  test('has no serious accessibility violations with a node selected and all expanded', async ({ page }) => {
    await openApp(page, '/?node=kunar-strike');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expectNoA11yViolations(page, 'tree + inspector');
  });
});
