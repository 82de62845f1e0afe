'use client';
/**
 * The shared records a branch rests on: assumptions (with their Key
 * Assumptions Check status, which belongs to the assumption and so shows on
 * every branch that rests on it), risks and indicators. Each with edit,
 * unlink (from this branch), delete (everywhere), links to the other branches
 * that use it, and its evidence quotes.
 */
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { LIMITS, type Severity } from '@/lib/model/constants';
import type { Assumption, Indicator, Risk, ScenarioNode } from '@/lib/model/schema';
import type { TreeIndex } from '@/lib/model/tree';
import { own, type AnnotationOf, type AnnotationPatch } from '@/lib/records';
import type { SharedKind } from '@/lib/doc/ops';
import { sideOf, weakenedSide, type Side } from '@/lib/doc/affected';
import { PREMISE_WORDS } from '@/lib/messages/kac';
import { isFutureDate, isIsoDate } from '@/lib/records/dates';
import {
  CHOICES,
  type AssumptionStatus,
  type IndicatorState,
  type Rating,
} from '@/lib/annotations/vocab';
import { selectAnnotationsOf, selectIndex, selectRecords } from '@/lib/store/selectors';
import type { AppState } from '@/lib/store/store';
import { EvidenceList } from './Evidence';
import { cadenceChoice } from '@/lib/watchlist';
import { WATCH_WORDS, cadenceLabel } from '@/lib/messages/watchlist';
import { Options } from '../Options';
import { ChoiceField, ConfirmStrip, DraftEditor, LastChanged, NodeLinks, NoteField, plural, todayIso, truncate, useEditing } from './fields';

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
    </li>
  );
}

// ---------------------------------------------------------------- add / link

function AddRecord({
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
        <label htmlFor={`${id}-new`} className="visually-hidden">
          New {kind}
        </label>
        <input
          id={`${id}-new`}
          type="text"
          value={text}
          maxLength={LIMITS.maxTextLength}
          placeholder={PANELS[sharedKind].placeholder}
          data-testid={`add-${kind}-input`}
          onChange={(e) => setText(e.target.value)}
        />
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
}

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
  /** The inspector section's title. */
  title: string;
  ids: 'assumptionIds' | 'riskIds' | 'indicatorIds';
  users: (index: TreeIndex, id: string) => readonly string[];
  empty: string;
  placeholder: string;
  alsoLabel: string;
  alsoTestId: (id: string) => string;
  className?: (record: RecordOfShared[K], ann: AnnotationOf[K] | undefined, node: ScenarioNode) => string;
  badge?: (record: RecordOfShared[K]) => ReactNode;
  Fields: (props: FieldsProps<K>) => ReactNode;
}

const rating = (v: string): Rating | null => (v ? (v as Rating) : null);

function AssumptionFields({ f, record, ann, users, annotate }: FieldsProps<'assumptions'>) {
  const aid = record.id;
  const status: AssumptionStatus = ann?.status ?? 'unreviewed';
  return (
    <>
      <div className="record-grid status-row">
        <ChoiceField
          id={`${f}-st`}
          choice={CHOICES.assumptionStatus}
          className={`status-select sel-${status}`}
          value={status}
          testId={`assumption-status-${aid}`}
          describedBy={users.length > 1 ? `${f}-shared` : undefined}
          onChange={(v) => annotate({ status: v as AssumptionStatus })}
        />
        <div className="record-meta">
          {users.length > 1 ? (
            <span id={`${f}-shared`} className="insp-hint">
              Shared by {users.length} branches; the status applies to all.
            </span>
          ) : null}
          <LastChanged at={ann?.updatedAt} label="Reviewed" />
        </div>
      </div>
      <NoteField
        id={`${f}-why`}
        label="Rationale"
        value={ann?.rationale ?? ''}
        placeholder="Why it holds, or does not…"
        testId={`assumption-rationale-${aid}`}
        onChange={(v) => annotate({ rationale: v }, `rationale:${aid}`)}
      />
      <NoteField
        id={`${f}-und`}
        label="What would undermine it"
        value={ann?.undermine ?? ''}
        placeholder="What we would expect to see if it were wrong…"
        testId={`assumption-undermine-${aid}`}
        onChange={(v) => annotate({ undermine: v }, `undermine:${aid}`)}
      />
    </>
  );
}

