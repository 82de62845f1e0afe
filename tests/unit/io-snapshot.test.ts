import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NODE_KINDS, RESERVED_IDS, SEVERITIES, ACTOR_KINDS, SOURCE_KINDS, type Scenario } from '@/lib/model/schema';
import { validateScenario } from '@/lib/model/integrity';
import { ASSUMPTION_STATUSES, CREDIBILITIES, RELIABILITIES, INDICATOR_STATES, LIKELIHOODS, RATINGS, STANCES } from '@/lib/annotations/vocab';
import { emptyAnnotations, type Annotations } from '@/lib/annotations/types';
import type { ViewState, WorkDocument } from '@/lib/doc/types';
import { checkText } from '@/lib/io/safe-json';
import {
  buildSnapshot,
  importSnapshotText,
  serializeSnapshot,
  slugify,
  snapshotFileName,
  SNAPSHOT_FORMAT,
} from '@/lib/io/snapshot';
import { importFailureMessage } from '@/lib/messages/snapshot';
import { refusal } from '../support/snapshots';

const FIX = path.resolve(__dirname, '../fixtures');
const smallScenario = (): Scenario => JSON.parse(readFileSync(path.join(FIX, 'valid-small-scenario.json'), 'utf8')) as Scenario;
const NOW = new Date('2026-11-24T15:30:00.000Z');

function smallDoc(): WorkDocument {
  const annotations = emptyAnnotations();
  annotations.nodes['mandatory-rationing'] = { note: 'Best option.', stance: 'favoured', likelihood: 'likely', tags: ['water'], updatedAt: 'T' };
  annotations.assumptions['voluntary-works'] = { status: 'broken', rationale: 'Tried.', undermine: '', updatedAt: 'T' };
  return { scenario: smallScenario(), annotations, shippedFrom: null };
}
const smallView = (): ViewState => ({ expanded: ['respond-to-drought'], selectedId: 'emergency-pipeline', viewport: { x: 1, y: 2, k: 0.5 } });

// ---------------------------------------------------------------------------
// Arbitraries: valid scenarios, annotations and views.

const slug = fc
  .stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/)
  .filter((s) => s.length <= 80 && !RESERVED_IDS.has(s));
const ids = (min: number, max: number) => fc.uniqueArray(slug, { minLength: min, maxLength: max });
const odd = fc.constantFrom('<script>alert(1)</script>', '[x](javascript:alert(1))', '“¶ 27”', 'Taliban’s TTP', 'e\u0301', '😀', 'a\nb');
const text = (min: number, max: number) =>
  fc
    .oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: 'grapheme', minLength: min, maxLength: max }), odd)
    .filter((s) => s.length >= min && s.length <= max * 2 && checkText(s) === null);
