/**
 * Comments, dissent and the audit trail end to end: one analyst comments on a
 * branch, replies, records a dissent and resolves a thread; the Discussion
 * tab lists the threads with their filter; the Audit trail tab lists the
 * edits with the analyst's name, filters them, and the trail survives a
 * snapshot's export and import. Then two browsers in one shared room (the
 * real sync server) see each other's comments.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { download, expectNoA11yViolations, menu, openApp, selectBranch, shareEditorLink, treeItem } from './helpers';

const SHOTS = 'test-results/discussion';

async function asAnalyst(page: Page, id: string, name: string, colour = '#1971c2') {
  await page.addInitScript(([i, n, c]) => window.localStorage.setItem('branchpoint:me', JSON.stringify({ id: i, name: n, colour: c })), [id, name, colour] as const);
}

const talk = (page: Page, nodeId: string) => page.getByTestId('inspector').getByTestId(`talk-node-${nodeId}`);

async function comment(page: Page, nodeId: string, text: string, dissent = false) {
  const box = talk(page, nodeId);
  await box.getByLabel('New comment on this branch').fill(text);
  if (dissent) await box.getByLabel(/Record as a dissent/).check();
  await box.getByRole('button', { name: dissent ? 'Record dissent' : 'Post comment' }).click();
  await expect(box.locator('.talk-text', { hasText: text.replace(/\*\*/g, '') })).toBeVisible();
}

test('comment, reply, dissent and resolve; the audit trail names the analyst, filters, and survives a snapshot', async ({ page, browser }) => {
  // A long walk (three axe runs, a download, a second browser): on a loaded two-core machine it has taken over 2 minutes.
  test.slow();
  mkdirSync(SHOTS, { recursive: true });
  await asAnalyst(page, 'a-deskofficer1', 'Desk officer');
  await openApp(page, '/?node=kunar-strike');
  await selectBranch(page, 'kunar-strike');
  await page.getByTestId('inspector').getByTestId('rename-button').click();
  await page.getByTestId('inspector').getByTestId('rename-input').fill('Strike the sanctuary');
  await page.getByTestId('inspector').getByTestId('rename-input').press('Enter');

  await comment(page, 'kunar-strike', 'Is the **escalation** risk priced in?');
  const thread = talk(page, 'kunar-strike').locator('.talk-thread').first();
  await thread.getByLabel('Reply').fill('<img src=x onerror="window.__hacked=1"> only text here');
  await thread.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(thread.locator('.talk-comment')).toHaveCount(2);
  // User text is text: the markup shows as written and never runs.
  await expect(thread.locator('.talk-comment').nth(1)).toContainText('<img src=x');
  expect(await page.evaluate(() => (window as unknown as { __hacked?: number }).__hacked)).toBeUndefined();
  await expect(thread.locator('strong', { hasText: 'escalation' })).toBeVisible();

  await comment(page, 'kunar-strike', 'I disagree with favouring this option.', true);
  const dissent = talk(page, 'kunar-strike').locator('.talk-thread.is-dissent');
  await expect(dissent.locator('.talk-tag-dissent')).toHaveText('Dissent');
  // The tree card shows the open threads.
  await expect(treeItem(page, 'kunar-strike').locator('.talk-mark')).toContainText('2');
  await expect(page.locator('#tree-node-kunar-strike-desc')).toContainText('2 open comment threads');

  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(thread).toHaveClass(/is-resolved/);
  await expect(thread.locator('.talk-resolved')).toContainText('Resolved by Desk officer');
  await expect(treeItem(page, 'kunar-strike').locator('.talk-mark')).toContainText('1');
  await talk(page, 'kunar-strike').scrollIntoViewIfNeeded();
  await page.getByTestId('inspector').screenshot({ path: `${SHOTS}/inspector-threads.png` });
  await page.locator('#tree').screenshot({ path: `${SHOTS}/tree-mark.png` });
  await expectNoA11yViolations(page, 'inspector with threads');

  // Discussion tab: every thread, filtered; a branch's name selects it.
  await page.getByRole('tab', { name: 'Discussion' }).click();
  const view = page.getByTestId('discussion-view');
  await expect(view.locator('.talk-thread')).toHaveCount(2);
  await view.getByTestId('discussion-filter').selectOption('dissent');
  await expect(view.locator('.talk-thread')).toHaveCount(1);
  await expect(view.locator('.talk-thread')).toContainText('I disagree');
  await view.getByTestId('discussion-filter').selectOption('resolved');
  await expect(view.locator('.talk-thread')).toContainText('escalation');
  await view.getByTestId('discussion-filter').selectOption('all');
  await view.screenshot({ path: `${SHOTS}/discussion-tab.png` });
  await expectNoA11yViolations(page, 'discussion tab');
  await page.getByRole('tab', { name: 'Outline' }).click();
  await selectBranch(page, 'wait-for-taliban');
  await page.getByRole('tab', { name: 'Discussion' }).click();
  await view.locator('.talk-link').first().click();
  await expect(treeItem(page, 'kunar-strike')).toHaveAttribute('aria-selected', 'true');

  // Audit trail: the edits with the analyst's name, newest first; filters.
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  const audit = page.getByTestId('audit-view');
  // Headed like the other text views, in their style whichever view was opened first (it was unstyled before the Key assumptions tab had loaded).
  await expect(audit.getByRole('heading', { level: 2, name: 'Audit trail' })).toHaveCSS('font-size', '18px');
  await expect(audit).toContainText('who made it, when, and what it touched');
  const rows = audit.getByTestId('audit-table').locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('Resolve thread on branch');
  await expect(rows.last()).toContainText('Rename');
  await expect(rows.first()).toContainText('Desk officer');
  await audit.getByTestId('audit-action').selectOption('Reply on branch');
  await expect(rows).toHaveCount(1);
  await audit.getByTestId('audit-action').selectOption('');
  await audit.getByTestId('audit-text').fill('dissent');
  await expect(rows).toHaveCount(1);
  await audit.getByTestId('audit-text').fill('');
  await audit.getByTestId('audit-branch').selectOption('kunar-strike');
  await expect(rows).toHaveCount(5);
  await audit.getByTestId('audit-analyst').selectOption({ label: 'Desk officer' });
  await expect(rows).toHaveCount(5);
  await audit.screenshot({ path: `${SHOTS}/audit-tab.png` });
  await expectNoA11yViolations(page, 'audit trail tab');
  const [csv] = await Promise.all([page.waitForEvent('download'), audit.getByTestId('audit-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^branchpoint-audit-.*\.csv$/);

  // Undo takes the rename back but keeps the trail, and records the undo.
  await page.keyboard.press('Escape');
  await page.getByTestId('inspector').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(rows.first()).toContainText('Undid: rename', { timeout: 5000 });
  await expect(rows).toHaveCount(6);

  // The snapshot carries both layers, and a fresh browser importing it sees them.
  const exported = await download(page, 'snapshot-export-json');
  const snap = JSON.parse(exported.bytes.toString('utf8'));
  expect(snap.document.discussion.threads).toHaveLength(2);
  expect(snap.document.audit.entries).toHaveLength(6);
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await openApp(fresh, '/');
  const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), menu(fresh, 'snapshot-import')]);
  await chooser.setFiles(exported.file);
  await fresh.getByTestId('import-add').click();
  await fresh.getByRole('tab', { name: 'Audit trail' }).click();
  await expect(fresh.getByTestId('audit-table').locator('tbody tr')).toHaveCount(6);
  await expect(fresh.getByTestId('audit-table')).toContainText('Desk officer');
  await fresh.getByRole('tab', { name: 'Discussion' }).click();
  await expect(fresh.getByTestId('discussion-view').locator('.talk-thread')).toHaveCount(2);
  await context.close();
});

