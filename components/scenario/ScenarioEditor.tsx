'use client';
/**
 * The Scenario editor (command "scenario.edit"): a dialog with four tabs:
 * the scenario's details (title, question, summary, decision-maker), its
 * sources (pasted or uploaded plain text or Markdown), its actors and its
 * context items. Every change goes through the store (lib/doc/scenario-ops),
 * so it is undoable and saved like any other edit. Loaded on demand.
 */
import { useEffect, useId, useRef, useState, type RefObject, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { Dialog } from '../Dialog';
import { Options } from '../Options';
import { TabList, tabPanelProps } from '../Tabs';
import { ConfirmStrip } from '../inspector/fields';
import { selectActors, selectContext, selectScenario, selectSources } from '@/lib/store/selectors';
import { ACTOR_KINDS, LIMITS, SOURCE_KINDS } from '@/lib/model/constants';
import type { Actor, ActorKind, ContextItem, Source } from '@/lib/model/schema';
import { branchesOf, quotesFrom, removalBlock, type BearingKind, type SourceKind } from '@/lib/doc/scenario-ops';
import { SOURCE_FILE_ACCEPT, checkSourceFile, proposeTitle, readSource } from '@/lib/source-import';
import { ACTOR_KIND_LABEL, EDITOR, SOURCE_KIND_LABEL, sourceRefusalText } from '@/lib/messages/scenario';
import './scenario.css';

type Tab = 'details' | 'sources' | 'actors' | 'context';
const TABS: readonly Tab[] = ['details', 'sources', 'actors', 'context'];

export function ScenarioEditor({ onClose, initialTab = 'details' }: { onClose: () => void; initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab);
  const scenario = useApp(selectScenario);
  const id = useId();
  /** Saves the Details tab's unsaved changes; false when they are refused (the editor stays open). */
  const flush = useRef<(() => boolean) | null>(null);
  const done = () => {
    if (flush.current?.() === false) {
      setTab('details');
      return;
    }
    onClose();
  };
  const counts: Record<Tab, number | null> = {
    details: null,
    sources: scenario.sources.length,
    actors: scenario.actors.length,
    context: scenario.context.length,
  };
  return (
    <Dialog title={EDITOR.title} onClose={onClose} className="scenario-editor" testId="scenario-editor">
      <TabList
        tabs={TABS}
        current={tab}
        onSelect={setTab}
        label={EDITOR.tabsLabel}
        idBase={id}
        className="tabs se-tabs"
        testIdOf={(t) => `se-tab-${t}`}
        autofocus={initialTab}
        labelOf={(t) => (
          <>
            {EDITOR.tabs[t]}
            {counts[t] !== null ? <span className="se-count">{counts[t]}</span> : null}
          </>
        )}
      />
      {TABS.map((t) => (
        <div
          key={t}
          className="se-panel"
          {...tabPanelProps(id, t, tab)}
          data-testid={`se-panel-${t}`}
        >
          {t === 'details' ? <DetailsForm flushRef={flush} /> : tab !== t ? null : t === 'sources' ? <SourcesPanel /> : <BearingPanel kind={t} />}
        </div>
      ))}
      <div className="dialog-actions se-actions">
        <button type="button" onClick={done} data-testid="se-done">
          {EDITOR.done}
        </button>
      </div>
    </Dialog>
  );
}

// ---------------------------------------------------------------- a labelled field with its error

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="se-field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      {hint ? (
        <span id={`${id}-hint`} className="se-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-err`} className="se-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled text input (or, with `rows`, a textarea) with its hint and error. */
/** A labelled select over a closed list of values. */
function SelectField<V extends string>({ id, label, value, values, labels, testId, onChange }: {
  id: string; label: string; value: V; values: readonly V[]; labels: Readonly<Record<V, string>>; testId: string; onChange: (value: V) => void;
}) {
  return (
    <Field id={id} label={label}>
      {(d) => (
        <select id={id} value={value} aria-describedby={d} data-testid={testId} onChange={(e) => onChange(e.target.value as V)}>
          <Options values={values} labels={labels} />
        </select>
      )}
    </Field>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
  max,
  testId,
  rows,
  error,
  hint,
  placeholder,
  inputRef,
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  max?: number;
  testId: string;
  rows?: number;
  error?: string;
  hint?: string;
  placeholder?: string;
  inputRef?: RefObject<HTMLInputElement & HTMLTextAreaElement | null>;
  autoFocus?: boolean;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(d) => {
        const common = {
          ref: inputRef,
          id,
          value,
          maxLength: max,
          placeholder,
          autoFocus,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': d,
          'data-testid': testId,
          onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
        };
        return rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />;
      }}
    </Field>
  );
}

