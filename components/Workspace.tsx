'use client';
/**
 * The main screen: scenario header, the D3 tree, the inspector, and the
 * text views (outline, Key Assumptions table). Owns the store provider.
 */
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { Scenario } from '@/lib/model/schema';
import { emptyAnnotations } from '@/lib/annotations/types';
import type { WorkDocument } from '@/lib/doc/types';
import { AppProvider, useApp, useAppStore } from './AppProvider';
import { selectAnnotations, selectIndex, selectScenario, selectSelectedId } from '@/lib/store/selectors';
import { TreeView } from './tree/TreeView';
import { Inspector } from './inspector/Inspector';
import { Outline } from './Outline';

export function shippedDocument(s: Scenario): WorkDocument {
  return { scenario: s, annotations: emptyAnnotations(), shippedFrom: s.id };
}

export function Workspace({ shipped, initialId }: { shipped: Scenario[]; initialId: string }) {
  const initial = shipped.find((s) => s.id === initialId) ?? shipped[0]!;
  const options = useMemo(() => ({ docId: `shipped:${initial.id}`, document: shippedDocument(initial) }), [initial]);
  return (
    <AppProvider options={options}>
      <WorkspaceBody />
    </AppProvider>
  );
}

/** Keeps `?node=<id>` in the address bar in step with the selection, and opens it on load. */
function useDeepLink() {
  const store = useAppStore();
  const selectedId = useApp(selectSelectedId);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('node');
    if (id) store.getState().reveal(id, true);
    setReady(true);
  }, [store]);
  useEffect(() => {
    if (!ready) return;
    const url = new URL(window.location.href);
    if (selectedId) url.searchParams.set('node', selectedId);
    else url.searchParams.delete('node');
    if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  }, [selectedId, ready]);
}

function WorkspaceBody() {
  const store = useAppStore();
  const scenario = useApp(selectScenario);
  const index = useApp(selectIndex);
  const annotations = useApp(selectAnnotations);
  const [tab, setTab] = useState<'outline' | 'assumptions'>('outline');
  useDeepLink();
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);

  const onOutlineClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest('[data-node-link]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    store.getState().reveal(a.getAttribute('data-node-link')!, true);
    document.getElementById('tree')?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="app">
      <a className="skip-link" href="#outline-heading">
        Skip to the text outline
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          Branchpoint
        </div>
      </header>
      <section className="scenario-head" aria-labelledby="scenario-title">
        <h1 id="scenario-title">{scenario.title}</h1>
        <p className="question">
          <span className="question-label">The question: </span>
          {scenario.question}
        </p>
        {scenario.summary ? (
          <details className="scenario-summary">
            <summary>About this scenario</summary>
            <p>{scenario.summary}</p>
          </details>
        ) : null}
      </section>
      <main className="work" id="tree">
        <TreeView />
        <Inspector />
      </main>
      <section className="text-views">
        <div className="tabs" role="tablist" aria-label="Text views">
          <button type="button" role="tab" id="tab-outline" aria-selected={tab === 'outline'} aria-controls="panel-outline" onClick={() => setTab('outline')}>
            Outline
          </button>
          <button
            type="button"
            role="tab"
            id="tab-assumptions"
            aria-selected={tab === 'assumptions'}
            aria-controls="panel-assumptions"
            onClick={() => setTab('assumptions')}
          >
            Key assumptions
          </button>
        </div>
        <div role="tabpanel" id="panel-outline" aria-labelledby="tab-outline" hidden={tab !== 'outline'} onClick={onOutlineClick}>
          <Outline scenario={scenario} index={index} annotations={annotations} />
        </div>
        <div role="tabpanel" id="panel-assumptions" aria-labelledby="tab-assumptions" hidden={tab !== 'assumptions'}>
          {tab === 'assumptions' ? <p>Key assumptions</p> : null}
        </div>
      </section>
    </div>
  );
}
