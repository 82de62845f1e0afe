import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppStore, GROUP_WINDOW_MS, HISTORY_LIMIT, viewOf } from '@/lib/store/store';
import { expandToDepth } from '@/lib/tree/visible';
import { generateScenario } from '@/lib/gen/generate';
import { indexTree } from '@/lib/model/tree';
import { validateScenario } from '@/lib/model/integrity';
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations } from '@/lib/annotations/types';
import { blankDocument, slugify, uniqueId } from '@/lib/doc/ops';
import * as sel from '@/lib/store/selectors';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;

function make(now = { t: 1_000_000 }) {
  return createAppStore({
    docId: 'test',
    document: { scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id },
    now: () => now.t,
  });
}
const valid = (s: ReturnType<typeof make>) => validateScenario(s.getState().document.scenario);
const rootId = scenario.nodes.find((n) => n.parentId === null)!.id;
const options = scenario.nodes.filter((n) => n.parentId === rootId).sort((a, b) => a.order - b.order);
const sharedAssumption = scenario.assumptions.find(
  (a) => scenario.nodes.filter((n) => n.assumptionIds.includes(a.id)).length > 1,
)!;

describe('store: session', () => {
  it('opens with a sensible initial depth: the root and the options expanded', () => {
    const s = make();
    expect(s.getState().expanded.has(rootId)).toBe(true);
    expect(s.getState().expanded.has(options[0]!.id)).toBe(true);
    expect(s.getState().focusedId).toBe(rootId);
  });

  it('toggles, expands all, collapses all, expands to depth', () => {
    const s = make();
    const id = options[0]!.id;
    s.getState().toggle(id);
    expect(s.getState().expanded.has(id)).toBe(false);
    s.getState().toggle(id);
    expect(s.getState().expanded.has(id)).toBe(true);
    s.getState().expandAll();
    const withKids = [...s.getState().index.children.entries()].filter(([, k]) => k.length).length;
    expect(s.getState().expanded.size).toBe(withKids);
    s.getState().collapseAll();
    expect([...s.getState().expanded]).toEqual([rootId]);
    s.getState().expandToDepth(1);
    expect([...s.getState().expanded]).toEqual([rootId]);
  });

  it('expanding to the depth already open changes nothing (the same set: no new layout); another depth does', () => {
    const s = make();
    s.getState().expandToDepth(2);
    const open = s.getState().expanded;
    s.getState().expandToDepth(2);
    expect(s.getState().expanded).toBe(open);
    s.getState().expandToDepth(3);
    expect(s.getState().expanded).not.toBe(open);
    expect(s.getState().expanded.size).toBeGreaterThan(open.size);
    s.getState().expandToDepth(2);
    expect([...s.getState().expanded].sort()).toEqual([...open].sort());
  });

  it('toggle ignores leaves', () => {
    const s = make();
    const leaf = s.getState().index.preorder.find((n) => !s.getState().index.children.get(n.id))!;
    const before = s.getState().expanded;
    s.getState().toggle(leaf.id);
    expect(s.getState().expanded).toBe(before);
  });

  it('reveal expands the path, selects, focuses and centres through the registered pan-zoom controller', () => {
    const s = make();
    s.getState().collapseAll();
    const deep = s.getState().index.preorder.reduce((a, n) =>
      (s.getState().index.depth.get(n.id) ?? 0) > (s.getState().index.depth.get(a.id) ?? 0) ? n : a,
    );
    const centred: string[] = [];
    s.getState().setPanZoom({ centreOn: (id) => centred.push(id), fit: () => {}, fitAll: () => {}, zoomBy: () => {} });
    s.getState().reveal(deep.id);
    const st = s.getState();
    expect(st.selectedId).toBe(deep.id);
    expect(st.focusedId).toBe(deep.id);
    expect(centred).toEqual([deep.id]);
    s.getState().reveal(rootId, false);
    expect(centred).toEqual([deep.id]);
    let cur = st.index.byId.get(deep.id)!;
    while (cur.parentId) {
      expect(st.expanded.has(cur.parentId)).toBe(true);
      cur = st.index.byId.get(cur.parentId)!;
    }
  });

  it('select ignores unknown ids; view state round-trips', () => {
    const s = make();
    s.getState().select('no-such-node');
    expect(s.getState().selectedId).toBeNull();
    s.getState().select(options[1]!.id);
    s.getState().setViewport({ x: 1, y: 2, k: 0.5 });
    const view = viewOf(s.getState());
    const t = createAppStore({ docId: 'x', document: s.getState().document, view });
    expect(t.getState().selectedId).toBe(options[1]!.id);
    expect(t.getState().viewport).toEqual({ x: 1, y: 2, k: 0.5 });
    expect([...t.getState().expanded].sort()).toEqual([...s.getState().expanded].sort());
  });

  it('session changes are not document changes (no undo step, no revision)', () => {
    const s = make();
    s.getState().toggle(options[0]!.id);
    s.getState().select(options[0]!.id);
    expect(s.getState().past).toHaveLength(0);
    expect(s.getState().revision).toBe(0);
  });
});

