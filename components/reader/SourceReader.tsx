'use client';
/**
 * The source reader: a panel beside the tree showing one source paragraph by
 * paragraph (¶ N), every quote of the scenario marked in place, and under
 * each paragraph the branches and records that cite it, as buttons that
 * select the branch on the tree. It opens at the paragraph asked for
 * (scrolled to the top of the panel, focused and marked); Escape or Close
 * shuts it and returns focus to where it was. Its state (open, which source,
 * which paragraph) is session state in the store.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { selectIndex, selectReader, selectScenario } from '@/lib/store/selectors';
import type { TreeIndex } from '@/lib/model/tree';
import type { ReaderState } from '@/lib/store/store';
import { sourceParagraphs } from '@/lib/source/text';
import { CITER_KINDS, citationIndex, segments, type Citer, type ParagraphCitations } from '@/lib/source/citations';
import { CITER_LABEL, READER_TEXT, citerTitle, paragraphRef } from '@/lib/messages/reader';
import { commandTestId } from '@/lib/commands/registry';
import './reader.css';

/** The branch a citing record leads to: itself, or the first branch (in outline order) resting on it. */
function branchOf(c: Citer, index: TreeIndex): string | undefined {
  switch (c.kind) {
    case 'nodes':
      return index.byId.has(c.id) ? c.id : undefined;
    case 'assumptions':
      return index.nodesByAssumption.get(c.id)?.[0];
    case 'risks':
      return index.nodesByRisk.get(c.id)?.[0];
    case 'indicators':
      return index.nodesByIndicator.get(c.id)?.[0];
    case 'context':
      return index.preorder.find((n) => n.contextIds.includes(c.id))?.id;
  }
}

export function SourceReader() {
  const reader = useApp(selectReader);
  return reader ? <ReaderPanel reader={reader} /> : null;
}

