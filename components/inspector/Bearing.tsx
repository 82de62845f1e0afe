'use client';
/**
 * The actors and context items that bear on the selected branch
 * (node.actorIds, node.contextIds): each with its kind and description, the
 * other branches it bears on, and Unlink; a list to link another one; and a
 * way to the Scenario editor to add or edit them.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { useRunCommand } from '../CommandProvider';
import type { Actor, ContextItem, ScenarioNode } from '@/lib/model/schema';
import { selectActors, selectContext, selectScenario } from '@/lib/store/selectors';
import { BEARING_KINDS, branchesOf, type BearingKind } from '@/lib/doc/scenario-ops';
import { ACTOR_KIND_LABEL, BEARING } from '@/lib/messages/scenario';
import { NodeLinks, truncate } from './fields';
import './bearing.css';

type BearingRecord = Actor | ContextItem;
const nameOf = (r: BearingRecord) => ('name' in r ? r.name : r.title);
const KEY: Record<BearingKind, 'actorIds' | 'contextIds'> = { actors: 'actorIds', context: 'contextIds' };

function BearingList({ node, kind }: { node: ScenarioNode; kind: BearingKind }) {
  const actors = useApp(selectActors);
  const context = useApp(selectContext);
  const scenario = useApp(selectScenario);
  const store = useAppStore();
  const [pick, setPick] = useState('');
  const id = useId();
  const list: readonly BearingRecord[] = kind === 'actors' ? actors : context;
  const byId = useMemo(() => new Map(list.map((r) => [r.id, r] as const)), [list]);
  const linked = node[KEY[kind]];
  const available = useMemo(() => {
    const on = new Set(linked);
    return list.filter((r) => !on.has(r.id));
  }, [list, linked]);
  const one = kind === 'actors' ? 'actor' : 'context';
  const link = (e: FormEvent) => {
    e.preventDefault();
    if (!pick) return;
    store.getState().linkBearing(kind, node.id, pick);
    setPick('');
  };

  return (
    <div className={`bearing-group bearing-${one}`} data-testid={`bearing-${kind}`}>
      <h4 className="bearing-head">{kind === 'actors' ? BEARING.actorsHead : BEARING.contextHead}</h4>
      {linked.length === 0 ? <p className="insp-empty">{kind === 'actors' ? BEARING.noActors : BEARING.noContext}</p> : null}
      <ul className="insp-records bearing-list">
        {linked.map((rid) => {
          const r = byId.get(rid);
          if (!r) return null;
          const name = nameOf(r);
          const others = branchesOf(scenario, kind, rid).filter((x) => x !== node.id);
          return (
            <li key={rid} className="insp-record bearing-item" data-testid={`bearing-${one}-${rid}`}>
              <div className="bearing-item-head">
                {'kind' in r ? <span className="kind-chip bearing-chip">{ACTOR_KIND_LABEL[r.kind]}</span> : null}
                <span className="bearing-name">{name}</span>
                <button
                  type="button"
                  className="mini"
                  aria-label={BEARING.unlinkLabel(name)}
                  data-testid={`unlink-${one}-${rid}`}
                  onClick={() => store.getState().unlinkBearing(kind, node.id, rid)}
                >
                  {BEARING.unlink}
                </button>
              </div>
              {r.description ? <p className="bearing-desc">{r.description}</p> : null}
              <NodeLinks ids={others} label={BEARING.alsoOn} limit={3} />
            </li>
          );
        })}
      </ul>
      {available.length > 0 ? (
        <form className="insp-add-row" onSubmit={link}>
          <label htmlFor={`${id}-link`} className="visually-hidden">
            {kind === 'actors' ? BEARING.linkActorLabel : BEARING.linkContextLabel}
          </label>
          <select id={`${id}-link`} className="grow" value={pick} data-testid={`link-${one}-select`} onChange={(e) => setPick(e.target.value)}>
            <option value="">{kind === 'actors' ? BEARING.linkActor : BEARING.linkContext}</option>
            {available.map((r) => (
              <option key={r.id} value={r.id}>
                {truncate(nameOf(r), 90)}
              </option>
            ))}
          </select>
          <button type="submit" className="mini" disabled={!pick} data-testid={`link-${one}-button`}>
            {BEARING.link}
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function BearingPanel({ node }: { node: ScenarioNode }) {
  const run = useRunCommand();
  return (
    <div className="bearing">
      {BEARING_KINDS.map((kind) => (
        <BearingList key={kind} node={node} kind={kind} />
      ))}
      <button type="button" className="linkish bearing-manage" onClick={() => run('scenario.edit')} data-testid="bearing-manage">
        {BEARING.manage}
      </button>
    </div>
  );
}
