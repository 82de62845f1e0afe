/**
 * The node card is defined once (lib/card) and drawn by two painters: the
 * live tree (components/tree/TreeNode.tsx, rendered here with
 * react-dom/server in the node environment) and the SVG/PNG export
 * (lib/io/image.ts). These tests hold both to the definition: same size, same
 * parts, same places, same paint; and the definition to its promises (every
 * part inside the card, whatever the title, counts, stance and weakness).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppProvider } from '@/components/AppProvider';
import { TreeNode } from '@/components/tree/TreeNode';
import { Legend } from '@/components/tree/Legend';
import { CARD, PALETTE, TALK_MARK, cardElements, cardGeometry, cardInput, splitMarkWidth, stanceMarkWidth, type BadgeKey } from '@/lib/card/card';
import { createAppStore } from '@/lib/store/store';
import { selectOpenThreadCounts } from '@/lib/store/selectors';
import { selectTeamSplit, splitMarkOf } from '@/lib/team/selectors';
import { LEGEND_ENTRIES } from '@/lib/card/legend';
import { cardMarksOf, createCardSizer } from '@/lib/card/size';
import { renderTreeSvg } from '@/lib/io/image';
import { importSnapshotText } from '@/lib/io/snapshot';
import { indexTree } from '@/lib/model/tree';
import { NODE_KINDS } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { LIKELIHOODS, STANCES } from '@/lib/annotations/vocab';
import { likelihoodMark, valueMark } from '@/lib/messages/card';
import { textWidth } from '@/lib/tree/labels';
import { layoutTree, type TreeLayout } from '@/lib/tree/layout';
import { treeLayoutOptions } from '@/lib/tree/sizing';
import { computeVisible, expandAll } from '@/lib/tree/visible';
import type { WorkDocument } from '@/lib/doc/types';
import { refusal } from '../support/snapshots';

const ROOT = path.resolve(__dirname, '../..');

function load(): WorkDocument {
  const r = importSnapshotText(readFileSync(path.join(ROOT, 'tests/fixtures/hostile/valid-snapshot.json'), 'utf8'));
  if (!r.ok) throw new Error(refusal(r));
  return r.document;
}

// ---------------------------------------------------------------- a small SVG reader

interface Node {
  tag: string;
  attrs: Record<string, string>;
  children: Array<Node | string>;
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
}

/** Numbers written with at most two decimals, so "25.5" and "25.50" and 25.499999 agree. */
function normalise(value: string): string {
  return value.replace(/-?\d+(?:\.\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
}

function parse(markup: string): Node {
  const root: Node = { tag: '#root', attrs: {}, children: [] };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(markup))) {
    const text = markup.slice(last, m.index);
    if (text.trim()) stack.at(-1)!.children.push(decode(text));
    last = m.index + m[0].length;
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = normalise(decode(a[2]!));
    const node: Node = { tag: name!, attrs, children: [] };
    stack.at(-1)!.children.push(node);
    if (!selfClose) stack.push(node);
  }
  return root;
}

function* walk(n: Node): Generator<Node> {
  yield n;
  for (const c of n.children) if (typeof c !== 'string') yield* walk(c);
}

/**
 * A card group's parts, without the tooltip (<title>), the live tree's
 * accessible description (<desc>) and its expand/collapse toggle (a picture has no buttons).
 */
function parts(group: Node): Array<Node | string> {
  const strip = (n: Node | string): Node | string =>
    typeof n === 'string' ? n : { tag: n.tag, attrs: Object.fromEntries(Object.entries(n.attrs).filter(([k]) => k !== 'data-toggle')), children: n.children.map(strip) };
  return group.children.filter((c) => typeof c === 'string' || (c.tag !== 'title' && c.tag !== 'desc' && c.attrs.class !== 'toggle')).map(strip);
}

// ---------------------------------------------------------------- the two painters

function exported(doc: WorkDocument, layout: TreeLayout, team: Pick<Parameters<typeof renderTreeSvg>[0], 'splitOf' | 'talkOf'> = {}): Node[] {
  const svg = parse(renderTreeSvg({ scenario: doc.scenario, annotations: doc.annotations, layout, title: 'T', marksOf: cardMarksOf(doc.annotations, null).marksOf, ...team }));
  // The cards are the groups placed by a translate whose first child is the node's tooltip.
  return [...walk(svg)].filter((n) => n.tag === 'g' && typeof n.children[0] !== 'string' && n.children[0]?.tag === 'title');
}

