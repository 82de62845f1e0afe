'use client';
/**
 * The signpost watchlist: every indicator in one table with its state, last
 * check, review cadence, when the next check is due, the branches that cite
 * it (each a link that selects the branch on the tree), its threshold and
 * owner; indicators the source reports as already happening carry an
 * "Observed in the source" mark with the quote. Rows, filtering and sorting
 * are lib/watchlist.ts; words lib/messages/watchlist.ts; user text is React
 * text only.
 */
import { useId, useMemo } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { selectDocument, selectIndex } from '@/lib/store/selectors';
import { CHOICES, INDICATOR_STATES, INDICATOR_STATE_LABEL, type IndicatorState } from '@/lib/annotations/vocab';
import { isFutureDate, isIsoDate } from '@/lib/records/dates';
import { NO_FILTER, cadenceChoice, ownersOf, watchlist, watchRows, type WatchColumn, type WatchFilter, type WatchRow, type WatchSort } from '@/lib/watchlist';
import {
  WATCH_COLUMN_LABEL,
  WATCH_WORDS,
  cadenceLabel,
  overdueText,
  sortButtonLabel,
  watchCount,
} from '@/lib/messages/watchlist';
import { Options } from '../Options';
import { ParaLink } from '../reader/ParaLink';
import { todayIso, truncate } from '../inspector/fields';
import '../KeyAssumptionsTable.css';
import './Watchlist.css';

/** The columns in table order; the ones with a sort button. */
const COLUMNS: readonly WatchColumn[] = ['statement', 'state', 'lastChecked', 'cadence', 'overdue', 'branches', 'threshold', 'owner'];

/** The owner filter's select value for "no owner" (never an owner's name: those are trimmed). */
const NO_OWNER = ' none';

export function Watchlist({
  filter,
  onFilter,
  sort,
  onSort,
  onClose,
}: {
  filter: WatchFilter;
  onFilter: (f: WatchFilter) => void;
  sort: WatchSort;
  onSort: (s: WatchSort) => void;
  onClose: () => void;
}) {
  const store = useAppStore();
  const doc = useApp(selectDocument);
  const index = useApp(selectIndex);
  const id = useId();
  const today = todayIso();
  const rows = useMemo(() => watchRows(doc, index, today), [doc, index, today]);
  const shown = useMemo(() => watchlist(rows, filter, sort), [rows, filter, sort]);
  const owners = useMemo(() => ownersOf(rows), [rows]);
  const options = index.children.get(index.root.id) ?? [];
  const optionTitle = (oid: string) => (oid === index.root.id ? null : (index.byId.get(oid)?.title ?? null));
  const set = (patch: Partial<WatchFilter>) => onFilter({ ...filter, ...patch });
  const annotate = (iid: string, patch: Parameters<ReturnType<typeof store.getState>['annotate']>[2]) => store.getState().annotate('indicators', iid, patch);

  const sortBy = (column: WatchColumn) =>
    onSort(sort.column === column ? { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' });
  const reveal = (nodeId: string) => {
    onClose();
    store.getState().reveal(nodeId, true);
  };
  const openSource = (sourceId: string, paragraph: number) => {
    onClose();
    store.getState().openReader(sourceId, paragraph);
  };
  const filtered = filter.text !== '' || filter.states.length > 0 || filter.overdueOnly || filter.observedOnly || filter.option !== null || filter.owner !== null;

  return (
    <div className="watch kac">
      <div className="watch-filters" role="search" aria-label={WATCH_WORDS.filters}>
        <div className="watch-filter grow">
          <label htmlFor={`${id}-text`}>{WATCH_WORDS.text}</label>
          <input
            id={`${id}-text`}
            type="search"
            value={filter.text}
            placeholder={WATCH_WORDS.textPlaceholder}
            data-testid="watch-filter-text"
            data-autofocus
            onChange={(e) => set({ text: e.target.value })}
          />
        </div>
        <div className="watch-filter">
          <label htmlFor={`${id}-state`}>{WATCH_WORDS.state}</label>
          <select
            id={`${id}-state`}
            value={filter.states[0] ?? ''}
            data-testid="watch-filter-state"
            onChange={(e) => set({ states: e.target.value ? [e.target.value as IndicatorState] : [] })}
          >
            <option value="">{WATCH_WORDS.anyState}</option>
            <Options values={INDICATOR_STATES} labels={INDICATOR_STATE_LABEL} />
          </select>
        </div>
        <div className="watch-filter">
          <label htmlFor={`${id}-option`}>{WATCH_WORDS.option}</label>
          <select id={`${id}-option`} value={filter.option ?? ''} data-testid="watch-filter-option" onChange={(e) => set({ option: e.target.value || null })}>
            <option value="">{WATCH_WORDS.anyOption}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {truncate(o.title, 50)}
              </option>
            ))}
          </select>
        </div>
        <div className="watch-filter">
          <label htmlFor={`${id}-owner`}>{WATCH_WORDS.owner}</label>
          <select
            id={`${id}-owner`}
            value={filter.owner === null ? '' : filter.owner === '' ? NO_OWNER : filter.owner}
            data-testid="watch-filter-owner"
            onChange={(e) => set({ owner: e.target.value === '' ? null : e.target.value === NO_OWNER ? '' : e.target.value })}
          >
            <option value="">{WATCH_WORDS.anyOwner}</option>
            <option value={NO_OWNER}>{WATCH_WORDS.noOwner}</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {truncate(o, 40)}
              </option>
            ))}
          </select>
        </div>
        <div className="watch-checks">
          <label>
            <input type="checkbox" checked={filter.overdueOnly} data-testid="watch-filter-overdue" onChange={(e) => set({ overdueOnly: e.target.checked })} />
            {WATCH_WORDS.overdueOnly}
          </label>
          <label>
            <input type="checkbox" checked={filter.observedOnly} data-testid="watch-filter-observed" onChange={(e) => set({ observedOnly: e.target.checked })} />
            {WATCH_WORDS.observedOnly}
          </label>
        </div>
        <div className="watch-count">
          <span aria-live="polite" data-testid="watch-count">
            {watchCount(shown.length, rows.length)}
          </span>
          {filtered ? (
            <button type="button" className="mini" data-testid="watch-clear" onClick={() => onFilter(NO_FILTER)}>
              {WATCH_WORDS.clear}
            </button>
          ) : null}
        </div>
      </div>
      <div className="kac-scroll watch-scroll">
        <table className="kac-grid watch-grid">
          <caption className="visually-hidden">{WATCH_WORDS.caption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const on = sort.column === c;
                return (
                  <th key={c} scope="col" className={`watch-col-${c}`} aria-sort={on ? sort.direction : 'none'}>
                    <button type="button" className="kac-sort" title={sortButtonLabel(c)} data-testid={`watch-sort-${c}`} onClick={() => sortBy(c)}>
                      {WATCH_COLUMN_LABEL[c]}
                      <span className={`kac-sort-mark${on ? ` ${sort.direction}` : ''}`} aria-hidden="true" />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <Row key={r.id} r={r} today={today} optionTitle={optionTitle} onReveal={reveal} onOpenSource={openSource} annotate={annotate} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="kac-empty watch-empty">{WATCH_WORDS.empty}</p> : null}
      </div>
    </div>
  );
}