function RiskFields({ f, record, ann, annotate }: FieldsProps<'risks'>) {
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
        <ChoiceField
          id={`${f}-lik`}
          choice={CHOICES.riskLikelihood}
          value={ann?.likelihood ?? ''}
          testId={`risk-likelihood-${rid}`}
          onChange={(v) => annotate({ likelihood: rating(v) })}
        />
        <ChoiceField
          id={`${f}-imp`}
          choice={CHOICES.riskImpact}
          value={ann?.impact ?? ''}
          testId={`risk-impact-${rid}`}
          onChange={(v) => annotate({ impact: rating(v) })}
        />
      </div>
      <NoteField
        id={`${f}-mit`}
        label="Mitigation"
        value={ann?.mitigation ?? ''}
        placeholder="How the risk could be reduced or hedged…"
        testId={`risk-mitigation-${rid}`}
        onChange={(v) => annotate({ mitigation: v }, `mitigation:${rid}`)}
        stamp={ann?.updatedAt}
      />
    </>
  );
}

function IndicatorFields({ f, record, ann, annotate }: FieldsProps<'indicators'>) {
  const iid = record.id;
  const state: IndicatorState = ann?.state ?? 'not-seen';
  return (
    <>
      <div className="record-grid date-row">
        <ChoiceField
          id={`${f}-st`}
          choice={CHOICES.indicatorState}
          className={`state-select state-${state}`}
          value={state}
          testId={`indicator-state-${iid}`}
          onChange={(v) => annotate({ state: v as IndicatorState })}
        />
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
        <NoteField
          id={`${f}-owner`}
          label={WATCH_WORDS.owner}
          value={ann?.owner ?? ''}
          placeholder={WATCH_WORDS.ownerPlaceholder}
          testId={`indicator-owner-${iid}`}
          onChange={(v) => annotate({ owner: v }, `iowner:${iid}`)}
        />
      </div>
      <NoteField
        id={`${f}-thr`}
        label={WATCH_WORDS.threshold}
        value={ann?.threshold ?? ''}
        placeholder={WATCH_WORDS.thresholdPlaceholder}
        testId={`indicator-threshold-${iid}`}
        onChange={(v) => annotate({ threshold: v }, `ithreshold:${iid}`)}
      />
      <NoteField
        id={`${f}-note`}
        label="Note"
        value={ann?.note ?? ''}
        testId={`indicator-note-${iid}`}
        onChange={(v) => annotate({ note: v }, `inote:${iid}`)}
        stamp={ann?.updatedAt}
      />
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
    one: 'assumption',
    title: 'Assumptions',
    ids: 'assumptionIds',
    users: (index, id) => index.nodesByAssumption.get(id) ?? [],
    empty: 'No assumptions recorded for this branch.',
    placeholder: 'New assumption…',
    alsoLabel: 'Also underpins:',
    alsoTestId: (id) => `also-underpins-${id}`,
    className: (r, ann, node) => {
      const status = ann?.status ?? 'unreviewed';
      const side = sideOf(node, r.id);
      return `ast-${status}${side === 'fails' ? ' rests-on-negation' : ''}${side !== null && weakenedSide(status) === side ? ' is-breaking' : ''}`;
    },
    Fields: AssumptionFields,
  },
  risks: {
    one: 'risk',
    title: 'Risks',
    ids: 'riskIds',
    users: (index, id) => index.nodesByRisk.get(id) ?? [],
    empty: 'No risks recorded for this branch.',
    placeholder: 'New risk…',
    alsoLabel: 'Also a risk on:',
    alsoTestId: (id) => `risk-also-${id}`,
    badge: (r) => <span className={`sev sev-${r.severity}`}>{r.severity}</span>,
    Fields: RiskFields,
  },
  indicators: {
    one: 'indicator',
    title: 'Indicators to watch',
    ids: 'indicatorIds',
    users: (index, id) => index.nodesByIndicator.get(id) ?? [],
    empty: 'No indicators recorded for this branch.',
    placeholder: 'New indicator to watch…',
    alsoLabel: 'Also watched on:',
    alsoTestId: (id) => `indicator-also-${id}`,
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
      {ids.length === 0 ? <p className="insp-empty">{def.empty}</p> : null}
      <ul className="insp-records">
        {ids.map((rid) => {
          const record = byId.get(rid);
          if (!record) return null;
          const ann = own(notes, rid);
          const users = def.users(index, rid);
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
              alsoLabel={def.alsoLabel}
              alsoTestId={def.alsoTestId(rid)}
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
