'use client';
/**
 * The Key Assumptions Check as a table: every assumption, its status (edited
 * here or in the inspector; it is one value per assumption), the branches
 * that rest on it, the options those branches belong to (highlighted as
 * "affected" when the status is unsupported or broken) and how much evidence
 * supports it. Sortable and filterable.
 */
import { useId, useMemo, useState } from 'react';
import { useApp, useAppStore } from './AppProvider';
import { selectDocument, selectIndex } from '@/lib/store/selectors';
import { affectedOptions, assumptionReach, type AssumptionReach } from '@/lib/doc/affected';
import { ASSUMPTION_STATUSES, ASSUMPTION_STATUS_LABEL, isBreaking, type AssumptionStatus } from '@/lib/annotations/vocab';
import { KIND_LABEL } from '@/lib/messages/card';
import { Options } from './Options';
import './KeyAssumptionsTable.css';

/** Rows rendered at most (filter to reach the rest). */
const MAX_ROWS = 500;
/** Branch buttons shown per row before "N more". */
const MAX_BRANCHES = 8;

type SortKey = 'statement' | 'status' | 'branches';
type SortDir = 'ascending' | 'descending';
type StatusFilter = '' | 'breaking' | AssumptionStatus;

interface Row extends AssumptionReach {
  evidence: number;
}

const STATUS_RANK: Record<AssumptionStatus, number> = Object.fromEntries(ASSUMPTION_STATUSES.map((s, i) => [s, i])) as Record<
  AssumptionStatus,
  number
>;

function compareRows(key: SortKey, a: Row, b: Row): number {
  if (key === 'status') return STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (key === 'branches') return a.branches.length - b.branches.length;
  return a.assumption.statement.localeCompare(b.assumption.statement, 'en', { sensitivity: 'base' });
}

/** Option titles often contain commas, so they are joined with semicolons. */
function listText(items: string[]): string {
  return items.join('; ');
}

