/**
 * The source beside the tree: the reader opens from the header command and
 * from any "¶ N" (landing at that paragraph with the quote marked), its
 * citing chips select branches on the tree, Escape closes it and returns
 * focus; the quote check offers the nearest passage for a quote with a typo,
 * and flags a quote kept as written. Screenshots at 1280x800 and 900x800.
 */
import { test, expect, type Page } from '@playwright/test';
import { openApp, treeItem, expectNoA11yViolations, duplicateIds } from './helpers';

const reader = (page: Page) => page.getByTestId('reader-panel');
const para = (page: Page, n: number) => reader(page).locator(`li[data-paragraph="${n}"]`);

/** The paragraph's top is inside the reader's scrolling body. */
async function inView(page: Page, n: number) {
  return page.evaluate((n) => {
    const body = document.querySelector('.reader-body')!.getBoundingClientRect();
    const p = document.querySelector(`.reader-body li[data-paragraph="${n}"]`)!.getBoundingClientRect();
    return p.top >= body.top - 1 && p.top < body.bottom;
  }, n);
}

test.describe('source reader', () => {
  // axe over the whole page is slow on a loaded machine.
  test.describe.configure({ timeout: 240_000 });
  test('opens from the header beside the tree, marks every quote, closes with Escape and returns focus', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page);
    const button = page.getByRole('button', { name: 'Open source reader' });
    await button.click();
    await expect(reader(page)).toBeVisible();
    await expect(reader(page).getByRole('heading', { level: 2 })).toHaveText('Taliban’s TTP conundrum and Pakistan’s strategic weariness');
    await expect(reader(page).locator('li[data-paragraph]')).toHaveCount(35);
    expect(await reader(page).locator('mark').count()).toBeGreaterThan(40);
    // Beside the tree, not over it.
    const tree = await page.locator('.tree-wrap').boundingBox();
    const box = await reader(page).boundingBox();
    expect(tree && box && box.x >= tree.x + tree.width - 1).toBe(true);
    await expect(page.locator('svg.tree-svg')).toBeVisible();
    expect(await duplicateIds(page)).toEqual([]);
    await expectNoA11yViolations(page, 'with the reader open');
    await page.screenshot({ path: '/tmp/reader-1280.png' });

    await page.keyboard.press('Escape');
    await expect(reader(page)).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  test('a branch’s “¶ N” opens the reader at that paragraph, the quote marked; a citing chip selects its branch', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, '/?node=kunar-strike');
    const quote = page.getByTestId('inspector').getByTestId('quote-p35-go-after-kunar');
    const link = quote.getByRole('button', { name: /^Open the source at \(¶\s35\)/ });
    await link.click();
    await expect(para(page, 35)).toHaveClass(/is-target/);
    await expect(para(page, 35)).toBeFocused();
    expect(await inView(page, 35)).toBe(true);
    await expect(para(page, 35).locator('mark', { hasText: 'Islamabad should seriously consider going after the TTP in Kunar.' })).toBeVisible();
    // Beside the paragraph: the branches and records citing it.
    await expect(para(page, 35).getByTestId('reader-cite-nodes-kunar-strike')).toBeVisible();
    await expect(para(page, 35).getByTestId('reader-cite-assumptions-erdogan-level-will-needed')).toBeVisible();

    await para(page, 35).getByTestId('reader-cite-nodes-strike-approved').click();
    await expect(treeItem(page, 'strike-approved')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('inspector')).toContainText('political will');
    // An assumption's chip selects a branch resting on it.
    await para(page, 35).getByTestId('reader-cite-assumptions-decapitation-enables-containment').click();
    await expect(treeItem(page, 'strike-removes-leaders')).toHaveAttribute('aria-selected', 'true');

    // Escape returns focus to the "¶ 35" that opened it... which is still there on the reselected branch.
    await para(page, 35).focus();
    await page.keyboard.press('Escape');
    await expect(reader(page)).toHaveCount(0);

    // The outline's "¶ N" opens it too.
    await page.locator('#panel-outline').getByRole('button', { name: /^Open the source at \(¶\s22\)/ }).first().click();
    await expect(para(page, 22)).toHaveClass(/is-target/);
    expect(await inView(page, 22)).toBe(true);
  });

  test('a quote with a typo: the nearest passage is offered and used, then verified; a kept wording stays flagged', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, '/?node=kunar-strike');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('add-evidence-node-kunar-strike').click();
    const input = insp.getByTestId('evidence-quote-input');
    await input.fill('Wiping the top leadership making it easy for the Afghan Talban to contain');
    const check = insp.getByTestId('quote-check');
    await expect(check).toHaveAttribute('data-status', 'near');
    await expect(check).toContainText('¶\u00a035');
    await expect(insp.getByTestId('quote-check-passage')).toHaveText('Wiping the top leadership making it easy for the Afghan Taliban to contain.');
    await expectNoA11yViolations(page, 'quote check offering a passage');
    await insp.getByTestId('quote-check-use').click();
    await expect(input).toHaveValue('Wiping the top leadership making it easy for the Afghan Taliban to contain.');
    await expect(insp.getByTestId('evidence-paragraph-input')).toHaveValue('35');
    await expect(check).toHaveAttribute('data-status', 'exact');
    await expect(check).toContainText('Verified');
    await insp.getByTestId('evidence-save').click();
    const saved = insp.getByTestId(/^quote-ev-35-wiping/);
    await expect(saved).toBeVisible();
    await expect(saved.getByTestId('quote-flag')).toHaveCount(0);

    // Kept as written: saved, and flagged where it is shown.
    await insp.getByTestId('add-evidence-node-kunar-strike').click();
    await input.fill('Pakistan lacks the will of Erdogan');
    await insp.getByTestId('evidence-paragraph-input').fill('35');
    await expect(check).toHaveAttribute('data-status', /near|none/);
    await insp.getByTestId('evidence-save').click();
    const kept = insp.locator('.insp-quote', { hasText: 'Pakistan lacks the will of Erdogan' });
    await expect(kept.getByTestId('quote-flag')).toBeVisible();
    // In the reader, the quote cited at ¶ 35 but not in its text is flagged there.
    await kept.getByRole('button', { name: /^Open the source at \(¶\s35\)/ }).click();
    await expect(para(page, 35).getByTestId('reader-unmatched')).toContainText('Pakistan lacks the will of Erdogan');
  });

  test('at a narrow 900px width the reader sits beside the tree and stays readable', async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 800 });
    await openApp(page, '/?node=kunar-strike');
    await page.getByTestId('inspector').getByTestId('quote-p35-go-after-kunar').getByRole('button', { name: /^Open the source at \(¶\s35\)/ }).click();
    await expect(para(page, 35)).toBeFocused();
    const tree = (await page.locator('.tree-wrap').boundingBox())!;
    const box = (await reader(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(tree.x + tree.width - 1);
    expect(box.width).toBeGreaterThanOrEqual(300);
    expect(box.x + box.width).toBeLessThanOrEqual(901);
    await expectNoA11yViolations(page, 'reader at 900px');
    await reader(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/reader-900.png' });
    await reader(page).getByTestId('reader-close').click();
    await expect(reader(page)).toHaveCount(0);
    await expect(page.getByTestId('inspector').getByTestId('quote-p35-go-after-kunar').getByRole('button', { name: /^Open the source at \(¶\s35\)/ })).toBeFocused();
  });
});
