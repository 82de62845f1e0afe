import { test, expect, type Page } from '@playwright/test';
import { expectNoA11yViolations, openApp, selectBranch, treeItem } from './helpers';

/** A new scenario: a decision between Invest (a chance fork Up / Down) and Hold, built in the inspector. */
async function buildInvestTree(page: Page) {
  await openApp(page);
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('new-title').fill('Invest or hold?');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invest or hold?');
  const insp = page.getByTestId('inspector');
  const add = async (parentId: string, kind: string, title: string) => {
    await treeItem(page, parentId).click();
    await insp.getByTestId('add-child-kind').selectOption(kind);
    await insp.getByTestId('add-child-title').fill(title);
    await insp.getByTestId('add-child-button').click();
    await expect(page.getByRole('treeitem', { name: title, exact: false }).last()).toBeVisible();
  };
  await add('decision', 'option', 'Invest');
  await add('decision', 'option', 'Hold');
  await add('invest', 'chance', 'Market');
  await add('market', 'outcome', 'Up');
  await add('market', 'outcome', 'Down');
}

/** Selects a branch through the text outline (it may lie off the canvas, or under the inspector), and waits for the inspector. */
async function selectFromOutline(page: Page, id: string) {
  await selectBranch(page, id);
  await expect(page.getByTestId('inspector').locator(`[data-node-id="${id}"]`)).toHaveCount(1);
}

async function numbersOf(page: Page, id: string) {
  const insp = page.getByTestId('inspector');
  await selectFromOutline(page, id);
  const numbers = insp.getByTestId('numbers');
  if (!(await numbers.isVisible())) await insp.getByTestId('section-numbers').click();
  await expect(numbers).toBeVisible();
  return numbers;
}

test.describe('decision analysis', () => {
  test('probabilities and consequences entered in the inspector give values and the best path on the tree; undo takes a number back', async ({ page }) => {
    await buildInvestTree(page);

    // The first criterion is added where the numbers are entered.
    let n = await numbersOf(page, 'up');
    await n.getByTestId('numbers-add-criterion-name').fill('Profit');
    await n.getByTestId('numbers-add-criterion').click();
    await n.getByTestId('numbers-probability').fill('60%');
    await n.getByTestId('numbers-consequence-profit').fill('100');

    n = await numbersOf(page, 'down');
    await n.getByTestId('numbers-probability').fill('#');
    await n.getByTestId('numbers-consequence-profit').fill('-50');

    n = await numbersOf(page, 'hold');
    await n.getByTestId('numbers-consequence-profit').fill('10');

    // Invest: 0.6 x 100 + 0.4 x (-50) = 40 > 10.
    n = await numbersOf(page, 'decision');
    await expect(n.getByTestId('numbers-value')).toHaveText('40');
    await expect(n.getByTestId('numbers-best')).toHaveText('Invest');
    await expect(treeItem(page, 'invest')).toHaveClass(/path-best/);
    await expect(treeItem(page, 'hold')).toHaveClass(/path-rejected/);
    await expect(treeItem(page, 'hold')).toHaveAccessibleDescription(/off the best path/);
    n = await numbersOf(page, 'down');
    await expect(n.getByTestId('numbers-reach')).toHaveText('40%');

    // A worse market makes holding best; undo brings the investment back.
    n = await numbersOf(page, 'up');
    await n.getByTestId('numbers-probability').fill('0.2');
    await expect(treeItem(page, 'hold')).toHaveClass(/path-best/);
    await expect(treeItem(page, 'invest')).toHaveClass(/path-rejected/);
    await page.getByTestId('history-undo').click();
    await expect(treeItem(page, 'invest')).toHaveClass(/path-best/);

    // A probability the chance fork cannot hold is named on its branch.
    n = await numbersOf(page, 'up');
    await n.getByTestId('numbers-probability').fill('1.4');
    await expect(n.getByTestId('numbers-problems')).toContainText('Up');
    await expect(treeItem(page, 'invest')).not.toHaveClass(/path-best/);
    await n.getByTestId('numbers-probability').fill('0.6');
    await expect(treeItem(page, 'invest')).toHaveClass(/path-best/);

    // The panel: value, best option, every policy, EVPI and the risk profile; it passes axe.
    await page.getByRole('group', { name: 'Panels' }).getByTestId('analysis-open').click();
    const panel = page.getByTestId('analysis-panel');
    await expect(panel.getByTestId('analysis-root-value')).toHaveText('40');
    await expect(panel.getByTestId('analysis-best-option')).toHaveText('Invest');
    await expect(panel.getByTestId('analysis-policies').locator('tbody tr')).toHaveCount(2);
    // Knowing the market first: 0.6 x 100 + 0.4 x 10 = 64, so EVPI = 24.
    await expect(panel.getByTestId('analysis-evpi')).toContainText('24');
    await expect(panel.getByTestId('analysis-risk-profile').locator('tbody tr')).toHaveCount(2);
    await expectNoA11yViolations(page, 'analysis results');
    await panel.getByTestId('analysis-tab-setup').click();
    await expect(panel.getByTestId('analysis-no-problems')).toBeVisible();
    await panel.getByTestId('analysis-rule').selectOption('maximin');
    await panel.getByTestId('analysis-tab-results').click();
    // Maximin: Invest's worst case (-50) is below Hold's 10.
    await expect(panel.getByTestId('analysis-best-option')).toHaveText('Hold');
    await expectNoA11yViolations(page, 'analysis set-up');
  });

  test('the numbers are kept after a reload', async ({ page }) => {
    await buildInvestTree(page);
    const n = await numbersOf(page, 'hold');
    await n.getByTestId('numbers-add-criterion-name').fill('Profit');
    await n.getByTestId('numbers-add-criterion').click();
    await n.getByTestId('numbers-consequence-profit').fill('10');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
    const again = await numbersOf(page, 'hold');
    await expect(again.getByTestId('numbers-consequence-profit')).toHaveValue('10');
  });
});

