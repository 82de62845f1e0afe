/**
 * Offline work in a shared room, end to end, against the real sync server
 * that playwright.config starts: A shares, B joins with the editor's link;
 * both see each other in the room (names, and marks on the branch each is
 * looking at). Then B's page can no longer reach the sync server (its
 * WebSockets to it are refused, the app itself still loads), B edits a
 * branch's title and note, reloads while still cut off (the edits survive:
 * the room's state is saved with B's copy), A edits something else
 * meanwhile; when B can reach the server again, both see both edits.
 */
import { test, expect, type Browser, type BrowserContext, type Page, type WebSocketRoute } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectNoA11yViolations, openApp, renameBranch, selectBranch, shareEditorLink, treeItem } from './helpers';

const SHOTS = 'test-results/offline';
const SYNC_PORT = Number(process.env.E2E_SYNC_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 99);
const OFFLINE_WORDS = 'Offline: your edits are kept and will be sent';
const waiting = (n: number) => `Offline: ${n} ${n === 1 ? 'edit' : 'edits'} not yet sent, kept in this browser`;


async function nameMyself(page: Page, name: string) {
  await page.getByTestId('presence').locator('summary').click();
  await page.getByTestId('presence-name').fill(name);
  await page.getByTestId('presence-save').click();
  await expect(page.getByTestId('presence-list')).toContainText(`${name} (you)`);
  await page.getByTestId('presence').locator('summary').click();
}

const outlineTitle = (page: Page, nodeId: string) => page.locator(`#panel-outline [data-node-link="${nodeId}"]`).first();

/**
 * Whether a browser context can reach the sync server: its WebSockets to it
 * go through, or are closed at once (as a server out of reach would be).
 * Only the sync server is cut off; the app's own pages still load.
 */
async function syncLink(context: BrowserContext) {
  let online = true;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await context.routeWebSocket(new RegExp(`^ws://127\\.0\\.0\\.1:${SYNC_PORT}`), (ws) => {
    if (!online) {
      void ws.close({ code: 1006, reason: 'unreachable' }).catch(() => undefined);
      return;
    }
    const pair = { page: ws, server: ws.connectToServer() };
    open.add(pair);
    ws.onClose(() => {
      open.delete(pair);
      void pair.server.close().catch(() => undefined);
    });
    pair.server.onClose(() => {
      open.delete(pair);
      void ws.close().catch(() => undefined);
    });
  });
  return {
    async cut() {
      online = false;
      for (const pair of [...open]) {
        await pair.server.close().catch(() => undefined);
        await pair.page.close({ code: 1006, reason: 'unreachable' }).catch(() => undefined);
      }
      open.clear();
    },
    restore() {
      online = true;
    },
  };
}

/** The count of edits not yet sent that the room's copy was last saved with (IndexedDB, as the app stored it). */
async function savedUnsent(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('branchpoint', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('kv', 'readonly').objectStore('kv').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            const rooms = (all.result as unknown[]).flatMap((v) => {
              try {
                const rec = JSON.parse(String(v)) as { room?: { unsent?: number } };
                return rec.room ? [rec.room.unsent ?? -1] : [];
              } catch {
                return [];
              }
            });
            resolve(rooms);
          };
        };
      }),
  );
}

async function join(browser: Browser, link: string) {
  const context = await browser.newContext();
  const link$ = await syncLink(context);
  const page = await context.newPage();
  await openApp(page, link);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  return { page, link: link$ };
}

