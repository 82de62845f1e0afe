'use client';
/**
 * The group view ("Team judgements" text view): every judged branch and
 * assumption, one row per judgement (stance, likelihood, probability, Key
 * Assumptions Check), one column per analyst, the aggregate and the band of
 * disagreement; sortable by disagreement, filtered to where the team
 * splits. A branch's name selects it in the tree.
 */
import { useId, useMemo, useState } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { useMe } from '../sync/SyncProvider';
import { selectScenario } from '@/lib/store/selectors';
import { selectTeamRows } from '@/lib/team/selectors';
import { bandRank, isSplit, type TeamRow } from '@/lib/team/aggregate';
import { DIMENSION_LABEL, LEFT_OUT_TEXT, TEAM_WORDS as W, aggregateText, answerText, bandDetail } from '@/lib/messages/team';
import { SortHeader, SortableTable, type SortDirection } from '../SortableTable';
import { AnalystName, BandChip } from './TeamJudgements';
import '../KeyAssumptionsTable.css';
import './team.css';

type SortKey = 'item' | 'band';

export function TeamView() {
  const store = useAppStore();
  const rows = useApp(selectTeamRows);
  const scenario = useApp(selectScenario);
  const me = useMe()?.id ?? null;
  const id = useId();
  const [onlySplit, setOnlySplit] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDirection }>({ key: 'band', dir: 'descending' });

  const titles = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of scenario.nodes) m.set(`branch/${n.id}`, n.title);
    for (const a of scenario.assumptions) m.set(`assumption/${a.id}`, a.statement);
    return m;
  }, [scenario]);

  const analysts = useMemo(() => {
    const m = new Map<string, { name: string; colour: string }>();
    for (const r of rows) for (const o of r.opinions) if (!m.has(o.analystId)) m.set(o.analystId, { name: o.name, colour: o.colour });
    return [...m].sort((a, b) => a[1].name.localeCompare(b[1].name) || (a[0] < b[0] ? -1 : 1));
  }, [rows]);

  const shown = useMemo(() => {
    const list = rows.filter((r) => !onlySplit || isSplit(r.band));
    if (sort.key === 'item') return sort.dir === 'ascending' ? list : [...list].reverse();
    const sign = sort.dir === 'descending' ? -1 : 1;
    // Stable: among equals, the scenario's order.
    return [...list].sort((a, b) => sign * (bandRank(a.band) - bandRank(b.band) || (a.spread?.sd ?? -1) - (b.spread?.sd ?? -1)));
  }, [rows, onlySplit, sort]);

  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: key === 'band' ? 'descending' : 'ascending' }));
  const dirOf = (key: SortKey) => (sort.key === key ? sort.dir : 'none');
  const select = (r: TeamRow) => {
    if (r.kind !== 'branch') return;
    store.getState().reveal(r.id, true);
    document.getElementById('tree')?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section className="team-view" aria-labelledby={`${id}-h`} data-testid="team-view">
      <h2 id={`${id}-h`} className="view-heading">
        {W.heading}
      </h2>
      <p className="view-intro">{W.intro}</p>
      <p className="view-intro team-thresholds">{W.thresholds}</p>
      {rows.length === 0 ? (
        <p className="insp-empty" data-testid="team-view-empty">
          {W.none}
        </p>
      ) : (
        <>
          <div className="kac-filters">
            <label className="team-filter">
              <input type="checkbox" checked={onlySplit} data-testid="team-only-split" onChange={(e) => setOnlySplit(e.target.checked)} />
              {W.filterSplit}
            </label>
          </div>
          <SortableTable
            className="team"
            caption={W.tableCaption}
            head={
              <>
                <SortHeader label={W.colItem} dir={dirOf('item')} className="team-col-item" testId="team-sort-item" onSort={() => sortBy('item')} />
                <th scope="col">{W.colDimension}</th>
                {analysts.map(([aid, a]) => (
                  <th scope="col" key={aid} className="team-col-analyst" data-testid={`team-col-${aid}`}>
                    <AnalystName name={a.name} colour={a.colour} you={aid === me} />
                  </th>
                ))}
                <th scope="col">{W.colAggregate}</th>
                <SortHeader label={W.colBand} dir={dirOf('band')} className="team-col-band" testId="team-sort-band" onSort={() => sortBy('band')} />
              </>
            }
          >
            {shown.length === 0 ? (
              <tr>
                <td colSpan={analysts.length + 4} className="kac-empty">
                  {W.noneSplit}
                </td>
              </tr>
            ) : null}
            {shown.map((r) => {
              const title = titles.get(`${r.kind}/${r.id}`) ?? r.id;
              const by = new Map(r.opinions.map((o) => [o.analystId, o] as const));
              return (
                <tr key={`${r.kind}/${r.id}/${r.dimension}`} data-testid={`team-row-${r.kind}-${r.id}-${r.dimension}`} data-band={r.band ?? 'one'} className={`team-tr band-row-${r.band ?? 'one'}`}>
                  <th scope="row" className="team-item">
                    {r.kind === 'branch' ? (
                      <button type="button" className="linkish" data-testid={`team-select-${r.id}`} onClick={() => select(r)}>
                        {title}
                      </button>
                    ) : (
                      <>
                        <span className="team-kind">{W.assumptionPrefix}</span>
                        {title}
                      </>
                    )}
                  </th>
                  <td>{DIMENSION_LABEL[r.dimension]}</td>
                  {analysts.map(([aid]) => {
                    const o = by.get(aid);
                    return (
                      <td key={aid} data-analyst={aid}>
                        {o ? (
                          <>
                            {answerText(r.dimension, o.value)}
                            {o.leftOut ? <span className="insp-hint"> ({LEFT_OUT_TEXT[o.leftOut]})</span> : null}
                          </>
                        ) : (
                          <span className="insp-hint">{W.notJudged}</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="team-agg">{aggregateText(r)}</td>
                  <td>
                    <BandChip band={r.band} detail={bandDetail(r)} />
                  </td>
                </tr>
              );
            })}
          </SortableTable>
        </>
      )}
    </section>
  );
}
