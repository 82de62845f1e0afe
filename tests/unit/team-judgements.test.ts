import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod';
import * as Y from 'yjs';
import type { WorkDocument } from '@/lib/doc/types';
import { LIKELIHOODS, LIKELIHOOD_INFO, STANCES, type Likelihood, type Stance } from '@/lib/annotations/vocab';
import {
  JUDGED_STATUSES,
  JUDGEMENT_LIMITS,
  canonicalJudgements,
  judgeAssumption,
  judgeBranch,
  judgementsOf,
  pruneJudgements,
  restoreJudgements,
  type Analyst,
  type JudgedStatus,
  type Judgements,
} from '@/lib/team/judgements';
import {
  BAND_FLOOR,
  STANCE_SCORE,
  STATUS_SCORE,
  bandOf,
  checksByAssumption,
  groupView,
  likelihoodScore,
  probabilityScore,
  splitByBranch,
  spreadOf,
  teamRows,
  type Band,
} from '@/lib/team/aggregate';
import { restoreDocument } from '@/lib/io/restore';
import { SNAPSHOT_FORMAT, canonicalDocument, serializeSnapshot } from '@/lib/io/snapshot';
import { diffDocuments } from '@/lib/io/diff';
import { describeDiffItem } from '@/lib/messages/diff';
import { buildBriefMarkdown as buildBrief } from '@/lib/io/brief';
import { restoreRepairText } from '@/lib/messages/restore';
import { applyLocalChange, encodeDocument, localUndoManager } from '@/lib/sync/ydoc';
import { createAppStore } from '@/lib/store/store';
import * as ops from '@/lib/doc/ops';
import { NOW, baseDocument, canon, decoded } from '../support/sync-ops';

const ANA: Analyst = { id: 'a-000000000ana', name: 'Ana', colour: '#1971c2' };
const BEN: Analyst = { id: 'a-000000000ben', name: 'Ben', colour: '#d9480f' };
const CAT: Analyst = { id: 'a-000000000cat', name: 'Cat', colour: '#2b8a3e' };

function doc(): WorkDocument {
  return baseDocument();
}
const leafOf = (d: WorkDocument) => d.scenario.nodes[d.scenario.nodes.length - 1]!.id;
const nodeAt = (d: WorkDocument, i: number) => d.scenario.nodes[i % d.scenario.nodes.length]!.id;
const assumptionOf = (d: WorkDocument) => d.scenario.assumptions[0]!.id;

// ---------------------------------------------------------------------------
describe('the judgements layer', () => {
  it('records each analyst apart, with their name and colour as last known', () => {
    const d = doc();
    const leaf = leafOf(d);
    let j: Judgements = {};
    j = judgeBranch(j, ANA, leaf, { stance: 'favoured', likelihood: 'likely' }, NOW);
    j = judgeBranch(j, BEN, leaf, { stance: 'rejected' }, NOW);
    j = judgeBranch(j, { ...ANA, name: 'Ana R.', colour: '#9c36b5' }, leaf, { probability: ' 30% ' }, NOW);
    expect(j[ANA.id]!.name).toBe('Ana R.');
    expect(j[ANA.id]!.colour).toBe('#9c36b5');
    expect(j[ANA.id]!.branches[leaf]).toEqual({ stance: { value: 'favoured', at: NOW }, likelihood: { value: 'likely', at: NOW }, probability: { value: '30%', at: NOW } });
    expect(j[BEN.id]!.branches[leaf]).toEqual({ stance: { value: 'rejected', at: NOW } });
  });

  it('clearing the last judgement removes the analyst; "unreviewed" withdraws a check', () => {
    const d = doc();
    let j = judgeBranch({}, ANA, leafOf(d), { likelihood: 'likely' }, NOW);
    j = judgeBranch(j, ANA, leafOf(d), { likelihood: null }, NOW);
    expect(j).toEqual({});
    j = judgeAssumption({}, ANA, assumptionOf(d), 'broken', NOW);
    expect(j[ANA.id]!.assumptions[assumptionOf(d)]!.status!.value).toBe('broken');
    expect(judgeAssumption(j, ANA, assumptionOf(d), 'unreviewed', NOW)).toEqual({});
  });

  it('refuses an analyst without a proper id', () => {
    const j = judgeBranch({}, { ...ANA, id: '__proto__' }, 'x', { stance: 'open' }, NOW);
    expect(j).toEqual({});
  });

  it('prunes judgements on branches and assumptions that are gone', () => {
    const d = doc();
    let j = judgeBranch({}, ANA, leafOf(d), { stance: 'favoured' }, NOW);
    j = judgeAssumption(j, BEN, assumptionOf(d), 'solid', NOW);
    const next = ops.deleteSubtree(d, leafOf(d));
    const pruned = pruneJudgements(j, next.scenario);
    expect(pruned[ANA.id]).toBeUndefined();
    expect(pruned[BEN.id]).toBeDefined();
    expect(pruneJudgements(pruned, next.scenario)).toBe(pruned);
  });
});

