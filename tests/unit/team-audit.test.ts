/**
 * The audit trail (lib/team/audit): append-only, bounded with a count of what
 * was trimmed, restored from hostile input (malformed entries dropped, the
 * rest kept in time order), filtered, exported as CSV without formulas.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  actionOf,
  appendAudit,
  AUDIT_LIMIT,
  auditActions,
  auditAnalysts,
  auditCsv,
  changedTargets,
  emptyAudit,
  filterAudit,
  mergeAudit,
  NO_AUDIT_FILTER,
  restoreAudit,
  type AuditEntry,
} from '@/lib/team/audit';
import { restoreDocument } from '@/lib/io/restore';
import { restoreRepairText } from '@/lib/messages/restore';
import { AUDIT_WORDS } from '@/lib/messages/discussion';
import { baseDocument } from '../support/sync-ops';
import * as ops from '@/lib/doc/ops';

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `e-${String(i).padStart(5, '0')}`,
  at: new Date(Date.UTC(2026, 11, 5, 10, 0, 0) + i * 1000).toISOString(),
  analystId: i % 2 ? 'a-bob' : 'a-alice',
  analystName: i % 2 ? 'Bob' : 'Alice',
  what: i % 3 ? `Rename “Branch ${i}”` : 'Add source',
  targets: [{ kind: 'node', id: `n${i % 4}` }],
  ...over,
});

describe('audit trail', () => {
  it('appends in time order and keeps the latest AUDIT_LIMIT, counting what was trimmed', () => {
    let t = emptyAudit();
    for (let i = 0; i < AUDIT_LIMIT + 5; i++) t = appendAudit(t, entry(i));
    expect(t.entries).toHaveLength(AUDIT_LIMIT);
    expect(t.trimmed).toBe(5);
    expect(t.entries[0]!.id).toBe(entry(5).id);
  });

  it('merging never loses an entry and never repeats one (property: every split of a trail merges back to it)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), (inA, inB) => {
        const all = inA.map((_, i) => entry(i));
        let a = emptyAudit();
        let b = emptyAudit();
        all.forEach((e, i) => {
          if (inA[i] || !inB[i % inB.length]) a = appendAudit(a, e);
          if (inB[i % inB.length]) b = appendAudit(b, e);
        });
        const m = mergeAudit(a, b);
        expect(m.entries.map((e) => e.id)).toEqual(all.map((e) => e.id));
      }),
    );
  });

  it('restores from hostile input: malformed and repeated entries dropped, the rest kept in time order', () => {
    const raw = {
      entries: [
        entry(3),
        entry(1),
        { ...entry(2), at: 'not a time' },
        { ...entry(4), what: 'line\u0000break' },
        { ...entry(5), targets: [{ kind: 'planet', id: 'x' }] },
        { ...entry(6), analystId: '<script>' },
        entry(1), // repeated
        null,
        'text',
        entry(0),
      ],
      trimmed: -4,
    };
    const r = restoreAudit(raw);
    expect(r.audit.entries.map((e) => e.id)).toEqual([entry(0).id, entry(1).id, entry(3).id]);
    expect(r.audit.trimmed).toBe(0);
    expect(r.repairs).toEqual([{ code: 'audit-entries-dropped', count: 7 }]);
    expect(restoreRepairText(r.repairs[0]!)).toBe('dropped 7 unreadable or repeated audit entries; the rest were kept');
    for (const bad of [7, 'x', [], { entries: {} }]) {
      const d = restoreDocument({ ...baseDocument(), audit: bad });
      expect(d.ok && d.document.audit).toBeUndefined();
      expect(d.ok && d.repairs.map(restoreRepairText)).toContain('the audit trail could not be read (expected an object with a list of entries) and was left out');
    }
  });

  it('trims a restored trail over the limit to its latest entries, saying so', () => {
    const r = restoreAudit({ entries: Array.from({ length: AUDIT_LIMIT + 3 }, (_, i) => entry(i)), trimmed: 10 });
    expect(r.audit.entries).toHaveLength(AUDIT_LIMIT);
    expect(r.audit.trimmed).toBe(13);
    expect(r.repairs).toEqual([{ code: 'audit-trimmed', dropped: 3 }]);
  });

  it('filters by analyst, kind of change, branch and words; newest first', () => {
    let t = emptyAudit();
    for (let i = 0; i < 12; i++) t = appendAudit(t, entry(i));
    expect(filterAudit(t, NO_AUDIT_FILTER).map((e) => e.id)[0]).toBe(entry(11).id);
    expect(filterAudit(t, { ...NO_AUDIT_FILTER, analystId: 'a-bob' }).every((e) => e.analystName === 'Bob')).toBe(true);
    expect(filterAudit(t, { ...NO_AUDIT_FILTER, action: 'Add source' }).map((e) => e.id)).toEqual([9, 6, 3, 0].map((i) => entry(i).id));
    expect(filterAudit(t, { ...NO_AUDIT_FILTER, nodeId: 'n1' }).map((e) => e.id)).toEqual([9, 5, 1].map((i) => entry(i).id));
    expect(filterAudit(t, { ...NO_AUDIT_FILTER, text: 'branch 10' }).map((e) => e.id)).toEqual([entry(10).id]);
    expect(auditAnalysts(t)).toEqual([
      { id: 'a-alice', name: 'Alice' },
      { id: 'a-bob', name: 'Bob' },
    ]);
    expect(auditActions(t)).toEqual(['Add source', 'Rename']);
    expect(actionOf('Undid: rename “x”')).toBe('Undid');
    expect(actionOf('Comment on branch “a: b”')).toBe('Comment on branch');
  });

  it('exports CSV with quoted cells and defused formulas', () => {
    const csv = auditCsv([entry(1, { what: '=HYPERLINK("http://x")', analystName: 'A "quoted" name' })], AUDIT_WORDS.csvHeader);
    const [head, row] = csv.trim().split('\r\n');
    expect(head).toBe('"When","Analyst","Analyst id","What","Touched"');
    expect(row).toContain('"\'=HYPERLINK(""http://x"")"');
    expect(row).toContain('"A ""quoted"" name"');
  });

  it('names what a change touched', () => {
    const d = baseDocument();
    const node = d.scenario.nodes[1]!;
    const renamed = ops.renameNode(d, node.id, 'Other');
    expect(changedTargets(d, renamed)).toEqual([{ kind: 'node', id: node.id }]);
    const noted = ops.annotate(d, 'nodes', node.id, { note: 'n' }, '2026-12-05T00:00:00.000Z');
    expect(changedTargets(d, noted)).toEqual([{ kind: 'node', id: node.id }]);
    const gone = ops.deleteSubtree(d, node.id);
    expect(changedTargets(d, gone).filter((t) => t.kind === 'node').map((t) => t.id)).toContain(node.id);
  });
});
