import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WorkDocument } from '@/lib/doc/types';
import { diffDocuments, groupDiff, isEmptyDiff, type DiffItem } from '@/lib/io/diff';
import { describeDiffItem } from '@/lib/messages/diff';
import * as ops from '@/lib/doc/ops';
import { validSnapshotDocument } from '../support/snapshots';

const doc = validSnapshotDocument;

/** The items without the display texts, for exact comparison. */
const bare = (items: DiffItem[]) => items.map(({ beforeText: _b, afterText: _a, ...rest }) => rest);

describe('diffDocuments', () => {
  it('finds nothing between identical documents', () => {
    const d = diffDocuments(doc(), doc());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.items).toEqual([]);
    expect(d.nodeChanges.size).toBe(0);
  });

  it('says when a branch comes to rest on an assumption being false, a quote turns against, and a source is graded', () => {
    const a = doc();
    let b = doc();
    const node = b.scenario.nodes.find((n) => n.assumptionIds.length > 0 && n.evidenceIds.length > 0)!;
    const assumption = node.assumptionIds[0]!;
    const quote = node.evidenceIds[0]!;
    b = ops.setPremiseSide(b, node.id, assumption, 'fails');
    b = ops.setEvidenceDirection(b, { kind: 'node', id: node.id }, quote, true);
    b = ops.annotate(b, 'sources', b.scenario.sources[0]!.id, { reliability: 'B' }, 'T');
    const d = diffDocuments(a, b);
    const lines = d.items.map(describeDiffItem);
    const item = (field: string) => d.items.find((i) => i.field === field);
    expect(item('negatedAssumptionIds')).toMatchObject({ category: 'nodes', id: node.id, before: [], after: [assumption] });
    expect(item('underminingEvidenceIds')).toMatchObject({ category: 'nodes', id: node.id, before: [], after: [quote] });
    expect(item('reliability')).toMatchObject({ category: 'sources', before: null, after: 'B' });
    expect(lines.join('\n')).toMatch(/assumptions it rests on being false/);
    expect(lines.join('\n')).toMatch(/quotes against it/);
    expect(lines.join('\n')).toMatch(/reliability .*B \(Usually reliable\)/);
    expect(groupDiff(d).map((g) => g.category)).toEqual(['nodes', 'sources']);
  });

  it('finds branches added, removed, renamed and moved, with before and after', () => {
    const a = doc();
    const b = doc();
    const s = b.scenario;
    s.nodes = s.nodes.filter((n) => n.id !== 'late-rationing');
    s.nodes.push({ ...s.nodes[1]!, id: 'desalination', parentId: 'respond-to-drought', title: 'Hire a desalination barge', order: 3 });
    s.nodes.find((n) => n.id === 'voluntary-campaign')!.title = 'Voluntary savings drive';
    s.nodes.find((n) => n.id === 'pipeline-delayed')!.parentId = 'mandatory-rationing';

    const d = diffDocuments(a, b);
    const nodes = d.items.filter((i) => i.category === 'nodes');
    expect(bare(nodes)).toEqual([
      { category: 'nodes', id: 'late-rationing', title: 'Rationing anyway, later and harsher', change: 'removed' },
      { category: 'nodes', id: 'voluntary-campaign', title: 'Voluntary savings drive', change: 'renamed', field: 'title', layer: 'record', before: 'Voluntary conservation campaign', after: 'Voluntary savings drive' },
      { category: 'nodes', id: 'pipeline-delayed', title: 'Pipeline is delayed past August', change: 'moved', field: 'parentId', layer: 'record', before: 'emergency-pipeline', after: 'mandatory-rationing' },
      { category: 'nodes', id: 'desalination', title: 'Hire a desalination barge', change: 'added' },
    ]);
    const moved = nodes.find((i) => i.change === 'moved')!;
    expect(describeDiffItem(moved)).toBe('“Pipeline is delayed past August” moved from under “Emergency pipeline from the Hale” to under “Mandatory rationing”');
    expect(Object.fromEntries(d.nodeChanges)).toEqual({
      'late-rationing': 'removed',
      desalination: 'added',
      'voluntary-campaign': 'renamed',
      'pipeline-delayed': 'changed',
    });
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('compares every field of a branch and of the analyst layer, with before and after', () => {
    const a = doc();
    const b = doc();
    const pipe = b.scenario.nodes.find((n) => n.id === 'emergency-pipeline')!;
    pipe.summary = 'Changed summary';
    pipe.riskIds = [];
    const ann = b.annotations.nodes['mandatory-rationing']!;
    ann.note = 'Changed my mind.';
    ann.stance = 'rejected';
    ann.likelihood = 'very-unlikely';
    ann.tags = ['water', 'urgent'];
    b.annotations.nodes['late-rationing'] = { note: '', stance: 'favoured', likelihood: null, tags: [], updatedAt: 'T' };
    b.annotations.assumptions['voluntary-works']!.status = 'broken';
    b.annotations.assumptions['pipeline-on-time'] = { status: 'caveated', rationale: '', undermine: '', updatedAt: 'T' };

    const d = diffDocuments(a, b);
    const lines = d.items.map(describeDiffItem);
    const summary = d.items.find((i) => i.field === 'summary')!;
    expect(summary).toMatchObject({ id: 'emergency-pipeline', layer: 'record', after: 'Changed summary' });
    expect(summary.before).toBe(a.scenario.nodes.find((n) => n.id === 'emergency-pipeline')!.summary);
    for (const line of [
      '“Mandatory rationing”: stance Favoured → Rejected',
      '“Mandatory rationing”: likelihood Likely (55–80%) → Very unlikely (5–20%)',
      '“Mandatory rationing”: tags water → water, urgent',
      '“Rationing anyway, later and harsher”: stance Open → Favoured',
      '“Households will cut use by a fifth without penalties.”: Key Assumptions Check Unsupported → Broken',
      '“The pipeline can be laid by July.”: Key Assumptions Check Unreviewed → Caveated',
    ])
      expect(lines).toContain(line);
    const stance = d.items.find((i) => i.field === 'stance' && i.id === 'mandatory-rationing')!;
    expect(stance).toMatchObject({ category: 'nodes', layer: 'annotation', before: 'favoured', after: 'rejected' });
    const risks = d.items.find((i) => i.field === 'riskIds')!;
    expect(risks.after).toEqual([]);
    expect(Object.fromEntries(d.nodeChanges)).toEqual({
      'emergency-pipeline': 'changed',
      'mandatory-rationing': 'changed',
      'late-rationing': 'changed',
    });
  });

  it('compares risk and indicator assessments, and quote grades', () => {
    const a = doc();
    let b = doc();
    const rid = b.scenario.risks[0]!.id;
    const iid = b.scenario.indicators[0]!.id;
    const eid = b.scenario.evidence[0]!.id;
    b = ops.annotate(b, 'risks', rid, { likelihood: 'high', mitigation: 'Stage the limits.' }, 'T');
    b = ops.annotate(b, 'indicators', iid, { state: 'observed', lastChecked: '2026-12-01' }, 'T');
    b = ops.annotate(b, 'evidence', eid, { credibility: '2' }, 'T');
    b = ops.shared.edit(b, 'risks', rid, { severity: 'critical' });
    const d = diffDocuments(a, b);
    const got = d.items.map((i) => [i.category, i.field, i.beforeText, i.afterText]);
    expect(got).toContainEqual(['risks', 'severity', a.scenario.risks[0]!.severity, 'critical']);
    expect(got).toContainEqual(['risks', 'likelihood', '—', 'high']);
    expect(got).toContainEqual(['risks', 'mitigation', '—', 'Stage the limits.']);
    expect(got).toContainEqual(['indicators', 'state', expect.any(String), 'Observed']);
    expect(got).toContainEqual(['indicators', 'lastChecked', expect.any(String), '2026-12-01']);
    expect(got).toContainEqual(['evidence', 'credibility', 'not graded', '2 (Probably true)']);
    expect(groupDiff(d).map((g) => g.category)).toEqual(['risks', 'indicators', 'evidence']);
  });

  it('finds assumptions, risks and indicators added and removed, and scenario fields', () => {
    const a = doc();
    const b = doc();
    b.scenario.assumptions.push({ id: 'new-a', statement: 'New assumption', evidenceIds: [], underminingEvidenceIds: [] });
    b.scenario.risks = b.scenario.risks.filter((r) => r.id !== 'public-backlash');
    b.scenario.indicators.push({ id: 'new-i', statement: 'New indicator', evidenceIds: [], underminingEvidenceIds: [], observedEvidenceIds: [] });
    b.scenario.indicators = b.scenario.indicators.filter((i) => i.id !== 'usage-drop');
    b.scenario.question = 'A sharper question?';
    const d = diffDocuments(a, b);
    expect(groupDiff(d).map((g) => [g.category, g.items.map(describeDiffItem)])).toEqual([
      ['scenario', [`“${b.scenario.title}”: question ${a.scenario.question.length > 80 ? a.scenario.question.slice(0, 79).trimEnd() + '…' : a.scenario.question} → A sharper question?`]],
      ['assumptions', ['“New assumption” added']],
      ['risks', ['“Residents resent limits and ignore them.” removed']],
      ['indicators', ['“Weekly household use falls by 15 per cent or more.” removed', '“New indicator” added']],
    ]);
  });

  it('applying the reported changes to "before" reproduces every compared field of "after" (random edits)', () => {
    const base = doc();
    const nodeIds = base.scenario.nodes.map((n) => n.id);
    const edit = fc.record({
      id: fc.constantFrom(...nodeIds),
      stance: fc.constantFrom('open', 'favoured', 'rejected', 'needs-work' as const),
      note: fc.string({ maxLength: 20 }),
      title: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}$/), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), (edits) => {
        let b = base;
        for (const e of edits) {
          b = ops.annotate(b, 'nodes', e.id, { stance: e.stance, note: e.note }, 'T');
          if (e.title) b = ops.renameNode(b, e.id, e.title);
        }
        const d = diffDocuments(base, b);
        // Replay the items onto a copy of "before".
        const replay = structuredClone(base);
        for (const item of d.items) {
          if (item.category !== 'nodes') continue;
          if (item.change === 'renamed') replay.scenario.nodes.find((n) => n.id === item.id)!.title = item.after as string;
          if (item.change === 'changed' && item.layer === 'annotation') {
            const cur = replay.annotations.nodes[item.id] ?? { note: '', stance: 'open', likelihood: null, tags: [], updatedAt: '' };
            replay.annotations.nodes[item.id] = { ...cur, [item.field!]: item.after };
          }
        }
        for (const n of b.scenario.nodes) {
          expect(replay.scenario.nodes.find((x) => x.id === n.id)!.title).toBe(n.title);
          const want = b.annotations.nodes[n.id];
          const got = replay.annotations.nodes[n.id];
          expect(got?.stance ?? 'open').toBe(want?.stance ?? 'open');
          expect(got?.note ?? '').toBe(want?.note ?? '');
        }
        // And the diff is empty exactly when no title, stance or note differs (timestamps are not compared).
        const differs = base.scenario.nodes.some((n) => {
          const nb = b.scenario.nodes.find((x) => x.id === n.id)!;
          const x = base.annotations.nodes[n.id];
          const y = b.annotations.nodes[n.id];
          return n.title !== nb.title || (x?.stance ?? 'open') !== (y?.stance ?? 'open') || (x?.note ?? '') !== (y?.note ?? '');
        });
        expect(isEmptyDiff(d)).toBe(!differs);
      }),
      { numRuns: 150 },
    );
  });

  it('handles 50,000-node documents', () => {
    const a = doc();
    const root = a.scenario.nodes[0]!;
    const many = [root];
    for (let i = 1; i < 50_000; i++) many.push({ ...root, id: `n-${i}`, parentId: i === 1 ? root.id : `n-${i - 1}`, kind: 'outcome', title: `N ${i}` });
    const big: WorkDocument = { ...a, scenario: { ...a.scenario, nodes: many } };
    const renamed: WorkDocument = { ...big, scenario: { ...big.scenario, nodes: many.map((n) => (n.id === 'n-49999' ? { ...n, title: 'Last' } : n)) } };
    const d = diffDocuments(big, renamed);
    expect(Object.fromEntries(d.nodeChanges)).toEqual({ 'n-49999': 'renamed' });
    expect(d.items.map(describeDiffItem)).toEqual(['“N 49999” renamed to “Last”']);
  });
});
