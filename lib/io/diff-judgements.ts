/**
 * What changed in the team judgements between two documents (lib/io/diff.ts
 * calls it): each analyst's stance, likelihood, probability and Key
 * Assumptions Check on each record, before and after. Data only; words in
 * lib/messages/diff.ts and lib/messages/team.ts.
 */
import type { WorkDocument } from '@/lib/doc/types';
import { judgementsOf } from '@/lib/team/judgements';
import { answerText } from '@/lib/messages/team';
import type { Dimension } from '@/lib/team/aggregate';
import type { DiffItem } from './diff';

type Entries = Record<string, Partial<Record<string, { value: string }>>>;
const own = (rec: object, k: string) => Object.prototype.hasOwnProperty.call(rec, k);

/** The judgements' changes from `a` to `b`; `mark` is called for each branch on which an analyst's judgement changed. */
export function diffJudgements(a: WorkDocument, b: WorkDocument, mark: (nodeId: string) => void): DiffItem[] {
  const A = judgementsOf(a);
  const B = judgementsOf(b);
  if (A === B) return [];
  const titles = new Map<string, string>();
  for (const d of [a, b]) {
    for (const n of d.scenario.nodes) titles.set(`b/${n.id}`, n.title);
    for (const x of d.scenario.assumptions) titles.set(`a/${x.id}`, x.statement);
  }
  const out: DiffItem[] = [];
  for (const analyst of [...new Set([...Object.keys(A), ...Object.keys(B)])].sort()) {
    const x = own(A, analyst) ? A[analyst] : undefined;
    const y = own(B, analyst) ? B[analyst] : undefined;
    const name = y?.name ?? x?.name ?? analyst;
    // Both kinds read alike: record id → field → {value}.
    const lists: Array<['b' | 'a', Entries, Entries]> = [
      ['b', (x?.branches ?? {}) as unknown as Entries, (y?.branches ?? {}) as unknown as Entries],
      ['a', (x?.assumptions ?? {}) as unknown as Entries, (y?.assumptions ?? {}) as unknown as Entries],
    ];
    for (const [what, before, after] of lists) {
      for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        const p = own(before, id) ? before[id]! : {};
        const q = own(after, id) ? after[id]! : {};
        let hit = false;
        for (const field of [...new Set([...Object.keys(p), ...Object.keys(q)])].sort()) {
          const bv = p[field]?.value;
          const av = q[field]?.value;
          if (bv === av) continue;
          hit = true;
          const dim = field as Dimension;
          out.push({
            category: 'judgements',
            layer: 'annotation',
            id,
            title: titles.get(`${what}/${id}`) ?? id,
            change: 'changed',
            field,
            detail: name,
            before: bv ?? null,
            after: av ?? null,
            beforeText: bv === undefined ? '—' : answerText(dim, bv),
            afterText: av === undefined ? '—' : answerText(dim, av),
          });
        }
        if (hit && what === 'b') mark(id);
      }
    }
  }
  return out;
}
