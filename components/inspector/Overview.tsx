'use client';
/**
 * What the inspector shows when nothing is selected: the question, how big
 * the scenario is, and the options (each a button that reveals it).
 */
import { useMemo } from 'react';
import { useApp, useAppStore } from '../AppProvider';
import { own } from '@/lib/records';
import { STANCE_LABEL } from '@/lib/annotations/vocab';
import { KIND_LABEL } from '@/lib/messages/card';
import { affectedOptions, assumptionReach } from '@/lib/doc/affected';
import { selectDocument, selectIndex } from '@/lib/store/selectors';
import { overviewWeak } from '@/lib/messages/kac';
import { SourceGrades } from '../SourceGrades';
import { plural } from './fields';
import { CommandButton } from '../CommandProvider';
import { digits } from '@/lib/messages/count';

/** A scenario with thousands of top-level branches lists the first ones only. */
const OVERVIEW_MAX_OPTIONS = 50;

export function Overview() {
  const doc = useApp(selectDocument);
  const { scenario, annotations } = doc;
  const index = useApp(selectIndex);
  const store = useAppStore();
  const root = index.root;
  const options = index.children.get(root.id) ?? [];
  const { weak, affected } = useMemo(() => {
    const reach = assumptionReach(doc, index);
    return { weak: reach.filter((r) => r.breaking).length, affected: new Set(affectedOptions(reach, index)) };
  }, [doc, index]);

  const counts: Array<[string, number]> = [
    ['Branches', scenario.nodes.length],
    ['Assumptions', scenario.assumptions.length],
    ['Risks', scenario.risks.length],
    ['Indicators', scenario.indicators.length],
    ['Quotes', scenario.evidence.length],
    ['Sources', scenario.sources.length],
    ['Actors', scenario.actors.length],
    ['Context', scenario.context.length],
  ];

  return (
    <div className="insp-overview" data-testid="inspector-overview">
      <h2 className="insp-overview-title">Scenario overview</h2>
      <p className="insp-question">
        <span className="insp-sublabel">The question</span>
        {scenario.question}
      </p>
      <button
        type="button"
        className="linkish insp-root-link"
        data-testid={`overview-option-${root.id}`}
        onClick={() => store.getState().reveal(root.id, true)}
      >
        <span className={`kind-dot kind-${root.kind}`} aria-hidden="true" />
        Inspect the root {KIND_LABEL[root.kind].toLowerCase()}: {root.title}
      </button>
      <dl className="insp-counts">
        {counts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{digits(n)}</dd>
          </div>
        ))}
      </dl>
      <CommandButton id="scenario.edit" className="insp-edit-details" />
      {weak > 0 ? (
        <p className="insp-weak insp-weak-broken" role="note" data-testid="overview-weak">
          {overviewWeak(weak, affected.size)}
        </p>
      ) : null}
      <h3 className="insp-overview-sub">
        {root.kind === 'decision' ? 'Options' : 'Branches'} under the root decision ({options.length})
      </h3>
      <ul className="insp-options">
        {options.slice(0, OVERVIEW_MAX_OPTIONS).map((o) => {
          const note = own(annotations.nodes, o.id);
          return (
            <li key={o.id}>
              <button type="button" className="insp-option" data-testid={`overview-option-${o.id}`} onClick={() => store.getState().reveal(o.id, true)}>
                <span className={`kind-chip kind-${o.kind}`}>{KIND_LABEL[o.kind]}</span>
                <span className="insp-option-title">{o.title}</span>
                {note && note.stance !== 'open' ? <span className={`stance stance-${note.stance}`}>{STANCE_LABEL[note.stance]}</span> : null}
                {affected.has(o.id) ? (
                  <span className="stance stance-weakened" data-testid={`overview-weakened-${o.id}`}>
                    Weakened
                  </span>
                ) : null}
                <span className="insp-option-meta">{plural((index.children.get(o.id) ?? []).length, 'sub-branch', 'sub-branches')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {options.length > OVERVIEW_MAX_OPTIONS ? (
        <p className="insp-hint">
          and {digits(options.length - OVERVIEW_MAX_OPTIONS)} more: use the tree or search to reach them.
        </p>
      ) : null}
      <SourceGrades />
      <p className="insp-hint insp-overview-hint">
        Click a branch in the tree, or focus the tree and press Enter on an item, to inspect it here. Arrow keys move through the tree.
      </p>
    </div>
  );
}
