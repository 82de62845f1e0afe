/**
 * Module-scope selectors. Node views use the `*Of(id)` factories once per
 * node (memoised in the component) so each subscribes only to its own slice.
 */
import { ANNOTATED_KINDS, RECORD_KINDS, own, recordsOf, type AnnotatedKind, type AnnotationOf, type Annotations, type RecordOf } from '@/lib/records';
import type { AppState } from './store';
import { analysisMarkText } from '@/lib/messages/card';
import { analysisOf } from '@/lib/analysis/document';
import { discussionOf, openThreadCounts } from '@/lib/team/comments';
import { auditOf } from '@/lib/team/audit';
import type { WorkDocument } from '@/lib/doc/types';
import { INACTIVE_VIEW, type AnalysisView } from '@/lib/analysis/view-types';

export const selectDocument = (s: AppState) => s.document;
export const selectScenario = (s: AppState) => s.document.scenario;
export const selectAnnotations = (s: AppState) => s.document.annotations;
export const selectIndex = (s: AppState) => s.index;
export const selectWhatIf = (s: AppState) => s.whatIf;
export const selectExpanded = (s: AppState) => s.expanded;
export const selectSelectedId = (s: AppState) => s.selectedId;
export const selectFocusedId = (s: AppState) => s.focusedId;
export const selectCanUndo = (s: AppState) => s.past.length > 0;
export const selectCanRedo = (s: AppState) => s.future.length > 0;
export const selectRevision = (s: AppState) => s.revision;
export const selectDocId = (s: AppState) => s.docId;
export const selectLoadSeq = (s: AppState) => s.loadSeq;
export const selectAnnouncement = (s: AppState) => s.announcement;
export const selectBrokenNodes = (s: AppState) => s.brokenNodes;
export const selectAffectedNodes = (s: AppState) => s.affectedNodes;
export const selectSelectedNode = (s: AppState) => (s.selectedId ? s.index.byId.get(s.selectedId) : undefined);

export const nodeOf = (id: string) => (s: AppState) => s.index.byId.get(id);
export const isSelected = (id: string) => (s: AppState) => s.selectedId === id;
export const isFocused = (id: string) => (s: AppState) => s.focusedId === id;
export const isExpanded = (id: string) => (s: AppState) => s.expanded.has(id);
/** A factory: the annotation of one record (for a component that shows one). */
export const annotationOf =
  <K extends AnnotatedKind>(kind: K, id: string) =>
  (s: AppState): AnnotationOf[K] | undefined =>
    own(s.document.annotations[kind] as Record<string, AnnotationOf[K]>, id);
/** 'broken' when the node rests on a broken/unsupported assumption, 'affected' when an ancestor does. */
export const weaknessOf = (id: string) => (s: AppState) =>
  s.brokenNodes.has(id) ? 'broken' : s.affectedNodes.has(id) ? 'affected' : null;
export const selectById = (s: AppState) => s.index.byId;
export const selectSources = (s: AppState) => s.document.scenario.sources;
export const selectEvidence = (s: AppState) => s.document.scenario.evidence;
export const selectReader = (s: AppState) => s.reader;
export const selectReaderOpen = (s: AppState) => s.reader !== null;

/** The scenario records of each annotated kind (one selector per kind, created once). */
export const selectRecords = Object.fromEntries(
  ANNOTATED_KINDS.map((k) => [k, (s: AppState) => recordsOf(RECORD_KINDS[k], s.document.scenario)]),
) as { [K in AnnotatedKind]: (s: AppState) => readonly RecordOf[K][] };

/** The analyst's annotations of each kind. */
export const selectAnnotationsOf = Object.fromEntries(ANNOTATED_KINDS.map((k) => [k, (s: AppState) => s.document.annotations[k]])) as {
  [K in AnnotatedKind]: (s: AppState) => Annotations[K];
};
export const nodeAnnotationOf = (id: string) => annotationOf('nodes', id);
export const selectActors = (s: AppState) => s.document.scenario.actors;
export const selectContext = (s: AppState) => s.document.scenario.context;

// ------------------------------------------------------------------ decision analysis

export const selectAnalysis = (s: AppState) => analysisOf(s.document);
export const selectHasAnalysis = (s: AppState) => s.document.analysis !== undefined;

/** How the analysis marks a branch on the tree: on the best path, rejected by a decision above it (dimmed), or nothing while it is not computed. */
export const analysisMarkOf = (id: string) => (s: AppState): 'best' | 'rejected' | null => {
  const v = s.analysisView;
  if (!v?.solution) return null;
  return v.rejected.has(id) ? 'rejected' : 'best';
};
/** The analysis as the screen shows it (computed by the lazily loaded AnalysisBridge; inactive until it has run). */
export const selectAnalysisView = (s: AppState): AnalysisView => s.analysisView ?? INACTIVE_VIEW;
/** The analysis solution, when the scenario has an analysis layer that solves. */
export const selectSolution = (s: AppState) => s.analysisView?.solution ?? null;
/** A node's analysis mark as its card writes it ("17% · value 5"), or null without a value. */
export const analysisValueMarkOf = (id: string) => (s: AppState): string | null => {
  const solution = s.analysisView?.solution;
  return solution ? analysisMarkText(solution, id) : null;
};

const talkCounts = new WeakMap<WorkDocument, ReadonlyMap<string, number>>();
/** Open comment threads per branch (lib/team/comments), computed once per document. */
export const selectOpenThreadCounts = (s: AppState): ReadonlyMap<string, number> => {
  let m = talkCounts.get(s.document);
  if (!m) {
    m = openThreadCounts(discussionOf(s.document), s.document.scenario);
    talkCounts.set(s.document, m);
  }
  return m;
};
export const openThreadsOf = (id: string) => (s: AppState): number => selectOpenThreadCounts(s).get(id) ?? 0;
export const selectDiscussion = (s: AppState) => discussionOf(s.document);
export const selectAudit = (s: AppState) => auditOf(s.document);
export const selectAnalyst = (s: AppState) => s.analyst;

/** Whether the tree shows its minimap (the user can hide it: it covers the tree's corner). */
export const selectMinimapShown = (s: AppState): boolean => s.minimapShown;
