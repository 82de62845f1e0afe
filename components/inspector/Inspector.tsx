'use client';
/**
 * The inspector: the right-hand column of the work area. With a branch
 * selected it shows and edits everything about it (title, summary, kind, the
 * analyst's annotation, assumptions, risks, indicators, evidence, authoring
 * actions); with nothing selected, an overview of the scenario.
 *
 * Sections are collapsible (accordion buttons with aria-expanded); which are
 * open is kept across selections. Each branch's panel is keyed by its id so
 * transient editing state never leaks from one branch to the next.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../AppProvider';
import { selectSelectedNode } from '@/lib/store/selectors';
import type { ScenarioNode } from '@/lib/model/schema';
import { Section } from './fields';
import { NodeHeader } from './NodeHeader';
import { Analysis } from './Analysis';
import { AssumptionsPanel, IndicatorsPanel, RisksPanel } from './Records';
import { EvidenceList } from './Evidence';
import { Authoring } from './Authoring';
import { Overview } from './Overview';

type SectionId = 'analysis' | 'assumptions' | 'risks' | 'indicators' | 'evidence' | 'authoring';

function NodePanel({
  node,
  isOpen,
  toggle,
}: {
  node: ScenarioNode;
  isOpen: (id: SectionId) => boolean;
  toggle: (id: string) => void;
}) {
  return (
    <div className="insp-node" data-node-id={node.id}>
      <NodeHeader node={node} />
      <Section id="analysis" title="Analyst’s judgement" open={isOpen('analysis')} onToggle={toggle}>
        <Analysis node={node} />
      </Section>
      <Section id="assumptions" title="Assumptions" count={node.assumptionIds.length} open={isOpen('assumptions')} onToggle={toggle}>
        <AssumptionsPanel node={node} />
      </Section>
      <Section id="risks" title="Risks" count={node.riskIds.length} open={isOpen('risks')} onToggle={toggle}>
        <RisksPanel node={node} />
      </Section>
      <Section id="indicators" title="Indicators to watch" count={node.indicatorIds.length} open={isOpen('indicators')} onToggle={toggle}>
        <IndicatorsPanel node={node} />
      </Section>
      <Section id="evidence" title="Evidence on this branch" count={node.evidenceIds.length} open={isOpen('evidence')} onToggle={toggle}>
        <EvidenceList target={{ kind: 'node', id: node.id }} ids={node.evidenceIds} emptyText="No quotes cited on this branch itself." />
      </Section>
      <Section id="authoring" title="Edit the tree" open={isOpen('authoring')} onToggle={toggle}>
        <Authoring node={node} />
      </Section>
    </div>
  );
}

export function Inspector() {
  const node = useApp(selectSelectedNode);
  const [closed, setClosed] = useState<ReadonlySet<string>>(() => new Set());
  const ref = useRef<HTMLElement>(null);
  const nodeId = node?.id ?? null;

  // A newly selected branch starts at the top of the panel.
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [nodeId]);

  const toggle = useCallback((id: string) => {
    setClosed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const isOpen = useCallback((id: SectionId) => !closed.has(id), [closed]);

  return (
    <aside className="inspector" aria-label="Inspector" ref={ref} data-testid="inspector">
      {node ? <NodePanel key={node.id} node={node} isOpen={isOpen} toggle={toggle} /> : <Overview />}
    </aside>
  );
}
