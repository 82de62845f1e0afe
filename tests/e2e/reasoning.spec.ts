import { test, expect } from '@playwright/test';
import { openApp, treeItem, expectNoA11yViolations } from './helpers';

test.describe('reasoning made explicit', () => {
  test('what-if: try a status, see what it would weaken on the tree and in the table, discard or keep', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, '/');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await page.getByRole('tab', { name: 'Key assumptions' }).click();
    const table = page.getByTestId('kac-table');
    const broken = page.locator('[role="treeitem"].is-broken');
    await expect(broken).toHaveCount(0);

    // Try "unsupported or broken" on the Taliban being unwilling or unable: nothing is committed.
    await table.getByTestId('kac-try-taliban-unwilling-or-unable').click();
    const panel = page.getByTestId('what-if');
    await expect(panel).toContainText('What if “The Afghan Taliban may be unwilling or unable');
    await expect(page.getByTestId('what-if-status')).toHaveValue('broken');
    await expect(page.getByTestId('what-if-banner')).toContainText('were judged broken?');
    await expect(page.getByTestId('what-if-effect')).toContainText('Would weaken: options Plan for the worst case: a hedge, up to kinetic action against the TTP in Kunar');
    await expect(page.getByTestId('what-if-effect')).not.toContainText('Wait for the Afghan Taliban');
    await expect(page.getByTestId('what-if-banner')).toBeVisible();
    await expect(broken).toHaveCount(4);
    await expect(treeItem(page, 'wait-for-taliban')).not.toHaveClass(/is-broken/);
    await expect(page.getByTestId('kac-status-taliban-unwilling-or-unable')).toHaveValue('unreviewed');
    await expectNoA11yViolations(page, 'what-if preview');

    // Change the tried status to solid: now waiting is what would weaken.
    await page.getByTestId('what-if-status').selectOption('solid');
    await expect(page.getByTestId('what-if-effect')).toContainText('Would weaken: option Wait for the Afghan Taliban to act against the TTP');
    await expect(page.getByTestId('what-if-effect')).not.toContainText('Plan for the worst case');
    await expect(broken).toHaveCount(4);
    await expect(treeItem(page, 'kunar-strike')).not.toHaveClass(/is-broken/);

    // Discard: the marks go and nothing was saved.
    await page.getByTestId('what-if-discard').click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('what-if-banner')).toHaveCount(0);
    await expect(broken).toHaveCount(0);
    await expect(page.getByTestId('kac-status-taliban-unwilling-or-unable')).toHaveValue('unreviewed');

    // Try again and keep it: the status is committed, one undo step takes it back.
    await table.getByTestId('kac-try-taliban-unwilling-or-unable').click();
    await page.getByTestId('what-if-keep').click();
    await expect(page.getByTestId('kac-status-taliban-unwilling-or-unable')).toHaveValue('broken');
    await expect(broken).toHaveCount(4);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('kac-status-taliban-unwilling-or-unable')).toHaveValue('unreviewed');
    await expect(broken).toHaveCount(0);
  });

  test('evidence says which way it points and weighs by grade: the table flags a status its evidence contradicts', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, '/?node=wait-for-taliban');
    const onBranch = page.getByTestId('inspector').getByTestId('evidence-node-wait-for-taliban');
    // The shipped scenario: "The Taliban's response so far is nothing but lukewarm" undermines waiting.
    await expect(onBranch.getByTestId('direction-p16-lukewarm')).toHaveValue('undermines');
    await expect(onBranch.getByTestId('quote-p16-lukewarm')).toHaveClass(/undermines/);
    await expect(onBranch.getByTestId('direction-p15-private-assurances')).toHaveValue('supports');
    // Not graded yet: no Admiralty grade shown.
    await expect(onBranch.getByTestId('grade-p16-lukewarm')).toHaveCount(0);

    // An assumption with its three supporting quotes; the analyst judges it broken: its evidence contradicts that.
    await page.getByRole('tab', { name: 'Key assumptions' }).click();
    const row = page.getByTestId('kac-row-taliban-unwilling-or-unable');
    await expect(page.getByTestId('kac-balance-taliban-unwilling-or-unable')).toContainText('Leans for');
    await expect(page.getByTestId('kac-balance-taliban-unwilling-or-unable')).toContainText('3 for (weight 0.8), 0 against');
    // One ungraded quote for and none against: too light to lean, and nothing disagrees, so thin rather than mixed.
    await expect(page.getByTestId('kac-balance-border-deniability')).toContainText('Thin support1 for (weight 0.3), 0 against');
    await page.getByTestId('kac-status-taliban-unwilling-or-unable').selectOption('broken');
    await expect(row.getByTestId('kac-contradicted-taliban-unwilling-or-unable')).toContainText('Judged broken, but its evidence leans for it');

    // Grade the source (beside the table) and mark two of the quotes as undermining: the balance turns, the flag goes.
    await page.getByTestId('kac-table').getByTestId('reliability-taliban-ttp-conundrum-article').selectOption('B');
    const assumption = page.getByTestId('inspector').getByTestId('assumption-taliban-unwilling-or-unable');
    await assumption.getByTestId('credibility-p06-taliban-unwilling-incapable').selectOption('2');
    await expect(assumption.getByTestId('grade-p06-taliban-unwilling-incapable')).toHaveText('B2');
    await assumption.getByTestId('direction-p16-limits-will').selectOption('undermines');
    await assumption.getByTestId('direction-p20-calculus-gap').selectOption('undermines');
    await expect(assumption.getByTestId('quote-p20-calculus-gap')).toHaveClass(/undermines/);
    // For: p06 (B2: 0.8 x 0.8 = 0.64); against: two ungraded quotes from a B source (2 x 0.8 x 0.5 = 0.8). Mixed.
    await expect(page.getByTestId('kac-balance-taliban-unwilling-or-unable')).toContainText('1 for (weight 0.6), 2 against (weight 0.8)');
    await expect(page.getByTestId('kac-balance-taliban-unwilling-or-unable')).toContainText('Mixed');
    await expect(page.getByTestId('kac-contradicted-taliban-unwilling-or-unable')).toHaveCount(0);
    await expectNoA11yViolations(page, 'graded evidence');
  });

  test('a branch can be set to rest on an assumption being false, and the marks follow', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, '/?node=wait-for-taliban');
    const insp = page.getByTestId('inspector');
    await expect(insp.getByTestId('premise-side-pakistan-lost-leverage')).toHaveValue('fails');
    // The outline says it too: 10 premises rest on a negation in the shipped scenario (3 on waiting, 5 on the chance the Taliban act,
    // 1 on the Taliban backing their assurances, 1 on the strike's success).
    await expect(page.locator('#panel-outline em.negated')).toHaveCount(10);
    await expect(insp.getByTestId('assumption-pakistan-lost-leverage')).toHaveClass(/rests-on-negation/);
    await insp.getByTestId('assumption-status-pakistan-lost-leverage').selectOption('solid');
    await expect(treeItem(page, 'wait-for-taliban')).toHaveClass(/is-broken/);
    await insp.getByTestId('premise-side-pakistan-lost-leverage').selectOption('holds');
    await expect(treeItem(page, 'wait-for-taliban')).not.toHaveClass(/is-broken/);
    await expect(insp.getByTestId('assumption-pakistan-lost-leverage')).not.toHaveClass(/rests-on-negation/);
    await expectNoA11yViolations(page, 'premise side');
  });
});
