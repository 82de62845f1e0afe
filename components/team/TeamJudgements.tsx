'use client';
/**
 * Each analyst's judgement side by side, for one branch or assumption in the
 * inspector: per judgement (stance, likelihood, probability, Key
 * Assumptions Check), each analyst with their name and colour and their
 * answer, the aggregate, the band of disagreement and "Adopt the group's
 * view". Also the small pieces the group view shares (the band chip, the
 * analyst's name).
 */
import { useApp, useAppStore } from '../AppProvider';
import { useMe } from '../sync/SyncProvider';
import { selectTeamRows } from '@/lib/team/selectors';
import { groupView, type Band, type TeamRow } from '@/lib/team/aggregate';
import { DIMENSION_LABEL, LEFT_OUT_TEXT, TEAM_WORDS as W, aggregateText, answerText, bandDetail, bandText, groupValueText } from '@/lib/messages/team';
import './team.css';

export function BandChip({ band, detail }: { band: Band | null; detail?: string }) {
  return (
    <span className={`band-chip band-${band ?? 'one'}`} data-band={band ?? 'one'} data-testid="band-chip">
      {detail ?? bandText(band)}
    </span>
  );
}

/** An analyst's colour dot and name (text only), "(you)" after your own. */
export function AnalystName({ name, colour, you }: { name: string; colour: string; you?: boolean }) {
  return (
    <span className="analyst-name">
      <span className="analyst-dot" style={{ background: colour }} aria-hidden="true" />
      {name}
      {you ? <span className="analyst-you"> {W.you}</span> : null}
    </span>
  );
}

function RowBlock({ row, me }: { row: TeamRow; me: string | null }) {
  const store = useAppStore();
  const g = groupView(row);
  return (
    <div className="team-row" data-testid={`team-${row.kind}-${row.dimension}`} data-band={row.band ?? 'one'}>
      <div className="team-row-head">
        <span className="team-dim">{DIMENSION_LABEL[row.dimension]}</span>
        <BandChip band={row.band} detail={bandDetail(row)} />
      </div>
      <ul className="team-opinions">
        {row.opinions.map((o) => (
          <li key={o.analystId} data-analyst={o.analystId}>
            <AnalystName name={o.name} colour={o.colour} you={o.analystId === me} />
            <span className="team-answer">{answerText(row.dimension, o.value)}</span>
            {o.leftOut ? <span className="insp-hint"> ({LEFT_OUT_TEXT[o.leftOut]})</span> : null}
          </li>
        ))}
      </ul>
      <p className="team-aggregate">{aggregateText(row)}</p>
      {g && row.opinions.length > 1 ? (
        <button
          type="button"
          className="mini"
          data-testid={`team-adopt-${row.dimension}`}
          onClick={() => {
            store.getState().adoptGroupView(row.kind, row.id, row.dimension);
            store.getState().announce(W.adopted(row.dimension, groupValueText(g)));
          }}
        >
          {W.adopt}: {groupValueText(g)}
        </button>
      ) : null}
    </div>
  );
}

/** The team's judgements on one branch or assumption, in the inspector. */
export function TeamOnRecord({ kind, id }: { kind: 'branch' | 'assumption'; id: string }) {
  const rows = useApp(selectTeamRows).filter((r) => r.kind === kind && r.id === id);
  const me = useMe()?.id ?? null;
  return (
    <div className="team-on-record" data-testid={`team-on-${kind}`}>
      <h4 className="team-heading">{W.panelHeading}</h4>
      {rows.length === 0 ? <p className="insp-empty">{W.panelNone}</p> : rows.map((r) => <RowBlock key={r.dimension} row={r} me={me} />)}
      <p className="insp-hint">{W.rule}</p>
    </div>
  );
}
