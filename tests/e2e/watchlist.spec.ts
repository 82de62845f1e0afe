import { test, expect, type Page } from '@playwright/test';
import { openApp, treeItem, expectNoA11yViolations, duplicateIds } from './helpers';

const OBSERVED = [
  'public-statements-stop-short',
  'dilawar-pakistans-problem',
  'haqqani-non-committal',
  'mujahid-contradicts-team',
  'taliban-response-lukewarm',
  'resurgent-border-attacks',
  'isk-ttp-operational-cooperation',
  'russia-arms-opposition',
];

/** YYYY-MM-DD, `days` before today (the browser's local day, as the app reads it). */
async function daysAgo(page: Page, days: number): Promise<string> {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() - n);
    const p = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }, days);
}

async function openWatchlist(page: Page) {
  await page.getByTestId('watchlist-open').click();
  const dialog = page.getByTestId('watchlist');
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('signpost watchlist', () => {
  test('lists every indicator; the observed ones carry their quote; overdue filter, sort, and a branch link selects the branch', async ({ page }) => {
    // Two axe runs over the whole page (tree, outline and the table) take most of a minute on this machine.
    test.setTimeout(180_000);
    await openApp(page);
    const w = await openWatchlist(page);
    await expect(w.getByRole('heading', { name: 'Signpost watchlist' })).toBeVisible();
    await expect(w.locator('tbody tr')).toHaveCount(19);
    await expect(w.getByTestId('watch-count')).toHaveText('19 indicators');
    for (const id of OBSERVED) await expect(w.getByTestId(`watch-observed-${id}`)).toContainText('Observed in the source');
    await expect(w.getByTestId('watch-observed-taliban-response-lukewarm')).toContainText('The Taliban’s response so far is nothing but lukewarm.');
    await expect(w.getByTestId('watch-observed-taliban-response-lukewarm')).toContainText(/¶\s16/);
    await expect(w.getByTestId('watch-observed-pm-withholds-approval')).toHaveCount(0);

    await expectNoA11yViolations(page, 'with the watchlist open');
    expect(await duplicateIds(page)).toEqual([]);

    // A weekly cadence last checked ten days ago is overdue; a monthly one checked yesterday is not.
    const id = 'sleeper-cell-activity';
    await w.getByTestId(`watch-cadence-${id}`).selectOption('7');
    await w.getByTestId(`watch-checked-${id}`).fill(await daysAgo(page, 10));
    await expect(w.getByTestId(`watch-overdue-${id}`)).toContainText('3 days overdue');
    await w.getByTestId('watch-cadence-pm-withholds-approval').selectOption('30');
    await w.getByTestId('watch-checked-pm-withholds-approval').fill(await daysAgo(page, 1));
    await expect(w.getByTestId('watch-overdue-pm-withholds-approval')).toContainText('Due in 29 days');

    await w.getByTestId('watch-filter-overdue').check();
    await expect(w.locator('tbody tr')).toHaveCount(1);
    await expect(w.getByTestId(`watch-row-${id}`)).toBeVisible();
    await expect(w.getByTestId('watch-count')).toHaveText('1 of 19 indicators');
    await w.getByTestId('watch-filter-overdue').uncheck();

    // Observed only, then sort by indicator both ways.
    await w.getByTestId('watch-filter-observed').check();
    await expect(w.locator('tbody tr')).toHaveCount(OBSERVED.length);
    await w.getByTestId('watch-filter-observed').uncheck();
    const header = w.locator('th').filter({ has: page.getByTestId('watch-sort-statement') });
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await w.getByTestId('watch-sort-statement').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const statements = async () => w.locator('tbody tr th .watch-statement-text').allTextContents();
    const asc = await statements();
    expect(asc).toEqual([...asc].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
    await w.getByTestId('watch-sort-statement').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(await statements()).toEqual([...asc].reverse());

    // Sort by overdue, most overdue first: the overdue row leads.
    await w.getByTestId('watch-sort-overdue').click();
    await w.getByTestId('watch-sort-overdue').click();
    await expect(w.locator('th').filter({ has: page.getByTestId('watch-sort-overdue') })).toHaveAttribute('aria-sort', 'descending');
    await expect(w.locator('tbody tr').first()).toHaveAttribute('data-testid', `watch-row-${id}`);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: '/tmp/watchlist-1280.png' });
    await page.setViewportSize({ width: 900, height: 800 });
    await page.screenshot({ path: '/tmp/watchlist-900.png' });
    await expectNoA11yViolations(page, 'with the watchlist open at 900px');

    // A branch link closes the watchlist and selects the branch on the tree.
    await w.getByTestId('watch-branch-isk-militants-defect-to-ttp-pakistan-ttp-response').click();
    await expect(page.getByTestId('watchlist')).toHaveCount(0);
    await expect(treeItem(page, 'pakistan-ttp-response')).toHaveAttribute('aria-selected', 'true');

    // Reopened: the filters and sort are as they were; the watch was saved on the indicator.
    const again = await openWatchlist(page);
    await expect(again.locator('th').filter({ has: page.getByTestId('watch-sort-overdue') })).toHaveAttribute('aria-sort', 'descending');
    await expect(again.getByTestId(`watch-cadence-${id}`)).toHaveValue('7');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('watchlist')).toHaveCount(0);
    await expect(page.getByTestId('watchlist-open')).toBeFocused();
    // Without the keyboard: the Close button in the panel's head, named for the panel.
    const third = await openWatchlist(page);
    await expect(third.getByRole('button', { name: 'Close watchlist' })).toHaveText('Close');
    await third.getByRole('button', { name: 'Close watchlist' }).click();
    await expect(page.getByTestId('watchlist')).toHaveCount(0);
    await expect(page.getByTestId('watchlist-open')).toBeFocused();
  });

  test('threshold and owner set in the inspector show in the watchlist and filter it', async ({ page }) => {
    await openApp(page, '/?node=pakistan-ttp-response');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('indicator-threshold-isk-militants-defect-to-ttp').fill('Two named IS-K commanders in TTP videos');
    await insp.getByTestId('indicator-owner-isk-militants-defect-to-ttp').fill('CT desk');
    await insp.getByTestId('indicator-cadence-isk-militants-defect-to-ttp').selectOption('14');
    const w = await openWatchlist(page);
    const row = w.getByTestId('watch-row-isk-militants-defect-to-ttp');
    await expect(row).toContainText('Two named IS-K commanders in TTP videos');
    await expect(row).toContainText('CT desk');
    await expect(w.getByTestId('watch-overdue-isk-militants-defect-to-ttp')).toHaveText('Never checked');
    await w.getByTestId('watch-filter-owner').selectOption('CT desk');
    await expect(w.locator('tbody tr')).toHaveCount(1);
    await w.getByTestId('watch-clear').click();
    await w.getByTestId('watch-filter-text').fill('named IS-K commanders');
    await expect(w.locator('tbody tr')).toHaveCount(1);
  });

  test('an observed quote’s ¶ opens the source reader at that paragraph', async ({ page }) => {
    await openApp(page);
    const w = await openWatchlist(page);
    await w.getByTestId('watch-observed-taliban-response-lukewarm').getByRole('button', { name: /16/ }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const reader = page.getByTestId('reader-panel');
    await expect(reader).toBeVisible();
    await expect(reader.locator('li[data-paragraph="16"]')).toHaveClass(/is-target/);
    await expect(reader.locator('li[data-paragraph="16"] mark').first()).toContainText('lukewarm');
  });
});
