import { test, expect, type Page } from '@playwright/test';
import { OPENING_FIT } from '../../lib/tree/cull';
import { treeCanvasBound } from '../../lib/tree/work-area';

/**
 * Big generated trees on /bench (the benchmark page: the real Workspace, with
 * persistence off). Functional checks only; timings live in `npm run bench`.
 * The pages open at once (`settle=0`): the bench's wait for a quiet, idle page
 * before it times the open would only delay these checks, and a test's own
 * frame loop leaves the page no idle period (the wait then runs to its cap).
 */

const tree = (page: Page) => page.locator('svg.tree-svg');

async function renderedIds(page: Page): Promise<string[]> {
  return tree(page)
    .locator('[role="treeitem"][data-node-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id') ?? ''));
}

async function counts(page: Page) {
  const svg = tree(page);
  return {
    visible: Number(await svg.getAttribute('data-visible-count')),
    rendered: Number(await svg.getAttribute('data-rendered-count')),
  };
}

/** Pixels drawn on the canvas layer (not transparent). */
function inkedPixels(page: Page): Promise<number> {
  return page.getByTestId('tree-layer').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
}

test.describe('large trees', () => {
  test('10k nodes: only the viewport is rendered, panning re-culls, zooming out hides labels', async ({ page }) => {
    await page.goto('/bench?shape=bushy&n=10000&settle=0', { waitUntil: 'commit' });
    await expect(tree(page).locator('[role="treeitem"]').first()).toBeVisible({ timeout: 15_000 });
    // The first paint is the tree alone; the inspector's overview follows.
    await expect(page.getByTestId('inspector-overview')).toBeVisible();

    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(tree(page)).toHaveAttribute('data-visible-count', '10000');
    const expanded = await counts(page);
    expect(expanded.rendered).toBeGreaterThan(0);
    expect(expanded.rendered).toBeLessThan(expanded.visible);
    // The DOM holds the rendered nodes, not all of them.
    expect((await renderedIds(page)).length).toBeLessThan(1000);

    // Pan well beyond the rendered margin: a different set of nodes is rendered.
    await expect(tree(page)).toHaveAttribute('data-zoom-ready', 'true'); // d3-zoom loads after the first paint
    const before = new Set(await renderedIds(page));
    const box = (await tree(page).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(x - i * 60, y - i * 200);
    await page.mouse.up();
    await expect
      .poll(async () => (await renderedIds(page)).filter((id) => !before.has(id)).length, { timeout: 5_000 })
      .toBeGreaterThan(0);

    // Fit stops at a readable scale and says what it left out.
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect(page.locator('.zoom-level')).toHaveText('50%');
    await expect(page.getByTestId('announcer')).toContainText(/Fit stopped at 50% so titles stay readable: [\d,]+ of 10,000 branches are outside the view/);

    // Zoom far out: the labels go.
    await expect(tree(page)).not.toHaveClass(/no-labels/);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, 1200);
    await expect(tree(page)).toHaveClass(/no-labels/);
    // Labels are hidden by CSS (no React render of every node on the way out).
    await expect(tree(page).locator('text.label').first()).toBeHidden();

    // Links (and far-out boxes) are on the canvas layer; folded back to a small tree, the layer is wiped.
    const inked = () => inkedPixels(page);
    expect(await inked()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect.poll(inked).toBe(0);
  });

  test('far out, a stance repaints its branch on the canvas, and typing a note draws nothing again', async ({ page }) => {
    await page.goto('/bench?shape=bushy&n=10000&settle=0&node=n-1');
    await expect(page.getByTestId('note-input')).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(tree(page)).toHaveAttribute('data-visible-count', '10000');
    await expect(tree(page)).toHaveAttribute('data-zoom-ready', 'true');
    // The selected branch in the middle of the view, then far out about it: cards are drawn on the canvas.
    await page.getByRole('button', { name: 'Centre' }).click();
    const box = (await tree(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 1200);
    await expect(tree(page)).toHaveAttribute('data-canvas', 'links nodes');
    // Every time the canvas layer is cleared to be drawn again, and what it shows.
    await page.evaluate(() => {
      const w = window as unknown as { __layerDraws: number };
      w.__layerDraws = 0;
      const proto = CanvasRenderingContext2D.prototype;
      const clear = proto.clearRect;
      proto.clearRect = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof clear>) {
        if (this.canvas.matches('canvas.tree-layer')) w.__layerDraws++;
        return clear.apply(this, args);
      };
    });
    const draws = () => page.evaluate(() => (window as unknown as { __layerDraws: number }).__layerDraws);
    const picture = () =>
      page.getByTestId('tree-layer').evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let h = 0;
        for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d[i]!) | 0;
        return h;
      });
    await page.waitForTimeout(300);
    const before = await picture();
    expect(await draws()).toBe(0);

    // A note changes no card's paint: the canvas is not drawn again, key after key.
    await page.getByTestId('note-input').click();
    await page.keyboard.type('Watch the passes');
    await expect(page.getByTestId('note-input')).toHaveValue('Watch the passes');
    await page.waitForTimeout(500);
    expect(await draws()).toBe(0);
    expect(await picture()).toBe(before);

    // A stance does: the branch is painted favoured.
    await page.getByTestId('stance-favoured').check();
    await expect.poll(draws).toBeGreaterThan(0);
    await expect.poll(picture).not.toBe(before);
  });

  test('opening a large tree paints what is in view, and the margin around it follows', async ({ page }) => {
    // Depth 4: 747 branches open, more than a small tree (which is rendered whole right after its first paint).
    await page.goto('/bench?shape=bushy&n=10000&depth=4&settle=0');
    await page.waitForFunction(() => (window as unknown as { __bench?: { status: string } }).__bench?.status === 'ready');
    const canvas = (await page.locator('.tree-canvas').boundingBox())!;
    // Where each rendered branch lies: inside the view, or in the margin rendered around it (above or below).
    const where = () =>
      tree(page)
        .locator('[role="treeitem"]')
        .evaluateAll((els, c) => {
          let inView = 0;
          let margin = 0;
          for (const el of els) {
            const r = el.getBoundingClientRect();
            if (r.bottom > c.y && r.top < c.y + c.height && r.right > c.x && r.left < c.x + c.width) inView++;
            else margin++;
          }
          return { inView, margin };
        }, canvas);
    expect((await where()).inView).toBeGreaterThan(5);
    // The margin comes at low priority right after the first paint: nodes a short pan away are already there.
    await expect.poll(async () => (await where()).margin).toBeGreaterThan(10);
  });

  // Windows of several sizes and shapes: the first render shows what the view can hold in the largest canvas the page's
  // layout allows in that window (lib/tree/work-area); were the bound smaller than the canvas, the view would be
  // measured and rendered again before the first paint.
  for (const win of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 1000, height: 560 },
    { width: 900, height: 800 },
  ]) {
    test(`a tree mounted on the client shows its view in its first render: no second render before the first paint (${win.width}×${win.height})`, async ({ page }) => {
      await page.setViewportSize(win);
      // Branches added to the tree while it is already in the page, before its first frame, would be a second render
      // (the view measured, then rendered again): React builds the first render's elements before it attaches them.
      await page.addInitScript(() => {
        const probe = { lateBeforeFrame: 0, itemsAtFrame: -1, idsAtFrame: [] as string[], sceneAtInsert: null as string | null };
        (window as unknown as { __probe: typeof probe }).__probe = probe;
        const counts = (parent: Node, child: Node) => {
          // The scene's transform as the first render made it, when the view is put into the page.
          if (parent.isConnected && child instanceof Element && probe.sceneAtInsert === null) {
            const scene = child.matches('svg.tree-svg .scene') ? child : child.querySelector('svg.tree-svg .scene');
            if (scene) probe.sceneAtInsert = scene.getAttribute('transform') ?? '';
          }
          if (probe.itemsAtFrame >= 0 || !parent.isConnected || !(parent instanceof SVGGElement) || !parent.classList.contains('nodes')) return;
          if (child instanceof Element && child.getAttribute('role') === 'treeitem') probe.lateBeforeFrame++;
        };
        const append = Node.prototype.appendChild;
        const insert = Node.prototype.insertBefore;
        Node.prototype.appendChild = function <T extends Node>(this: Node, child: T): T {
          counts(this, child);
          return append.call(this, child) as T;
        };
        Node.prototype.insertBefore = function <T extends Node>(this: Node, child: T, ref: Node | null): T {
          counts(this, child);
          return insert.call(this, child, ref) as T;
        };
        const frame = () => {
          const svg = document.querySelector('svg.tree-svg');
          if (!svg) return void requestAnimationFrame(frame);
          const items = [...svg.querySelectorAll('[role="treeitem"]')];
          probe.itemsAtFrame = items.length;
          probe.idsAtFrame = items.map((el) => el.getAttribute('data-node-id') ?? '');
        };
        requestAnimationFrame(frame);
      });
      await page.goto('/bench?shape=bushy&n=10000&depth=3&settle=0');
      await page.waitForFunction(() => (window as unknown as { __bench?: { status: string } }).__bench?.status === 'ready');
      const probe = await page.evaluate(
        () => (window as unknown as { __probe: { lateBeforeFrame: number; itemsAtFrame: number; idsAtFrame: string[]; sceneAtInsert: string | null } }).__probe,
      );
      expect(probe.itemsAtFrame).toBeGreaterThan(5);
      expect(probe.lateBeforeFrame).toBe(0);
      // And the first frame showed the whole view: every branch in view now (the view has not moved) was there.
      const canvas = (await page.locator('.tree-canvas').boundingBox())!;
      const inView = await tree(page)
        .locator('[role="treeitem"]')
        .evaluateAll(
          (els, c) =>
            els
              .filter((el) => {
                const r = el.getBoundingClientRect();
                return r.bottom > c.y && r.top < c.y + c.height && r.right > c.x && r.left < c.x + c.width;
              })
              .map((el) => el.getAttribute('data-node-id') ?? ''),
          canvas,
        );
      expect(inView.length).toBeGreaterThan(5);
      expect(inView.filter((id) => !probe.idsAtFrame.includes(id))).toEqual([]);
      // And no more than that: the first frame held only branches that a canvas as large as the layout allows
      // (treeCanvasBound) would show at the opening view (this tree opens at the least opening scale, about its
      // centre), not the window's worth around it.
      const scale = await page.locator('svg.tree-svg .scene').evaluate((g) => Number(/scale\(([^)]+)\)/.exec(g.getAttribute('transform') ?? '')?.[1]));
      expect(scale).toBeCloseTo(OPENING_FIT.minScale, 5);
      // The first render set the scene at that scale already (the titles are laid out once, at the size shown).
      expect(Number(/scale\(([^)]+)\)/.exec(probe.sceneAtInsert ?? '')?.[1])).toBeCloseTo(scale, 5);
      const bound = treeCanvasBound(win);
      const cover = {
        left: canvas.x + canvas.width / 2 - bound.width / 2 - 1,
        right: canvas.x + canvas.width / 2 + bound.width / 2 + 1,
        top: canvas.y + canvas.height / 2 - bound.height / 2 - 1,
        bottom: canvas.y + canvas.height / 2 + bound.height / 2 + 1,
      };
      const outside = await tree(page)
        .locator('[role="treeitem"]')
        .evaluateAll(
          (els, { ids, c }) =>
            els
              .filter((el) => ids.includes(el.getAttribute('data-node-id') ?? ''))
              .filter((el) => {
                const r = el.getBoundingClientRect();
                return !(r.bottom > c.top && r.top < c.bottom && r.right > c.left && r.left < c.right);
              })
              .map((el) => el.getAttribute('data-node-id') ?? ''),
          { ids: probe.idsAtFrame, c: cover },
        );
      expect(outside).toEqual([]);
    });
  }

  test('a large tree opened on the client keeps its links on the canvas from the first frame that shows them, and after a resize', async ({ page }) => {
    // The view is sized after its first paint, and sizing the canvas wipes it: it must be drawn again at once, not
    // when pan and zoom arrive a few frames later. Every frame until then is looked at.
    await page.addInitScript(() => {
      const frames: number[] = [];
      (window as unknown as { __ink: number[] }).__ink = frames;
      const look = () => {
        const c = document.querySelector<HTMLCanvasElement>('canvas.tree-layer');
        if (c && c.width > 0) {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 64) if (d[i]! > 0) n++;
          frames.push(n);
        }
        if (!document.querySelector('svg.tree-svg[data-zoom-ready="true"]') || frames.length < 3) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto('/bench?shape=wide&n=10000&depth=3&settle=0');
    await expect(tree(page)).toHaveAttribute('data-zoom-ready', 'true');
    const frames = await page.evaluate(() => (window as unknown as { __ink: number[] }).__ink);
    const first = frames.findIndex((n) => n > 0);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(frames.slice(first).filter((n) => n === 0)).toEqual([]);

    const layer = page.getByTestId('tree-layer');
    await page.setViewportSize({ width: 1100, height: 720 });
    const resized = (await page.locator('.tree-canvas').boundingBox())!;
    await expect.poll(() => layer.evaluate((c: HTMLCanvasElement) => c.width)).toBe(Math.round(resized.width));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await inkedPixels(page)).toBeGreaterThan(500);
  });

  test('a tall tree: the minimap keeps its own size, and the view on it is cut at its edge', async ({ page }) => {
    // Bushy 1k at depth 3 is far taller than wide: the map stretches it across, and the view (wider than the
    // tree) runs past the map's left and right edges.
    await page.goto('/bench?shape=bushy&n=1000&depth=3&settle=0');
    const map = page.getByTestId('minimap');
    await expect(map).toBeVisible();
    const svg = (await map.locator('svg').boundingBox())!;
    const outer = (await map.boundingBox())!;
    const view = (await page.locator('.minimap-view').boundingBox())!;
    expect(view.width).toBeGreaterThan(svg.width);
    // 3 px of padding and 1 px of border on each side, whatever the view's size.
    expect(outer.width).toBeCloseTo(svg.width + 8, 0);
    expect(outer.height).toBeCloseTo(svg.height + 8, 0);
    // What is drawn of the view lies inside the map: it is clipped there.
    expect(await map.evaluate((el) => getComputedStyle(el).overflow)).toBe('hidden');
  });

  test('50k nodes (wide) open and draw', async ({ page }) => {
    // How fast is measured by `npm run bench`; here only that the tree comes up.
    await page.goto('/bench?shape=wide&n=50000&settle=0', { waitUntil: 'commit' });
    await expect(tree(page).locator('[role="treeitem"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(tree(page)).toHaveAttribute('data-visible-count', /^\d+$/);
  });
});