export function KeyAssumptionsTable() {
  const doc = useApp(selectDocument);
  const index = useApp(selectIndex);
  const store = useAppStore();
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir } | null>(null);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('');
  const [text, setText] = useState('');
  const [expandedRows, setExpandedRows] = useState<ReadonlySet<string>>(() => new Set());
  const id = useId();

  const rows = useMemo<Row[]>(
    () => assumptionReach(doc, index).map((r) => ({ ...r, evidence: r.assumption.evidenceIds.length })),
    [doc, index],
  );

  const summary = useMemo(() => {
    const options = affectedOptions(rows, index).map((id) => index.byId.get(id)?.title ?? id);
    return { total: rows.length, weak: rows.filter((r) => r.breaking).length, options };
  }, [rows, index]);

  const shown = useMemo(() => {
    const q = text.trim().toLocaleLowerCase();
    let list = rows.filter((r) => {
      if (statusFilter === 'breaking' ? !isBreaking(r.status) : statusFilter && r.status !== statusFilter) return false;
      if (q && !r.assumption.statement.toLocaleLowerCase().includes(q) && !r.assumption.id.includes(q)) return false;
      return true;
    });
    if (sort) {
      const sign = sort.dir === 'ascending' ? 1 : -1;
      list = [...list].sort((x, y) => sign * compareRows(sort.key, x, y) || compareRows('statement', x, y));
    }
    return list;
  }, [rows, text, statusFilter, sort]);

  const reveal = (nodeId: string) => {
    store.getState().reveal(nodeId, true);
    document.getElementById('tree')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const sortBy = (key: SortKey) =>
    setSort((prev) => (prev?.key === key ? { key, dir: prev.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' }));
  const ariaSort = (key: SortKey) => (sort?.key === key ? sort.dir : 'none');
  const sortButton = (k: SortKey, label: string) => (
    <button type="button" className="kac-sort" data-testid={`kac-sort-${k}`} onClick={() => sortBy(k)}>
      {label}
      <span className={`kac-sort-mark${sort?.key === k ? ` ${sort.dir}` : ''}`} aria-hidden="true" />
    </button>
  );

  const titleOf = (nodeId: string) => index.byId.get(nodeId)?.title ?? nodeId;

  return (
    <section className="kac" aria-labelledby={`${id}-h`} data-testid="kac-table">
      <h2 id={`${id}-h`} className="kac-heading">
        Key Assumptions Check
      </h2>
      <p className="kac-summary" data-testid="kac-summary" aria-live="polite">
        {summary.total.toLocaleString('en')} assumption{summary.total === 1 ? '' : 's'}; {summary.weak.toLocaleString('en')} unsupported or broken
        {summary.weak > 0 && summary.options.length > 0 ? (
          <>
            , affecting options: <strong className="kac-affected-list">{listText(summary.options)}</strong>.
          </>
        ) : (
          '.'
        )}
      </p>
      <div className="kac-filters" role="search" aria-label="Filter assumptions">
        <div className="kac-filter">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={statusFilter} data-testid="kac-filter-status" onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}>
            <option value="">All statuses</option>
            <option value="breaking">Unsupported or broken</option>
            <Options values={ASSUMPTION_STATUSES} labels={ASSUMPTION_STATUS_LABEL} />
          </select>
        </div>
        <div className="kac-filter grow">
          <label htmlFor={`${id}-text`}>Text</label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            placeholder="Filter by words in the assumption…"
            data-testid="kac-filter-text"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <span className="kac-count" aria-live="polite" data-testid="kac-count">
          {shown.length === rows.length ? `${rows.length.toLocaleString('en')} shown` : `${shown.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} shown`}
        </span>
      </div>
      <div className="kac-scroll">
        <table className="kac-grid">
          <caption className="visually-hidden">
            Assumptions with their Key Assumptions Check status, the branches that rest on them and the options affected
          </caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('statement')} className="kac-col-statement">
                {sortButton('statement', 'Assumption')}
              </th>
              <th scope="col" aria-sort={ariaSort('status')} className="kac-col-status">
                {sortButton('status', 'Status')}
              </th>
              <th scope="col" aria-sort={ariaSort('branches')} className="kac-col-branches">
                {sortButton('branches', 'Branches resting on it')}
              </th>
              <th scope="col" className="kac-col-options">
                Options
              </th>
              <th scope="col" className="kac-col-evidence">
                Quotes
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="kac-empty">
                  {rows.length === 0 ? 'This scenario records no assumptions.' : 'No assumption matches the filter.'}
                </td>
              </tr>
            ) : null}
            {shown.slice(0, MAX_ROWS).map((r) => {
              const breaking = isBreaking(r.status);
              const all = expandedRows.has(r.assumption.id);
              const branches = all ? r.branches : r.branches.slice(0, MAX_BRANCHES);
              return (
                <tr key={r.assumption.id} data-testid={`kac-row-${r.assumption.id}`} className={`ast-${r.status}${breaking ? ' is-breaking' : ''}`}>
                  <th scope="row" className="kac-statement">
                    {r.assumption.statement}
                  </th>
                  <td>
                    <select
                      className={`status-select sel-${r.status}`}
                      aria-label={`Status of: ${r.assumption.statement.length > 80 ? `${r.assumption.statement.slice(0, 79)}…` : r.assumption.statement}`}
                      value={r.status}
                      data-testid={`kac-status-${r.assumption.id}`}
                      onChange={(e) => store.getState().annotate('assumptions', r.assumption.id, { status: e.target.value as AssumptionStatus })}
                    >
                      <Options values={ASSUMPTION_STATUSES} labels={ASSUMPTION_STATUS_LABEL} />
                    </select>
                  </td>
                  <td>
                    {r.branches.length === 0 ? (
                      <span className="kac-none">Not used</span>
                    ) : (
                      <ul className="kac-branches">
                        {branches.map((b) => {
                          const n = index.byId.get(b);
                          return (
                            <li key={b}>
                              <button type="button" className="linkish" data-node-id={b} title={n ? `${KIND_LABEL[n.kind]}: ${n.title}` : b} onClick={() => reveal(b)}>
                                {n ? <span className={`kind-dot kind-${n.kind}`} aria-hidden="true" /> : null}
                                {titleOf(b)}
                              </button>
                            </li>
                          );
                        })}
                        {r.branches.length > branches.length ? (
                          <li>
                            <button
                              type="button"
                              className="linkish muted"
                              onClick={() => setExpandedRows((prev) => new Set(prev).add(r.assumption.id))}
                            >
                              and {r.branches.length - branches.length} more…
                            </button>
                          </li>
                        ) : null}
                      </ul>
                    )}
                  </td>
                  <td>
                    {r.options.length === 0 ? (
                      <span className="kac-none">—</span>
                    ) : (
                      <div className={breaking ? 'kac-options affected' : 'kac-options'}>
                        {breaking ? <span className="kac-affected-label">Affected options:</span> : null}
                        <ul>
                          {r.options.map((o) => (
                            <li key={o}>
                              <button type="button" className="kac-option" data-testid={breaking ? `kac-affected-${o}` : undefined} onClick={() => reveal(o)}>
                                {titleOf(o)}
                              </button>
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                  </td>
                  <td className="kac-num">{r.evidence}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown.length > MAX_ROWS ? (
        <p className="kac-more">
          Showing the first {MAX_ROWS.toLocaleString('en')} of {shown.length.toLocaleString('en')}; filter to narrow the list.
        </p>
      ) : null}
    </section>
  );
}