describe('store: annotations', () => {
  it('annotates a node and records when', () => {
    const now = { t: Date.UTC(2026, 10, 24, 12) };
    const s = make(now);
    const id = options[1]!.id;
    s.getState().annotate('nodes', id, { stance: 'favoured', likelihood: 'likely', tags: ['kinetic'], note: 'Best of a bad set' });
    const a = sel.nodeAnnotationOf(id)(s.getState())!;
    expect(a).toMatchObject({ stance: 'favoured', likelihood: 'likely', tags: ['kinetic'], note: 'Best of a bad set' });
    expect(a.updatedAt).toBe('2026-11-24T12:00:00.000Z');
  });

  it('a shared assumption has one status, shown on every branch that rests on it, on the side that fails', () => {
    const s = make();
    s.getState().annotate('assumptions', sharedAssumption.id, { status: 'broken', rationale: 'r', undermine: 'u' });
    const resting = s.getState().index.nodesByAssumption.get(sharedAssumption.id)!;
    const negated = (id: string) => s.getState().index.byId.get(id)!.negatedAssumptionIds.includes(sharedAssumption.id);
    const onIt = resting.filter((id) => !negated(id));
    const onItsNegation = resting.filter(negated);
    expect(onIt.length).toBeGreaterThan(1);
    expect(onItsNegation.length).toBeGreaterThan(0);
    for (const id of onIt) expect(sel.weaknessOf(id)(s.getState())).toBe('broken');
    for (const id of onItsNegation) expect(sel.weaknessOf(id)(s.getState())).not.toBe('broken');
    // Descendants of a resting branch are marked as affected.
    const kid = onIt.flatMap((id) => s.getState().index.children.get(id) ?? []).find((k) => !resting.includes(k.id));
    if (kid) expect(sel.weaknessOf(kid.id)(s.getState())).toBe('affected');
    // Solid: the other side fails.
    s.getState().annotate('assumptions', sharedAssumption.id, { status: 'solid' });
    for (const id of onItsNegation) expect(sel.weaknessOf(id)(s.getState())).toBe('broken');
    for (const id of onIt) expect(sel.weaknessOf(id)(s.getState())).not.toBe('broken');
    s.getState().annotate('assumptions', sharedAssumption.id, { status: 'caveated' });
    for (const id of resting) expect(sel.weaknessOf(id)(s.getState())).toBeNull();
  });

  it('a what-if shows its marks without changing the document; keep commits it as one undo step, discard leaves nothing', () => {
    const s = make();
    const before = s.getState().document;
    const revision = s.getState().revision;
    const onIt = s.getState().index.nodesByAssumption.get(sharedAssumption.id)!.filter((id) => !s.getState().index.byId.get(id)!.negatedAssumptionIds.includes(sharedAssumption.id));
    s.getState().tryStatus({ assumptionId: sharedAssumption.id, status: 'broken' });
    expect(s.getState().document).toBe(before);
    expect(s.getState().revision).toBe(revision);
    for (const id of onIt) expect(sel.weaknessOf(id)(s.getState())).toBe('broken');
    s.getState().tryStatus(null);
    for (const id of onIt) expect(sel.weaknessOf(id)(s.getState())).toBeNull();
    expect(s.getState().document).toBe(before);
    // Unknown assumptions are not tried.
    s.getState().tryStatus({ assumptionId: 'no-such-assumption', status: 'broken' });
    expect(s.getState().whatIf).toBeNull();
    s.getState().tryStatus({ assumptionId: sharedAssumption.id, status: 'broken' });
    s.getState().keepWhatIf();
    expect(s.getState().whatIf).toBeNull();
    expect(s.getState().document.annotations.assumptions[sharedAssumption.id]?.status).toBe('broken');
    for (const id of onIt) expect(sel.weaknessOf(id)(s.getState())).toBe('broken');
    s.getState().undo();
    expect(s.getState().document.annotations.assumptions[sharedAssumption.id]).toBeUndefined();
  });

  it('annotates risks and indicators', () => {
    const s = make();
    const r = scenario.risks[0]!.id;
    const i = scenario.indicators[0]!.id;
    s.getState().annotate('risks', r, { likelihood: 'high', impact: 'medium', mitigation: 'm' });
    s.getState().annotate('indicators', i, { state: 'observed', lastChecked: '2026-11-20', note: 'seen' });
    expect(sel.annotationOf('risks', r)(s.getState())).toMatchObject({ likelihood: 'high', impact: 'medium', mitigation: 'm' });
    expect(sel.annotationOf('indicators', i)(s.getState())).toMatchObject({ state: 'observed', lastChecked: '2026-11-20' });
  });

  it('ignores annotations on things that do not exist, and no-op patches', () => {
    const s = make();
    s.getState().annotate('nodes', 'ghost', { note: 'x' });
    s.getState().annotate('assumptions', 'ghost', { status: 'broken' });
    expect(s.getState().past).toHaveLength(0);
    s.getState().annotate('nodes', options[0]!.id, { stance: 'open' }); // the default: nothing changes
    expect(s.getState().past).toHaveLength(0);
    s.getState().annotate('nodes', options[0]!.id, { stance: 'favoured' });
    s.getState().annotate('nodes', options[0]!.id, { stance: 'favoured' });
    expect(s.getState().past).toHaveLength(1);
  });

  it('an annotation keyed "constructor" never reads Object.prototype', () => {
    const s = make();
    expect(sel.nodeAnnotationOf('constructor')(s.getState())).toBeUndefined();
  });
});

