/**
 * The Yjs layout of the team judgements layer (lib/team/judgements.ts),
 * hooked into lib/sync/ydoc.ts:
 * - `judgements` (Y.Map): one entry per analyst and record, keyed
 *   `<analyst id>/b/<node id>` or `<analyst id>/a/<assumption id>`, a Y.Map
 *   of fields (`stance`, `likelihood`, `probability`, `status`), each a
 *   `{value, at}` written last-writer-wins;
 * - `judgements:analysts` (Y.Map): analyst id → Y.Map of `name`, `colour`
 *   (as last known; only ever set, never deleted, so an analyst whose
 *   entries were pruned and who judges again concurrently keeps a name).
 *
 * An analyst only ever writes keys that start with their own id (or deletes
 * entries of a branch the tree lost), so two analysts judging at once never
 * touch the same key: neither overwrites the other.
 *
 * Pure TypeScript: no React, no DOM.
 */
import * as Y from 'yjs';
import { ANALYST_ID } from './presence';
import { flattenJudgements, unflattenJudgements, type FlatJudgements, type Judgements, type Stamped } from '@/lib/team/judgements';

const entriesMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>('judgements');
const analystsMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>('judgements:analysts');

/** The shared types of the layer (part of the undo manager's scope). */
export function judgementScope(y: Y.Doc): Y.AbstractType<unknown>[] {
  return [entriesMap(y), analystsMap(y)] as Y.AbstractType<unknown>[];
}

const sameStamp = (a: unknown, b: Stamped<string> | undefined) =>
  b !== undefined && typeof a === 'object' && a !== null && (a as Stamped<string>).value === b.value && (a as Stamped<string>).at === b.at;

/** Writes what changed in the layer from `prev` (null: all of `next`) to `next`. Call inside the caller's transaction. */
export function writeJudgements(y: Y.Doc, prev: Judgements | null, next: Judgements): void {
  if (prev === next) return;
  const entries = entriesMap(y);
  const before: FlatJudgements = prev ? flattenJudgements(prev) : {};
  const after = flattenJudgements(next);
  for (const key of Object.keys(before)) if (!Object.prototype.hasOwnProperty.call(after, key) && entries.has(key)) entries.delete(key);
  for (const key of Object.keys(after)) {
    const fields = after[key]!;
    const old = Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
    let rec = entries.get(key);
    if (!(rec instanceof Y.Map)) {
      rec = new Y.Map<unknown>();
      entries.set(key, rec);
    }
    if (old) for (const f of Object.keys(old)) if (fields[f] === undefined && rec.has(f)) rec.delete(f);
    for (const f of Object.keys(fields)) {
      const v = fields[f]!;
      if (old && sameStamp(old[f], v) && rec.get(f) !== undefined) continue;
      if (!sameStamp(rec.get(f), v)) rec.set(f, { value: v.value, at: v.at });
    }
  }
  const analysts = analystsMap(y);
  for (const id of Object.keys(next)) {
    const a = next[id]!;
    const p = prev && Object.prototype.hasOwnProperty.call(prev, id) ? prev[id] : undefined;
    let rec = analysts.get(id);
    if (p && p.name === a.name && p.colour === a.colour && rec instanceof Y.Map) continue;
    if (!(rec instanceof Y.Map)) {
      rec = new Y.Map<unknown>();
      analysts.set(id, rec);
    }
    if (rec.get('name') !== a.name) rec.set('name', a.name);
    if (rec.get('colour') !== a.colour) rec.set('colour', a.colour);
  }
}

/** The layer as the Y.Doc holds it, unchecked (decodeDocument hands it to lib/io/restore); undefined when it holds none. */
export function readJudgements(y: Y.Doc): Record<string, unknown> | undefined {
  const entries = entriesMap(y);
  if (entries.size === 0) return undefined;
  const flat: FlatJudgements = {};
  // Sorted, so the result is the same whatever order the updates came in.
  for (const key of [...entries.keys()].sort()) {
    const rec = entries.get(key);
    if (!(rec instanceof Y.Map)) continue;
    const fields: Record<string, Stamped<string>> = {};
    for (const f of [...rec.keys()].sort()) fields[f] = rec.get(f) as Stamped<string>;
    if (Object.keys(fields).length > 0) flat[key] = fields;
  }
  const who: Record<string, { name: unknown; colour: unknown }> = {};
  for (const [id, rec] of analystsMap(y).entries()) {
    if (rec instanceof Y.Map && ANALYST_ID.test(id)) who[id] = { name: rec.get('name'), colour: rec.get('colour') };
  }
  return unflattenJudgements(flat, who);
}
