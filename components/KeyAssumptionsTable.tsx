'use client';
/**
 * The Key Assumptions Check as a table: every assumption, its status (edited
 * here or in the inspector; it is one value per assumption), the branches that
 * rest on each side of it (its being true, its being false), the options each
 * side carries (marked "weakened" on the side the status fails), and the
 * balance of evidence for and against, weighted by grade, with a flag where it
 * contradicts the status. A what-if preview tries a status without committing
 * it. Sortable and filterable. Words: lib/messages/kac.
 */
import { useId, useMemo, useState } from 'react';
import { useApp, useAppStore } from './AppProvider';
import { selectDocument, selectIndex, selectWhatIf } from '@/lib/store/selectors';
import { useAnalysisModel } from './analysis/useAnalysisModel';
import { choiceUnderStatus, decisiveByAssumption } from '@/lib/analysis/assumption-choice';
import type { DecisiveAssumption } from '@/lib/analysis/sensitivity';
import { DECISIVE_WORDS, decisiveText } from '@/lib/messages/sensitivity';
import { WHAT_IF_CHOICE, whatIfChoiceText } from '@/lib/messages/decision';
import { affectedOptions, assumptionReach, statusReader, whatIfEffect, type AssumptionReach, type Side } from '@/lib/doc/affected';
import { balanceOf, contradicts, type Balance } from '@/lib/doc/balance';
import { ASSUMPTION_STATUSES, ASSUMPTION_STATUS_LABEL, type AssumptionStatus } from '@/lib/annotations/vocab';
import { own } from '@/lib/records';
import {
  KAC_WORDS as W,
  leanLabel,
  RELIABILITY_WORDS,
  SIDE_LABEL,
  SIDE_TITLE,
  WHAT_IF_WORDS,
  balanceText,
  contradictionText,
  kacSummary,
  moreBranches,
  shownCount,
  showingFirst,
  statusLabelFor,
  tryLabelFor,
  whatIfQuestion,
  whatIfWould,
} from '@/lib/messages/kac';
import { Options } from './Options';
import { NodeButton } from './inspector/fields';
import { SourceGrades } from './SourceGrades';
import { FilterSelect, FilterText, SortHeader, SortableTable } from './SortableTable';
import './KeyAssumptionsTable.css';
import { useMe } from './sync/SyncProvider';
import { selectTeamChecks } from '@/lib/team/selectors';
import { bandRank, isSplit, type TeamRow } from '@/lib/team/aggregate';
import { answerText, bandDetail } from '@/lib/messages/team';
import { AnalystName, BandChip } from './team/TeamJudgements';

/** Rows rendered at most (filter to reach the rest). */
const MAX_ROWS = 500;
/** Branch buttons shown per side before "N more". */
const MAX_BRANCHES = 8;
const SIDES: readonly Side[] = ['holds', 'fails'];

type SortKey = 'statement' | 'status' | 'branches' | 'evidence' | 'decisive' | 'team';
type SortDir = 'ascending' | 'descending';
type StatusFilter = '' | 'weakening' | 'contradicted' | 'split' | AssumptionStatus;

interface Row extends AssumptionReach {
  /** The analyst's committed status (the row's `status` shows the what-if when one is tried on it). */
  committed: AssumptionStatus;
  balance: Balance;
  contradicted: boolean;
  /** Its rank by the tornado swing of the parameters it carries (decision analysis). */
  decisive: DecisiveAssumption | null;
  /** Each analyst's own check of it, and the band (null: no analyst has checked it). */
  team: TeamRow | null;
}

const STATUS_RANK: Record<AssumptionStatus, number> = Object.fromEntries(ASSUMPTION_STATUSES.map((s, i) => [s, i])) as Record<
  AssumptionStatus,
  number
>;

