/**
 * Every word persistence shows: notices, the saving status, and the reasons
 * behind them. lib/persist returns codes (lib/persist/reasons.ts and the
 * controller's `NoticeSubject`); this module is the only place they become
 * text. Each message says once, plainly, what was wrong and what to do.
 *
 * Imports only types and other message modules, so the page can word notices
 * without loading the storage code or its validators.
 */
import type { MigrationFailure } from '@/lib/migrate/engine';
import type { AutosaveStatus, SaveProblem } from '@/lib/persist/autosave';
import type { Notice, NoticeSubject, PersistNotice } from '@/lib/persist/controller';
import type { DamageReason, Repair, StorageFailure, StoredWhat } from '@/lib/persist/reasons';
import { migrationMessage, valueKindText } from './migrate';
import { restoreRepairText } from './restore';

/** The one message for a full quota. */
export const QUOTA_MESSAGE =
  'Browser storage is full, so your latest changes are kept in this tab only and are not saved. Export a snapshot now to keep them safe, or free space by deleting documents or backups you no longer need. Saving is tried again on your next change.';

const STATUS: Record<AutosaveStatus | 'idle' | 'off', string> = {
  idle: '',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  saved: 'All changes saved in this browser.',
  quota: QUOTA_MESSAGE,
  conflict: 'Not saved: this document was changed in another tab or window.',
  error: 'Not saved.',
  refused: 'Not saved.',
  off: 'Not saved: storage is off for this page.',
};

/** The saving status as a sentence. */
export function statusMessage(status: AutosaveStatus | 'idle' | 'off'): string {
  return STATUS[status];
}

const RECORD_NOUN: Record<StoredWhat, string> = {
  document: 'saved document',
  view: 'saved view',
  library: 'list of saved documents',
  stash: 'copy of unsaved changes',
  room: 'copy of a shared room',
};

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function withoutStop(s: string): string {
  return s.replace(/[.\s]+$/, '');
}

/** Why a stored value cannot be read: one clause, lower case, no final full stop. */
export function damageText(reason: DamageReason, what: StoredWhat = 'document'): string {
  switch (reason.code) {
    case 'not-json':
      return withoutStop(lowerFirst(reason.detail));
    case 'not-a-record':
      return `it holds ${valueKindText(reason.found)} instead of a ${RECORD_NOUN[what]}`;
    case 'wrong-kind':
      return reason.found === null
        ? `it is not a Branchpoint ${RECORD_NOUN[what]} (it has no "kind")`
        : `it is not a Branchpoint ${RECORD_NOUN[what]} (its "kind" is ${JSON.stringify(reason.found)})`;
    case 'version':
      return migrationMessage(reason.failure);
    case 'no-document':
      return 'it holds no document';
    case 'invalid-document': {
      const shown = reason.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      return reason.more > 0 ? `${shown} (and ${reason.more} more)` : shown;
    }
    case 'no-docs-list':
      return 'it has no list of documents';
    case 'stash-fields':
      return 'it does not say which document it belongs to or which saved version it was based on';
    case 'unreadable':
      return reason.detail ? `reading it failed (${reason.detail})` : 'it could not be read';
  }
}

export function repairText(r: Repair): string {
  switch (r.code) {
    case 'stored-not-text':
      return `it was stored as ${valueKindText(r.found)} instead of text (written by another program or build)`;
    case 'revision-reset':
      return `the saved revision was ${r.found}; it is now 1`;
    case 'saved-at-missing':
      return 'the save time was missing';
    case 'tab-missing':
      return 'the saving tab was not recorded';
    case 'entry-dropped':
      return `entry ${r.index + 1} of the list of documents was not valid and was dropped`;
    case 'entry-repeated':
      return `entry ${r.index + 1} of the list of documents repeated “${r.id}” and was dropped`;
    case 'current-invalid':
      return 'the open document was not a valid id';
    case 'library-rebuilt':
      return 'the list of documents was missing and has been rebuilt';
    case 'library-out-of-date':
      return 'the list of documents did not match the stored documents and has been brought up to date';
    case 'room-state-dropped':
      return 'the shared room’s changes kept with it could not be read and were set aside; the room is read again from the sync server';
    case 'document':
      return restoreRepairText(r.repair);
  }
}

