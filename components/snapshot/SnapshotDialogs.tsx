'use client';
/**
 * The snapshot dialogs (import preview, paste, share link, brief, compare)
 * and the comparison panel. Loaded on first use by SnapshotMenu.
 *
 * Every dialog is a modal <dialog> (focus kept inside, Escape closes, focus
 * returns to where it was) rendered into <body>, outside the application bar.
 * Importing never changes anything until the user chooses: "Add as a new
 * scenario" keeps everything they had; "Replace" asks again and is one
 * undoable step.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useApp, useAppStore } from '../AppProvider';
import { usePersistence } from '../PersistenceProvider';
import { Markdown } from '../Markdown';
import { Dialog } from '../Dialog';
import { useCommand } from '../CommandProvider';
import { useCopyLink } from '../useCopyLink';
import { COMMAND_LABEL } from '@/lib/messages/commands';
import { restoreRepairText } from '@/lib/messages/restore';
import { importFailureMessage } from '@/lib/messages/snapshot';
import { SD_DOCUMENT_WORDS, sdReportLines } from '@/lib/messages/sd-import';
import { selectScenario } from '@/lib/store/selectors';
import type { ImportResult } from '@/lib/io/snapshot';
import { briefChunks, compareTwoFiles, compareWithOpen, downloadBrief } from './actions';
import { briefAnalysis } from '@/lib/io/brief-analysis';
import { ChartFigure } from '../analysis/charts/ChartFigure';
import type { ChartSpec } from '@/lib/analysis/charts';
import { BRIEF_ANALYSIS } from '@/lib/messages/decision';
import { offTreeHeading, placeText } from '@/lib/messages/tree';
import { COMPARISON_SLOT_ID, IMPORT_ACCEPT, type Comparison, type DialogState, type ImportSource, type Tone } from './types';
import { digits } from '@/lib/messages/count';

const MAX_PROBLEMS = 5;
const MAX_REPAIRS = 20;

// ---------------------------------------------------------------- shared bits

/** What went wrong, announced (nothing when there is nothing to say). */
function DialogError({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <p className="import-error" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

/** Ends a message with a full stop if it has no closing punctuation. */
function sentence(text: string): string {
  return /[.!?)”]$/.test(text) ? text : `${text}.`;
}

function formatTime(iso: string | null): string {
  if (!iso) return 'not recorded';
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function sourceText(source: ImportSource): string {
  if (source.kind === 'share') return 'From a share link.';
  if (source.kind === 'text') return 'From pasted text.';
  const how = source.how === 'dropped' ? 'Dropped file' : source.how === 'pasted' ? 'Pasted file' : 'File';
  return `${how}: “${source.name}”.`;
}

// ---------------------------------------------------------------- import

function ImportDialog({
  source,
  result,
  note,
  onClose,
  onStatus,
}: {
  source: ImportSource;
  result: ImportResult;
  note?: string;
  onClose: () => void;
  onStatus: (text: string, tone?: Tone) => void;
}) {
  const store = useAppStore();
  const ctl = usePersistence();
  const current = useApp(selectScenario);
  const [step, setStep] = useState<'preview' | 'confirm' | 'busy'>('preview');
  const [failure, setFailure] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const fromShare = source.kind === 'share';
  /** "Undo (Ctrl+Z)", or "Undo (⌘Z)" on a Mac: from the command registry. */
  const undoWithKey = useCommand('history.undo').title;
  const prevStep = useRef(step);
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
    else if (step === 'preview' && prevStep.current === 'confirm') replaceRef.current?.focus();
    prevStep.current = step;
  }, [step]);

  if (!result.ok) {
    const message = importFailureMessage(result.reason);
    const shown = result.problems
      .map((p) => `${p.path}: ${p.message}`)
      .filter((line, i, all) => !message.includes(line) && !(all.length === 1 && message.includes(result.problems[i]!.message)));
    return (
      <Dialog title={fromShare ? 'This share link cannot be opened' : 'This cannot be imported'} testId="import-dialog" className="snapshot-dialog import-dialog is-error" onClose={onClose}>
        <p className="import-source">{sourceText(source)}</p>
        <DialogError text={sentence(message)} testId="import-error" />
        {shown.length > 0 ? (
          <>
            <p className="import-problems-head">What is wrong:</p>
            <ul className="import-problems" data-testid="import-problems">
              {shown.slice(0, MAX_PROBLEMS).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
              {shown.length > MAX_PROBLEMS ? <li>and {shown.length - MAX_PROBLEMS} more</li> : null}
            </ul>
          </>
        ) : null}
        <p className="import-nothing">Nothing was changed: your scenarios are as they were.</p>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose} data-autofocus data-testid="import-close">
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  const { summary, repairs, document, view } = result;
  const add = async () => {
    setStep('busy');
    setFailure(null);
    try {
      if (!ctl) throw new Error('saving is off on this page');
      await ctl.addDocument(document, view);
      onStatus(`Imported “${summary.title}” as a new scenario. Everything you had is still in the scenario list.`);
      onClose();
    } catch (err) {
      setFailure(`It could not be added (${err instanceof Error ? err.message : 'unknown error'}). Nothing was changed.`);
      setStep('preview');
    }
  };
  const replace = () => {
    if (ctl) ctl.replaceCurrent(document);
    else store.getState().replaceDocument(document);
    onStatus(`Replaced “${current.title}” with the snapshot. ${undoWithKey} brings it back.`);
    onClose();
  };

  if (step === 'confirm') {
    return (
      <Dialog title={`Replace “${current.title}”?`} testId="import-dialog" className="snapshot-dialog import-dialog" onClose={() => setStep('preview')}>
        <p>
          The open scenario will be replaced by “{summary.title}” from the snapshot, with its annotations. You can undo this with {undoWithKey} until
          you leave the page. To keep both, add the snapshot as a new scenario instead.
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setStep('preview')} data-testid="import-replace-back">
            Back
          </button>
          <button type="button" className="danger-solid" ref={confirmRef} onClick={replace} data-testid="import-replace-confirm">
            Replace
          </button>
        </div>
      </Dialog>
    );
  }

  const sd = result.silverDecisions ? sdReportLines(result.silverDecisions) : null;
  const rows: Array<[string, ReactNode]> = sd
    ? [
        ['Title', summary.title],
        ['Branches', summary.nodes],
        ['Format', SD_DOCUMENT_WORDS.format],
        ['Saved', formatTime(summary.exportedAt)],
      ]
    : [
        ['Title', summary.title],
        ['Branches', summary.nodes],
        ['Assumptions', summary.assumptions],
        ['Risks', summary.risks],
        ['Indicators', summary.indicators],
        ['Annotations', `${summary.annotated} (notes, stances, assumption checks, risk and indicator assessments)`],
        ['Exported', formatTime(summary.exportedAt)],
      ];
  return (
    <Dialog
      title={fromShare ? 'Opened from a share link' : sd ? SD_DOCUMENT_WORDS.dialogTitle : 'Import a snapshot'}
      testId="import-dialog"
      className="snapshot-dialog import-dialog"
      onClose={onClose}
    >
      <p className="import-source">{sourceText(source)}</p>
      {note ? <p className="import-note">{note}</p> : null}
      {sd ? (
        <div className="import-repairs" data-testid="import-sd-report">
          <p className="import-repairs-head">{SD_DOCUMENT_WORDS.importedHead}</p>
          <ul data-testid="import-sd-imported">
            {sd.imported.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          {sd.notImported.length > 0 ? (
            <>
              <p className="import-repairs-head">{SD_DOCUMENT_WORDS.notImportedHead}</p>
              <ul data-testid="import-sd-not-imported">
                {sd.notImported.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <dl className="import-summary" data-testid="import-summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={`import-summary-${k.toLowerCase()}`}>{v}</dd>
          </div>
        ))}
      </dl>
      {repairs.length > 0 ? (
        <div className="import-repairs" data-testid="import-repairs">
          <p className="import-repairs-head">Repaired on the way in:</p>
          <ul tabIndex={0} aria-label="Repairs">
            {repairs.slice(0, MAX_REPAIRS).map((r, i) => (
              <li key={i}>{sentence(restoreRepairText(r))}</li>
            ))}
            {repairs.length > MAX_REPAIRS ? <li>and {repairs.length - MAX_REPAIRS} more</li> : null}
          </ul>
        </div>
      ) : (
        <p className="import-clean">It passed every check; nothing needed repair.</p>
      )}
      <p className="import-hint">
        {fromShare
          ? 'Import it as a copy to work on it here. Nothing you have changes unless you choose.'
          : 'Adding it keeps everything you have. Nothing changes unless you choose.'}
      </p>
      <DialogError text={failure} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="import-cancel">
          Cancel
        </button>
        <button type="button" ref={replaceRef} onClick={() => setStep('confirm')} disabled={step === 'busy'} data-testid="import-replace">
          Replace the current scenario…
        </button>
        {ctl ? (
          <button type="button" className="primary" onClick={() => void add()} disabled={step === 'busy'} data-autofocus data-testid="import-add">
            {step === 'busy' ? 'Adding…' : fromShare ? 'Import as a copy' : 'Add as a new scenario'}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}

// ---------------------------------------------------------------- paste

function PasteDialog({ onClose, onImportText }: { onClose: () => void; onImportText: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="Paste a snapshot" testId="paste-dialog" className="snapshot-dialog paste-dialog" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim() || busy) return;
          setBusy(true);
          void onImportText(text).finally(() => setBusy(false));
        }}
      >
        <label className="field">
          <span>Snapshot JSON, or a share link</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={10}
            spellCheck={false}
            autoComplete="off"
            data-autofocus
            data-local-edit
            data-testid="paste-input"
          />
        </label>
        <p className="import-hint">Paste with Ctrl+V (⌘V on a Mac). You will see what it holds before anything changes.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!text.trim() || busy} data-testid="paste-submit">
            {busy ? 'Reading…' : 'Continue'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// ---------------------------------------------------------------- share

function ShareDialog({ link, onClose }: { link: string; onClose: () => void }) {
  const scenario = useApp(selectScenario);
  const { fieldRef, outcome: copied, copy } = useCopyLink(link, {
    copied: 'Copied to the clipboard.',
    failed: 'The browser did not allow copying. The link is selected in the field: press Ctrl+C (⌘C on a Mac) to copy it.',
  });
  return (
    <Dialog title="Share link" testId="share-dialog" className="snapshot-dialog share-dialog" onClose={onClose}>
      <p>
        Whoever opens this link can import a copy of “{scenario.title}” with your annotations. The scenario travels inside the link itself (after the
        “#”), so it is never sent to a server; it is a copy as of now, and later changes are not in it.
      </p>
      <label className="field">
        <span>The link</span>
        <input ref={fieldRef} readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-link-field" />
      </label>
      <p className="share-length" data-testid="share-length">
        {digits(link.length)} characters.
        {link.length > 2000 ? ' Some email and chat programs cut long links short; if it does not open, share a snapshot file instead.' : ''}
      </p>
      <p className={`share-copied${copied && !copied.ok ? ' is-error' : ''}`} role="status" data-testid="share-copied">
        {copied?.text ?? ''}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => void copy()} data-autofocus data-testid="share-copy">
          Copy link
        </button>
      </div>
    </Dialog>
  );
}

function ShareErrorDialog({ message, onClose, onExportJson }: { message: string; onClose: () => void; onExportJson: () => void }) {
  return (
    <Dialog title="No share link" testId="share-dialog" className="snapshot-dialog share-dialog" onClose={onClose}>
      <DialogError text={message} testId="share-error" />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            onClose();
            onExportJson();
          }}
        >
          {COMMAND_LABEL['snapshot.export-json']}
        </button>
      </div>
    </Dialog>
  );
}

// ---------------------------------------------------------------- brief

function BriefBody({ chunks }: { chunks: string[] }) {
  return (
    <>
      {chunks.map((c, i) => (
        <Markdown key={i} source={c} headingLevel={2} className="brief-md" />
      ))}
    </>
  );
}

function BriefCharts({ charts, exportable }: { charts: readonly ChartSpec[]; exportable: boolean }) {
  if (charts.length === 0) return null;
  return (
    <div className="brief-charts" data-testid="brief-charts">
      <h3>{BRIEF_ANALYSIS.chartsHeading}</h3>
      {charts.map((spec, i) => (
        <ChartFigure key={i} spec={spec} exportable={exportable} />
      ))}
    </div>
  );
}

function BriefDialog({ markdown, onClose, onStatus }: { markdown: string; onClose: () => void; onStatus: (text: string, tone?: Tone) => void }) {
  const store = useAppStore();
  const chunks = useMemo(() => briefChunks(markdown), [markdown]);
  // The analysis charts (tornado, risk profile) drawn after the text; their data is in the text too.
  const charts = useMemo(() => briefAnalysis(store.getState().document)?.charts ?? [], [store]);
  const [printedOn] = useState(() => new Date().toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
  // While the brief is open, printing prints the brief and nothing else.
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('bp-printing-brief');
    return () => html.classList.remove('bp-printing-brief');
  }, []);
  return (
    <>
      <Dialog title="Brief" testId="brief-dialog" className="snapshot-dialog brief-dialog" onClose={onClose}>
        <p className="import-hint">
          The bottom line first, then the question and each option with its assumptions, risks, indicators, notes and evidence. Print it, or choose
          “Save as PDF” in the print dialog.
        </p>
        <div className="brief-preview" role="region" tabIndex={0} aria-label="The brief">
          <BriefBody chunks={chunks} />
          <BriefCharts charts={charts} exportable />
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" onClick={() => onStatus(`Downloaded the brief “${downloadBrief(store.getState())}”.`)}>
            Download Markdown
          </button>
          <button type="button" className="primary" onClick={() => window.print()} data-autofocus data-testid="brief-print">
            Print…
          </button>
        </div>
      </Dialog>
      {createPortal(
        <article className="bp-print-brief" data-testid="print-brief">
          <BriefBody chunks={chunks} />
          <BriefCharts charts={charts} exportable={false} />
          <p className="print-foot">Brief prepared with Branchpoint on {printedOn}.</p>
        </article>,
        document.body,
      )}
    </>
  );
}

// ---------------------------------------------------------------- compare

function CompareDialog({ onClose, onComparison }: { onClose: () => void; onComparison: (c: Comparison) => void }) {
  const store = useAppStore();
  const [mode, setMode] = useState<'open' | 'two'>('open');
  const [first, setFirst] = useState<File | null>(null);
  const [second, setSecond] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = mode === 'open' ? !!first : !!first && !!second;
  const go = async () => {
    if (!first || (mode === 'two' && !second)) return;
    setBusy(true);
    setError(null);
    const r = mode === 'open' ? await compareWithOpen(first, store.getState()) : await compareTwoFiles(first, second!, store.getState());
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    onComparison(r.comparison);
    onClose();
  };
  return (
    <Dialog title="Compare" testId="compare-dialog" className="snapshot-dialog compare-dialog" onClose={onClose}>
      <fieldset className="compare-mode">
        <legend>What to compare</legend>
        <label>
          <input type="radio" name="compare-mode" checked={mode === 'open'} onChange={() => setMode('open')} data-autofocus data-testid="compare-mode-open" />
          The open scenario with a snapshot file
        </label>
        <label>
          <input type="radio" name="compare-mode" checked={mode === 'two'} onChange={() => setMode('two')} data-testid="compare-mode-two" />
          Two snapshot files
        </label>
      </fieldset>
      <label className="field">
        <span>{mode === 'open' ? 'Snapshot file (the earlier version)' : 'First file (the earlier version)'}</span>
        <input type="file" accept={IMPORT_ACCEPT} onChange={(e) => setFirst(e.currentTarget.files?.[0] ?? null)} data-testid="compare-file-a" />
      </label>
      {mode === 'two' ? (
        <label className="field">
          <span>Second file (the later version)</span>
          <input type="file" accept={IMPORT_ACCEPT} onChange={(e) => setSecond(e.currentTarget.files?.[0] ?? null)} data-testid="compare-file-b" />
        </label>
      ) : null}
      <p className="import-hint">Snapshot files (.json) and pictures exported from Branchpoint (.svg, .png) can be compared. Nothing is changed.</p>
      <DialogError text={error && sentence(error)} testId="compare-error" />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void go()} disabled={!ready || busy} data-testid="compare-submit">
          {busy ? 'Comparing…' : 'Compare'}
        </button>
      </div>
    </Dialog>
  );
}

const CHANGE_LABEL = { added: 'added', removed: 'removed', renamed: 'renamed', changed: 'changed' } as const;
/** Lines listed per group before "and N more". */
const COMPARISON_LINES_MAX = 100;

function ComparisonPanel({ comparison, onClear }: { comparison: Comparison; onClear: () => void }) {
  const store = useAppStore();
  const { label, groups, changed, offTree } = comparison;
  return createPortal(
    <aside className="comparison-panel" aria-labelledby="comparison-title" data-testid="comparison-panel">
      <div className="comparison-head">
        <h2 id="comparison-title">Comparison</h2>
        <button type="button" onClick={onClear} data-testid="comparison-clear">
          Clear comparison
        </button>
      </div>
      <p className="comparison-label">{label}.</p>
      <details open className="comparison-details">
        <summary>{groups.length === 0 ? 'No differences' : 'What changed'}</summary>
        {groups.length === 0 ? (
          <p>The two are the same: no branch, judgement, note or check differs.</p>
        ) : (
          groups.map((g) => (
            <section key={g.category} data-testid={`comparison-group-${g.category}`}>
              <h3>
                {g.heading} <span className="comparison-count">({g.lines.length})</span>
              </h3>
              <ul>
                {g.lines.slice(0, COMPARISON_LINES_MAX).map((l, i) => (
                  <li key={i} className={`comparison-line change-${l.change} layer-${l.layer}`}>
                    {l.text}
                  </li>
                ))}
                {g.lines.length > COMPARISON_LINES_MAX ? <li>and {g.lines.length - COMPARISON_LINES_MAX} more</li> : null}
              </ul>
            </section>
          ))
        )}
        {changed.length > 0 ? (
          <section>
            <h3>Marked on the tree</h3>
            <ul className="comparison-nodes">
              {changed.slice(0, 50).map((c) => (
                <li key={c.id}>
                  <button type="button" onClick={() => store.getState().reveal(c.id, true)} data-testid={`comparison-node-${c.id}`}>
                    <span className={`diff-chip diff-chip-${c.change}`}>{CHANGE_LABEL[c.change]}</span> {c.title}
                  </button>
                </li>
              ))}
              {changed.length > 50 ? <li>and {changed.length - 50} more</li> : null}
            </ul>
          </section>
        ) : null}
        {offTree.length > 0 ? (
          <section data-testid="comparison-off-tree">
            <h3>{offTreeHeading(offTree.length)}</h3>
            <ul className="comparison-off-tree">
              {offTree.slice(0, COMPARISON_LINES_MAX).map((o) => (
                <li key={o.id} data-testid={`comparison-off-${o.id}`}>
                  <span className={`diff-chip diff-chip-${o.change}`}>{CHANGE_LABEL[o.change]}</span> {o.title}{' '}
                  <span className="comparison-place">{placeText(o.parentTitle, o.position, o.of)}</span>
                </li>
              ))}
              {offTree.length > COMPARISON_LINES_MAX ? <li>and {offTree.length - COMPARISON_LINES_MAX} more</li> : null}
            </ul>
          </section>
        ) : null}
      </details>
    </aside>,
    // In the page's flow above the tree (Workspace's slot), so it never covers the branches it marks.
    document.getElementById(COMPARISON_SLOT_ID) ?? document.body,
  );
}

// ---------------------------------------------------------------- the layer

export interface SnapshotLayerProps {
  dialog: DialogState | null;
  comparison: Comparison | null;
  onClose: () => void;
  onImportText: (text: string) => Promise<void>;
  onComparison: (c: Comparison) => void;
  onClearComparison: () => void;
  onStatus: (text: string, tone?: Tone) => void;
  onExportJson: () => void;
}

export default function SnapshotLayer(props: SnapshotLayerProps) {
  const { dialog, comparison, onClose, onImportText, onComparison, onClearComparison, onStatus, onExportJson } = props;
  let body: ReactNode = null;
  if (dialog) {
    switch (dialog.kind) {
      case 'import':
        body = <ImportDialog key={`import-${dialog.id}`} source={dialog.source} result={dialog.result} note={dialog.note} onClose={onClose} onStatus={onStatus} />;
        break;
      case 'paste':
        body = <PasteDialog key="paste" onClose={onClose} onImportText={onImportText} />;
        break;
      case 'share':
        body = <ShareDialog key="share" link={dialog.link} onClose={onClose} />;
        break;
      case 'share-error':
        body = <ShareErrorDialog key="share-error" message={dialog.message} onClose={onClose} onExportJson={onExportJson} />;
        break;
      case 'brief':
        body = <BriefDialog key="brief" markdown={dialog.markdown} onClose={onClose} onStatus={onStatus} />;
        break;
      case 'compare':
        body = <CompareDialog key="compare" onClose={onClose} onComparison={onComparison} />;
        break;
    }
  }
  return (
    <>
      {body}
      {comparison ? <ComparisonPanel comparison={comparison} onClear={onClearComparison} /> : null}
    </>
  );
}
