/**
 * Editing what a scenario says about itself (lib/doc/scenario-ops): details,
 * sources, actors and context items and the branches they bear on. Every op
 * keeps the document valid (shape and integrity), on the shipped scenario and
 * on generated ones, and removing a record leaves nothing pointing at it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shippedScenarios } from '@/lib/scenarios';
import { generateScenario } from '@/lib/gen/generate';
import { checkIntegrity, validateScenario, describeProblem } from '@/lib/model/integrity';
import { ACTOR_KINDS, LIMITS, SOURCE_KINDS } from '@/lib/model/constants';
import { emptyAnnotations } from '@/lib/records';
import * as ops from '@/lib/doc/ops';
import { bearing, branchesOf, editDetails, addSource, editSource, removeSource, quotesFrom, removalBlock, type BearingKind } from '@/lib/doc/scenario-ops';
import type { WorkDocument } from '@/lib/doc/types';
import type { Scenario } from '@/lib/model/schema';
import { createAppStore } from '@/lib/store/store';

const shipped = () => shippedScenarios()[0]!;
const docOf = (scenario: Scenario): WorkDocument => ({ scenario, annotations: emptyAnnotations(), shippedFrom: null });

function expectValid(doc: WorkDocument) {
  const r = validateScenario(doc.scenario);
  expect(r.ok ? [] : r.problems.map(describeProblem)).toEqual([]);
  expect(checkIntegrity(doc.scenario)).toEqual([]);
}

/** Every id any record points at, as "collection:id". */
function danglingRefs(s: Scenario): string[] {
  return checkIntegrity(s).map((p) => p.path);
}

describe('scenario details', () => {
  it('edits title, question and summary, cleaned; refuses an empty title or question and an unknown decision-maker', () => {
    const doc = docOf(shipped());
    const next = editDetails(doc, { title: '  New\u202E   title \n', question: 'Why?\r\nNow.', summary: 'About\u0000 it' });
    expect(next.scenario.title).toBe('New title');
    expect(next.scenario.question).toBe('Why?\nNow.');
    expect(next.scenario.summary).toBe('About it');
    expect(editDetails(doc, { title: '   ', question: '' })).toBe(doc);
    expect(editDetails(doc, { decisionMakerId: 'nobody' })).toBe(doc);
    expect(editDetails(doc, { decisionMakerId: 'ttp' }).scenario.decisionMakerId).toBe('ttp');
    expect(editDetails(doc, { title: doc.scenario.title })).toBe(doc);
    expectValid(next);
  });

  it('cuts over-long text to the schema limits without leaving half a surrogate pair', () => {
    const doc = docOf(shipped());
    const long = 'a'.repeat(LIMITS.maxTitleLength - 1) + '😀😀';
    const next = editDetails(doc, { title: long, summary: '😀'.repeat(LIMITS.maxTextLength) });
    expect(next.scenario.title.length).toBeLessThanOrEqual(LIMITS.maxTitleLength);
    expect(next.scenario.title).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(next.scenario.summary.length).toBe(LIMITS.maxTextLength);
    expectValid(next);
  });
});

