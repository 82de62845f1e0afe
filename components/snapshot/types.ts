/**
 * Types (and one constant) shared by the snapshot menu, which loads with the
 * page, and its dialogs and actions, which load on first use. Nothing here
 * imports code: the `import type` below is erased.
 */
import type { ImportResult } from '@/lib/io/snapshot';

export type DiffMark = 'added' | 'removed' | 'renamed' | 'changed';
export type DiffMarks = ReadonlyMap<string, DiffMark>;

export type ImportSource =
  | { kind: 'file'; name: string; how: 'picked' | 'dropped' | 'pasted' }
  | { kind: 'text' }
  | { kind: 'share' };

export type DialogState =
  | { kind: 'import'; id: number; source: ImportSource; result: ImportResult; note?: string }
  | { kind: 'paste' }
  | { kind: 'share'; link: string }
  | { kind: 'share-error'; message: string }
  | { kind: 'brief'; markdown: string }
  | { kind: 'compare' };

export interface ComparisonLine {
  text: string;
  change: 'added' | 'removed' | 'renamed' | 'moved' | 'changed';
  /** The source's fields, or the analyst's judgement. */
  layer: 'record' | 'annotation';
}

export interface ComparisonGroup {
  category: string;
  heading: string;
  lines: ComparisonLine[];
}

export interface Comparison {
  /** What was compared with what, in words. */
  label: string;
  groups: ComparisonGroup[];
  marks: DiffMarks;
  /** Changed branches that exist in the open scenario (for "show on the tree"). */
  changed: Array<{ id: string; title: string; change: DiffMark }>;
  /** Changed branches the open scenario does not have (removed ones), each with its place where it was. */
  offTree: Array<{ id: string; title: string; change: DiffMark; parentTitle: string | null; position: number; of: number }>;
}

export type Tone = 'info' | 'error';

/** What the import pickers accept. */
export const IMPORT_ACCEPT = '.json,.svg,.png,application/json,image/svg+xml,image/png';

/** The element the comparison panel is placed in (Workspace puts it above the tree). */
export const COMPARISON_SLOT_ID = 'comparison-slot';
