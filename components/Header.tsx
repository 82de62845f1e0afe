'use client';
/**
 * The application bar: which scenario is open (built-in or the user's own),
 * document commands (new, duplicate, reset, delete), undo/redo, the save
 * status, and notices about storage (damaged data, full quota, other tabs).
 */
import { useState, type ReactNode } from 'react';
import type { Scenario } from '@/lib/model/schema';
import { useApp } from './AppProvider';
import { usePersistence, usePersistenceState } from './PersistenceProvider';
import { selectDocId, selectDocument } from '@/lib/store/selectors';
import type { Notice, NoticeAction, PersistenceController } from '@/lib/persist/controller';
import { BUILTIN_PREFIX } from '@/lib/persist/controller-ids';
import type { ConfirmKind } from '@/lib/commands/registry';
import {
  COMMAND_LABEL,
  CONFIRM_TEXT,
  NEW_SCENARIO_DEFAULT_TITLE,
  NEW_SCENARIO_FIELD,
  NEW_SCENARIO_PLACEHOLDER,
  confirmDeleteBody,
  confirmResetBody,
} from '@/lib/messages/commands';
import { CommandButton, useCommandUi, useRunCommand } from './CommandProvider';
import { ConfirmDialog } from './Dialog';
import { ScenarioEditorHost } from './scenario/ScenarioEditorHost';
import { WatchlistHost } from './watchlist/WatchlistHost';
import { AnalysisHost } from './analysis/AnalysisHost';
import { WATCH_WORDS } from '@/lib/messages/watchlist';
import { SyncBadge } from './sync/SyncBadge';
import { PresenceList } from './sync/PresenceList';

const ACTION_LABEL: Record<NoticeAction, string> = {
  export: COMMAND_LABEL['snapshot.export-json'],
  'discard-corrupt': 'Discard the damaged copy',
  'download-damaged': 'Download the damaged data',
  'load-theirs': 'Load their version (keep mine as a copy)',
  'keep-mine': 'Keep mine (keep theirs as a copy)',
  retry: 'Try saving again',
};

