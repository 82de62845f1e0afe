'use client';
/**
 * Small building blocks shared by the inspector panels: collapsible sections,
 * an in-place text editor, an inline confirmation, tag chips, node links and
 * the "last changed" stamp. All user text is rendered as React text.
 */
import { createContext, useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { selectById } from '@/lib/store/selectors';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import type { Choice } from '@/lib/annotations/vocab';
import { KIND_LABEL } from '@/lib/messages/card';
import { Options } from '../Options';
import { countOf, digits } from '@/lib/messages/count';

// ---------------------------------------------------------------- text helpers

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** "1 branch", "2,000 branches" (the one definition is `countOf`). */
export const plural = countOf;

// Made on first use: the first Intl.DateTimeFormat of a page loads its locale data (35-85 ms here), which must not
// land in the first screen's module evaluation when no date is shown.
let when: Intl.DateTimeFormat | undefined;

/**
 * Times already formatted, by the minute they show: a stamp written at every key typed in a note is formatted once
 * a minute, not once a key. A UTC stamp (`toISOString`) is kept by its minute (every time zone is whole minutes
 * from UTC), any other string whole.
 */
const formatted = new Map<string, string>();
const UTC_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function formatWhen(iso: string): string {
  const key = UTC_STAMP.test(iso) ? iso.slice(0, 16) : iso;
  let text = formatted.get(key);
  if (text !== undefined) return text;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  when ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  text = when.format(d);
  if (formatted.size >= 1000) formatted.clear();
  formatted.set(key, text);
  return text;
}

/** Today's local date as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function LastChanged({ at, label = 'Last changed' }: { at: string | undefined; label?: string }) {
  if (!at) return null;
  return (
    <span className="insp-stamp">
      {label} <time dateTime={at}>{formatWhen(at)}</time>
    </span>
  );
}

// ---------------------------------------------------------------- form fields

/** What every labelled field takes. */
interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}

/** A labelled select over a vocabulary. `empty` adds a first option with the value ''. */
export function ChoiceField<V extends string>({
  id,
  choice,
  value,
  onChange,
  testId,
  className,
  describedBy,
}: Omit<FieldProps, 'label'> & { choice: Choice<V>; className?: string; describedBy?: string }) {
  return (
    <div className="insp-field">
      <label htmlFor={id}>{choice.label}</label>
      <select id={id} className={className} value={value} title={choice.title} data-testid={testId} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {choice.empty !== undefined ? <option value="">{choice.empty}</option> : null}
        <Options values={choice.values} labels={choice.labels} />
      </select>
    </div>
  );
}

/** A one-line text input whose label is read by screen readers only (the placeholder shows what it is for). */
export function QuietInput({ id, label, value, maxLength, placeholder, testId, onChange }: FieldProps & { maxLength: number; placeholder: string }) {
  return (
    <>
      <label htmlFor={id} className="visually-hidden">{label}</label>
      <input id={id} type="text" value={value} maxLength={maxLength} placeholder={placeholder} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
    </>
  );
}

/** A labelled, auto-growing textarea for the analyst's free text, with an optional "last changed" stamp. */
export function NoteField({
  id,
  label,
  value,
  onChange,
  placeholder,
  testId,
  stamp,
  rows = 1,
  maxLength = ANNOTATION_LIMITS.maxNote,
}: FieldProps & { placeholder?: string; stamp?: string; rows?: number; maxLength?: number }) {
  return (
    <div className="insp-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="autogrow"
        rows={rows}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      {stamp !== undefined ? <LastChanged at={stamp} /> : null}
    </div>
  );
}

/**
 * An "Edit" toggle for an in-place editor: when the editor closes, focus
 * returns to the button that opened it (put `buttonRef` on that button).
 */
export function useEditing() {
  const [editing, setEditing] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      buttonRef.current?.focus();
    }
  }, [editing]);
  const close = () => {
    refocus.current = true;
    setEditing(false);
  };
  return { editing, setEditing, close, buttonRef };
}

// ---------------------------------------------------------------- sections

/**
 * True while the inspector is view only (a viewer in a shared room): its
 * fields are disabled, but for the discussion, where a viewer may comment
 * (the sync server lets a viewer's comments through and nothing else).
 */
export const InspectorLock = createContext(false);

/** Fields disabled while the inspector is view only (`open`: never, as the discussion's). */
export function LockedFields({ name, open = false, children }: { name: string; open?: boolean; children: ReactNode }) {
  const locked = useContext(InspectorLock) && !open;
  return (
    <fieldset className="insp-fieldset" disabled={locked} data-testid={`fields-${name}`}>
      {children}
    </fieldset>
  );
}

