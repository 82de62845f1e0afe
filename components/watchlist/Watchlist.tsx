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
import { FilterSelect, FilterText, SortHeader, SortableTable } from '../SortableTable';
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
        <FilterText id={`${id}-text`} className="watch-filter grow" label={WATCH_WORDS.text} value={filter.text} placeholder={WATCH_WORDS.textPlaceholder} testId="watch-filter-text" autoFocus onChange={(v) => set({ text: v })} />
        <FilterSelect id={`${id}-state`} className="watch-filter" label={WATCH_WORDS.state} value={filter.states[0] ?? ''} testId="watch-filter-state" onChange={(v) => set({ states: v ? [v as IndicatorState] : [] })}>
          <option value="">{WATCH_WORDS.anyState}</option>
          <Options values={INDICATOR_STATES} labels={INDICATOR_STATE_LABEL} />
        </FilterSelect>
        <FilterSelect id={`${id}-option`} className="watch-filter" label={WATCH_WORDS.option} value={filter.option ?? ''} testId="watch-filter-option" onChange={(v) => set({ option: v || null })}>
          <option value="">{WATCH_WORDS.anyOption}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {truncate(o.title, 50)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id={`${id}-owner`}
          className="watch-filter"
          label={WATCH_WORDS.owner}
          value={filter.owner === null ? '' : filter.owner === '' ? NO_OWNER : filter.owner}
          testId="watch-filter-owner"
          onChange={(v) => set({ owner: v === '' ? null : v === NO_OWNER ? '' : v })}
        >
          <option value="">{WATCH_WORDS.anyOwner}</option>
          <option value={NO_OWNER}>{WATCH_WORDS.noOwner}</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {truncate(o, 40)}
            </option>
          ))}
        </FilterSelect>
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
      <SortableTable
        className="watch"
        caption={WATCH_WORDS.caption}
        head={COLUMNS.map((c) => (
          <SortHeader key={c} label={WATCH_COLUMN_LABEL[c]} dir={sort.column === c ? sort.direction : 'none'} className={`watch-col-${c}`} title={sortButtonLabel(c)} testId={`watch-sort-${c}`} onSort={() => sortBy(c)} />
        ))}
        after={shown.length === 0 ? <p className="kac-empty watch-empty">{WATCH_WORDS.empty}</p> : null}
      >
        {shown.map((r) => (
          <Row key={r.id} r={r} today={today} optionTitle={optionTitle} onReveal={reveal} onOpenSource={openSource} annotate={annotate} />
        ))}
      </SortableTable>
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