const trimmed = (max: number) => text(1, max).filter((s) => s.trim() === s);
const subset = (xs: readonly string[]) => fc.subarray([...xs]);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => (x === 0 ? 0 : x));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    nodeIds: ids(1, 20),
    sourceIds: ids(1, 3),
    actorIds: ids(1, 3),
    contextIds: ids(0, 3),
    assumptionIds: ids(0, 6),
    riskIds: ids(0, 6),
    indicatorIds: ids(0, 5),
    evidenceIds: ids(0, 8),
  })
  .chain((k) => {
    const refs = (list: readonly string[]) => subset(list);
    /** A list and a sub-list of it (undermining quotes, negated premises, observed quotes). */
    const withSub = <A extends string, B extends string>(list: readonly string[], key: A, subKey: B) =>
      refs(list).chain((l) => subset(l).map((sub) => ({ [key]: l, [subKey]: sub }) as Record<A | B, string[]>));
    const evidenceLinks = withSub(k.evidenceIds, 'evidenceIds', 'underminingEvidenceIds');
    const merge = <T extends object, U extends object>(a: fc.Arbitrary<T>, b: fc.Arbitrary<U>) => fc.tuple(a, b).map(([x, y]) => ({ ...x, ...y }));
    const node = (id: string, i: number) =>
      merge(merge(fc.record({
        id: fc.constant(id),
        parentId: i === 0 ? fc.constant(null) : fc.integer({ min: 0, max: i - 1 }).map((p) => k.nodeIds[p]!),
        kind: i === 0 ? fc.constant('decision' as const) : fc.constantFrom(...NODE_KINDS),
        title: trimmed(40),
        summary: text(0, 60),
        order: fc.integer({ min: 0, max: 1_000_000 }),
        riskIds: refs(k.riskIds),
        indicatorIds: refs(k.indicatorIds),
        actorIds: refs(k.actorIds),
        contextIds: refs(k.contextIds),
      }), withSub(k.assumptionIds, 'assumptionIds', 'negatedAssumptionIds')), evidenceLinks);
    const stmt = (id: string) => merge(fc.record({ id: fc.constant(id), statement: trimmed(60) }), evidenceLinks);
    const indicator = (id: string) =>
      stmt(id).chain((r) => subset(r.evidenceIds).map((observed) => ({ ...r, observedEvidenceIds: observed })));
    return fc.record(
      {
        $schema: fc.constant('https://example.org/scenario.schema.json'),
        schemaVersion: fc.constant(2 as const),
        id: slug,
        title: trimmed(40),
        question: trimmed(80),
        summary: text(0, 80),
        decisionMakerId: fc.constantFrom(...k.actorIds),
        sources: fc.tuple(
          ...k.sourceIds.map((id) =>
            fc.record(
              {
                id: fc.constant(id),
                title: trimmed(30),
                kind: fc.constantFrom(...SOURCE_KINDS),
                author: text(0, 20),
                publisher: text(0, 20),
                published: fc.constant('2026-11-24'),
                location: text(0, 30),
                text: text(0, 200),
              },
              { requiredKeys: ['id', 'title', 'kind'] },
            ),
          ),
        ),
        actors: fc.tuple(
          ...k.actorIds.map((id) =>
            fc.record({ id: fc.constant(id), name: trimmed(30), kind: fc.constantFrom(...ACTOR_KINDS), description: text(0, 40) }),
          ),
        ),
        context: fc.tuple(
          ...k.contextIds.map((id) =>
            merge(fc.record({ id: fc.constant(id), title: trimmed(30), description: text(0, 40) }), evidenceLinks),
          ),
        ),
        nodes: fc.tuple(...k.nodeIds.map(node)),
        assumptions: fc.tuple(...k.assumptionIds.map(stmt)),
        risks: fc.tuple(
          ...k.riskIds.map((id) =>
            merge(fc.record({ id: fc.constant(id), statement: trimmed(60), severity: fc.constantFrom(...SEVERITIES) }), evidenceLinks),
          ),
        ),
        indicators: fc.tuple(...k.indicatorIds.map(indicator)),
        evidence: fc.tuple(
          ...k.evidenceIds.map((id) =>
            fc.record({
              id: fc.constant(id),
              quote: text(1, 80),
              paragraph: fc.integer({ min: 1, max: 100_000 }),
              sourceId: fc.constantFrom(...k.sourceIds),
            }),
          ),
        ),
      },
      { requiredKeys: ['schemaVersion', 'id', 'title', 'question', 'summary', 'decisionMakerId', 'sources', 'actors', 'context', 'nodes', 'assumptions', 'risks', 'indicators', 'evidence'] },
    ) as fc.Arbitrary<Scenario>;
  });

const stamp = fc.constantFrom('2026-11-24T15:30:00.000Z', '', 'yesterday');
const tag = trimmed(40).filter((t) => t.length <= 40);

