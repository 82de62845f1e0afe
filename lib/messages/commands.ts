/**
 * The words of every command (lib/commands/registry) and of the header's
 * confirmations: labels, the longer hints shown on hover, and the text of
 * each shortcut as people read it.
 */
import type { CommandId, ConfirmKind } from '@/lib/commands/registry';
import { formatShortcut, type Platform, type Shortcut } from '@/lib/commands/shortcuts';

export const COMMAND_LABEL: Record<CommandId, string> = {
  'scenario.new': 'New',
  'scenario.duplicate': 'Duplicate',
  'scenario.reset': 'Reset to original',
  'scenario.delete': 'Delete',
  'scenario.edit': 'Edit details',
  'history.undo': 'Undo',
  'history.redo': 'Redo',
  'snapshot.export-json': 'Export snapshot (JSON)',
  'snapshot.import': 'Import…',
  'snapshot.paste': 'Paste snapshot…',
  'snapshot.share': 'Copy share link',
  'snapshot.brief-md': 'Download brief (Markdown)',
  'snapshot.brief-print': 'Print brief',
  'snapshot.export-svg': 'Export image (SVG)',
  'snapshot.export-png': 'Export image (PNG)',
  'snapshot.compare': 'Compare…',
  'sync.share': 'Share with my team',
  'tree.expand-all': 'Expand all',
  'tree.collapse-all': 'Collapse all',
  'tree.expand-to-depth': 'Expand to depth',
  'view.zoom-out': 'Zoom out',
  'view.zoom-in': 'Zoom in',
  'view.fit': 'Fit',
  'view.centre': 'Centre',
  'view.overview': 'Scenario overview',
  'view.minimap': 'Map',
  'search.focus': 'Search the tree',
  'watchlist.open': 'Open watchlist',
  'analysis.open': 'Decision analysis',
  'source.reader': 'Open source reader',
};

/** Longer descriptions (hover text), where the label alone is short. */
const COMMAND_HINT: Partial<Record<CommandId, string>> = {
  'scenario.new': 'Start a new scenario of your own',
  'scenario.duplicate': 'Make a copy of this scenario',
  'scenario.reset': 'Go back to the scenario as it ships',
  'scenario.delete': 'Delete this scenario from this browser',
  'sync.share': 'Work on this scenario together: invitation links to a shared room on the sync server',
  'scenario.edit': 'Edit scenario details: title, question, summary, sources, actors and context',
  'view.fit': 'Fit the tree in view (down to a readable scale)',
  'view.centre': 'Centre on the selected branch',
  'view.overview': 'Back to the scenario overview (nothing selected)',
  'view.minimap': 'Show or hide the minimap: the whole tree drawn small, the view on it (it covers the corner of the tree)',
  'watchlist.open': 'Every signpost with its state, last check, threshold and owner',
  'analysis.open': 'Criteria, parameters and rule; values, the best policy and sensitivity',
  'source.reader': 'Read the source beside the tree, its quotes marked',
};

/** Compact labels drawn on a button where the label is its accessible name ("−" for Zoom out). */
export const COMMAND_GLYPH: Partial<Record<CommandId, string>> = {
  'view.zoom-out': '−',
  'view.zoom-in': '+',
};

/** Hover text: the hint (or label) and the first shortcut, e.g. "Undo (Ctrl+Z)". */
export function commandTitle(id: CommandId, shortcut: Shortcut | undefined, platform: Platform): string {
  const text = COMMAND_HINT[id] ?? COMMAND_LABEL[id];
  return shortcut ? `${text} (${formatShortcut(shortcut, platform)})` : text;
}

export const DIALOG_CANCEL = 'Cancel';
/** The visible word of a panel's Close button (its accessible name says which panel). */
export const DIALOG_CLOSE = 'Close';

/** The header's confirmations: title, confirm button, and body. */
export const CONFIRM_TEXT: Record<ConfirmKind, { title: string; confirm: string }> = {
  reset: { title: 'Reset to the original?', confirm: 'Reset' },
  delete: { title: 'Delete this scenario?', confirm: 'Delete' },
  new: { title: 'New scenario', confirm: 'Create' },
};

export const confirmResetBody = (title: string) =>
  `Your working copy of “${title}”, with all its edits and annotations, will be removed and the built-in scenario shown again. Export a snapshot first if you may want it back.`;
export const confirmDeleteBody = (title: string) => `“${title}” and its annotations will be deleted from this browser.`;
export const NEW_SCENARIO_FIELD = 'The decision to make';
export const NEW_SCENARIO_PLACEHOLDER = 'e.g. Should we enter the market this year?';
export const NEW_SCENARIO_DEFAULT_TITLE = 'Untitled decision';
