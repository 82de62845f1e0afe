/**
 * Words of comments, dissent and the audit trail (lib/team): the names of
 * the changes (they become audit entries), the repairs of a layer read from
 * outside, and the UI's labels.
 */
import type { DiscussionRepair, TargetKind, ThreadFilter } from '@/lib/team/comments';
import type { AuditRepair, AuditTargetKind } from '@/lib/team/audit';
import { stepLabel } from './history';

/** What each kind of target is called. */
export const TARGET_NOUN: Record<TargetKind, string> = { node: 'branch', assumption: 'assumption', evidence: 'quote' };

/** The names of discussion changes, as the audit trail records them. */
export const DISCUSSION_STEPS = {
  start: (kind: TargetKind, subject: string | null, dissent: boolean) => stepLabel(dissent ? `Record dissent on ${TARGET_NOUN[kind]}` : `Comment on ${TARGET_NOUN[kind]}`, subject ?? undefined),
  reply: (kind: TargetKind, subject: string | null) => stepLabel(`Reply on ${TARGET_NOUN[kind]}`, subject ?? undefined),
  edit: 'Edit comment',
  remove: 'Delete comment',
  resolve: (kind: TargetKind, subject: string | null) => stepLabel(`Resolve thread on ${TARGET_NOUN[kind]}`, subject ?? undefined),
  reopen: (kind: TargetKind, subject: string | null) => stepLabel(`Reopen thread on ${TARGET_NOUN[kind]}`, subject ?? undefined),
  dissent: (on: boolean, kind: TargetKind, subject: string | null) => stepLabel(on ? `Mark as dissent on ${TARGET_NOUN[kind]}` : `Unmark dissent on ${TARGET_NOUN[kind]}`, subject ?? undefined),
} as const;

/** The analyst named in entries made before this browser's analyst is known. */
export const UNKNOWN_ANALYST = { id: 'a-unknown', name: 'This browser' } as const;

export const TARGET_KIND_WORD: Record<AuditTargetKind, string> = {
  scenario: 'scenario',
  node: 'branch',
  assumption: 'assumption',
  risk: 'risk',
  indicator: 'indicator',
  evidence: 'quote',
  source: 'source',
  actor: 'actor',
  context: 'context item',
  analysis: 'analysis settings',
  thread: 'thread',
};

export const DISCUSSION_WORDS = {
  heading: 'Discussion',
  intro: 'Every thread on a branch, an assumption or a quote, dissent included. Start one from the inspector.',
  threadsOn: (noun: string) => `Discussion of this ${noun}`,
  none: 'No comments yet.',
  noneFiltered: 'No threads match.',
  newThread: 'Start a thread',
  newThreadLabel: (noun: string) => `New comment on this ${noun}`,
  dissentBox: 'Record as a dissent (I disagree with the team’s conclusion)',
  post: 'Post comment',
  postDissent: 'Record dissent',
  replyLabel: 'Reply',
  replyButton: 'Reply',
  edit: 'Edit',
  editLabel: 'Edit your comment',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Delete',
  resolve: 'Resolve',
  reopen: 'Reopen',
  markDissent: 'Mark as dissent',
  unmarkDissent: 'Not a dissent',
  dissent: 'Dissent',
  resolvedBy: (name: string, when: string) => `Resolved by ${name}, ${when}`,
  edited: 'edited',
  open: 'Open',
  resolved: 'Resolved',
  onRemoved: (noun: string) => `On a removed ${noun}`,
  onTarget: (noun: string, label: string) => `On ${noun} “${label}”`,
  thread: (n: number) => (n === 1 ? '1 comment' : `${n} comments`),
  badge: (n: number) => (n === 1 ? '1 open comment thread' : `${n} open comment threads`),
  legend: 'Open comment threads',
  disclosure: (all: number, open: number) => (all === 0 ? 'Comments' : `Comments (${open} open of ${all})`),
  filterLabel: 'Show',
  filters: { all: 'All', open: 'Open', resolved: 'Resolved', dissent: 'Dissents' } satisfies Record<ThreadFilter, string>,
  count: (shown: number, total: number) => `${shown} of ${total} threads`,
  goTo: 'Show on the tree',
  onlyAuthor: 'Only its author can edit or delete a comment.',
} as const;

export const AUDIT_WORDS = {
  heading: 'Audit trail',
  intro: 'Every change to this scenario, newest first: who made it, when, and what it touched. The trail goes with every snapshot.',
  none: 'No changes recorded yet.',
  noneFiltered: 'No entries match.',
  trimmed: (n: number) => `${n} older ${n === 1 ? 'entry was' : 'entries were'} trimmed (the trail keeps the latest 1,000).`,
  count: (shown: number, total: number) => `${shown} of ${total} entries`,
  analyst: 'Analyst',
  action: 'Kind of change',
  branch: 'Branch',
  text: 'Find',
  all: 'All',
  when: 'When',
  what: 'What',
  targets: 'Touched',
  csv: 'Download CSV',
  json: 'Download JSON',
  csvHeader: ['When', 'Analyst', 'Analyst id', 'What', 'Touched'] as const,
  caption: 'Changes to this scenario, newest first',
} as const;

/** A repair of the team layers, as a clause (lower case, no final full stop). */
export function teamRepairText(r: DiscussionRepair | AuditRepair): string {
  switch (r.code) {
    case 'discussion-unreadable':
      return 'the comments could not be read (expected an object with a list of threads) and were left out';
    case 'thread-dropped':
      return `dropped the comment thread "${r.key}": ${r.reason}`;
    case 'comments-dropped':
      return `dropped ${r.count} unreadable comment${r.count === 1 ? '' : 's'} in thread "${r.thread}"`;
    case 'threads-excess':
      return `kept the latest comment threads and dropped the ${r.dropped} oldest (too many)`;
    case 'audit-unreadable':
      return 'the audit trail could not be read (expected an object with a list of entries) and was left out';
    case 'audit-entries-dropped':
      return `dropped ${r.count} unreadable or repeated audit ${r.count === 1 ? 'entry' : 'entries'}; the rest were kept`;
    case 'audit-trimmed':
      return `kept the latest audit entries and trimmed ${r.dropped} older`;
  }
}

/** The brief's words for the discussion (lib/io/brief-discussion.ts). */
export const BRIEF_DISCUSSION = {
  dissents: 'Dissents',
  dissent: 'Dissent',
  open: 'Open threads',
  resolved: 'resolved',
  on: (kind: TargetKind, label: string) => `(on the ${TARGET_NOUN[kind]} “${label}”)`,
  removedHeading: 'Discussion of removed items',
  removed: (kind: TargetKind) => `On a removed ${TARGET_NOUN[kind]}:`,
} as const;