async function join(browser: Browser, link: string, id: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await asAnalyst(page, id, name, '#2b8a3e');
  await openApp(page, link);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  return page;
}

test('two analysts in one room see each other’s comments and audit entries', async ({ page: a, browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  await asAnalyst(a, 'a-analysta0001', 'Ayesha');
  await openApp(a, '/?node=kunar-strike');
  const editorLink = await shareEditorLink(a);

  const b = await join(browser, editorLink, 'a-analystb0001', 'Bilal');
  await selectBranch(a, 'kunar-strike');
  await comment(a, 'kunar-strike', 'Ayesha asks: what does the ISI expect?');
  await selectBranch(b, 'kunar-strike');
  const onB = talk(b, 'kunar-strike').locator('.talk-thread').first();
  await expect(onB).toContainText('Ayesha asks', { timeout: 10_000 });
  await onB.getByLabel('Reply').fill('Bilal replies: a limited strike.');
  await onB.getByRole('button', { name: 'Reply', exact: true }).click();
  // Bilal cannot edit Ayesha's comment: no button offered on it.
  await expect(onB.locator('.talk-comment').first().getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(talk(a, 'kunar-strike').locator('.talk-thread').first()).toContainText('Bilal replies', { timeout: 10_000 });
  await a.getByRole('tab', { name: 'Audit trail' }).click();
  const rows = a.getByTestId('audit-table').locator('tbody tr');
  await expect(rows.first()).toContainText('Bilal');
  await expect(rows.nth(1)).toContainText('Ayesha');
  await a.getByTestId('audit-analyst').selectOption({ label: 'Bilal' });
  await expect(rows).toHaveCount(1);
  await a.screenshot({ path: `${SHOTS}/room-audit.png` });
  await b.context().close();
});