describe('sources', () => {
  it('adds a source with an id from its title, drops empty optional fields, keeps the text with LF line endings', () => {
    const doc = docOf(shipped());
    const r = addSource(doc, { title: 'A report', kind: 'report', author: '  ', publisher: 'Think tank', text: '# Head\r\nLine\rTwo' });
    expect(r.id).toBe('a-report');
    const src = r.doc.scenario.sources.find((x) => x.id === r.id)!;
    expect(src).toEqual({ id: 'a-report', title: 'A report', kind: 'report', publisher: 'Think tank', text: '# Head\nLine\nTwo' });
    expect(addSource(r.doc, { title: 'A report' }).id).toBe('a-report-2');
    expect(addSource(doc, { title: '  ' })).toEqual({ doc, id: '' });
    expectValid(r.doc);
  });

  it('edits a source; text over the limit is refused, an empty text removes it', () => {
    const r = addSource(docOf(shipped()), { title: 'Notes', text: 'one' });
    const edited = editSource(r.doc, r.id, { title: 'Field notes', kind: 'interview', text: 'two' });
    expect(edited.scenario.sources.find((x) => x.id === r.id)).toMatchObject({ title: 'Field notes', kind: 'interview', text: 'two' });
    expect(editSource(edited, r.id, { text: 'x'.repeat(LIMITS.maxSourceTextLength + 1) })).toBe(edited);
    expect(editSource(edited, r.id, { text: '' }).scenario.sources.find((x) => x.id === r.id)!.text).toBeUndefined();
    expect(editSource(edited, 'nope', { title: 'X' })).toBe(edited);
  });

  it('removing a source takes its quotes with it, from every list that cited them, and their annotations', () => {
    let doc = docOf(shipped());
    const sid = doc.scenario.sources[0]!.id;
    const quotes = quotesFrom(doc.scenario, sid);
    expect(quotes.length).toBeGreaterThan(50);
    doc = ops.annotate(doc, 'evidence', quotes[0]!, { note: 'kept?' } as never, 'T');
    doc = ops.annotate(doc, 'sources', sid, { reliability: 'B' }, 'T');
    const next = removeSource(doc, sid);
    expect(Object.keys(next.annotations.sources)).not.toContain(sid);
    expect(next.scenario.sources.some((x) => x.id === sid)).toBe(false);
    expect(next.scenario.evidence.filter((e) => e.sourceId === sid)).toEqual([]);
    expect(Object.keys(next.annotations.evidence)).not.toContain(quotes[0]);
    expect(danglingRefs(next.scenario)).toEqual([]);
    expectValid(next);
  });
});

describe('actors and context items', () => {
  it('adds, edits, links and unlinks', () => {
    const doc = docOf(shipped());
    const nodeId = doc.scenario.nodes[1]!.id;
    const r = bearing.add(doc, 'actors', { name: 'UN envoy', kind: 'person', description: 'Mediates.' }, nodeId);
    expect(r.id).toBe('un-envoy');
    expect(r.doc.scenario.actors.at(-1)).toEqual({ id: 'un-envoy', name: 'UN envoy', kind: 'person', description: 'Mediates.' });
    expect(branchesOf(r.doc.scenario, 'actors', r.id)).toEqual([nodeId]);
    const edited = bearing.edit(r.doc, 'actors', r.id, { name: 'UN special envoy', kind: 'not-a-kind' as never });
    expect(edited.scenario.actors.at(-1)).toMatchObject({ name: 'UN special envoy', kind: 'person' });
    const other = doc.scenario.nodes[2]!.id;
    const linked = bearing.link(edited, 'actors', other, r.id);
    expect(branchesOf(linked.scenario, 'actors', r.id)).toEqual([nodeId, other]);
    expect(bearing.link(linked, 'actors', other, r.id)).toBe(linked);
    expect(bearing.link(linked, 'actors', other, 'no-such-actor')).toBe(linked);
    expect(branchesOf(bearing.unlink(linked, 'actors', nodeId, r.id).scenario, 'actors', r.id)).toEqual([other]);

    const c = bearing.add(doc, 'context', { title: 'Winter', description: 'Passes close.' });
    expect(c.doc.scenario.context.at(-1)).toEqual({ id: 'winter', title: 'Winter', description: 'Passes close.', evidenceIds: [], underminingEvidenceIds: [] });
    expect(branchesOf(c.doc.scenario, 'context', c.id)).toEqual([]);
    expectValid(linked);
    expectValid(c.doc);
  });

  it('the decision-maker cannot be removed; another actor goes with every link to it', () => {
    const doc = docOf(shipped());
    const dm = doc.scenario.decisionMakerId;
    expect(removalBlock(doc.scenario, 'actors', dm)).toBe('decision-maker');
    expect(bearing.remove(doc, 'actors', dm)).toBe(doc);
    expect(branchesOf(doc.scenario, 'actors', 'ttp').length).toBeGreaterThan(1);
    const next = bearing.remove(doc, 'actors', 'ttp');
    expect(next.scenario.actors.some((a) => a.id === 'ttp')).toBe(false);
    expect(branchesOf(next.scenario, 'actors', 'ttp')).toEqual([]);
    expectValid(next);
  });

  it('removing a context item drops the quotes only it cited, and keeps those cited elsewhere', () => {
    const doc = docOf(shipped());
    const item = doc.scenario.context.find((c) => c.id === 'turkey-sdf-peace-spring')!;
    const next = bearing.remove(doc, 'context', item.id);
    const s = next.scenario;
    const citedElsewhere = (e: string) => [s.nodes, s.assumptions, s.risks, s.indicators, s.context].some((l) => l.some((x) => x.evidenceIds.includes(e)));
    for (const e of item.evidenceIds) {
      const kept = s.evidence.some((x) => x.id === e);
      expect(kept).toBe(citedElsewhere(e));
    }
    expect(branchesOf(s, 'context', item.id)).toEqual([]);
    expectValid(next);
  });
});

