'use client';
/**
 * The shared records a branch rests on: assumptions (with their Key
 * Assumptions Check status, which belongs to the assumption and so shows on
 * every branch that rests on it), risks and indicators. Each with edit,
 * unlink (from this branch), delete (everywhere), links to the other branches
 * that use it, and its evidence quotes.
 */
import { TalkDisclosure } from '../team/Threads';
import { memo, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { LIMITS, type Severity } from '@/lib/model/constants';
import type { Assumption, Indicator, Risk, ScenarioNode } from '@/lib/model/schema';
import { own, type AnnotationOf, type AnnotationPatch } from '@/lib/records';
import type { SharedKind } from '@/lib/doc/ops';
import { sideOf, weakenedSide, type Side } from '@/lib/doc/affected';
import { PREMISE_WORDS } from '@/lib/messages/kac';
import { isFutureDate, isIsoDate } from '@/lib/records/dates';
import {
  CHOICES,
  type AssumptionStatus,
  type IndicatorState,
  type Choice,
} from '@/lib/annotations/vocab';
import { selectAnnotationsOf, selectIndex, selectRecords } from '@/lib/store/selectors';
import type { AppState } from '@/lib/store/store';
import { EvidenceList } from './Evidence';
import { cadenceChoice } from '@/lib/watchlist';
import { cadenceLabel } from '@/lib/messages/watchlist';
import { RECORD_PANEL_WORDS, RECORD_TEXT_WORDS, type TextFieldWords } from '@/lib/messages/records';
import { Options } from '../Options';
import { useMe } from '../sync/SyncProvider';
import { TeamOnRecord } from '../team/TeamJudgements';
import { ChoiceField, ConfirmStrip, QuietInput, DraftEditor, LastChanged, NodeLinks, NoteField, plural, todayIso, truncate, useEditing } from './fields';

/** The singular word of each shared kind, as used in labels and test ids. */
type RecordKind = 'assumption' | 'risk' | 'indicator';

/** At most this many records are offered in a "link existing" list. */
const LINK_OPTIONS_MAX = 2000;


function useById<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  return useMemo(() => new Map(list.map((x) => [x.id, x] as const)), [list]);
}

// ---------------------------------------------------------------- one record

