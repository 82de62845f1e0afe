import { readFileSync } from 'node:fs';
import path from 'node:path';
import { restoreRepairText } from '@/lib/messages/restore';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations } from '@/lib/annotations/types';
import { restoreAnnotations, restoreDocument, restoreView, emptyView } from '@/lib/io/restore';

const FIX = path.resolve(__dirname, '../fixtures');
const scenario = (): Scenario => JSON.parse(readFileSync(path.join(FIX, 'valid-small-scenario.json'), 'utf8')) as Scenario;
const v1 = () => JSON.parse(readFileSync(path.join(FIX, 'migrations/scenario-v1.json'), 'utf8')) as Record<string, unknown>;
const NOW = '2026-11-24T15:30:00.000Z';

describe('restoreDocument', () => {
  it('accepts a valid document unchanged, with no repairs', () => {
    const doc = { scenario: scenario(), annotations: emptyAnnotations(), shippedFrom: 'riverton-drought' };
    const r = restoreDocument(doc, { now: NOW });
    expect(r).toEqual({ ok: true, document: doc, repairs: [] });
  });

  it('fills missing annotations and shippedFrom', () => {
    const r = restoreDocument({ scenario: scenario() });
    expect(r.ok && r.document.annotations).toEqual(emptyAnnotations());
    expect(r.ok && r.document.shippedFrom).toBeNull();
    expect(r.ok && r.repairs).toEqual([]);
  });

  it('refuses non-objects and a missing scenario', () => {
    for (const raw of [null, 1, 'x', [], true]) {
      const r = restoreDocument(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]!.message).toMatch(/^expected an object with a "scenario"/);
    }
    const r = restoreDocument({ annotations: {} });
    expect(r).toEqual({ ok: false, problems: [{ path: 'scenario', message: 'is missing: the document holds no scenario' }] });
  });

  it('migrates an old scenario and says so', () => {
    const r = restoreDocument({ scenario: v1() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.scenario.schemaVersion).toBe(2);
    expect(r.repairs.map(restoreRepairText)).toEqual(['upgraded the scenario from schema 1 to 2']);
  });

  it('refuses a future schema on the schemaVersion path', () => {
    const s = { ...scenario(), schemaVersion: 9 };
    const r = restoreDocument({ scenario: s });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]!.path).toBe('scenario.schemaVersion');
      expect(r.problems[0]!.message).toContain('newer version of Branchpoint (schema 9)');
    }
  });

  it('refuses broken trees with integrity problems, paths prefixed by scenario', () => {
    const s = scenario();
    s.nodes[1]!.parentId = s.nodes[1]!.id;
    const r = restoreDocument({ scenario: s });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path: 'scenario.nodes[1].parentId', message: 'node "mandatory-rationing" is its own parent' });
  });

  it('refuses shape errors with their paths', () => {
    const s = scenario() as unknown as Record<string, unknown>;
    delete s.title;
    const r = restoreDocument({ scenario: s });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toEqual({ path: 'scenario.title', message: 'is missing (expected string)' });
  });

  it('clears an invalid shippedFrom and ignores unknown fields, saying so', () => {
    const r = restoreDocument({ scenario: scenario(), shippedFrom: 'Not A Slug', extra: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.shippedFrom).toBeNull();
    expect(r.repairs.map(restoreRepairText)).toEqual([
      '"shippedFrom" "Not A Slug" is not a scenario id; it was cleared',
      'ignored unknown field "extra" in the document',
    ]);
  });

  it('never throws, even on objects with throwing getters', () => {
    const evil = {};
    Object.defineProperty(evil, 'scenario', {
      enumerable: true,
      get() {
        throw new Error('gotcha');
      },
    });
    const r = restoreDocument(evil);
    expect(r.ok).toBe(false);
  });
});