function recordOf<T>(keys: readonly string[], value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> {
  return subset(keys).chain((chosen) =>
    fc.tuple(...chosen.map(() => value)).map((vals) => {
      const out: Record<string, T> = {};
      chosen.forEach((k, i) => (out[k] = vals[i]!));
      return out;
    }),
  );
}

const annotationsArb = (s: Scenario): fc.Arbitrary<Annotations> =>
  fc.record({
    nodes: recordOf(
      s.nodes.map((n) => n.id),
      fc.record({
        note: text(0, 200),
        stance: fc.constantFrom(...STANCES),
        likelihood: fc.option(fc.constantFrom(...LIKELIHOODS), { nil: null }),
        tags: fc.array(tag, { maxLength: 4 }),
        updatedAt: stamp,
      }),
    ),
    assumptions: recordOf(
      s.assumptions.map((a) => a.id),
      fc.record({ status: fc.constantFrom(...ASSUMPTION_STATUSES), rationale: text(0, 50), undermine: text(0, 50), updatedAt: stamp }),
    ),
    risks: recordOf(
      s.risks.map((r) => r.id),
      fc.record({
        likelihood: fc.option(fc.constantFrom(...RATINGS), { nil: null }),
        impact: fc.option(fc.constantFrom(...RATINGS), { nil: null }),
        mitigation: text(0, 50),
        updatedAt: stamp,
      }),
    ),
    indicators: recordOf(
      s.indicators.map((i) => i.id),
      fc.record({
        state: fc.constantFrom(...INDICATOR_STATES),
        lastChecked: fc.option(fc.constantFrom('2026-11-24', '1999-01-01'), { nil: null }),
        note: text(0, 50),
        threshold: text(0, 50),
        owner: text(0, 20),
        reviewEveryDays: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }),
        updatedAt: stamp,
      }),
    ),
    evidence: recordOf(
      s.evidence.map((e) => e.id),
      fc.record({ credibility: fc.option(fc.constantFrom(...CREDIBILITIES), { nil: null }), note: text(0, 50), updatedAt: stamp }),
    ),
    sources: recordOf(
      s.sources.map((x) => x.id),
      fc.record({ reliability: fc.option(fc.constantFrom(...RELIABILITIES), { nil: null }), note: text(0, 50), updatedAt: stamp }),
    ),
  });

const viewArb = (s: Scenario): fc.Arbitrary<ViewState> =>
  fc.record({
    expanded: subset(s.nodes.map((n) => n.id)),
    selectedId: fc.option(fc.constantFrom(...s.nodes.map((n) => n.id)), { nil: null }),
    viewport: fc.option(fc.record({ x: finite, y: finite, k: fc.double({ min: 0.01, max: 50, noNaN: true }) }), { nil: null }),
  });

const docAndView = scenarioArb.chain((scenario) =>
  fc.record({
    document: fc.record({ scenario: fc.constant(scenario), annotations: annotationsArb(scenario), shippedFrom: fc.option(slug, { nil: null }) }),
    view: viewArb(scenario),
  }),
);

// ---------------------------------------------------------------------------

describe('buildSnapshot / serializeSnapshot', () => {
  it('builds the envelope', () => {
    const snap = buildSnapshot(smallDoc(), smallView(), { appVersion: '0.1.0', now: NOW });
    expect(snap.format).toBe(SNAPSHOT_FORMAT);
    expect(snap.formatVersion).toBe(1);
    expect(snap.exportedAt).toBe('2026-11-24T15:30:00.000Z');
    expect(snap.appVersion).toBe('0.1.0');
  });

  it('serialises with a stable key order and 2-space indent, whatever order the input had', () => {
    const doc = smallDoc();
    const a = serializeSnapshot(buildSnapshot(doc, smallView(), { appVersion: '1', now: NOW }));
    // Same content, keys inserted in reverse order everywhere that matters.
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const shuffled: WorkDocument = reversed({
      ...doc,
      scenario: reversed({ ...doc.scenario, nodes: doc.scenario.nodes.map(reversed) }),
      annotations: reversed({ ...doc.annotations, nodes: reversed(doc.annotations.nodes) }),
    });
    const b = serializeSnapshot(buildSnapshot(shuffled, reversed(smallView()), { appVersion: '1', now: NOW }));
    expect(b).toBe(a);
    expect(a.startsWith('{\n  "format": "branchpoint-snapshot",\n  "formatVersion": 1,\n  "exportedAt"')).toBe(true);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).toContain('\n      "schemaVersion": 2,\n      "id": "riverton-drought",');
    expect(a.indexOf('"id": "respond-to-drought"')).toBeLessThan(a.indexOf('"parentId": null'));
  });
});

