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
import dynamic from 'next/dynamic';
import { useApp } from '../AppProvider';
import { selectHasAnalysis, selectSelectedNode } from '@/lib/store/selectors';
import { Overview } from './Overview';
import { InspectorLock, LockedFields } from './fields';
import { useViewOnly } from '../sync/SyncProvider';

type SectionId = 'analysis' | 'numbers' | 'assumptions' | 'risks' | 'indicators' | 'evidence' | 'bearing' | 'discussion' | 'authoring';

// The editors load on demand (and are prefetched when the browser is idle), so
// they add nothing to the page's first-load JavaScript.
const loadNodePanel = () => import('./NodePanel');
const NodePanel = dynamic(() => loadNodePanel().then((m) => m.NodePanel), {
  ssr: false,
  loading: () => <p className="insp-loading">Loading the inspector…</p>,
});

/** `empty`: the column alone, its content to follow (a large tree's first paint is the tree alone). */
export function Inspector({ empty = false }: { empty?: boolean }) {
  const node = useApp(selectSelectedNode);
  const hasAnalysis = useApp(selectHasAnalysis);
  // The numbers of decision analysis start folded away until the document holds some.
  const [closed, setClosed] = useState<ReadonlySet<string>>(() => new Set(hasAnalysis ? [] : ['numbers']));
  const ref = useRef<HTMLElement>(null);
  const nodeId = node?.id ?? null;
  // A viewer in a shared room reads everything and changes nothing but the discussion (the sync server refuses more).
  const viewOnly = useViewOnly();

  useEffect(() => {
    const prefetch = () => void loadNodePanel();
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(prefetch, { timeout: 2000 });
    else setTimeout(prefetch, 500);
  }, []);

  // A newly selected branch starts at the top of the panel. Not on mount: the panel is at its top already, and
  // setting the scroll position makes the browser lay out the whole page at once (6-16 ms in a tree's open).
  const shownId = useRef(nodeId);
  useEffect(() => {
    if (shownId.current === nodeId) return;
    shownId.current = nodeId;
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
      <InspectorLock.Provider value={viewOnly}>
        {empty ? null : node ? (
          <NodePanel key={node.id} node={node} isOpen={isOpen} toggle={toggle} />
        ) : (
          <LockedFields name="overview">
            <Overview />
          </LockedFields>
        )}
      </InspectorLock.Provider>
    </aside>
  );
}
