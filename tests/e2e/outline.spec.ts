import { test, expect, type Locator, type Page } from '@playwright/test';
import { openApp } from './helpers';

/**
 * The text outline under the tree is not laid out while it is off screen (content-visibility: auto, app/globals.css):
 * each branch keeps the height it last had. A branch changed while off screen must not come into view at that old
 * height and then jump to its real one a frame later: the rows under it move as the person scrolls to them, and a
 * click started on one ends on another (stop 31 met it in CI: a row moved 31-74 px between mousedown and mouseup).
 */

const frames = (page: Page, n = 2) =>
  page.evaluate((k) => new Promise<void>((done) => {
    const step = (left: number) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
    step(k);
  }), n);

const height = (row: Locator) => row.evaluate((el) => el.getBoundingClientRect().height);
const inView = (row: Locator) => row.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight);

test.describe('text outline', () => {
  test('a branch changed while off screen comes into view at its real height', async ({ page }) => {
    await openApp(page, '/?node=hedge-extent');
    const branch = page.locator('#outline-kunar-strike');
    const row = page.locator('#outline-hedge-extent');
    // Seen once (each branch then has a height of its own to keep), then scrolled away again.
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await frames(page, 3);
    await page.evaluate(() => window.scrollTo(0, 0));
    await frames(page, 3);
    expect(await inView(branch)).toBe(false);

    // Off screen, the branch grows: a child with a long title is added under it.
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('add-child-kind').selectOption('outcome');
    await insp.getByTestId('add-child-title').fill('Kabul reads the hedge as hostile and answers it along the whole of the Durand Line');
    await insp.getByTestId('add-child-button').click();
    await expect(page.locator('#outline-hedge-extent')).toContainText('along the whole of the Durand Line');
    await frames(page, 3);
    expect(await inView(branch)).toBe(false);
    const offScreen = { branch: await height(branch), row: await height(row) };

    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await frames(page, 3);
    expect(await inView(row)).toBe(true);
    const onScreen = { branch: await height(branch), row: await height(row) };
    expect(onScreen.row).toBeGreaterThan(40);
    expect(offScreen).toEqual(onScreen);
  });
});
