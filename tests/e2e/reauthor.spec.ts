/**
 * Issue 9, item 7: an analyst's work on the article scenario as shipped before
 * its re-authoring (revision 1) still loads. Saved work in the browser and an
 * exported snapshot both open on the current revision with each annotation
 * whose target still exists, and the user is told, by name, what could not be
 * carried over. Frozen fixtures: tests/fixtures/saved/saved-v1-article-r1.json,
 * tests/fixtures/reauthor/snapshot-article-r1.json.
 */
import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, treeItem, expectNoA11yViolations, selectBranch } from './helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const SAVED = fs.readFileSync(path.join(FIXTURES, 'saved/saved-v1-article-r1.json'), 'utf8');
const SNAPSHOT = path.join(FIXTURES, 'reauthor/snapshot-article-r1.json');
const DOC = 'taliban-ttp-conundrum';

/** Writes the old saved record (and a library listing it) into the app's IndexedDB, as an older build left it. */
async function seedOldSave(page: Page) {
  await page.evaluate(
    ([doc, saved]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('branchpoint', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', 'readwrite');
          const store = tx.objectStore('kv');
          store.put(saved, `doc:${doc}`);
          store.put(
            JSON.stringify({
              kind: 'branchpoint-library',
              version: 1,
              currentId: doc,
              docs: [{ id: doc, title: 'Pakistan’s response to the TTP sanctuary in Taliban-led Afghanistan', shippedFrom: doc, updatedAt: '2026-12-03T10:05:00.000Z' }],
            }),
            'library',
          );
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    [DOC, SAVED] as const,
  );
}

/**
 * The note field of a branch, selected from the outline by keyboard (selectBranch). The outline here was re-rendered
 * with the loaded or imported work while off screen, so a row above the link may still settle as it scrolls into view.
 */
async function noteOf(page: Page, nodeId: string) {
  await selectBranch(page, nodeId);
  return page.getByTestId('inspector').getByTestId('note-input');
}

test.describe('old work on the re-authored article scenario', () => {
  test('saved work from revision 1 opens on the current tree, annotations kept where their branch remains, the dropped ones named', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, '/');
    await seedOldSave(page);
    await openApp(page, '/');
    const notice = page.locator('.notice').filter({ hasText: 'has been re-authored' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('was brought up to date');
    await expect(notice).toContainText('6 annotations carried over');
    await expect(notice).toContainText('“Which commitments on foreign militants do the Taliban keep?” (taliban-other-commitments): it is now background in the context');
    await expect(notice).toContainText('(border-militancy-resurges)');
    await expect(notice).toContainText('the risk “IS-K and the TTP overlap and cooperate operationally.” (isk-ttp-cooperation)');
    // The current tree: three courses, the hedge a decision of its own.
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(treeItem(page, 'hedge-extent')).toBeVisible();
    await expect(treeItem(page, 'taliban-other-commitments')).toHaveCount(0);
    // Kept and renamed annotations are there.
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/stance-favoured/);
    await expect(await noteOf(page, 'kunar-strike')).toHaveValue('Kept: the strike needs Erdogan-level will.');
    await expect(await noteOf(page, 'strike-approved')).toHaveValue('Renamed: approval is the crux.');
    await expectNoA11yViolations(page, 'revision notice');
  });

  test('a snapshot of revision 1 imported through the picker: the preview names what is not carried over, and the import keeps the rest', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, '/');
    await page.getByTestId('snapshot-file-input').setInputFiles(SNAPSHOT);
    const repairs = page.getByTestId('import-repairs');
    await expect(repairs).toContainText('has been re-authored since this copy was made (revision 1 to 2)');
    await expect(repairs).toContainText('Not carried over (3 annotations');
    await expect(repairs).toContainText('(see the context item “Resurgent TTP militancy in the border region”)');
    await expectNoA11yViolations(page, 'import preview of an old revision');
    await page.getByTestId('import-add').click();
    await expect(page.getByTestId('import-dialog')).toHaveCount(0);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(treeItem(page, 'kunar-strike')).toHaveClass(/stance-favoured/);
    await expect(await noteOf(page, 'wait-for-taliban')).toHaveValue('Kept: waiting looks naive.');
    await expect(await noteOf(page, 'strike-approved')).toHaveValue('Renamed: approval is the crux.');
  });
});
