/**
 * The Yjs layout of the team layers (lib/team): comments and the audit
 * trail, written and read by lib/sync/ydoc.ts through `writeTeam` and
 * `readTeam`. None of these shared types is in `syncScope`, so a
 * Y.UndoManager never takes back a comment or an audit entry.
 *
 * Layout (top-level shared types of the Y.Doc):
 * - `discussion:threads` (Y.Map thread id -> Y.Map): the target (`kind`,
 *   `target`), `dissent`, and `resolvedById`/`resolvedByName`/`resolvedAt`
 *   (absent: open). Scalars, last writer wins. A thread is never deleted
 *   from the map: it shows while it holds a comment, so a reply made while
 *   its author deleted the last comment keeps the thread alive.
 * - `discussion:comments` (Y.Map comment id -> Y.Map): `thread`, `authorId`,
 *   `authorName`, `at`, `text`, `editedAt`. Keyed by id and read in
 *   time-then-id order, so replies two analysts post at once both stay and
 *   every client orders them the same.
 * - `audit` (Y.Array of entries, plain JSON): append-only; entries two
 *   analysts push at once both stay. Read in time-then-id order, each id
 *   once, the latest AUDIT_LIMIT kept; `audit:meta` holds `trimmed`, the
 *   count trimmed before the room was seeded.
 *
 * Pure TypeScript: no React, no DOM.
 */
import * as Y from 'yjs';
import { TEAM_TYPES } from '@/lib/sync/viewer-writes.mjs';
import type { WorkDocument } from '@/lib/doc/types';
import { discussionOf, type Comment, type Thread } from './comments';
import { AUDIT_LIMIT, auditOf, byTimeThenId, readAuditEntry, type AuditEntry } from './audit';

const threadsMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>(TEAM_TYPES.threads);
const commentsMap = (y: Y.Doc) => y.getMap<Y.Map<unknown>>(TEAM_TYPES.comments);
const auditArray = (y: Y.Doc) => y.getArray<unknown>(TEAM_TYPES.audit);
const auditMeta = (y: Y.Doc) => y.getMap<unknown>(TEAM_TYPES.auditMeta);

type Obj = Record<string, unknown>;

/** Whether the Y.Doc has the shared type `name` (reading one that is absent would create it, in a transaction of its own). */
const holds = (y: Y.Doc, name: string) => y.share.has(name);

function setFields(rec: Y.Map<unknown>, fields: Obj): void {
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) {
      if (rec.has(k)) rec.delete(k);
    } else if (rec.get(k) !== v) rec.set(k, v);
  }
}

const threadFields = (t: Thread): Obj => ({
  kind: t.target.kind,
  target: t.target.id,
  dissent: t.dissent,
  resolvedById: t.resolved?.byId,
  resolvedByName: t.resolved?.byName,
  resolvedAt: t.resolved?.at,
});

const commentFields = (threadId: string, c: Comment): Obj => ({
  thread: threadId,
  authorId: c.authorId,
  authorName: c.authorName,
  at: c.at,
  text: c.text,
  editedAt: c.editedAt,
});

function recFor(map: Y.Map<Y.Map<unknown>>, id: string): Y.Map<unknown> {
  let rec = map.get(id);
  if (!(rec instanceof Y.Map)) {
    rec = new Y.Map<unknown>();
    map.set(id, rec);
  }
  return rec;
}

