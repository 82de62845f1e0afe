/**
 * Shared work end to end, against the real sync server that playwright.config
 * starts beside the app: A shares the open scenario with "Share with my
 * team"; B joins with the editor's link and C with the viewer's, each in a
 * browser context of their own (nothing stored in common).
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { checkDialog, expectNoA11yViolations, menu, openApp, renameBranch, selectBranch, treeItem } from './helpers';

const SHOTS = 'test-results/share';


const outlineTitle = (page: Page, nodeId: string) => page.locator(`#panel-outline [data-node-link="${nodeId}"]`).first();

async function join(browser: Browser, link: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page, link);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  return page;
}

test('share with my team: an editor and A see each other’s edits, a viewer sees them and cannot edit', async ({ page: a, browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  await openApp(a, '/?node=kunar-strike');
  // A's own change before sharing: B can only know it from the room.
  await renameBranch(a, 'kunar-strike', 'Strike the sanctuary (A’s wording)');

  await menu(a, 'sync-share');
  const dialog = a.getByTestId('team-dialog');
  await expect(dialog.getByTestId('team-link-field-editor')).toBeVisible({ timeout: 20_000 });
  const editorLink = await dialog.getByTestId('team-link-field-editor').inputValue();
  const viewerLink = await dialog.getByTestId('team-link-field-viewer').inputValue();
  for (const link of [editorLink, viewerLink]) {
    const u = new URL(link);
    expect(u.searchParams.get('room')).toMatch(/^r-[A-Za-z0-9_-]{22}$/);
    // The token is in the fragment only: never sent to a server.
    expect(u.search).not.toContain('bp1.');
    expect(u.hash).toMatch(/^#token=bp1\./);
  }
  expect(new URL(editorLink).searchParams.get('room')).toBe(new URL(viewerLink).searchParams.get('room'));
  expect(editorLink).not.toBe(viewerLink);
  await expect(dialog.getByTestId('team-copy-editor')).toBeVisible();
  await expect(dialog.getByTestId('team-copy-viewer')).toBeVisible();
  await a.screenshot({ path: `${SHOTS}/share-dialog.png` });
  // Titled by its heading, no duplicate ids, axe clean; Escape closes it and focus goes back to the menu.
  await checkDialog(a, 'team-dialog', a.getByTestId('snapshot-menu-button'));
  await expect(a.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected');
  await expect(a.getByTestId('sync-status')).toHaveText('Shared: connected');
  await expect(a.getByTestId('view-only')).toHaveCount(0);

  // B, an editor, sees A's tree.
  const b = await join(browser, editorLink);
  await expect(b.getByTestId('sync-status')).toHaveText('Shared: connected');
  await expect(outlineTitle(b, 'kunar-strike')).toHaveText('Strike the sanctuary (A’s wording)');
  await expect(b.getByTestId('view-only')).toHaveCount(0);

  // Presence: A names themself; B sees who is in the room and the branch A is looking at, marked on the tree.
  await a.getByTestId('presence').locator('summary').click();
  await a.getByTestId('presence-name').fill('Desk officer');
  await a.getByTestId('presence-save').click();
  await expect(a.getByTestId('presence').locator('summary')).toHaveText('2 in the room');
  await expect(a.getByTestId('presence-list')).toContainText('Desk officer (you)');
  await expectNoA11yViolations(a, 'with the presence list open');
  await b.getByTestId('presence').locator('summary').click();
  await expect(b.getByTestId('presence-list')).toContainText('Desk officer');
  await expect(b.getByTestId('presence-list')).toContainText('looking at “Strike the sanctuary (A’s wording)”');
  await expect(treeItem(b, 'kunar-strike').getByTestId('peer-marks')).toHaveAttribute('data-peers', 'Desk officer');
  await expect(b.locator('#tree-node-kunar-strike-desc')).toContainText('Looked at by Desk officer');
  await selectBranch(a, 'fight-in-towns');
  await expect(treeItem(b, 'fight-in-towns').getByTestId('peer-marks')).toHaveAttribute('data-peers', 'Desk officer');
  await expect(treeItem(b, 'kunar-strike').getByTestId('peer-marks')).toHaveCount(0);
  await b.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot({ path: `${SHOTS}/presence.png` });
  await b.getByTestId('presence').locator('summary').click();

  // A sets a stance and renames: B sees both.
  await selectBranch(a, 'kunar-strike');
  await a.getByTestId('inspector').getByTestId('stance-favoured').check();
  await expect(treeItem(b, 'kunar-strike')).toHaveClass(/stance-favoured/);
  await renameBranch(a, 'fight-in-towns', 'Fight in the towns (renamed by A)');
  await expect(outlineTitle(b, 'fight-in-towns')).toHaveText('Fight in the towns (renamed by A)');

  // B edits: A sees it.
  await renameBranch(b, 'hedge-like-russia', 'Hedge like Russia (renamed by B)');
  await expect(outlineTitle(a, 'hedge-like-russia')).toHaveText('Hedge like Russia (renamed by B)');
  await selectBranch(b, 'wait-for-taliban');
  await b.getByTestId('inspector').getByTestId('stance-rejected').check();
  await expect(treeItem(a, 'wait-for-taliban')).toHaveClass(/stance-rejected/);
  await b.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot({ path: `${SHOTS}/editor-view.png` });

  // C, a viewer: sees the tree as it is now, is told View only, and cannot edit.
  const c = await join(browser, viewerLink);
  await expect(c.getByTestId('view-only')).toHaveText('View only');
  await expect(outlineTitle(c, 'hedge-like-russia')).toHaveText('Hedge like Russia (renamed by B)');
  await expect(treeItem(c, 'kunar-strike')).toHaveClass(/stance-favoured/);
  await selectBranch(c, 'kunar-strike');
  const insp = c.getByTestId('inspector');
  await expect(insp.getByTestId('fields-analysis')).toHaveAttribute('disabled', '');
  await expect(insp.getByTestId('fields-header')).toHaveAttribute('disabled', '');
  await expect(insp.getByTestId('stance-rejected')).toBeDisabled();
  await expect(insp.getByTestId('rename-button')).toBeDisabled();
  await c.evaluate(() => window.scrollTo(0, 0));
  await c.screenshot({ path: `${SHOTS}/viewer-view.png` });

  // C may comment, though: the comment reaches A (the server lets a viewer's discussion through, nothing else).
  const talkC = insp.getByTestId('talk-node-kunar-strike');
  await talkC.scrollIntoViewIfNeeded();
  await talkC.getByLabel('New comment on this branch').fill('A viewer asks: what does Kabul do next?');
  await talkC.getByRole('button', { name: 'Post comment' }).click();
  await expect(talkC.locator('.talk-text', { hasText: 'A viewer asks' })).toBeVisible();
  await insp.screenshot({ path: `${SHOTS}/viewer-comment.png` });
  await expectNoA11yViolations(c, 'a viewer commenting');
  await selectBranch(a, 'kunar-strike');
  await expect(a.getByTestId('inspector').getByTestId('talk-node-kunar-strike').locator('.talk-text', { hasText: 'A viewer asks' })).toBeVisible({ timeout: 15_000 });
  await expect(c.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected');

  // A write attempt anyway (the controls forced open): it never reaches A or B, and C goes back to the room's state.
  await insp.getByTestId('fields-analysis').evaluate((el) => el.removeAttribute('disabled'));
  await insp.getByTestId('stance-rejected').click({ force: true });
  await expect(treeItem(c, 'kunar-strike')).toHaveClass(/stance-favoured/);
  // A later edit of B's reaches everyone; C's attempt has reached no one.
  await renameBranch(b, 'wait-for-taliban', 'Wait for the Taliban (renamed by B)');
  await expect(outlineTitle(a, 'wait-for-taliban')).toHaveText('Wait for the Taliban (renamed by B)');
  await expect(outlineTitle(c, 'wait-for-taliban')).toHaveText('Wait for the Taliban (renamed by B)');
  await expect(treeItem(a, 'kunar-strike')).toHaveClass(/stance-favoured/);
  await expect(treeItem(b, 'kunar-strike')).toHaveClass(/stance-favoured/);
  await expect(treeItem(c, 'kunar-strike')).toHaveClass(/stance-favoured/);

  // Joining kept what B had: the room's scenario is a scenario of its own in B's browser.
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  // A, the owner, revokes the viewer's link: C is disconnected and refused; A gets a new viewer link that works.
  await menu(a, 'sync-share');
  await expect(dialog.getByTestId('team-link-field-viewer')).toHaveValue(viewerLink);
  await dialog.getByTestId('team-revoke-viewer').click();
  await expect(dialog.getByTestId('team-revoke-confirm-viewer')).toBeVisible();
  await a.screenshot({ path: `${SHOTS}/revoke-ask.png` });
  await dialog.getByTestId('team-revoke-confirm-viewer').click();
  await expect(dialog.getByTestId('team-said-viewer')).toHaveText('The old viewer link no longer works; this is the new one.');
  const newViewerLink = await dialog.getByTestId('team-link-field-viewer').inputValue();
  expect(newViewerLink).not.toBe(viewerLink);
  expect(new URL(newViewerLink).searchParams.get('room')).toBe(new URL(viewerLink).searchParams.get('room'));
  await expectNoA11yViolations(a, 'the team dialog after replacing a link');
  await expect(c.getByTestId('sync-status')).toHaveAttribute('data-status', 'refused', { timeout: 20_000 });
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected');
  const d = await join(browser, newViewerLink);
  await expect(d.getByTestId('view-only')).toHaveText('View only');
});

test('a damaged invitation link is said so, and the page works as before', async ({ page }) => {
  await openApp(page, '/?room=r-nothing#token=not-a-token');
  await expect(page.getByTestId('sync-problem')).toContainText('incomplete or damaged');
  await expect(page.getByTestId('sync-status')).toHaveCount(0);
});
