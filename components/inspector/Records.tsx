'use client';
/**
 * The shared records a branch rests on: assumptions (with their Key
 * Assumptions Check status, which belongs to the assumption and so shows on
 * every branch that rests on it), risks and indicators. Each with edit,
 * unlink (from this branch), delete (everywhere), links to the other branches
 * that use it, and its evidence quotes.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import type { AppState } from '@/lib/store/store';
import { LIMITS, SEVERITIES, type Severity } from '@/lib/model/constants';
import type { ScenarioNode } from '@/lib/model/schema';
import { own } from '@/lib/annotations/types';
import {
  ASSUMPTION_STATUSES,
  ASSUMPTION_STATUS_LABEL,
  INDICATOR_STATES,
  INDICATOR_STATE_LABEL,
  RATINGS,
  isBreaking,
  type AssumptionStatus,
  type IndicatorState,
  type Rating,
} from '@/lib/annotations/vocab';
import { ANNOTATION_LIMITS } from '@/lib/model/constants';
import { EvidenceList } from './Evidence';
import { ConfirmStrip, DraftEditor, LastChanged, NodeLinks, plural, todayIso, truncate } from './fields';

const selectIndex = (s: AppState) => s.index;
const selectAssumptions = (s: AppState) => s.document.scenario.assumptions;
const selectRisks = (s: AppState) => s.document.scenario.risks;
const selectIndicators = (s: AppState) => s.document.scenario.indicators;
const selectAssumptionNotes = (s: AppState) => s.document.annotations.assumptions;
const selectRiskNotes = (s: AppState) => s.document.annotations.risks;
const selectIndicatorNotes = (s: AppState) => s.document.annotations.indicators;

type RecordKind = 'assumption' | 'risk' | 'indicator';

/** At most this many records are offered in a "link existing" list. */
const LINK_OPTIONS_MAX = 2000;

const SEVERITY_LABEL: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
const RATING_LABEL: Record<Rating, string> = { low: 'Low', medium: 'Medium', high: 'High' };

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
  alsoLabel: string;
  alsoTestId: string;
  className?: string;
  badge?: ReactNode;
  onEdit: (statement: string) => void;
  onUnlink: () => void;
  onDelete: () => void;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      editRef.current?.focus();
    }
  }, [editing]);
  const close = () => {
    refocus.current = true;
    setEditing(false);
  };
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
      <EvidenceList target={{ kind, id }} ids={evidenceIds} />
    </li>
  );
}

// ---------------------------------------------------------------- add / link

