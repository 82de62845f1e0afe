/**
 * The discussion in the brief (lib/io/brief.ts): under each branch, its
 * dissents and its open threads (on the branch itself, or on an assumption
 * or quote it cites); at the end, threads whose branch or record was removed
 * (kept, never dropped). Resolved threads that are not dissents are left
 * out. Comment text is escaped as inline text (never markup).
 */
import type { WorkDocument } from '@/lib/doc/types';
import { discussionOf, isEmptyDiscussion, targetState, threadBranches, type Thread } from '@/lib/team/comments';
import { BRIEF_DISCUSSION } from '@/lib/messages/discussion';
import { escapeInline } from './markdown';

const MAX_CHARS = 400;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS - 1)}…` : flat;
}

function threadLines(doc: WorkDocument, t: Thread): string[] {
  const on = t.target.kind === 'node' ? null : targetState(doc.scenario, t.target).label;
  const first = t.comments[0]!;
  const where = on ? ` ${BRIEF_DISCUSSION.on(t.target.kind, escapeInline(oneLine(on)))}` : '';
  const out = [`- ${escapeInline(oneLine(first.text))} — ${escapeInline(first.authorName)}${where}${t.resolved ? ` (${BRIEF_DISCUSSION.resolved})` : ''}`];
  for (const c of t.comments.slice(1)) out.push(`  - ${escapeInline(oneLine(c.text))} — ${escapeInline(c.authorName)}`);
  return out;
}

/** Which threads show under which branch (computed once per brief). */
export function briefThreads(doc: WorkDocument): { byNode: Map<string, Thread[]>; removed: Thread[] } {
  const byNode = new Map<string, Thread[]>();
  const removed: Thread[] = [];
  const d = discussionOf(doc);
  if (isEmptyDiscussion(d)) return { byNode, removed };
  for (const t of d.threads) {
    if (t.resolved && !t.dissent) continue;
    const nodes = threadBranches(doc.scenario, t.target);
    if (!targetState(doc.scenario, t.target).exists || nodes.length === 0) {
      removed.push(t);
      continue;
    }
    for (const id of nodes) {
      const list = byNode.get(id);
      if (list) list.push(t);
      else byNode.set(id, [t]);
    }
  }
  return { byNode, removed };
}

/** The lines under one branch: "Dissents" then "Open threads" (none when it has neither). */
export function branchDiscussionLines(doc: WorkDocument, threads: readonly Thread[] | undefined): string[] {
  if (!threads || threads.length === 0) return [];
  const out: string[] = [];
  const dissents = threads.filter((t) => t.dissent);
  const open = threads.filter((t) => !t.dissent && !t.resolved);
  if (dissents.length > 0) out.push(`**${BRIEF_DISCUSSION.dissents}**`, '', ...dissents.flatMap((t) => threadLines(doc, t)), '');
  if (open.length > 0) out.push(`**${BRIEF_DISCUSSION.open}**`, '', ...open.flatMap((t) => threadLines(doc, t)), '');
  return out;
}

/** The section for threads on removed branches or records (none when there are none). */
export function removedDiscussionLines(doc: WorkDocument, removed: readonly Thread[]): string[] {
  if (removed.length === 0) return [];
  return [`## ${BRIEF_DISCUSSION.removedHeading}`, '', ...removed.flatMap((t) => [`${t.dissent ? `**${BRIEF_DISCUSSION.dissent}:** ` : ''}${BRIEF_DISCUSSION.removed(t.target.kind)}`, '', ...threadLines(doc, t), '']), ''];
}