function ReaderPanel({ reader }: { reader: ReaderState }) {
  const store = useAppStore();
  const scenario = useApp(selectScenario);
  const index = useApp(selectIndex);
  const source = scenario.sources.find((s) => s.id === reader.sourceId);
  const text = source?.text;
  const paragraphs = useMemo(() => sourceParagraphs(text ?? ''), [text]);
  const cites = useMemo(() => citationIndex(scenario, reader.sourceId, paragraphs), [scenario, reader.sourceId, paragraphs]);
  const marked = useMemo(() => [...cites.values()].reduce((n, c) => n + c.quotes.filter((q) => q.spans.length > 0).length, 0), [cites]);
  // Where focus was when the reader opened: it goes back there on close.
  const [returnTo] = useState<Element | null>(() => (typeof document === 'undefined' ? null : document.activeElement));
  const panelRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  // Go to the paragraph asked for (again each time it is asked for).
  useEffect(() => {
    const body = bodyRef.current;
    const panel = panelRef.current;
    if (!body || !panel) return;
    const target = reader.paragraph === null ? null : body.querySelector<HTMLElement>(`[data-paragraph="${reader.paragraph}"]`);
    panel.scrollIntoView({ block: 'nearest' });
    if (target) {
      body.scrollTop = Math.max(0, target.offsetTop - 8);
      target.focus({ preventScroll: true });
    } else {
      closeRef.current?.focus({ preventScroll: true });
    }
  }, [reader.seq, reader.paragraph, reader.sourceId]);

  const close = () => {
    const back = returnTo instanceof HTMLElement && returnTo.isConnected && !panelRef.current?.contains(returnTo) ? returnTo : null;
    (back ?? document.querySelector<HTMLElement>(`[data-testid="${commandTestId('source.reader')}"]`))?.focus();
    store.getState().closeReader();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      close();
    }
  };

  return (
    <aside className="reader" aria-labelledby="reader-title" ref={panelRef} onKeyDown={onKeyDown} data-testid="reader-panel">
      <header className="reader-head">
        <div className="reader-heading">
          <span className="reader-eyebrow">{READER_TEXT.title}</span>
          <h2 id="reader-title">{source?.title ?? READER_TEXT.gone}</h2>
          {source && text ? (
            <p className="reader-meta">
              {READER_TEXT.paragraphs(paragraphs.length)} · {READER_TEXT.quotes(marked)}
            </p>
          ) : null}
        </div>
        <div className="reader-tools">
          {scenario.sources.length > 1 ? (
            <select
              className="reader-source"
              aria-label={READER_TEXT.chooseSource}
              value={reader.sourceId}
              onChange={(e) => store.getState().openReader(e.target.value)}
            >
              {scenario.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" className="reader-close" ref={closeRef} onClick={close} aria-label={READER_TEXT.closeLabel} title={READER_TEXT.closeLabel} data-testid="reader-close">
            ×
          </button>
        </div>
      </header>
      <div className="reader-body" ref={bodyRef}>
        {!source ? null : !text ? (
          <p className="reader-empty">{READER_TEXT.noText}</p>
        ) : (
          <ol className="reader-paras">
            {paragraphs.map((p, i) => (
              <Paragraph
                key={i + 1}
                n={i + 1}
                text={p}
                cites={cites.get(i + 1)}
                target={reader.paragraph === i + 1}
                index={index}
                onSelect={(id) => store.getState().reveal(id, true)}
              />
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}

function Paragraph({
  n,
  text,
  cites,
  target,
  index,
  onSelect,
}: {
  n: number;
  text: string;
  cites: ParagraphCitations | undefined;
  target: boolean;
  index: TreeIndex;
  onSelect: (nodeId: string) => void;
}) {
  const marks = useMemo(() => (cites?.quotes ?? []).flatMap((q) => q.spans.map((s) => ({ ...s, id: q.evidence.id }))), [cites]);
  const pieces = useMemo(() => segments(text, marks), [text, marks]);
  const unmatched = (cites?.quotes ?? []).filter((q) => q.spans.length === 0);
  const citing = (cites?.quotes ?? []).reduce((m, q) => m.set(q.evidence.id, q.citers.length), new Map<string, number>());
  return (
    <li className={`reader-para${target ? ' is-target' : ''}${cites ? ' is-cited' : ''}`} data-paragraph={n} tabIndex={-1}>
      <span className="reader-num">
        {paragraphRef(n)}
      </span>
      <div className="reader-main">
        <p className="reader-text">
          {pieces.map((s) =>
            s.ids.length ? (
              <mark
                key={s.start}
                className={s.ids.length > 1 ? 'overlap' : undefined}
                data-evidence={s.ids.join(' ')}
                title={READER_TEXT.markTitle(s.ids.reduce((k, id) => k + (citing.get(id) ?? 0), 0))}
              >
                {s.text}
              </mark>
            ) : (
              <Fragment key={s.start}>{s.text}</Fragment>
            ),
          )}
        </p>
        {unmatched.length ? (
          <div className="reader-unmatched" data-testid="reader-unmatched">
            <span>{READER_TEXT.notInParagraph}</span>
            {unmatched.map((q) => (
              <q key={q.evidence.id}>{q.evidence.quote}</q>
            ))}
          </div>
        ) : null}
        {cites?.citers.length ? (
          <div className="reader-cites" role="group" aria-label={`${READER_TEXT.citedBy} (${paragraphRef(n)})`}>
            {CITER_KINDS.map((kind) => {
              const of = cites.citers.filter((c) => c.kind === kind);
              if (!of.length) return null;
              return (
                <div key={kind} className={`reader-cite-row chip-${kind}`}>
                  <span className="reader-chip-kind">{CITER_LABEL[kind]}</span>
                  <ul>
                    {of.map((c) => {
                      const branch = branchOf(c, index);
                      return (
                        <li key={c.id}>
                          <button
                            type="button"
                            className="reader-chip"
                            disabled={!branch}
                            title={citerTitle(c.kind, c.label, !!branch)}
                            data-testid={`reader-cite-${c.kind}-${c.id}`}
                            onClick={() => branch && onSelect(branch)}
                          >
                            <span className="visually-hidden">{CITER_LABEL[kind]}: </span>
                            {c.label}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
          </div>
        ) : null}
      </div>
    </li>
  );
}
