import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  decodeLibrary,
  decodeSaved,
  decodeSession,
  encodeLibrary,
  encodeSaved,
  encodeSession,
  emptyLibrary,
  SAVED_KIND,
  SAVED_TRACK,
  SAVED_VERSION,
  SESSION_TRACK,
  LIBRARY_TRACK,
} from '@/lib/persist/saved';
import { decodeStash, encodeStash, STASH_TRACK } from '@/lib/persist/stash';
import { damageText, noticeText, repairText } from '@/lib/messages/persist';
import type { Intake } from '@/lib/persist/intake';

/** The words of a failed intake, for assertion messages. */
const why = (r: Intake<unknown>) => (r.status === 'damaged' ? damageText(r.reason) : r.status);
import { makeSampleDocument } from '@/lib/gen/sample-document';
import { SCENARIO_SCHEMA_VERSION } from '@/lib/model/schema';

const FIXTURES = path.resolve(__dirname, '../fixtures/saved');
const readFixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const doc = () => makeSampleDocument({ nodeCount: 12 });
const record = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: SAVED_KIND, version: 1, revision: 3, savedAt: '2026-11-24T00:00:00.000Z', tabId: 'tab-a', document: doc(), ...over });

describe('frozen saved fixtures', () => {
  it('every fixture in tests/fixtures/saved still loads', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const r = f.startsWith('stash-') ? decodeStash(readFixture(f)) : decodeSaved(readFixture(f));
      expect(r.status, `${f}: ${why(r)}`).toBe('ok');
    }
  });

  it('stash format 0 (no kind, no version): migrated by the engine, document and view kept', () => {
    const r = decodeStash(readFixture('stash-v0.json'));
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.value).toMatchObject({ docId: 'riverton-drought', base: 3, at: '2026-12-01T09:00:01.000Z' });
    expect(r.value.document.annotations.nodes['mandatory-rationing']!.note).toBe('Written at page exit, before the stash had a kind.');
    expect(r.value.view).toMatchObject({ selectedId: 'mandatory-rationing' });
    // A stash written now carries its kind and version, and reads back the same.
    const again = decodeStash(encodeStash({ ...r.value, view: { expanded: [], selectedId: null, viewport: null } }));
    expect(again.status === 'ok' && again.value.document).toEqual(r.value.document);
    expect(JSON.parse(encodeStash({ ...r.value, view: { expanded: [], selectedId: null, viewport: null } }))).toMatchObject({ kind: 'branchpoint-stash', version: 1 });
  });

  it('saved format 1 holding a schema-1 scenario: the scenario is migrated, evidence pooled, annotations kept', () => {
    const r = decodeSaved(readFixture('saved-v1-scenario-v1.json'));
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.changed).toBe(true);
    expect(r.repairs.map(repairText).join('\n')).toMatch(/upgraded the scenario from schema 1 to 2/);
    const { value: rec } = r;
    expect(rec.revision).toBe(7);
    expect(rec.tabId).toBe('3f1c2a9e-0d4b-4c61-9a57-1b2e8f6d0c44');
    const s = rec.document.scenario;
    expect(s.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    // Three distinct quotes (one repeated on the context item and a node) pool into three records.
    expect(s.evidence).toHaveLength(3);
    const quote = 'Two thirds of annual exports cross in November.';
    const shared = s.evidence.find((e) => e.quote === quote)!;
    expect(s.context[0]!.evidenceIds).toEqual([shared.id]);
    expect(s.nodes.find((n) => n.id === 'reopen-now')!.evidenceIds).toEqual([shared.id]);
    expect(s.assumptions[0]!.evidenceIds).toHaveLength(1);
    expect(rec.document.annotations.nodes['reopen-now']!.stance).toBe('favoured');
    expect(rec.document.annotations.assumptions['inspections-hold']!.status).toBe('caveated');
    expect(rec.document.annotations.indicators['queue-length']!.lastChecked).toBe('2026-11-19');
    expect(rec.document.shippedFrom).toBeNull();
  });
});

