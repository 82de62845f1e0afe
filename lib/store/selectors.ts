/**
 * Module-scope selectors. Node views use the `*Of(id)` factories once per
 * node (memoised in the component) so each subscribes only to its own slice.
 */
import { own } from '@/lib/annotations/types';
import type { AppState } from './store';

export const selectDocument = (s: AppState) => s.document;
export const selectScenario = (s: AppState) => s.document.scenario;
export const selectAnnotations = (s: AppState) => s.document.annotations;
export const selectIndex = (s: AppState) => s.index;
export const selectExpanded = (s: AppState) => s.expanded;
export const selectSelectedId = (s: AppState) => s.selectedId;
export const selectFocusedId = (s: AppState) => s.focusedId;
export const selectCentreRequest = (s: AppState) => s.centreRequest;
export const selectCanUndo = (s: AppState) => s.past.length > 0;
export const selectCanRedo = (s: AppState) => s.future.length > 0;
export const selectRevision = (s: AppState) => s.revision;
export const selectDocId = (s: AppState) => s.docId;
export const selectLoadSeq = (s: AppState) => s.loadSeq;
export const selectBrokenNodes = (s: AppState) => s.brokenNodes;
export const selectAffectedNodes = (s: AppState) => s.affectedNodes;
export const selectSelectedNode = (s: AppState) => (s.selectedId ? s.index.byId.get(s.selectedId) : undefined);

export const nodeOf = (id: string) => (s: AppState) => s.index.byId.get(id);
export const isSelected = (id: string) => (s: AppState) => s.selectedId === id;
export const isFocused = (id: string) => (s: AppState) => s.focusedId === id;
export const isExpanded = (id: string) => (s: AppState) => s.expanded.has(id);
export const nodeAnnotationOf = (id: string) => (s: AppState) => own(s.document.annotations.nodes, id);
export const assumptionAnnotationOf = (id: string) => (s: AppState) => own(s.document.annotations.assumptions, id);
export const riskAnnotationOf = (id: string) => (s: AppState) => own(s.document.annotations.risks, id);
export const indicatorAnnotationOf = (id: string) => (s: AppState) => own(s.document.annotations.indicators, id);
/** 'broken' when the node rests on a broken/unsupported assumption, 'affected' when an ancestor does. */
export const weaknessOf = (id: string) => (s: AppState) =>
  s.brokenNodes.has(id) ? 'broken' : s.affectedNodes.has(id) ? 'affected' : null;