describe('store: undo and redo', () => {
  it('undoes and redoes every document change', () => {
    const s = make();
    const original = s.getState().document;
    s.getState().renameNode(options[0]!.id, 'Wait and see');
    const renamed = s.getState().document;
    s.getState().undo();
    // The document goes back; the audit trail keeps the rename and records the undo (lib/team/audit).
    const { audit: undoneAudit, ...undone } = s.getState().document;
    expect(undone).toEqual(original);
    expect(undone.scenario).toBe(original.scenario);
    expect(undoneAudit!.entries.map((e) => e.what)).toEqual([renamed.audit!.entries[0]!.what, `Undid: ${renamed.audit!.entries[0]!.what.charAt(0).toLowerCase()}${renamed.audit!.entries[0]!.what.slice(1)}`]);
    s.getState().redo();
    expect(s.getState().document.scenario).toBe(renamed.scenario);
    expect(s.getState().document.audit!.entries).toHaveLength(3);
    const after = s.getState().document;
    s.getState().redo(); // nothing to redo
    expect(s.getState().document).toBe(after);
  });

  it('groups typing in one field into one step, but not after a pause or in another field', () => {
    const now = { t: 0 };
    const s = make(now);
    const id = options[0]!.id;
    for (const text of ['a', 'ab', 'abc', 'abcd']) {
      now.t += 200;
      s.getState().annotate('nodes', id, { note: text }, `note:${id}`);
    }
    expect(s.getState().past).toHaveLength(1);
    now.t += GROUP_WINDOW_MS + 1;
    s.getState().annotate('nodes', id, { note: 'abcde' }, `note:${id}`);
    expect(s.getState().past).toHaveLength(2);
    now.t += 100;
    s.getState().annotate('nodes', options[1]!.id, { note: 'x' }, `note:${options[1]!.id}`);
    expect(s.getState().past).toHaveLength(3);
    s.getState().undo();
    s.getState().undo();
    expect(sel.nodeAnnotationOf(id)(s.getState())!.note).toBe('abcd');
    s.getState().undo();
    expect(sel.nodeAnnotationOf(id)(s.getState())).toBeUndefined();
  });

  it('keeps at least 100 steps', () => {
    const now = { t: 0 };
    const s = make(now);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      now.t += 10;
      s.getState().annotate('nodes', options[0]!.id, { note: `n${i}` });
    }
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
    expect(s.getState().past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < 100; i++) s.getState().undo();
    expect(sel.nodeAnnotationOf(options[0]!.id)(s.getState())!.note).toBe(`n${HISTORY_LIMIT + 19 - 100}`);
  });

  it('a new change clears the redo stack', () => {
    const s = make();
    s.getState().renameNode(options[0]!.id, 'One');
    s.getState().undo();
    s.getState().renameNode(options[0]!.id, 'Two');
    expect(s.getState().future).toHaveLength(0);
  });
});

