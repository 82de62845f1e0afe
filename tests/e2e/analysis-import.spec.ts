import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { download, expectNoA11yViolations, menu, openApp, treeItem } from './helpers';

const SD_DIR = path.resolve(__dirname, '../fixtures/silverdecisions');
const FILE = 'rockefellerWithParamsNoRandom.json';

/** The root value SilverDecisions stores in the file for its own rule ("1075"), as the panel shows numbers. */
function storedRootValue(): string {
  const json = JSON.parse(readFileSync(path.join(SD_DIR, FILE), 'utf8')) as { rule: string; data: { trees: { computed: Record<string, { payoff: string[] }> }[] } };
  const v = Number(json.data.trees[0]!.computed[json.rule]!.payoff[0]);
  return v.toLocaleString('en-GB');
}

test.describe('SilverDecisions files through the ordinary Import', () => {
  test('a SilverDecisions file picked for import becomes a new scenario with its numbers; the panel shows the root value SilverDecisions stores', async ({ page }) => {
    await openApp(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menu(page, 'snapshot-import')]);
    await chooser.setFiles(path.join(SD_DIR, FILE));
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByRole('heading', { name: 'Import a SilverDecisions file' })).toBeVisible();
    await expect(dialog.getByTestId('import-summary-title')).toHaveText('Problem inwestycyjny');
    await expect(dialog.getByTestId('import-sd-imported')).toContainText('4 parameters from the file’s code');
    await expect(dialog.getByTestId('import-sd-imported')).toContainText('The rule “expected-value-maximization”, as Maximise expected value.');
    await expect(dialog.getByTestId('import-sd-not-imported')).toContainText('The results SilverDecisions stored in the file');
    await expectNoA11yViolations(page, 'SilverDecisions import preview');
    await dialog.getByTestId('import-add').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Problem inwestycyjny');
    await expect(page.getByTestId('scenario-select')).toHaveValue(/^doc:/);

    // The edge names are the branch titles; the best option is marked on the tree.
    await expect(page.getByRole('treeitem', { name: /^testuj/ })).toHaveClass(/path-best|path-rejected/);

    await page.getByRole('group', { name: 'Panels' }).getByTestId('analysis-open').click();
    const panel = page.getByTestId('analysis-panel');
    await expect(panel.getByTestId('analysis-root-value')).toHaveText(storedRootValue());
    await expectNoA11yViolations(page, 'analysis of the imported file');
  });

  test('a broken SilverDecisions file is refused with a clear message and changes nothing', async ({ page }) => {
    await openApp(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menu(page, 'snapshot-import')]);
    await chooser.setFiles({
      name: 'broken-sd.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"data":{"code":"f(x) = x^2","trees":[{"type":"decision","childEdges":[]}]}}'),
    });
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByTestId('import-error')).toContainText('This SilverDecisions file cannot be imported');
    await expect(dialog).toContainText('Nothing was changed');
    await expectNoA11yViolations(page, 'SilverDecisions refusal');
    await dialog.getByTestId('import-close').click();
    await expect(treeItem(page, 'kunar-strike')).toBeVisible();
  });
});