/** A storage failure as a sentence. */
export function storageFailureText(f: StorageFailure | { code: 'quota' }): string {
  switch (f.code) {
    case 'quota':
      return QUOTA_MESSAGE;
    case 'db-too-new':
      return 'The data saved in this browser was written by a newer version of Branchpoint, so this version cannot open it. Nothing has been changed: open Branchpoint’s newer version (or update this one) to get at your saved work.';
    case 'unavailable':
      return 'Saving in this browser is not available here (storage is disabled or blocked, as in some private windows).';
    case 'blocked':
      return 'Saving in this browser is blocked by another Branchpoint tab; close the other tabs and reload.';
    case 'failed':
      return `Browser storage failed (${withoutStop(f.detail)}).`;
  }
}

function tooNewText(failure: MigrationFailure): string {
  const format = failure.subject === 'scenario' ? 'scenario schema' : 'format';
  const found = failure.reason.code === 'too-new' ? failure.reason.found : '?';
  return `saved by a newer version of Branchpoint (${format} ${found}; this version reads up to ${failure.current})`;
}

function saveProblemText(p: SaveProblem): string {
  switch (p.code) {
    case 'refused-corrupt':
      return `Not saved: the saved copy of this document could not be read (${damageText(p.damage)}), so it is not overwritten; ${
        p.backupKey ? 'it has been kept aside as a backup' : 'it is left exactly where it was'
      }. Your changes are kept in this tab: export a snapshot, or discard the damaged copy.`;
    case 'refused-too-new':
      return `Not saved: this document was ${tooNewText(p.failure)}, and it is never overwritten. Your changes are kept in this tab: export a snapshot to keep them.`;
    case 'refused-invalid-id':
      return 'Not saved: this document’s id cannot be used in browser storage. Export a snapshot to keep your changes.';
    case 'kept-changing':
      return 'Not saved: the saved copy kept changing while saving (another tab is saving it too). Your changes are kept in this tab; saving is tried again on your next change.';
    case 'storage':
      return `Not saved. ${storageFailureText(p.failure)} Your changes are kept in this tab and saving is tried again on your next change; export a snapshot to be safe.`;
  }
}

function damagedText(s: Extract<NoticeSubject, { code: 'damaged' }>): string {
  const why = damageText(s.reason, s.what);
  switch (s.what) {
    case 'document':
      return `Your saved copy “${s.id}” could not be read: ${why}. ${
        s.backupKey
          ? 'It has been kept aside as a backup'
          : 'A backup copy could not be made (storage is full or failing), so it has been left exactly where it was'
      } and will not be overwritten; the original scenario is shown instead. Download the damaged data to keep it, or discard it.`;
    case 'library':
      return `The list of your documents could not be read: ${why}. ${
        s.backupKey ? 'It has been kept aside as a backup' : 'It could not be backed up, so it was left untouched'
      }, and the list was rebuilt from the documents themselves.`;
    case 'stash':
      return `Changes kept when the page was last closed (for “${s.id}”) could not be read: ${why}. ${
        s.backupKey ? 'They have been kept aside as a backup in this browser' : 'They have been left where they were'
      }, never deleted: download them to look at them. Your saved work is open and saving as usual.`;
    case 'view':
      return `The saved view of “${s.id}” (expanded branches, selection) could not be read, so the default view is shown. The unreadable data has been kept aside as a backup.`;
    case 'room':
      return `The shared room’s changes kept with “${s.id}” could not be read: ${why}. ${
        s.backupKey ? 'They have been kept aside as a backup in this browser (download them to keep them)' : 'A backup copy could not be made, so they were left where they were'
      }; the room is read again from the sync server.`;
  }
}

