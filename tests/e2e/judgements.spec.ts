/**
 * Team judgements end to end, against the real sync server: Ana shares the
 * open scenario; Ben joins from his own browser (a context of his own, his
 * own identity in `branchpoint:me`). Both judge the same branch and
 * assumption differently: each sees both judgements side by side in the
 * inspector, in the "Team judgements" group view and the Key Assumptions
 * table's Team column with the right band, and the disagreement mark on the
 * tree.
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectNoA11yViolations, openApp, selectBranch, shareEditorLink, treeItem } from './helpers';

const SHOTS = 'test-results/judgements';
const ANA = { id: 'a-000000000ana', name: 'Ana (desk)', colour: '#1971c2' };
const BEN = { id: 'a-000000000ben', name: 'Ben (red team)', colour: '#d9480f' };
const BRANCH = 'kunar-strike';

async function as(context: BrowserContext, me: typeof ANA) {
  await context.addInitScript((json) => window.localStorage.setItem('branchpoint:me', json), JSON.stringify(me));
}

async function judge(page: Page, stance: string, likelihood: string) {
  const insp = page.getByTestId('inspector');
  await insp.getByTestId(`stance-${stance}`).check();
  await insp.getByTestId('likelihood-select').selectOption(likelihood);
}

test('two analysts’ judgements side by side: inspector, group view with bands, the mark on the tree', async ({ page: ana, browser }) => {
  // Two browsers and a whole-page axe run on a shared 2-core machine.
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  await as(ana.context(), ANA);
  await openApp(ana, `/?node=${BRANCH}`);
  const link = await shareEditorLink(ana);
  await expect(ana.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });

  const benContext = await browser.newContext();
  await as(benContext, BEN);
  const ben = await benContext.newPage();
  await openApp(ben, link);
  await expect(ben.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });

  // Ana favours the strike and finds it very likely; Ben rejects it and finds it unlikely.
  await selectBranch(ana, BRANCH);
  await judge(ana, 'favoured', 'very-likely');
  await selectBranch(ben, BRANCH);
  await expect(ben.getByTestId('inspector').getByTestId('stance-favoured')).toBeChecked();
  await judge(ben, 'rejected', 'unlikely');

  // Ana's inspector: both analysts, the aggregate and the band, for each judgement.
  const team = ana.getByTestId('inspector').getByTestId('team-on-branch');
  const stanceRow = team.getByTestId('team-branch-stance');
  await expect(stanceRow.locator('li')).toHaveCount(2);
  await expect(stanceRow).toContainText('Ana (desk) (you)');
  await expect(stanceRow).toContainText('Favoured');
  await expect(stanceRow).toContainText('Ben (red team)');
  await expect(stanceRow).toContainText('Rejected');
  await expect(stanceRow).toHaveAttribute('data-band', 'extreme');
  await expect(stanceRow.getByTestId('band-chip')).toHaveText('Extreme disagreement (SD 0.50)');
  // Very likely (87.5%) against unlikely (32.5%): SD 0.275, strong.
  await expect(team.getByTestId('team-branch-likelihood')).toHaveAttribute('data-band', 'strong');
  await expect(team.getByTestId('team-branch-likelihood')).toContainText('Mean 60%, answers 33%–88%');
  // The team value is the last edit (Ben's); each keeps their own.
  await expect(ana.getByTestId('inspector').getByTestId('stance-rejected')).toBeChecked();
  await team.scrollIntoViewIfNeeded();
  await ana.getByTestId('inspector').screenshot({ path: `${SHOTS}/inspector.png` });

  // The disagreement mark on the tree, with its words in the card's description, and in the legend.
  const card = treeItem(ana, BRANCH);
  await expect(card).toHaveClass(/split-extreme/);
  await expect(card.locator('.split-mark')).toHaveCount(1);
  await expect(card.locator('desc')).toContainText('The team disagrees: extreme disagreement');
  await expect(ana.locator('.legend')).toContainText('the team splits on it (strong or extreme disagreement)');
  await expect(treeItem(ben, BRANCH)).toHaveClass(/split-extreme/);
  await card.screenshot({ path: `${SHOTS}/card.png` });
  await ana.locator('.legend').screenshot({ path: `${SHOTS}/legend.png` });

  // A Key Assumptions Check: Ana solid, Ben caveated (SD 0.17, mild).
  const assumption = ana.getByTestId('inspector').locator('[data-testid^="assumption-status-"]').first();
  const assumptionId = ((await assumption.getAttribute('data-testid')) ?? '').replace('assumption-status-', '');
  expect(assumptionId).not.toBe('');
  await assumption.selectOption('solid');
  await selectBranch(ben, BRANCH);
  await ben.getByTestId(`assumption-status-${assumptionId}`).selectOption('caveated');

  // The Key Assumptions table gains a Team column: each analyst's own check, the band; filtered to where the team splits.
  await ana.getByTestId('text-tab-assumptions').click();
  const kac = ana.getByTestId('kac-table');
  const teamCell = kac.getByTestId(`kac-team-${assumptionId}`);
  await expect(teamCell).toHaveAttribute('data-band', 'mild');
  await expect(teamCell.getByTestId('band-chip')).toHaveText('Mild disagreement (SD 0.17)');
  await expect(teamCell.locator(`[data-analyst="${ANA.id}"]`)).toHaveText('Ana (desk) (you)Solid');
  await expect(teamCell.locator(`[data-analyst="${BEN.id}"]`)).toHaveText('Ben (red team)Caveated');
  // An assumption no analyst has checked says so.
  await expect(kac.locator('td.kac-team[data-band="none"]').first()).toHaveText('No analyst’s check yet');
  const rowCount = await kac.locator('tbody tr').count();
  expect(rowCount).toBeGreaterThan(1);
  await kac.getByTestId('kac-filter-status').selectOption('split');
  await expect(kac.locator('tbody tr')).toHaveCount(1);
  await expect(kac.locator('tbody tr').first()).toHaveAttribute('data-testid', `kac-row-${assumptionId}`);
  await teamCell.scrollIntoViewIfNeeded();
  await kac.screenshot({ path: `${SHOTS}/kac-team.png` });
  await expectNoA11yViolations(ana, 'with the Key Assumptions table and its Team column');
  await kac.getByTestId('kac-filter-status').selectOption('');
  await expect(kac.locator('tbody tr')).toHaveCount(rowCount);

  // The group view: one column per analyst, the aggregate, the band; sorted by disagreement, filtered to where we split.
  await ana.getByRole('tab', { name: 'Team judgements' }).click();
  const view = ana.getByTestId('team-view');
  await expect(view.getByTestId(`team-col-${ANA.id}`)).toHaveText('Ana (desk) (you)');
  await expect(view.getByTestId(`team-col-${BEN.id}`)).toHaveText('Ben (red team)');
  const stance = view.getByTestId(`team-row-branch-${BRANCH}-stance`);
  await expect(stance).toHaveAttribute('data-band', 'extreme');
  await expect(stance.locator(`[data-analyst="${ANA.id}"]`)).toHaveText('Favoured');
  await expect(stance.locator(`[data-analyst="${BEN.id}"]`)).toHaveText('Rejected');
  await expect(view.getByTestId(`team-row-branch-${BRANCH}-likelihood`)).toHaveAttribute('data-band', 'strong');
  const check = view.getByTestId(`team-row-assumption-${assumptionId}-status`);
  await expect(check).toHaveAttribute('data-band', 'mild');
  await expect(check.locator(`[data-analyst="${BEN.id}"]`)).toHaveText('Caveated');
  // Most divided first.
  await expect(view.locator('tbody tr').first()).toHaveAttribute('data-band', 'extreme');
  await expect(view.locator('tbody tr').last()).toHaveAttribute('data-band', 'mild');
  await view.getByTestId('team-sort-band').click();
  await expect(view.locator('tbody tr').first()).toHaveAttribute('data-band', 'mild');
  await view.getByTestId('team-only-split').check();
  await expect(view.locator('tbody tr')).toHaveCount(3);
  await view.scrollIntoViewIfNeeded();
  await view.screenshot({ path: `${SHOTS}/group-view.png` });
  await expectNoA11yViolations(ana, 'with the group view open');

  // Adopting the group's view of the stance (mean 0.5: open) changes the team value, no one's judgement.
  await expect(treeItem(ana, BRANCH)).toHaveAttribute('aria-selected', 'true');
  await ana.getByTestId('inspector').getByTestId('team-adopt-stance').click();
  await expect(ana.getByTestId('inspector').getByTestId('stance-open')).toBeChecked();
  await expect(ben.getByTestId('inspector').getByTestId('stance-open')).toBeChecked();
  await expect(stance.locator(`[data-analyst="${ANA.id}"]`)).toHaveText('Favoured');
  await expect(stance).toHaveAttribute('data-band', 'extreme');

  // Ben comes round to a stance close to Ana's: the team then agrees on it; the mark follows the worst band left (likelihood: strong).
  await ben.getByTestId('inspector').getByTestId('stance-favoured').check();
  // No longer a split: the filtered view leaves it out; the whole view shows the consensus.
  await expect(stance).toHaveCount(0);
  await view.getByTestId('team-only-split').uncheck();
  await expect(stance).toHaveAttribute('data-band', 'consensus');
  await expect(card).toHaveClass(/split-strong/);

  // Clicking a branch in the group view selects it in the tree.
  await treeItem(ana, 'wait-for-taliban').locator('rect.card').click();
  await expect(treeItem(ana, 'wait-for-taliban')).toHaveAttribute('aria-selected', 'true');
  await view.getByTestId(`team-select-${BRANCH}`).first().click();
  await expect(treeItem(ana, BRANCH)).toHaveAttribute('aria-selected', 'true');
  await benContext.close();
});
