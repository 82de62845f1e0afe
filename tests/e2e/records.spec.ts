/**
 * The record kinds end to end: a quote's credibility grade (the fifth
 * annotated kind) is recorded, undone, shown in the brief and compared; a
 * weak assumption's options are named in the overview; the comparison lists
 * each change with its value before and after, grouped by kind; the kinds
 * offered for a new branch follow the domain rule.
 */
import { test, expect } from '@playwright/test';
import { openApp, treeItem, download, menu, expectNoA11yViolations } from './helpers';

test.describe('record kinds', () => {
  test('grade a quote: undo, the brief and the comparison show it', async ({ page }) => {
    await openApp(page, '/?node=kunar-strike');
    const earlier = await download(page, 'snapshot-export-json');
    const insp = page.getByTestId('inspector');
    const grade = insp.getByTestId('credibility-p35-go-after-kunar');
    await expect(grade).toHaveValue('');
    await grade.selectOption('2');
    await expect(grade).toHaveValue('2');
    await page.keyboard.press('Control+z');
    await expect(grade).toHaveValue('');
    await page.keyboard.press('Control+Shift+z');
    await expect(grade).toHaveValue('2');

    // The stance too, so the comparison has two kinds of change.
    await insp.getByTestId('stance-favoured').check();

    const brief = (await download(page, 'snapshot-brief-md')).bytes.toString('utf8');
    expect(brief).toMatch(/\(¶ \d+\)[^\n]* · credibility 2 \(Probably true\)/);

    await menu(page, 'snapshot-compare');
    await page.getByTestId('compare-file-a').setInputFiles(earlier.file);
    await page.getByTestId('compare-submit').click();
    const panel = page.getByTestId('comparison-panel');
    await expect(panel.getByTestId('comparison-group-nodes')).toContainText('stance Open → Favoured');
    await expect(panel.getByTestId('comparison-group-evidence')).toContainText('credibility not graded → 2 (Probably true)');
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/diff-changed/);
    await expectNoA11yViolations(page, 'comparison with grades');
  });

  test('a broken assumption: the overview names the options it weakens, not the one resting on its negation', async ({ page }) => {
    // Nothing selected: the inspector shows the overview; the status is set in the Key Assumptions table.
    await openApp(page, '/');
    await page.getByRole('tab', { name: 'Key assumptions' }).click();
    await page.getByTestId('kac-status-taliban-unwilling-or-unable').selectOption('broken');
    const overview = page.getByTestId('inspector-overview');
    await expect(overview.getByTestId('overview-weak')).toContainText('1 judgement of the Key Assumptions Check weakening branches, and 2 options');
    await expect(overview.getByTestId('overview-weakened-kunar-strike')).toHaveText('Weakened');
    await expect(overview.getByTestId('overview-weakened-wait-for-taliban')).toHaveCount(0);
    await expectNoA11yViolations(page, 'overview with a weakened option');
  });

  test('a new branch under an outcome is never a decision; the kind list follows the rule', async ({ page }) => {
    await openApp(page, '/?node=assurances-backed-by-action');
    const insp = page.getByTestId('inspector');
    const kinds = insp.getByTestId('add-child-kind');
    await expect(kinds).toHaveValue('outcome');
    await expect(kinds.locator('option')).toHaveText(['Option', 'Chance', 'Outcome']);
  });
});
