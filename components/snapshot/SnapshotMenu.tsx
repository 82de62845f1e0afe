'use client';
/**
 * The "Snapshot" menu in the application bar, and the page-wide ways in:
 * dropping a file anywhere, pasting a snapshot when no field has focus, a
 * share link in the address (`#s=…`). Its items are the `snapshot` commands
 * of lib/commands/registry; the menu registers itself as what runs them, so
 * the same commands run from anywhere (a notice's "Export snapshot").
 *
 * Only this small shell loads with the page. The work (lib/io and its
 * validators) is in ./actions and the dialogs in ./SnapshotDialogs, both
 * loaded on first use.
 */
import { Fragment, lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useApp, useAppStore } from '../AppProvider';
import { usePersistenceReady } from '../PersistenceProvider';
import { selectDocId } from '@/lib/store/selectors';
import type { ImportResult } from '@/lib/io/snapshot';
import { commandsIn, commandTestId, type CommandId, type SnapshotAction } from '@/lib/commands/registry';
import { COMMAND_LABEL } from '@/lib/messages/commands';
import { isEditable, useCommandUi, useRunCommand } from '../CommandProvider';
import { IMPORT_ACCEPT, type Comparison, type DialogState, type DiffMarks, type ImportSource, type Tone } from './types';
import './snapshot.css';

const SnapshotLayer = lazy(() => import('./SnapshotDialogs'));
const loadActions = () => import('./actions');

const ITEMS = commandsIn('snapshot');

function hasFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
}

/**
 * Takes the share link out of the address. With no state of its own, so that Next's router (which patches
 * replaceState) learns the new address: handed the router's own state (`__NA`), the call went past it, and the
 * router's next commit wrote its old address, hash and all, back.
 */