function compareRows(key: SortKey, a: Row, b: Row): number {
  if (key === 'status') return STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (key === 'branches') return a.branches.length - b.branches.length;
  if (key === 'decisive') return (a.decisive?.rank ?? Number.POSITIVE_INFINITY) - (b.decisive?.rank ?? Number.POSITIVE_INFINITY) || 0;
  if (key === 'team') return bandRank(a.team?.band ?? null) - bandRank(b.team?.band ?? null) || (a.team?.opinions.length ?? 0) - (b.team?.opinions.length ?? 0);
  if (key === 'evidence') return a.balance.forWeight - a.balance.againstWeight - (b.balance.forWeight - b.balance.againstWeight);
  return a.assumption.statement.localeCompare(b.assumption.statement, 'en', { sensitivity: 'base' });
}

/** The status first tried from a row: the opposite of the committed judgement. */
function firstTry(committed: AssumptionStatus): AssumptionStatus {
  return committed === 'unsupported' || committed === 'broken' ? 'solid' : 'broken';
}

/** What the table and the what-if panel read: the document, its index, the what-if being tried and the analysis model. */
function useKacInputs() {
  const doc = useApp(selectDocument);
  const index = useApp(selectIndex);
  const whatIf = useApp(selectWhatIf);
  const model = useAnalysisModel();
  const store = useAppStore();
  const me = useMe();
  return { doc, index, whatIf, model, store, me };
}