describe('decodeSaved', () => {
  it('round-trips what encodeSaved writes, unchanged', () => {
    const d = doc();
    const text = encodeSaved({ revision: 5, savedAt: '2026-11-24T10:00:00.000Z', tabId: 'tab-a', document: d });
    const r = decodeSaved(text);
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.changed).toBe(false);
    expect(r.repairs).toEqual([]);
    expect(r.value.revision).toBe(5);
    expect(r.value.document).toEqual(d);
  });

  it('refuses a record from the future, naming a newer Branchpoint', () => {
    const r = decodeSaved(record({ version: SAVED_VERSION + 1 }));
    expect(r.status).toBe('too-new');
    if (r.status === 'too-new') {
      expect(noticeText({ code: 'too-new', what: 'document', id: 'a', failure: r.failure })).toMatch(/saved by a newer version of Branchpoint \(format 2; this version reads up to 1\)/);
    }
  });

  it('treats a scenario from a newer schema inside a current record as too new, not damaged', () => {
    const d = doc() as unknown as { scenario: Record<string, unknown> };
    d.scenario.schemaVersion = SCENARIO_SCHEMA_VERSION + 1;
    const r = decodeSaved(record({ document: d }));
    expect(r.status).toBe('too-new');
  });

  it.each([
    ['not JSON', '{"kind": "branchpoint-saved", "version": 1, "revis'],
    ['empty', ''],
    ['a list', '[]'],
    ['another kind', JSON.stringify({ kind: 'something-else', version: 1 })],
    ['no version', JSON.stringify({ kind: SAVED_KIND })],
    ['version as text', JSON.stringify({ kind: SAVED_KIND, version: '1' })],
    ['no document', JSON.stringify({ kind: SAVED_KIND, version: 1, revision: 1 })],
    ['JSON null', 'null'],
    ['a number', '42'],
  ])('reports %s as damaged, without throwing, keeping the text to set aside', (_, text) => {
    const r = decodeSaved(text);
    expect(r.status).toBe('damaged');
    if (r.status === 'damaged') expect(r.text).toBe(text);
  });

  it.each([
    ['null', null, /holds null instead of a saved document/],
    ['a number', 7, /holds a number instead of a saved document/],
    ['a list', [1], /holds a list instead of a saved document/],
    ['true', true, /holds true or false/],
  ])('any stored value that is not text goes through the same intake: %s is damaged, named plainly', (_, value, words) => {
    const r = decodeSaved(value);
    expect(r.status).toBe('damaged');
    if (r.status === 'damaged') expect(damageText(r.reason)).toMatch(words);
  });

  it('a stored record object (not its text) is read, and marked changed so the original is kept aside', () => {
    const stored = JSON.parse(record()) as unknown;
    const r = decodeSaved(stored);
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.changed).toBe(true);
    expect(r.repairs).toContainEqual({ code: 'stored-not-text', found: 'object' });
    expect(r.value.revision).toBe(3);
  });

  it('reports a document that fails validation as corrupt, naming the problem', () => {
    const d = doc();
    d.scenario.nodes[3]!.parentId = 'no-such-node';
    const r = decodeSaved(record({ document: d }));
    expect(r.status).toBe('damaged');
    if (r.status === 'damaged') expect(damageText(r.reason)).toMatch(/no-such-node/);
  });

  it('repairs an odd envelope and a stale annotation, and says so', () => {
    const d = doc() as unknown as { annotations: { nodes: Record<string, unknown> } };
    d.annotations.nodes['gone-node'] = { note: '', stance: 'open', likelihood: null, tags: [], updatedAt: '' };
    const r = decodeSaved(record({ revision: -4, tabId: 7, document: d }));
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.changed).toBe(true);
    expect(r.value.revision).toBe(1);
    expect(r.value.tabId).toBe('unknown');
    expect(r.repairs.map(repairText).join('\n')).toMatch(/gone-node/);
  });

  it('keeps text with bidi controls the user typed (their own saved work is never "damaged")', () => {
    const d = doc();
    d.scenario.nodes[1]!.title = 'Quote: \u202Bمذاکرات\u202C resumed';
    const r = decodeSaved(encodeSaved({ revision: 1, savedAt: '', tabId: 't', document: d }));
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.value.document.scenario.nodes[1]!.title).toBe(d.scenario.nodes[1]!.title);
  });
});

