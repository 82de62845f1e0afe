/**
 * Keyboard shortcuts as data: parsed from strings such as "Mod+Shift+Z",
 * matched against a key event, and shown as the platform writes them.
 * "Mod" is Cmd (⌘) on Apple platforms and Ctrl elsewhere (Excalidraw's
 * CTRL_OR_CMD). Pure: the caller passes a plain description of the event and
 * of where it happened.
 */

export type Platform = 'mac' | 'other';

/** The fields of a KeyboardEvent a shortcut looks at. */
export interface KeyInput {
  key: string;
  /** The physical key ("KeyZ"), used when the layout does not produce Latin letters. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Where the key was pressed. */
export interface KeyTarget {
  /** A text field, text area, select or content-editable element. */
  editable: boolean;
  /**
   * A text field, text area or content-editable element (a select is not one): typing there has the
   * browser's own undo, which must stay in the field.
   */
  textField: boolean;
  /** Inside an element editing a local draft (`data-local-edit`): it keeps its own undo. */
  localDraft: boolean;
  /** Inside an open modal dialog. */
  inDialog: boolean;
}

/**
 * Where a shortcut fires: `except-text-fields` everywhere but in a text field or
 * a local draft (undo and redo: inside a text field Ctrl/Cmd+Z is the field's
 * own undo of its typing, and never reaches across to another branch);
 * `outside-text` only when no field has the keyboard and no dialog is open.
 */
export type ShortcutScope = 'except-text-fields' | 'outside-text';

export interface Shortcut {
  /** Lower-case key ("z", "/", "arrowup"). */
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

const MODIFIERS = new Set(['mod', 'shift', 'alt']);

/** Parses "Mod+Shift+Z"; throws on an unknown modifier or an empty key (a programming error in the registry). */
export function parseShortcut(text: string): Shortcut {
  // "Mod++" would be the plus key: split on "+" that is followed by something.
  const parts = text.split(/\+(?=.)/);
  const key = parts.pop()?.toLowerCase() ?? '';
  if (!key) throw new Error(`Shortcut without a key: "${text}"`);
  const mods = parts.map((p) => p.toLowerCase());
  for (const m of mods) if (!MODIFIERS.has(m)) throw new Error(`Unknown modifier "${m}" in "${text}"`);
  return { key, mod: mods.includes('mod'), shift: mods.includes('shift'), alt: mods.includes('alt') };
}

const isLetter = (key: string) => /^[a-z]$/.test(key);

/** The key an event stands for: its Latin letter even on a non-Latin layout. */
function eventKey(e: KeyInput, wantLetter: boolean): string {
  const key = e.key.toLowerCase();
  if (wantLetter && !isLetter(key) && e.code && /^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  return key;
}

/** Whether a key event is this shortcut on this platform. */
export function matchesShortcut(s: Shortcut, e: KeyInput, platform: Platform): boolean {
  const modDown = platform === 'mac' ? e.metaKey : e.ctrlKey;
  // The other platform's modifier must not be down: Ctrl+Z on a Mac is not undo.
  const otherDown = platform === 'mac' ? e.ctrlKey : e.metaKey;
  if (modDown !== s.mod || otherDown || e.altKey !== s.alt) return false;
  const letterOrNamed = isLetter(s.key) || s.key.length > 1;
  // For punctuation the character already says whether Shift was down ("?" is Shift+/).
  if (letterOrNamed && e.shiftKey !== s.shift) return false;
  return eventKey(e, isLetter(s.key)) === s.key;
}

/** Whether a shortcut of this scope may fire where the key was pressed. */
export function shortcutAllowed(scope: ShortcutScope, target: KeyTarget): boolean {
  if (target.localDraft) return false;
  if (scope === 'outside-text') return !target.editable && !target.inDialog;
  return !target.textField;
}

/** A stable text for comparing two shortcuts on one platform ("mod+shift+z"). */
export function shortcutKey(s: Shortcut): string {
  return [s.mod ? 'mod' : '', s.alt ? 'alt' : '', s.shift ? 'shift' : '', s.key].filter(Boolean).join('+');
}

function keyName(key: string): string {
  if (key.length === 1) return key.toUpperCase();
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** As people read it: "Ctrl+Shift+Z" elsewhere, "⇧⌘Z" on a Mac. */
export function formatShortcut(s: Shortcut, platform: Platform): string {
  if (platform === 'mac') return `${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${s.mod ? '⌘' : ''}${keyName(s.key)}`;
  return [s.mod ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', keyName(s.key)].filter(Boolean).join('+');
}

/** As `aria-keyshortcuts` wants it: "Control+Shift+Z" or "Meta+Shift+Z". */
export function ariaShortcut(s: Shortcut, platform: Platform): string {
  return [s.mod ? (platform === 'mac' ? 'Meta' : 'Control') : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', keyName(s.key)]
    .filter(Boolean)
    .join('+');
}

/** Apple platforms, from what the browser says about itself. */
export function detectPlatform(nav: { platform?: string; userAgent?: string } | undefined): Platform {
  if (!nav) return 'other';
  return /Mac|iPhone|iPad|iPod/i.test(nav.platform || nav.userAgent || '') ? 'mac' : 'other';
}