describe('the shipped scenario', () => {
  it('links every actor and every context item to at least one branch it bears on', () => {
    const s = shipped();
    expect(s.actors.length).toBe(26);
    expect(s.context.length).toBe(13);
    for (const kind of ['actors', 'context'] as const) {
      const unlinked = s[kind].filter((r) => branchesOf(s, kind, r.id).length === 0).map((r) => r.id);
      expect(unlinked, `${kind} bearing on no branch`).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------- property: random sequences stay valid

type Op =
  | { op: 'details'; title: string; question: string; summary: string; dm: number }
  | { op: 'add-source'; title: string; kind: number; text: string; author: string }
  | { op: 'edit-source'; at: number; title: string; text: string; location: string }
  | { op: 'remove-source'; at: number }
  | { op: 'add'; kind: BearingKind; name: string; description: string; actorKind: number; node: number }
  | { op: 'edit'; kind: BearingKind; at: number; name: string; description: string }
  | { op: 'remove'; kind: BearingKind; at: number }
  | { op: 'link' | 'unlink'; kind: BearingKind; at: number; node: number };

const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '\r', '-', 'é', '\u202E', '\u0000', '\uD83D', '😀', '#'), maxLength: 30 });
const idx = fc.nat({ max: 1000 });
const kindArb = fc.constantFrom<BearingKind>('actors', 'context');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('details' as const), title: text, question: text, summary: text, dm: idx }),
  fc.record({ op: fc.constant('add-source' as const), title: text, kind: idx, text, author: text }),
  fc.record({ op: fc.constant('edit-source' as const), at: idx, title: text, text, location: text }),
  fc.record({ op: fc.constant('remove-source' as const), at: idx }),
  fc.record({ op: fc.constant('add' as const), kind: kindArb, name: text, description: text, actorKind: idx, node: idx }),
  fc.record({ op: fc.constant('edit' as const), kind: kindArb, at: idx, name: text, description: text }),
  fc.record({ op: fc.constant('remove' as const), kind: kindArb, at: idx }),
  fc.record({ op: fc.constantFrom('link' as const, 'unlink' as const), kind: kindArb, at: idx, node: idx }),
);

const pickId = (list: ReadonlyArray<{ id: string }>, at: number) => (list.length ? list[at % list.length]!.id : 'missing');

