/**
 * Comments: threads of discussion on a branch, an assumption or a quoted
 * piece of evidence, with replies, resolve/reopen, and dissent (a recorded
 * disagreement with the team's conclusion, shown as such everywhere).
 *
 * The discussion layer is part of the work document (saved, exported in
 * snapshots, shared in rooms) but not of its undo history: a comment is a
 * conversation, taken back by deleting it, never by Undo (the store keeps the
 * current discussion across undo and redo; in a room it lives outside the
 * undo manager's scope).
 *
 * Rules the store's actions enforce through these functions: only a
 * comment's author edits or deletes it; only a thread's first author marks it
 * as a dissent (or takes the mark off); anyone may reply, resolve or reopen.
 * A thread whose target was removed is kept (never lose words) and shown as
 * "on a removed branch".
 *
 * Pure TypeScript: no React, no DOM.
 */
import type { Scenario } from '@/lib/model/schema';

export const TARGET_KINDS = ['node', 'assumption', 'evidence'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface ThreadTarget {
  kind: TargetKind;
  id: string;
}

export interface Comment {
  id: string;
  authorId: string;
  authorName: string;
  /** ISO 8601 time it was written. */
  at: string;
  /** Plain text or the app's sanitised Markdown (rendered by components/Markdown.tsx, never as raw HTML). */
  text: string;
  /** When its author last changed it. */
  editedAt?: string;
}

export interface Resolution {
  byId: string;
  byName: string;
  at: string;
}

export interface Thread {
  id: string;
  target: ThreadTarget;
  /** A recorded disagreement with the team's conclusion. */
  dissent: boolean;
  resolved: Resolution | null;
  /** In time order (ties by id); never empty. */
  comments: Comment[];
}

export interface Discussion {
  /** In the order they were started (first comment's time, then id). */
  threads: Thread[];
}

export const COMMENT_LIMITS = {
  text: 10_000,
  name: 40,
  commentsPerThread: 500,
  threads: 2_000,
} as const;

/** Ids of threads, comments and analysts: plain, short, safe in an attribute. */
export const TEAM_ID = /^[A-Za-z0-9_.:-]{1,120}$/;
/** An ISO 8601 time as `Date#toISOString` writes it. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const EMPTY: Discussion = Object.freeze({ threads: Object.freeze([]) as unknown as Thread[] });

export function emptyDiscussion(): Discussion {
  return { threads: [] };
}

/** A document's discussion layer (absent in a document written before the layer existed). */
export function discussionOf(doc: { discussion?: Discussion }): Discussion {
  return doc.discussion ?? EMPTY;
}

export function isEmptyDiscussion(d: Discussion): boolean {
  return d.threads.length === 0;
}

export interface Analyst {
  id: string;
  name: string;
}

const byTimeThenId = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export const startedAt = (t: Thread): string => t.comments[0]?.at ?? '';

function sortThreads(threads: Thread[]): Thread[] {
  return threads.sort((a, b) => byTimeThenId({ at: startedAt(a), id: a.id }, { at: startedAt(b), id: b.id }));
}

/** Text as kept: no NUL or other control characters but newlines and tabs, trimmed, at most the limit. */
export function cleanCommentText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return text.length > COMMENT_LIMITS.text ? text.slice(0, COMMENT_LIMITS.text) : text;
}

const withThread = (d: Discussion, id: string, fn: (t: Thread) => Thread | null): Discussion => {
  const i = d.threads.findIndex((t) => t.id === id);
  if (i < 0) return d;
  const next = fn(d.threads[i]!);
  if (next === d.threads[i]) return d;
  const threads = [...d.threads];
  if (next) threads[i] = next;
  else threads.splice(i, 1);
  return { threads };
};

// ---------------------------------------------------------------------------
// Changes (each returns a new layer, or the same one when refused).

export interface NewComment {
  id: string;
  author: Analyst;
  at: string;
  text: string;
}

/** Starts a thread on `target` with its first comment; refused (same layer) for empty text or a taken id. */
export function startThread(d: Discussion, input: { id: string; target: ThreadTarget; dissent?: boolean; comment: NewComment }): Discussion {
  const text = cleanCommentText(input.comment.text);
  if (!text || d.threads.some((t) => t.id === input.id) || d.threads.length >= COMMENT_LIMITS.threads) return d;
  const thread: Thread = {
    id: input.id,
    target: { ...input.target },
    dissent: input.dissent ?? false,
    resolved: null,
    comments: [{ id: input.comment.id, authorId: input.comment.author.id, authorName: input.comment.author.name, at: input.comment.at, text }],
  };
  return { threads: sortThreads([...d.threads, thread]) };
}