function tooNewNotice(s: Extract<NoticeSubject, { code: 'too-new' }>): string {
  const when = tooNewText(s.failure);
  switch (s.what) {
    case 'document':
      return `Your saved copy “${s.id}” was ${when}. It is left untouched: update Branchpoint to open it. The original scenario is shown instead.`;
    case 'library':
      return `The list of your documents was ${when}. It is left untouched; update Branchpoint to see every document.`;
    case 'stash':
      return `Changes kept when the page was last closed (for “${s.id}”) were ${when}. They are left untouched; download them, or open them in the newer version.`;
    case 'view':
      return `The saved view of “${s.id}” was ${when}; the default view is shown and the saved one is left untouched.`;
    case 'room':
      return `The shared room’s changes kept with “${s.id}” were ${when}; they are left untouched and the room is read from the sync server.`;
  }
}

/** A notice's words. */
export function noticeText(s: NoticeSubject): string {
  switch (s.code) {
    case 'quota':
      return QUOTA_MESSAGE;
    case 'conflict':
      return 'This document was changed in another tab or window. Your changes are not saved yet and nothing was overwritten: load their version (yours is kept as a copy) or keep yours.';
    case 'save-failed':
      return saveProblemText(s.problem);
    case 'repaired':
      return `Your saved copy of “${s.title}” ${s.repairs.some((r) => r.code === 'document' && r.repair.code === 'scenario-revised') ? 'was brought up to date' : 'needed repairs'} when it was loaded: ${s.repairs.map(repairText).join('; ')}.${
        s.keptOriginal ? ' The original was kept as a backup.' : ''
      }`;
    case 'damaged':
      return damagedText(s);
    case 'too-new':
      return tooNewNotice(s);
    case 'storage-failed':
      return `Your saved copy could not be opened. ${storageFailureText(s.failure)}`;
    case 'storage-off':
      return `${storageFailureText(s.failure)} Nothing will be saved in this browser: export a snapshot to keep your work.`;
    case 'deleted-elsewhere':
      return 'This document was deleted in another tab. It stays open here; your next change saves it again.';
    case 'changed-elsewhere':
      return 'This document was changed in another tab while you have unsaved changes here. Nothing has been overwritten: load their version (yours is kept as a copy) or keep yours (theirs is kept as a copy).';
    case 'updated-from-elsewhere':
      return 'Updated with the changes saved in another tab.';
    case 'stash-recovered':
      return 'Recovered the changes that had not been saved when the page was last closed.';
    case 'stash-copied':
      return `Changes not saved when the page was last closed were kept as a separate copy (“${s.id}”), because the document was changed in another tab meanwhile.`;
    case 'room-copy-kept':
      return `Your copy of this shared room had changes that could not be sent to the room (no saved state of the room to merge them with), so they were kept as a separate scenario (“${s.id}”) before the room’s version was opened.`;
    case 'stash-not-saved':
      return `The changes you made before the page was last closed are open, but they are not saved yet; they stay in this browser’s stash until they are. ${
        s.cause === 'quota' ? QUOTA_MESSAGE : 'Browser storage failed; saving is tried again on your next change. Export a snapshot to be safe.'
      }`;
    case 'stash-waiting':
      return `Other unsaved changes to “${s.id}” from an earlier visit could not be saved yet. They stay in this browser’s stash, untouched, and are tried again on the next load; download them to keep a copy.`;
    case 'remove-failed':
      return `Could not remove your copy. ${storageFailureText(s.failure)}`;
    case 'delete-failed':
      return `Could not delete. ${storageFailureText(s.failure)}`;
    case 'loaded-theirs':
      return 'Loaded the version from the other tab. Yours was kept as a copy in your documents.';
    case 'kept-mine':
      return 'Kept your version. The other tab’s version was kept as a copy in your documents.';
    case 'discarded':
      return 'The damaged copy was removed (a backup remains in this browser).';
    case 'start-failed':
      return `Something went wrong while opening your saved work (${withoutStop(s.detail)}). Nothing was deleted, and the app keeps working and saving.`;
  }
}

/** A notice with its words, as the UI shows it. */
export function renderNotice(n: PersistNotice): Notice {
  return { ...n, text: noticeText(n.subject) };
}