describe('store: authoring', () => {
  it('adds a child, selects it, and the document stays valid', () => {
    const s = make();
    const id = s.getState().addChild(options[2]!.id, 'outcome', 'Russia objects');
    expect(id).toBe('russia-objects');
    expect(s.getState().selectedId).toBe(id);
    expect(s.getState().expanded.has(options[2]!.id)).toBe(true);
    expect(s.getState().index.byId.get(id)!.parentId).toBe(options[2]!.id);
    expect(valid(s).ok).toBe(true);
  });

  it('renames, edits the summary, changes kind (not of the root)', () => {
    const s = make();
    s.getState().renameNode(options[0]!.id, '  Wait   for Kabul ');
    expect(s.getState().index.byId.get(options[0]!.id)!.title).toBe('Wait for Kabul');
    s.getState().renameNode(options[0]!.id, '   ');
    expect(s.getState().index.byId.get(options[0]!.id)!.title).toBe('Wait for Kabul');
    s.getState().setNodeSummary(options[0]!.id, 'New summary');
    expect(s.getState().index.byId.get(options[0]!.id)!.summary).toBe('New summary');
    s.getState().setNodeKind(rootId, 'outcome');
    expect(s.getState().index.root.kind).toBe('decision');
  });

  it('deletes a subtree with its annotations, never the root; undo restores it', () => {
    const s = make();
    const target = options[0]!;
    const size = s.getState().index.preorder.length;
    const kids = s.getState().index.children.get(target.id)!;
    s.getState().annotate('nodes', kids[0]!.id, { note: 'gone soon' });
    s.getState().select(target.id);
    s.getState().deleteSubtree(target.id);
    expect(s.getState().index.byId.has(target.id)).toBe(false);
    expect(s.getState().index.byId.has(kids[0]!.id)).toBe(false);
    expect(sel.nodeAnnotationOf(kids[0]!.id)(s.getState())).toBeUndefined();
    expect(s.getState().selectedId).toBe(rootId);
    expect(s.getState().index.preorder.length).toBeLessThan(size);
    expect(valid(s).ok).toBe(true);
    s.getState().deleteSubtree(rootId);
    expect(s.getState().index.byId.has(rootId)).toBe(true);
    s.getState().undo();
    expect(s.getState().index.preorder.length).toBe(size);
    expect(s.getState().announcement?.text).toBe(`Undid: delete branch “${target.title.length > 60 ? target.title.slice(0, 59).trimEnd() + '…' : target.title}”`);
    const seq = s.getState().announcement!.seq;
    s.getState().redo();
    expect(s.getState().announcement).toEqual({ seq: seq + 1, text: expect.stringMatching(/^Redid: delete branch “/) });
  });

  it('moves a subtree, refusing moves into its own subtree', () => {
    const s = make();
    const a = options[0]!.id;
    const b = options[2]!.id;
    const inside = s.getState().index.children.get(a)![0]!.id;
    s.getState().moveSubtree(a, inside);
    expect(s.getState().index.byId.get(a)!.parentId).toBe(rootId);
    s.getState().moveSubtree(inside, b, 0);
    expect(s.getState().index.children.get(b)![0]!.id).toBe(inside);
    expect(valid(s).ok).toBe(true);
  });

  it('reorders siblings', () => {
    const s = make();
    s.getState().reorderSibling(options[0]!.id, 1);
    expect(s.getState().index.children.get(rootId)!.map((n) => n.id).slice(0, 2)).toEqual([options[1]!.id, options[0]!.id]);
    s.getState().reorderSibling(options[1]!.id, -1); // already first
    expect(s.getState().past).toHaveLength(1);
  });

  it('adds, edits, links, unlinks and removes assumptions, risks and indicators', () => {
    const s = make();
    const n1 = options[0]!.id;
    const n2 = options[1]!.id;
    const a = s.getState().addRecord('assumptions', n1, 'Kabul keeps its word');
    s.getState().linkRecord('assumptions', n2, a);
    expect(s.getState().index.nodesByAssumption.get(a)).toEqual([n1, n2]);
    s.getState().editRecord('assumptions', a, { statement: 'Kabul keeps its word, mostly' });
    expect(s.getState().document.scenario.assumptions.find((x) => x.id === a)!.statement).toBe('Kabul keeps its word, mostly');
    s.getState().unlinkRecord('assumptions', n1, a);
    expect(s.getState().index.nodesByAssumption.get(a)).toEqual([n2]);
    s.getState().annotate('assumptions', a, { status: 'caveated' });
    s.getState().removeRecord('assumptions', a);
    expect(s.getState().index.nodesByAssumption.get(a)).toBeUndefined();
    expect(sel.annotationOf('assumptions', a)(s.getState())).toBeUndefined();

    const r = s.getState().addRecord('risks', n1, 'Escalation', { severity: 'high' });
    s.getState().editRecord('risks', r, { severity: 'critical' });
    s.getState().linkRecord('risks', n2, r);
    expect(s.getState().index.nodesByRisk.get(r)).toHaveLength(2);
    s.getState().unlinkRecord('risks', n2, r);
    s.getState().removeRecord('risks', r);
    expect(s.getState().document.scenario.risks.some((x) => x.id === r)).toBe(false);

    const i = s.getState().addRecord('indicators', n1, 'Troops mass at the border');
    s.getState().editRecord('indicators', i, { statement: 'Troops mass' });
    s.getState().linkRecord('indicators', n2, i);
    s.getState().unlinkRecord('indicators', n2, i);
    s.getState().removeRecord('indicators', i);
    expect(s.getState().document.scenario.indicators.some((x) => x.id === i)).toBe(false);
    expect(valid(s).ok).toBe(true);
  });

  it('adds, edits and removes evidence on any target', () => {
    const s = make();
    const src = scenario.sources[0]!.id;
    const n1 = options[0]!.id;
    const e = s.getState().addEvidence({ kind: 'node', id: n1 }, { quote: 'Here is why.', paragraph: 16, sourceId: src });
    expect(s.getState().index.byId.get(n1)!.evidenceIds).toContain(e);
    s.getState().editEvidence(e, { paragraph: 17 });
    expect(s.getState().document.scenario.evidence.find((x) => x.id === e)!.paragraph).toBe(17);
    expect(s.getState().addEvidence({ kind: 'node', id: n1 }, { quote: 'x', paragraph: 0, sourceId: src })).toBe('');
    expect(s.getState().addEvidence({ kind: 'node', id: n1 }, { quote: 'x', paragraph: 2, sourceId: 'nope' })).toBe('');
    const a = scenario.assumptions[0]!.id;
    const e2 = s.getState().addEvidence({ kind: 'assumption', id: a }, { quote: 'Another', paragraph: 3, sourceId: src });
    expect(s.getState().document.scenario.assumptions.find((x) => x.id === a)!.evidenceIds).toContain(e2);
    s.getState().unlinkEvidence({ kind: 'node', id: n1 }, e);
    expect(s.getState().document.scenario.evidence.some((x) => x.id === e)).toBe(false);
    expect(valid(s).ok).toBe(true);
  });

  it('loadDocument replaces the document and clears history', () => {
    const s = make();
    s.getState().renameNode(options[0]!.id, 'x');
    s.getState().loadDocument('blank', blankDocument('blank', 'A new question'));
    expect(s.getState().docId).toBe('blank');
    expect(s.getState().past).toHaveLength(0);
    expect(s.getState().index.root.title).toBe('A new question');
    expect(validateScenario(s.getState().document.scenario).ok).toBe(true);
  });
});

