'use client';
/** The tree and its analysis layer as lib/analysis evaluates them, or null while the document has no analysis layer. */
import { useMemo } from 'react';
import { useApp } from '../AppProvider';
import { selectAnalysis, selectHasAnalysis, selectScenario } from '@/lib/store/selectors';
import type { TreeModel } from '@/lib/analysis/evaluate';

export function useAnalysisModel(): TreeModel | null {
  const hasAnalysis = useApp(selectHasAnalysis);
  const analysis = useApp(selectAnalysis);
  const nodes = useApp(selectScenario).nodes;
  return useMemo(() => (hasAnalysis ? { nodes, analysis } : null), [hasAnalysis, nodes, analysis]);
}
