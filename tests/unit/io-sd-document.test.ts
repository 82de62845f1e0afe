import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importSnapshotText } from '@/lib/io/snapshot';
import { importFailureMessage } from '@/lib/messages/snapshot';
import { sdReportLines } from '@/lib/messages/sd-import';
import { solve } from '@/lib/analysis/rollback';
import { analysisOf } from '@/lib/analysis/document';
import { validateScenario } from '@/lib/model/integrity';

const dir = path.join(__dirname, '../fixtures/silverdecisions');
const text = (file: string) => readFileSync(path.join(dir, file), 'utf8');

/** The root value SilverDecisions stores for the file's own rule (one criterion). */
function storedRoot(file: string): number {
  const json = JSON.parse(text(file)) as { rule: string; data: { trees: { computed: Record<string, { payoff: unknown }> }[] } };
  const p = json.data.trees[0]!.computed[json.rule]!.payoff;
  const s = String(Array.isArray(p) ? p[0] : p);
  const m = /^(-)?(\d+)(?:\/(\d+))?$/.exec(s)!;
  const v = m[3] ? Number(m[2]) / Number(m[3]) : Number(m[2]);
  return m[1] ? -v : v;
}

describe('SilverDecisions files through the ordinary import', () => {
  it.each(['policies.json', 'policies2.json', 'rockefellerWithParamsNoRandom.json', 'fliptest_pass.json'])(
    '%s becomes a valid scenario with its analysis, giving the stored root value',
    (file) => {
      const r = importSnapshotText(text(file), { now: '2026-12-05T00:00:00.000Z' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(validateScenario(r.document.scenario).ok).toBe(true);
      expect(r.document.shippedFrom).toBeNull();
      expect(r.silverDecisions).toBeDefined();
      const a = analysisOf(r.document);
      expect(a.settings.criteria.length).toBeGreaterThan(0);
      const solved = solve(r.document.scenario.nodes, a.inputs, a.settings);
      expect(solved.ok ? [] : solved.problems).toEqual([]);
      if (!solved.ok) return;
      expect(solved.solution.root.score).toBeCloseTo(storedRoot(file), 9);
      expect(r.summary.nodes).toBe(r.document.scenario.nodes.length);
      // Every branch with children is open, so the values show at once.
      expect(r.view.expanded).toContain(r.document.scenario.nodes[0]!.id);
    },
  );

  it('keeps edge names as titles, code as parameters, "#" probabilities and the rule', () => {
    const r = importSnapshotText(text('rockefellerWithParamsNoRandom.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.document.scenario;
    expect(s.nodes.filter((n) => n.parentId === s.nodes[0]!.id).map((n) => n.title)).toEqual(['sprzedaj', 'instaluj', 'testuj']);
    const a = analysisOf(r.document);
    expect(a.settings.parameters.map((p) => p.id)).toEqual(['pr', 'sens', 'spec', 'pplus']);
    expect(Object.values(a.inputs).some((i) => i.probability === '#')).toBe(true);
    expect(a.settings.rule).toBe('max-ev');
    expect(s.title).toBe('Problem inwestycyjny');
  });

  it('says what was imported and what was not', () => {
    const r = importSnapshotText(text('fliptest_pass.json'));
    expect(r.ok).toBe(true);
    if (!r.ok || !r.silverDecisions) return;
    const report = r.silverDecisions;
    expect(report.wrappedRoot).toBe(true);
    expect(r.document.scenario.nodes[0]!.kind).toBe('decision');
    expect(report.left).toEqual(expect.arrayContaining(['computed', 'layout', 'more-trees']));
    const lines = sdReportLines(report);
    expect(lines.imported[0]).toMatch(/^0 decision nodes, 3 chance nodes and 4 terminal nodes.*\.$/);
    expect(lines.imported.join('\n')).toContain('placed under a decision');
    expect(lines.notImported.join('\n')).toContain('The other tree of the file (only the first is imported).');
    expect(lines.notImported.join('\n')).toContain('results SilverDecisions stored');
  });

  it('recognises a SilverDecisions file that also has a "format" key', () => {
    const r = importSnapshotText(text('mcdm2.json'));
    expect(r.ok && r.silverDecisions?.criteria).toEqual(['Effect', 'Cost']);
  });

  it.each([
    ['a bad node', '{"data":{"trees":[{"type":"decision","childEdges":[{"childNode":{"type":"wizard","childEdges":[]}}]}]}}', /node at .* is malformed/],
    ['a function in code', '{"data":{"code":"f(x) = x^2","trees":[{"type":"terminal","childEdges":[]}]}}', /is not a simple "name = expression"/],
    ['__proto__ as a rule', '{"rule":"__proto__","data":{"trees":[{"type":"terminal","childEdges":[]}]}}', /rule “__proto__” is unknown/],
    ['no tree', '{"data":{"trees":[]}}', /holds no tree/],
    ['a tree 60 levels deep', `{"data":{"trees":[${'{"type":"chance","childEdges":[{"childNode":'.repeat(60)}{"type":"terminal"}${']}'.repeat(60)}]}}`, null],
  ])('refuses or reads %s without throwing', (_what, input, message) => {
    const r = importSnapshotText(input);
    if (message === null) {
      expect(typeof r.ok).toBe('boolean');
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.code).toBe('silverdecisions');
    expect(importFailureMessage(r.reason)).toMatch(message);
  });

  it('a snapshot is still read as a snapshot', () => {
    const r = importSnapshotText('{"format":"branchpoint-snapshot","formatVersion":1,"data":{"trees":[]}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.code).toBe('no-document');
  });
});
