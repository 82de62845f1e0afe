'use client';
/**
 * Evidence quotes (“quote” (¶ N)) cited by a branch, assumption, risk or
 * indicator, with edit / remove, and a form to cite a new quote.
 */
import { TalkDisclosure } from '../team/Threads';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { annotationOf, selectEvidence, selectSources } from '@/lib/store/selectors';
import { CREDIBILITIES, CREDIBILITY_LABEL, type Credibility } from '@/lib/annotations/vocab';
import type { EvidenceTarget } from '@/lib/doc/ops';
import { LIMITS } from '@/lib/model/constants';
import { DIRECTION_WORDS, RELIABILITY_WORDS } from '@/lib/messages/kac';
import { checkQuote, settleQuote } from '@/lib/source/match';
import { ParaLink } from '../reader/ParaLink';
import { QuoteCheckNote, QuoteFlag } from '../reader/QuoteCheck';


function targetKey(t: EvidenceTarget): string {
  return `${t.kind}-${t.id}`;
}

export function EvidenceList({
  target,
  ids,
  undermining,
  emptyText,
}: {
  target: EvidenceTarget;
  ids: readonly string[];
  /** The quotes among `ids` that undermine the record (the others support it). */
  undermining: readonly string[];
  emptyText?: string;
}) {
  const evidence = useApp(selectEvidence);
  const sources = useApp(selectSources);
  const byId = useMemo(() => new Map(evidence.map((e) => [e.id, e] as const)), [evidence]);
  const sourceTitle = useMemo(() => new Map(sources.map((s) => [s.id, s.title] as const)), [sources]);
  const [editing, setEditing] = useState<string | null>(null);
  const store = useAppStore();

  const quotes = ids.map((id) => byId.get(id)).filter((e) => e !== undefined);
  const against = useMemo(() => new Set(undermining), [undermining]);
  return (
    <div className="insp-evidence" data-testid={`evidence-${targetKey(target)}`}>
      {quotes.length === 0 ? (
        emptyText ? <p className="insp-empty">{emptyText}</p> : null
      ) : (
        <ul className="insp-quotes">
          {quotes.map((e) =>
            editing === e.id ? (
              <li key={e.id} className="insp-quote editing">
                <EvidenceForm
                  initial={{ quote: e.quote, paragraph: e.paragraph, sourceId: e.sourceId }}
                  showSource={false}
                  submitLabel="Save quote"
                  onSubmit={(v) => {
                    store.getState().editEvidence(e.id, { quote: v.quote, paragraph: v.paragraph });
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={e.id} className={`insp-quote${against.has(e.id) ? ' undermines' : ''}`} data-testid={`quote-${e.id}`}>
                <span className="insp-quote-text">
                  <Grade id={e.id} sourceId={e.sourceId} />{' '}
                  <q>{e.quote}</q> <ParaLink sourceId={e.sourceId} paragraph={e.paragraph} onOpen={() => store.getState().openReader(e.sourceId, e.paragraph)} />
                  <QuoteFlag sourceId={e.sourceId} quote={e.quote} paragraph={e.paragraph} />
                  {sources.length > 1 ? <span className="insp-source"> {sourceTitle.get(e.sourceId) ?? e.sourceId}</span> : null}
                </span>
                <span className="insp-row-actions">
                  <DirectionSelect target={target} id={e.id} paragraph={e.paragraph} undermines={against.has(e.id)} />
                  <CredibilitySelect id={e.id} paragraph={e.paragraph} />
                  <button type="button" className="mini" aria-label={`Edit quote ¶ ${e.paragraph}`} onClick={() => setEditing(e.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="mini danger"
                    aria-label={`Remove quote ¶ ${e.paragraph}`}
                    data-testid={`remove-quote-${e.id}`}
                    onClick={() => store.getState().unlinkEvidence(target, e.id)}
                  >
                    Remove
                  </button>
                </span>
                <TalkDisclosure target={{ kind: 'evidence', id: e.id }} />
              </li>
            ),
          )}
        </ul>
      )}
      <AddEvidence target={target} />
    </div>
  );
}

/** Whether a quote supports or undermines what cites it: a property of the link, not of the quote. */
function DirectionSelect({ target, id, paragraph, undermines }: { target: EvidenceTarget; id: string; paragraph: number; undermines: boolean }) {
  const store = useAppStore();
  const fid = useId();
  return (
    <>
      <label htmlFor={fid} className="visually-hidden">
        {DIRECTION_WORDS.label(paragraph)}
      </label>
      <select
        id={fid}
        className={`mini-select direction-${undermines ? 'against' : 'for'}`}
        value={undermines ? 'undermines' : 'supports'}
        data-testid={`direction-${id}`}
        onChange={(ev) => store.getState().setEvidenceDirection(target, id, ev.target.value === 'undermines')}
      >
        <option value="supports">{DIRECTION_WORDS.supports}</option>
        <option value="undermines">{DIRECTION_WORDS.undermines}</option>
      </select>
    </>
  );
}

/** The quote's Admiralty grade once either part is graded: its source's reliability and its own credibility ("B2"; "?" for the part not graded). */
function Grade({ id, sourceId }: { id: string; sourceId: string }) {
  const evSel = useMemo(() => annotationOf('evidence', id), [id]);
  const srcSel = useMemo(() => annotationOf('sources', sourceId), [sourceId]);
  const credibility = useApp(evSel)?.credibility ?? null;
  const reliability = useApp(srcSel)?.reliability ?? null;
  if (reliability === null && credibility === null) return null;
  return (
    <span className="admiralty" title={RELIABILITY_WORDS.gradeTitle} data-testid={`grade-${id}`}>
      {RELIABILITY_WORDS.grade(reliability, credibility)}
    </span>
  );
}

/** The analyst's grade of a quote's credibility (Admiralty 1-6); one value per quote, wherever it is cited. */
function CredibilitySelect({ id, paragraph }: { id: string; paragraph: number }) {
  const sel = useMemo(() => annotationOf('evidence', id), [id]);
  const ann = useApp(sel);
  const store = useAppStore();
  const fid = useId();
  return (
    <>
      <label htmlFor={fid} className="visually-hidden">
        Credibility of the quote at ¶ {paragraph}
      </label>
      <select
        id={fid}
        className="mini-select"
        value={ann?.credibility ?? ''}
        title="Credibility (Admiralty scale): 1 confirmed … 6 cannot be judged"
        data-testid={`credibility-${id}`}
        onChange={(ev) => store.getState().annotate('evidence', id, { credibility: ev.target.value ? (ev.target.value as Credibility) : null })}
      >
        <option value="">Credibility: not graded</option>
        {CREDIBILITIES.map((c) => (
          <option key={c} value={c}>
            {c} – {CREDIBILITY_LABEL[c]}
          </option>
        ))}
      </select>
    </>
  );
}

function AddEvidence({ target }: { target: EvidenceTarget }) {
  const [open, setOpen] = useState(false);
  const sources = useApp(selectSources);
  const store = useAppStore();
  if (!open) {
    return (
      <button
        type="button"
        className="mini add"
        data-testid={`add-evidence-${targetKey(target)}`}
        aria-label={`Add a quote to this ${target.kind === 'node' ? 'branch' : target.kind}`}
        onClick={() => setOpen(true)}
      >
        + Quote
      </button>
    );
  }
  if (sources.length === 0) {
    return (
      <p className="insp-empty">
        This scenario has no sources to quote from.{' '}
        <button type="button" className="mini" onClick={() => setOpen(false)}>
          Close
        </button>
      </p>
    );
  }
  return (
    <EvidenceForm
      initial={{ quote: '', paragraph: 1, sourceId: sources[0]!.id }}
      showSource
      submitLabel="Add quote"
      onSubmit={(v) => {
        const id = store.getState().addEvidence(target, v);
        if (id) setOpen(false);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}

function EvidenceForm({
  initial,
  showSource,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: { quote: string; paragraph: number; sourceId: string };
  showSource: boolean;
  submitLabel: string;
  onSubmit: (v: { quote: string; paragraph: number; sourceId: string }) => void;
  onCancel: () => void;
}) {
  const sources = useApp(selectSources);
  const [quote, setQuote] = useState(initial.quote);
  const [paragraph, setParagraph] = useState(String(initial.paragraph));
  const [sourceId, setSourceId] = useState(initial.sourceId);
  const [error, setError] = useState('');
  const id = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = Number(paragraph);
    if (!quote.trim()) return setError('The quote must not be empty.');
    if (!Number.isInteger(p) || p < 1 || p > 100_000) return setError('The paragraph must be a whole number, 1 or more.');
    setError('');
    // A quote found in the source is saved in its own words and paragraph; any other as written (and flagged).
    onSubmit({ ...settleQuote(checkQuote(sources.find((s) => s.id === sourceId)?.text, quote, p), quote, p), sourceId });
  };

  return (
    <form
      className="insp-form evidence-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="insp-field">
        <label htmlFor={`${id}-q`}>Quote (verbatim)</label>
        <textarea
          id={`${id}-q`}
          rows={2}
          value={quote}
          maxLength={LIMITS.maxQuoteLength}
          data-testid="evidence-quote-input"
          autoFocus
          onChange={(e) => setQuote(e.target.value)}
        />
      </div>
      <QuoteCheckNote
        sourceId={sourceId}
        quote={quote}
        paragraph={Number.isInteger(Number(paragraph)) && Number(paragraph) >= 1 ? Number(paragraph) : undefined}
        onUse={(q, p) => {
          setQuote(q);
          setParagraph(String(p));
        }}
      />
      <div className="insp-inline">
        <div className="insp-field narrow">
          <label htmlFor={`${id}-p`}>Paragraph ¶</label>
          <input
            id={`${id}-p`}
            type="number"
            min={1}
            max={100000}
            step={1}
            value={paragraph}
            data-testid="evidence-paragraph-input"
            onChange={(e) => setParagraph(e.target.value)}
          />
        </div>
        {showSource ? (
          <div className="insp-field grow">
            <label htmlFor={`${id}-s`}>Source</label>
            <select id={`${id}-s`} value={sourceId} data-testid="evidence-source-select" onChange={(e) => setSourceId(e.target.value)}>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title.length > 70 ? `${s.title.slice(0, 69)}…` : s.title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {error ? (
        <p className="insp-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="insp-form-actions">
        <button type="submit" className="primary" data-testid="evidence-save">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