// ---------------------------------------------------------------- details

function DetailsForm({ flushRef }: { flushRef: RefObject<(() => boolean) | null> }) {
  const store = useAppStore();
  const scenario = useApp(selectScenario);
  const [title, setTitle] = useState(scenario.title);
  const [question, setQuestion] = useState(scenario.question);
  const [summary, setSummary] = useState(scenario.summary);
  const [dm, setDm] = useState(scenario.decisionMakerId);
  const [errors, setErrors] = useState<{ title?: string; question?: string }>({});
  const [saved, setSaved] = useState(false);
  // The document changed under the form (undo, redo, a save): the drafts follow it.
  const current = `${scenario.title}\u0000${scenario.question}\u0000${scenario.summary}\u0000${scenario.decisionMakerId}`;
  const [base, setBase] = useState(current);
  if (base !== current) {
    setBase(current);
    setTitle(scenario.title);
    setQuestion(scenario.question);
    setSummary(scenario.summary);
    setDm(scenario.decisionMakerId);
  }
  const id = useId();
  const titleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const questionRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  const dirty = title !== scenario.title || question !== scenario.question || summary !== scenario.summary || dm !== scenario.decisionMakerId;
  const save = (): boolean => {
    const next = { title: title.trim() ? undefined : EDITOR.titleRequired, question: question.trim() ? undefined : EDITOR.questionRequired };
    setErrors(next);
    if (next.title) titleRef.current?.focus();
    else if (next.question) questionRef.current?.focus();
    if (next.title || next.question) return false;
    if (dirty) store.getState().editDetails({ title, question, summary, decisionMakerId: dm });
    setSaved(true);
    return true;
  };
  // "Done" saves what is typed here, as "Save details" does.
  useEffect(() => {
    flushRef.current = () => (dirty ? save() : true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setSaved(false);
  };

  return (
    <form className="se-form" onSubmit={submit} noValidate data-local-edit>
      <TextField id={`${id}-title`} label={EDITOR.fieldTitle} error={errors.title} value={title} max={LIMITS.maxTitleLength} testId="se-title" inputRef={titleRef} onChange={edit(setTitle)} />
      <TextField id={`${id}-q`} label={EDITOR.fieldQuestion} error={errors.question} value={question} rows={2} max={LIMITS.maxTextLength} testId="se-question" inputRef={questionRef} onChange={edit(setQuestion)} />
      <TextField id={`${id}-sum`} label={EDITOR.fieldSummary} hint={EDITOR.summaryHint} value={summary} rows={4} max={LIMITS.maxTextLength} testId="se-summary" onChange={edit(setSummary)} />
      <Field id={`${id}-dm`} label={EDITOR.fieldDecisionMaker} hint={EDITOR.decisionMakerHint}>
        {(d) => (
          <select id={`${id}-dm`} value={dm} aria-describedby={d} data-testid="se-decision-maker" onChange={(e) => edit(setDm)(e.target.value)}>
            {scenario.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="se-form-actions">
        <span className="se-saved" role="status">
          {saved ? EDITOR.detailsSaved : ''}
        </span>
        <button type="submit" className="primary" data-testid="se-save-details">
          {EDITOR.saveDetails}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- sources

/** Paragraphs as evidence counts them: non-empty lines. */
function paragraphCount(text: string | undefined): number {
  if (!text) return 0;
  let n = 0;
  for (const line of text.split('\n')) if (line.trim()) n++;
  return n;
}

function SourcesPanel() {
  const sources = useApp(selectSources);
  const scenario = useApp(selectScenario);
  const store = useAppStore();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  return (
    <div className="se-section">
      <p className="se-intro">{EDITOR.sourcesIntro}</p>
      {sources.length === 0 ? <p className="se-empty">{EDITOR.noSources}</p> : null}
      <ul className="insp-records se-list">
        {sources.map((s) => {
          const quotes = quotesFrom(scenario, s.id).length;
          if (editing === s.id) {
            return (
              <li key={s.id} className="insp-record se-item is-editing">
                <SourceForm initial={s} onDone={() => setEditing(null)} />
              </li>
            );
          }
          return (
            <li key={s.id} className="insp-record se-item" data-testid={`se-source-${s.id}`}>
              <div className="se-item-head">
                <span className="kind-chip se-chip">{SOURCE_KIND_LABEL[s.kind]}</span>
                <span className="se-item-title">{s.title}</span>
                <span className="se-item-actions">
                  <button type="button" className="mini" aria-label={`${EDITOR.edit} “${s.title}”`} onClick={() => setEditing(s.id)} data-testid={`se-edit-source-${s.id}`}>
                    {EDITOR.edit}
                  </button>
                  <button type="button" className="mini danger" aria-label={`${EDITOR.remove} “${s.title}”`} onClick={() => setRemoving(s.id)} data-testid={`se-remove-source-${s.id}`}>
                    {EDITOR.remove}
                  </button>
                </span>
              </div>
              {[s.author, s.publisher, s.published].some(Boolean) ? (
                <p className="se-item-meta">{[s.author, s.publisher, s.published].filter(Boolean).join(' · ')}</p>
              ) : null}
              <p className="se-item-meta">{EDITOR.sourceMeta(paragraphCount(s.text), quotes)}</p>
              {removing === s.id ? (
                <ConfirmStrip
                  message={EDITOR.removeSourceAsk(quotes)}
                  confirmLabel={EDITOR.remove}
                  confirmTestId={`se-confirm-remove-source-${s.id}`}
                  onConfirm={() => {
                    setRemoving(null);
                    store.getState().removeSource(s.id);
                  }}
                  onCancel={() => setRemoving(null)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="se-saved" role="status">
        {status}
      </p>
      {adding ? (
        <div className="se-add-box">
          <h3>{EDITOR.addSource}</h3>
          <SourceForm
            onDone={(title) => {
              setAdding(false);
              if (title) setStatus(EDITOR.sourceAdded(title));
            }}
          />
        </div>
      ) : (
        <button type="button" className="se-add" onClick={() => setAdding(true)} data-testid="se-add-source">
          {EDITOR.addSource}
        </button>
      )}
    </div>
  );
}

function SourceForm({ initial, onDone }: { initial?: Source; onDone: (addedTitle?: string) => void }) {
  const store = useAppStore();
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [titleTouched, setTitleTouched] = useState(!!initial);
  const [kind, setKind] = useState<SourceKind>(initial?.kind ?? 'article');
  const [author, setAuthor] = useState(initial?.author ?? '');
  const [publisher, setPublisher] = useState(initial?.publisher ?? '');
  const [published, setPublished] = useState(initial?.published ?? '');
  const [location, setLocation] = useState(initial?.location ?? '');
  const [text, setText] = useState(initial?.text ?? '');
  const [titleError, setTitleError] = useState('');
  const [textError, setTextError] = useState('');
  const [info, setInfo] = useState('');
  const titleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  const takeText = (raw: string, fileName = '') => {
    const r = readSource(raw, fileName);
    if (!r.ok) {
      setTextError(sourceRefusalText(r.refusal));
      return;
    }
    setTextError('');
    setText(r.text);
    setInfo(EDITOR.textRead(r.text.length, fileName));
    if (!titleTouched || !title.trim()) setTitle(r.title);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const refusal = checkSourceFile(file.name, file.size, file.type);
    if (refusal) {
      setTextError(sourceRefusalText(refusal));
      return;
    }
    takeText(await file.text(), file.name);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body = text;
    if (text.trim()) {
      const r = readSource(text);
      if (!r.ok) {
        setTextError(sourceRefusalText(r.refusal));
        return;
      }
      body = r.text;
    }
    if (!title.trim()) {
      setTitleError(EDITOR.sourceTitleRequired);
      titleRef.current?.focus();
      return;
    }
    const input = { title, kind, author, publisher, published, location, text: body };
    if (initial) {
      store.getState().editSource(initial.id, input);
      onDone();
    } else if (store.getState().addSource(input)) onDone(title.trim());
  };

  const text1 = (key: string, label: string, value: string, set: (v: string) => void, max: number, extra: { placeholder?: string; hint?: string } = {}) => (
    <TextField id={`${id}-${key}`} label={label} value={value} max={max} testId={`se-source-${key}`} onChange={set} {...extra} />
  );

  return (
    <form className="se-form" onSubmit={submit} noValidate aria-label={initial ? EDITOR.editSource : EDITOR.addSource} data-local-edit>
      <div className="se-grid">
        <TextField
          id={`${id}-title`}
          label={EDITOR.fieldSourceTitle}
          error={titleError}
          value={title}
          max={LIMITS.maxTitleLength}
          testId="se-source-title"
          inputRef={titleRef}
          autoFocus
          onChange={(v) => {
            setTitle(v);
            setTitleTouched(true);
            setTitleError('');
          }}
        />
        <SelectField id={`${id}-kind`} label={EDITOR.fieldSourceKind} value={kind} values={SOURCE_KINDS} labels={SOURCE_KIND_LABEL} testId="se-source-kind" onChange={setKind} />
      </div>
      <div className="se-grid three">
        {text1('author', EDITOR.fieldAuthor, author, setAuthor, LIMITS.maxTitleLength)}
        {text1('publisher', EDITOR.fieldPublisher, publisher, setPublisher, LIMITS.maxTitleLength)}
        {text1('published', EDITOR.fieldPublished, published, setPublished, 40, { placeholder: EDITOR.publishedPlaceholder })}
      </div>
      {text1('location', EDITOR.fieldLocation, location, setLocation, 1_000, { hint: EDITOR.locationHint })}
      <div className="se-upload-row">
        <label className="se-upload">
          <span>{EDITOR.upload}</span>
          <input type="file" accept={SOURCE_FILE_ACCEPT} data-testid="se-source-file" onChange={(e) => void onFile(e)} />
        </label>
        <span className="se-hint" role="status">
          {info}
        </span>
      </div>
      <TextField
        id={`${id}-text`}
        label={EDITOR.fieldText}
        error={textError}
        value={text}
        rows={7}
        placeholder={EDITOR.textPlaceholder}
        testId="se-source-text"
        onChange={(v) => {
          setText(v);
          setTextError('');
          setInfo('');
          if (!titleTouched) setTitle(proposeTitle(v));
        }}
      />
      <div className="se-form-actions">
        <button type="button" onClick={() => onDone()} data-testid="se-source-cancel">
          {EDITOR.cancel}
        </button>
        <button type="submit" className="primary" data-testid="se-source-save">
          {initial ? EDITOR.save : EDITOR.add}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- actors and context items

type BearingRecord = Actor | ContextItem;
const nameOf = (r: BearingRecord) => ('name' in r ? r.name : r.title);

function BearingPanel({ kind }: { kind: BearingKind }) {
  const actors = useApp(selectActors);
  const context = useApp(selectContext);
  const scenario = useApp(selectScenario);
  const store = useAppStore();
  const list: readonly BearingRecord[] = kind === 'actors' ? actors : context;
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const one = kind === 'actors' ? 'actor' : 'context';
  return (
    <div className="se-section">
      <p className="se-intro">{kind === 'actors' ? EDITOR.actorsIntro : EDITOR.contextIntro}</p>
      {list.length === 0 ? <p className="se-empty">{kind === 'actors' ? EDITOR.noActors : EDITOR.noContext}</p> : null}
      <ul className="insp-records se-list">
        {list.map((r) => {
          const name = nameOf(r);
          if (editing === r.id) {
            return (
              <li key={r.id} className="insp-record se-item is-editing">
                <BearingForm kind={kind} initial={r} onDone={() => setEditing(null)} />
              </li>
            );
          }
          const branches = branchesOf(scenario, kind, r.id).length;
          const block = removalBlock(scenario, kind, r.id);
          return (
            <li key={r.id} className={`insp-record se-item se-${one}`} data-testid={`se-${one}-${r.id}`}>
              <div className="se-item-head">
                {'kind' in r ? <span className="kind-chip se-chip">{ACTOR_KIND_LABEL[r.kind]}</span> : null}
                <span className="se-item-title">{name}</span>
                {block ? <span className="se-badge">{EDITOR.decisionMakerBadge}</span> : null}
                <span className="se-item-actions">
                  <button type="button" className="mini" aria-label={`${EDITOR.edit} “${name}”`} onClick={() => setEditing(r.id)} data-testid={`se-edit-${one}-${r.id}`}>
                    {EDITOR.edit}
                  </button>
                  <button
                    type="button"
                    className="mini danger"
                    aria-label={`${EDITOR.remove} “${name}”`}
                    disabled={!!block}
                    title={block ? EDITOR.cannotRemoveDecisionMaker : undefined}
                    onClick={() => setRemoving(r.id)}
                    data-testid={`se-remove-${one}-${r.id}`}
                  >
                    {EDITOR.remove}
                  </button>
                </span>
              </div>
              {r.description ? <p className="se-item-desc">{r.description}</p> : null}
              <p className="se-item-meta">{EDITOR.bearsOn(branches)}</p>
              {removing === r.id ? (
                <ConfirmStrip
                  message={EDITOR.removeBearingAsk(kind, branches)}
                  confirmLabel={EDITOR.remove}
                  confirmTestId={`se-confirm-remove-${one}-${r.id}`}
                  onConfirm={() => {
                    setRemoving(null);
                    store.getState().removeBearing(kind, r.id);
                  }}
                  onCancel={() => setRemoving(null)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {adding ? (
        <div className="se-add-box">
          <h3>{kind === 'actors' ? EDITOR.addActor : EDITOR.addContext}</h3>
          <BearingForm kind={kind} onDone={() => setAdding(false)} />
        </div>
      ) : (
        <button type="button" className="se-add" onClick={() => setAdding(true)} data-testid={`se-add-${one}`}>
          {kind === 'actors' ? EDITOR.addActor : EDITOR.addContext}
        </button>
      )}
    </div>
  );
}

function BearingForm({ kind, initial, onDone }: { kind: BearingKind; initial?: BearingRecord; onDone: () => void }) {
  const store = useAppStore();
  const id = useId();
  const one = kind === 'actors' ? 'actor' : 'context';
  const [name, setName] = useState(initial ? nameOf(initial) : '');
  const [actorKind, setActorKind] = useState<ActorKind>(initial && 'kind' in initial ? initial.kind : 'other');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [error, setError] = useState('');
  const nameRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(kind === 'actors' ? EDITOR.nameRequired : EDITOR.contextTitleRequired);
      nameRef.current?.focus();
      return;
    }
    const s = store.getState();
    if (kind === 'actors') {
      const input = { name, kind: actorKind, description };
      if (initial) s.editBearing('actors', initial.id, input);
      else s.addBearing('actors', input);
    } else {
      const input = { title: name, description };
      if (initial) s.editBearing('context', initial.id, input);
      else s.addBearing('context', input);
    }
    onDone();
  };
  return (
    <form
      className="se-form"
      onSubmit={submit}
      noValidate
      data-local-edit
      aria-label={initial ? (kind === 'actors' ? EDITOR.editActor : EDITOR.editContext) : kind === 'actors' ? EDITOR.addActor : EDITOR.addContext}
    >
      <div className={kind === 'actors' ? 'se-grid' : undefined}>
        <TextField
          id={`${id}-name`}
          label={kind === 'actors' ? EDITOR.fieldName : EDITOR.fieldContextTitle}
          error={error}
          value={name}
          max={LIMITS.maxTitleLength}
          testId={`se-${one}-name`}
          inputRef={nameRef}
          autoFocus
          onChange={(v) => {
            setName(v);
            setError('');
          }}
        />
        {kind === 'actors' ? (
          <SelectField id={`${id}-kind`} label={EDITOR.fieldActorKind} value={actorKind} values={ACTOR_KINDS} labels={ACTOR_KIND_LABEL} testId="se-actor-kind" onChange={setActorKind} />
        ) : null}
      </div>
      <TextField
        id={`${id}-desc`}
        label={EDITOR.fieldDescription}
        value={description}
        rows={3}
        max={LIMITS.maxTextLength}
        testId={`se-${one}-description`}
        onChange={setDescription}
      />
      <div className="se-form-actions">
        <button type="button" onClick={onDone}>
          {EDITOR.cancel}
        </button>
        <button type="submit" className="primary" data-testid={`se-${one}-save`}>
          {initial ? EDITOR.save : EDITOR.add}
        </button>
      </div>
    </form>
  );
}
