import { test, expect, type Page } from '@playwright/test';
import { openApp, treeItem } from './helpers';
import { CARD } from '../../lib/card/card';

/**
 * Every node card as the browser draws it, in the real font: the title fits
 * its box and keeps clear of the toggle, and the badges, the stance mark and
 * the broken mark sit inside the card. Measured in each card's own
 * coordinates (getBBox through the elements' transforms), so zoom and
 * animation do not matter.
 */

interface Measured {
  id: string;
  width: number;
  height: number;
  hasToggle: boolean;
  parts: Array<{ cls: string; x: number; y: number; right: number; bottom: number; text: string }>;
  lineRights: number[];
}

async function measureCards(page: Page): Promise<Measured[]> {
  return page.locator('[role="treeitem"]').evaluateAll((items) =>
    items.map((item) => {
      const g = item as SVGGElement;
      const card = g.querySelector('rect.card') as SVGRectElement;
      const toCard = g.getCTM()!.inverse();
      const parts = [...g.querySelectorAll<SVGGraphicsElement>('text.label, .badge, .stance-mark, .weak-mark')].map((el) => {
        const b = el.getBBox();
        const m = toCard.multiply(el.getCTM()!);
        const p1 = new DOMPoint(b.x, b.y).matrixTransform(m);
        const p2 = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(m);
        return { cls: el.getAttribute('class') ?? '', x: p1.x, y: p1.y, right: p2.x, bottom: p2.y, text: el.textContent ?? '' };
      });
      const lineRights = [...g.querySelectorAll<SVGTSpanElement>('text.label tspan')].map((t) => t.x.baseVal[0]!.value + t.getComputedTextLength());
      return {
        id: g.getAttribute('data-node-id') ?? '',
        width: card.width.baseVal.value,
        height: card.height.baseVal.value,
        hasToggle: g.querySelector('.toggle') !== null,
        parts,
        lineRights,
      };
    }),
  );
}

const STANCES = ['favoured', 'rejected', 'needs-work'] as const;

test.describe('node cards', () => {
  test('every label fits its card in the real font, and badges and marks sit inside the card', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page);
    await page.getByRole('button', { name: 'Expand all' }).click();
    const ids = await page.locator('[role="treeitem"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-node-id')!));
    expect(ids.length).toBeGreaterThanOrEqual(18);

    // A stance on every branch (so every card that has badges shows a stance mark), and one broken assumption.
    const insp = page.getByTestId('inspector');
    for (const [k, id] of ids.entries()) {
      await treeItem(page, id).dispatchEvent('click');
      await expect(treeItem(page, id)).toHaveAttribute('aria-selected', 'true');
      // click, then a waiting assertion: check() demands the state change within the click itself,
      // which a slow machine does not always give a controlled input.
      const radio = insp.getByTestId(`stance-${STANCES[k % 3]}`);
      await radio.click();
      await expect(radio).toBeChecked();
      await expect(treeItem(page, id)).toHaveClass(new RegExp(`stance-${STANCES[k % 3]}`));
    }
    await treeItem(page, 'wait-for-taliban').dispatchEvent('click');
    await insp.getByTestId('assumption-status-taliban-unwilling-or-unable').selectOption('broken');
    await expect(page.locator('[role="treeitem"].is-broken')).not.toHaveCount(0);
    await expect(page.locator('svg.tree-svg.no-labels')).toHaveCount(0);

    const cards = await measureCards(page);
    expect(cards).toHaveLength(ids.length);
    let marks = 0;
    let shortMarks = 0;
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const c of cards) {
      const where = (p: { cls: string; text: string; x: number; y: number; right: number; bottom: number }) =>
        `${c.id}: ${p.cls} "${p.text}" at ${p.x.toFixed(1)},${p.y.toFixed(1)}–${p.right.toFixed(1)},${p.bottom.toFixed(1)} in a ${c.width}×${c.height} card`;
      for (const p of c.parts) {
        check(p.x >= 0 && p.y >= 0 && p.right <= c.width && p.bottom <= c.height, `outside the card: ${where(p)}`);
        if (p.cls.startsWith('stance-mark')) {
          marks++;
          if (!p.text.includes(' ')) shortMarks++;
        }
        // Badges and stance marks keep inside the card's padding, so they never touch its edge.
        if (p.cls.startsWith('stance-mark') || p.cls.startsWith('badge')) check(p.right <= c.width - CARD.padX, `in the padding: ${where(p)}`);
      }
      // Each title line ends inside the padding and clear of the toggle drawn on the card's right edge.
      check(c.parts.some((p) => p.cls === 'label'), `${c.id}: no title`);
      const limit = c.width - CARD.padX - (c.hasToggle ? CARD.toggleRadius : 0);
      for (const right of c.lineRights) check(right <= limit, `${c.id}: a title line ends at ${right.toFixed(1)}, past ${limit} in a ${c.width}-wide card`);
    }
    expect(problems).toEqual([]);
    // Every card has badges in this scenario, so every card shows its stance.
    expect(marks).toBe(cards.length);
    expect(shortMarks).toBeLessThan(cards.length);
    expect(cards.filter((c) => c.parts.some((p) => p.cls === 'weak-mark')).length).toBeGreaterThan(0);
  });
});
