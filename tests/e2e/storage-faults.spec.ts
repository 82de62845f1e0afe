import { test, expect, type Page } from '@playwright/test';
import { openApp } from './helpers';

/**
 * Issue 13, in the real browser: each of the four ways the browser's copy
 * used to be lost or hidden. After each fault the user's work is intact (or
 * kept aside), they are told, they can download what was kept, and the app
 * keeps saving.
 */

const DOC = 'taliban-ttp-conundrum';
const STASH_KEY = `branchpoint:unsaved:${DOC}`;

async function waitStatus(page: Page, status: string) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', status, { timeout: 15_000 });
}

/** Reads or writes the app's IndexedDB directly, as another build or an extension could. */
async function idb(page: Page, op: 'get' | 'put' | 'delete' | 'keys', key = '', value?: unknown): Promise<unknown> {
  return page.evaluate(
    ([op, key, value]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('branchpoint', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', op === 'get' || op === 'keys' ? 'readonly' : 'readwrite');
          const store = tx.objectStore('kv');
          let result: unknown;
          const req =
            op === 'get' ? store.get(key as string) : op === 'keys' ? store.getAllKeys() : op === 'put' ? store.put(value, key as string) : store.delete(key as string);
          req.onsuccess = () => (result = req.result);
          tx.oncomplete = () => {
            db.close();
            resolve(result);
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    [op, key, value] as const,
  );
}

/** Types a note on a branch (selecting it through the address bar's deep link). */
async function typeNote(page: Page, nodeId: string, text: string) {
  await page.goto(`/?node=${nodeId}`);
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await page.getByTestId('inspector').getByTestId('note-input').fill(text);
}

async function noteOf(page: Page, nodeId: string) {
  await page.goto(`/?node=${nodeId}`);
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  return page.getByTestId('inspector').getByTestId('note-input');
}

/** Clicks "Download the damaged data" on the notice matching `text` and returns the downloaded text. */
async function downloadFrom(page: Page, text: RegExp): Promise<string> {
  const notice = page.locator('.notice').filter({ hasText: text }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the damaged data' }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test.describe('saved work survives every storage fault', () => {
  test('path 1: a record stored as an object (not text) is read, kept aside and reported; an unreadable one is never overwritten', async ({ page }) => {
    const errors = collectPageErrors(page);
    await openApp(page);
    await typeNote(page, 'kunar-strike', 'note stored as an object');
    await waitStatus(page, 'saved');
    // Another build re-stores the record as a parsed object, and the library record is gone.
    const text = (await idb(page, 'get', `doc:${DOC}`)) as string;
    await idb(page, 'put', `doc:${DOC}`, JSON.parse(text));
    await idb(page, 'delete', 'library');

    await expect(await noteOf(page, 'kunar-strike')).toHaveValue('note stored as an object');
    const repaired = page.getByRole('status').filter({ hasText: 'stored as an object instead of text' });
    await expect(repaired).toBeVisible();
    await expect(page.getByTestId('scenario-select')).toContainText('your working copy');
    const kept = JSON.parse(await downloadFrom(page, /stored as an object/));
    expect(kept.document.annotations.nodes['kunar-strike'].note).toBe('note stored as an object');
    const keys = (await idb(page, 'keys')) as string[];
    expect(keys.filter((k) => k.startsWith(`backup:${DOC}:`))).toHaveLength(1);
    // It keeps saving (now as text).
    await page.getByTestId('inspector').getByTestId('note-input').fill('note stored as an object, then edited');
    await waitStatus(page, 'saved');
    expect(typeof (await idb(page, 'get', `doc:${DOC}`))).toBe('string');

    // An object that is not a readable record: kept aside, reported, never overwritten.
    const odd = { kind: 'branchpoint-saved', version: 1, revision: 9, document: { scenario: { title: 'half written' } } };
    await idb(page, 'put', `doc:${DOC}`, odd);
    await idb(page, 'delete', 'library');
    await openApp(page);
    const alert = page.getByRole('alert').filter({ hasText: `Your saved copy “${DOC}” could not be read` });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('kept aside as a backup');
    expect(JSON.parse(await downloadFrom(page, /could not be read/))).toEqual(odd);
    await typeNote(page, 'hedge-like-russia', 'new work goes to a copy');
    await waitStatus(page, 'saved');
    expect(await idb(page, 'get', `doc:${DOC}`)).toEqual(odd);
    expect(errors).toEqual([]);
  });

  test('path 2: storage full, then reloads: the newest edit is shown as not saved, never lost, and saved once space frees', async ({ page }) => {
    const errors = collectPageErrors(page);
    // The disk filling up mid-session. (Chromium's DevTools quota override applies only to storage
    // created after it, so the fault is the browser's own: while "full", every IndexedDB write throws
    // QuotaExceededError; localStorage, outside that quota, still takes the stash at page exit.)
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (localStorage.getItem('e2e:disk-full') === '1') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.call(this, value, key);
      };
    });
    const fillDisk = () => page.evaluate(() => localStorage.setItem('e2e:disk-full', '1'));
    await openApp(page);
    await typeNote(page, 'kunar-strike', 'saved before the disk filled');
    await waitStatus(page, 'saved');

    // The disk fills.
    await fillDisk();
    await page.getByTestId('inspector').getByTestId('note-input').fill('edit one, typed with the disk full');
    await waitStatus(page, 'quota');
    await expect(page.getByRole('alert').filter({ hasText: 'Browser storage is full' }).first()).toBeVisible();

    // Reload with storage still full: the edit is there, and it says it is not saved.
    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
    await expect(page.getByTestId('inspector').getByTestId('note-input')).toHaveValue('edit one, typed with the disk full');
    await waitStatus(page, 'quota');
    await expect(page.getByTestId('save-status')).not.toHaveText(/Saved in this browser/);
    await expect(page.getByRole('alert').filter({ hasText: 'not saved yet' })).toBeVisible();
    expect(await page.evaluate((k) => localStorage.getItem(k), STASH_KEY)).toContain('edit one');

    // A second edit and another reload: the stash holds both edits.
    await typeNote(page, 'hedge-like-russia', 'edit two, also with the disk full');
    await waitStatus(page, 'quota');
    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
    const stash = (await page.evaluate((k) => localStorage.getItem(k), STASH_KEY)) ?? '';
    expect(stash).toContain('edit one');
    expect(stash).toContain('edit two');
    await waitStatus(page, 'quota');

    // Free space and reload: both edits are saved. Space frees as the next page starts (an init
    // script), so the page being left cannot save first and the stash is what brings the edits back.
    await page.addInitScript(() => localStorage.removeItem('e2e:disk-full'));
    await page.reload();
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
    await waitStatus(page, 'saved');
    await expect(page.getByRole('status').filter({ hasText: 'Recovered the changes' })).toBeVisible();
    expect(await page.evaluate((k) => localStorage.getItem(k), STASH_KEY)).toBeNull();
    await expect(await noteOf(page, 'kunar-strike')).toHaveValue('edit one, typed with the disk full');
    await expect(await noteOf(page, 'hedge-like-russia')).toHaveValue('edit two, also with the disk full');
    expect(errors).toEqual([]);
  });

  test('path 3: a damaged stash is kept aside as a backup (never deleted) and reported with a download', async ({ page }) => {
    const errors = collectPageErrors(page);
    await openApp(page);
    await typeNote(page, 'kunar-strike', 'saved work');
    await waitStatus(page, 'saved');
    const damaged = `{"docId":"${DOC}","base":1,"document":{"scenario":{"nodes":[{"id":"cut off`;
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STASH_KEY, damaged] as const);

    await expect(await noteOf(page, 'kunar-strike')).toHaveValue('saved work');
    const alert = page.getByRole('alert').filter({ hasText: 'Changes kept when the page was last closed' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('kept aside as a backup');
    expect(await downloadFrom(page, /Changes kept when the page was last closed/)).toBe(damaged);
    const keys = (await idb(page, 'keys')) as string[];
    const backup = keys.find((k) => k.startsWith(`backup:_unsaved.${DOC}:`))!;
    expect(await idb(page, 'get', backup)).toBe(damaged);
    // The app keeps saving.
    await page.getByTestId('inspector').getByTestId('note-input').fill('saved work, still saving');
    await waitStatus(page, 'saved');
    expect(errors).toEqual([]);
  });

  test('path 4: a stash holding JSON null does not stop start-up: work opened, picker enabled, new notes saved', async ({ page }) => {
    const errors = collectPageErrors(page);
    await openApp(page);
    await typeNote(page, 'kunar-strike', 'saved before the null stash');
    await waitStatus(page, 'saved');
    await page.evaluate((k) => localStorage.setItem(k, 'null'), STASH_KEY);

    await expect(await noteOf(page, 'kunar-strike')).toHaveValue('saved before the null stash');
    await expect(page.getByTestId('scenario-select')).toBeEnabled();
    const alert = page.getByRole('alert').filter({ hasText: 'holds null instead of a copy of unsaved changes' });
    await expect(alert).toBeVisible();
    expect(await downloadFrom(page, /holds null/)).toBe('null');
    await typeNote(page, 'hedge-like-russia', 'a new note after the null stash');
    await waitStatus(page, 'saved');
    await expect(await noteOf(page, 'hedge-like-russia')).toHaveValue('a new note after the null stash');
    await expect(page.getByRole('alert').filter({ hasText: 'holds null' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
