'use client';
/**
 * The main screen: application bar, scenario header, the D3 tree, the
 * inspector, and the text views (outline, Key Assumptions table). Owns the
 * store provider, the persistence provider and the command provider (the
 * registry's commands and their keyboard shortcuts).
 */
import { memo, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { Scenario } from '@/lib/model/schema';
import { builtinId, shippedWorkDocument } from '@/lib/persist/controller-ids';
import { AppProvider, useApp, useAppStore } from './AppProvider';
import type { AppStore } from '@/lib/store/store';
import { PersistenceProvider, usePersistenceReady } from './PersistenceProvider';
import { selectAnnotations, selectIndex, selectReaderOpen, selectHasAnalysis, selectScenario, selectSelectedId, selectSolution } from '@/lib/store/selectors';
import { analysisMarkText } from '@/lib/messages/card';
import { paraLinkOf } from './reader/ParaLink';
import { linkDepth } from '@/lib/tree/deep-link';
import { TreeView } from './tree/TreeView';
import { Inspector } from './inspector/Inspector';
import { Outline, OUTLINE_SKIP, SKIP_EACH_ABOVE } from './Outline';
import { useFreshSkippedSizes } from './useFreshSkippedSizes';

// The outline (up to 1,500 branches) follows the document at low priority, so
// typing in a note or renaming a branch never waits for it to re-render.
const DeferredOutline = memo(Outline);
import { Header, Notices } from './Header';
import { CommandProvider } from './CommandProvider';
import { SyncProvider } from './sync/SyncProvider';
import dynamic from 'next/dynamic';

// Shown only on its tab: loaded on demand, not with the page.
const KeyAssumptionsTable = dynamic(() => import('./KeyAssumptionsTable').then((m) => m.KeyAssumptionsTable), {
  ssr: false,
  loading: () => <p>Loading the Key Assumptions table…</p>,
});
// The group view of the team's judgements, likewise on its tab only.
const TeamView = dynamic(() => import('./team/TeamView').then((m) => m.TeamView), {
  ssr: false,
  loading: () => <p>Loading the team’s judgements…</p>,
});
// The team's comments and audit trail (lib/team), loaded with their tabs.
const DiscussionView = dynamic(() => import('./team/DiscussionView').then((m) => m.DiscussionView), { ssr: false });
const AuditView = dynamic(() => import('./team/AuditView').then((m) => m.AuditView), { ssr: false });
// The source reader loads when first opened.
const SourceReader = dynamic(() => import('./reader/SourceReader').then((m) => m.SourceReader), { ssr: false });
// The decision analysis (and its evaluator) loads once the document holds numbers.
const AnalysisBridge = dynamic(() => import('./analysis/AnalysisBridge'), { ssr: false });
import { SnapshotMenu } from './snapshot/SnapshotMenu';
import { COMPARISON_SLOT_ID, type DiffMarks } from './snapshot/types';
import { WhatIfBanner } from './WhatIfBanner';
import { VIEW_WORDS } from '@/lib/messages/tree';
import { TabList, tabPanelProps } from './Tabs';
import { treeCanvasBound } from '@/lib/tree/work-area';

type TextView = keyof typeof VIEW_WORDS.tabs;
/** Outlines of more branches than this are first rendered after the tree's first paint. */
const OUTLINE_DEFER_ABOVE = 200;
const TEXT_VIEWS: readonly TextView[] = ['outline', 'assumptions', 'team', 'discussion', 'audit'];

export function Workspace({
  shipped,
  initialId,
  persist = true,
  initialDepth,
  onStore,
}: {
  shipped: Scenario[];
  initialId: string;
  persist?: boolean;
  /** Depth the tree first opens at when no view is saved (the store's default otherwise). */
  initialDepth?: number;
  onStore?: (store: AppStore) => void;
}) {
  const initial = shipped.find((s) => s.id === initialId) ?? shipped[0]!;
  const options = useMemo(
    () => ({ docId: builtinId(initial.id), document: shippedWorkDocument(initial), initialDepth }),
    [initial, initialDepth],
  );
  return (
    <AppProvider options={options} onStore={onStore}>
      <PersistenceProvider shipped={shipped} defaultShippedId={initial.id} enabled={persist}>
        <CommandProvider>
          <SyncProvider persist={persist}>
            <WorkspaceBody shipped={shipped} persist={persist} />
          </SyncProvider>
        </CommandProvider>
      </PersistenceProvider>
    </AppProvider>
  );
}

/**
 * Keeps `?node=<id>` in the address bar in step with the selection, and opens
 * it once the saved work has loaded (so the link wins over the saved selection).
 * A link's `?depth=<n>` opens the tree to that depth first, once (it wins over
 * the saved expansion; the node it names is then revealed inside it).
 */
function DeepLink({ persist }: { persist: boolean }) {
  // Its own component: the selection and the saved work's loading re-render it, not the whole workspace.
  const loaded = usePersistenceReady();
  const ready = loaded || !persist;
  const store = useAppStore();
  const selectedId = useApp(selectSelectedId);
  const [applied, setApplied] = useState(false);
  useEffect(() => {
    if (!ready || applied) return;
    const params = new URLSearchParams(window.location.search);
    const depth = linkDepth(params.get('depth'));
    if (depth !== null) store.getState().expandToDepth(depth);
    const id = params.get('node');
    if (id) store.getState().reveal(id, true);
    setApplied(true);
  }, [ready, applied, store]);
  useEffect(() => {
    if (!applied) return;
    const url = new URL(window.location.href);
    if (selectedId) url.searchParams.set('node', selectedId);
    else url.searchParams.delete('node');
    if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  }, [selectedId, applied]);
  return null;
}

function WorkspaceBody({ shipped, persist }: { shipped: Scenario[]; persist: boolean }) {
  const store = useAppStore();
  const scenario = useApp(selectScenario);
  const index = useApp(selectIndex);
  const annotations = useApp(selectAnnotations);
  const readerOpen = useApp(selectReaderOpen);
  const hasAnalysis = useApp(selectHasAnalysis);
  const [tab, setTab] = useState<TextView>('outline');
  const [diffMarks, setDiffMarks] = useState<DiffMarks | undefined>(undefined);

  // A large tree's outline (up to 1,500 branches, ten thousand elements) is not on the first screen: it is
  // first rendered when the page is idle after opening (at most 2 s later) or when scrolled into view, whichever
  // comes first, then follows the document at low priority. A small one (the shipped scenarios) renders at
  // once, so the server-rendered page holds it.
  const [deferFirst] = useState(() => index.byId.size > OUTLINE_DEFER_ABOVE);
  // A large tree's first paint is the tree alone: the inspector follows in a low-priority render right after
  // (its overview reads the whole document), and the outline is not considered due before that.
  const opened = useDeferredValue(true, !deferFirst);
  const [outlineDue, setOutlineDue] = useState(!deferFirst);
  const textViewsRef = useRef<HTMLElement>(null);
  // The text views and the outline's branches are skipped while off screen: one changed there is laid out once, so it
  // comes into view at its real height.
  // A small outline's branches (its first two levels) are also laid out once in idle time, so one never seen comes into
  // view at its real height; a large one skips every branch, too many to lay out ahead.
  useFreshSkippedSizes(textViewsRef, `.${OUTLINE_SKIP}`, SKIP_EACH_ABOVE);
  useEffect(() => {
    if (outlineDue || !opened) return;
    const due = () => setOutlineDue(true);
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(due, { timeout: 2000 }) : window.setTimeout(due, 500);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && due(), { rootMargin: '0px' });
    if (textViewsRef.current) io.observe(textViewsRef.current);
    return () => {
      if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
      io.disconnect();
    };
  }, [outlineDue, opened]);
  const outlineScenario = useDeferredValue(outlineDue ? scenario : null, deferFirst ? null : scenario);
  const outlineIndex = useDeferredValue(outlineDue ? index : null, deferFirst ? null : index);
  const outlineAnnotations = useDeferredValue(annotations);
  // The tree's analysis marks, in the outline too (it is the tree's text alternative).
  const solution = useApp(selectSolution);
  const markOf = useMemo(() => (solution ? (id: string) => analysisMarkText(solution, id) : undefined), [solution]);
  const outlineMarkOf = useDeferredValue(markOf);

  const onOutlineClick = (e: MouseEvent) => {
    const para = paraLinkOf(e.target);
    if (para) {
      store.getState().openReader(para.sourceId, para.paragraph);
      return;
    }
    const a = (e.target as Element).closest('[data-node-link]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    store.getState().reveal(a.getAttribute('data-node-link')!, true);
    document.getElementById('tree')?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="app">
      <DeepLink persist={persist} />
      <a className="skip-link" href="#outline-heading">
        Skip to the text outline
      </a>
      <Header shipped={shipped} snapshotMenu={<SnapshotMenu onDiffMarks={setDiffMarks} />} />
      <Notices />
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
      <WhatIfBanner />
      <div id={COMPARISON_SLOT_ID} className="comparison-slot" />
      <main className={readerOpen ? 'work with-reader' : 'work'} id="tree">
        <TreeView diffMarks={diffMarks} canvasBound={treeCanvasBound} />
        {readerOpen ? <SourceReader /> : null}
        {hasAnalysis ? <AnalysisBridge /> : null}
        {/* Suspense boundaries split hydration: the tree hydrates first, the inspector and the text views after it
            in short slices (or at once where clicked), so hydrating the page is not one long task. */}
        <Suspense fallback={null}>
          <Inspector empty={!opened} />
        </Suspense>
      </main>
      <section className="text-views" aria-label={VIEW_WORDS.textViews} ref={textViewsRef}>
        <Suspense fallback={null}>
          <TabList tabs={TEXT_VIEWS} current={tab} onSelect={setTab} label={VIEW_WORDS.textViews} idBase="" className="tabs" labelOf={(t) => VIEW_WORDS.tabs[t]} testIdOf={(t) => `text-tab-${t}`} />
          <div {...tabPanelProps('', 'outline', tab)} onClick={onOutlineClick}>
            {outlineScenario && outlineIndex ? <DeferredOutline scenario={outlineScenario} index={outlineIndex} annotations={outlineAnnotations} markOf={outlineMarkOf} /> : null}
          </div>
          <div {...tabPanelProps('', 'assumptions', tab)}>
            {tab === 'assumptions' ? <KeyAssumptionsTable /> : null}
          </div>
          <div {...tabPanelProps('', 'team', tab)}>{tab === 'team' ? <TeamView /> : null}</div>
          <div {...tabPanelProps('', 'discussion', tab)}>{tab === 'discussion' ? <DiscussionView /> : null}</div>
          <div {...tabPanelProps('', 'audit', tab)}>{tab === 'audit' ? <AuditView /> : null}</div>
        </Suspense>
      </section>
    </div>
  );
}