describe('ids', () => {
  it('slugify and uniqueId never produce reserved or empty ids', () => {
    expect(slugify('Strike in Kunar!')).toBe('strike-in-kunar');
    expect(slugify('')).toBe('item');
    expect(slugify('Constructor')).toBe('constructor-1');
    expect(slugify('Émigrés ça')).toBe('emigres-ca');
    expect(uniqueId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});

describe('user text is cleaned on entry, so it always exports and re-imports', () => {
  it('drops NUL and bidi controls, repairs lone surrogates, keeps right-to-left letters', async () => {
    const s = make();
    const id = options[0]!.id;
    s.getState().renameNode(id, 'Wait\u202E for \u0000Kabul \u0627\u0644\u0644\u0647');
    s.getState().annotate('nodes', id, { note: 'bad \uD800 half', tags: ['a\u2066b'] });
    expect(s.getState().index.byId.get(id)!.title).toBe('Wait for Kabul \u0627\u0644\u0644\u0647');
    const note = sel.nodeAnnotationOf(id)(s.getState())!;
    expect(note.note).toBe('bad \uFFFD half');
    expect(note.tags).toEqual(['ab']);
    const { buildSnapshot, serializeSnapshot, importSnapshotText } = await import('@/lib/io/snapshot');
    const text = serializeSnapshot(buildSnapshot(s.getState().document, viewOf(s.getState()), { appVersion: 'test' }));
    const back = importSnapshotText(text);
    expect(back.ok).toBe(true);
  });
});

describe('expandToDepth (the branches open when a tree opens at a depth)', () => {
  it('opens every parent above the depth, in pre-order: the same as looking at every branch', () => {
    for (const shape of ['wide', 'bushy', 'chain'] as const) {
      const index = indexTree(generateScenario({ shape, nodes: 1500, seed: 3 }));
      for (const depth of [0, 1, 2, 3, 5, 40]) {
        const brute: string[] = [];
        for (const n of index.preorder) if ((index.depth.get(n.id) ?? 0) < depth && (index.children.get(n.id)?.length ?? 0) > 0) brute.push(n.id);
        expect([...expandToDepth(index, depth)]).toEqual(brute);
      }
    }
  });
});