/**
 * Numbers on the invest tree: Up (p_up, 0.2 to 0.9, uniform) worth 100, Down (the rest) -50, Hold worth
 * hold_value (0 to 30). Invest is worth 150p - 50, so the best option changes at p_up = 0.4.
 */
async function investWithParameters(page: Page) {
  let n = await numbersOf(page, 'up');
  await n.getByTestId('numbers-add-criterion-name').fill('Profit');
  await n.getByTestId('numbers-add-criterion').click();

  // Parameters: the chance of a rise (0.2 to 0.9, uniform) and the value of holding (0 to 30).
  await page.getByRole('group', { name: 'Panels' }).getByTestId('analysis-open').click();
  const panel = page.getByTestId('analysis-panel');
  await panel.getByTestId('analysis-tab-setup').click();
  for (const [name, value, low, high] of [
    ['p_up', '0.6', '0.2', '0.9'],
    ['hold_value', '10', '0', '30'],
  ] as const) {
    await panel.getByTestId('analysis-new-parameter').fill(name);
    await panel.getByTestId('analysis-add-parameter').click();
    await panel.getByTestId(`analysis-parameter-value-${name}`).fill(value);
    await panel.getByLabel(`Low of ${name}`).fill(low);
    await panel.getByLabel(`High of ${name}`).fill(high);
  }
  await panel.getByLabel('Distribution of p_up').selectOption('uniform');
  // Closed with the panel's own Close button (Escape does the same elsewhere in this file).
  await panel.getByRole('button', { name: 'Close decision analysis' }).click();
  await expect(panel).toHaveCount(0);

  n = await numbersOf(page, 'up');
  await n.getByTestId('numbers-probability').fill('p_up');
  await n.getByTestId('numbers-consequence-profit').fill('100');
  n = await numbersOf(page, 'down');
  await n.getByTestId('numbers-probability').fill('#');
  await n.getByTestId('numbers-consequence-profit').fill('-50');
  n = await numbersOf(page, 'hold');
  await n.getByTestId('numbers-consequence-profit').fill('hold_value');
  return panel;
}