function clearShareHash() {
  if (window.location.hash.startsWith('#s=')) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

export function SnapshotMenu({ onDiffMarks }: { onDiffMarks?: (marks: DiffMarks | undefined) => void }) {
  const store = useAppStore();
  const docId = useApp(selectDocId);
  const ready = usePersistenceReady();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: Tone; seq: number } | null>(null);
  const [mounted, setMounted] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<DialogState | null>(null);
  dialogRef.current = dialog;

  useEffect(() => setMounted(true), []);

  const say = useCallback((text: string, tone: Tone = 'info') => setStatus((s) => ({ text, tone, seq: (s?.seq ?? 0) + 1 })), []);
  useEffect(() => {
    if (!status) return;
    const t = window.setTimeout(() => setStatus(null), status.tone === 'error' ? 12_000 : 7_000);
    return () => window.clearTimeout(t);
  }, [status]);

  // ------------------------------------------------------------ ways in
  // Each import gets its own dialog: a second one never inherits the first one's state.
  const importSeq = useRef(0);
  const showImport = useCallback((source: ImportSource, result: ImportResult, note?: string) => {
    setDialog({ kind: 'import', id: ++importSeq.current, source, result, note });
  }, []);

  const importFile = useCallback(
    async (file: File, how: 'picked' | 'dropped' | 'pasted', extra = 0) => {
      say(`Reading “${file.name}”…`);
      const a = await loadActions();
      const result = await a.readSnapshotFile(file);
      setStatus(null);
      showImport({ kind: 'file', name: file.name, how }, result, extra > 0 ? `Only the first file was read; ${extra} more ${extra === 1 ? 'was' : 'were'} ignored.` : undefined);
    },
    [say, showImport],
  );

  const importText = useCallback(
    async (text: string) => {
      const a = await loadActions();
      const trimmed = text.trim();
      if (!trimmed.startsWith('{') && /#s=/.test(trimmed)) showImport({ kind: 'share' }, await a.importShare(trimmed));
      else showImport({ kind: 'text' }, a.importText(text));
    },
    [showImport],
  );

  // Share links: once the saved work has loaded, and whenever the hash changes.
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    const check = () => {
      const hash = window.location.hash;
      if (!hash.startsWith('#s=')) return;
      void (async () => {
        const a = await loadActions();
        const result = await a.importShare(hash);
        if (!cancelled) showImport({ kind: 'share' }, result);
      })();
    };
    check();
    window.addEventListener('hashchange', check);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', check);
    };
  }, [ready, showImport]);

  // Drop a file anywhere on the page.
  useEffect(() => {
    let timer = 0;
    const hide = () => {
      window.clearTimeout(timer);
      setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      const onFileInput = e.target instanceof HTMLInputElement && e.target.type === 'file';
      if (onFileInput) return;
      // Always take the drop: otherwise the browser would leave the page to show the file.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = dialogRef.current ? 'none' : 'copy';
      if (!dialogRef.current) setDragging(true);
      window.clearTimeout(timer);
      timer = window.setTimeout(hide, 1000);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) hide();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      if (e.target instanceof HTMLInputElement && e.target.type === 'file') return;
      e.preventDefault();
      hide();
      const files = e.dataTransfer?.files;
      if (!files || files.length === 0) return;
      if (dialogRef.current) {
        say('Close the open dialog before dropping a file to import.', 'error');
        return;
      }
      void importFile(files[0]!, 'dropped', files.length - 1);
    };
    window.addEventListener('dragenter', onOver);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('dragenter', onOver);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFile, say]);

  // Paste a snapshot (text, a share link or a file) when no text field has focus.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented || dialogRef.current || isEditable(e.target) || isEditable(document.activeElement)) return;
      const data = e.clipboardData;
      if (!data) return;
      const file = data.files?.[0];
      if (file && /\.(json|svg|png)$/i.test(file.name)) {
        e.preventDefault();
        void importFile(file, 'pasted');
        return;
      }
      const text = data.getData('text/plain');
      const trimmed = text.trim();
      if (trimmed.startsWith('{') || /#s=/.test(trimmed)) {
        e.preventDefault();
        void importText(text);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [importFile, importText]);

  // ------------------------------------------------------------ actions
  const run = useCallback(
    async (action: SnapshotAction) => {
      const s = store.getState();
      try {
        if (action === 'import') {
          fileRef.current?.click();
          return;
        }
        if (action === 'paste' || action === 'compare') {
          setDialog({ kind: action });
          return;
        }
        const a = await loadActions();
        switch (action) {
          case 'export-json':
            say(`Exported “${a.exportJson(s)}”.`);
            break;
          case 'share': {
            say('Making the link…');
            const r = await a.buildShareLink(store.getState(), window.location.origin + window.location.pathname);
            setStatus(null);
            setDialog(r.ok ? { kind: 'share', link: r.link } : { kind: 'share-error', message: r.message });
            break;
          }
          case 'brief-md':
            say(`Downloaded the brief “${a.downloadBrief(s)}”.`);
            break;
          case 'brief-print':
            setDialog({ kind: 'brief', markdown: a.briefMarkdown(s) });
            break;
          case 'svg':
            say(`Exported “${a.exportSvg(s)}”.`);
            break;
          case 'png': {
            say('Drawing the picture…');
            const r = await a.exportPng(s);
            say(`Exported “${r.name}”.${r.note ? ` ${r.note}` : ''}`);
            break;
          }
        }
      } catch (err) {
        say(`That did not work: ${err instanceof Error ? err.message : 'unknown error'}.`, 'error');
      }
    },
    [store, say],
  );

  // The menu is what runs the snapshot commands, wherever they are chosen.
  const runAction = useCallback((action: SnapshotAction) => void run(action), [run]);
  useCommandUi({ snapshot: runAction });
  const runCommand = useRunCommand();

  // ------------------------------------------------------------ comparison
  // Told only when the marks change: "none" on mount would re-render the whole workspace for nothing while the
  // page hydrates.
  const reportedMarks = useRef<DiffMarks | undefined>(undefined);
  useEffect(() => {
    const marks = comparison ? comparison.marks : undefined;
    if (marks === reportedMarks.current) return;
    reportedMarks.current = marks;
    onDiffMarks?.(marks);
  }, [comparison, onDiffMarks]);
  // A comparison belongs to the scenario it was made on.
  const comparedDoc = useRef(docId);
  useEffect(() => {
    if (comparedDoc.current !== docId) setComparison(null);
  }, [docId]);
  const showComparison = useCallback(
    (c: Comparison) => {
      comparedDoc.current = store.getState().docId;
      setComparison(c);
    },
    [store],
  );

  // ------------------------------------------------------------ the menu
  const items = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKey = (e: ReactKeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    if (e.key === 'ArrowDown') next = (i + 1) % list.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + list.length) % list.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    if (next >= 0) {
      e.preventDefault();
      list[next]?.focus();
    }
  };

  const choose = (id: CommandId) => {
    close(true);
    runCommand(id);
  };

  const closeDialog = useCallback(() => {
    const d = dialogRef.current;
    if (d?.kind === 'import' && d.source.kind === 'share') clearShareHash();
    setDialog(null);
  }, []);

  return (
    <div
      className="snapshot-menu"
      ref={wrapRef}
      onBlur={(e) => {
        if (open && e.relatedTarget instanceof Node && !wrapRef.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={buttonRef}
        className="snapshot-menu-button"
        aria-expanded={open}
        aria-controls="snapshot-menu-list"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        data-testid="snapshot-menu-button"
      >
        Snapshot <span aria-hidden="true">▾</span>
      </button>
      <ul id="snapshot-menu-list" className="snapshot-menu-list" ref={listRef} hidden={!open} onKeyDown={onMenuKey} data-testid="snapshot-menu" aria-label="Snapshot">
        {ITEMS.map((c, i) => (
          <Fragment key={c.id}>
            {i > 0 && c.section !== ITEMS[i - 1]!.section ? <li className="snapshot-menu-sep" aria-hidden="true" /> : null}
            <li>
              <button type="button" onClick={() => choose(c.id)} data-testid={commandTestId(c.id)}>
                {COMMAND_LABEL[c.id]}
              </button>
            </li>
          </Fragment>
        ))}
      </ul>
      <input
        ref={fileRef}
        type="file"
        accept={IMPORT_ACCEPT}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="snapshot-file-input"
        onChange={(e) => {
          const input = e.currentTarget;
          const files = input.files ? Array.from(input.files) : [];
          input.value = '';
          if (files[0]) void importFile(files[0], 'picked', files.length - 1);
        }}
      />
      {mounted
        ? createPortal(
            <>
              <div className="snapshot-status" role="status" aria-live="polite" data-testid="snapshot-status">
                {status ? (
                  <p key={status.seq} className={`snapshot-toast tone-${status.tone}`}>
                    {status.text}
                    <button type="button" className="snapshot-toast-close" onClick={() => setStatus(null)} aria-label="Dismiss message">
                      ×
                    </button>
                  </p>
                ) : null}
              </div>
              {dragging ? (
                <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
                  <p>Drop a snapshot, SVG or PNG to import</p>
                </div>
              ) : null}
            </>,
            document.body,
          )
        : null}
      {dialog || comparison ? (
        <Suspense fallback={null}>
          <SnapshotLayer
            dialog={dialog}
            comparison={comparison}
            onClose={closeDialog}
            onImportText={importText}
            onComparison={showComparison}
            onClearComparison={() => setComparison(null)}
            onStatus={say}
            onExportJson={() => runCommand('snapshot.export-json')}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