export function KeyAssumptionsTable() {
  const { doc, index, whatIf, model, store, me } = useKacInputs();
  const ranking = useMemo(() => (model ? decisiveByAssumption(model) : null), [model]);
  const checks = useApp(selectTeamChecks);
  // The Team column is there once any analyst has recorded a check (a team's document); a lone analyst's table keeps its width.
  const teamColumn = checks.size > 0;
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir } | null>(null);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('');
  const [text, setText] = useState('');
  const [expandedRows, setExpandedRows] = useState<ReadonlySet<string>>(() => new Set());
  const id = useId();

  const rows = useMemo<Row[]>(() => {
    const committed = statusReader(doc);
    const sourceOf = new Map(doc.scenario.evidence.map((e) => [e.id, e.sourceId]));
    return assumptionReach(doc, index, statusReader(doc, whatIf)).map((r) => {
      const balance = balanceOf(doc.scenario, doc.annotations, r.assumption, sourceOf);
      return { ...r, committed: committed(r.assumption.id), balance, contradicted: contradicts(r.status, balance.lean), decisive: ranking?.get(r.assumption.id) ?? null, team: checks.get(r.assumption.id) ?? null };
    });
  }, [doc, index, whatIf, ranking, checks]);

  const titleOf = (nodeId: string) => index.byId.get(nodeId)?.title ?? nodeId;

  const summary = useMemo(() => {
    const options = affectedOptions(rows, index).map((o) => index.byId.get(o)?.title ?? o);
    return kacSummary(rows.length, rows.filter((r) => r.breaking).length, rows.filter((r) => r.contradicted).length, options);
  }, [rows, index]);

  const shown = useMemo(() => {
    const q = text.trim().toLocaleLowerCase();
    let list = rows.filter((r) => {
      if (
        statusFilter === 'weakening'
          ? !r.breaking
          : statusFilter === 'contradicted'
            ? !r.contradicted
            : statusFilter === 'split'
              ? !isSplit(r.team?.band ?? null)
              : statusFilter && r.status !== statusFilter
      )
        return false;
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
  const sortHeader = (k: SortKey, label: string, title?: string) => (
    <SortHeader label={label} dir={sort?.key === k ? sort.dir : 'none'} className={`kac-col-${k}`} testId={`kac-sort-${k}`} title={title} onSort={() => sortBy(k)} />
  );
  const columns = 5 + (teamColumn ? 1 : 0) + (ranking ? 1 : 0);

  return (
    <section className="kac" aria-labelledby={`${id}-h`} data-testid="kac-table">
      <h2 id={`${id}-h`} className="view-heading">
        {W.heading}
      </h2>
      <p className="view-intro" data-testid="kac-summary" aria-live="polite">
        {summary}
      </p>
      {whatIf ? <WhatIfPanel /> : null}
      <SourceGrades className="kac-sources" label={RELIABILITY_WORDS.kacRegion} />
      <div className="kac-filters" role="search" aria-label={W.filterLabel}>
        <FilterSelect id={`${id}-status`} className="kac-filter" label={W.statusFilter} value={statusFilter} testId="kac-filter-status" onChange={(v) => setStatusFilter(v as StatusFilter)}>
          <option value="">{W.allStatuses}</option>
          <option value="weakening">{W.weakeningFilter}</option>
          <option value="contradicted">{W.contradictedFilter}</option>
          {teamColumn ? <option value="split">{W.splitFilter}</option> : null}
          <Options values={ASSUMPTION_STATUSES} labels={ASSUMPTION_STATUS_LABEL} />
        </FilterSelect>
        <FilterText id={`${id}-text`} className="kac-filter grow" label={W.textFilter} value={text} placeholder={W.textPlaceholder} testId="kac-filter-text" onChange={setText} />
        <span className="kac-count" aria-live="polite" data-testid="kac-count">
          {shownCount(shown.length, rows.length)}
        </span>
      </div>
      <SortableTable
        caption={W.caption}
        head={
          <>
            {sortHeader('statement', W.colStatement)}
            {sortHeader('status', W.colStatus)}
            {teamColumn ? sortHeader('team', W.colTeam, W.colTeamTitle) : null}
            {sortHeader('branches', W.colBranches)}
            <th scope="col" className="kac-col-options">
              {W.colOptions}
            </th>
            {sortHeader('evidence', W.colEvidence)}
            {ranking ? sortHeader('decisive', DECISIVE_WORDS.column) : null}
          </>
        }
      >
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns} className="kac-empty">
                  {rows.length === 0 ? W.noAssumptions : W.noMatch}
                </td>
              </tr>
            ) : null}
            {shown.slice(0, MAX_ROWS).map((r) => {
              const aid = r.assumption.id;
              const all = expandedRows.has(aid);
              const tried = whatIf?.assumptionId === aid;
              return (
                <tr
                  key={aid}
                  data-testid={`kac-row-${aid}`}
                  className={`ast-${r.status}${r.breaking ? ' is-breaking' : ''}${tried ? ' is-tried' : ''}${r.contradicted ? ' is-contradicted' : ''}`}
                >
                  <th scope="row" className="kac-statement">
                    {r.assumption.statement}
                    {r.contradicted ? (
                      <span className="kac-contradicted" data-testid={`kac-contradicted-${aid}`}>
                        {contradictionText(r.status, r.balance.lean)}
                      </span>
                    ) : null}
                  </th>
                  <td>
                    <select
                      className={`status-select sel-${r.committed}`}
                      aria-label={statusLabelFor(r.assumption.statement)}
                      value={r.committed}
                      data-testid={`kac-status-${aid}`}
                      onChange={(e) => {
                        // The team's status, and the same recorded as this analyst's own check (lib/team/judgements.ts).
                        const status = e.target.value as AssumptionStatus;
                        if (me) store.getState().judgeAssumption(me, aid, status);
                        else store.getState().annotate('assumptions', aid, { status });
                      }}
                    >
                      <Options values={ASSUMPTION_STATUSES} labels={ASSUMPTION_STATUS_LABEL} />
                    </select>
                    {tried ? (
                      <span className="kac-trying">{ASSUMPTION_STATUS_LABEL[r.status]}?</span>
                    ) : (
                      <button
                        type="button"
                        className="linkish kac-try"
                        aria-label={tryLabelFor(r.assumption.statement)}
                        data-testid={`kac-try-${aid}`}
                        onClick={() => store.getState().tryStatus({ assumptionId: aid, status: firstTry(r.committed) })}
                      >
                        {W.tryButton}
                      </button>
                    )}
                  </td>
                  {teamColumn ? <TeamCell row={r.team} me={me?.id ?? null} testId={`kac-team-${aid}`} /> : null}
                  <td>
                    {r.branches.length === 0 ? (
                      <span className="kac-none">{W.notUsed}</span>
                    ) : (
                      SIDES.map((side) => {
                        const list = r[side].branches;
                        if (list.length === 0) return null;
                        const branches = all ? list : list.slice(0, MAX_BRANCHES);
                        return (
                          <div key={side} className={`kac-side kac-side-${side}${r.weakened === side && r.breaking ? ' weakened' : ''}`} title={SIDE_TITLE[side]}>
                            <span className="kac-side-label">{SIDE_LABEL[side]}</span>
                            <ul className="kac-branches">
                              {branches.map((b) => {
                                const n = index.byId.get(b);
                                return n ? (
                                  <li key={b}>
                                    <NodeButton node={n} onClick={() => reveal(b)} extra={{ 'data-side': side }} />
                                  </li>
                                ) : null;
                              })}
                              {list.length > branches.length ? (
                                <li>
                                  <button type="button" className="linkish muted" onClick={() => setExpandedRows((prev) => new Set(prev).add(aid))}>
                                    {moreBranches(list.length - branches.length)}
                                  </button>
                                </li>
                              ) : null}
                            </ul>
                          </div>
                        );
                      })
                    )}
                  </td>
                  <td>
                    {r.holds.options.length === 0 && r.fails.options.length === 0 ? (
                      <span className="kac-none">{W.none}</span>
                    ) : (
                      SIDES.map((side) => {
                        const options = r[side].options;
                        if (options.length === 0) return null;
                        const weak = r.weakened === side;
                        return (
                          <div key={side} className={weak ? 'kac-options affected' : 'kac-options'} data-testid={`kac-options-${side}-${aid}`}>
                            <span className="kac-side-label">
                              {SIDE_LABEL[side]}
                              {weak ? <span className="kac-affected-label"> · {W.weakened}</span> : null}
                            </span>
                            <ul>
                              {options.map((o) => (
                                <li key={o}>
                                  <button type="button" className="kac-option" data-testid={weak ? `kac-affected-${o}` : undefined} onClick={() => reveal(o)}>
                                    {titleOf(o)}
                                  </button>
                                </li>
                              ))}
                            </ul>
                          </div>
                        );
                      })
                    )}
                  </td>
                  <td className="kac-evidence" data-testid={`kac-balance-${aid}`}>
                    <BalanceBar balance={r.balance} />
                    <span className="kac-lean">{leanLabel(r.balance)}</span>
                    <span className="kac-balance-text">{balanceText(r.balance)}</span>
                  </td>
                  {ranking ? (
                    <td className={`kac-decisive${r.decisive?.changesBest ? ' changes-best' : ''}`} data-testid={`kac-decisive-${aid}`} title={DECISIVE_WORDS.columnTitle}>
                      {r.decisive ? decisiveText(r.decisive) : DECISIVE_WORDS.notRanked}
                    </td>
                  ) : null}
                </tr>
              );
            })}
      </SortableTable>
      {shown.length > MAX_ROWS ? <p className="kac-more">{showingFirst(MAX_ROWS, shown.length)}</p> : null}
    </section>
  );
}

