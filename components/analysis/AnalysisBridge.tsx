'use client';
/**
 * Computes the decision analysis of the current document whenever the tree,
 * the numbers or the likelihoods change, and hands it to the store for the
 * tree and the inspector. Loaded after the first screen (it brings the
 * expression evaluator); renders nothing.
 */
import { useEffect } from 'react';
import { useAppStore } from '../AppProvider';
import { analysisOf } from '@/lib/analysis/document';
import { memoAnalysisView } from '@/lib/analysis/view';
import { INACTIVE_VIEW } from '@/lib/analysis/view-types';

export default function AnalysisBridge() {
  const store = useAppStore();
  useEffect(() => {
    const update = () => {
      const { document, setAnalysisView } = store.getState();
      setAnalysisView(memoAnalysisView(document.scenario, analysisOf(document), document.annotations));
    };
    update();
    const stop = store.subscribe((s, prev) => {
      if (s.document !== prev.document) update();
    });
    return () => {
      stop();
      // Unmounted when the document no longer holds numbers: nothing is shown.
      store.getState().setAnalysisView(INACTIVE_VIEW);
    };
  }, [store]);
  return null;
}