test.describe('the worked example', () => {
  test('Texaco–Pennzoil opens from the picker with its values, the best path and sensitivity', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('scenario-select').selectOption('shipped:texaco-pennzoil');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Texaco–Pennzoil');
    // The best path is drawn strongly, the rejected option dimmed; the root carries its value.
    await expect(treeItem(page, 'counteroffer-5bn')).toHaveClass(/path-best/);
    await expect(treeItem(page, 'accept-2bn')).toHaveClass(/path-rejected/);
    // A chance outcome carries its probability before its value, on the card and in its description.
    await expect(treeItem(page, 'texaco-accepts').locator('.row-mark-value')).toHaveText('17% · value 5');
    await expect(treeItem(page, 'texaco-accepts').locator('desc')).toContainText('17% · value 5');
    await expect(treeItem(page, 'counteroffer-5bn').locator('.row-mark-value')).toHaveText('value 4.635');
    // The outline (the tree's text alternative) carries the same marks.
    const outlineHead = (id: string) => page.locator(`#panel-outline [data-node-link="${id}"]`).locator('xpath=..');
    await expect(outlineHead('texaco-accepts')).toContainText('Texaco accepts $5 billion · 17% · value 5');
    await expect(outlineHead('counteroffer-5bn')).toContainText('Counteroffer $5 billion · value 4.635');
    // The root's value, in the inspector (selected through the text outline).
    const insp = page.getByTestId('inspector');
    await page.locator('a.outline-title[data-node-link="liedtke-decision"]').click();
    const numbers = insp.getByTestId('numbers');
    if (!(await numbers.isVisible())) await insp.getByTestId('section-numbers').click();
    await expect(numbers.getByTestId('numbers-value')).toHaveText('4.635');
    await expect(numbers.getByTestId('numbers-best')).toHaveText('Counteroffer $5 billion');
    // Styled before the analysis panel has ever opened (its rules were in the panel's stylesheet).
    await expect(numbers.getByTestId('numbers-result')).toHaveCSS('display', 'grid');
    // A chance outcome's entry ('p_texaco_accepts', a parameter) and what it evaluates to.
    await page.locator('a.outline-title[data-node-link="texaco-accepts"]').click();
    await expect(numbers.getByTestId('numbers-probability')).toHaveValue('p_texaco_accepts');
    await expect(numbers.getByTestId('numbers-probability-value')).toHaveText('Evaluates to 17%');
    await expect(numbers.getByTestId('numbers-probability')).toHaveAccessibleDescription(/^Evaluates to 17%/);
    await expectNoA11yViolations(page, 'the worked example');

    await page.getByRole('group', { name: 'Panels' }).getByTestId('analysis-open').click();
    const panel = page.getByTestId('analysis-panel');
    await expect(panel.getByTestId('analysis-root-value')).toHaveText('4.635 $ billion');
    await expect(panel.getByTestId('analysis-best-option')).toHaveText('Counteroffer $5 billion');
    await panel.getByTestId('analysis-tab-sensitivity').click();
    await expect(panel.getByTestId('tornado')).toHaveAttribute('data-order', /^p_court_high /);
    // The assumptions that decide the choice, in order of swing (the list's number is the rank: not said again).
    const decisive = panel.getByTestId('decisive-assumptions').locator('li');
    await expect(decisive.first()).toHaveText('The final court decision could uphold an award as large as $10.3 billion. — swing 2.565');
    await expectNoA11yViolations(page, 'the worked example’s sensitivity');

    // Each chart downloads as SVG.
    const [dl] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('tornado').getByTestId('chart-download').click()]);
    expect(dl.suggestedFilename()).toMatch(/^tornado.*\.svg$/);
    const svg = readFileSync(await dl.path(), 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('Court awards $10.3 billion');
  });

  test('a changed probability shows in the comparison and on the tree; the brief carries the analysis and its charts', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('scenario-select').selectOption('shipped:texaco-pennzoil');
    await expect(treeItem(page, 'counteroffer-5bn')).toHaveClass(/path-best/);
    const earlier = await download(page, 'snapshot-export-json');

    const insp = page.getByTestId('inspector');
    await page.locator('a.outline-title[data-node-link="texaco-accepts"]').click();
    const numbers = insp.getByTestId('numbers');
    if (!(await numbers.isVisible())) await insp.getByTestId('section-numbers').click();
    await numbers.getByTestId('numbers-probability').fill('0.2');

    await menu(page, 'snapshot-compare');
    await page.getByTestId('compare-file-a').setInputFiles(earlier.file);
    await page.getByTestId('compare-submit').click();
    const panel = page.getByTestId('comparison-panel');
    await expect(panel.getByTestId('comparison-group-analysis')).toContainText('Numbers on “Texaco accepts $5 billion”: probability p_texaco_accepts → 0.2');
    await expect(treeItem(page, 'texaco-accepts')).toHaveClass(/diff-changed/);
    await expectNoA11yViolations(page, 'comparison with the analysis');
    await page.getByTestId('comparison-clear').click();

    await menu(page, 'snapshot-brief-print');
    const brief = page.getByTestId('brief-dialog');
    await expect(brief.getByRole('heading', { name: 'Decision analysis', exact: true })).toBeVisible();
    await expect(brief).toContainText('Best policy (the choice at each decision it reaches)');
    await expect(brief.getByTestId('brief-charts').locator('svg[role="img"]')).toHaveCount(2);
    await expectNoA11yViolations(page, 'brief with the analysis');
  });
});
