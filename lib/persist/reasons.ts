/**
 * What persistence reports, as codes: why a stored value could not be read,
 * what was repaired, why storage failed, and what the user should be told.
 * No words here: `lib/messages/persist.ts` turns every code into text.
 */
import type { MigrationFailure, ValueKind } from '@/lib/migrate/engine';
import type { Problem } from '@/lib/model/integrity';
import type { RestoreRepair } from '@/lib/io/restore';

/** The kinds of value persistence keeps in storage. */
export type StoredWhat = 'document' | 'view' | 'library' | 'stash' | 'room';

/** Why a stored value cannot be read. */
export type DamageReason =
  /** Text that is not JSON (`detail`: the parser's own words). */
  | { code: 'not-json'; detail: string }
  /** A value of another kind where a record was expected (e.g. `null`, a number). */
  | { code: 'not-a-record'; found: ValueKind }
  /** A record whose "kind" names another format (or none). */
  | { code: 'wrong-kind'; found: string | null }
  /** The format version is unusable, or a migration step failed. */
  | { code: 'version'; failure: MigrationFailure }
  | { code: 'no-document' }
  /** The document inside fails validation: the first problems, and how many more. */
  | { code: 'invalid-document'; problems: Problem[]; more: number }
  | { code: 'no-docs-list' }
  /** A stash without the id of its document or the revision it was based on. */
  | { code: 'stash-fields' }
  /** Reading threw (`detail`: the error's words). */
  | { code: 'unreadable'; detail: string };

/** What was repaired while reading a stored value (the value could be used). */
export type Repair =
  /** Stored as a structured value instead of its JSON text (another build, an extension). */
  | { code: 'stored-not-text'; found: ValueKind }
  | { code: 'revision-reset'; found: string }
  | { code: 'saved-at-missing' }
  | { code: 'tab-missing' }
  | { code: 'entry-dropped'; index: number }
  | { code: 'entry-repeated'; index: number; id: string }
  | { code: 'current-invalid' }
  | { code: 'library-rebuilt' }
  | { code: 'library-out-of-date' }
  /** The shared room's state kept with a room's copy could not be read: dropped (the room is joined from the server). */
  | { code: 'room-state-dropped' }
  /** A repair `restoreDocument` made (words: lib/messages/restore.ts). */
  | { code: 'document'; repair: RestoreRepair };

/** Why a storage operation failed. */
export type StorageFailure =
  | { code: 'quota' }
  /** The database was upgraded by a newer Branchpoint (IndexedDB `VersionError`). */
  | { code: 'db-too-new' }
  /** No IndexedDB here (disabled, private mode in some browsers, a server). */
  | { code: 'unavailable' }
  /** Another tab holds the database open with an older version and does not let go. */
  | { code: 'blocked' }
  /** Anything else (`detail`: the browser's error name and words). */
  | { code: 'failed'; detail: string };

/** A value from a newer Branchpoint: never overwritten. */
export type TooNew = { failure: MigrationFailure };
