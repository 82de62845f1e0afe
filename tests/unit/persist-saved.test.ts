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
  migrateRecord,
  peekSaved,
  SAVED_KIND,
  SAVED_MIGRATIONS,
  SAVED_VERSION,
  type RecordMigrations,
} from '@/lib/persist/saved';
import { makeSampleDocument } from '@/lib/persist/sample';
import { SCENARIO_SCHEMA_VERSION } from '@/lib/model/schema';

const FIXTURES = path.resolve(__dirname, '../fixtures/saved');
const readFixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const doc = () => makeSampleDocument({ nodeCount: 12 });
const record = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: SAVED_KIND, version: 1, revision: 3, savedAt: '2026-11-24T00:00:00.000Z', tabId: 'tab-a', document: doc(), ...over });

describe('frozen saved fixtures', () => {
  it('every fixture in tests/fixtures/saved still loads', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = decodeSaved(readFixture(f));
      expect(r.status, `${f}: ${r.status === 'ok' ? '' : r.message}`).toBe('ok');
    }
  });

  it('saved format 1 holding a schema-1 scenario: the scenario is migrated, evidence pooled, annotations kept', () => {
    const r = decodeSaved(readFixture('saved-v1-scenario-v1.json'));
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.changed).toBe(true);
    expect(r.repairs.join('\n')).toMatch(/upgraded the scenario from schema 1 to 2/);
    const { record: rec } = r;
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
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.changed).toBe(false);
    expect(r.repairs).toEqual([]);
    expect(r.record.revision).toBe(5);
    expect(r.record.document).toEqual(d);
  });

  it('refuses a record from the future, naming a newer Branchpoint', () => {
    const r = decodeSaved(record({ version: SAVED_VERSION + 1 }));
    expect(r.status).toBe('too-new');
    if (r.status === 'too-new') expect(r.message).toMatch(/saved by a newer version of Branchpoint/);
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
  ])('reports %s as corrupt, without throwing', (_, text) => {
    const r = decodeSaved(text);
    expect(r.status).toBe('corrupt');
  });

  it('reports a document that fails validation as corrupt, naming the problem', () => {
    const d = doc();
    d.scenario.nodes[3]!.parentId = 'no-such-node';
    const r = decodeSaved(record({ document: d }));
    expect(r.status).toBe('corrupt');
    if (r.status === 'corrupt') expect(r.message).toMatch(/no-such-node/);
  });

  it('repairs an odd envelope and a stale annotation, and says so', () => {
    const d = doc() as unknown as { annotations: { nodes: Record<string, unknown> } };
    d.annotations.nodes['gone-node'] = { note: '', stance: 'open', likelihood: null, tags: [], updatedAt: '' };
    const r = decodeSaved(record({ revision: -4, tabId: 7, document: d }));
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.changed).toBe(true);
    expect(r.record.revision).toBe(1);
    expect(r.record.tabId).toBe('unknown');
    expect(r.repairs.join('\n')).toMatch(/gone-node/);
  });

  it('keeps text with bidi controls the user typed (their own saved work is never "damaged")', () => {
    const d = doc();
    d.scenario.nodes[1]!.title = 'Quote: \u202Bمذاکرات\u202C resumed';
    const r = decodeSaved(encodeSaved({ revision: 1, savedAt: '', tabId: 't', document: d }));
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.record.document.scenario.nodes[1]!.title).toBe(d.scenario.nodes[1]!.title);
  });

  it('peekSaved reads the envelope only', () => {
    const p = peekSaved(record());
    expect(p).toMatchObject({ status: 'ok', revision: 3, savedAt: '2026-11-24T00:00:00.000Z' });
    expect(peekSaved('nope').status).toBe('corrupt');
  });
});

describe('record migrations engine', () => {
  // A pretend future: format 1 → 2 renames tabId to writer, 2 → 3 adds a note.
  const table: RecordMigrations = {
    1: { description: 'rename', up: (r) => ({ ...r, writer: r.tabId }) },
    2: { description: 'note', up: (r) => ({ ...r, note: 'hello' }) },
  };

  it('runs every step in order and stamps the version', () => {
    const r = migrateRecord({ kind: 'k', version: 1, tabId: 'a' }, 'k', 3, table);
    expect(r).toEqual({ status: 'ok', record: { kind: 'k', version: 3, tabId: 'a', writer: 'a', note: 'hello' }, applied: [1, 2] });
  });

  it('returns errors instead of throwing: missing step, throwing step, bad output', () => {
    expect(migrateRecord({ kind: 'k', version: 1 }, 'k', 3, { 2: table[2]! }).status).toBe('corrupt');
    const throwing: RecordMigrations = {
      1: {
        description: 'boom',
        up: () => {
          throw new Error('boom');
        },
      },
    };
    const r = migrateRecord({ kind: 'k', version: 1 }, 'k', 2, throwing);
    expect(r).toMatchObject({ status: 'corrupt' });
    if (r.status === 'corrupt') expect(r.message).toMatch(/boom/);
    const bad: RecordMigrations = { 1: { description: 'bad', up: () => [] as unknown as Record<string, unknown> } };
    expect(migrateRecord({ kind: 'k', version: 1 }, 'k', 2, bad).status).toBe('corrupt');
  });

  it('does not modify its input', () => {
    const input = { kind: 'k', version: 1, tabId: 'a' };
    migrateRecord(input, 'k', 3, table);
    expect(input).toEqual({ kind: 'k', version: 1, tabId: 'a' });
  });

  it('has a step for every saved format below the current one', () => {
    for (let v = 1; v < SAVED_VERSION; v++) expect(SAVED_MIGRATIONS[v], `step ${v} → ${v + 1}`).toBeDefined();
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
    expect(decodeSession(JSON.stringify({ kind: 'branchpoint-session', version: 99, view: {} }), d).status).toBe('too-new');
  });
});

describe('library record', () => {
  it('round-trips and drops invalid entries, reporting them', () => {
    const lib = { ...emptyLibrary(), currentId: 'a', docs: [{ id: 'a', title: 'A', shippedFrom: null, updatedAt: 't' }] };
    expect(decodeLibrary(encodeLibrary(lib))).toEqual({ status: 'ok', library: lib, repairs: [] });
    const odd = JSON.stringify({ kind: 'branchpoint-library', version: 1, currentId: 'bad:id', docs: [{ id: 'a' }, { id: 'a' }, 5, { id: 'x:y' }] });
    const r = decodeLibrary(odd);
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.library.docs.map((d) => d.id)).toEqual(['a']);
    expect(r.library.currentId).toBeNull();
    expect(r.repairs.length).toBe(4);
  });

  it('refuses a library from the future', () => {
    expect(decodeLibrary(JSON.stringify({ kind: 'branchpoint-library', version: 2, docs: [] })).status).toBe('too-new');
  });
});