/** Each analyst's own check of an assumption, with the band of disagreement (the inspector and the group view show the same). */
function TeamCell({ row, me, testId }: { row: TeamRow | null; me: string | null; testId: string }) {
  if (!row) {
    return (
      <td className="kac-team" data-testid={testId} data-band="none">
        <span className="kac-none">{W.teamNone}</span>
      </td>
    );
  }
  return (
    <td className="kac-team" data-testid={testId} data-band={row.band ?? 'one'}>
      <BandChip band={row.band} detail={bandDetail(row)} />
      <ul className="kac-team-list">
        {row.opinions.map((o) => (
          <li key={o.analystId} data-analyst={o.analystId}>
            <AnalystName name={o.name} colour={o.colour} you={o.analystId === me} />
            <span className="kac-team-answer">{answerText(row.dimension, o.value)}</span>
          </li>
        ))}
      </ul>
    </td>
  );
}

/** Weights for and against as two bars from a centre line (decorative: the text beside it says the same). */
function BalanceBar({ balance }: { balance: Balance }) {
  const max = Math.max(1, balance.forWeight, balance.againstWeight);
  return (
    <span className="kac-bar" aria-hidden="true">
      <span className="kac-bar-against" style={{ width: `${(balance.againstWeight / max) * 50}%` }} />
      <span className="kac-bar-for" style={{ width: `${(balance.forWeight / max) * 50}%` }} />
    </span>
  );
}

