import { test, expect, type Page } from '@playwright/test';
import { openApp, treeItem } from './helpers';

async function find(page: Page, query: string, label: RegExp) {
  const box = page.getByRole('combobox', { name: /Search/ });
  await box.fill(query);
  const first = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
  await expect(first).toContainText(label);
  await expect(first.locator('mark')).toHaveText(new RegExp(query, 'i'));
  await box.press('Enter');
}

test.describe('search everything', () => {
  test('a word only in a quote, only in a note, only in a tag: the branch is found and selected', async ({ page }) => {
    await openApp(page, '/?node=kunar-strike');
    await page.getByRole('button', { name: 'Collapse all' }).click();

    // "journalist" is only in a quote, cited through an indicator of this branch.
    await find(page, 'journalist', /Quote/);
    await expect(treeItem(page, 'ttp-left-to-pakistan')).toHaveAttribute('aria-selected', 'true');

    // A note and a tag typed on another branch.
    await openApp(page, '/?node=kunar-strike');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('note-input').fill('Ask the corps commander about zanzibarite stocks.');
    await insp.getByTestId('tag-input').fill('quetzalwatch');
    await insp.getByTestId('tag-input').press('Enter');
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await treeItem(page, 'pakistan-ttp-response').click();
    await expect(treeItem(page, 'pakistan-ttp-response')).toHaveAttribute('aria-selected', 'true');

    await find(page, 'zanzibarite', /Branch · note/);
    await expect(treeItem(page, 'kunar-strike')).toHaveAttribute('aria-selected', 'true');

    await treeItem(page, 'pakistan-ttp-response').click();
    await find(page, 'quetzalwatch', /Branch · tag/);
    await expect(treeItem(page, 'kunar-strike')).toHaveAttribute('aria-selected', 'true');
  });

  test('leaving the search field and coming straight back keeps the results open', async ({ page }) => {
    await openApp(page, '/');
    const box = page.getByRole('combobox', { name: /Search/ });
    await box.fill('kunar');
    const list = page.getByRole('listbox', { name: 'Search results' });
    await expect(list.getByRole('option').first()).toBeVisible();
    // Focus goes to a branch and back to the field in one task: the list's pending close must not outlive the return.
    await page.evaluate(() => {
      document.querySelector<SVGGElement>('[role="treeitem"]')!.focus();
      document.querySelector<HTMLInputElement>('input[role="combobox"][type="search"]')!.focus();
    });
    await expect(box).toBeFocused();
    await page.waitForTimeout(400);
    await expect(list.getByRole('option').first()).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    // Leaving for good still closes it.
    await page.getByRole('button', { name: 'Collapse all' }).focus();
    await expect(list).toHaveCount(0);
  });
});
