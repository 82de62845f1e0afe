/**
 * Every command of the application, declared once (after Excalidraw's
 * actions): its id, where it is offered, its shortcuts, when it applies and
 * what it does. The header, the Snapshot menu, the tree toolbar, the
 * notices and the keyboard all read this list; their words come from
 * lib/messages/commands. Pure: a command acts only through the context it is
 * given (the store, the persistence controller, and the few things only the
 * interface can do, such as opening a dialog).
 */
import type { AppState } from '@/lib/store/store';
import { isBuiltin } from '@/lib/persist/controller-ids';
import { ZOOM_STEP_IN, ZOOM_STEP_OUT } from '@/lib/tree/panzoom-controller';
import {
  matchesShortcut,
  parseShortcut,
  shortcutAllowed,
  type KeyInput,
  type KeyTarget,
  type Platform,
  type Shortcut,
  type ShortcutScope,
} from './shortcuts';

export const COMMAND_IDS = [
  'scenario.new',
  'scenario.duplicate',
  'scenario.reset',
  'scenario.delete',
  'scenario.edit',
  'history.undo',
  'history.redo',
  'snapshot.export-json',
  'snapshot.import',
  'snapshot.paste',
  'snapshot.share',
  'snapshot.brief-md',
  'snapshot.brief-print',
  'snapshot.export-svg',
  'snapshot.export-png',
  'snapshot.compare',
  'sync.share',
  'tree.expand-all',
  'tree.collapse-all',
  'tree.expand-to-depth',
  'view.zoom-out',
  'view.zoom-in',
  'view.fit',
  'view.centre',
  'view.overview',
  'view.minimap',
  'search.focus',
  'watchlist.open',
  'analysis.open',
  'source.reader',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/** Where a command is offered. */
export type CommandGroup = 'scenario' | 'history' | 'snapshot' | 'tree' | 'view' | 'search' | 'panels' | 'source';

/** The dialogs a command may open before acting. */
export type ConfirmKind = 'new' | 'reset' | 'delete';

/** The Snapshot menu's work, done by the menu (it loads lib/io on first use). */
export type SnapshotAction = 'export-json' | 'import' | 'paste' | 'share' | 'brief-md' | 'brief-print' | 'svg' | 'png' | 'compare';

/** What only the interface can do; each part is present once the component offering it is mounted. */
export interface CommandUi {
  confirm?(kind: ConfirmKind): void;
  snapshot?(action: SnapshotAction): void;
  focusSearch?(): void;
  /** Opens the Scenario editor (title, question, summary, sources, actors, context). */
  editScenario?(): void;
  /** Opens the signpost watchlist. */
  openWatchlist?(): void;
  /** Opens the decision analysis panel. */
  openAnalysis?(): void;
  /** Shares the open scenario in a room on the sync server (or shows the room's links). */
  shareTeam?(): void;
}

/** The part of the persistence controller commands use directly. */
export interface PersistencePort {
  duplicateCurrent(): Promise<unknown>;
}

export interface CommandContext {
  /** The state `when` and `visible` read (a render's, or the store's current one). */
  state: AppState;
  /** Read afresh when a command runs. */
  store: { getState(): AppState };
  /** Null when saving is off on this page. */
  persistence: PersistencePort | null;
  ui: CommandUi;
}

export interface Command {
  id: CommandId;
  group: CommandGroup;
  /** Menus draw a separator between sections. */
  section?: number;
  /** "Mod+Shift+Z" and the like; the first is the one shown. */
  shortcuts?: readonly string[];
  scope?: ShortcutScope;
  /**
   * The key is left to the page when the command does not apply now (Escape: dialogs, menus and
   * panels close with it); by default a command's key is its own even then.
   */
  keyWhenApplies?: boolean;
  /** Whether it is offered at all (default: always). */
  visible?(ctx: CommandContext): boolean;
  /** Whether it can run now (offered but disabled otherwise). */
  when(ctx: CommandContext): boolean;
  /** A toggle's state (its button is pressed while true); absent for a command that is not a toggle. */
  pressed?(ctx: CommandContext): boolean;
  /** `arg` is the one parameter a command may take (the depth of "Expand to depth"). */
  run(ctx: CommandContext, arg?: number): void;
}

const always = () => true;
const snapshot = (action: SnapshotAction, section: number, id: CommandId): Command => ({
  id,
  group: 'snapshot',
  section,
  when: always,
  run: (ctx) => ctx.ui.snapshot?.(action),
});
const hasSaving = (ctx: CommandContext) => ctx.persistence !== null;
/** The branch "Centre" goes to: the selection, else the keyboard focus. */
const centreTarget = (s: AppState) => s.selectedId ?? s.focusedId;

export const COMMANDS: readonly Command[] = [
  { id: 'scenario.new', group: 'scenario', when: hasSaving, run: (ctx) => ctx.ui.confirm?.('new') },
  { id: 'scenario.duplicate', group: 'scenario', when: hasSaving, run: (ctx) => void ctx.persistence?.duplicateCurrent() },
  {
    id: 'scenario.reset',
    group: 'scenario',
    // A working copy of a shipped scenario.
    visible: ({ state }) => !!state.document.shippedFrom && !isBuiltin(state.docId),
    when: hasSaving,
    run: (ctx) => ctx.ui.confirm?.('reset'),
  },
  {
    id: 'scenario.delete',
    group: 'scenario',
    // The user's own scenarios; a working copy is reset, not deleted.
    visible: ({ state }) => !isBuiltin(state.docId) && !(state.document.shippedFrom && state.docId === state.document.shippedFrom),
    when: hasSaving,
    run: (ctx) => ctx.ui.confirm?.('delete'),
  },
  { id: 'scenario.edit', group: 'scenario', when: always, run: (ctx) => ctx.ui.editScenario?.() },
  {
    id: 'history.undo',
    group: 'history',
    shortcuts: ['Mod+Z'],
    scope: 'except-text-fields',
    when: ({ state }) => state.past.length > 0,
    run: (ctx) => ctx.store.getState().undo(),
  },
  {
    id: 'history.redo',
    group: 'history',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    scope: 'except-text-fields',
    when: ({ state }) => state.future.length > 0,
    run: (ctx) => ctx.store.getState().redo(),
  },
  snapshot('export-json', 0, 'snapshot.export-json'),
  snapshot('import', 0, 'snapshot.import'),
  snapshot('paste', 0, 'snapshot.paste'),
  snapshot('share', 1, 'snapshot.share'),
  // Offered in the Snapshot menu beside the share link; run by the SyncProvider (components/sync).
  { id: 'sync.share', group: 'snapshot', section: 1, when: always, run: (ctx) => ctx.ui.shareTeam?.() },
  snapshot('brief-md', 2, 'snapshot.brief-md'),
  snapshot('brief-print', 2, 'snapshot.brief-print'),
  snapshot('svg', 3, 'snapshot.export-svg'),
  snapshot('png', 3, 'snapshot.export-png'),
  snapshot('compare', 4, 'snapshot.compare'),
  { id: 'tree.expand-all', group: 'tree', when: always, run: (ctx) => ctx.store.getState().expandAll() },
  { id: 'tree.collapse-all', group: 'tree', when: always, run: (ctx) => ctx.store.getState().collapseAll() },
  {
    id: 'tree.expand-to-depth',
    group: 'tree',
    when: always,
    run: (ctx, depth) => {
      if (depth !== undefined && Number.isInteger(depth) && depth > 0) ctx.store.getState().expandToDepth(depth);
    },
  },
  { id: 'view.zoom-out', group: 'view', when: ({ state }) => state.panZoom !== null, run: (ctx) => ctx.store.getState().panZoom?.zoomBy(ZOOM_STEP_OUT) },
  { id: 'view.zoom-in', group: 'view', when: ({ state }) => state.panZoom !== null, run: (ctx) => ctx.store.getState().panZoom?.zoomBy(ZOOM_STEP_IN) },
  { id: 'view.fit', group: 'view', when: ({ state }) => state.panZoom !== null, run: (ctx) => ctx.store.getState().panZoom?.fit() },
  {
    // The minimap sits over the tree's corner: hidden, the branches under it show.
    id: 'view.minimap',
    group: 'view',
    when: ({ state }) => state.panZoom !== null,
    pressed: ({ state }) => state.minimapShown,
    run: (ctx) => {
      const s = ctx.store.getState();
      s.setMinimapShown(!s.minimapShown);
    },
  },
  {
    id: 'view.centre',
    group: 'view',
    when: ({ state }) => state.panZoom !== null && centreTarget(state) !== null,
    run: (ctx) => {
      const s = ctx.store.getState();
      const id = centreTarget(s);
      if (id) s.panZoom?.centreOn(id);
    },
  },
  {
    // Escape (outside fields, dialogs and panels that take it), or a click on empty canvas: back to the scenario overview.
    id: 'view.overview',
    group: 'view',
    shortcuts: ['Escape'],
    scope: 'outside-text',
    keyWhenApplies: true,
    when: ({ state }) => state.selectedId !== null,
    run: (ctx) => ctx.store.getState().select(null),
  },
  { id: 'search.focus', group: 'search', shortcuts: ['/'], scope: 'outside-text', when: always, run: (ctx) => ctx.ui.focusSearch?.() },
  { id: 'watchlist.open', group: 'panels', when: always, run: (ctx) => ctx.ui.openWatchlist?.() },
  { id: 'analysis.open', group: 'panels', when: always, run: (ctx) => ctx.ui.openAnalysis?.() },
  {
    id: 'source.reader',
    group: 'source',
    when: ({ state }) => state.document.scenario.sources.length > 0,
    run: (ctx) => ctx.store.getState().openReader(),
  },
];

const BY_ID = new Map<CommandId, Command>(COMMANDS.map((c) => [c.id, c]));

export function getCommand(id: CommandId): Command {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`No command "${id}"`);
  return c;
}