export function Section({
  id,
  title,
  count,
  open,
  onToggle,
  openToViewers = false,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  open: boolean;
  onToggle: (id: string) => void;
  /** Its fields stay enabled for a viewer (the discussion). */
  openToViewers?: boolean;
  children: ReactNode;
}) {
  const headId = `insp-${id}-head`;
  const panelId = `insp-${id}-panel`;
  return (
    <section className={`insp-section insp-section-${id}`} aria-labelledby={headId}>
      <h3 className="insp-section-head">
        <button type="button" id={headId} aria-expanded={open} aria-controls={panelId} onClick={() => onToggle(id)} data-testid={`section-${id}`}>
          <span className="insp-chevron" aria-hidden="true" />
          <span className="insp-section-title">{title}</span>
          {count !== undefined ? <span className="insp-count">{digits(count)}</span> : null}
        </button>
      </h3>
      <div id={panelId} className="insp-section-body" hidden={!open}>
        {open ? (
          <LockedFields name={id} open={openToViewers}>
            {children}
          </LockedFields>
        ) : null}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------- in-place editor

/**
 * A text input (or textarea) that edits a draft. Enter commits (Shift+Enter
 * makes a new line in a textarea), blur commits, Escape cancels.
 */
export function DraftEditor({
  initial,
  label,
  multiline = false,
  maxLength,
  testId,
  className,
  onCommit,
  onCancel,
}: {
  initial: string;
  label: string;
  multiline?: boolean;
  maxLength?: number;
  testId?: string;
  className?: string;
  onCommit: (value: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const done = useRef(false);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.select();
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && draft.trim() && draft !== initial) onCommit(draft);
    else onCancel();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      finish(false);
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      finish(true);
    }
  };
  const common = {
    ref,
    value: draft,
    'aria-label': label,
    maxLength,
    'data-testid': testId,
    className: `insp-draft ${className ?? ''}`,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown,
    onBlur: () => finish(true),
  };
  return multiline ? <textarea rows={2} {...common} /> : <input type="text" {...common} />;
}

// ---------------------------------------------------------------- confirmation

/** An inline "are you sure" strip: never window.confirm. Focuses Cancel when it opens. */
export function ConfirmStrip({
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  confirmTestId,
  cancelTestId,
}: {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  confirmTestId?: string;
  cancelTestId?: string;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const msgId = useId();
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="insp-confirm"
      role="group"
      aria-labelledby={msgId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <span id={msgId} className="insp-confirm-msg">
        {message}
      </span>
      <span className="insp-confirm-actions">
        <button type="button" className="danger-solid" onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel} data-testid={cancelTestId}>
          Cancel
        </button>
      </span>
    </div>
  );
}

// ---------------------------------------------------------------- node links

/** A button naming a branch (its kind as a coloured dot), e.g. to reveal it in the tree. */
export function NodeButton({ node, label = node.title, onClick, extra }: { node: Pick<ScenarioNode, 'id' | 'kind' | 'title'>; label?: string; onClick: () => void; extra?: Record<`data-${string}`, string> }) {
  return (
    <button type="button" className="linkish" data-node-id={node.id} title={`${KIND_LABEL[node.kind]}: ${node.title}`} onClick={onClick} {...extra}>
      <span className={`kind-dot kind-${node.kind}`} aria-hidden="true" />
      {label}
    </button>
  );
}

/** Buttons that reveal other branches in the tree; long lists are folded. */
export function NodeLinks({ ids, label, testId, limit = 10 }: { ids: readonly string[]; label: string; testId?: string; limit?: number }) {
  const byId = useApp(selectById);
  const store = useAppStore();
  const [all, setAll] = useState(false);
  if (ids.length === 0) return null;
  const shown = all ? ids : ids.slice(0, limit);
  return (
    <div className="insp-links" data-testid={testId}>
      <span className="insp-links-label">{label}</span>
      <ul>
        {shown.flatMap((id) => byId.get(id) ?? []).map((n) => (
          <li key={n.id}>
            <NodeButton node={n} label={truncate(n.title, 70)} onClick={() => store.getState().reveal(n.id, true)} />
          </li>
        ))}
        {ids.length > shown.length ? (
          <li>
            <button type="button" className="linkish muted" onClick={() => setAll(true)}>
              and {ids.length - shown.length} more…
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------- tags

export function TagInput({
  tags,
  onChange,
  max,
  maxLength,
  label,
}: {
  tags: readonly string[];
  onChange: (next: string[]) => void;
  max: number;
  maxLength: number;
  label: string;
}) {
  const [text, setText] = useState('');
  const inputId = useId();
  const hintId = useId();
  const full = tags.length >= max;

  const add = (raw: string) => {
    const next = [...tags];
    const seen = new Set(next.map((t) => t.toLocaleLowerCase()));
    for (const part of raw.split(',')) {
      const t = part.replace(/\s+/g, ' ').trim().slice(0, maxLength).trim();
      if (!t || seen.has(t.toLocaleLowerCase()) || next.length >= max) continue;
      seen.add(t.toLocaleLowerCase());
      next.push(t);
    }
    if (next.length !== tags.length) onChange(next);
  };
  const remove = (t: string) => onChange(tags.filter((x) => x !== t));

  return (
    <div className="insp-field">
      <label htmlFor={inputId}>{label}</label>
      <div className="tag-box">
        {tags.length > 0 ? (
          <ul className="tag-list" aria-label="Tags">
            {tags.map((t) => (
              <li key={t} className="tag-chip" data-testid="tag">
                <span>{t}</span>
                <button type="button" aria-label={`Remove tag ${t}`} onClick={() => remove(t)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={inputId}
          type="text"
          value={text}
          disabled={full}
          maxLength={maxLength * 4}
          aria-describedby={hintId}
          placeholder={full ? `${max} tags at most` : 'Add a tag…'}
          data-testid="tag-input"
          onChange={(e) => {
            const v = e.target.value;
            const cut = v.lastIndexOf(',');
            if (cut >= 0) {
              add(v.slice(0, cut));
              setText(v.slice(cut + 1));
            } else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              if (text.trim()) add(text);
              setText('');
            } else if (e.key === 'Backspace' && text === '' && tags.length > 0) {
              e.preventDefault();
              remove(tags[tags.length - 1]!);
            }
          }}
          onBlur={() => {
            if (text.trim()) add(text);
            setText('');
          }}
        />
      </div>
      <span id={hintId} className="insp-hint">
        Enter or comma adds a tag; {tags.length}/{max}.
      </span>
    </div>
  );
}
