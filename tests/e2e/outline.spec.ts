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
  test('a branch never on screen comes into view at its real height: a jump to it, on opening or after the outline is re-made, stays put', async ({ page }) => {
    /** Jumps to the branch's link (its row at the bottom of the window) and lists where the link is over the next 30 frames. */
    const jumpAndWatch = (id: string) =>
      page.evaluate(
        (nodeId) =>
          new Promise<number[]>((done) => {
            const link = document.querySelector(`#panel-outline [data-node-link="${nodeId}"]`)!;
            link.scrollIntoView({ block: 'end' });
            const tops: number[] = [];
            const step = (left: number) => {
              tops.push(Math.round(link.getBoundingClientRect().top));
              if (left === 0) done([...new Set(tops)]);
              else requestAnimationFrame(() => step(left - 1));
            };
            step(30);
          }),
        id,
      );
    const sizesKnown = page.locator('.text-views[data-sizes-known="true"]');
    await openApp(page, '/');
    await expect(sizesKnown).toHaveCount(1);
    // The second option: the first option's outcomes, above it and never seen, were 64 px placeholders (one 342 px).
    for (const id of ['kunar-strike', 'fight-in-towns', 'hedge-extent']) {
      expect(await jumpAndWatch(id), id).toHaveLength(1);
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    // Another scenario and back: every entry of the outline is made anew.
    await page.getByTestId('scenario-select').selectOption('shipped:texaco-pennzoil');
    await expect(page.locator('#panel-outline [data-node-link="texaco-accepts"]')).toHaveCount(1);
    await page.getByTestId('scenario-select').selectOption('shipped:taliban-ttp-conundrum');
    await expect(page.locator('#panel-outline [data-node-link="kunar-strike"]')).toHaveCount(1);
    await expect(sizesKnown).toHaveCount(1);
    expect(await jumpAndWatch('fight-in-towns'), 'fight-in-towns, after the outline is re-made').toHaveLength(1);
  });

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

  test('follows every annotation: a branch’s note, stance and likelihood, an assumption’s check, and their undo', async ({ page }) => {
    // The outline keeps each branch's entry from one render to the next while what it shows is unchanged
    // (components/Outline.tsx): each of these must still reach the entries that show it, and only those.
    await openApp(page, '/?node=kunar-strike');
    const insp = page.getByTestId('inspector');
    const entry = page.locator('#outline-kunar-strike');
    const other = page.locator('#outline-hedge-like-russia');
    await expect(entry.locator(':scope > .outline-note')).toHaveCount(0);

    const note = insp.getByTestId('note-input');
    await note.click();
    await note.pressSequentially('Watch the passes', { delay: 10 });
    await expect(entry.locator(':scope > .outline-note')).toHaveText('Analyst’s note: Watch the passes');
    await expect(other.locator(':scope > .outline-note')).toHaveCount(0);

    await insp.getByTestId('stance-favoured').check();
    await insp.getByTestId('likelihood-select').selectOption('likely');
    await expect(entry.locator(':scope > .outline-head .stance')).toHaveText(/Favoured/);
    await expect(entry.locator(':scope > .outline-head .likelihood')).toContainText('Likely');
    await expect(other.locator(':scope > .outline-head .stance')).toHaveCount(0);

    // An assumption's check shows on every entry that lists the assumption.
    const checked = entry.locator(':scope > .outline-group .status-caveated');
    await expect(checked).toHaveCount(0);
    await insp.getByTestId('assumption-status-hedging-warranted').selectOption('caveated');
    await expect(checked).toHaveCount(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(checked).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(entry.locator(':scope > .outline-head .likelihood')).toHaveCount(0);
    await expect(entry.locator(':scope > .outline-head .stance')).toHaveText(/Favoured/);
  });
});
