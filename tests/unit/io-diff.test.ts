import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkDocument } from '@/lib/doc/types';
import { describeDiff, diffDocuments, isEmptyDiff } from '@/lib/io/diff';
import { importSnapshotText } from '@/lib/io/snapshot';

const FIX = path.resolve(__dirname, '../fixtures');
function doc(): WorkDocument {
  const r = importSnapshotText(readFileSync(path.join(FIX, 'hostile/valid-snapshot.json'), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return r.document;
}

describe('diffDocuments', () => {
  it('finds nothing between identical documents', () => {
    const d = diffDocuments(doc(), doc());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.nodeChanges.size).toBe(0);
    expect(describeDiff(d)).toEqual([]);
  });

  it('finds branches added, removed, renamed and moved', () => {
    const a = doc();
    const b = doc();
    const s = b.scenario;
    // remove the leaf "late-rationing"
    s.nodes = s.nodes.filter((n) => n.id !== 'late-rationing');
    // add a new branch
    s.nodes.push({ ...s.nodes[1]!, id: 'desalination', parentId: 'respond-to-drought', title: 'Hire a desalination barge', order: 3 });
    // rename
    s.nodes.find((n) => n.id === 'voluntary-campaign')!.title = 'Voluntary savings drive';
    // move
    s.nodes.find((n) => n.id === 'pipeline-delayed')!.parentId = 'mandatory-rationing';

    const d = diffDocuments(a, b);
    expect(d.branchesAdded).toEqual([{ id: 'desalination', title: 'Hire a desalination barge', parentId: 'respond-to-drought' }]);
    expect(d.branchesRemoved).toEqual([{ id: 'late-rationing', title: 'Rationing anyway, later and harsher', parentId: 'pipeline-delayed' }]);
    expect(d.branchesRenamed).toEqual([{ id: 'voluntary-campaign', from: 'Voluntary conservation campaign', to: 'Voluntary savings drive' }]);
    expect(d.branchesMoved).toEqual([
      { id: 'pipeline-delayed', title: 'Pipeline is delayed past August', fromParentId: 'emergency-pipeline', toParentId: 'mandatory-rationing' },
    ]);
    expect(Object.fromEntries(d.nodeChanges)).toEqual({
      'late-rationing': 'removed',
      desalination: 'added',
      'voluntary-campaign': 'renamed',
      'pipeline-delayed': 'changed',
    });
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('finds edits to a branch and to the analyst layer', () => {
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
    expect(d.branchesEdited).toEqual([{ id: 'emergency-pipeline', title: 'Emergency pipeline from the Hale', fields: ['summary', 'riskIds'] }]);
    expect(d.notesChanged).toEqual([{ id: 'mandatory-rationing', title: 'Mandatory rationing' }]);
    expect(d.stanceChanged).toEqual([
      { id: 'mandatory-rationing', title: 'Mandatory rationing', from: 'favoured', to: 'rejected' },
      { id: 'late-rationing', title: 'Rationing anyway, later and harsher', from: 'open', to: 'favoured' },
    ]);
    expect(d.likelihoodChanged).toEqual([{ id: 'mandatory-rationing', title: 'Mandatory rationing', from: 'likely', to: 'very-unlikely' }]);
    expect(d.tagsChanged).toEqual([{ id: 'mandatory-rationing', title: 'Mandatory rationing' }]);
    expect(d.assumptionStatusChanged).toEqual([
      { id: 'voluntary-works', statement: 'Households will cut use by a fifth without penalties.', from: 'unsupported', to: 'broken' },
      { id: 'pipeline-on-time', statement: 'The pipeline can be laid by July.', from: 'unreviewed', to: 'caveated' },
    ]);
    expect(Object.fromEntries(d.nodeChanges)).toEqual({
      'emergency-pipeline': 'changed',
      'mandatory-rationing': 'changed',
      'late-rationing': 'changed',
    });
  });

  it('finds assumptions, risks and indicators added and removed', () => {
    const a = doc();
    const b = doc();
    b.scenario.assumptions.push({ id: 'new-a', statement: 'New assumption', evidenceIds: [] });
    b.scenario.risks = b.scenario.risks.filter((r) => r.id !== 'public-backlash');
    b.scenario.indicators.push({ id: 'new-i', statement: 'New indicator', evidenceIds: [] });
    b.scenario.indicators = b.scenario.indicators.filter((i) => i.id !== 'usage-drop');
    const d = diffDocuments(a, b);
    expect(d.assumptionsAdded).toEqual([{ id: 'new-a', statement: 'New assumption' }]);
    expect(d.assumptionsRemoved).toEqual([]);
    expect(d.risksRemoved).toEqual([{ id: 'public-backlash', statement: 'Residents resent limits and ignore them.' }]);
    expect(d.indicatorsAdded).toEqual([{ id: 'new-i', statement: 'New indicator' }]);
    expect(d.indicatorsRemoved).toEqual([{ id: 'usage-drop', statement: 'Weekly household use falls by 15 per cent or more.' }]);
    expect(describeDiff(d)).toEqual([
      '1 assumption added: “New assumption”',
      '1 risk removed: “Residents resent limits and ignore them.”',
      '1 indicator added: “New indicator”',
      '1 indicator removed: “Weekly household use falls by 15 per cent or more.”',
    ]);
  });

  it('describes branch changes in words', () => {
    const a = doc();
    const b = doc();
    b.scenario.nodes.find((n) => n.id === 'voluntary-campaign')!.title = 'Savings drive';
    b.annotations.nodes['voluntary-campaign']!.stance = 'favoured';
    expect(describeDiff(diffDocuments(a, b))).toEqual([
      '1 branch renamed: “Voluntary conservation campaign” → “Savings drive”',
      '1 stance changed: “Savings drive”',
    ]);
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
  });
});
