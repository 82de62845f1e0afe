import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDialog, download, expectNoA11yViolations, menu, openApp, OPTION_IDS, selectBranch, treeItem } from './helpers';

const HOSTILE = path.resolve(__dirname, '../fixtures/hostile');
const SCENARIO = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as {
  title: string;
  nodes: Array<{ id: string; title: string }>;
};
const OPTION_TITLES = Object.values(OPTION_IDS).map((id) => SCENARIO.nodes.find((n) => n.id === id)!.title);
const RIVERTON = readFileSync(path.join(HOSTILE, 'valid-snapshot.json'), 'utf8');

interface Case {
  file: string;
  expect: string | null;
  imports: boolean;
  about: string;
}
const CASES = JSON.parse(readFileSync(path.join(HOSTILE, 'cases.json'), 'utf8')) as Case[];

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

/** Selects a branch through its outline link (works wherever the tree is panned). */
async function annotate(page: Page, nodeId: string, note: string) {
  await selectBranch(page, nodeId);
  const insp = page.getByTestId('inspector');
  await insp.getByTestId('stance-favoured').check();
  await insp.getByTestId('note-input').fill(note);
  await expect(treeItem(page, nodeId)).toHaveClass(/stance-favoured/);
  await waitSaved(page);
}

async function expectNote(page: Page, nodeId: string, note: string) {
  await selectBranch(page, nodeId);
  await expect(page.getByTestId('inspector').getByTestId('note-input')).toHaveValue(note);
}