function AddRecord({
  kind,
  nodeId,
  all,
  linked,
}: {
  kind: RecordKind;
  nodeId: string;
  all: ReadonlyArray<{ id: string; statement: string }>;
  linked: readonly string[];
}) {
  const store = useAppStore();
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
    const s = store.getState();
    const made = kind === 'assumption' ? s.addAssumption(nodeId, t) : kind === 'risk' ? s.addRisk(nodeId, t, severity) : s.addIndicator(nodeId, t);
    if (made) setText('');
  };
  const link = (e: FormEvent) => {
    e.preventDefault();
    if (!pick) return;
    const s = store.getState();
    if (kind === 'assumption') s.linkAssumption(nodeId, pick);
    else if (kind === 'risk') s.linkRisk(nodeId, pick);
    else s.linkIndicator(nodeId, pick);
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
          placeholder={kind === 'assumption' ? 'New assumption…' : kind === 'risk' ? 'New risk…' : 'New indicator to watch…'}
          data-testid={`add-${kind}-input`}
          onChange={(e) => setText(e.target.value)}
        />
        {kind === 'risk' ? (
          <>
            <label htmlFor={`${id}-sev`} className="visually-hidden">
              Severity of the new risk
            </label>
            <select id={`${id}-sev`} value={severity} data-testid="add-risk-severity" onChange={(e) => setSeverity(e.target.value as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_LABEL[s]}
                </option>
              ))}
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

// ---------------------------------------------------------------- assumptions

export function AssumptionsPanel({ node }: { node: ScenarioNode }) {
  const list = useApp(selectAssumptions);
  const notes = useApp(selectAssumptionNotes);
  const index = useApp(selectIndex);
  const byId = useById(list);
  const store = useAppStore();
  const fid = useId();

  return (
    <>
      {node.assumptionIds.length === 0 ? <p className="insp-empty">No assumptions recorded for this branch.</p> : null}
      <ul className="insp-records">
        {node.assumptionIds.map((aid) => {
          const a = byId.get(aid);
          if (!a) return null;
          const ann = own(notes, aid);
          const status: AssumptionStatus = ann?.status ?? 'unreviewed';
          const users = index.nodesByAssumption.get(aid) ?? [];
          const f = `${fid}-${aid}`;
          return (
            <RecordCard
              key={aid}
              kind="assumption"
              id={aid}
              statement={a.statement}
              nodeId={node.id}
              users={users}
              evidenceIds={a.evidenceIds}
              alsoLabel="Also underpins:"
              alsoTestId={`also-underpins-${aid}`}
              className={`ast-${status}${isBreaking(status) ? ' is-breaking' : ''}`}
              onEdit={(v) => store.getState().editAssumption(aid, v)}
              onUnlink={() => store.getState().unlinkAssumption(node.id, aid)}
              onDelete={() => store.getState().removeAssumption(aid)}
            >
              <div className="record-grid status-row">
                <div className="insp-field">
                  <label htmlFor={`${f}-st`}>Key Assumptions Check</label>
                  <select
                    id={`${f}-st`}
                    className={`status-select sel-${status}`}
                    value={status}
                    data-testid={`assumption-status-${aid}`}
                    aria-describedby={users.length > 1 ? `${f}-shared` : undefined}
                    onChange={(e) => store.getState().annotateAssumption(aid, { status: e.target.value as AssumptionStatus })}
                  >
                    {ASSUMPTION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {ASSUMPTION_STATUS_LABEL[s]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="record-meta">
                  {users.length > 1 ? (
                    <span id={`${f}-shared`} className="insp-hint">
                      Shared by {users.length} branches; the status applies to all.
                    </span>
                  ) : null}
                  <LastChanged at={ann?.updatedAt} label="Reviewed" />
                </div>
              </div>
              <div className="insp-field">
                <label htmlFor={`${f}-why`}>Rationale</label>
                <textarea
                  id={`${f}-why`}
                  className="autogrow"
                  rows={1}
                  value={ann?.rationale ?? ''}
                  maxLength={ANNOTATION_LIMITS.maxNote}
                  placeholder="Why it holds, or does not…"
                  data-testid={`assumption-rationale-${aid}`}
                  onChange={(e) => store.getState().annotateAssumption(aid, { rationale: e.target.value }, `rationale:${aid}`)}
                />
              </div>
              <div className="insp-field">
                <label htmlFor={`${f}-und`}>What would undermine it</label>
                <textarea
                  id={`${f}-und`}
                  className="autogrow"
                  rows={1}
                  value={ann?.undermine ?? ''}
                  maxLength={ANNOTATION_LIMITS.maxNote}
                  placeholder="What we would expect to see if it were wrong…"
                  data-testid={`assumption-undermine-${aid}`}
                  onChange={(e) => store.getState().annotateAssumption(aid, { undermine: e.target.value }, `undermine:${aid}`)}
                />
              </div>
            </RecordCard>
          );
        })}
      </ul>
      <AddRecord kind="assumption" nodeId={node.id} all={list} linked={node.assumptionIds} />
    </>
  );
}

// ---------------------------------------------------------------- risks

export function RisksPanel({ node }: { node: ScenarioNode }) {
  const list = useApp(selectRisks);
  const notes = useApp(selectRiskNotes);
  const index = useApp(selectIndex);
  const byId = useById(list);
  const store = useAppStore();
  const fid = useId();

  return (
    <>
      {node.riskIds.length === 0 ? <p className="insp-empty">No risks recorded for this branch.</p> : null}
      <ul className="insp-records">
        {node.riskIds.map((rid) => {
          const r = byId.get(rid);
          if (!r) return null;
          const ann = own(notes, rid);
          const f = `${fid}-${rid}`;
          const rating = (v: string): Rating | null => (v ? (v as Rating) : null);
          return (
            <RecordCard
              key={rid}
              kind="risk"
              id={rid}
              statement={r.statement}
              nodeId={node.id}
              users={index.nodesByRisk.get(rid) ?? []}
              evidenceIds={r.evidenceIds}
              alsoLabel="Also a risk on:"
              alsoTestId={`risk-also-${rid}`}
              badge={<span className={`sev sev-${r.severity}`}>{r.severity}</span>}
              onEdit={(v) => store.getState().editRisk(rid, { statement: v })}
              onUnlink={() => store.getState().unlinkRisk(node.id, rid)}
              onDelete={() => store.getState().removeRisk(rid)}
            >
              <div className="record-grid three">
                <div className="insp-field">
                  <label htmlFor={`${f}-sev`}>Severity</label>
                  <select
                    id={`${f}-sev`}
                    value={r.severity}
                    title="Severity as the source implies it"
                    data-testid={`risk-severity-${rid}`}
                    onChange={(e) => store.getState().editRisk(rid, { severity: e.target.value as Severity })}
                  >
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {SEVERITY_LABEL[s]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="insp-field">
                  <label htmlFor={`${f}-lik`}>Likelihood</label>
                  <select
                    id={`${f}-lik`}
                    value={ann?.likelihood ?? ''}
                    data-testid={`risk-likelihood-${rid}`}
                    onChange={(e) => store.getState().annotateRisk(rid, { likelihood: rating(e.target.value) })}
                  >
                    <option value="">Not rated</option>
                    {RATINGS.map((x) => (
                      <option key={x} value={x}>
                        {RATING_LABEL[x]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="insp-field">
                  <label htmlFor={`${f}-imp`}>Impact</label>
                  <select
                    id={`${f}-imp`}
                    value={ann?.impact ?? ''}
                    data-testid={`risk-impact-${rid}`}
                    onChange={(e) => store.getState().annotateRisk(rid, { impact: rating(e.target.value) })}
                  >
                    <option value="">Not rated</option>
                    {RATINGS.map((x) => (
                      <option key={x} value={x}>
                        {RATING_LABEL[x]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div className="insp-field">
                <label htmlFor={`${f}-mit`}>Mitigation</label>
                <textarea
                  id={`${f}-mit`}
                  className="autogrow"
                  rows={1}
                  value={ann?.mitigation ?? ''}
                  maxLength={ANNOTATION_LIMITS.maxNote}
                  placeholder="How the risk could be reduced or hedged…"
                  data-testid={`risk-mitigation-${rid}`}
                  onChange={(e) => store.getState().annotateRisk(rid, { mitigation: e.target.value }, `mitigation:${rid}`)}
                />
                <LastChanged at={ann?.updatedAt} />
              </div>
            </RecordCard>
          );
        })}
      </ul>
      <AddRecord kind="risk" nodeId={node.id} all={list} linked={node.riskIds} />
    </>
  );
}

// ---------------------------------------------------------------- indicators

export function IndicatorsPanel({ node }: { node: ScenarioNode }) {
  const list = useApp(selectIndicators);
  const notes = useApp(selectIndicatorNotes);
  const index = useApp(selectIndex);
  const byId = useById(list);
  const store = useAppStore();
  const fid = useId();

  return (
    <>
      {node.indicatorIds.length === 0 ? <p className="insp-empty">No indicators recorded for this branch.</p> : null}
      <ul className="insp-records">
        {node.indicatorIds.map((iid) => {
          const r = byId.get(iid);
          if (!r) return null;
          const ann = own(notes, iid);
          const state: IndicatorState = ann?.state ?? 'not-seen';
          const f = `${fid}-${iid}`;
          return (
            <RecordCard
              key={iid}
              kind="indicator"
              id={iid}
              statement={r.statement}
              nodeId={node.id}
              users={index.nodesByIndicator.get(iid) ?? []}
              evidenceIds={r.evidenceIds}
              alsoLabel="Also watched on:"
              alsoTestId={`indicator-also-${iid}`}
              className={`state-${state}`}
              onEdit={(v) => store.getState().editIndicator(iid, v)}
              onUnlink={() => store.getState().unlinkIndicator(node.id, iid)}
              onDelete={() => store.getState().removeIndicator(iid)}
            >
              <div className="record-grid date-row">
                <div className="insp-field">
                  <label htmlFor={`${f}-st`}>State</label>
                  <select
                    id={`${f}-st`}
                    className={`state-select state-${state}`}
                    value={state}
                    data-testid={`indicator-state-${iid}`}
                    onChange={(e) => store.getState().annotateIndicator(iid, { state: e.target.value as IndicatorState })}
                  >
                    {INDICATOR_STATES.map((s) => (
                      <option key={s} value={s}>
                        {INDICATOR_STATE_LABEL[s]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="insp-field">
                  <label htmlFor={`${f}-date`}>Last checked</label>
                  <span className="insp-date">
                    <input
                      id={`${f}-date`}
                      type="date"
                      value={ann?.lastChecked ?? ''}
                      data-testid={`indicator-checked-${iid}`}
                      onChange={(e) => {
                        const v = e.target.value;
                        store.getState().annotateIndicator(iid, { lastChecked: /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null });
                      }}
                    />
                    <button
                      type="button"
                      className="mini"
                      aria-label="Checked today"
                      title="Set to today"
                      onClick={() => store.getState().annotateIndicator(iid, { lastChecked: todayIso() })}
                    >
                      Today
                    </button>
                  </span>
                </div>
              </div>
              <div className="insp-field">
                <label htmlFor={`${f}-note`}>Note</label>
                <textarea
                  id={`${f}-note`}
                  className="autogrow"
                  rows={1}
                  value={ann?.note ?? ''}
                  maxLength={ANNOTATION_LIMITS.maxNote}
                  data-testid={`indicator-note-${iid}`}
                  onChange={(e) => store.getState().annotateIndicator(iid, { note: e.target.value }, `inote:${iid}`)}
                />
                <LastChanged at={ann?.updatedAt} />
              </div>
            </RecordCard>
          );
        })}
      </ul>
      <AddRecord kind="indicator" nodeId={node.id} all={list} linked={node.indicatorIds} />
    </>
  );
}
