import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAppStore, type AppStore } from '@/lib/store/store';
import { expandToDepth } from '@/lib/tree/visible';
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations } from '@/lib/annotations/types';
import { builtinId } from '@/lib/persist/controller-ids';
import * as reg from '@/lib/commands/registry';
import type { CommandContext, CommandId, CommandUi, ConfirmKind, SnapshotAction } from '@/lib/commands/registry';
import { shortcutKey } from '@/lib/commands/shortcuts';
import { COMMAND_LABEL } from '@/lib/messages/commands';
import type { PanZoomController } from '@/lib/tree/panzoom-controller';

const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../scenarios/taliban-ttp-conundrum.json'), 'utf8')) as Scenario;
const rootId = scenario.nodes.find((n) => n.parentId === null)!.id;
const firstOption = scenario.nodes.filter((n) => n.parentId === rootId).sort((a, b) => a.order - b.order)[0]!;

/** `shippedFrom` null: a scenario of the user's own. */
function makeStore(docId = scenario.id, shippedFrom: string | null = scenario.id): AppStore {
  return createAppStore({ docId, document: { scenario, annotations: emptyAnnotations(), shippedFrom }, now: () => 1_000_000 });
}

/** A context whose interface and persistence record what they were asked to do. */
function harness(store: AppStore, withPersistence = true) {
  const calls: string[] = [];
  const ui: CommandUi = {
    confirm: (k: ConfirmKind) => calls.push(`confirm:${k}`),
    snapshot: (a: SnapshotAction) => calls.push(`snapshot:${a}`),
    focusSearch: () => calls.push('focusSearch'),
    openWatchlist: () => calls.push('openWatchlist'),
  };
  const persistence = withPersistence ? { duplicateCurrent: async () => void calls.push('duplicate') } : null;
  const ctx = (): CommandContext => ({ state: store.getState(), store, persistence, ui });
  const run = (id: CommandId, arg?: number) => reg.runCommand(reg.getCommand(id), ctx(), arg);
  const can = (id: CommandId) => reg.canRun(reg.getCommand(id), ctx());
  const visible = (id: CommandId) => reg.isVisible(reg.getCommand(id), ctx());
  return { calls, ctx, run, can, visible };
}

function recordingController() {
  const calls: string[] = [];
  const controller: PanZoomController = {
    centreOn: (id) => calls.push(`centre:${id}`),
    fit: () => calls.push('fit'),
    fitAll: () => calls.push('fit-all'),
    zoomBy: (k) => calls.push(`zoom:${k}`),
  };
  return { calls, controller };
}