describe('restoreAnnotations', () => {
  const s = scenario();

  it('drops notes on things that no longer exist, grouped in one message', () => {
    const r = restoreAnnotations(
      {
        nodes: {
          x: { note: 'a', stance: 'open', likelihood: null, tags: [], updatedAt: NOW },
          y: { note: 'b', stance: 'open', likelihood: null, tags: [], updatedAt: NOW },
          'mandatory-rationing': { note: 'kept', stance: 'favoured', likelihood: 'likely', tags: ['t'], updatedAt: NOW },
        },
        assumptions: { gone: { status: 'solid', rationale: '', undermine: '', updatedAt: NOW } },
        risks: { gone: { likelihood: null, impact: null, mitigation: '', updatedAt: NOW } },
        indicators: { gone: { state: 'observed', lastChecked: null, note: '', updatedAt: NOW } },
      },
      s,
    );
    expect(r.repairs.map(restoreRepairText)).toEqual([
      'dropped 2 notes on nodes that no longer exist: x, y',
      'dropped 1 check of an assumption that no longer exists: gone',
      'dropped 1 assessment of a risk that no longer exists: gone',
      'dropped 1 note on an indicator that no longer exists: gone',
    ]);
    expect(Object.keys(r.annotations.nodes)).toEqual(['mandatory-rationing']);
    expect(r.annotations.assumptions).toEqual({});
  });

  it('resets invalid fields to defaults, keeping the rest of the entry', () => {
    const r = restoreAnnotations(
      {
        nodes: { 'mandatory-rationing': { note: 'keep me', stance: 'maybe', likelihood: 'certain', tags: ['ok', '', 7, '  spaced  '], updatedAt: NOW } },
        assumptions: { 'rain-unlikely': { status: 'solid', rationale: 1, undermine: '', updatedAt: NOW } },
        indicators: { 'usage-drop': { state: 'observed', lastChecked: '24/11/2026', note: '', updatedAt: NOW } },
      },
      s,
      { now: NOW },
    );
    expect(r.annotations.nodes['mandatory-rationing']).toEqual({
      note: 'keep me',
      stance: 'open',
      likelihood: null,
      tags: ['ok', 'spaced'],
      updatedAt: NOW,
    });
    expect(r.annotations.assumptions['rain-unlikely']!.rationale).toBe('');
    expect(r.annotations.indicators['usage-drop']!.lastChecked).toBeNull();
    expect(r.repairs.map(restoreRepairText)).toEqual([
      'note on node "mandatory-rationing": stance "maybe" is not valid; reset to "open"',
      'note on node "mandatory-rationing": likelihood "certain" is not valid; reset to null',
      'note on node "mandatory-rationing": dropped 2 invalid tags',
      'check of assumption "rain-unlikely": rationale 1 is not valid; reset to ""',
      'note on indicator "usage-drop": lastChecked "24/11/2026" is not valid; reset to null',
    ]);
  });

  it('fills missing fields silently and drops unknown ones with a note', () => {
    const r = restoreAnnotations({ risks: { 'farm-losses': { impact: 'high', colour: 'red' } } }, s, { now: NOW });
    expect(r.annotations.risks['farm-losses']).toEqual({ likelihood: null, impact: 'high', mitigation: '', updatedAt: NOW });
    expect(r.repairs.map(restoreRepairText)).toEqual(['assessment of risk "farm-losses": ignored unknown field "colour"']);
  });

  it('keeps the first 30 tags', () => {
    const tags = Array.from({ length: 33 }, (_, i) => `t${i}`);
    const r = restoreAnnotations({ nodes: { 'mandatory-rationing': { tags } } }, s);
    expect(r.annotations.nodes['mandatory-rationing']!.tags).toEqual(tags.slice(0, 30));
    expect(r.repairs.map(restoreRepairText)).toEqual(['note on node "mandatory-rationing": kept the first 30 tags and dropped 3']);
  });

  it('shortens over-long notes instead of dropping them', () => {
    const r = restoreAnnotations({ nodes: { 'mandatory-rationing': { note: 'n'.repeat(25_000) } } }, s);
    expect(r.annotations.nodes['mandatory-rationing']!.note).toHaveLength(20_000);
    expect(restoreRepairText(r.repairs[0]!)).toContain('was longer than 20,000 characters and was shortened');
  });

  it('drops entries that are not records and entries with invalid ids', () => {
    const r = restoreAnnotations({ nodes: { 'mandatory-rationing': 'text', 'Bad Id': {} } }, s);
    expect(r.annotations.nodes).toEqual({});
    expect(r.repairs.map(restoreRepairText)).toEqual([
      'dropped the note on node "mandatory-rationing": expected a record, got "text"',
      'dropped 1 note on node with an invalid id: "Bad Id"',
    ]);
  });

  it('leaves out unreadable sections and layers', () => {
    expect(restoreAnnotations([1], s).repairs.map(restoreRepairText)).toEqual(['the annotations could not be read (expected an object, got a list) and were left out']);
    const r = restoreAnnotations({ nodes: 3, extra: {} }, s);
    expect(r.repairs.map(restoreRepairText)).toEqual([
      'the notes on nodes could not be read (expected an object, got 3) and were left out',
      'ignored unknown annotation section "extra"',
    ]);
  });

  it('returns records whose missing keys never reach Object.prototype', () => {
    const r = restoreAnnotations({}, s);
    expect(Object.prototype.hasOwnProperty.call(r.annotations.nodes, 'toString')).toBe(false);
  });
});

describe('restoreView', () => {
  const doc = { scenario: scenario(), annotations: emptyAnnotations(), shippedFrom: null };

  it('keeps existing ids once, in order, and a finite viewport', () => {
    const v = restoreView(
      {
        expanded: ['respond-to-drought', 'ghost', 'emergency-pipeline', 'respond-to-drought', 3],
        selectedId: 'late-rationing',
        viewport: { x: -10.5, y: 20, k: 1.25 },
      },
      doc,
    );
    expect(v).toEqual({
      expanded: ['respond-to-drought', 'emergency-pipeline'],
      selectedId: 'late-rationing',
      viewport: { x: -10.5, y: 20, k: 1.25 },
    });
  });

  it('drops a missing selection and a broken viewport', () => {
    expect(restoreView({ selectedId: 'ghost', viewport: { x: 0, y: 0, k: 0 } }, doc)).toEqual(emptyView());
    expect(restoreView({ viewport: { x: Infinity, y: 0, k: 1 } }, doc).viewport).toBeNull();
    expect(restoreView({ viewport: { x: '1', y: 0, k: 1 } }, doc).viewport).toBeNull();
    expect(restoreView({ viewport: [0, 0, 1] }, doc).viewport).toBeNull();
  });

  it('returns the empty view for anything unreadable', () => {
    for (const raw of [null, undefined, 'x', 3, []]) expect(restoreView(raw, doc)).toEqual(emptyView());
  });
});
