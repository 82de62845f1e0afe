'use client';
/**
 * The Audit trail tab: the entries of lib/team/audit, newest first, filtered
 * by analyst, kind of change, branch and words; downloadable as CSV or JSON
 * (the trail also goes in every snapshot). All text is rendered as text.
 */
import { useId, useMemo, useState } from 'react';
import { useApp } from '../AppProvider';
import { selectAudit, selectIndex, selectScenario } from '@/lib/store/selectors';
import { auditActions, auditAnalysts, auditCsv, canonicalAudit, filterAudit, NO_AUDIT_FILTER, type AuditFilter, type AuditTarget } from '@/lib/team/audit';
import { AUDIT_WORDS as W, TARGET_KIND_WORD } from '@/lib/messages/discussion';
import { slugify } from '@/lib/io/snapshot';
import { download } from '../download';
import './team.css';

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isFinite(d.getTime()) ? d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : iso;
};

export function AuditView() {
  const trail = useApp(selectAudit);
  const index = useApp(selectIndex);
  const scenario = useApp(selectScenario);
  const [f, setF] = useState<AuditFilter>(NO_AUDIT_FILTER);
  const id = useId();
  const analysts = useMemo(() => auditAnalysts(trail), [trail]);
  const actions = useMemo(() => auditActions(trail), [trail]);
  const shown = useMemo(() => filterAudit(trail, f), [trail, f]);
  const branches = index.preorder;
  const targetText = (t: AuditTarget) => {
    const title = t.kind === 'node' ? index.byId.get(t.id)?.title : undefined;
    return title ? `${TARGET_KIND_WORD[t.kind]} “${title}”` : `${TARGET_KIND_WORD[t.kind]} ${t.id}`;
  };
  const base = `branchpoint-audit-${slugify(scenario.title)}`;
  return (
    <div className="audit-view" data-testid="audit-view">
      <h2 className="view-heading">{W.heading}</h2>
      <p className="view-intro">{W.intro}</p>
      <div className="audit-filters">
        <FilterSelect id={`${id}-who`} label={W.analyst} value={f.analystId} testId="audit-analyst" onChange={(analystId) => setF({ ...f, analystId })} options={analysts.map((a) => ({ value: a.id, text: a.name }))} />
        <FilterSelect id={`${id}-what`} label={W.action} value={f.action} testId="audit-action" onChange={(action) => setF({ ...f, action })} options={actions.map((a) => ({ value: a, text: a }))} />
        <FilterSelect id={`${id}-node`} label={W.branch} value={f.nodeId} testId="audit-branch" onChange={(nodeId) => setF({ ...f, nodeId })} options={branches.map((n) => ({ value: n.id, text: n.title.length > 60 ? `${n.title.slice(0, 59)}…` : n.title }))} />
        <div>
          <label htmlFor={`${id}-text`}>{W.text}</label>
          <input id={`${id}-text`} type="search" value={f.text} data-testid="audit-text" onChange={(e) => setF({ ...f, text: e.target.value })} />
        </div>
        <div className="audit-downloads">
          <button type="button" data-testid="audit-csv" onClick={() => download(`${base}.csv`, auditCsv(shown, W.csvHeader), 'text/csv;charset=utf-8')}>
            {W.csv}
          </button>
          <button type="button" data-testid="audit-json" onClick={() => download(`${base}.json`, `${JSON.stringify(canonicalAudit(trail), null, 2)}\n`, 'application/json')}>
            {W.json}
          </button>
        </div>
      </div>
      <p className="audit-count" role="status">
        {W.count(shown.length, trail.entries.length)}
      </p>
      {trail.trimmed > 0 ? <p className="audit-trimmed">{W.trimmed(trail.trimmed)}</p> : null}
      {shown.length === 0 ? (
        <p className="talk-none">{trail.entries.length === 0 ? W.none : W.noneFiltered}</p>
      ) : (
        <div className="audit-scroll">
          <table className="audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{W.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{W.when}</th>
                <th scope="col">{W.analyst}</th>
                <th scope="col">{W.what}</th>
                <th scope="col">{W.targets}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{when(e.at)}</time>
                  </td>
                  <td>{e.analystName}</td>
                  <td>{e.what}</td>
                  <td>{e.targets.filter((t) => t.kind !== 'thread').map(targetText).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** One filter of the trail: a labelled select whose first option is "All". */
function FilterSelect(p: { id: string; label: string; value: string; testId: string; onChange(value: string): void; options: ReadonlyArray<{ value: string; text: string }> }) {
  return (
    <div>
      <label htmlFor={p.id}>{p.label}</label>
      <select id={p.id} value={p.value} data-testid={p.testId} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">{W.all}</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