export function commandsIn(group: CommandGroup): Command[] {
  return COMMANDS.filter((c) => c.group === group);
}

export const isVisible = (c: Command, ctx: CommandContext) => c.visible?.(ctx) ?? true;
/** Offered and applicable: what a button's `disabled` and the keyboard check. */
export const canRun = (c: Command, ctx: CommandContext) => isVisible(c, ctx) && c.when(ctx);
/** A toggle's state; undefined for a command that is not a toggle. */
export const isPressed = (c: Command, ctx: CommandContext): boolean | undefined => c.pressed?.(ctx);

/** Runs a command if it applies; returns whether it ran. */
export function runCommand(c: Command, ctx: CommandContext, arg?: number): boolean {
  if (!canRun(c, ctx)) return false;
  c.run(ctx, arg);
  return true;
}

const parsed = new Map<string, Shortcut>();
/** A command's shortcuts, parsed (once). */
export function shortcutsOf(c: Command): Shortcut[] {
  return (c.shortcuts ?? []).map((text) => {
    let s = parsed.get(text);
    if (!s) parsed.set(text, (s = parseShortcut(text)));
    return s;
  });
}

/** The command a key event stands for where it was pressed, if any (whether or not it applies now). */
export function commandForKey(e: KeyInput, target: KeyTarget, platform: Platform, commands: readonly Command[] = COMMANDS): Command | undefined {
  return commands.find(
    (c) => shortcutAllowed(c.scope ?? 'outside-text', target) && shortcutsOf(c).some((s) => matchesShortcut(s, e, platform)),
  );
}

/** The test id of a command's button or menu item ("snapshot.export-json" -> "snapshot-export-json"). */
export const commandTestId = (id: CommandId) => id.replace('.', '-');
