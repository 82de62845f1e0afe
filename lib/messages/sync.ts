/**
 * Words for shared work (a room on the sync server): the status indicator,
 * the share dialog, and what went wrong.
 */
import type { Role, SyncStatus } from '@/lib/sync/invite';

export const SYNC_STATUS: Record<SyncStatus, string> = {
  connecting: 'Shared: connecting…',
  connected: 'Shared: connected',
  // Out of reach (the provider keeps trying): the same words, so the indicator does not flicker between tries.
  reconnecting: 'Offline: your edits are kept and will be sent',
  offline: 'Offline: your edits are kept and will be sent',
  refused: 'Shared: invitation refused',
};

/** Hover text of the status indicator. */
export const SYNC_STATUS_HINT: Record<SyncStatus, string> = {
  connecting: 'Joining the shared room on the sync server',
  connected: 'Changes go to everyone in the room as you make them',
  reconnecting: 'The sync server cannot be reached. Your changes are saved in this browser (a reload keeps them) and sent to the room when it is back',
  offline: 'The sync server cannot be reached. Your changes are saved in this browser (a reload keeps them) and sent to the room when it is back',
  refused: 'The sync server refused this invitation (wrong, expired or revoked)',
};

const edits = (n: number) => (n === 1 ? '1 edit' : `${n} edits`);

/**
 * The status indicator's words with this analyst's edits the sync server has not acknowledged (`unsent`): said
 * while it is out of reach or being joined, where they wait; not while connected, where they go at once.
 */
export function syncStatusText(status: SyncStatus, unsent: number): string {
  if (unsent <= 0 || status === 'connected' || status === 'refused') return SYNC_STATUS[status];
  if (status === 'connecting') return `Shared: connecting… ${edits(unsent)} to send`;
  return `Offline: ${edits(unsent)} not yet sent, kept in this browser`;
}

/** The indicator's hover text, with the edits waiting (see `syncStatusText`). */
export function syncStatusHint(status: SyncStatus, unsent: number): string {
  if (unsent <= 0 || status === 'connected' || status === 'refused') return SYNC_STATUS_HINT[status];
  return `${SYNC_STATUS_HINT[status]}. Waiting to be sent: ${edits(unsent)} of yours (a step, an undo or a redo each)`;
}

export const VIEW_ONLY = 'View only';
export const VIEW_ONLY_HINT = 'You joined with a viewer’s invitation: you see every change, and may comment, but not edit';

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

export const SHARE_WORDS = {
  dialogTitle: 'Share with my team',
  working: 'Opening a shared room on the sync server…',
  intro:
    'This scenario is now in a shared room. Send a link to each analyst: an editor can change the scenario, a viewer can only read it. Anyone with a link can join, so send them privately.',
  localCopy: 'Your copy in this browser keeps being saved as before; everyone who joins gets a copy of their own.',
  linkLabel: (role: Role) => `${ROLE_LABEL[role]} link`,
  ownerNote: 'Your own link (keep it: it reopens the room as its owner)',
  copy: (role: Role) => `Copy the ${role} link`,
  copied: (role: Role) => `The ${role} link is copied.`,
  copyFailed: 'Copying was not allowed here: select the link and copy it yourself.',
  expires: (iso: string) => {
    const d = new Date(iso);
    return Number.isFinite(d.getTime())
      ? `The links work until ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.`
      : '';
  },
  close: 'Close',
  joined: 'You joined this room with an invitation; ask its owner for links to send.',
  failed: (detail: string) => `The scenario could not be shared: ${detail}`,
  unreachable: (url: string) => `the sync server (${url}) cannot be reached. Start it with “npm run sync”, or “npm run start:app” for the app and the server together.`,
  badAnswer: 'the sync server gave an answer that is not a room.',
  refusedHttp: (status: number) => `the sync server answered ${status}.`,
  revoke: (role: Role) => `Revoke the ${role} link…`,
  revokeWarning: (role: Role) =>
    `Whoever joined with the current ${role} link is disconnected now and cannot come back with it. You get a new ${role} link to send to the analysts who should keep access.`,
  revokeConfirm: (role: Role) => `Revoke and make a new ${role} link`,
  keep: 'Keep it',
  replaced: (role: Role) => `The old ${role} link no longer works; this is the new one.`,
  replaceFailed: (detail: string) => `The link was not replaced: ${detail}`,
  notOwner: 'only the room’s owner can replace links, from the browser that shared it.',
} as const;

export const JOIN_WORDS = {
  broken: 'This invitation link is incomplete or damaged: ask for it again.',
  refused: 'The sync server refused this invitation: it is wrong, has expired or was revoked. Ask for a new one.',
  unreadable: 'The shared room holds a scenario that cannot be read; nothing was changed here.',
  unreachable: (url: string) => `The sync server (${url}) cannot be reached yet; the room opens as soon as it can.`,
  viewOnly: 'The sync server refused a change from this page: a viewer may only comment. Reload the page to join the room again.',
} as const;

export const PRESENCE_WORDS = {
  /** The summary of the list: how many are in the room. */
  count: (n: number) => (n === 1 ? 'Only you in the room' : `${n} in the room`),
  listLabel: 'Who is in the room',
  you: (name: string) => `${name} (you)`,
  lookingAt: (title: string) => `looking at “${title}”`,
  overview: 'looking at the overview',
  yourName: 'Your name in shared rooms',
  saveName: 'Save name',
  /** Part of a branch's description on the tree. */
  onBranch: (names: readonly string[]) => `Looked at by ${names.join(', ')}`,
} as const;
