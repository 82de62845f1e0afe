import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { migrate, type MigrationTrack } from '@/lib/migrate/engine';
import { migrationMessage } from '@/lib/messages/migrate';
import { SNAPSHOT_TRACK, checkFormatVersion, formatVersionSentence } from '@/lib/io/snapshot';
import { SCENARIO_SCHEMA_VERSION } from '@/lib/model/schema';
import { validateScenario } from '@/lib/model/integrity';
import {
  SCENARIO_MIGRATIONS,
  SCENARIO_TRACK,
  checkSchemaVersion,
  migrateScenario,
  migrationVersions,
  type JsonObject,
} from '@/lib/model/migrations';

const FIXTURES = path.resolve(__dirname, '../fixtures/migrations');
const fixturePath = (v: number) => path.join(FIXTURES, `scenario-v${v}.json`);
const load = (v: number): JsonObject => JSON.parse(readFileSync(fixturePath(v), 'utf8')) as JsonObject;

/** Every step a test ran; checked against the registry at the end. */
const exercised = new Set<number>();
function run(input: unknown) {
  const r = migrateScenario(input);
  if (r.ok) for (const v of r.applied) exercised.add(v);
  return r;
}

describe('migration registry', () => {
  it('has one step for every version below the current one', () => {
    const versions = migrationVersions();
    const expected = Array.from({ length: SCENARIO_SCHEMA_VERSION - 1 }, (_, i) => i + 1);
    expect(versions).toEqual(expected);
    for (const v of versions) expect(SCENARIO_MIGRATIONS[v]!.description.length).toBeGreaterThan(10);
  });

  it('has a frozen fixture for every step', () => {
    for (const v of migrationVersions()) expect(existsSync(fixturePath(v)), `missing ${fixturePath(v)}`).toBe(true);
  });
});

describe.each(migrationVersions())('frozen fixture scenario-v%i.json', (v) => {
  it('migrates to a scenario that validates', () => {
    const input = load(v);
    expect(input.schemaVersion).toBe(v);
    const before = JSON.stringify(input);
    const r = run(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.applied).toEqual(Array.from({ length: SCENARIO_SCHEMA_VERSION - v }, (_, i) => v + i));
    expect(r.value.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    const valid = validateScenario(r.value);
    expect(valid.ok ? [] : valid.problems).toEqual([]);
    // The input is not modified.
    expect(JSON.stringify(input)).toBe(before);
  });

  it('migrating its own step alone yields version v + 1', () => {
    const step = SCENARIO_MIGRATIONS[v]!;
    const out = step.up(load(v));
    expect(typeof out).toBe('object');
    exercised.add(v);
  });
});

describe('1 → 2: hoisting inline evidence', () => {
  it('pools evidence with slug ids, merging identical quotes', () => {
    const r = run(load(1));
    if (!r.ok) throw new Error(r.message);
    const doc = r.value as {
      evidence: Array<{ id: string; quote: string; paragraph: number; sourceId: string }>;
      nodes: Array<Record<string, unknown>>;
      assumptions: Array<Record<string, unknown>>;
      risks: Array<Record<string, unknown>>;
      indicators: Array<Record<string, unknown>>;
      context: Array<Record<string, unknown>>;
    };
    // The fixture holds 4 distinct quotes, each used more than once.
    expect(doc.evidence.map((e) => e.id)).toEqual(['ev-1', 'ev-2', 'ev-3', 'ev-4']);
    const keys = new Set(doc.evidence.map((e) => `${e.quote}|${e.paragraph}|${e.sourceId}`));
    expect(keys.size).toBe(doc.evidence.length);
    for (const list of [doc.nodes, doc.assumptions, doc.risks, doc.indicators, doc.context]) {
      for (const item of list) {
        expect(item).not.toHaveProperty('evidence');
        expect(Array.isArray(item.evidenceIds)).toBe(true);
      }
    }
    // "Punctuality fell…" is referenced from the root, 'renew', a risk and an indicator.
    const punctuality = doc.evidence.find((e) => e.quote.startsWith('Punctuality'))!;
    const users = [...doc.nodes, ...doc.risks, ...doc.indicators].filter((x) => (x.evidenceIds as string[]).includes(punctuality.id));
    expect(users.map((x) => x.id)).toEqual(['ferry-contract', 'renew', 'breakdowns', 'punctuality']);
  });

  it('lists an id once even if the same quote appears twice in one item', () => {
    const doc = load(1);
    const nodes = doc.nodes as Array<Record<string, unknown>>;
    const q = { quote: 'Same', paragraph: 1, sourceId: 'audit-report' };
    nodes[0]!.evidence = [q, { ...q }];
    const r = run(doc);
    if (!r.ok) throw new Error(r.message);
    expect((r.value.nodes as Array<{ evidenceIds: string[] }>)[0]!.evidenceIds).toHaveLength(1);
    expect(validateScenario(r.value).ok).toBe(true);
  });

  it('keeps quotes that differ only in paragraph or source apart', () => {
    const doc = load(1);
    const nodes = doc.nodes as Array<Record<string, unknown>>;
    nodes[0]!.evidence = [
      { quote: 'Q', paragraph: 1, sourceId: 'audit-report' },
      { quote: 'Q', paragraph: 2, sourceId: 'audit-report' },
      { quote: 'Q', paragraph: 1, sourceId: 'board-meeting' },
    ];
    const r = run(doc);
    if (!r.ok) throw new Error(r.message);
    expect((r.value.nodes as Array<{ evidenceIds: string[] }>)[0]!.evidenceIds).toHaveLength(3);
  });

  it('carries malformed inline evidence through so validation names it', () => {
    const doc = load(1);
    (doc.nodes as Array<Record<string, unknown>>)[1]!.evidence = [{ quote: 'x', paragraph: -3, sourceId: 'audit-report' }, 'junk'];
    const r = run(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = validateScenario(r.value);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^evidence\[\d+\]\.paragraph$/)]));
  });
});