function Row({
  r,
  today,
  optionTitle,
  onReveal,
  onOpenSource,
  annotate,
}: {
  r: WatchRow;
  today: string;
  optionTitle: (id: string) => string | null;
  onReveal: (nodeId: string) => void;
  /** Opens the source reader at a paragraph (closing the watchlist). */
  onOpenSource: (sourceId: string, paragraph: number) => void;
  annotate: (iid: string, patch: { state?: IndicatorState; lastChecked?: string | null; reviewEveryDays?: number | null }) => void;
}) {
  const f = useId();
  const cadence = cadenceChoice(r.reviewEveryDays, cadenceLabel);
  return (
    <tr data-testid={`watch-row-${r.id}`} className={`${r.overdue ? 'is-overdue' : ''}${r.observedQuotes.length > 0 ? ' is-observed' : ''}`}>
      <th scope="row" className="kac-statement">
        <span className="watch-statement-text">{r.statement}</span>
        {r.observedQuotes.length > 0 ? (
          <div className="watch-observed" data-testid={`watch-observed-${r.id}`}>
            <span className="watch-observed-mark">{WATCH_WORDS.observedMark}</span>
            {r.observedQuotes.map((q) => (
              <blockquote key={q.id} className="watch-quote">
                <q>{q.quote}</q> <ParaLink sourceId={q.sourceId} paragraph={q.paragraph} onOpen={() => onOpenSource(q.sourceId, q.paragraph)} />
              </blockquote>
            ))}
          </div>
        ) : null}
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`${f}-st`}>
          {CHOICES.indicatorState.label}
        </label>
        <select id={`${f}-st`} className={`state-select state-${r.state}`} value={r.state} data-testid={`watch-state-${r.id}`} onChange={(e) => annotate(r.id, { state: e.target.value as IndicatorState })}>
          <Options values={CHOICES.indicatorState.values} labels={CHOICES.indicatorState.labels} />
        </select>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${f}-date`}>
          {WATCH_COLUMN_LABEL.lastChecked}
        </label>
        <input
          id={`${f}-date`}
          type="date"
          className="watch-date"
          value={r.lastChecked ?? ''}
          max={today}
          data-testid={`watch-checked-${r.id}`}
          onChange={(e) => {
            const v = e.target.value;
            annotate(r.id, { lastChecked: isIsoDate(v) && !isFutureDate(v, today) ? v : null });
          }}
        />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${f}-cad`}>
          {cadence.choice.label}
        </label>
        <select id={`${f}-cad`} value={cadence.value} data-testid={`watch-cadence-${r.id}`} onChange={(e) => annotate(r.id, { reviewEveryDays: e.target.value ? Number(e.target.value) : null })}>
          <option value="">{cadence.choice.empty}</option>
          <Options values={cadence.choice.values} labels={cadence.choice.labels} />
        </select>
      </td>
      <td className={`watch-due${r.overdue ? ' overdue' : ''}`} data-testid={`watch-overdue-${r.id}`}>
        {overdueText(r)}
        {r.due ? <span className="watch-sub">{r.due}</span> : null}
      </td>
      <td>
        {r.branches.length === 0 ? (
          <span className="watch-sub">{WATCH_WORDS.noBranches}</span>
        ) : (
          <ul className="kac-branches watch-branches">
            {r.branches.map((b) => {
              const option = optionTitle(b.optionId);
              return (
                <li key={b.id}>
                  <button type="button" className="linkish" data-testid={`watch-branch-${r.id}-${b.id}`} title={b.title} onClick={() => onReveal(b.id)}>
                    <span className={`kind-dot kind-${b.kind}`} aria-hidden="true" />
                    {truncate(b.title, 60)}
                  </button>
                  {option && option !== b.title ? <span className="watch-sub">{truncate(option, 36)}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </td>
      <td className="watch-text">{r.threshold || <span className="watch-sub">{WATCH_WORDS.none}</span>}</td>
      <td className="watch-text">{r.owner || <span className="watch-sub">{WATCH_WORDS.none}</span>}</td>
    </tr>
  );
}