test('an edit made offline in a room survives a reload and merges on reconnect; both see each other in the room', async ({ page: a, browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  await openApp(a, '/?node=kunar-strike');
  const editorLink = await shareEditorLink(a);

  const { page: b, link } = await join(browser, editorLink);
  const hedge = 'hedge-like-russia';
  // Its text, not its rendered text: a branch of the outline far below the viewport is not rendered yet
  // (`content-visibility: auto`), and innerText of what is not rendered is empty.
  const hedgeTitle = (await outlineTitle(b, hedge).textContent())!.trim();
  expect(hedgeTitle).not.toBe('');

  // Presence, both ways: each sees the other's name, and a mark on the branch the other is looking at.
  await nameMyself(a, 'Desk officer');
  await nameMyself(b, 'Field analyst');
  await selectBranch(a, 'kunar-strike');
  await selectBranch(b, 'fight-in-towns');
  await expect(treeItem(b, 'kunar-strike').getByTestId('peer-marks')).toHaveAttribute('data-peers', 'Desk officer');
  await expect(treeItem(a, 'fight-in-towns').getByTestId('peer-marks')).toHaveAttribute('data-peers', 'Field analyst');
  await a.getByTestId('presence').locator('summary').click();
  await expect(a.getByTestId('presence-list')).toContainText('Field analyst');
  await expect(a.getByTestId('presence-list')).toContainText('Desk officer (you)');
  await a.getByTestId('presence').locator('summary').click();
  await b.getByTestId('presence').locator('summary').click();
  await expect(b.getByTestId('presence-list')).toContainText('Desk officer');
  await expect(b.getByTestId('presence-list')).toContainText('Field analyst (you)');
  await b.getByTestId('presence').locator('summary').click();

  // B loses the sync server: told so, and B keeps working.
  await link.cut();
  await expect(b.getByTestId('sync-status')).toHaveText(OFFLINE_WORDS, { timeout: 20_000 });
  await renameBranch(b, hedge, 'Hedge like Russia (B, offline)');
  // The indicator counts B's edits waiting for the server: one per step, however long the typing.
  await expect(b.getByTestId('sync-status')).toHaveText(waiting(1));
  const note = b.getByTestId('inspector').getByTestId('note-input');
  await note.fill('Written by B');
  await note.pressSequentially(' while offline');
  await expect(b.getByTestId('sync-status')).toHaveText(waiting(2));
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(outlineTitle(a, hedge)).toHaveText(hedgeTitle);
  await b.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot({ path: `${SHOTS}/offline.png` });
  await expectNoA11yViolations(b, 'offline in a room');

  // B reloads while still cut off: the room's copy opens with B's edits, still in the room, still offline.
  await b.reload();
  await expect(b.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(b.getByTestId('sync-status')).toHaveText(waiting(2), { timeout: 20_000 });
  await expect(outlineTitle(b, hedge)).toHaveText('Hedge like Russia (B, offline)');
  await selectBranch(b, hedge);
  await expect(b.getByTestId('inspector').getByTestId('note-input')).toHaveValue('Written by B while offline');

  // Meanwhile A renames another branch; B cannot see it yet, nor A B's edits.
  await renameBranch(a, 'wait-for-taliban', 'Wait for the Taliban (A, meanwhile)');
  await expect(outlineTitle(a, hedge)).toHaveText(hedgeTitle);
  await expect(outlineTitle(b, 'wait-for-taliban')).not.toHaveText('Wait for the Taliban (A, meanwhile)');

  // B reaches the server again: both see both edits (the provider retries on its own; allow for its back-off).
  link.restore();
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-status', 'connected', { timeout: 60_000 });
  await expect(b.getByTestId('sync-status')).toHaveText('Shared: connected');
  // Everything B edited is on the server now: nothing left to send, and the copy saved says so.
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-unsent', '0');
  await expect(outlineTitle(b, 'wait-for-taliban')).toHaveText('Wait for the Taliban (A, meanwhile)');
  await expect(outlineTitle(a, hedge)).toHaveText('Hedge like Russia (B, offline)');
  await selectBranch(a, hedge);
  await expect(a.getByTestId('inspector').getByTestId('note-input')).toHaveValue('Written by B while offline');
  await expect(outlineTitle(a, 'wait-for-taliban')).toHaveText('Wait for the Taliban (A, meanwhile)');
  await expect(outlineTitle(b, hedge)).toHaveText('Hedge like Russia (B, offline)');
  // And B is back in A's presence list.
  await a.getByTestId('presence').locator('summary').click();
  await expect(a.getByTestId('presence-list')).toContainText('Field analyst');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  // Once more, B alone edits offline (A changes nothing): reconnected, the server's acknowledgement is the only news, and the
  // copy is saved again with nothing waiting; cut off and reloaded, it says so.
  await link.cut();
  await expect(b.getByTestId('sync-status')).toHaveText(OFFLINE_WORDS, { timeout: 20_000 });
  await renameBranch(b, hedge, 'Hedge like Russia (B, offline again)');
  await expect(b.getByTestId('sync-status')).toHaveText(waiting(1));
  await expect.poll(() => savedUnsent(b)).toEqual([1]);
  link.restore();
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-unsent', '0', { timeout: 60_000 });
  await expect(outlineTitle(a, hedge)).toHaveText('Hedge like Russia (B, offline again)');
  await expect.poll(() => savedUnsent(b)).toEqual([0]);
  await link.cut();
  await b.reload();
  await expect(b.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(b.getByTestId('sync-status')).toHaveText(OFFLINE_WORDS, { timeout: 20_000 });
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-unsent', '0');
});