// ---------------------------------------------------------------------------
describe('restoring the layer', () => {
  const withLayer = (d: WorkDocument, judgements: unknown) => ({ ...canonicalDocument(d), judgements });

  it('keeps a valid layer exactly (snapshot round trip) and leaves an empty one out', () => {
    const d0 = doc();
    let j = judgeBranch({}, ANA, leafOf(d0), { stance: 'favoured', likelihood: 'likely', probability: '0.4' }, NOW);
    j = judgeAssumption(j, BEN, assumptionOf(d0), 'caveated', NOW);
    const d = { ...d0, judgements: j };
    const r = restoreDocument(JSON.parse(JSON.stringify(canonicalDocument(d))));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.repairs).toEqual([]);
    expect(canonicalJudgements(judgementsOf(r.document))).toEqual(canonicalJudgements(j));
    // An old snapshot (no layer) serialises as before: no "judgements" key at all.
    const old = serializeSnapshot({ format: SNAPSHOT_FORMAT, formatVersion: 1, exportedAt: NOW, appVersion: 'x', document: d0, view: { expanded: [], selectedId: null, viewport: null } });
    expect(old).not.toContain('judgements');
    expect(serializeSnapshot({ format: SNAPSHOT_FORMAT, formatVersion: 1, exportedAt: NOW, appVersion: 'x', document: d, view: { expanded: [], selectedId: null, viewport: null } })).toContain('"judgements"');
  });

  it('drops and reports entries on records that no longer exist, bad entries and bad analysts', () => {
    const d = doc();
    const leaf = leafOf(d);
    const raw = {
      [ANA.id]: {
        name: 'Ana',
        colour: ANA.colour,
        branches: { [leaf]: { stance: { value: 'favoured', at: NOW } }, gone: { stance: { value: 'open', at: NOW } }, __proto__x: {} },
        assumptions: { [assumptionOf(d)]: { status: { value: 'unreviewed', at: NOW } } },
      },
      [BEN.id]: { name: 'Ben', colour: 'red', branches: {}, assumptions: {} },
      'not-an-id': { name: 'X', colour: ANA.colour, branches: {}, assumptions: {} },
    };
    const r = restoreDocument(withLayer(d, raw));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(judgementsOf(r.document))).toEqual([ANA.id]);
    expect(judgementsOf(r.document)[ANA.id]!.branches).toEqual({ [leaf]: { stance: { value: 'favoured', at: NOW } } });
    const codes = r.repairs.map((x) => x.code).sort();
    expect(codes).toEqual(['judgements-analyst-dropped', 'judgements-analyst-dropped', 'judgements-entry-dropped', 'judgements-orphaned']);
    const texts = r.repairs.map(restoreRepairText).join(' | ');
    expect(texts).toContain('no longer exist');
    expect(texts).toContain('gone');
  });

  it('leaves out empty entries without a repair (a branch judged on nothing, an assumption with no check)', () => {
    const d = doc();
    const leaf = leafOf(d);
    const other = d.scenario.nodes.find((n) => n.id !== leaf)!.id;
    const raw = {
      [ANA.id]: {
        name: 'Ana',
        colour: ANA.colour,
        branches: { [leaf]: { stance: { value: 'favoured', at: NOW } }, [other]: {} },
        assumptions: { [assumptionOf(d)]: {} },
      },
    };
    const r = restoreJudgements(z, raw, d.scenario);
    expect(r.repairs).toEqual([]);
    expect(r.judgements[ANA.id]!.branches).toEqual({ [leaf]: { stance: { value: 'favoured', at: NOW } } });
    expect(r.judgements[ANA.id]!.assumptions).toEqual({});
  });

  it('refuses a hostile layer whole, with a clear message, and keeps the document', () => {
    const d = doc();
    const many: Record<string, unknown> = {};
    for (let i = 0; i <= JUDGEMENT_LIMITS.maxAnalysts; i++) many[`a-${String(i).padStart(12, '0')}`] = { name: 'X', colour: ANA.colour, branches: {}, assumptions: {} };
    const r = restoreDocument(withLayer(d, many));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.judgements).toBeUndefined();
    expect(r.repairs.map(restoreRepairText).join()).toMatch(/team judgements were refused: they name more than 200 analysts/);
    expect(canonicalDocument(r.document).scenario).toEqual(canonicalDocument(d).scenario);
    const unreadable = restoreDocument(withLayer(d, 'nope'));
    expect(unreadable.ok && unreadable.repairs.map((x) => x.code)).toEqual(['judgements-unreadable']);
    // Prototype keys never reach an object's machinery.
    const proto = JSON.parse(`{"__proto__": {"name": "Evil", "colour": "${ANA.colour}", "branches": {}, "assumptions": {}}}`);
    const rp = restoreJudgements(z, proto, d.scenario);
    expect(Object.getPrototypeOf(rp.judgements)).toBe(Object.prototype);
    expect(rp.judgements).toEqual({});
  });

  it('never throws and keeps only valid entries, whatever it is given', () => {
    const d = doc();
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (raw) => {
        const r = restoreJudgements(z, raw, d.scenario);
        for (const id of Object.keys(r.judgements)) {
          expect(id).toMatch(/^a-[0-9a-z]{12}$/);
          for (const k of Object.keys(r.judgements[id]!.branches)) expect(d.scenario.nodes.some((n) => n.id === k)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
describe('aggregation and disagreement', () => {
  /** The oracle: mean and population SD the slow, obvious way (sums of pairs). */
  function oracle(xs: number[]) {
    const n = xs.length;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    // Var = (1 / 2n²) Σᵢ Σⱼ (xᵢ − xⱼ)²: independent of the mean-first formula.
    let s = 0;
    for (const a of xs) for (const b of xs) s += (a - b) ** 2;
    return { mean, sd: Math.sqrt(s / (2 * n * n)), min: Math.min(...xs), max: Math.max(...xs) };
  }
  const bandOracle = (sd: number): Band => (sd < 0.1 - 1e-9 ? 'consensus' : sd < 0.2 - 1e-9 ? 'mild' : sd < 0.3 - 1e-9 ? 'strong' : 'extreme');

  it('spread matches the brute-force oracle; bands follow the documented thresholds', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (xs) => {
        const s = spreadOf(xs);
        const o = oracle(xs);
        expect(s.mean).toBeCloseTo(o.mean, 9);
        expect(s.sd).toBeCloseTo(o.sd, 9);
        expect(s.min).toBe(o.min);
        expect(s.max).toBe(o.max);
        expect(s.sd).toBeLessThanOrEqual(0.5 + 1e-12);
        expect(bandOf(s.sd)).toBe(bandOracle(o.sd));
      }),
    );
  });

  it('bands: examples the comment gives', () => {
    expect(BAND_FLOOR).toEqual({ consensus: 0, mild: 0.1, strong: 0.2, extreme: 0.3 });
    const sd2 = (a: number, b: number) => spreadOf([a, b]).sd;
    expect(bandOf(sd2(likelihoodScore('likely'), likelihoodScore('likely')))).toBe('consensus');
    expect(bandOf(sd2(likelihoodScore('likely'), likelihoodScore('very-likely')))).toBe('mild');
    expect(bandOf(sd2(STANCE_SCORE.favoured, STANCE_SCORE.open))).toBe('strong');
    expect(bandOf(sd2(STANCE_SCORE.favoured, STANCE_SCORE.rejected))).toBe('extreme');
    expect(bandOf(sd2(STATUS_SCORE.solid, STATUS_SCORE.caveated))).toBe('mild');
    expect(bandOf(sd2(STATUS_SCORE.solid, STATUS_SCORE.unsupported))).toBe('extreme');
  });

  it('probabilities: plain numbers and percentages, expressions over parameters, the rest left out', () => {
    const params = new Map([['p', 0.3]]);
    expect(probabilityScore('0.25', params)).toEqual({ score: 0.25 });
    expect(probabilityScore('40%', params)).toEqual({ score: 0.4 });
    expect(probabilityScore('1 - p', params)).toEqual({ score: 0.7 });
    expect(probabilityScore('q * 2', params)).toEqual({ leftOut: 'expression' });
    expect(probabilityScore('1.5', params)).toEqual({ leftOut: 'out-of-range' });
  });

  const stanceArb = fc.constantFrom(...STANCES);
  const likArb = fc.constantFrom(...LIKELIHOODS);
  const statusArb = fc.constantFrom(...JUDGED_STATUSES);
  const analysts = [ANA, BEN, CAT];

  it('every row, over any judgements of up to three analysts, agrees with the oracle', () => {
    const d0 = doc();
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 2 }), node: fc.nat(), stance: fc.option(stanceArb), lik: fc.option(likArb), prob: fc.option(fc.integer({ min: 0, max: 100 })), status: fc.option(statusArb) }), { maxLength: 20 }),
        (list) => {
          let j: Judgements = {};
          const expected = new Map<string, Map<string, number>>();
          const put = (key: string, who: string, score: number) => {
            const m = expected.get(key) ?? new Map<string, number>();
            m.set(who, score);
            expected.set(key, m);
          };
          for (const e of list) {
            const a = analysts[e.who]!;
            const node = nodeAt(d0, e.node);
            j = judgeBranch(j, a, node, { ...(e.stance ? { stance: e.stance as Stance } : {}), ...(e.lik ? { likelihood: e.lik as Likelihood } : {}), ...(e.prob !== null ? { probability: `${e.prob}%` } : {}) }, NOW);
            if (e.stance) put(`branch/${node}/stance`, a.id, STANCE_SCORE[e.stance as Stance]);
            if (e.lik) put(`branch/${node}/likelihood`, a.id, (LIKELIHOOD_INFO[e.lik as Likelihood].band[0] + LIKELIHOOD_INFO[e.lik as Likelihood].band[1]) / 200);
            if (e.prob !== null) put(`branch/${node}/probability`, a.id, e.prob / 100);
            if (e.status) {
              j = judgeAssumption(j, a, assumptionOf(d0), e.status as JudgedStatus, NOW);
              put(`assumption/${assumptionOf(d0)}/status`, a.id, STATUS_SCORE[e.status as JudgedStatus]);
            }
          }
          const rows = teamRows({ ...d0, judgements: j });
          expect(rows.length).toBe(expected.size);
          for (const r of rows) {
            const m = expected.get(`${r.kind}/${r.id}/${r.dimension}`)!;
            expect(r.opinions.length).toBe(m.size);
            const o = oracle([...m.values()]);
            expect(r.spread!.mean).toBeCloseTo(o.mean, 9);
            expect(r.spread!.sd).toBeCloseTo(o.sd, 9);
            expect(r.band).toBe(m.size < 2 ? null : bandOracle(o.sd));
          }
          // The tree's mark: the worst band of each branch.
          const split = splitByBranch(rows);
          for (const [id, band] of split) {
            const worst = rows.filter((r) => r.kind === 'branch' && r.id === id && r.band).map((r) => ['consensus', 'mild', 'strong', 'extreme'].indexOf(r.band!));
            expect(['consensus', 'mild', 'strong', 'extreme'].indexOf(band)).toBe(Math.max(...worst));
          }
          // The Key Assumptions table's Team column: exactly the judged assumptions, each with every analyst's last status.
          const checks = checksByAssumption(rows);
          const lastStatus = new Map<string, string>();
          for (const e of list) if (e.status) lastStatus.set(analysts[e.who]!.id, e.status);
          expect([...checks.keys()]).toEqual(lastStatus.size ? [assumptionOf(d0)] : []);
          for (const row of checks.values()) {
            expect(row.dimension).toBe('status');
            expect(row.opinions.map((o) => `${o.analystId}=${o.value}`).sort()).toEqual([...lastStatus].map(([a, v]) => `${a}=${v}`).sort());
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the group view lands on the value nearest the aggregate', () => {
    const d0 = doc();
    const leaf = leafOf(d0);
    let j = judgeBranch({}, ANA, leaf, { likelihood: 'likely', stance: 'needs-work' }, NOW);
    j = judgeBranch(j, BEN, leaf, { likelihood: 'very-likely', stance: 'needs-work' }, NOW);
    j = judgeBranch(j, CAT, leaf, { likelihood: 'very-likely', stance: 'open' }, NOW);
    j = judgeAssumption(j, ANA, assumptionOf(d0), 'solid', NOW);
    j = judgeAssumption(j, BEN, assumptionOf(d0), 'broken', NOW);
    const rows = teamRows({ ...d0, judgements: j });
    const get = (dim: string) => groupView(rows.find((r) => r.dimension === dim)!)!.value;
    expect(get('likelihood')).toBe('very-likely'); // mean 80.8%: in "very likely"
    expect(get('stance')).toBe('needs-work');
    expect(get('status')).toBe('unsupported'); // mean 0.5: the more cautious of the two nearest
  });
});