/** Writes what the team layers of `next` add to or change from `prev` (null: all of `next`). Call inside the change's transaction. */
export function writeTeam(y: Y.Doc, prev: WorkDocument | null, next: WorkDocument): void {
  const pd = prev ? discussionOf(prev) : null;
  const nd = discussionOf(next);
  if (pd !== nd && (nd.threads.length > 0 || (pd?.threads.length ?? 0) > 0)) {
    const threads = threadsMap(y);
    const comments = commentsMap(y);
    const before = new Map((pd?.threads ?? []).map((t) => [t.id, t] as const));
    const seen = new Set<string>();
    for (const t of nd.threads) {
      seen.add(t.id);
      const old = before.get(t.id);
      if (old === t) continue;
      setFields(recFor(threads, t.id), threadFields(t));
      const oldComments = new Map((old?.comments ?? []).map((c) => [c.id, c] as const));
      const kept = new Set<string>();
      for (const c of t.comments) {
        kept.add(c.id);
        if (oldComments.get(c.id) === c) continue;
        setFields(recFor(comments, c.id), commentFields(t.id, c));
      }
      for (const id of oldComments.keys()) if (!kept.has(id)) comments.delete(id);
    }
    // A thread gone from the layer lost its last comment: its comments go (the thread record stays, see above).
    for (const t of pd?.threads ?? []) {
      if (seen.has(t.id)) continue;
      for (const c of t.comments) if (comments.has(c.id)) comments.delete(c.id);
    }
  }

  const pa = prev ? auditOf(prev) : null;
  const na = auditOf(next);
  if (pa !== na) {
    const had = new Set((pa?.entries ?? []).map((e) => e.id));
    const added = na.entries.filter((e) => !had.has(e.id));
    if (added.length > 0) auditArray(y).push(added.map((e) => ({ ...e, targets: e.targets.map((t) => ({ ...t })) })));
    if (!prev && na.trimmed > 0) auditMeta(y).set('trimmed', na.trimmed);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The team layers a Y.Doc holds, as raw layers for lib/io/restore (which
 * checks them like anything read from outside), or nothing when it holds none.
 */
export function readTeam(y: Y.Doc): { discussion?: unknown; audit?: unknown } {
  const out: { discussion?: unknown; audit?: unknown } = {};
  const byThread = new Map<string, Obj[]>();
  for (const [id, rec] of holds(y, TEAM_TYPES.comments) ? commentsMap(y).entries() : []) {
    if (!(rec instanceof Y.Map)) continue;
    const thread = str(rec.get('thread'));
    if (!thread) continue;
    const c: Obj = { id, authorId: rec.get('authorId'), authorName: rec.get('authorName'), at: rec.get('at'), text: rec.get('text') };
    const edited = rec.get('editedAt');
    if (edited !== undefined) c.editedAt = edited;
    const list = byThread.get(thread);
    if (list) list.push(c);
    else byThread.set(thread, [c]);
  }
  const threads: Obj[] = [];
  for (const [id, rec] of holds(y, TEAM_TYPES.threads) ? threadsMap(y).entries() : []) {
    const comments = byThread.get(id);
    if (!(rec instanceof Y.Map) || !comments) continue;
    const by = rec.get('resolvedById');
    threads.push({
      id,
      target: { kind: rec.get('kind'), id: rec.get('target') },
      dissent: rec.get('dissent') === true,
      resolved: by === undefined ? null : { byId: by, byName: rec.get('resolvedByName'), at: rec.get('resolvedAt') },
      comments,
    });
  }
  if (threads.length > 0) out.discussion = { threads };

  const arr = holds(y, TEAM_TYPES.audit) ? auditArray(y).toArray() : [];
  const metaTrimmed = holds(y, TEAM_TYPES.auditMeta) ? auditMeta(y).get('trimmed') : undefined;
  if (arr.length > 0 || metaTrimmed !== undefined) {
    // Checked here (not only by restore) so a long room trail reads as its latest entries without a repair each time.
    const seen = new Set<string>();
    const entries: AuditEntry[] = [];
    const raw: unknown[] = [];
    for (const v of arr) {
      const e = readAuditEntry(v);
      if (!e) raw.push(v); // left for restore to drop and report
      else if (!seen.has(e.id)) {
        seen.add(e.id);
        entries.push(e);
      }
    }
    entries.sort(byTimeThenId);
    const over = Math.max(0, entries.length - AUDIT_LIMIT);
    const base = typeof metaTrimmed === 'number' && Number.isSafeInteger(metaTrimmed) && metaTrimmed >= 0 ? metaTrimmed : 0;
    out.audit = { entries: [...entries.slice(over), ...raw], trimmed: base + over };
  }
  return out;
}