test.describe('sensitivity', () => {
  test('a tornado ranks the parameters, names the threshold, and a Monte Carlo run cancelled halfway leaves the app responsive', async ({ page }) => {
    await buildInvestTree(page);
    const panel = await investWithParameters(page);
    await page.getByRole('group', { name: 'Panels' }).getByTestId('analysis-open').click();
    await panel.getByTestId('analysis-tab-sensitivity').click();
    // Ranked by swing: p_up (75) before hold_value (0); the best option changes at p_up = 0.4 (150p - 50 = 10).
    await expect(panel.getByTestId('tornado')).toHaveAttribute('data-order', 'p_up hold_value');
    await expect(panel.getByTestId('sensitivity-thresholds')).toContainText('at 0.4');
    await expect(panel.getByTestId('sensitivity-thresholds')).toContainText('from Hold to Invest');
    await expect(panel.getByRole('img', { name: /Tornado/ })).toBeVisible();
    await expectNoA11yViolations(page, 'sensitivity');

    // A long run, cancelled halfway: the page answers while it runs, and nothing is scored.
    await panel.getByTestId('mc-iterations').fill('1000000');
    await panel.getByTestId('mc-run').click();
    await expect(panel.getByTestId('mc-progress')).toHaveAttribute('value', /[1-9]/);
    await panel.getByTestId('analysis-tab-setup').click();
    await expect(panel.getByTestId('analysis-no-problems')).toBeVisible();
    await panel.getByTestId('analysis-tab-sensitivity').click();
    await panel.getByTestId('mc-cancel').click();
    await expect(panel.getByTestId('mc-message')).toContainText('Cancelled after');
    await expect(panel.getByTestId('mc-result')).toHaveCount(0);

    // A short run gives the figures, the same again with the same seed.
    await panel.getByTestId('mc-iterations').fill('2000');
    await panel.getByTestId('mc-run').click();
    await expect(panel.getByTestId('mc-result')).toBeVisible();
    const mean = await panel.getByTestId('mc-mean').textContent();
    await panel.getByTestId('mc-run').click();
    await expect(panel.getByTestId('mc-mean')).toHaveText(mean!);
    await expect(panel.getByTestId('mc-invalid')).toHaveText('0');
  });
});

test.describe('what decides the choice', () => {
  test('the Key Assumptions table ranks the assumption behind a parameter, and its what-if preview says the best option changes', async ({ page }) => {
    await buildInvestTree(page);
    // An assumption on Invest, carrying the chance of a rise.
    await selectFromOutline(page, 'invest');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('add-assumption-input').fill('Markets rise this year');
    await insp.getByTestId('add-assumption-button').click();
    const panel = await investWithParameters(page);
    await page.getByRole('group', { name: 'Panels' }).getByTestId('analysis-open').click();
    await panel.getByTestId('analysis-tab-setup').click();
    await panel.getByLabel('Carried by assumption: p_up').selectOption({ label: 'Markets rise this year' });
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Key assumptions' }).click();
    const cell = page.locator('[data-testid^="kac-decisive-"]');
    await expect(cell).toHaveCount(1);
    // Swing of p_up, re-optimised: max(-20, 10) = 10 at 0.2 .. 85 at 0.9.
    await expect(cell).toHaveText('1 · changes the best option (swing 75)');
    const aid = (await cell.getAttribute('data-testid'))!.replace('kac-decisive-', '');

    await page.getByTestId(`kac-try-${aid}`).click();
    const choice = page.getByTestId('what-if-choice');
    await expect(choice).toContainText('The best option can change to Hold');
    await expect(choice).toContainText('at p_up 0.4, Hold below and Invest above');
    await page.getByTestId('what-if-status').selectOption('solid');
    await expect(choice).toContainText('the best option stays Invest');
    await expectNoA11yViolations(page, 'decisive column and what-if choice');
    // Nothing was committed: the status is still unreviewed.
    await page.getByTestId('what-if-discard').click();
    await expect(page.getByTestId(`kac-status-${aid}`)).toHaveValue('unreviewed');
  });
});