function download(name: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function Notices() {
  const ctl = usePersistence();
  const { notices } = usePersistenceState();
  const runCommand = useRunCommand();
  if (!ctl || notices.length === 0) return null;
  const run = async (n: Notice, a: NoticeAction) => {
    if (a === 'export') runCommand('snapshot.export-json');
    else if (a === 'retry') await ctl.retry();
    else if (a === 'load-theirs') await ctl.loadTheirs();
    else if (a === 'keep-mine') await ctl.keepMine();
    else if (a === 'discard-corrupt' && n.docId) await ctl.discardCorrupt(n.docId);
    else if (a === 'download-damaged' && n.docId) {
      const text = await ctl.readStored(n.docId);
      if (text !== undefined) download(`branchpoint-damaged-${n.docId}.txt`, text, 'text/plain');
    }
  };
  return (
    <div className="notices" role="region" aria-label="Notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'info' ? 'status' : 'alert'}>
          <p>{n.text}</p>
          <div className="notice-actions">
            {n.actions.map((a) => (
              <button key={a} type="button" onClick={() => void run(n, a)}>
                {ACTION_LABEL[a]}
              </button>
            ))}
            <button type="button" className="notice-dismiss" onClick={() => ctl.dismiss(n.id)} aria-label="Dismiss notice">
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

/** What each confirmation does once confirmed. */
const CONFIRMED: Record<ConfirmKind, (ctl: PersistenceController, docId: string, newTitle: string) => void> = {
  reset: (ctl) => void ctl.resetToOriginal(),
  delete: (ctl, docId) => void ctl.deleteDocument(docId),
  new: (ctl, _docId, newTitle) => void ctl.newBlank(newTitle.trim() || NEW_SCENARIO_DEFAULT_TITLE),
};

export function Header({ shipped, snapshotMenu }: { shipped: Scenario[]; snapshotMenu?: ReactNode }) {
  const ctl = usePersistence();
  const p = usePersistenceState();
  const docId = useApp(selectDocId);
  const doc = useApp(selectDocument);
  const [pending, setPending] = useState<ConfirmKind | null>(null);
  const [newTitle, setNewTitle] = useState('');
  useCommandUi({ confirm: setPending });

  const isBuiltin = docId.startsWith(BUILTIN_PREFIX);
  const value = isBuiltin ? `shipped:${docId.slice(BUILTIN_PREFIX.length)}` : `doc:${docId}`;
  const shippedIds = new Set(shipped.map((s) => s.id));
  const userDocs = p.library.filter((d) => !(isBuiltin && d.id === docId));

  const onSwitch = (v: string) => {
    if (!ctl) return;
    if (v.startsWith('shipped:')) void ctl.openShipped(v.slice(8));
    else if (v.startsWith('doc:')) void ctl.openDocument(v.slice(4));
  };

  const statusText =
    p.status === 'saved'
      ? 'Saved in this browser'
      : p.status === 'saving'
        ? 'Saving…'
        : p.status === 'pending'
          ? 'Unsaved changes…'
          : p.status === 'quota'
            ? 'Not saved: storage full'
            : p.status === 'conflict'
              ? 'Not saved: changed in another tab'
              : p.status === 'error' || p.status === 'refused'
                ? 'Not saved'
                : p.status === 'off'
                  ? 'Not saved'
                  : isBuiltin
                    ? 'Built-in scenario: your first change makes your own copy'
                    : '';

  return (
    <>
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          Branchpoint
        </div>
        <label className="doc-switch">
          <span className="visually-hidden">Open scenario</span>
          <select value={value} onChange={(e) => onSwitch(e.target.value)} disabled={!ctl || !p.ready} aria-label="Open scenario" data-testid="scenario-select">
            <optgroup label="Built-in scenarios">
              {shipped.map((s) => {
                const pristineOpen = isBuiltin && docId === `${BUILTIN_PREFIX}${s.id}`;
                const copy = pristineOpen ? undefined : p.library.find((d) => d.id === s.id && d.shippedFrom === s.id);
                return (
                  <option key={s.id} value={copy ? `doc:${copy.id}` : `shipped:${s.id}`}>
                    {s.title}
                    {copy ? ' (your working copy)' : ''}
                  </option>
                );
              })}
            </optgroup>
            {userDocs.filter((d) => !(shippedIds.has(d.id) && d.shippedFrom === d.id)).length > 0 ? (
              <optgroup label="Your scenarios">
                {userDocs
                  .filter((d) => !(shippedIds.has(d.id) && d.shippedFrom === d.id))
                  .map((d) => (
                    <option key={d.id} value={`doc:${d.id}`}>
                      {d.title}
                    </option>
                  ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <div className="header-group" role="group" aria-label="Scenario">
          <CommandButton id="scenario.new" />
          <CommandButton id="scenario.duplicate" />
          <CommandButton id="scenario.reset" />
          <CommandButton id="scenario.delete" />
          <CommandButton id="scenario.edit" />
        </div>
        <div className="header-group" role="group" aria-label="History">
          <CommandButton id="history.undo" />
          <CommandButton id="history.redo" />
        </div>
        {snapshotMenu}
        <div className="header-group" role="group" aria-label={WATCH_WORDS.headerGroup}>
          <CommandButton id="watchlist.open" />
          <CommandButton id="analysis.open" />
        </div>
        <WatchlistHost />
        <AnalysisHost />
        <div className="header-group" role="group" aria-label="Source">
          <CommandButton id="source.reader" />
        </div>
        <span className="header-spacer" />
        <SyncBadge />
        <PresenceList />
        <span className={`save-status status-${p.status}`} role="status" data-testid="save-status" data-status={p.status}>
          {statusText}
        </span>
      </header>
      <ScenarioEditorHost />

      {pending ? (
        <ConfirmDialog
          key={pending}
          title={CONFIRM_TEXT[pending].title}
          confirmLabel={CONFIRM_TEXT[pending].confirm}
          danger={pending !== 'new'}
          testId={`confirm-${pending}`}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            if (ctl) CONFIRMED[pending](ctl, docId, newTitle);
            setNewTitle('');
          }}
        >
          {pending === 'new' ? (
            <label className="field">
              <span>{NEW_SCENARIO_FIELD}</span>
              <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder={NEW_SCENARIO_PLACEHOLDER} data-autofocus data-testid="new-title" />
            </label>
          ) : (
            <p>{pending === 'reset' ? confirmResetBody(doc.scenario.title) : confirmDeleteBody(doc.scenario.title)}</p>
          )}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
