'use client';
/**
 * The application bar: which scenario is open (built-in or the user's own),
 * document commands (new, duplicate, reset, delete), undo/redo, the save
 * status, and notices about storage (damaged data, full quota, other tabs).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Scenario } from '@/lib/model/schema';
import { useApp, useAppStore } from './AppProvider';
import { usePersistence, usePersistenceState } from './PersistenceProvider';
import { selectCanRedo, selectCanUndo, selectDocId, selectDocument } from '@/lib/store/selectors';
import type { Notice, NoticeAction } from '@/lib/persist/controller';
import { BUILTIN_PREFIX } from '@/lib/persist/controller-ids';

/** A modal confirmation built on <dialog> (focus trapped, Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="confirm-title" onCancel={onCancel} onClose={() => open && onCancel()}>
      <h2 id="confirm-title">{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger-solid' : 'primary'} onClick={onConfirm} data-testid="confirm-ok">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

const ACTION_LABEL: Record<NoticeAction, string> = {
  export: 'Export a snapshot',
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

export function Notices({ onExport }: { onExport: () => void }) {
  const ctl = usePersistence();
  const { notices } = usePersistenceState();
  if (!ctl || notices.length === 0) return null;
  const run = async (n: Notice, a: NoticeAction) => {
    if (a === 'export') onExport();
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

type Pending = null | 'reset' | 'delete' | 'new';

export function Header({ shipped, snapshotMenu }: { shipped: Scenario[]; snapshotMenu?: ReactNode }) {
  const store = useAppStore();
  const ctl = usePersistence();
  const p = usePersistenceState();
  const docId = useApp(selectDocId);
  const doc = useApp(selectDocument);
  const canUndo = useApp(selectCanUndo);
  const canRedo = useApp(selectCanRedo);
  const [pending, setPending] = useState<Pending>(null);
  const [newTitle, setNewTitle] = useState('');

  // Undo / redo shortcuts (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y), everywhere but in a field editing a local draft.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      const t = e.target as HTMLElement | null;
      if (t?.closest?.('[data-local-edit]')) return;
      e.preventDefault();
      if (k === 'y' || e.shiftKey) store.getState().redo();
      else store.getState().undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

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
          <button type="button" onClick={() => setPending('new')} disabled={!ctl}>
            New
          </button>
          <button type="button" onClick={() => void ctl?.duplicateCurrent()} disabled={!ctl}>
            Duplicate
          </button>
          {doc.shippedFrom && !isBuiltin ? (
            <button type="button" onClick={() => setPending('reset')} data-testid="reset-original">
              Reset to original
            </button>
          ) : null}
          {!isBuiltin && !(doc.shippedFrom && docId === doc.shippedFrom) ? (
            <button type="button" onClick={() => setPending('delete')}>
              Delete
            </button>
          ) : null}
        </div>
        <div className="header-group" role="group" aria-label="History">
          <button type="button" onClick={() => store.getState().undo()} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={() => store.getState().redo()} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
        </div>
        {snapshotMenu}
        <span className="header-spacer" />
        <span className={`save-status status-${p.status}`} role="status" data-testid="save-status" data-status={p.status}>
          {statusText}
        </span>
      </header>

      <ConfirmDialog
        open={pending === 'reset'}
        title="Reset to the original?"
        confirmLabel="Reset"
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          setPending(null);
          void ctl?.resetToOriginal();
        }}
      >
        <p>
          Your working copy of “{doc.scenario.title}”, with all its edits and annotations, will be removed and the built-in scenario shown
          again. Export a snapshot first if you may want it back.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'delete'}
        title="Delete this scenario?"
        confirmLabel="Delete"
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          setPending(null);
          void ctl?.deleteDocument(docId);
        }}
      >
        <p>“{doc.scenario.title}” and its annotations will be deleted from this browser.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'new'}
        title="New scenario"
        confirmLabel="Create"
        onCancel={() => setPending(null)}
        onConfirm={() => {
          setPending(null);
          void ctl?.newBlank(newTitle.trim() || 'Untitled decision');
          setNewTitle('');
        }}
      >
        <label className="field">
          <span>The decision to make</span>
          <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder="e.g. Should we enter the market this year?" data-testid="new-title" />
        </label>
      </ConfirmDialog>
    </>
  );
}