function apply(doc: WorkDocument, o: Op): WorkDocument {
  const s = doc.scenario;
  switch (o.op) {
    case 'details':
      return editDetails(doc, { title: o.title, question: o.question, summary: o.summary, decisionMakerId: pickId(s.actors, o.dm) });
    case 'add-source':
      return addSource(doc, { title: o.title, kind: SOURCE_KINDS[o.kind % SOURCE_KINDS.length], text: o.text, author: o.author }).doc;
    case 'edit-source':
      return editSource(doc, pickId(s.sources, o.at), { title: o.title, text: o.text, location: o.location });
    case 'remove-source':
      return removeSource(doc, pickId(s.sources, o.at));
    case 'add': {
      const input = o.kind === 'actors' ? { name: o.name, description: o.description, kind: ACTOR_KINDS[o.actorKind % ACTOR_KINDS.length] } : { title: o.name, description: o.description };
      return bearing.add(doc, o.kind, input, pickId(s.nodes, o.node)).doc;
    }
    case 'edit':
      return bearing.edit(doc, o.kind, pickId(s[o.kind], o.at), o.kind === 'actors' ? { name: o.name, description: o.description } : { title: o.name, description: o.description });
    case 'remove':
      return bearing.remove(doc, o.kind, pickId(s[o.kind], o.at));
    case 'link':
      return bearing.link(doc, o.kind, pickId(s.nodes, o.node), pickId(s[o.kind], o.at));
    case 'unlink':
      return bearing.unlink(doc, o.kind, pickId(s.nodes, o.node), pickId(s[o.kind], o.at));
  }
}

describe('property: every sequence of scenario edits keeps the document valid', () => {
  const check = (start: () => WorkDocument, runs: number) =>
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (seq) => {
        let doc = start();
        for (const o of seq) {
          const before = doc;
          doc = apply(doc, o);
          expect(checkIntegrity(doc.scenario)).toEqual([]);
          // Nothing is ever mutated in place.
          if (doc !== before) expect(doc.scenario).not.toBe(before.scenario);
        }
        const r = validateScenario(doc.scenario);
        expect(r.ok ? [] : r.problems.map(describeProblem)).toEqual([]);
        // Every quote names a source that exists, every annotation on a quote names a quote.
        const quotes = new Set(doc.scenario.evidence.map((e) => e.id));
        for (const k of Object.keys(doc.annotations.evidence)) expect(quotes.has(k)).toBe(true);
      }),
      { numRuns: runs },
    );

  it('on the shipped scenario', () => check(() => docOf(shipped()), 60));

  it('on generated scenarios', () =>
    fc.assert(
      fc.property(fc.constantFrom('wide', 'bushy', 'chain' as const), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 10_000 }), fc.array(opArb, { maxLength: 25 }), (shape, nodes, seed, seq) => {
        let doc = docOf(generateScenario({ shape, nodes, seed, refDensity: 0.5 }));
        for (const o of seq) doc = apply(doc, o);
        expect(checkIntegrity(doc.scenario)).toEqual([]);
        const r = validateScenario(doc.scenario);
        expect(r.ok ? [] : r.problems.map(describeProblem)).toEqual([]);
      }),
      { numRuns: 150 },
    ));
});

describe('store: scenario edits undo and redo', () => {
  it('each edit is one undo step', () => {
    const store = createAppStore({ docId: 'x', document: docOf(shipped()) });
    const before = store.getState().document;
    store.getState().editDetails({ title: 'Retitled' });
    const sid = store.getState().addSource({ title: 'Pasted', text: 'Body' });
    const root = store.getState().index.root.id;
    const aid = store.getState().addBearing('actors', { name: 'Envoy' }, root);
    expect(sid).toBe('pasted');
    expect(aid).toBe('envoy');
    const s = store.getState().document.scenario;
    expect(s.title).toBe('Retitled');
    expect(s.nodes.find((n) => n.id === root)?.actorIds).toContain('envoy');
    store.getState().undo();
    store.getState().undo();
    store.getState().undo();
    // The scenario goes back; the audit trail keeps the edits and records the undos (lib/team/audit).
    expect(store.getState().document.scenario).toBe(before.scenario);
    store.getState().redo();
    expect(store.getState().document.scenario.title).toBe('Retitled');
  });
});
