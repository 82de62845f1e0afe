'use client';
/**
 * The commands of lib/commands/registry, wired to this page: the context a
 * command runs in (the store, the persistence controller, and the interface
 * parts that components register while mounted), the one keyboard listener,
 * and the button every command is offered through.
 */
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useApp, useAppStore } from './AppProvider';
import { usePersistence } from './PersistenceProvider';
import type { AppState } from '@/lib/store/store';
import {
  canRun,
  isPressed,
  commandForKey,
  commandTestId,
  getCommand,
  isVisible,
  runCommand,
  shortcutsOf,
  type CommandContext,
  type CommandId,
  type CommandUi,
} from '@/lib/commands/registry';
import { ariaShortcut, detectPlatform, type KeyTarget, type Platform } from '@/lib/commands/shortcuts';
import { COMMAND_GLYPH, COMMAND_LABEL, commandTitle } from '@/lib/messages/commands';

/** The interface parts registered by mounted components (each key by one component at a time). */
const UiContext = createContext<CommandUi | null>(null);

/** A text field, text area, select or content-editable element (where typing goes to the element). */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color', 'image'].includes(type);
}

function keyTarget(target: EventTarget | null): KeyTarget {
  const el = target instanceof Element ? target : null;
  const editable = isEditable(target);
  return {
    editable,
    textField: editable && el?.tagName !== 'SELECT',
    localDraft: !!el?.closest('[data-local-edit]'),
    inDialog: !!el?.closest('dialog[open]'),
  };
}

const noSubscribe = () => () => {};
/** The platform, 'other' on the server and during hydration (so the markup matches). */
export function usePlatform(): Platform {
  return useSyncExternalStore(
    noSubscribe,
    () => detectPlatform(navigator),
    () => 'other',
  );
}

/** Builds the context commands run in, for a given state. */
function useContextFor(): (state: AppState) => CommandContext {
  const store = useAppStore();
  const persistence = usePersistence();
  const ui = useContext(UiContext);
  if (!ui) throw new Error('Commands are used inside <CommandProvider>');
  return useCallback((state: AppState) => ({ state, store, persistence, ui }), [store, persistence, ui]);
}

export function CommandProvider({ children }: { children: ReactNode }) {
  const [ui] = useState<CommandUi>(() => ({}));
  return (
    <UiContext.Provider value={ui}>
      <Shortcuts />
      {children}
    </UiContext.Provider>
  );
}

/** The one keyboard listener: every shortcut in the registry. */
function Shortcuts() {
  const store = useAppStore();
  const contextFor = useContextFor();
  const platform = usePlatform();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const command = commandForKey(e, keyTarget(e.target), platform);
      if (!command) return;
      const ctx = contextFor(store.getState());
      // A key that yields (Escape) is the page's while a modal dialog is open or when the command does not apply.
      if (command.keyWhenApplies && (document.querySelector('dialog[open]') || !canRun(command, ctx))) return;
      // Otherwise the key is ours even when the command does not apply now (no browser undo behind the store's back).
      e.preventDefault();
      runCommand(command, ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, contextFor, platform]);
  return null;
}

/** Registers what a component can do for commands while it is mounted. */
export function useCommandUi(handlers: CommandUi): void {
  const ui = useContext(UiContext);
  const { confirm, snapshot, focusSearch, editScenario, openWatchlist, openAnalysis, shareTeam } = handlers;
  useEffect(() => {
    if (!ui) return;
    const mine: CommandUi = { confirm, snapshot, focusSearch, editScenario, openWatchlist, openAnalysis, shareTeam };
    const keys = (Object.keys(mine) as Array<keyof CommandUi>).filter((k) => mine[k] !== undefined);
    for (const k of keys) Object.assign(ui, { [k]: mine[k] });
    return () => {
      for (const k of keys) if (ui[k] === mine[k]) delete ui[k];
    };
  }, [ui, confirm, snapshot, focusSearch, editScenario, openWatchlist, openAnalysis, shareTeam]);
}

/** The opening commands that take no argument. */
type OpenerKey = 'editScenario' | 'openWatchlist' | 'openAnalysis';

/** Whether the panel a command opens is open: the command opens it, `close` closes it. */
export function useOpenedByCommand(key: OpenerKey): { open: boolean; close: () => void } {
  const [open, setOpen] = useState(false);
  const opener = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  useCommandUi({ [key]: opener });
  return { open, close };
}

/** A command as a component offers it: its words, state and a way to run it. */
export function useCommand(id: CommandId) {
  const command = getCommand(id);
  const contextFor = useContextFor();
  const store = useAppStore();
  const platform = usePlatform();
  const visible = useApp((s) => isVisible(command, contextFor(s)));
  const enabled = useApp((s) => canRun(command, contextFor(s)));
  const pressed = useApp((s) => isPressed(command, contextFor(s)));
  const shortcut = shortcutsOf(command)[0];
  const run = useCallback((arg?: number) => runCommand(command, contextFor(store.getState()), arg), [command, contextFor, store]);
  return {
    id,
    label: COMMAND_LABEL[id],
    title: commandTitle(id, shortcut, platform),
    ariaKeyShortcuts: shortcut ? shortcutsOf(command).map((s) => ariaShortcut(s, platform)).join(' ') : undefined,
    testId: commandTestId(id),
    visible,
    enabled,
    pressed,
    run,
  };
}

/** Runs a command by id (for ways in that are not buttons, such as a notice's action). */
export function useRunCommand(): (id: CommandId, arg?: number) => boolean {
  const contextFor = useContextFor();
  const store = useAppStore();
  return useCallback((id: CommandId, arg?: number) => runCommand(getCommand(id), contextFor(store.getState()), arg), [contextFor, store]);
}

/** The button of a command: label (or glyph), hover text with the shortcut, disabled when it does not apply, absent when not offered. */
export function CommandButton({ id, className, onRun }: { id: CommandId; className?: string; onRun?: () => void }) {
  const c = useCommand(id);
  if (!c.visible) return null;
  const glyph = COMMAND_GLYPH[id];
  return (
    <button
      type="button"
      className={className}
      onClick={() => {
        onRun?.();
        c.run();
      }}
      disabled={!c.enabled}
      title={c.title}
      aria-label={glyph ? c.label : undefined}
      aria-keyshortcuts={c.ariaKeyShortcuts}
      aria-pressed={c.pressed}
      data-testid={c.testId}
    >
      {glyph ?? c.label}
    </button>
  );
}