// ---------------------------------------------------------------------------
describe('the store: recording your judgement', () => {
  it('sets the team value and records it as the analyst’s own, in one undo step; adopting changes no judgement', () => {
    const d0 = doc();
    const leaf = leafOf(d0);
    const store = createAppStore({ docId: 't', document: d0 });
    store.getState().judgeBranch(ANA, leaf, { stance: 'rejected' });
    store.getState().judgeBranch(BEN, leaf, { stance: 'favoured' });
    store.getState().judgeBranch(CAT, leaf, { stance: 'favoured', probability: '0.6' });
    store.getState().judgeAssumption(ANA, assumptionOf(d0), 'broken');
    let s = store.getState().document;
    expect(s.annotations.nodes[leaf]!.stance).toBe('favoured');
    expect(s.analysis!.inputs[leaf]!.probability).toBe('0.6');
    expect(s.annotations.assumptions[assumptionOf(d0)]!.status).toBe('broken');
    expect(Object.keys(judgementsOf(s)).sort()).toEqual([ANA.id, BEN.id, CAT.id].sort());
    store.getState().undo();
    expect(judgementsOf(store.getState().document)[ANA.id]!.assumptions).toEqual({});
    store.getState().redo();
    // Adopt the group's view of the stance: mean 2/3, "open" nearer than favoured; no judgement changes.
    const before = judgementsOf(store.getState().document);
    store.getState().adoptGroupView('branch', leaf, 'stance');
    s = store.getState().document;
    expect(s.annotations.nodes[leaf]!.stance).toBe('open');
    expect(judgementsOf(s)).toBe(before);
    // Deleting the branch takes its judgements with it.
    store.getState().deleteSubtree(leaf);
    expect(Object.values(judgementsOf(store.getState().document)).every((a) => !(leaf in a.branches))).toBe(true);
  });
});

