import { test, expect, type Page } from '@playwright/test';
import { openApp, treeItem, expectNoA11yViolations } from './helpers';

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

test.describe('annotation and authoring', () => {
  test('annotate a branch and an assumption, reload: everything is still there', async ({ page }) => {
    await openApp(page, '/?node=kunar-strike');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('stance-favoured').check();
    await insp.getByTestId('likelihood-select').selectOption('likely');
    await insp.getByTestId('note-input').fill('The **least bad** option, if the PM approves.');
    await insp.getByTestId('tag-input').fill('kinetic');
    await insp.getByTestId('tag-input').press('Enter');
    await insp.getByTestId('assumption-status-hedging-warranted').selectOption('caveated');
    await expect(insp.getByTestId('note-preview').locator('strong')).toHaveText('least bad');
    // The branch shows the stance on the tree, and the first edit made the user's own copy.
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/stance-favoured/);
    await waitSaved(page);
    await expect(page.getByTestId('scenario-select')).toContainText('your working copy');

    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
    await expect(treeItem(page, 'kunar-strike')).toHaveAttribute('aria-selected', 'true');
    await expect(insp.getByTestId('stance-favoured')).toBeChecked();
    await expect(insp.getByTestId('likelihood-select')).toHaveValue('likely');
    await expect(insp.getByTestId('note-input')).toHaveValue('The **least bad** option, if the PM approves.');
    await expect(insp.getByTestId('tag').first()).toContainText('kinetic');
    await expect(insp.getByTestId('assumption-status-hedging-warranted')).toHaveValue('caveated');
    await expect(treeItem(page, 'kunar-strike')).toHaveAccessibleDescription(/Favoured.*Likely \(55–80%\)/);
  });

  test('undo and redo by keyboard and buttons; typing in one field is one step', async ({ page }) => {
    await openApp(page, '/?node=hedge-like-russia');
    const insp = page.getByTestId('inspector');
    const note = insp.getByTestId('note-input');
    await note.click();
    await note.pressSequentially('first thoughts', { delay: 20 });
    await insp.getByTestId('stance-needs-work').check();
    await expect(treeItem(page, 'hedge-like-russia')).toHaveClass(/stance-needs-work/);
    await page.keyboard.press('Control+z');
    await expect(treeItem(page, 'hedge-like-russia')).not.toHaveClass(/stance-needs-work/);
    await expect(note).toHaveValue('first thoughts');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(note).toHaveValue('');
    await page.keyboard.press('Control+Shift+z');
    await expect(note).toHaveValue('first thoughts');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(treeItem(page, 'hedge-like-russia')).toHaveClass(/stance-needs-work/);
    await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
  });

  test('undo inside a note stays in the note; undo and redo say what they undid', async ({ page }) => {
    // Opened at the hedge, so the path to it is expanded; then the option above it is selected.
    await openApp(page, '/?node=hedge-like-russia');
    await treeItem(page, 'kunar-strike').click();
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('stance-favoured').check();
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/stance-favoured/);

    // Another branch: type in its note, then press Ctrl+Z more times than there were keys.
    await treeItem(page, 'hedge-like-russia').click();
    await expect(page.getByTestId('inspector-title')).toContainText('Russia');
    const note = insp.getByTestId('note-input');
    await note.click();
    await note.pressSequentially('abc', { delay: 20 });
    await expect(note).toHaveValue('abc');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Control+z');
    await expect(note).toHaveValue('');
    await expect(note).toBeFocused();
    // The other branch's stance was not reached.
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/stance-favoured/);

    // Outside the field, undo is the document's, and says what it undid.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('announcer')).toHaveText(/^Undid: annotate branch “.*Russia/);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(page.getByTestId('announcer')).toHaveText(/^Redid: annotate branch “.*Russia/);
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/stance-favoured/);
  });

  test('author a branch: add, rename, move, delete with confirmation', async ({ page }) => {
    await openApp(page, '/?node=hedge-extent');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('add-child-kind').selectOption('outcome');
    await insp.getByTestId('add-child-title').fill('Kabul reads the hedge as hostile');
    await insp.getByTestId('add-child-button').click();
    const added = treeItem(page, 'kabul-reads-the-hedge-as-hostile');
    await expect(added).toBeVisible();
    await expect(added).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('inspector-title')).toHaveText('Kabul reads the hedge as hostile');

    await insp.getByTestId('rename-button').click();
    await insp.getByTestId('rename-input').fill('Kabul reads the hedge as a threat');
    await insp.getByTestId('rename-input').press('Enter');
    await expect(page.getByTestId('inspector-title')).toHaveText('Kabul reads the hedge as a threat');
    await expect(page.locator('#panel-outline')).toContainText('Kabul reads the hedge as a threat');

    // Added after the hedge's three options; up one place, before the strike.
    await insp.getByTestId('move-up').click();
    await expect(added).toHaveAttribute('aria-posinset', '3');

    await insp.getByTestId('delete-branch').click();
    await insp.getByTestId('confirm-delete').click();
    await expect(added).toHaveCount(0);
    await expect(treeItem(page, 'hedge-extent')).toHaveAttribute('aria-selected', 'true');
    await waitSaved(page);
    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
    await expect(treeItem(page, 'kabul-reads-the-hedge-as-hostile')).toHaveCount(0);
  });

  test('a judgement weakens the side of the proposition that fails: broken weakens what rests on it, solid what rests on its negation', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, '/?node=wait-for-taliban');
    await page.getByRole('button', { name: 'Expand all' }).click();
    const insp = page.getByTestId('inspector');
    // Waiting for the Taliban rests on their being willing and able to act: the inspector says so.
    await expect(insp.getByTestId('premise-side-taliban-unwilling-or-unable')).toHaveValue('fails');
    await insp.getByTestId('assumption-status-taliban-unwilling-or-unable').selectOption('broken');
    const broken = page.locator('[role="treeitem"].is-broken');
    await expect(broken).toHaveCount(4);
    for (const id of ['kunar-strike', 'fight-in-towns', 'ttp-left-to-pakistan', 'strike-fails-to-contain']) {
      await expect(treeItem(page, id)).toHaveClass(/is-broken/);
    }
    await expect(treeItem(page, 'wait-for-taliban')).not.toHaveClass(/is-broken/);
    await expect(treeItem(page, 'kunar-strike')).toHaveAccessibleDescription(/rests on a premise that fails the Key Assumptions Check/);
    await page.getByRole('tab', { name: 'Key assumptions' }).click();
    const table = page.getByTestId('kac-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('kac-summary')).toContainText('Plan for the worst case: a hedge, up to kinetic action against the TTP in Kunar');
    await expect(page.getByTestId('kac-summary')).not.toContainText('Wait for the Afghan Taliban');
    await expect(table.getByTestId('kac-affected-kunar-strike')).toBeVisible();
    await expect(table.getByTestId('kac-affected-wait-for-taliban')).toHaveCount(0);
    // The row shows which options each side carries.
    await expect(table.getByTestId('kac-options-fails-taliban-unwilling-or-unable')).toContainText('Wait for the Afghan Taliban');
    await expect(table.getByTestId('kac-options-holds-taliban-unwilling-or-unable')).toContainText('Plan for the worst case');
    await expect(page.getByTestId('kac-status-taliban-unwilling-or-unable')).toHaveValue('broken');
    // Solid: the other side fails. Waiting, the chance that the Taliban act, the Taliban backing their assurances,
    // and the strike's success (which needs the Taliban to contain the TTP) are weakened; the strike's option is not.
    await page.getByTestId('kac-status-taliban-unwilling-or-unable').selectOption('solid');
    await expect(broken).toHaveCount(4);
    for (const id of ['wait-for-taliban', 'taliban-act-on-ttp', 'assurances-backed-by-action', 'taliban-contain-ttp']) {
      await expect(treeItem(page, id)).toHaveClass(/is-broken/);
    }
    await expect(treeItem(page, 'kunar-strike')).not.toHaveClass(/is-broken/);
    await expect(table.getByTestId('kac-affected-wait-for-taliban')).toBeVisible();
    // With caveats: the marks go.
    await page.getByTestId('kac-status-taliban-unwilling-or-unable').selectOption('caveated');
    await expect(broken).toHaveCount(0);
    await expectNoA11yViolations(page, 'Key Assumptions table');
  });

  test('two tabs on the same scenario never silently lose an edit', async ({ browser }) => {
    const context = await browser.newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    await openApp(a, '/?node=kunar-strike');
    await a.getByTestId('note-input').fill('base note');
    await waitSaved(a);
    await openApp(b, '/?node=kunar-strike');
    await expect(b.getByTestId('note-input')).toHaveValue('base note');
    // A saves; B, with no unsaved edits, picks it up.
    await a.getByTestId('note-input').fill('edited in A');
    await waitSaved(a);
    await expect(b.getByTestId('note-input')).toHaveValue('edited in A');
    await context.close();
  });

  test('concurrent edits in two tabs: the tab that saves second is warned, and both versions are kept', async ({ browser }) => {
    const context = await browser.newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    await openApp(a, '/?node=kunar-strike');
    await a.getByTestId('note-input').fill('base');
    await waitSaved(a);
    await openApp(b, '/?node=kunar-strike');
    await expect(b.getByTestId('note-input')).toHaveValue('base');
    // Both edit from the same saved revision, within one autosave delay of each other.
    // Click both within a few milliseconds (far inside the autosave delay), as two people would.
    const click = (testId: string) => (document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement).click();
    await Promise.all([b.evaluate(click, 'stance-rejected'), a.evaluate(click, 'stance-favoured')]);
    const warnedA = a.getByRole('alert').filter({ hasText: 'another tab' }).first();
    const warnedB = b.getByRole('alert').filter({ hasText: 'another tab' }).first();
    await expect.poll(async () => (await warnedA.isVisible()) || (await warnedB.isVisible()), { timeout: 15_000 }).toBe(true);
    const [loser, winnerStance, loserStance] = (await warnedB.isVisible()) ? [b, 'favoured', 'rejected'] : [a, 'rejected', 'favoured'];
    await loser.getByRole('button', { name: 'Load their version (keep mine as a copy)' }).click();
    await expect(loser.getByTestId(`stance-${winnerStance}`)).toBeChecked();
    // The losing tab's version is kept as a copy in the user's scenarios.
    await expect(loser.getByTestId('scenario-select')).toContainText('(my version)');
    const copyValue = await loser.getByTestId('scenario-select').locator('option', { hasText: '(my version)' }).getAttribute('value');
    await loser.getByTestId('scenario-select').selectOption(copyValue!);
    // The switch is asynchronous (the autosave is flushed first): the controlled select shows the copy once it is open.
    // A click before then lands on the tree being left, and the copy opens with its own selection.
    await expect(loser.getByTestId('scenario-select')).toHaveValue(copyValue!);
    await loser.getByRole('tree').getByRole('treeitem', { name: /^Plan for the worst case/ }).click();
    await expect(loser.getByTestId(`stance-${loserStance}`)).toBeChecked();
    await context.close();
  });

  test('script and markup typed into titles and notes render as inert text', async ({ page }) => {
    await openApp(page, '/?node=hedge-like-russia');
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('note-input').fill(`${payload} [click](javascript:window.__xss=3) [data](data:text/html,<script>alert(1)</script>)`);
    await insp.getByTestId('rename-button').click();
    await insp.getByTestId('rename-input').fill(payload);
    await insp.getByTestId('rename-input').press('Enter');
    await expect(page.getByTestId('inspector-title')).toHaveText(payload);
    await expect(insp.getByTestId('note-preview')).toContainText('<img src=x');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:"], a[href^="data:"]')).toHaveCount(0);
    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
    await expect(page.getByTestId('inspector-title')).toHaveText(payload);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});