describe('messages say once, plainly, what is wrong', () => {
  const withNode = (order: unknown) => {
    const d = doc() as unknown as { scenario: { nodes: Array<Record<string, unknown>> } };
    d.scenario.nodes[1]!.order = order;
    return d;
  };
  const words = (r: Intake<unknown>) => (r.status === 'damaged' ? damageText(r.reason) : `(${r.status})`);

  it('"Infinity" (text) as a sibling order is named as text, not as missing', () => {
    const r = decodeSaved(record({ document: withNode('Infinity') }));
    expect(words(r)).toMatch(/nodes\[1\]\.order: expected number, got text "Infinity"/);
    expect(words(r)).not.toMatch(/missing/);
  });

  it('a number that is not finite is said to be not finite (a stored object can hold Infinity; JSON text 1e999)', () => {
    const asObject = JSON.parse(record()) as { document: unknown };
    asObject.document = withNode(Infinity);
    expect(words(decodeSaved(asObject))).toMatch(/nodes\[1\]\.order: is not a finite number \(Infinity\)/);
    const text = record({ document: withNode(12345) }).replace('"order":12345', '"order":1e999');
    expect(words(decodeSaved(text))).toMatch(/is not a finite number/);
  });

  it('a paragraph of 1e308 is out of range (once), not "must be a whole number"', () => {
    const d = doc();
    d.scenario.evidence[0]!.paragraph = 1e308;
    const w = words(decodeSaved(record({ document: d })));
    expect(w).toMatch(/evidence\[0\]\.paragraph: is out of range \(1e\+308\); it must be at most 100000/);
    expect(w).not.toMatch(/whole number/);
    expect(w.match(/paragraph/g)).toHaveLength(1);
  });
});

describe('record tracks (the one migration engine)', () => {
  it('every record track has a step for every version below its current one', () => {
    for (const track of [SAVED_TRACK, SESSION_TRACK, LIBRARY_TRACK, STASH_TRACK]) {
      const from = track.unversioned ?? track.oldest;
      for (let v = from; v < track.current; v++) expect(track.steps[v], `${track.subject} step ${v} → ${v + 1}`).toBeDefined();
    }
  });
});

describe('session record', () => {
  it('round-trips a view and drops ids the document no longer has', () => {
    const d = doc();
    const text = encodeSession({ expanded: ['n-1', 'n-2', 'gone'], selectedId: 'n-2', viewport: { x: 1, y: 2, k: 1.5 } });
    expect(JSON.parse(text)).toMatchObject({ kind: 'branchpoint-session', version: 1 });
    const r = decodeSession(text, d);
    expect(r.status).toBe('ok');
    expect(r.view).toEqual({ expanded: ['n-1', 'n-2'], selectedId: 'n-2', viewport: { x: 1, y: 2, k: 1.5 } });
  });

  it('falls back to the default view for missing, damaged or newer views', () => {
    const d = doc();
    expect(decodeSession(undefined, d).status).toBe('missing');
    expect(decodeSession('{oops', d)).toEqual({ status: 'reset', view: { expanded: [], selectedId: null, viewport: null } });
    expect(decodeSession(null, d).status).toBe('reset');
    expect(decodeSession(JSON.stringify({ kind: 'branchpoint-session', version: 99, view: {} }), d).status).toBe('too-new');
  });
});

describe('library record', () => {
  it('round-trips and drops invalid entries, reporting them', () => {
    const lib = { ...emptyLibrary(), currentId: 'a', docs: [{ id: 'a', title: 'A', shippedFrom: null, updatedAt: 't' }] };
    expect(decodeLibrary(encodeLibrary(lib))).toEqual({ status: 'ok', value: lib, repairs: [], changed: false });
    const odd = JSON.stringify({ kind: 'branchpoint-library', version: 1, currentId: 'bad:id', docs: [{ id: 'a' }, { id: 'a' }, 5, { id: 'x:y' }] });
    const r = decodeLibrary(odd);
    if (r.status !== 'ok') throw new Error(why(r));
    expect(r.value.docs.map((d) => d.id)).toEqual(['a']);
    expect(r.value.currentId).toBeNull();
    expect(r.repairs.length).toBe(4);
  });

  it('refuses a library from the future', () => {
    expect(decodeLibrary(JSON.stringify({ kind: 'branchpoint-library', version: 2, docs: [] })).status).toBe('too-new');
  });
});