describe('snapshotFileName', () => {
  it('makes a safe ASCII slug with the local date and time', () => {
    expect(snapshotFileName("Taliban's TTP Conundrum", new Date(2026, 10, 24, 15, 30))).toBe(
      'branchpoint-taliban-s-ttp-conundrum-2026-11-24-1530.json',
    );
    expect(snapshotFileName('Crise à Zürich — été 2026', new Date(2026, 0, 2, 3, 4))).toBe('branchpoint-crise-a-zurich-ete-2026-2026-01-02-0304.json');
  });

  it('bounds the length and never leaves the slug empty', () => {
    expect(slugify('a'.repeat(500)).length).toBeLessThanOrEqual(60);
    expect(slugify('word '.repeat(40))).toMatch(/^word(-word)*$/);
    expect(slugify('طالبان')).toBe('scenario');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(snapshotFileName('x', new Date(NaN))).toMatch(/^branchpoint-x-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
  });
});

describe('importSnapshotText', () => {
  it('imports a snapshot with a summary', () => {
    const text = serializeSnapshot(buildSnapshot(smallDoc(), smallView(), { appVersion: '0.1.0', now: NOW }));
    const r = importSnapshotText(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document).toEqual(smallDoc());
    expect(r.view).toEqual(smallView());
    expect(r.repairs).toEqual([]);
    expect(r.summary).toEqual({
      title: "Riverton's drought response",
      nodes: 6,
      assumptions: 3,
      risks: 2,
      indicators: 2,
      annotated: 2,
      exportedAt: '2026-11-24T15:30:00.000Z',
    });
  });

  it('accepts a bare scenario and a bare work document', () => {
    const bare = importSnapshotText(JSON.stringify(smallScenario()));
    expect(bare.ok && bare.document.scenario).toEqual(smallScenario());
    expect(bare.ok && bare.view).toEqual({ expanded: [], selectedId: null, viewport: null });
    expect(bare.ok && bare.summary.exportedAt).toBeNull();
    const work = importSnapshotText(JSON.stringify(smallDoc()));
    expect(work.ok && work.document).toEqual(smallDoc());
  });

  it('names paths relative to the file for a bare scenario', () => {
    const s = smallScenario();
    s.nodes[2]!.parentId = 'nowhere';
    const r = importSnapshotText(JSON.stringify(s));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toEqual({
        code: 'invalid',
        what: 'scenario',
        first: { path: 'nodes[2].parentId', message: 'no node "nowhere" (node "voluntary-campaign" would be an orphan)' },
        more: 0,
      });
      expect(importFailureMessage(r.reason)).toBe('The scenario cannot be imported: nodes[2].parentId: no node "nowhere" (node "voluntary-campaign" would be an orphan)');
    }
  });

  it('summarises several problems in one sentence and lists them all', () => {
    const s = smallScenario();
    s.nodes[2]!.parentId = 'nowhere';
    s.nodes[3]!.parentId = 'elsewhere';
    const text = serializeSnapshot(buildSnapshot({ ...smallDoc(), scenario: s }, smallView(), { appVersion: '1', now: NOW }));
    const r = importSnapshotText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatchObject({ code: 'invalid', what: 'snapshot', more: 1 });
    expect(importFailureMessage(r.reason)).toMatch(/^The snapshot cannot be imported: document\.scenario\.nodes\[2\]\.parentId: .* \(and 1 more problem\)$/);
    expect(r.problems.map((p) => p.path)).toEqual(['document.scenario.nodes[2].parentId', 'document.scenario.nodes[3].parentId']);
  });

  it('requires a document in a snapshot', () => {
    const r = importSnapshotText('{"format": "branchpoint-snapshot", "formatVersion": 1}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toEqual({ code: 'no-document' });
      expect(r.problems).toEqual([{ path: 'document', message: 'is missing' }]);
      expect(importFailureMessage(r.reason)).toBe('The snapshot holds no "document"');
    }
  });

  it.each([
    [2, 'This snapshot was made by a newer version of Branchpoint (snapshot format 2); this version reads up to 1'],
    [0, '"formatVersion" is 0'],
    [-3, '"formatVersion" is negative (-3)'],
    [1.5, 'is 1.5, not a whole number'],
    ['1', '"formatVersion" is written as text ("1")'],
    [null, '"formatVersion" is null'],
  ])('refuses formatVersion %s', (version, expected) => {
    const r = importSnapshotText(JSON.stringify({ format: SNAPSHOT_FORMAT, formatVersion: version, document: smallDoc() }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe('format-version');
      expect(importFailureMessage(r.reason)).toContain(expected);
      expect(r.problems).toEqual([{ path: 'formatVersion', message: importFailureMessage(r.reason) }]);
    }
  });

  it('refuses a snapshot without formatVersion', () => {
    const r = importSnapshotText(JSON.stringify({ format: SNAPSHOT_FORMAT, document: smallDoc() }));
    expect(!r.ok && r.reason).toEqual({ code: 'format-version', reason: { code: 'version-missing' } });
    expect(refusal(r)).toBe('The snapshot has no "formatVersion"; it must be 1');
  });

  it('round-trips generated documents and views exactly (property)', () => {
    fc.assert(
      fc.property(docAndView, ({ document, view }) => {
        expect(validateScenario(document.scenario).ok).toBe(true);
        const text = serializeSnapshot(buildSnapshot(document, view, { appVersion: 'test', now: NOW }));
        const r = importSnapshotText(text);
        if (!r.ok) throw new Error(refusal(r));
        expect(r.repairs).toEqual([]);
        expect(r.document).toEqual(document);
        expect(r.view).toEqual(view);
        // Serialising again gives the same text.
        expect(serializeSnapshot(buildSnapshot(r.document, r.view, { appVersion: 'test', now: NOW }))).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------
// Fuzz: never throws.

function expectSettled(text: string) {
  let r: ReturnType<typeof importSnapshotText> | undefined;
  expect(() => {
    r = importSnapshotText(text);
  }).not.toThrow();
  expect(r).toBeDefined();
  if (r!.ok) {
    expect(validateScenario(r!.document.scenario).ok).toBe(true);
  } else {
    const message = importFailureMessage(r!.reason);
    expect(typeof message).toBe('string');
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toMatch(/\n/);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path in a JSON value (iterative). */
function paths(root: Json): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ v: Json; p: Array<string | number> }> = [{ v: root, p: [] }];
  while (stack.length) {
    const { v, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push({ v: c, p: [...p, i] }));
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) stack.push({ v: c, p: [...p, k] });
  }
  return out;
}

function mutate(root: Json, p: Array<string | number>, action: string, value: Json): Json {
  if (p.length === 0) return value;
  let parent = root as Record<string | number, Json>;
  for (let i = 0; i < p.length - 1; i++) parent = parent[p[i]!] as Record<string | number, Json>;
  const key = p[p.length - 1]!;
  if (action === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (action === 'replace') parent[key] = value;
  else if (action === 'wrap') parent[key] = [parent[key]!];
  else if (action === 'duplicate' && Array.isArray(parent)) parent.push(parent[key as number]!);
  else if (action === 'stringify') parent[key] = JSON.stringify(parent[key]) ?? null;
  return root;
}

describe('importSnapshotText fuzz', () => {
  const validText = serializeSnapshot(buildSnapshot(smallDoc(), smallView(), { appVersion: '1', now: NOW }));
  const validObject = () => JSON.parse(validText) as Json;
  const allPaths = paths(validObject());

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), expectSettled), { numRuns: 1000 });
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => expectSettled(JSON.stringify(v) ?? 'null')),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary values inside a snapshot envelope', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (doc, view) =>
        expectSettled(JSON.stringify({ format: SNAPSHOT_FORMAT, formatVersion: 1, document: doc, view })),
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on structurally mutated valid snapshots', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat({ max: allPaths.length - 1 }),
            action: fc.constantFrom('delete', 'replace', 'wrap', 'duplicate', 'stringify'),
            value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<Json>(-3, 1e308, '', 'maybe', null, '__proto__', [], {})),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (mutations) => {
          let doc = validObject();
          for (const m of mutations) {
            const live = paths(doc);
            const p = live[m.at % live.length]!;
            doc = mutate(doc, p, m.action, m.value as Json);
          }
          expectSettled(JSON.stringify(doc));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on textually mutated valid snapshots', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: validText.length }), cut: fc.nat({ max: 20 }), insert: fc.string({ unit: 'binary', maxLength: 5 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (edits) => {
          let t = validText;
          for (const e of edits) {
            const at = e.at % (t.length + 1);
            t = t.slice(0, at) + e.insert + t.slice(at + e.cut);
          }
          expectSettled(t);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------
// Measurement: importing a ~10 MB snapshot.

const WORDS = 'the council water reservoir pipeline rationing farmers summer autumn evidence risk indicator assumption branch outcome'.split(' ');
function prose(seed: number, chars: number): string {
  let out = '';
  let x = seed;
  while (out.length < chars) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += `${WORDS[x % WORDS.length]} `;
  }
  return out.slice(0, chars).trim();
}

function bigDocument(nodeCount: number): WorkDocument {
  const s = smallScenario();
  const nodes: Scenario['nodes'] = [];
  const annotations = emptyAnnotations();
  for (let i = 0; i < nodeCount; i++) {
    const id = `n-${i}`;
    nodes.push({
      id,
      parentId: i === 0 ? null : `n-${Math.floor((i - 1) / 4)}`,
      kind: i === 0 ? 'decision' : (['option', 'chance', 'outcome'] as const)[i % 3]!,
      title: `Branch ${i}: ${prose(i, 60)}`,
      summary: prose(i * 7 + 1, 900),
      order: i % 4,
      assumptionIds: [s.assumptions[i % 3]!.id],
      negatedAssumptionIds: [],
      riskIds: i % 2 ? [s.risks[i % 2]!.id] : [],
      indicatorIds: [],
      evidenceIds: [s.evidence[i % 4]!.id],
      underminingEvidenceIds: [],
      actorIds: [],
      contextIds: [],
    });
    annotations.nodes[id] = {
      note: prose(i * 13 + 5, 700),
      stance: STANCES[i % STANCES.length]!,
      likelihood: LIKELIHOODS[i % LIKELIHOODS.length]!,
      tags: ['big', `t${i % 10}`],
      updatedAt: '2026-11-24T15:30:00.000Z',
    };
  }
  return { scenario: { ...s, nodes }, annotations, shippedFrom: null };
}

describe('measurement', () => {
  it('imports a ~9.9 MB snapshot (median of 5 runs)', () => {
    const target = 9.9 * 1024 * 1024;
    const serialize = (n: number) => serializeSnapshot(buildSnapshot(bigDocument(n), smallView(), { appVersion: 'bench', now: NOW }));
    const perNode = (serialize(200).length - serialize(100).length) / 100;
    let n = Math.floor((target - serialize(100).length) / perNode) + 100;
    let text = serialize(n);
    while (text.length > target) text = serialize((n -= 5));
    const bytes = new TextEncoder().encode(text).length;
    expect(bytes).toBeLessThanOrEqual(10 * 1024 * 1024);

    const times: number[] = [];
    let last: ReturnType<typeof importSnapshotText> | undefined;
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      last = importSnapshotText(text);
      times.push(performance.now() - t0);
    }
    expect(last!.ok).toBe(true);
    if (last!.ok) expect(last!.summary.nodes).toBe(n);
    times.sort((a, b) => a - b);
    console.log(
      `importSnapshotText: ${(bytes / 1048576).toFixed(2)} MB, ${n} nodes, ${n} node notes — median ${times[2]!.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
    );
  }, 120_000);
});