function RecordCard({
  kind,
  id,
  statement,
  nodeId,
  users,
  evidenceIds,
  underminingIds,
  alsoLabel,
  alsoTestId,
  className,
  badge,
  onEdit,
  onUnlink,
  onDelete,
  children,
}: {
  kind: RecordKind;
  id: string;
  statement: string;
  nodeId: string;
  users: readonly string[];
  evidenceIds: readonly string[];
  underminingIds: readonly string[];
  alsoLabel: string;
  alsoTestId: string;
  className?: string;
  badge?: ReactNode;
  onEdit: (statement: string) => void;
  onUnlink: () => void;
  onDelete: () => void;
  children: ReactNode;
}) {
  const { editing, setEditing, close, buttonRef: editRef } = useEditing();
  const [confirming, setConfirming] = useState(false);
  const others = useMemo(() => users.filter((x) => x !== nodeId), [users, nodeId]);

  return (
    <li className={`insp-record record-${kind}${className ? ` ${className}` : ''}`} data-testid={`${kind}-${id}`}>
      <div className="record-head">
        <div className="record-actions">
          <button
            type="button"
            ref={editRef}
            className="mini"
            aria-label={`Edit ${kind}`}
            data-testid={`edit-${kind}-${id}`}
            disabled={editing}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            className="mini"
            aria-label={`Unlink ${kind} from this branch`}
            title={`Remove from this branch only; it stays on ${plural(others.length, 'other branch', 'other branches')}`}
            data-testid={`unlink-${kind}-${id}`}
            onClick={onUnlink}
          >
            Unlink
          </button>
          <button
            type="button"
            className="mini danger"
            aria-label={`Delete ${kind} everywhere`}
            data-testid={`delete-${kind}-${id}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </div>
        {editing ? (
          <DraftEditor
            initial={statement}
            label={`Statement of the ${kind}`}
            multiline
            maxLength={LIMITS.maxTextLength}
            testId={`${kind}-statement-input-${id}`}
            onCommit={(v) => {
              onEdit(v);
              close();
            }}
            onCancel={close}
          />
        ) : (
          <p className="record-statement">
            {badge}
            {statement}
          </p>
        )}
      </div>
      {confirming ? (
        <ConfirmStrip
          message={
            users.length > 1
              ? `Delete this ${kind} from all ${users.length} branches that use it?`
              : `Delete this ${kind} from the scenario?`
          }
          confirmLabel="Delete"
          confirmTestId={`confirm-delete-${kind}-${id}`}
          onConfirm={onDelete}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {children}
      <NodeLinks ids={others} label={alsoLabel} testId={alsoTestId} />
      <EvidenceList target={{ kind, id }} ids={evidenceIds} undermining={underminingIds} />
      {kind === 'assumption' ? <TalkDisclosure target={{ kind: 'assumption', id }} /> : null}
    </li>
  );
}

// ---------------------------------------------------------------- add / link

/**
 * Adding a record, or linking one the branch lacks (a list of up to LINK_OPTIONS_MAX). Kept while its props are the
 * same: the panel renders again at every key typed in a note, and this list would be compared again with it.
 */
const AddRecord = memo(function AddRecord({
  sharedKind,
  nodeId,
  all,
  linked,
}: {
  sharedKind: SharedKind;
  nodeId: string;
  all: ReadonlyArray<{ id: string; statement: string }>;
  linked: readonly string[];
}) {
  const store = useAppStore();
  const kind = PANELS[sharedKind].one;
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [pick, setPick] = useState('');
  const id = useId();
  const available = useMemo(() => {
    const on = new Set(linked);
    const out: Array<{ id: string; statement: string }> = [];
    for (const r of all) {
      if (on.has(r.id)) continue;
      out.push(r);
      if (out.length >= LINK_OPTIONS_MAX) break;
    }
    return out;
  }, [all, linked]);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    const made = store.getState().addRecord(sharedKind, nodeId, t, kind === 'risk' ? { severity } : undefined);
    if (made) setText('');
  };
  const link = (e: FormEvent) => {
    e.preventDefault();
    if (!pick) return;
    store.getState().linkRecord(sharedKind, nodeId, pick);
    setPick('');
  };

  return (
    <div className="insp-add">
      <form className="insp-add-row" onSubmit={add}>
        <QuietInput id={`${id}-new`} label={`New ${kind}`} value={text} maxLength={LIMITS.maxTextLength} placeholder={RECORD_PANEL_WORDS[sharedKind].placeholder} testId={`add-${kind}-input`} onChange={setText} />
        {kind === 'risk' ? (
          <>
            <label htmlFor={`${id}-sev`} className="visually-hidden">
              Severity of the new risk
            </label>
            <select id={`${id}-sev`} value={severity} data-testid="add-risk-severity" onChange={(e) => setSeverity(e.target.value as Severity)}>
              <Options values={CHOICES.severity.values} labels={CHOICES.severity.labels} />
            </select>
          </>
        ) : null}
        <button type="submit" className="mini add" aria-label={`Add ${kind}`} disabled={!text.trim()} data-testid={`add-${kind}-button`}>
          Add
        </button>
      </form>
      {available.length > 0 ? (
        <form className="insp-add-row" onSubmit={link}>
          <label htmlFor={`${id}-link`} className="visually-hidden">
            Link an existing {kind}
          </label>
          <select id={`${id}-link`} className="grow" value={pick} data-testid={`link-${kind}-select`} onChange={(e) => setPick(e.target.value)}>
            <option value="">Link an existing {kind}…</option>
            {available.map((r) => (
              <option key={r.id} value={r.id}>
                {truncate(r.statement, 90)}
              </option>
            ))}
          </select>
          <button type="submit" className="mini" disabled={!pick} data-testid={`link-${kind}-button`}>
            Link
          </button>
        </form>
      ) : null}
    </div>
  );
});

// ---------------------------------------------------------------- the panels

interface FieldsProps<K extends SharedKind> {
  /** Prefix for element ids. */
  f: string;
  record: RecordOfShared[K];
  ann: AnnotationOf[K] | undefined;
  users: readonly string[];
  annotate: (patch: AnnotationPatch<K>, group?: string) => void;
}

interface RecordOfShared {
  assumptions: Assumption;
  risks: Risk;
  indicators: Indicator;
}

interface PanelDef<K extends SharedKind> {
  one: RecordKind;
  ids: 'assumptionIds' | 'riskIds' | 'indicatorIds';
  /** The index of the branches that use each record of the kind. */
  byRecord: 'nodesByAssumption' | 'nodesByRisk' | 'nodesByIndicator';
  /** Test id prefix of the "also on" links. */
  alsoTestId: string;
  className?: (record: RecordOfShared[K], ann: AnnotationOf[K] | undefined, node: ScenarioNode) => string;
  badge?: (record: RecordOfShared[K]) => ReactNode;
  Fields: (props: FieldsProps<K>) => ReactNode;
}

/** One closed choice of the analyst on a shared record; the empty value (where the choice allows one) is stored as null. */
function ChoiceOf<K extends SharedKind, V extends string>({ p, kind, field, choice, value, className, describedBy }: {
  p: FieldsProps<K>; kind: K; field: keyof AnnotationOf[K] & string; choice: Choice<V>; value: V | ''; className?: string; describedBy?: string;
}) {
  const rid = p.record.id;
  const set = (v: string) => p.annotate({ [field]: v === '' ? null : v } as AnnotationPatch<K>);
  return <ChoiceField id={`${p.f}-${field}`} choice={choice} value={value} className={className} describedBy={describedBy} testId={`${PANELS[kind].one}-${field}-${rid}`} onChange={set} />;
}

type TextFieldOf<K extends SharedKind> = keyof (typeof RECORD_TEXT_WORDS)[K] & string;

/** One free-text field of a shared record: its words from the messages module, its id, test id and undo group from the field's name. */
function TextOf<K extends SharedKind>({ p, kind, field, stamp }: { p: FieldsProps<K>; kind: K; field: TextFieldOf<K>; stamp?: boolean }) {
  const words = (RECORD_TEXT_WORDS[kind] as Record<string, TextFieldWords>)[field]!;
  const value = p.ann ? (p.ann as unknown as Record<string, string>)[field] : '';
  const rid = p.record.id;
  return (
    <NoteField
      id={`${p.f}-${field}`}
      label={words.label}
      value={value ?? ''}
      placeholder={words.placeholder}
      testId={`${PANELS[kind].one}-${field}-${rid}`}
      onChange={(v) => p.annotate({ [field]: v } as AnnotationPatch<K>, `${kind}:${field}:${rid}`)}
      stamp={stamp ? p.ann?.updatedAt : undefined}
    />
  );
}

function AssumptionFields(props: FieldsProps<'assumptions'>) {
  const { f, ann, users } = props;
  const store = useAppStore();
  const me = useMe();
  // The team's status, and the same recorded as this analyst's own check (lib/team/judgements.ts).
  const p: FieldsProps<'assumptions'> = {
    ...props,
    annotate: (patch, group) => (me && patch.status ? store.getState().judgeAssumption(me, props.record.id, patch.status) : props.annotate(patch, group)),
  };
  const status: AssumptionStatus = ann?.status ?? 'unreviewed';
  return (
    <>
      <div className="record-grid status-row">
        <ChoiceOf p={p} kind="assumptions" field="status" choice={CHOICES.assumptionStatus} value={status} className={`status-select sel-${status}`} describedBy={users.length > 1 ? `${f}-shared` : undefined} />
        <div className="record-meta">
          {users.length > 1 ? (
            <span id={`${f}-shared`} className="insp-hint">
              Shared by {users.length} branches; the status applies to all.
            </span>
          ) : null}
          <LastChanged at={ann?.updatedAt} label="Reviewed" />
        </div>
      </div>
      <TextOf p={p} kind="assumptions" field="rationale" />
      <TextOf p={p} kind="assumptions" field="undermine" />
      <TeamOnRecord kind="assumption" id={props.record.id} />
    </>
  );
}

function RiskFields(p: FieldsProps<'risks'>) {
  const { f, record, ann } = p;
  const store = useAppStore();
  const rid = record.id;
  return (
    <>
      <div className="record-grid three">
        <ChoiceField
          id={`${f}-sev`}
          choice={CHOICES.severity}
          value={record.severity}
          testId={`risk-severity-${rid}`}
          onChange={(v) => store.getState().editRecord('risks', rid, { severity: v as Severity })}
        />
        <ChoiceOf p={p} kind="risks" field="likelihood" choice={CHOICES.riskLikelihood} value={ann?.likelihood ?? ''} />
        <ChoiceOf p={p} kind="risks" field="impact" choice={CHOICES.riskImpact} value={ann?.impact ?? ''} />
      </div>
      <TextOf p={p} kind="risks" field="mitigation" stamp />
    </>
  );
}

function IndicatorFields(p: FieldsProps<'indicators'>) {
  const { f, record, ann, annotate } = p;
  const iid = record.id;
  const state: IndicatorState = ann?.state ?? 'not-seen';
  return (
    <>
      <div className="record-grid date-row">
        <ChoiceOf p={p} kind="indicators" field="state" choice={CHOICES.indicatorState} value={state} className={`state-select state-${state}`} />
        <div className="insp-field">
          <label htmlFor={`${f}-date`}>Last checked</label>
          <span className="insp-date">
            <input
              id={`${f}-date`}
              type="date"
              value={ann?.lastChecked ?? ''}
              max={todayIso()}
              data-testid={`indicator-checked-${iid}`}
              onChange={(e) => {
                // A check cannot lie in the future: such a date is not kept.
                const v = e.target.value;
                annotate({ lastChecked: isIsoDate(v) && !isFutureDate(v, todayIso()) ? v : null });
              }}
            />
            <button type="button" className="mini" aria-label="Checked today" title="Set to today" onClick={() => annotate({ lastChecked: todayIso() })}>
              Today
            </button>
          </span>
        </div>
      </div>
      <div className="record-grid date-row">
        <ChoiceField
          id={`${f}-cad`}
          {...cadenceChoice(ann?.reviewEveryDays ?? null, cadenceLabel)}
          testId={`indicator-cadence-${iid}`}
          onChange={(v) => annotate({ reviewEveryDays: v ? Number(v) : null })}
        />
        <TextOf p={p} kind="indicators" field="owner" />
      </div>
      <TextOf p={p} kind="indicators" field="threshold" />
      <TextOf p={p} kind="indicators" field="note" stamp />
    </>
  );
}

/** Which side of an assumption this branch rests on: its being true, or its being false. */
function PremiseSide({ node, assumptionId }: { node: ScenarioNode; assumptionId: string }) {
  const store = useAppStore();
  const fid = useId();
  const side = sideOf(node, assumptionId) ?? 'holds';
  return (
    <div className="insp-field premise-side">
      <label htmlFor={fid}>{PREMISE_WORDS.label}</label>
      <select
        id={fid}
        value={side}
        data-testid={`premise-side-${assumptionId}`}
        onChange={(e) => store.getState().setPremiseSide(node.id, assumptionId, e.target.value as Side)}
      >
        <option value="holds">{PREMISE_WORDS.holds}</option>
        <option value="fails">{PREMISE_WORDS.fails}</option>
      </select>
    </div>
  );
}

export const SHARED_KINDS: readonly SharedKind[] = ['assumptions', 'risks', 'indicators'];

export const PANELS: { [K in SharedKind]: PanelDef<K> } = {
  assumptions: {
    one: 'assumption', ids: 'assumptionIds', byRecord: 'nodesByAssumption', alsoTestId: 'also-underpins',
    className: (r, ann, node) => {
      const status = ann?.status ?? 'unreviewed';
      const side = sideOf(node, r.id);
      return `ast-${status}${side === 'fails' ? ' rests-on-negation' : ''}${side !== null && weakenedSide(status) === side ? ' is-breaking' : ''}`;
    },
    Fields: AssumptionFields,
  },
  risks: {
    one: 'risk', ids: 'riskIds', byRecord: 'nodesByRisk', alsoTestId: 'risk-also',
    badge: (r) => <span className={`sev sev-${r.severity}`}>{r.severity}</span>,
    Fields: RiskFields,
  },
  indicators: {
    one: 'indicator', ids: 'indicatorIds', byRecord: 'nodesByIndicator', alsoTestId: 'indicator-also',
    className: (_r, ann) => `state-${ann?.state ?? 'not-seen'}`,
    Fields: IndicatorFields,
  },
};

/** The shared records of one kind on a branch: each with its fields, then add / link. */
export function SharedPanel<K extends SharedKind>({ node, kind }: { node: ScenarioNode; kind: K }) {
  const list = useApp(selectRecords[kind] as unknown as (s: AppState) => readonly RecordOfShared[K][]);
  const notes = useApp(selectAnnotationsOf[kind] as unknown as (s: AppState) => Record<string, AnnotationOf[K]>);
  const index = useApp(selectIndex);
  const byId = useById(list);
  const store = useAppStore();
  const fid = useId();
  const def = PANELS[kind] as PanelDef<K>;
  const ids = node[def.ids];
  const Fields = def.Fields;

  return (
    <>
      {ids.length === 0 ? <p className="insp-empty">{RECORD_PANEL_WORDS[kind].empty}</p> : null}
      <ul className="insp-records">
        {ids.map((rid) => {
          const record = byId.get(rid);
          if (!record) return null;
          const ann = own(notes, rid);
          const users = index[def.byRecord].get(rid) ?? [];
          return (
            <RecordCard
              key={rid}
              kind={def.one}
              id={rid}
              statement={record.statement}
              nodeId={node.id}
              users={users}
              evidenceIds={record.evidenceIds}
              underminingIds={record.underminingEvidenceIds}
              alsoLabel={RECORD_PANEL_WORDS[kind].also}
              alsoTestId={`${def.alsoTestId}-${rid}`}
              className={def.className?.(record, ann, node)}
              badge={def.badge?.(record)}
              onEdit={(v) => store.getState().editRecord(kind, rid, { statement: v })}
              onUnlink={() => store.getState().unlinkRecord(kind, node.id, rid)}
              onDelete={() => store.getState().removeRecord(kind, rid)}
            >
              {kind === 'assumptions' ? <PremiseSide node={node} assumptionId={rid} /> : null}
              <Fields
                f={`${fid}-${rid}`}
                record={record}
                ann={ann}
                users={users}
                annotate={(patch, group) => store.getState().annotate(kind, rid, patch, group)}
              />
            </RecordCard>
          );
        })}
      </ul>
      <AddRecord sharedKind={kind} nodeId={node.id} all={list} linked={ids} />
    </>
  );
}