/**
 * A reply's time: `at`, or one millisecond after the thread's last comment when
 * the clock has not moved on (or runs behind), so a reply written in the same
 * millisecond as what it answers never sorts before it on any client.
 */
function after(comments: readonly Comment[], at: string): string {
  const last = comments[comments.length - 1];
  if (!last || at > last.at) return at;
  const t = Date.parse(last.at);
  return Number.isFinite(t) ? new Date(t + 1).toISOString() : at;
}

/** Appends a reply (a resolved thread stays resolved: replying does not reopen it). */
export function reply(d: Discussion, threadId: string, c: NewComment): Discussion {
  const text = cleanCommentText(c.text);
  if (!text) return d;
  return withThread(d, threadId, (t) => {
    if (t.comments.length >= COMMENT_LIMITS.commentsPerThread || t.comments.some((x) => x.id === c.id)) return t;
    const comments = [...t.comments, { id: c.id, authorId: c.author.id, authorName: c.author.name, at: after(t.comments, c.at), text }].sort(byTimeThenId);
    return { ...t, comments };
  });
}

/** Who may change a comment: its author alone. */
export function canEditComment(c: Comment, analystId: string): boolean {
  return c.authorId === analystId;
}

/** Changes the text of a comment; refused unless `by` wrote it (or for empty text). */
export function editComment(d: Discussion, threadId: string, commentId: string, by: string, text: string, at: string): Discussion {
  const clean = cleanCommentText(text);
  if (!clean) return d;
  return withThread(d, threadId, (t) => {
    const i = t.comments.findIndex((c) => c.id === commentId);
    const c = t.comments[i];
    if (!c || !canEditComment(c, by) || c.text === clean) return t;
    const comments = [...t.comments];
    comments[i] = { ...c, text: clean, editedAt: at };
    return { ...t, comments };
  });
}

/** Deletes a comment; refused unless `by` wrote it. The thread goes with its last comment. */
export function deleteComment(d: Discussion, threadId: string, commentId: string, by: string): Discussion {
  return withThread(d, threadId, (t) => {
    const c = t.comments.find((x) => x.id === commentId);
    if (!c || !canEditComment(c, by)) return t;
    const comments = t.comments.filter((x) => x.id !== commentId);
    return comments.length === 0 ? null : { ...t, comments };
  });
}

/** Resolves (with who and when) or reopens (null) a thread. */
export function setResolved(d: Discussion, threadId: string, resolution: Resolution | null): Discussion {
  return withThread(d, threadId, (t) => ((t.resolved === null) === (resolution === null) ? t : { ...t, resolved: resolution ? { ...resolution } : null }));
}

/** Who may mark a thread as a dissent: the analyst who started it. */
export function canMarkDissent(t: Thread, analystId: string): boolean {
  return t.comments[0]?.authorId === analystId;
}

/** Marks (or unmarks) a thread as a dissent; refused unless `by` started it. */
export function setDissent(d: Discussion, threadId: string, dissent: boolean, by: string): Discussion {
  return withThread(d, threadId, (t) => (t.dissent === dissent || !canMarkDissent(t, by) ? t : { ...t, dissent }));
}

/**
 * Both layers in one (an imported snapshot into the open document, or two
 * copies of a room): threads and comments joined by id, nothing dropped; for
 * a thread in both, `incoming`'s marks (resolved, dissent) win.
 */
export function mergeDiscussion(current: Discussion, incoming: Discussion): Discussion {
  if (current === incoming || isEmptyDiscussion(incoming)) return current;
  if (isEmptyDiscussion(current)) return incoming;
  const byId = new Map(current.threads.map((t) => [t.id, t] as const));
  for (const t of incoming.threads) {
    const mine = byId.get(t.id);
    if (!mine) {
      byId.set(t.id, t);
      continue;
    }
    const comments = new Map(mine.comments.map((c) => [c.id, c] as const));
    for (const c of t.comments) comments.set(c.id, c);
    byId.set(t.id, { ...t, comments: [...comments.values()].sort(byTimeThenId).slice(-COMMENT_LIMITS.commentsPerThread) });
  }
  return { threads: sortThreads([...byId.values()]) };
}

// ---------------------------------------------------------------------------
// Reading.

export type TargetState = { exists: true; label: string } | { exists: false; label: null };

/** Whether a thread's target is still in the scenario, and its name (title, statement or quote). */
export function targetState(s: Scenario, target: ThreadTarget): TargetState {
  if (target.kind === 'node') {
    const n = s.nodes.find((x) => x.id === target.id);
    return n ? { exists: true, label: n.title } : { exists: false, label: null };
  }
  if (target.kind === 'assumption') {
    const a = s.assumptions.find((x) => x.id === target.id);
    return a ? { exists: true, label: a.statement } : { exists: false, label: null };
  }
  const e = s.evidence.find((x) => x.id === target.id);
  return e ? { exists: true, label: e.quote } : { exists: false, label: null };
}

