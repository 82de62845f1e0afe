/**
 * A working copy of the article scenario as shipped before its re-authoring
 * (revision 1, frozen in scenarios/revisions/) moves onto the current
 * revision: annotations carried over wherever their target still exists,
 * renamed ids followed, the rest named with the reason (issue 9, item 7).
 * Fixtures are frozen: tests/fixtures/saved/saved-v1-article-r1.json and
 * tests/fixtures/reauthor/snapshot-article-r1.json.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { CURRENT_REVISION, SHIPPED_REVISIONS, matchRevision, reviseShipped } from '@/lib/doc/revisions';
import { restoreDocument } from '@/lib/io/restore';
import { importSnapshotText } from '@/lib/io/snapshot';
import { decodeSaved } from '@/lib/persist/saved';
import { restoreRepairText } from '@/lib/messages/restore';
import { repairText } from '@/lib/messages/persist';
import { validateScenario } from '@/lib/model/integrity';
import { shippedScenarios } from '@/lib/scenarios';
import type { Scenario } from '@/lib/model/schema';

const ROOT = path.resolve(__dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const r1 = (() => {
  const v = validateScenario(JSON.parse(read('scenarios/revisions/taliban-ttp-conundrum.r1.json')));
  if (!v.ok) throw new Error('revision 1 invalid');
  return v.scenario;
})();
const current = shippedScenarios().find((s) => s.id === 'taliban-ttp-conundrum')!;

describe('the shipped revisions of the article scenario', () => {
  it('freezes revision 1 and ships a different current revision', () => {
    expect(JSON.stringify(r1)).not.toBe(JSON.stringify(current));
    expect(CURRENT_REVISION['taliban-ttp-conundrum']).toBe(2);
  });

  it('accounts for every id of revision 1 the current revision lacks: renamed, or removed with a reason', () => {
    const rev = SHIPPED_REVISIONS.find((r) => r.scenarioId === 'taliban-ttp-conundrum' && r.revision === 1)!;
    for (const kind of ['nodes', 'assumptions', 'risks', 'indicators', 'evidence', 'sources'] as const) {
      const now = new Set((current[kind] as readonly { id: string }[]).map((r) => r.id));
      const renames = rev.renames[kind] ?? {};
      const removed = rev.removed[kind] ?? {};
      for (const { id } of r1[kind] as readonly { id: string }[]) {
        if (now.has(id)) continue;
        const known = id in renames || id in removed;
        expect(known, `${kind} ${id} is gone but neither renamed nor listed as removed`).toBe(true);
      }
      for (const to of Object.values(renames)) expect(now.has(to), `${kind} rename target ${to}`).toBe(true);
    }
  });

  it('recognises only an unchanged copy of an old revision, shipped from the same scenario', () => {
    expect(matchRevision(r1, 'taliban-ttp-conundrum')?.revision).toBe(1);
    expect(matchRevision(r1, null)).toBeNull();
    expect(matchRevision(current, 'taliban-ttp-conundrum')).toBeNull();
    const reshaped: Scenario = { ...r1, nodes: r1.nodes.map((n) => (n.id === 'kunar-strike' ? { ...n, title: 'My own title' } : n)) };
    expect(matchRevision(reshaped, 'taliban-ttp-conundrum')).toBeNull();
    expect(reviseShipped(reshaped, 'taliban-ttp-conundrum', {})).toBeNull();
  });

  it('never lets an annotation key reach a prototype', () => {
    const raw = JSON.parse('{"nodes":{"__proto__":{"note":"x"},"kunar-strike":{"note":"y"}}}') as unknown;
    const r = reviseShipped(r1, 'taliban-ttp-conundrum', raw)!;
    const nodes = (r.annotations as Record<string, Record<string, unknown>>).nodes!;
    expect(Object.getPrototypeOf(nodes)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(nodes, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).note).toBeUndefined();
  });
});

function expectCarriedOver(doc: { scenario: Scenario; annotations: import('@/lib/records').Annotations }) {
  expect(JSON.stringify(doc.scenario)).toBe(JSON.stringify(current));
  const a = doc.annotations;
  // Kept targets keep their annotations.
  expect(a.nodes['kunar-strike']).toMatchObject({ stance: 'favoured', note: 'Kept: the strike needs Erdogan-level will.', tags: ['kept'] });
  expect(a.nodes['wait-for-taliban']?.stance).toBe('rejected');
  expect(a.assumptions['taliban-unwilling-or-unable']).toMatchObject({ status: 'caveated', rationale: 'Kept: ¶6, ¶16 and ¶20 agree.' });
  expect(a.risks['political-will-lacking']?.mitigation).toBe('Kept: press for approval.');
  // Renamed targets follow the rename.
  expect(a.nodes['strike-approved']).toMatchObject({ stance: 'needs-work', note: 'Renamed: approval is the crux.' });
  expect(a.evidence['p14-team-contradicted']).toMatchObject({ credibility: '3' });
  // Removed targets are gone.
  for (const gone of ['taliban-other-commitments', 'border-militancy-resurges', 'political-will-for-strike']) expect(a.nodes[gone], gone).toBeUndefined();
  expect(a.risks['isk-ttp-cooperation']).toBeUndefined();
}

describe('old data still loads onto the re-authored scenario', () => {
  it('saved work (frozen fixture): carried over, the dropped annotations named with their reason, the original kept', () => {
    const r = decodeSaved(read('tests/fixtures/saved/saved-v1-article-r1.json'));
    if (r.status !== 'ok') throw new Error(r.status);
    expect(r.changed).toBe(true); // the stored original is backed up before it is ever replaced
    expectCarriedOver(r.value.document);
    const text = r.repairs.map(repairText).join('\n');
    for (const line of [
      'revision 1 to 2',
      'with 6 annotations carried over',
      'Not carried over (3 annotations',
      'the branch “Which commitments on foreign militants do the Taliban keep?” (taliban-other-commitments): it is now background in the context (see the context item “The presumption on the Taliban’s other commitments”)',
      'the branch “TTP militancy resurges in the border region Pakistan had secured” (border-militancy-resurges): it is now background in the context',
      'the risk “IS-K and the TTP overlap and cooperate operationally.” (isk-ttp-cooperation): it is now background in the context (see the context item “IS-K/TTP overlap”)',
    ])
      expect(text).toContain(line);
    // Nothing else was repaired: the carried-over annotations are valid as they are.
    expect(r.repairs).toHaveLength(1);
  });

  it('an exported snapshot (frozen fixture): the same, shown before it is applied', () => {
    const r = importSnapshotText(read('tests/fixtures/reauthor/snapshot-article-r1.json'));
    if (!r.ok) throw new Error(r.reason.code);
    expectCarriedOver(r.document);
    const revised = r.repairs.find((x) => x.code === 'scenario-revised');
    expect(revised && revised.code === 'scenario-revised' ? revised.report.dropped.map((d) => `${d.kind}:${d.id}:${d.reason}`) : []).toEqual([
      'nodes:taliban-other-commitments:became-context',
      'nodes:border-militancy-resurges:became-context',
      'risks:isk-ttp-cooperation:became-context',
    ]);
    expect(r.repairs.map(restoreRepairText).join('\n')).toContain('(border-militancy-resurges)');
    // The view follows what still exists.
    expect(r.view.selectedId).toBe('kunar-strike');
    expect(r.view.expanded).toEqual(['pakistan-ttp-response', 'kunar-strike', 'wait-for-taliban']);
  });

  it('leaves a current copy, and a copy the analyst reshaped, as they are', () => {
    const now = restoreDocument({ scenario: current, annotations: { nodes: { 'kunar-strike': { note: 'n', stance: 'open', likelihood: null, tags: [], updatedAt: 'T' } } }, shippedFrom: current.id });
    if (!now.ok) throw new Error('refused');
    expect(now.repairs).toEqual([]);
    const mine = { ...r1, title: 'My own version of the article' };
    const reshaped = restoreDocument({ scenario: mine, annotations: {}, shippedFrom: r1.id });
    if (!reshaped.ok) throw new Error('refused');
    expect(reshaped.document.scenario.title).toBe('My own version of the article');
    expect(reshaped.repairs.some((x) => x.code === 'scenario-revised')).toBe(false);
  });
});