function live(doc: WorkDocument, layout: TreeLayout, expanded: ReadonlySet<string>): Node[] {
  const index = indexTree(doc.scenario);
  const visible = computeVisible(index, expanded);
  const markup = renderToStaticMarkup(
    <AppProvider options={{ docId: 'card-test', document: doc, view: { expanded: [...expanded], selectedId: null, viewport: null } }}>
      <svg>
        {layout.order.map((id) => (
          <TreeNode key={id} box={layout.boxes.get(id)!} meta={visible.nodes[visible.indexOf.get(id)!]!} />
        ))}
      </svg>
    </AppProvider>,
  );
  return [...walk(parse(markup))].filter((n) => n.attrs.role === 'treeitem');
}

function scene(expandedOf: (doc: WorkDocument) => Set<string>) {
  const doc = load();
  const expanded = expandedOf(doc);
  const layout = layoutTree(indexTree(doc.scenario), expanded, treeLayoutOptions(cardMarksOf(doc.annotations, null).marksOf));
  return { doc, expanded, layout };
}

describe('the live card and the exported card', () => {
  for (const [name, expandedOf] of [
    ['fully expanded', (d: WorkDocument) => expandAll(indexTree(d.scenario))],
    ['root only (collapsed toggles)', (d: WorkDocument) => new Set([indexTree(d.scenario).root.id])],
  ] as const) {
    it(`draw every card with the same size and the same parts (${name})`, () => {
      const { doc, expanded, layout } = scene(expandedOf);
      const a = live(doc, layout, expanded);
      const b = exported(doc, layout);
      expect(a).toHaveLength(layout.order.length);
      expect(b).toHaveLength(layout.order.length);
      layout.order.forEach((id, i) => {
        const box = layout.boxes.get(id)!;
        const body = (g: Node) => [...walk(g)].find((n) => n.attrs.class === 'card')!;
        for (const g of [a[i]!, b[i]!]) {
          expect(body(g).attrs.width, id).toBe(String(box.width));
          expect(body(g).attrs.height, id).toBe(String(box.height));
        }
        expect(parts(a[i]!).length, id).toBeGreaterThanOrEqual(2);
        expect(parts(a[i]!), id).toEqual(parts(b[i]!));
        expect(a[i]!.attrs['font-family']).toBe(b[i]!.attrs['font-family']);
      });
    });
  }

  it('carry the team’s marks alike: how far the team splits, and open threads, after the split mark', () => {
    const doc = load();
    const alice = { id: 'a-alice0000000', name: 'Alice', colour: '#1971c2' } as const;
    const bob = { id: 'a-bob000000000', name: 'Bob', colour: '#d9480f' } as const;
    const store = createAppStore({ docId: 'card-team', document: doc, analyst: alice });
    const [, a, b] = doc.scenario.nodes;
    // Alice and Bob far apart on A's probability (an extreme split), and a thread on A and one on B.
    store.getState().judgeBranch(alice, a!.id, { probability: '5%' });
    store.getState().judgeBranch(bob, a!.id, { probability: '95%' });
    store.getState().startThread({ kind: 'node', id: a!.id }, 'Why so sure?');
    store.getState().startThread({ kind: 'node', id: b!.id }, 'Sources?');
    const s = store.getState();
    const team = selectTeamSplit(s);
    const talk = selectOpenThreadCounts(s);
    expect(splitMarkOf(team.get(a!.id))).toBe('extreme');
    const document = s.document;
    const expanded = expandAll(indexTree(document.scenario));
    const layout = layoutTree(indexTree(document.scenario), expanded, treeLayoutOptions(cardMarksOf(document.annotations, null).marksOf));
    const liveCards = live(document, layout, expanded);
    const pictured = exported(document, layout, { splitOf: (id) => splitMarkOf(team.get(id)), talkOf: (id) => talk.get(id) ?? 0 });
    layout.order.forEach((id, i) => expect(parts(liveCards[i]!), id).toEqual(parts(pictured[i]!)));
    const cardOf = (cards: Node[], id: string) => cards[layout.order.indexOf(id)]!;
    for (const cards of [liveCards, pictured]) {
      const onA = [...walk(cardOf(cards, a!.id))];
      const split = onA.find((n) => n.attrs.class === 'split-mark split-extreme');
      const thread = onA.find((n) => n.attrs.class === 'talk-mark');
      expect(split).toBeDefined();
      expect(thread).toBeDefined();
      // The thread mark starts after the split mark ends: they never overlap.
      const x = (n: Node) => Number(/translate\(([-\d.]+)/.exec(n.attrs.transform ?? '')![1]);
      expect(x(thread!)).toBeGreaterThanOrEqual(x(split!) + splitMarkWidth('extreme'));
      // B has a thread and no split: its mark is at the card's own place.
      const onB = [...walk(cardOf(cards, b!.id))];
      expect(onB.find((n) => n.attrs.class?.startsWith('split-mark'))).toBeUndefined();
      expect(x(onB.find((n) => n.attrs.class === 'talk-mark')!)).toBe(TALK_MARK.x);
    }
  });

  it('cover every part: glyphs, stripe, badges, stance marks, the broken mark; both toggles live, none in the picture', () => {
    const all = scene((d) => expandAll(indexTree(d.scenario)));
    const rootOnly = scene((d) => new Set([indexTree(d.scenario).root.id]));
    const cards = [...exported(all.doc, all.layout), ...exported(rootOnly.doc, rootOnly.layout)];
    const classes = new Set(cards.flatMap((g) => [...walk(g)].map((n) => n.attrs.class ?? '')));
    for (const c of ['glyph glyph-decision', 'glyph glyph-chance', 'glyph glyph-outcome', 'option-stripe', 'badge badge-a', 'badge badge-r', 'badge badge-q', 'stance-mark stance-mark-favoured', 'stance-mark stance-mark-rejected', 'weak-mark']) {
      expect(classes, c).toContain(c);
    }
    expect(classes).not.toContain('toggle');
    const liveCards = [...live(all.doc, all.layout, all.expanded), ...live(rootOnly.doc, rootOnly.layout, rootOnly.expanded)];
    const toggles = liveCards.flatMap((g) => [...walk(g)].filter((n) => n.tag === 'path' && n.attrs.d?.startsWith('M-4,0')).map((n) => n.attrs.d));
    expect(new Set(toggles)).toEqual(new Set(['M-4,0 H4', 'M-4,0 H4 M0,-4 V4']));
  });

  it('a long title is whole on the card and in the picture, wrapped to more lines', () => {
    const doc = load();
    const root = indexTree(doc.scenario).root;
    const title = 'A very long title that goes on and on about the options before the government, the risks on each side, and what would have to be true for the bold course to work out';
    const long: WorkDocument = { ...doc, scenario: { ...doc.scenario, nodes: doc.scenario.nodes.map((n) => (n.id === root.id ? { ...n, title } : n)) } };
    const layout = layoutTree(indexTree(long.scenario), new Set([root.id]), treeLayoutOptions(cardMarksOf(long.annotations, null).marksOf));
    const box = layout.boxes.get(root.id)!;
    expect(box.lines!.length).toBeGreaterThan(2);
    expect(box.lines!.join(' ')).toBe(title);
    const card = exported(long, layout).find((g) => g.children[0] && typeof g.children[0] !== 'string' && g.children[0].children[0] === title)!;
    const label = [...walk(card)].find((n) => n.attrs.class === 'label')!;
    const text = label.children.map((t) => (typeof t === 'string' ? t : t.children.join(''))).join('');
    expect(text).toBe(title);
    expect(text).not.toContain('…');
  });

  it('the export paints only with the palette', () => {
    const { doc, layout } = scene((d) => expandAll(indexTree(d.scenario)));
    const svg = renderTreeSvg({ scenario: doc.scenario, annotations: doc.annotations, layout, title: 'T' });
    const used = new Set([...svg.matchAll(/#[0-9a-f]{6}\b/gi)].map((m) => m[0].toLowerCase()));
    const palette = new Set<string>(Object.values(PALETTE));
    expect([...used].filter((c) => !palette.has(c))).toEqual([]);
  });

  it('the legend under the live tree shows the same entries as the exported one', () => {
    const html = renderToStaticMarkup(<Legend />);
    const { doc, layout } = scene((d) => expandAll(indexTree(d.scenario)));
    const svg = renderTreeSvg({ scenario: doc.scenario, annotations: doc.annotations, layout, title: 'T' });
    for (const e of LEGEND_ENTRIES) {
      expect(html).toContain(`</svg>${e.text}</li>`);
      expect(svg).toContain(`>${e.text}</text>`);
    }
  });

  it('the stylesheet’s colour variables are the palette’s', () => {
    const css = readFileSync(path.join(ROOT, 'app/globals.css'), 'utf8');
    const root = /:root\s*{([^}]*)}/.exec(css)![1]!;
    const vars = Object.fromEntries([...root.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim().toLowerCase()]));
    const camel = (k: string) => k.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
    const shared = Object.keys(vars).filter((k) => camel(k.replace(/^ink-(\d)$/, 'ink$1')) in PALETTE);
    expect(shared.length).toBeGreaterThanOrEqual(15);
    for (const k of shared) expect(vars[k], `--${k}`).toBe(PALETTE[camel(k.replace(/^ink-(\d)$/, 'ink$1')) as keyof typeof PALETTE]);
    // And the card's paint is not restated in the stylesheet: only interaction states touch the card there.
    expect(css).not.toMatch(/\.node-(decision|option|chance|outcome) \.card|\.stance-mark|\.badge (rect|text)|\.glyph-/);
  });
});

// ---------------------------------------------------------------- the definition's promises

const wordArb = fc.stringMatching(/^[A-Za-z]{1,14}$/);
const titleArb = fc.oneof(
  fc.array(wordArb, { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
  fc.string({ minLength: 1, maxLength: 80 }),
);
const countArb = fc.nat({ max: 40 });
const ids = (n: number) => Array.from({ length: n }, (_v, i) => `x${i}`);

describe('the card definition', () => {
  it('keeps every part inside the card, for any title, counts, stance, likelihood, value and weakness', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NODE_KINDS),
        titleArb,
        fc.tuple(countArb, countArb, countArb, countArb),
        fc.constantFrom(...STANCES),
        fc.constantFrom('broken' as const, 'affected' as const, null),
        fc.constantFrom('expanded' as const, 'collapsed' as const, null),
        fc.option(fc.constantFrom(...LIKELIHOODS)),
        fc.option(fc.double({ min: -1e7, max: 1e7, noNaN: true })),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (kind, title, [a, r, i, q], stance, weak, toggle, likelihood, score, probability) => {
          const node = { id: 'n', kind, title, assumptionIds: ids(a), riskIds: ids(r), indicatorIds: ids(i), evidenceIds: ids(q) } as Pick<ScenarioNode, 'id' | 'kind' | 'title' | 'assumptionIds' | 'riskIds' | 'indicatorIds' | 'evidenceIds'>;
          const marks = { stance, likelihood: likelihood ? likelihoodMark(likelihood) : null, value: score === null ? null : valueMark(score, probability) };
          const size = createCardSizer(undefined, () => marks)(node as ScenarioNode);
          const input = cardInput(node, size, stance, weak, toggle, marks);
          const g = cardGeometry(input);
          const right = g.width - CARD.padX;
          // Title lines: within the padding, clear of the toggle.
          const bold = kind === 'decision' || kind === 'option';
          for (const line of input.lines) expect(g.label.x + textWidth(line, CARD.fontSize, bold ? CARD.boldWidthScale : 1)).toBeLessThanOrEqual(g.width - CARD.padX - CARD.toggleRoom + 0.5);
          const row = g.badges.length > 0 || stance !== 'open' || likelihood !== null || score !== null;
          expect(g.label.y + (input.lines.length - 1) * CARD.lineHeight).toBeLessThanOrEqual(g.height - CARD.padY - (row ? CARD.badgeRowHeight : 0));
          expect(input.lines.join(' ').replace(/\s+/g, ' ')).not.toContain('…');
          // Badges and the stance mark: in the row, inside the padding.
          for (const b of g.badges) {
            expect(b.x).toBeGreaterThanOrEqual(CARD.padX);
            expect(b.x + b.width).toBeLessThanOrEqual(right);
            expect(b.y + b.height).toBeLessThanOrEqual(g.height);
          }
          // The stance mark (the favoured mark too) is always there when there is a stance, in words, inside the card.
          if (stance !== 'open') {
            expect(g.stanceMark).not.toBeNull();
            expect(g.stanceMark!.text.length).toBeGreaterThan(1);
            expect(g.stanceMark!.x).toBeGreaterThanOrEqual(CARD.padX);
            expect(g.stanceMark!.x + stanceMarkWidth(g.stanceMark!.text)).toBeLessThanOrEqual(right + 0.5);
          } else expect(g.stanceMark).toBeNull();
          // The likelihood and the value follow in the row, inside the card.
          expect(g.rowTexts.map((t) => t.text)).toEqual([marks.likelihood, marks.value].filter((t) => t !== null));
          for (const t of g.rowTexts) expect(t.x + t.width).toBeLessThanOrEqual(right + 0.5);
          expect(g.weakMark !== null).toBe(weak === 'broken');
          // Badge counts as drawn are the node's.
          const shown = cardElements(input).flatMap((e) => (e.part === 'badges' ? (e.children ?? []) : []));
          const texts = shown.flatMap((e) => {
            const label = typeof e !== 'string' && e.part === 'badge' ? e.children?.[1] : undefined;
            return label && typeof label !== 'string' ? (label.children ?? []) : [];
          });
          const expected = (['A', 'R', 'I', 'Q'] as BadgeKey[]).map((k, j) => [k, [a, r, i, q][j]!] as const).filter(([, n]) => n > 0).map(([k, n]) => `${k}${n}`);
          expect(texts).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('shows a stance mark in words when the card has room, and as its symbol when it has not', () => {
    const base = { kind: 'option' as const, lines: ['x'], height: 51, stance: 'favoured' as const, weak: null, toggle: null };
    const four = (['A', 'R', 'I', 'Q'] as const).map((key) => ({ key, n: 3 }));
    expect(cardGeometry({ ...base, width: 400, counts: four }).stanceMark!.text).toBe('★ favoured');
    expect(cardGeometry({ ...base, width: 170, counts: four }).stanceMark!.text).toBe('★');
  });
});