/** The what-if being tried: its status (changeable), what it would weaken or free, keep or discard. */
export function WhatIfPanel() {
  const { doc, index, whatIf, model, store } = useKacInputs();
  const id = useId();
  const choice = useMemo(() => (model && whatIf ? choiceUnderStatus(model, whatIf.assumptionId, whatIf.status) : null), [model, whatIf]);
  const assumption = whatIf ? doc.scenario.assumptions.find((a) => a.id === whatIf.assumptionId) : undefined;
  const effect = useMemo(() => (whatIf ? whatIfEffect(doc, index, whatIf) : null), [doc, index, whatIf]);
  if (!whatIf || !assumption || !effect) return null;
  const titles = (ids: readonly string[]) => ids.map((o) => index.byId.get(o)?.title ?? o);
  const committed = own(doc.annotations.assumptions, assumption.id)?.status ?? 'unreviewed';
  const changes = effect.weakens.branches.length + effect.frees.branches.length + effect.weakens.options.length + effect.frees.options.length;
  return (
    <section className="what-if" aria-label={WHAT_IF_WORDS.region} data-testid="what-if">
      <p className="what-if-question">{whatIfQuestion(assumption.statement)}</p>
      <div className="what-if-controls">
        <label htmlFor={`${id}-st`}>{WHAT_IF_WORDS.wereJudged}</label>
        <select
          id={`${id}-st`}
          value={whatIf.status}
          data-testid="what-if-status"
          onChange={(e) => store.getState().tryStatus({ assumptionId: assumption.id, status: e.target.value as AssumptionStatus })}
        >
          <Options values={ASSUMPTION_STATUSES} labels={ASSUMPTION_STATUS_LABEL} />
        </select>
        <button type="button" className="primary" data-testid="what-if-keep" disabled={whatIf.status === committed} onClick={() => store.getState().keepWhatIf()}>
          {WHAT_IF_WORDS.keep}
        </button>
        <button type="button" data-testid="what-if-discard" onClick={() => store.getState().tryStatus(null)}>
          {WHAT_IF_WORDS.discard}
        </button>
      </div>
      <div className="what-if-effect" aria-live="polite" data-testid="what-if-effect">
        {changes === 0 ? <p>{WHAT_IF_WORDS.noChange}</p> : null}
        {effect.weakens.branches.length || effect.weakens.options.length ? (
          <p className="what-if-weakens">{whatIfWould('weaken', titles(effect.weakens.options), effect.weakens.branches.length)}</p>
        ) : null}
        {effect.frees.branches.length || effect.frees.options.length ? (
          <p className="what-if-frees">{whatIfWould('free', titles(effect.frees.options), effect.frees.branches.length)}</p>
        ) : null}
        {choice ? (
          <p className={`what-if-choice${choice.kind === 'released' && choice.changes ? ' changes-best' : ''}`} data-testid="what-if-choice">
            <strong>{WHAT_IF_CHOICE.heading}:</strong> {whatIfChoiceText(choice, (o) => index.byId.get(o)?.title ?? o)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