test.describe('snapshots', () => {
  test('each Snapshot dialog has its own title id and passes axe; Escape closes it and focus goes back to the menu', async ({ page }) => {
    await openApp(page);
    for (const [item, dialog] of [
      ['snapshot-paste', 'paste-dialog'],
      ['snapshot-compare', 'compare-dialog'],
      ['snapshot-brief-print', 'brief-dialog'],
      ['snapshot-share', 'share-dialog'],
    ] as const) {
      await menu(page, item);
      await checkDialog(page, dialog, page.getByTestId('snapshot-menu-button'));
    }
  });

  test('export a snapshot, clear storage, import it with the file picker: the same tree and annotations come back', async ({ page, browser }) => {
    await openApp(page, '/?node=kunar-strike');
    await annotate(page, 'kunar-strike', 'Round trip: **the least bad** option.');
    await page.getByTestId('inspector').getByTestId('assumption-status-hedging-warranted').selectOption('caveated');
    await waitSaved(page);

    const exported = await download(page, 'snapshot-export-json');
    expect(exported.name).toMatch(/^branchpoint-pakistan-s-response-to-the-ttp-sanctuary[a-z-]*-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const snap = JSON.parse(exported.bytes.toString('utf8'));
    expect(snap.format).toBe('branchpoint-snapshot');
    expect(snap.document.annotations.nodes['kunar-strike'].note).toBe('Round trip: **the least bad** option.');
    await expect(page.getByTestId('snapshot-status')).toContainText(exported.name);

    // A browser with nothing stored.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await openApp(fresh, '/');
    await expect(treeItem(fresh, 'kunar-strike')).not.toHaveClass(/stance-favoured/);
    const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), menu(fresh, 'snapshot-import')]);
    await chooser.setFiles(exported.file);
    const dialog = fresh.getByTestId('import-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Import a snapshot' })).toBeVisible();
    await expect(fresh.getByTestId('import-summary-title')).toHaveText(SCENARIO.title);
    await expect(fresh.getByTestId('import-summary-branches')).toHaveText(String(SCENARIO.nodes.length));
    await expect(fresh.getByTestId('import-summary-annotations')).toContainText('2');
    await expect(fresh.getByTestId('import-add')).toBeFocused();
    await expectNoA11yViolations(fresh, 'import preview');
    await fresh.getByTestId('import-add').click();
    await expect(dialog).toBeHidden();

    await expect(treeItem(fresh, 'kunar-strike')).toHaveClass(/stance-favoured/);
    await expect(fresh.getByTestId('scenario-select')).toHaveValue(/^doc:/);
    await expectNote(fresh, 'kunar-strike', 'Round trip: **the least bad** option.');
    await expect(fresh.getByTestId('inspector').getByTestId('assumption-status-hedging-warranted')).toHaveValue('caveated');
    // Exported again, the document is the same.
    const again = JSON.parse((await download(fresh, 'snapshot-export-json')).bytes.toString('utf8'));
    expect(again.document).toEqual(snap.document);
    await context.close();
  });

  // The hostile corpus in two halves (two workers), each on one page; the > 10 MB file goes with the first.
  for (const [half, cases] of [
    [1, CASES.slice(0, Math.ceil(CASES.length / 2))],
    [2, CASES.slice(Math.ceil(CASES.length / 2))],
  ] as const) {
    test(`hostile files (part ${half} of 2) are refused with their message, or previewed, through the real picker; nothing changes`, async ({ page }) => {
      test.setTimeout(120_000);
      // Script in an imported title or note must never run.
      const alerts: string[] = [];
      page.on('dialog', (d) => {
        alerts.push(d.message());
        void d.dismiss();
      });
      await openApp(page, '/?node=hedge-like-russia');
      await annotate(page, 'hedge-like-russia', 'Made before the hostile imports.');
      const select = page.getByTestId('scenario-select');
      const before = await select.inputValue();
      const optionsBefore = await select.locator('option').count();
      const input = page.getByTestId('snapshot-file-input');
      const dialog = page.getByTestId('import-dialog');

      for (const c of cases) {
        await input.setInputFiles(path.join(HOSTILE, c.file));
        // waitFor (not expect's back-off polling) keeps the many round trips quick.
        await dialog.waitFor({ state: 'visible' });
        if (!c.imports) {
          await expect(page.getByTestId('import-error'), c.file).toContainText(c.expect!);
          await expect(dialog, c.file).toContainText('Nothing was changed');
          await page.getByTestId('import-close').click();
        } else {
          await expect(page.getByTestId('import-summary'), c.file).toBeVisible();
          if (c.expect) await expect(page.getByTestId('import-repairs'), c.file).toContainText(c.expect);
          else await expect(page.getByTestId('import-repairs'), c.file).toHaveCount(0);
          // Refusing the import changes nothing.
          await page.getByTestId('import-cancel').click();
        }
        await dialog.waitFor({ state: 'detached' });
      }

      if (half === 1) {
        // Larger than 10 MB: refused before it is read.
        await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
        await expect(page.getByTestId('import-error')).toContainText(
          'The file is too large (10,485,761 bytes); Branchpoint imports files of up to 10 MB',
        );
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      }

      await expect(select).toHaveValue(before);
      await expect(select.locator('option')).toHaveCount(optionsBefore);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCENARIO.title);
      await expect(treeItem(page, 'hedge-like-russia')).toHaveClass(/stance-favoured/);
      await expectNote(page, 'hedge-like-russia', 'Made before the hostile imports.');
      expect(alerts).toEqual([]);
    });
  }

  test('share link: copy it, open it in another browser, import a copy with the annotations', async ({ page, browser }) => {
    await openApp(page, '/?node=wait-for-taliban');
    await annotate(page, 'wait-for-taliban', 'Shared by link.');
    await menu(page, 'snapshot-share');
    const share = page.getByTestId('share-dialog');
    await expect(share).toBeVisible();
    const field = page.getByTestId('share-link-field');
    const link = await field.inputValue();
    expect(link.startsWith(`${new URL(page.url()).origin}/#s=`)).toBe(true);
    await expect(page.getByTestId('share-length')).toContainText(`${link.length.toLocaleString('en-GB')} characters`);
    await page.getByTestId('share-copy').click();
    await expect(page.getByTestId('share-copied')).not.toBeEmpty();
    await page.keyboard.press('Escape');
    await expect(share).toHaveCount(0);
    await expect(page.getByTestId('snapshot-menu-button')).toBeFocused();

    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
    const dialog = other.getByTestId('import-dialog');
    await expect(dialog.getByRole('heading', { name: 'Opened from a share link' })).toBeVisible();
    await expect(other.getByTestId('import-summary-title')).toHaveText(SCENARIO.title);
    await other.getByTestId('import-add').click();
    await expect(dialog).toHaveCount(0);
    expect(new URL(other.url()).hash).toBe('');
    await expect(treeItem(other, 'wait-for-taliban')).toHaveClass(/stance-favoured/);
    await expectNote(other, 'wait-for-taliban', 'Shared by link.');

    // A damaged link says so and changes nothing; the hash is cleared either way.
    await other.goto('/#s=not*a*real*link');
    await expect(other.getByTestId('import-error')).toContainText('The link is damaged');
    await other.getByTestId('import-close').click();
    expect(new URL(other.url()).hash).toBe('');
    await expect(other.getByTestId('scenario-select')).toHaveValue(/^doc:/);
    await context.close();
  });

  test('the brief: Markdown download and a print view that prints only the brief', async ({ page }) => {
    await openApp(page, '/?node=kunar-strike');
    await annotate(page, 'kunar-strike', 'Decapitation buys time for containment.');

    const md = await download(page, 'snapshot-brief-md');
    expect(md.name).toMatch(/-brief\.md$/);
    const text = md.bytes.toString('utf8');
    const bottom = text.indexOf('## Bottom line');
    const question = text.indexOf('## The question');
    expect(bottom).toBeGreaterThan(0);
    expect(question).toBeGreaterThan(bottom);
    expect(text.slice(bottom, question)).toContain('Plan for the worst case: a hedge, up to kinetic action against the TTP in Kunar');
    expect(text.slice(bottom, question)).toContain('Decapitation buys time for containment.');
    for (const title of OPTION_TITLES) expect(text).toContain(title);
    expect(text).toMatch(/\(¶ \d+\)/);

    await menu(page, 'snapshot-brief-print');
    await expect(page.getByTestId('brief-dialog')).toBeVisible();
    await expect(page.getByTestId('print-brief')).toBeHidden();
    await page.emulateMedia({ media: 'print' });
    const printed = page.getByTestId('print-brief');
    await expect(printed).toBeVisible();
    for (const title of OPTION_TITLES) await expect(printed.getByText(title, { exact: false }).first()).toBeVisible();
    await expect(printed.getByRole('heading', { name: 'Bottom line' })).toBeVisible();
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(page.locator('#tree')).toBeHidden();
    await expect(page.getByTestId('brief-dialog')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('brief-dialog')).toHaveCount(0);
    await expect(page.getByTestId('print-brief')).toHaveCount(0);
  });

  test('a long title is whole in the exported SVG, wrapped, and the picture has no expand buttons', async ({ page }) => {
    await openApp(page, '/?node=fight-in-towns');
    const long = 'Fight the TTP inside Pakistan’s towns and cities, street by street, with the police and the courts in front and the Army behind them, for as long as it takes';
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('rename-button').click();
    await insp.getByTestId('rename-input').fill(long);
    await insp.getByTestId('rename-input').press('Enter');
    await expect(page.getByTestId('inspector-title')).toHaveText(long);
    // On the tree: every word of the title is on the card.
    await expect(treeItem(page, 'fight-in-towns').locator('text.label')).toHaveText(long);

    const svg = (await download(page, 'snapshot-export-svg')).bytes.toString('utf8');
    const labels = [...svg.matchAll(/<text class="label"[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'"));
    const card = labels.find((l) => l.startsWith('Fight the TTP inside'));
    expect(card).toBe(long);
    expect(svg.match(/<text class="label"[^>]*>(?:(?!<\/text>)[\s\S])*Fight the TTP inside(?:(?!<\/text>)[\s\S])*<\/text>/)![0].match(/<tspan/g)!.length).toBeGreaterThan(2);
    expect(svg).not.toContain('…</tspan>');
    expect(svg).not.toContain('class="toggle"');
  });

  test('SVG and PNG pictures of the tree re-import and restore the analysis', async ({ page }) => {
    await openApp(page, '/?node=fight-in-towns');
    await annotate(page, 'fight-in-towns', 'Picture note 42');

    const svg = await download(page, 'snapshot-export-svg');
    expect(svg.name).toMatch(/\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<?xml')).toBe(true);
    expect(svgText).toContain('data-branchpoint="snapshot"');
    expect(svgText).toContain('Fight the TTP inside Pakistan’s towns and cities');
    expect(svgText).toContain('★ favoured');
    expect(svgText).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

    const png = await download(page, 'snapshot-export-png');
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.bytes.includes(Buffer.from('branchpoint-snapshot'))).toBe(true);

    // Change the note, then bring the exported analysis back from each picture.
    await page.getByTestId('inspector').getByTestId('note-input').fill('changed after the export');
    await waitSaved(page);
    const input = page.getByTestId('snapshot-file-input');
    const dialog = page.getByTestId('import-dialog');

    await input.setInputFiles(svg.file);
    await expect(page.getByTestId('import-summary-title')).toHaveText(SCENARIO.title);
    await page.getByTestId('import-add').click();
    await expect(dialog).toHaveCount(0);
    await expectNote(page, 'fight-in-towns', 'Picture note 42');

    await input.setInputFiles(png.file);
    await expect(page.getByTestId('import-summary-title')).toHaveText(SCENARIO.title);
    // Replace asks first; Back keeps everything.
    await page.getByTestId('import-replace').click();
    await page.getByTestId('import-replace-back').click();
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('inspector').getByTestId('note-input').fill('changed again');
    await input.setInputFiles(png.file);
    await page.getByTestId('import-replace').click();
    await page.getByTestId('import-replace-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expectNote(page, 'fight-in-towns', 'Picture note 42');
    // One undoable step.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expectNote(page, 'fight-in-towns', 'changed again');
  });

  test('drop a file anywhere, paste a snapshot, and the menu works by keyboard', async ({ page }) => {
    await openApp(page, '/');
    const button = page.getByTestId('snapshot-menu-button');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('snapshot-export-json')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('snapshot-import')).toBeFocused();
    await page.keyboard.press('End');
    await expect(page.getByTestId('snapshot-compare')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('snapshot-menu')).toBeHidden();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();

    // Paste into the dialog.
    await menu(page, 'snapshot-paste');
    await page.getByTestId('paste-input').fill(RIVERTON);
    await page.getByTestId('paste-submit').click();
    await expect(page.getByTestId('import-dialog')).toContainText('From pasted text.');
    await expect(page.getByTestId('import-summary-title')).toHaveText("Riverton's drought response");
    await page.getByTestId('import-cancel').click();

    // Paste anywhere outside a text field.
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, RIVERTON);
    await expect(page.getByTestId('import-summary-title')).toHaveText("Riverton's drought response");
    await page.getByTestId('import-cancel').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCENARIO.title);

    // Drop.
    const data = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'riverton.json', { type: 'application/json' }));
      return dt;
    }, RIVERTON);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: data });
    await expect(page.getByTestId('drop-overlay')).toContainText('Drop a snapshot, SVG or PNG to import');
    await page.dispatchEvent('main', 'drop', { dataTransfer: data });
    await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
    await expect(page.getByTestId('import-dialog')).toContainText('Dropped file: “riverton.json”');
    await page.getByTestId('import-add').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Riverton's drought response");
    await expect(page.getByTestId('scenario-select')).toHaveValue('doc:riverton-drought');
  });

  test('compare with a snapshot: the renamed branch is listed and highlighted on the tree', async ({ page }) => {
    await openApp(page, '/?node=fight-in-towns');
    const earlier = await download(page, 'snapshot-export-json');
    const insp = page.getByTestId('inspector');
    await insp.getByTestId('rename-button').click();
    await insp.getByTestId('rename-input').fill('Fight the TTP at home');
    await insp.getByTestId('rename-input').press('Enter');
    await expect(page.getByTestId('inspector-title')).toHaveText('Fight the TTP at home');

    await menu(page, 'snapshot-compare');
    await page.getByTestId('compare-file-a').setInputFiles(earlier.file);
    await page.getByTestId('compare-submit').click();
    const panel = page.getByTestId('comparison-panel');
    await expect(panel.getByTestId('comparison-group-nodes')).toContainText('“Fight the TTP inside Pakistan’s towns and cities” renamed to “Fight the TTP at home”');
    await expect(page.locator('[role=treeitem].diff-renamed')).toHaveCount(1);
    await expect(treeItem(page, 'fight-in-towns')).toHaveClass(/diff-renamed/);
    await page.getByTestId('comparison-clear').click();
    await expect(panel).toHaveCount(0);
    await expect(page.locator('[role=treeitem].diff-renamed')).toHaveCount(0);

    // Two files.
    const later = await download(page, 'snapshot-export-json');
    await menu(page, 'snapshot-compare');
    await page.getByTestId('compare-mode-two').check();
    await page.getByTestId('compare-file-a').setInputFiles(earlier.file);
    await page.getByTestId('compare-file-b').setInputFiles(later.file);
    await page.getByTestId('compare-submit').click();
    await expect(panel.getByTestId('comparison-group-nodes')).toContainText('renamed to');
    await expect(treeItem(page, 'fight-in-towns')).toHaveClass(/diff-renamed/);

    // A removed branch is listed with its place; the panel sits above the tree, never over it.
    await page.getByTestId('comparison-clear').click();
    await treeItem(page, 'fight-in-towns').click();
    await insp.getByTestId('delete-branch').click();
    await insp.getByTestId('confirm-delete').click();
    await expect(treeItem(page, 'fight-in-towns')).toHaveCount(0);
    await menu(page, 'snapshot-compare');
    await page.getByTestId('compare-file-a').setInputFiles(earlier.file);
    await page.getByTestId('compare-submit').click();
    await expect(panel.getByTestId('comparison-off-fight-in-towns')).toContainText(/removed.*Fight the TTP inside Pakistan’s towns and cities.*under “.+”, branch \d+ of \d+/);
    const panelBox = (await panel.boundingBox())!;
    const canvasBox = (await page.locator('.tree-canvas').boundingBox())!;
    expect(panelBox.y + panelBox.height, 'the panel ends above the tree').toBeLessThanOrEqual(canvasBox.y + 1);

    // A file that is not a snapshot is refused in the dialog.
    await page.getByTestId('comparison-clear').click();
    await menu(page, 'snapshot-compare');
    await page.getByTestId('compare-file-a').setInputFiles(path.join(HOSTILE, 'not-json.txt'));
    await page.getByTestId('compare-submit').click();
    await expect(page.getByTestId('compare-error')).toContainText('Not valid JSON');
  });
});