/** The branches a thread belongs to: its branch, or every branch citing its assumption or quote. */
export function threadBranches(s: Scenario, target: ThreadTarget): string[] {
  if (target.kind === 'node') return s.nodes.some((n) => n.id === target.id) ? [target.id] : [];
  const field = target.kind === 'assumption' ? 'assumptionIds' : 'evidenceIds';
  const out = s.nodes.filter((n) => n[field].includes(target.id)).map((n) => n.id);
  if (target.kind === 'evidence' && out.length === 0) {
    // A quote cited by an assumption: the branches resting on that assumption.
    const holders = s.assumptions.filter((a) => a.evidenceIds.includes(target.id)).map((a) => a.id);
    for (const n of s.nodes) if (n.assumptionIds.some((a) => holders.includes(a))) out.push(n.id);
  }
  return out;
}

export const threadsOn = (d: Discussion, target: ThreadTarget): Thread[] => d.threads.filter((t) => t.target.kind === target.kind && t.target.id === target.id);

/** Open threads per branch (a thread on an assumption or quote counts on each branch citing it): the card's badge. */
export function openThreadCounts(d: Discussion, s: Scenario): Map<string, number> {
  const out = new Map<string, number>();
  if (isEmptyDiscussion(d)) return out;
  for (const t of d.threads) {
    if (t.resolved) continue;
    for (const id of new Set(threadBranches(s, t.target))) out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

export type ThreadFilter = 'all' | 'open' | 'resolved' | 'dissent';
export const THREAD_FILTERS: readonly ThreadFilter[] = ['all', 'open', 'resolved', 'dissent'];

export function filterThreads(d: Discussion, f: ThreadFilter): Thread[] {
  switch (f) {
    case 'all':
      return d.threads;
    case 'open':
      return d.threads.filter((t) => !t.resolved);
    case 'resolved':
      return d.threads.filter((t) => t.resolved);
    case 'dissent':
      return d.threads.filter((t) => t.dissent);
  }
}

/** The layer with a stable key order (for the canonical export). */
export function canonicalDiscussion(d: Discussion): { threads: Array<Record<string, unknown>> } {
  return {
    threads: d.threads.map((t) => ({
      id: t.id,
      target: { kind: t.target.kind, id: t.target.id },
      dissent: t.dissent,
      resolved: t.resolved ? { byId: t.resolved.byId, byName: t.resolved.byName, at: t.resolved.at } : null,
      comments: t.comments.map((c) => {
        const o: Record<string, unknown> = { id: c.id, authorId: c.authorId, authorName: c.authorName, at: c.at, text: c.text };
        if (c.editedAt) o.editedAt = c.editedAt;
        return o;
      }),
    })),
  };
}

// ---------------------------------------------------------------------------
// Restoring a layer read from outside (a snapshot, a saved copy, a room).

export type DiscussionRepair =
  | { code: 'discussion-unreadable' }
  | { code: 'thread-dropped'; key: string; reason: string }
  | { code: 'comments-dropped'; thread: string; count: number }
  | { code: 'threads-excess'; dropped: number };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const keyOf = (v: unknown, i: number) => (isObj(v) && typeof v.id === 'string' ? v.id.slice(0, 40) : `#${i + 1}`);

function readComment(v: unknown): Comment | null {
  if (!isObj(v)) return null;
  if (!str(v.id, 120) || !TEAM_ID.test(v.id) || !str(v.authorId, 120) || !TEAM_ID.test(v.authorId)) return null;
  if (!str(v.authorName, COMMENT_LIMITS.name) || typeof v.at !== 'string' || !ISO_TIME.test(v.at) || typeof v.text !== 'string') return null;
  const text = cleanCommentText(v.text);
  if (!text) return null;
  const c: Comment = { id: v.id, authorId: v.authorId, authorName: v.authorName, at: v.at, text };
  if (typeof v.editedAt === 'string' && ISO_TIME.test(v.editedAt)) c.editedAt = v.editedAt;
  return c;
}

function readResolution(v: unknown): Resolution | null | undefined {
  if (v === null || v === undefined) return null;
  if (!isObj(v) || !str(v.byId, 120) || !TEAM_ID.test(v.byId) || !str(v.byName, COMMENT_LIMITS.name) || typeof v.at !== 'string' || !ISO_TIME.test(v.at)) return undefined;
  return { byId: v.byId, byName: v.byName, at: v.at };
}

/**
 * The discussion layer from outside: each thread that cannot be read is
 * dropped with its reason, each unreadable comment dropped and counted
 * (a thread left with none goes), everything else kept. Threads on records
 * that no longer exist are kept (they show as "on a removed branch").
 */
export function restoreDiscussion(raw: unknown): { discussion: Discussion; repairs: DiscussionRepair[] } {
  const repairs: DiscussionRepair[] = [];
  if (raw === undefined || raw === null) return { discussion: emptyDiscussion(), repairs };
  if (!isObj(raw) || !Array.isArray(raw.threads)) return { discussion: emptyDiscussion(), repairs: [{ code: 'discussion-unreadable' }] };
  const threads: Thread[] = [];
  const seen = new Set<string>();
  const seenComments = new Set<string>();
  raw.threads.forEach((v, i) => {
    const key = keyOf(v, i);
    const drop = (reason: string) => repairs.push({ code: 'thread-dropped', key, reason });
    if (!isObj(v)) return drop('not an object');
    if (!str(v.id, 120) || !TEAM_ID.test(v.id)) return drop('no readable id');
    if (seen.has(v.id)) return drop('a second thread with this id');
    const target = v.target;
    if (!isObj(target) || !(TARGET_KINDS as readonly unknown[]).includes(target.kind) || !str(target.id, 120) || !TEAM_ID.test(target.id)) return drop('no readable target');
    const resolved = readResolution(v.resolved);
    if (resolved === undefined) return drop('an unreadable resolution');
    if (!Array.isArray(v.comments)) return drop('no comments');
    const comments: Comment[] = [];
    let bad = 0;
    for (const c of v.comments) {
      const read = readComment(c);
      if (!read || seenComments.has(read.id) || comments.length >= COMMENT_LIMITS.commentsPerThread) bad++;
      else {
        seenComments.add(read.id);
        comments.push(read);
      }
    }
    if (bad > 0) repairs.push({ code: 'comments-dropped', thread: v.id, count: bad });
    if (comments.length === 0) return drop('no readable comment');
    seen.add(v.id);
    threads.push({ id: v.id, target: { kind: target.kind as TargetKind, id: target.id }, dissent: v.dissent === true, resolved, comments: comments.sort(byTimeThenId) });
  });
  sortThreads(threads);
  if (threads.length > COMMENT_LIMITS.threads) {
    repairs.push({ code: 'threads-excess', dropped: threads.length - COMMENT_LIMITS.threads });
    threads.splice(0, threads.length - COMMENT_LIMITS.threads);
  }
  return { discussion: { threads }, repairs };
}

// ---------------------------------------------------------------------------
// What changed in the discussion between two documents (lib/io/diff).

export interface DiscussionDiffItem {
  category: 'discussion';
  id: string;
  /** The thread's first words. */
  title: string;
  change: 'added' | 'removed' | 'changed';
  field?: 'comments' | 'resolved' | 'dissent';
  beforeText?: string;
  afterText?: string;
}

const firstWords = (t: Thread) => {
  const text = (t.comments[0]?.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

/** New threads, threads gone, new comments (counted), resolved or reopened, dissent marked or unmarked. */
export function diffDiscussion(a: { discussion?: Discussion }, b: { discussion?: Discussion }): DiscussionDiffItem[] {
  const A = discussionOf(a);
  const B = discussionOf(b);
  if (A === B) return [];
  const out: DiscussionDiffItem[] = [];
  const before = new Map(A.threads.map((t) => [t.id, t] as const));
  const after = new Set(B.threads.map((t) => t.id));
  for (const t of B.threads) {
    const old = before.get(t.id);
    const base = { category: 'discussion' as const, id: t.id, title: firstWords(t) };
    if (!old) {
      out.push({ ...base, change: 'added' });
      continue;
    }
    if (old === t) continue;
    const had = new Set(old.comments.map((c) => c.id));
    const added = t.comments.filter((c) => !had.has(c.id)).length;
    if (added > 0) out.push({ ...base, change: 'changed', field: 'comments', beforeText: String(old.comments.length), afterText: String(t.comments.length) });
    if (!old.resolved !== !t.resolved) out.push({ ...base, change: 'changed', field: 'resolved', beforeText: old.resolved ? 'resolved' : 'open', afterText: t.resolved ? `resolved by ${t.resolved.byName}` : 'open' });
    if (old.dissent !== t.dissent) out.push({ ...base, change: 'changed', field: 'dissent', beforeText: old.dissent ? 'dissent' : 'comment', afterText: t.dissent ? 'dissent' : 'comment' });
  }
  for (const t of A.threads) if (!after.has(t.id)) out.push({ category: 'discussion', id: t.id, title: firstWords(t), change: 'removed' });
  return out;
}