describe('command registry: declarations', () => {
  it('declares every id exactly once, and nothing else', () => {
    const ids = reg.COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...reg.COMMAND_IDS].sort());
  });

  it('gives every command a label, unique within the place it is offered, and a unique test id', () => {
    for (const c of reg.COMMANDS) expect(COMMAND_LABEL[c.id]?.trim().length, c.id).toBeGreaterThan(0);
    for (const group of new Set(reg.COMMANDS.map((c) => c.group))) {
      const labels = reg.commandsIn(group).map((c) => COMMAND_LABEL[c.id]);
      expect(new Set(labels).size, group).toBe(labels.length);
    }
    const testIds = reg.COMMANDS.map((c) => reg.commandTestId(c.id));
    expect(new Set(testIds).size).toBe(testIds.length);
  });

  it('has no two commands on one shortcut, on either platform', () => {
    const seen = new Map<string, CommandId>();
    for (const c of reg.COMMANDS) {
      for (const s of reg.shortcutsOf(c)) {
        const k = shortcutKey(s);
        expect(seen.get(k), `${c.id} and ${seen.get(k)} share ${k}`).toBeUndefined();
        seen.set(k, c.id);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('offers the Snapshot menu in its order, in sections', () => {
    expect(reg.commandsIn('snapshot').map((c) => reg.commandTestId(c.id))).toEqual([
      'snapshot-export-json',
      'snapshot-import',
      'snapshot-paste',
      'snapshot-share',
      'sync-share',
      'snapshot-brief-md',
      'snapshot-brief-print',
      'snapshot-export-svg',
      'snapshot-export-png',
      'snapshot-compare',
    ]);
    const sections = reg.commandsIn('snapshot').map((c) => c.section);
    expect(sections).toEqual([...sections].sort((a, b) => a! - b!));
  });
});

describe('command registry: when a command applies', () => {
  it('undo and redo follow the history', () => {
    const store = makeStore();
    const h = harness(store);
    expect(h.can('history.undo')).toBe(false);
    expect(h.can('history.redo')).toBe(false);
    expect(h.run('history.undo')).toBe(false);
    store.getState().renameNode(firstOption.id, 'Renamed');
    expect(h.can('history.undo')).toBe(true);
    expect(h.can('history.redo')).toBe(false);
    store.getState().undo();
    expect(h.can('history.undo')).toBe(false);
    expect(h.can('history.redo')).toBe(true);
  });

  it('reset is offered on a working copy of a shipped scenario only; delete on the user’s own scenarios only', () => {
    const builtin = harness(makeStore(builtinId(scenario.id)));
    expect(builtin.visible('scenario.reset')).toBe(false);
    expect(builtin.visible('scenario.delete')).toBe(false);
    const workingCopy = harness(makeStore(scenario.id, scenario.id));
    expect(workingCopy.visible('scenario.reset')).toBe(true);
    expect(workingCopy.visible('scenario.delete')).toBe(false);
    const own = harness(makeStore('my-own', null));
    expect(own.visible('scenario.reset')).toBe(false);
    expect(own.visible('scenario.delete')).toBe(true);
    const duplicated = harness(makeStore('copy-of-it', scenario.id));
    expect(duplicated.visible('scenario.reset')).toBe(true);
    expect(duplicated.visible('scenario.delete')).toBe(true);
    // A command not offered does not run, even when asked.
    expect(builtin.run('scenario.reset')).toBe(false);
    expect(builtin.calls).toEqual([]);
  });

  it('scenario commands need saving; without it they are disabled and do nothing', () => {
    const h = harness(makeStore('my-own', null), false);
    for (const id of ['scenario.new', 'scenario.duplicate', 'scenario.delete'] as const) {
      expect(h.can(id), id).toBe(false);
      expect(h.run(id), id).toBe(false);
    }
    expect(h.calls).toEqual([]);
  });

  it('the view commands need the tree view’s controller', () => {
    const store = makeStore();
    const h = harness(store);
    const view: CommandId[] = ['view.zoom-in', 'view.zoom-out', 'view.fit', 'view.centre', 'view.minimap'];
    for (const id of view) expect(h.can(id), id).toBe(false);
    store.getState().setPanZoom(recordingController().controller);
    for (const id of view) expect(h.can(id), id).toBe(true);
    store.getState().setPanZoom(null);
    for (const id of view) expect(h.can(id), id).toBe(false);
  });
});

describe('command registry: running a command calls the right action', () => {
  it('undo and redo move through the store’s history', () => {
    const store = makeStore();
    const h = harness(store);
    const original = store.getState().document;
    store.getState().renameNode(firstOption.id, 'Renamed');
    const renamed = store.getState().document;
    expect(h.run('history.undo')).toBe(true);
    // The scenario goes back; the audit trail keeps the rename and records the undo (lib/team/audit).
    expect(store.getState().document.scenario).toBe(original.scenario);
    expect(h.run('history.redo')).toBe(true);
    expect(store.getState().document.scenario).toBe(renamed.scenario);
    expect(store.getState().document.audit!.entries.map((e) => e.what.split(' ')[0])).toEqual(['Rename', 'Undid:', 'Redid:']);
  });

  it('expand all, collapse all and expand to depth set the expanded branches', () => {
    const store = makeStore();
    const h = harness(store);
    const index = store.getState().index;
    h.run('tree.expand-all');
    const parents = index.preorder.filter((n) => (index.children.get(n.id)?.length ?? 0) > 0).map((n) => n.id);
    expect([...store.getState().expanded].sort()).toEqual(parents.sort());
    h.run('tree.collapse-all');
    expect([...store.getState().expanded]).toEqual([rootId]);
    h.run('tree.expand-to-depth', 3);
    expect([...store.getState().expanded].sort()).toEqual([...expandToDepth(index, 3)].sort());
    // Nonsense depths change nothing.
    const before = store.getState().expanded;
    for (const bad of [0, -1, Number.NaN, 1.5, undefined]) h.run('tree.expand-to-depth', bad);
    expect(store.getState().expanded).toBe(before);
  });

  it('the view commands act on the registered controller; centre goes to the selection, else the focus', () => {
    const store = makeStore();
    const h = harness(store);
    const { calls, controller } = recordingController();
    store.getState().setPanZoom(controller);
    h.run('view.zoom-in');
    h.run('view.zoom-out');
    h.run('view.fit');
    store.getState().focus(firstOption.id);
    h.run('view.centre');
    // Selected and focused apart: the selection wins.
    store.getState().select(rootId);
    store.getState().focus(firstOption.id);
    h.run('view.centre');
    expect(calls).toEqual(['zoom:1.25', 'zoom:0.8', 'fit', `centre:${firstOption.id}`, `centre:${rootId}`]);
  });

  it('the minimap toggle: pressed while shown, each run flips it; only it is a toggle', () => {
    const store = makeStore();
    const h = harness(store);
    store.getState().setPanZoom(recordingController().controller);
    const pressed = () => reg.isPressed(reg.getCommand('view.minimap'), h.ctx());
    expect(pressed()).toBe(true);
    h.run('view.minimap');
    expect([pressed(), store.getState().minimapShown]).toEqual([false, false]);
    h.run('view.minimap');
    expect([pressed(), store.getState().minimapShown]).toEqual([true, true]);
    expect(reg.COMMANDS.filter((c) => reg.isPressed(c, h.ctx()) !== undefined).map((c) => c.id)).toEqual(['view.minimap']);
  });

  it('overview (Escape outside fields) clears the selection, and applies only with something selected', () => {
    const store = makeStore();
    const h = harness(store);
    expect(h.can('view.overview')).toBe(false);
    store.getState().select(firstOption.id);
    expect(h.can('view.overview')).toBe(true);
    expect(h.run('view.overview')).toBe(true);
    expect(store.getState().selectedId).toBeNull();
    const esc = { key: 'Escape', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };
    const nowhere = { editable: false, textField: false, localDraft: false, inDialog: false };
    expect(reg.commandForKey(esc, nowhere, 'other')?.id).toBe('view.overview');
    expect(reg.commandForKey(esc, { ...nowhere, editable: true, textField: true }, 'other')).toBeUndefined();
    expect(reg.commandForKey(esc, { ...nowhere, inDialog: true }, 'other')).toBeUndefined();
  });

  it('reveal centres through the controller, and only when asked to', () => {
    const store = makeStore();
    const { calls, controller } = recordingController();
    store.getState().setPanZoom(controller);
    store.getState().reveal(firstOption.id, false);
    store.getState().reveal(rootId);
    expect(calls).toEqual([`centre:${rootId}`]);
  });

  it('the Snapshot menu’s commands hand their action to the menu', () => {
    const h = harness(makeStore());
    for (const c of reg.commandsIn('snapshot')) expect(h.run(c.id)).toBe(true);
    expect(h.calls).toEqual(['export-json', 'import', 'paste', 'share', 'brief-md', 'brief-print', 'svg', 'png', 'compare'].map((a) => `snapshot:${a}`));
  });

  it('scenario commands confirm first (new, reset, delete) or act (duplicate); search focuses the field', () => {
    const h = harness(makeStore('copy-of-it', scenario.id));
    for (const id of ['scenario.new', 'scenario.duplicate', 'scenario.reset', 'scenario.delete', 'search.focus', 'watchlist.open'] as const) h.run(id);
    expect(h.calls).toEqual(['confirm:new', 'duplicate', 'confirm:reset', 'confirm:delete', 'focusSearch', 'openWatchlist']);
  });

  it('a command whose interface part is not mounted does nothing, without failing', () => {
    const store = makeStore();
    const ctx: CommandContext = { state: store.getState(), store, persistence: null, ui: {} };
    for (const id of ['snapshot.export-json', 'search.focus', 'view.fit', 'watchlist.open'] as const) expect(() => reg.runCommand(reg.getCommand(id), ctx)).not.toThrow();
  });
});
