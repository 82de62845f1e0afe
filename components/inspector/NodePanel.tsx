'use client';
/**
 * The panel for one selected branch (loaded on demand by Inspector).
 */
import type { ScenarioNode } from '@/lib/model/schema';
import { LockedFields, Section } from './fields';
import { NodeHeader } from './NodeHeader';
import { Analysis } from './Analysis';
import { PANELS, SHARED_KINDS, SharedPanel } from './Records';
import { RECORD_PANEL_WORDS } from '@/lib/messages/records';
import { EvidenceList } from './Evidence';
import { Authoring } from './Authoring';
import { BearingPanel } from './Bearing';
import { BEARING } from '@/lib/messages/scenario';
import { Numbers } from './Numbers';
import { NUMBERS } from '@/lib/messages/decision';
import { Threads } from '../team/Threads';
import { useApp } from '../AppProvider';
import { openThreadsOf } from '@/lib/store/selectors';
import { DISCUSSION_WORDS } from '@/lib/messages/discussion';
import { useMemo } from 'react';

export type SectionId = 'analysis' | 'numbers' | 'assumptions' | 'risks' | 'indicators' | 'evidence' | 'bearing' | 'discussion' | 'authoring';

export function NodePanel({
  node,
  isOpen,
  toggle,
}: {
  node: ScenarioNode;
  isOpen: (id: SectionId) => boolean;
  toggle: (id: string) => void;
}) {
  const openThreads = useApp(useMemo(() => openThreadsOf(node.id), [node.id]));
  return (
    <div className="insp-node" data-node-id={node.id}>
      <LockedFields name="header">
        <NodeHeader node={node} />
      </LockedFields>
      <Section id="analysis" title="Analyst’s judgement" open={isOpen('analysis')} onToggle={toggle}>
        <Analysis node={node} />
      </Section>
      <Section id="numbers" title={NUMBERS.section} open={isOpen('numbers')} onToggle={toggle}>
        <Numbers node={node} />
      </Section>
      {SHARED_KINDS.map((kind) => (
        <Section key={kind} id={kind} title={RECORD_PANEL_WORDS[kind].title} count={node[PANELS[kind].ids].length} open={isOpen(kind)} onToggle={toggle}>
          <SharedPanel node={node} kind={kind} />
        </Section>
      ))}
      <Section id="evidence" title="Evidence on this branch" count={node.evidenceIds.length} open={isOpen('evidence')} onToggle={toggle}>
        <EvidenceList target={{ kind: 'node', id: node.id }} ids={node.evidenceIds} undermining={node.underminingEvidenceIds} emptyText="No quotes cited on this branch itself." />
      </Section>
      <Section id="bearing" title={BEARING.section} count={node.actorIds.length + node.contextIds.length} open={isOpen('bearing')} onToggle={toggle}>
        <BearingPanel node={node} />
      </Section>
      <Section id="discussion" title={DISCUSSION_WORDS.heading} count={openThreads} open={isOpen('discussion')} onToggle={toggle} openToViewers>
        <Threads target={{ kind: 'node', id: node.id }} />
      </Section>
      <Section id="authoring" title="Edit the tree" open={isOpen('authoring')} onToggle={toggle}>
        <Authoring node={node} />
      </Section>
    </div>
  );
}