// ---------------------------------------------------------------------------
describe('diff and brief', () => {
  it('lists changes of judgements by analyst and shows the split in the brief', () => {
    const d0 = doc();
    const leaf = leafOf(d0);
    const a = { ...d0, judgements: judgeBranch({}, ANA, leaf, { stance: 'favoured' }, NOW) };
    let j = judgeBranch(judgementsOf(a), ANA, leaf, { stance: 'rejected' }, NOW);
    j = judgeBranch(j, BEN, leaf, { stance: 'favoured' }, NOW);
    const b = { ...d0, judgements: j };
    const diff = diffDocuments(a, b);
    const lines = diff.items.filter((i) => i.category === 'judgements').map(describeDiffItem);
    expect(lines).toEqual([expect.stringMatching(/^Ana’s judgement of “.+”: stance Favoured → Rejected$/), expect.stringMatching(/^Ben’s judgement of “.+”: stance — → Favoured$/)]);
    expect(diff.nodeChanges.get(leaf)).toBe('changed');
    const brief = buildBrief(b);
    expect(brief).toContain('## Team judgements');
    expect(brief).toMatch(/stance: Extreme disagreement \(SD 0\.50\)/);
    expect(buildBrief(a)).not.toContain('## Team judgements');
  });
});

// ---------------------------------------------------------------------------
describe('the shared room', () => {
  function client(seed: Y.Doc) {
    const y = new Y.Doc();
    Y.applyUpdate(y, Y.encodeStateAsUpdate(seed));
    return { y, doc: decoded(y), origin: {} };
  }
  type C = ReturnType<typeof client>;
  const edit = (c: C, fn: (d: WorkDocument) => WorkDocument) => {
    const next = fn(c.doc);
    applyLocalChange(c.y, c.doc, next, c.origin);
    c.doc = decoded(c.y);
  };
  const judge = (who: Analyst, node: string, patch: Parameters<typeof judgeBranch>[3]) => (d: WorkDocument) => ({ ...d, judgements: judgeBranch(judgementsOf(d), who, node, patch, NOW) });
  const sync = (a: C, b: C) => {
    Y.applyUpdate(a.y, Y.encodeStateAsUpdate(b.y, Y.encodeStateVector(a.y)));
    Y.applyUpdate(b.y, Y.encodeStateAsUpdate(a.y, Y.encodeStateVector(b.y)));
    a.doc = decoded(a.y);
    b.doc = decoded(b.y);
  };

  it('round-trips the layer through a Y.Doc', () => {
    const d0 = doc();
    let j = judgeBranch({}, ANA, leafOf(d0), { stance: 'favoured', likelihood: 'likely', probability: '0.4' }, NOW);
    j = judgeAssumption(j, BEN, assumptionOf(d0), 'caveated', NOW);
    const d = { ...d0, judgements: j };
    expect(canon(decoded(encodeDocument(d)))).toBe(canon(d));
  });

  it('two analysts judging the same branch at once converge, neither losing their judgement', () => {
    const d0 = doc();
    fc.assert(
      fc.property(
        fc.array(fc.record({ node: fc.nat(), stance: stanceArbitrary(), lik: fc.option(fc.constantFrom(...LIKELIHOODS)) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ node: fc.nat(), stance: stanceArbitrary(), lik: fc.option(fc.constantFrom(...LIKELIHOODS)) }), { minLength: 1, maxLength: 4 }),
        (as, bs) => {
          const seed = encodeDocument(d0);
          const a = client(seed);
          const b = client(seed);
          let ja: Judgements = {};
          let jb: Judgements = {};
          for (const e of as) {
            const p = { stance: e.stance, ...(e.lik ? { likelihood: e.lik } : {}) };
            edit(a, judge(ANA, nodeAt(d0, e.node), p));
            ja = judgeBranch(ja, ANA, nodeAt(d0, e.node), p, NOW);
          }
          for (const e of bs) {
            const p = { stance: e.stance, ...(e.lik ? { likelihood: e.lik } : {}) };
            edit(b, judge(BEN, nodeAt(d0, e.node), p));
            jb = judgeBranch(jb, BEN, nodeAt(d0, e.node), p, NOW);
          }
          sync(a, b);
          expect(canon(a.doc)).toBe(canon(b.doc));
          expect(judgementsOf(a.doc)[ANA.id]).toEqual(ja[ANA.id]);
          expect(judgementsOf(a.doc)[BEN.id]).toEqual(jb[BEN.id]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('undo takes back only your own judgement', () => {
    const d0 = doc();
    const seed = encodeDocument(d0);
    const a = client(seed);
    const b = client(seed);
    const um = localUndoManager(a.y, a.origin);
    edit(a, judge(ANA, leafOf(d0), { stance: 'favoured' }));
    edit(b, judge(BEN, leafOf(d0), { stance: 'rejected' }));
    sync(a, b);
    um.undo();
    a.doc = decoded(a.y);
    expect(judgementsOf(a.doc)[ANA.id]).toBeUndefined();
    expect(judgementsOf(a.doc)[BEN.id]!.branches[leafOf(d0)]!.stance!.value).toBe('rejected');
  });
});

function stanceArbitrary() {
  return fc.constantFrom(...STANCES);
}
