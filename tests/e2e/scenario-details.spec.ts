import { test, expect, type Page } from '@playwright/test';
import { expectNoA11yViolations, duplicateIds, openApp, treeItem } from './helpers';

// The Scenario editor (command "Edit details") and the inspector's "Actors and
// context" section: edits go through the store, show at once, undo, and are
// kept after a reload; a new scenario takes sources pasted or uploaded.
test.use({ viewport: { width: 1280, height: 800 } });
// Each test runs axe on the whole page at least once, which is slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });

async function openEditor(page: Page, tab?: 'details' | 'sources' | 'actors' | 'context') {
  await page.locator('.app-header').getByTestId('scenario-edit').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor).toBeVisible();
  if (tab) await editor.getByTestId(`se-tab-${tab}`).click();
  return editor;
}

test('title, question and summary are edited in the Scenario editor, shown at once, undone, and kept after reload', async ({ page }) => {
  await openApp(page);
  const oldTitle = await page.getByRole('heading', { level: 1 }).textContent();
  const editor = await openEditor(page);
  // Focus starts on the first tab; the dialog is named by its heading, with no duplicate ids and nothing serious for axe.
  await expect(editor.getByTestId('se-tab-details')).toBeFocused();
  const titleId = await editor.getAttribute('aria-labelledby');
  await expect(editor.locator(`h2[id="${titleId}"]`)).toHaveText('Scenario details');
  expect(await duplicateIds(page)).toEqual([]);
  await expectNoA11yViolations(page, 'with the Scenario editor open');
  await page.screenshot({ path: '/tmp/scenario-editor-details.png' });

  // Arrow keys move between the tabs.
  await page.keyboard.press('ArrowRight');
  await expect(editor.getByTestId('se-tab-sources')).toBeFocused();
  await expect(editor.getByTestId('se-tab-sources')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(editor.getByTestId('se-tab-details')).toHaveAttribute('aria-selected', 'true');

  // An empty title is refused with a message, and nothing changes.
  await editor.getByTestId('se-title').fill('   ');
  await editor.getByTestId('se-save-details').click();
  await expect(editor.getByRole('alert')).toHaveText('The title must not be empty.');
  await expect(editor.getByTestId('se-title')).toBeFocused();
  await expect(editor.getByTestId('se-title')).toHaveAttribute('aria-invalid', 'true');

  await editor.getByTestId('se-title').fill('Pakistan and the TTP: my reading');
  await editor.getByTestId('se-question').fill('Should Pakistan strike the TTP in Kunar now?');
  await editor.getByTestId('se-summary').fill('My own summary of the article.');
  await editor.getByTestId('se-title').press('Enter');
  await expect(editor.getByText('Details saved.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pakistan and the TTP: my reading');
  await editor.getByTestId('se-done').click();
  await expect(editor).toHaveCount(0);
  await expect(page.locator('.app-header').getByTestId('scenario-edit')).toBeFocused();

  await expect(page.locator('.scenario-head .question')).toContainText('Should Pakistan strike the TTP in Kunar now?');
  await expect(page.getByTestId('inspector-overview')).toContainText('Should Pakistan strike the TTP in Kunar now?');
  await page.locator('.scenario-summary summary').click();
  await expect(page.locator('.scenario-summary p')).toHaveText('My own summary of the article.');

  // One undo step brings all three back; redo applies them again.
  await page.getByTestId('history-undo').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(oldTitle!);
  await page.getByTestId('history-redo').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pakistan and the TTP: my reading');

  await saved(page);
  await page.reload();
  await openApp(page, page.url());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pakistan and the TTP: my reading');
  await expect(page.locator('.scenario-head .question')).toContainText('Should Pakistan strike the TTP in Kunar now?');
});

test('a new scenario takes a source pasted and another uploaded as Markdown; a binary file is refused; both are kept after reload', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('new-title').fill('Should we build the bridge?');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Should we build the bridge?');

  let editor = await openEditor(page, 'sources');
  await expect(editor.getByText('No sources yet.')).toBeVisible();

  // Pasted: the title is proposed from the first Markdown heading.
  await editor.getByTestId('se-add-source').click();
  await expect(editor.getByTestId('se-source-title')).toBeFocused();
  await editor.getByTestId('se-source-text').fill('# Engineers’ report\n\nThe river is 300 m wide.\nThe bed is rock.');
  await expect(editor.getByTestId('se-source-title')).toHaveValue('Engineers’ report');
  await editor.getByTestId('se-source-kind').selectOption('report');
  await editor.getByTestId('se-source-author').fill('City engineers');
  await editor.getByTestId('se-source-save').click();
  const pasted = editor.getByTestId('se-source-engineers-report');
  await expect(pasted).toContainText('Engineers’ report');
  await expect(pasted).toContainText('Report');
  await expect(pasted).toContainText('City engineers');
  await expect(pasted).toContainText('3 paragraphs · 0 quotes cited');

  // Uploaded: a .md file with a byte-order mark and CRLF line endings.
  await editor.getByTestId('se-add-source').click();
  await editor.getByTestId('se-source-file').setInputFiles({
    name: 'binary.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]),
  });
  await expect(editor.getByRole('alert')).toContainText('This is not plain text or Markdown');
  await editor.getByTestId('se-source-file').setInputFiles({
    name: 'council-notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('\uFEFFCouncil notes\r\n=============\r\n\r\nThe vote is in May.\r\nFunding is not agreed.\r\n', 'utf8'),
  });
  await expect(editor.getByTestId('se-source-title')).toHaveValue('Council notes');
  await expect(editor.getByText(/Read \d+ characters from “council-notes\.md”/)).toBeVisible();
  await expect(editor.getByTestId('se-source-text')).toHaveValue('Council notes\n=============\n\nThe vote is in May.\nFunding is not agreed.\n');
  await expectNoA11yViolations(page, 'with the source form open');
  await page.screenshot({ path: '/tmp/scenario-editor-sources.png' });
  await editor.getByTestId('se-source-save').click();
  await expect(editor.getByTestId('se-source-council-notes')).toContainText('4 paragraphs');
  await expect(editor.getByTestId('se-tab-sources')).toContainText('2');

  // Edit the first one's title.
  await editor.getByTestId('se-edit-source-engineers-report').click();
  await editor.getByTestId('se-source-title').fill('Engineers’ survey');
  await editor.getByTestId('se-source-save').click();
  await expect(editor.getByTestId('se-source-engineers-report')).toContainText('Engineers’ survey');
  await editor.getByTestId('se-done').click();

  await saved(page);
  await page.reload();
  await openApp(page, page.url());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Should we build the bridge?');
  editor = await openEditor(page, 'sources');
  await expect(editor.getByTestId('se-source-engineers-report')).toContainText('Engineers’ survey');
  await expect(editor.getByTestId('se-source-council-notes')).toContainText('Council notes');

  // Removing a source asks first.
  await editor.getByTestId('se-remove-source-council-notes').click();
  await editor.getByTestId('se-confirm-remove-source-council-notes').click();
  await expect(editor.getByTestId('se-source-council-notes')).toHaveCount(0);
});

test('an actor added in the editor is linked to a branch in the inspector, shown there, and unlinked', async ({ page }) => {
  await openApp(page, '/?node=kunar-strike');
  const editor = await openEditor(page, 'actors');
  await expect(editor.getByTestId('se-tab-actors')).toContainText('26');
  // The decision-maker cannot be removed.
  await expect(editor.getByTestId('se-remove-actor-pakistan')).toBeDisabled();
  await editor.getByTestId('se-add-actor').click();
  await editor.getByTestId('se-actor-save').click();
  await expect(editor.getByRole('alert')).toHaveText('A name is needed.');
  await editor.getByTestId('se-actor-name').fill('UN special envoy');
  await editor.getByTestId('se-actor-kind').selectOption('person');
  await editor.getByTestId('se-actor-description').fill('Shuttles between Kabul and Islamabad.');
  await editor.getByTestId('se-actor-save').click();
  await expect(editor.getByTestId('se-actor-un-special-envoy')).toContainText('Bears on no branch yet');
  await expectNoA11yViolations(page, 'with the actors tab open');
  await page.screenshot({ path: '/tmp/scenario-editor-actors.png' });
  await editor.getByTestId('se-done').click();

  const inspector = page.getByTestId('inspector');
  const actors = inspector.getByTestId('bearing-actors');
  await actors.getByTestId('link-actor-select').selectOption('un-special-envoy');
  await actors.getByTestId('link-actor-button').click();
  const card = actors.getByTestId('bearing-actor-un-special-envoy');
  await expect(card).toContainText('UN special envoy');
  await expect(card).toContainText('Person');
  await expect(card).toContainText('Shuttles between Kabul and Islamabad.');
  await expect(inspector.getByTestId('section-bearing')).toContainText('11');

  // The editor now counts the branch.
  const again = await openEditor(page, 'actors');
  await expect(again.getByTestId('se-actor-un-special-envoy')).toContainText('Bears on 1 branch');
  await page.keyboard.press('Escape');
  await expect(again).toHaveCount(0);

  await card.getByTestId('unlink-actor-un-special-envoy').click();
  await expect(actors.getByTestId('bearing-actor-un-special-envoy')).toHaveCount(0);
});

test('the shipped scenario’s branches show the actors and context that bear on them', async ({ page }) => {
  await openApp(page, '/?node=kunar-strike');
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByTestId('section-bearing')).toContainText('10');
  const actors = inspector.getByTestId('bearing-actors');
  await expect(actors.getByTestId('bearing-actor-erdogan')).toContainText('President Erdogan');
  await expect(actors.getByTestId('bearing-actor-erdogan')).toContainText('Person');
  await expect(actors.getByTestId('bearing-actor-ttp')).toContainText('Armed group');
  const context = inspector.getByTestId('bearing-context');
  await expect(context.getByTestId('bearing-context-ttp-leadership-kunar')).toContainText('TTP leadership in Kunar');
  await expect(context.getByTestId('bearing-context-turkey-sdf-peace-spring')).toContainText('Operation Peace Spring');
  await expectNoA11yViolations(page, 'with the actors and context section shown');
  // Scroll the inspector (not the page) to the section.
  await inspector.evaluate((el) => {
    const head = el.querySelector('.insp-section-bearing')!;
    el.scrollTop += head.getBoundingClientRect().top - el.getBoundingClientRect().top;
  });
  await page.screenshot({ path: '/tmp/inspector-bearing.png' });

  // "Add or edit" opens the editor; Escape closes it and the branch stays selected.
  await inspector.getByTestId('bearing-manage').click();
  await expect(page.getByTestId('scenario-editor')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scenario-editor')).toHaveCount(0);
  await expect(treeItem(page, 'kunar-strike')).toHaveAttribute('aria-selected', 'true');
});