describe('version checks', () => {
  it('leaves a current document alone', () => {
    const doc = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/valid-small-scenario.json'), 'utf8'));
    const r = migrateScenario(doc);
    expect(r).toEqual({ ok: true, value: doc, from: 2, to: 2, applied: [] });
  });

  it.each([
    [7, 'made by a newer version of Branchpoint (schema 7); this version reads up to 2'],
    [-1, 'negative (-1)'],
    [0, '"schemaVersion" is 0'],
    [1.5, '"schemaVersion" is 1.5'],
    ['2', 'written as text ("2")'],
    [null, '"schemaVersion" is null'],
    [undefined, 'has no "schemaVersion"'],
    [Infinity, 'out of range'],
  ])('refuses schemaVersion %s', (version, message) => {
    const doc = load(1);
    if (version === undefined) delete doc.schemaVersion;
    else doc.schemaVersion = version;
    const r = migrateScenario(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('refuses non-objects', () => {
    for (const v of [null, 3, 'x', [1]]) expect(migrateScenario(v).ok).toBe(false);
  });

  it('reports a step that throws instead of throwing', () => {
    const r = migrateScenario(
      { schemaVersion: 1 },
      {
        migrations: {
          1: {
            description: 'always fails',
            up: () => {
              throw new Error('boom');
            },
          },
        },
      },
    );
    expect(r).toEqual({
      ok: false,
      reason: { code: 'step-failed', from: 1, detail: 'boom' },
      message: 'the migration of the scenario from schema 1 to 2 failed: boom',
    });
  });

  it('reports a missing step', () => {
    const r = migrateScenario({ schemaVersion: 1 }, { migrations: {} });
    expect(r.ok).toBe(false);
  });

  it('checkSchemaVersion accepts every supported version', () => {
    for (let v = 1; v <= SCENARIO_SCHEMA_VERSION; v++) expect(checkSchemaVersion(v)).toEqual({ ok: true, version: v });
  });
});

afterAll(() => {
  // Every registered step must have been run by some test above.
  const missing = migrationVersions().filter((v) => !exercised.has(v));
  expect(missing, `migration steps never exercised: ${missing.join(', ')}`).toEqual([]);
});

describe('the one migration engine (lib/migrate/engine.ts)', () => {
  // A pretend format at version 4: 1 → 2 renames a field, 2 → 3 adds one, 3 → 4 doubles a number.
  const track: MigrationTrack = {
    subject: 'saved',
    versionKey: 'version',
    oldest: 1,
    current: 4,
    steps: {
      1: { description: 'rename', up: (r) => ({ ...r, writer: r.tabId }) },
      2: { description: 'add', up: (r) => ({ ...r, note: 'hello' }) },
      3: { description: 'double', up: (r) => ({ ...r, n: Number(r.n) * 2 }) },
    },
  };

  it('runs the steps in order from the stored version, stamping each version; returns value, from, to, applied', () => {
    expect(migrate(track, { version: 2, tabId: 'a', n: 3 })).toEqual({
      ok: true,
      value: { version: 4, tabId: 'a', n: 6, note: 'hello' },
      from: 2,
      to: 4,
      applied: [2, 3],
    });
  });

  it('property: migrating in two legs (to an intermediate target, then on) equals migrating at once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -1000, max: 1000 }), (from, mid, n) => {
        fc.pre(mid >= from);
        const input = { version: from, tabId: 't', n };
        const once = migrate(track, input);
        const first = migrate(track, input, { target: mid });
        if (!first.ok || !once.ok) throw new Error('unexpected failure');
        const second = migrate(track, first.value);
        expect(second.ok && second.value).toEqual(once.value);
        expect(second.ok && [...first.applied, ...second.applied]).toEqual(once.applied);
      }),
    );
  });

  it('refuses a version from the future with the reason too-new, leaving the input untouched', () => {
    const input = { version: 5, tabId: 'a' };
    const r = migrate(track, input);
    expect(r).toMatchObject({ ok: false, subject: 'saved', reason: { code: 'too-new', found: 5, current: 4 } });
    expect(input).toEqual({ version: 5, tabId: 'a' });
  });

  it.each([
    [undefined, 'version-missing'],
    ['2', 'version-text'],
    [null, 'version-not-number'],
    [Infinity, 'version-not-finite'],
    [2.5, 'version-fraction'],
    [-1, 'version-negative'],
    [0, 'version-too-old'],
  ])('version %s is refused with reason %s', (version, code) => {
    const r = migrate(track, version === undefined ? { tabId: 'a' } : { version, tabId: 'a' });
    expect(r.ok === false && r.reason.code).toBe(code);
  });

  it('a track with an unversioned legacy form reads a value without the version field as that version', () => {
    const legacy: MigrationTrack = { ...track, unversioned: 0, steps: { ...track.steps, 0: { description: 'name it', up: (r) => ({ ...r, tabId: 'legacy' }) } } };
    const r = migrate(legacy, { n: 1 });
    expect(r).toMatchObject({ ok: true, from: 0, to: 4, applied: [0, 1, 2, 3], value: { tabId: 'legacy', writer: 'legacy', n: 2 } });
  });

  it('returns reasons, never throws: not an object, a missing step, a step that throws or returns no object', () => {
    expect(migrate(track, [1])).toMatchObject({ ok: false, reason: { code: 'not-an-object', found: 'list' } });
    expect(migrate({ ...track, steps: { 1: track.steps[1]! } }, { version: 1 })).toMatchObject({ ok: false, reason: { code: 'no-step', from: 2 } });
    const boom: MigrationTrack = { ...track, steps: { ...track.steps, 2: { description: 'boom', up: () => { throw new Error('boom'); } } } };
    expect(migrate(boom, { version: 2 })).toMatchObject({ ok: false, reason: { code: 'step-failed', from: 2, detail: 'boom' } });
    const bad: MigrationTrack = { ...track, steps: { ...track.steps, 3: { description: 'bad', up: () => [] as unknown as JsonObject } } };
    expect(migrate(bad, { version: 3 })).toMatchObject({ ok: false, reason: { code: 'step-failed', from: 3 } });
  });

  it('the scenario, snapshot and record formats are all tracks of this engine, their words from lib/messages', () => {
    expect(SCENARIO_TRACK.steps).toBe(SCENARIO_MIGRATIONS);
    expect(migrate(SNAPSHOT_TRACK, { formatVersion: 3 })).toMatchObject({ ok: false, reason: { code: 'too-new' } });
    expect(checkFormatVersion(3)).toEqual({ code: 'too-new', found: 3, current: 1 });
    expect(checkFormatVersion(1)).toBeNull();
    expect(formatVersionSentence({ code: 'too-new', found: 3, current: 1 })).toBe(
      'This snapshot was made by a newer version of Branchpoint (snapshot format 3); this version reads up to 1. Update Branchpoint to open it',
    );
    const f = migrate(SCENARIO_TRACK, { schemaVersion: 9 });
    expect(!f.ok && migrationMessage(f)).toBe(
      'this scenario was made by a newer version of Branchpoint (schema 9); this version reads up to 2. Update Branchpoint to open it',
    );
  });
});
