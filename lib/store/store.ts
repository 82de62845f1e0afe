/**
 * The one application store (zustand, vanilla: no React here). Created by a
 * factory per provider, never as a module-level singleton.
 *
 * Document data (the working document: scenario + annotations) is saved and
 * exported; session data (expanded nodes, selection, focus, viewport) is
 * saved locally and never part of the document. Every document change goes
 * through `commit`, which records undo history (typing in one field is
 * grouped into one step).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { indexTree, pathToRoot, type TreeIndex } from '@/lib/model/tree';
import type { NodeKind } from '@/lib/model/schema';
import { expandToDepth } from '@/lib/tree/visible';
import { RECORD_KINDS, type AnnotatedKind, type AnnotationPatch } from '@/lib/records';
import type { AssumptionStatus } from '@/lib/annotations/vocab';
import type { ViewState, Viewport, WorkDocument } from '@/lib/doc/types';
import * as ops from '@/lib/doc/ops';
import * as meta from '@/lib/doc/scenario-ops';
import { statusReader, weakenedNodes, type WhatIf } from '@/lib/doc/affected';
import type { PanZoomController } from '@/lib/tree/panzoom-controller';
import { analysisOf, isEmptyAnalysis, pruneAnalysis, setProbability, type AnalysisDoc } from '@/lib/analysis/document';
import type { AnalysisView } from '@/lib/analysis/view-types';
import { historyNotice, stepLabel } from '@/lib/messages/history';
import { isEmptyJudgements, judgeAssumption, judgeBranch, judgementsOf, pruneJudgements, type Analyst, type BranchPatch, type Judgements } from '@/lib/team/judgements';
import { groupView, teamRows, type Dimension } from '@/lib/team/aggregate';
import { ADOPT_STEP } from '@/lib/messages/team';
import * as talk from '@/lib/team/comments';
import { appendAudit, auditOf, changedTargets, isEmptyAudit, mergeAudit, teamId, type AuditTrail } from '@/lib/team/audit';
import { DISCUSSION_STEPS, UNKNOWN_ANALYST } from '@/lib/messages/discussion';

export const HISTORY_LIMIT = 200;
/** Changes in the same group within this window form one undo step. */
export const GROUP_WINDOW_MS = 1500;

export interface HistoryEntry {
  document: WorkDocument;
  label: string;
}

export interface DocumentSlice {
  /** Storage id of the working document. */
  docId: string;
  document: WorkDocument;
  /** Derived from document.scenario; rebuilt when the scenario changes. */
  index: TreeIndex;
  /**
   * Nodes resting directly on the failing side of a premise (an assumption judged
   * unsupported or broken, or the negation of one judged solid), with the what-if
   * being tried applied.
   */
  brokenNodes: ReadonlySet<string>;
  /** Nodes below a directly broken node (they inherit the weakness). */
  affectedNodes: ReadonlySet<string>;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Increments on every document change (for autosave). */
  revision: number;
  /** Increments each time a document is loaded (views reset to its saved viewport). */
  loadSeq: number;
}

export interface SessionSlice {
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  /** The tree item that holds the roving tabindex. */
  focusedId: string | null;
  viewport: Viewport | null;
  /** The tree view's pan and zoom, registered while it is mounted (never saved). */
  panZoom: PanZoomController | null;
  /** A Key Assumptions Check status being tried without committing it (the tree's marks show it). */
  whatIf: WhatIf | null;
  /** The source reader beside the tree, when open (never saved). */
  reader: ReaderState | null;
  /** The decision analysis as computed for the current document (null until the lazily loaded bridge has run). */
  analysisView: AnalysisView | null;
  /** The last thing said in the polite notice (undo, redo, Fit); `seq` grows with each, so saying it again is heard again. */
  announcement: Announcement | null;
  /** This browser's analyst (null until known): the author of comments and audit entries. */
  analyst: talk.Analyst | null;
  /** Whether the tree shows its minimap (when the tree is larger than the view); kept across documents. */
  minimapShown: boolean;
}

export interface Announcement {
  seq: number;
  text: string;
}

export interface ReaderState {
  sourceId: string;
  /** The paragraph to show, if one was asked for. */
  paragraph: number | null;
  /** Grows each time the reader is sent somewhere (so asking for the same paragraph again scrolls to it again). */
  seq: number;
}

export interface DocumentActions {
  loadDocument(docId: string, document: WorkDocument, view?: ViewState | null): void;
  /** Gives the open document a new storage id (e.g. the user's copy of a shipped scenario). */
  setDocId(docId: string): void;
  /** Replaces the whole document as one undoable step (e.g. an imported snapshot). */
  replaceDocument(document: WorkDocument): void;
  /**
   * Shows a document that changed elsewhere (a shared room: lib/sync/binding):
   * replaces the document without an undo step of its own and leaves the
   * history alone (a bound store's undo is the binding's). Session ids that
   * no longer exist are dropped.
   */
  receiveDocument(document: WorkDocument): void;
  undo(): void;
  redo(): void;
  addChild(parentId: string, kind: NodeKind, title: string): string;
  renameNode(id: string, title: string): void;
  setNodeSummary(id: string, summary: string): void;
  setNodeKind(id: string, kind: NodeKind): void;
  deleteSubtree(id: string): void;
  moveSubtree(id: string, newParentId: string, index?: number): void;
  reorderSibling(id: string, delta: number): void;
  /** Creates a shared record (assumption, risk, indicator) linked to `nodeId`; returns its id ('' if refused). */
  addRecord(kind: ops.SharedKind, nodeId: string, statement: string, extra?: ops.SharedExtra): string;
  editRecord(kind: ops.SharedKind, id: string, patch: ops.SharedPatch): void;
  /** Removes a shared record everywhere, with its annotation. */
  removeRecord(kind: ops.SharedKind, id: string): void;
  linkRecord(kind: ops.SharedKind, nodeId: string, id: string): void;
  unlinkRecord(kind: ops.SharedKind, nodeId: string, id: string): void;
  addEvidence(target: ops.EvidenceTarget, input: { quote: string; paragraph: number; sourceId: string }): string;
  editEvidence(id: string, patch: { quote?: string; paragraph?: number }): void;
  unlinkEvidence(target: ops.EvidenceTarget, id: string): void;
  /** Says whether a quote supports or undermines the record or branch citing it. */
  setEvidenceDirection(target: ops.EvidenceTarget, id: string, undermines: boolean): void;
  /** Says which side of an assumption a branch rests on. */
  setPremiseSide(nodeId: string, assumptionId: string, side: 'holds' | 'fails'): void;
  /** Changes the decision analysis (lib/analysis/document); `label` names the undo step. */
  editAnalysis(label: string, fn: (a: AnalysisDoc) => AnalysisDoc, group?: string): void;
  /** Records the analyst's judgement on a record of any kind; edits with the same `group` in a short window undo as one. */
  annotate<K extends AnnotatedKind>(kind: K, id: string, patch: AnnotationPatch<K>, group?: string): void;
  /**
   * Sets the team value of a branch's stance, likelihood or probability and
   * records the same as `analyst`'s own judgement (lib/team/judgements.ts):
   * one undo step (typing a probability is grouped).
   */
  judgeBranch(analyst: Analyst, nodeId: string, patch: BranchPatch, group?: string): void;
  /** Sets the team value of an assumption's Key Assumptions Check and records it as `analyst`'s own. */
  judgeAssumption(analyst: Analyst, assumptionId: string, status: AssumptionStatus): void;
  /** Sets the team value to the group's view (lib/team/aggregate `groupView`); no analyst's judgement changes. */
  adoptGroupView(kind: 'branch' | 'assumption', id: string, dimension: Dimension): void;
  /** The scenario's title, question, summary, decision-maker (lib/doc/scenario-ops). */
  editDetails(patch: meta.DetailsPatch, group?: string): void;
  addSource(input: meta.SourceInput): string;
  editSource(id: string, patch: meta.SourcePatch): void;
  /** Removes a source with the quotes taken from it. */
  removeSource(id: string): void;
  /** Adds an actor or context item (linked to `nodeId` when given); returns its id ('' if refused). */
  addBearing<K extends meta.BearingKind>(kind: K, input: meta.BearingInput[K], nodeId?: string): string;
  editBearing<K extends meta.BearingKind>(kind: K, id: string, patch: Partial<meta.BearingInput[K]>): void;
  removeBearing(kind: meta.BearingKind, id: string): void;
  linkBearing(kind: meta.BearingKind, nodeId: string, id: string): void;
  unlinkBearing(kind: meta.BearingKind, nodeId: string, id: string): void;
}

export interface SessionActions {
  toggle(id: string): void;
  expand(id: string): void;
  collapse(id: string): void;
  expandAll(): void;
  collapseAll(): void;
  expandToDepth(depth: number): void;
  /** Expands the path to `id`, selects and focuses it; optionally centres the view on it. */
  reveal(id: string, centre?: boolean): void;
  select(id: string | null): void;
  focus(id: string): void;
  setViewport(v: Viewport): void;
  /** Registers (or, with null, removes) the tree view's pan and zoom. */
  setPanZoom(controller: PanZoomController | null): void;
  setMinimapShown(shown: boolean): void;
  /** Tries a status for one assumption without committing it (null ends the preview). */
  tryStatus(whatIf: WhatIf | null): void;
  /** Commits the status being tried (one undo step) and ends the preview. */
  keepWhatIf(): void;
  /** Opens the source reader (by default on the source already shown, else the first with text), at a paragraph if given. */
  openReader(sourceId?: string, paragraph?: number): void;
  setAnalysisView(view: AnalysisView): void;
  closeReader(): void;
  /** Says something in the polite notice (words from lib/messages). */
  announce(text: string): void;
  /** Names this browser's analyst (useSync().me): the author of its comments and audit entries. */
  setAnalyst(analyst: talk.Analyst | null): void;
}

/**
 * Comments (lib/team/comments). They change the document (saved, exported,
 * shared, each adds an audit entry) but make no undo step: Undo never takes a
 * comment back, and the store keeps the current discussion across undo and
 * redo. Only a comment's author may edit or delete it, and only a thread's
 * first author mark it as a dissent: the actions refuse (change nothing)
 * otherwise.
 */
export interface DiscussionActions {
  /** Starts a thread on a branch, an assumption or a quote; returns its id ('' if refused: empty text). */
  startThread(target: talk.ThreadTarget, text: string, dissent?: boolean): string;
  replyTo(threadId: string, text: string): void;
  editComment(threadId: string, commentId: string, text: string): void;
  deleteComment(threadId: string, commentId: string): void;
  resolveThread(threadId: string, resolved: boolean): void;
  setThreadDissent(threadId: string, dissent: boolean): void;
  /**
   * Appends an audit entry for a change made outside `commit` (a shared
   * room's undo and redo, lib/sync/binding): `what` done since `before`.
   */
  recordAudit(what: string, before: WorkDocument): void;
}

export type AppState = DocumentSlice & SessionSlice & DocumentActions & DiscussionActions & SessionActions;
export type AppStore = StoreApi<AppState>;

export interface StoreOptions {
  docId: string;
  document: WorkDocument;
  view?: ViewState | null;
  /** Depth expanded on first open when no view is saved. */
  initialDepth?: number;
  now?: () => number;
  /** Source of the random part of new ids (comments, audit entries). Default Math.random. */
  random?: () => number;
  analyst?: talk.Analyst | null;
}

const EMPTY = new Set<string>();

type Layer = 'analysis' | 'judgements' | 'discussion' | 'audit';

/**
 * The document with `value` as its layer `key`: absent when the layer is
 * empty (as in a document written before the layer existed), the same
 * document when nothing changed.
 */
function withLayer<K extends Layer>(d: WorkDocument, key: K, value: NonNullable<WorkDocument[K]>, current: NonNullable<WorkDocument[K]>, empty: boolean): WorkDocument {
  if (value === current) return d;
  if (empty) {
    if (!d[key]) return d;
    const rest = { ...d };
    delete rest[key];
    return rest;
  }
  return { ...d, [key]: value };
}

const withAnalysis = (d: WorkDocument, a: AnalysisDoc) => withLayer(d, 'analysis', a, analysisOf(d), isEmptyAnalysis(a));
const withJudgements = (d: WorkDocument, j: Judgements) => withLayer(d, 'judgements', j, judgementsOf(d), isEmptyJudgements(j));
const withDiscussion = (d: WorkDocument, t: talk.Discussion) => withLayer(d, 'discussion', t, talk.discussionOf(d), talk.isEmptyDiscussion(t));
const withAudit = (d: WorkDocument, a: AuditTrail) => withLayer(d, 'audit', a, auditOf(d), isEmptyAudit(a));

/** `d` with the team layers (comments, audit trail) of `from`: what undo and redo keep. */
function withTeamOf(d: WorkDocument, from: WorkDocument): WorkDocument {
  return withAudit(withDiscussion(d, talk.discussionOf(from)), auditOf(from));
}

/** After a change to the tree, the numbers and the team's judgements on branches (and links to assumptions) that no longer exist go with them. */
function withPrunedAnalysis(next: WorkDocument, prev: WorkDocument): WorkDocument {
  if (next.scenario === prev.scenario) return next;
  const pruned = next.analysis ? withAnalysis(next, pruneAnalysis(next.analysis, next.scenario)) : next;
  return pruned.judgements ? withJudgements(pruned, pruneJudgements(pruned.judgements, pruned.scenario)) : pruned;
}

function deriveBroken(document: WorkDocument, index: TreeIndex, whatIf: WhatIf | null): { brokenNodes: Set<string>; affectedNodes: Set<string> } {
  const w = weakenedNodes(document, index, statusReader(document, whatIf));
  return { brokenNodes: w.direct, affectedNodes: w.below };
}

export function createAppStore(options: StoreOptions): AppStore {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const initialDepth = options.initialDepth ?? 2;

  return createStore<AppState>()((set, get) => {
    let lastGroup: string | null = null;
    let lastGroupAt = 0;

    function derive(document: WorkDocument, prev?: { document: WorkDocument; index: TreeIndex }, whatIf: WhatIf | null = null) {
      const index = prev && prev.document.scenario.nodes === document.scenario.nodes ? prev.index : indexTree(document.scenario);
      // A what-if survives edits while its assumption exists.
      const tried = whatIf && document.scenario.assumptions.some((a) => a.id === whatIf.assumptionId) ? whatIf : null;
      return { index, whatIf: tried, ...deriveBroken(document, index, tried) };
    }

    function sessionFor(index: TreeIndex, view: ViewState | null | undefined): Omit<SessionSlice, 'panZoom' | 'whatIf' | 'reader' | 'analysisView' | 'announcement' | 'analyst' | 'minimapShown'> {
      if (view) {
        const expanded = new Set(view.expanded.filter((id) => index.byId.has(id)));
        const selectedId = view.selectedId && index.byId.has(view.selectedId) ? view.selectedId : null;
        return { expanded, selectedId, focusedId: selectedId ?? index.root.id, viewport: view.viewport };
      }
      return { expanded: expandToDepth(index, initialDepth), selectedId: null, focusedId: index.root.id, viewport: null };
    }

    /** The session ids that still exist in a changed tree (the same objects when nothing went). */
    function keptSession(s: AppState, index: TreeIndex): Pick<SessionSlice, 'expanded' | 'selectedId' | 'focusedId'> {
      let expanded = s.expanded;
      let selectedId = s.selectedId;
      let focusedId = s.focusedId;
      if (index !== s.index) {
        const filtered = new Set<string>();
        for (const id of s.expanded) if (index.byId.has(id)) filtered.add(id);
        if (filtered.size !== s.expanded.size) expanded = filtered;
        if (selectedId && !index.byId.has(selectedId)) selectedId = null;
        if (focusedId && !index.byId.has(focusedId)) focusedId = selectedId ?? index.root.id;
      }
      return { expanded, selectedId, focusedId };
    }

    /** Applies a document change, recording one undo step (or extending the current group). */
    function commit(label: string, fn: (d: WorkDocument) => WorkDocument, group?: string): boolean {
      const s = get();
      const changed = withPrunedAnalysis(fn(s.document), s.document);
      if (changed === s.document) return false;
      const t = now();
      const extend = group !== undefined && group === lastGroup && t - lastGroupAt < GROUP_WINDOW_MS && s.past.length > 0;
      // One audit entry per undo step: the step's first change makes it, the rest of a group (typing) makes none.
      const next = extend ? changed : audited(s.document, changed, label);
      const past = extend ? s.past : [...s.past, { document: s.document, label }].slice(-HISTORY_LIMIT);
      lastGroup = group ?? null;
      lastGroupAt = t;
      const d = derive(next, s, s.whatIf);
      set({ document: next, ...d, past, future: [], revision: s.revision + 1, ...keptSession(s, d.index) });
      return true;
    }

    /** `next` with an audit entry appended: `what` done by this browser's analyst, naming what changed since `prev`. */
    function audited(prev: WorkDocument, next: WorkDocument, what: string, on?: talk.ThreadTarget): WorkDocument {
      const who = get().analyst ?? UNKNOWN_ANALYST;
      // Strictly after the trail's last entry, so the trail reads in the order it was made (entries sort by time, then id).
      const last = auditOf(next).entries.at(-1);
      const lastMs = last ? Date.parse(last.at) : Number.NaN;
      const t = Number.isFinite(lastMs) ? Math.max(now(), lastMs + 1) : now();
      // A discussion change names the thread and what it is on (so the trail's branch filter finds it).
      const targets = on ? [{ kind: on.kind, id: on.id }, ...changedTargets(prev, next)].slice(0, 20) : changedTargets(prev, next);
      const entry = { id: teamId('e', t, random), at: new Date(t).toISOString(), analystId: who.id, analystName: who.name, what: what.slice(0, 200), targets };
      return withAudit(next, appendAudit(auditOf(next), entry));
    }

    /** A change of the discussion: saved, shared and audited, but no undo step (and the step being typed goes on). */
    function talkCommit(label: string, fn: (t: talk.Discussion) => talk.Discussion, on?: talk.ThreadTarget): boolean {
      const s = get();
      const changed = withDiscussion(s.document, fn(talk.discussionOf(s.document)));
      if (changed === s.document) return false;
      const next = audited(s.document, changed, label, on);
      set({ document: next, revision: s.revision + 1 });
      return true;
    }

    function travel(from: 'past' | 'future') {
      const s = get();
      const stack = s[from];
      const entry = stack[stack.length - 1];
      if (!entry) return;
      const rest = stack.slice(0, -1);
      const back: HistoryEntry = { document: s.document, label: entry.label };
      const notice = historyNotice(from === 'past' ? 'undo' : 'redo', entry.label);
      // The document goes back; the comments and the audit trail do not (and the trail records the undo).
      const restored = audited(s.document, withTeamOf(entry.document, s.document), notice);
      const d = derive(restored, s, s.whatIf);
      lastGroup = null;
      const expanded = new Set<string>();
      for (const id of s.expanded) if (d.index.byId.has(id)) expanded.add(id);
      const selectedId = s.selectedId && d.index.byId.has(s.selectedId) ? s.selectedId : null;
      const focusedId = s.focusedId && d.index.byId.has(s.focusedId) ? s.focusedId : d.index.root.id;
      const announcement = { seq: (s.announcement?.seq ?? 0) + 1, text: notice };
      set({
        announcement,
        document: restored,
        ...d,
        past: from === 'past' ? rest : [...s.past, back],
        future: from === 'future' ? rest : [...s.future, back],
        revision: s.revision + 1,
        expanded,
        selectedId,
        focusedId,
      });
    }

    const stamp = () => new Date(now()).toISOString();
    /** A step's name with the branch it acts on ("Delete branch “Kunar strike”"). */
    const onNode = (action: string, id: string) => stepLabel(action, get().index.byId.get(id)?.title);
    const init = derive(options.document);

    return {
      docId: options.docId,
      document: options.document,
      ...init,
      past: [],
      future: [],
      revision: 0,
      loadSeq: 0,
      ...sessionFor(init.index, options.view),
      panZoom: null,
      minimapShown: true,
      reader: null,
      analysisView: null,
      announcement: null,
      analyst: options.analyst ?? null,

      loadDocument(docId, document, view) {
        const d = derive(document);
        lastGroup = null;
        set({ docId, document, ...d, past: [], future: [], revision: 0, loadSeq: get().loadSeq + 1, ...sessionFor(d.index, view), reader: null });
      },
      setDocId: (docId) => set({ docId }),
      // The snapshot's comments and audit entries join the open document's: an import never takes either away.
      replaceDocument: (document) =>
        void commit('Replace with snapshot', (d) =>
          withAudit(withDiscussion(document, talk.mergeDiscussion(talk.discussionOf(d), talk.discussionOf(document))), mergeAudit(auditOf(d), auditOf(document))),
        ),
      receiveDocument(document) {
        const s = get();
        if (document === s.document) return;
        const d = derive(document, s, s.whatIf);
        // The group being typed goes on: someone else's edit arriving does not cut this analyst's step.
        set({ document, ...d, revision: s.revision + 1, ...keptSession(s, d.index) });
      },
      undo: () => travel('past'),
      redo: () => travel('future'),

      addChild(parentId, kind, title) {
        let id = '';
        commit(stepLabel('Add branch', title), (d) => {
          const r = ops.addChild(d, parentId, kind, title);
          id = r.id;
          return r.doc;
        });
        if (id) {
          const expanded = new Set(get().expanded);
          expanded.add(parentId);
          set({ expanded, selectedId: id, focusedId: id });
        }
        return id;
      },
      renameNode: (id, title) => void commit(onNode('Rename', id), (d) => ops.renameNode(d, id, title), `title:${id}`),
      setNodeSummary: (id, summary) => void commit(onNode('Edit the summary of', id), (d) => ops.setNodeSummary(d, id, summary), `summary:${id}`),
      setNodeKind: (id, kind) => void commit(onNode('Change the kind of', id), (d) => ops.setNodeKind(d, id, kind)),
      deleteSubtree(id) {
        const parent = get().index.byId.get(id)?.parentId ?? null;
        if (commit(onNode('Delete branch', id), (d) => ops.deleteSubtree(d, id)) && parent) set({ selectedId: parent, focusedId: parent });
      },
      moveSubtree: (id, newParentId, index) => {
        if (commit(onNode('Move branch', id), (d) => ops.moveSubtree(d, id, newParentId, index))) {
          const expanded = new Set(get().expanded);
          expanded.add(newParentId);
          set({ expanded });
        }
      },
      reorderSibling: (id, delta) => void commit(onNode('Reorder', id), (d) => ops.reorderSibling(d, id, delta)),

      addRecord(kind, nodeId, statement, extra) {
        let id = '';
        commit(`Add ${RECORD_KINDS[kind].noun}`, (d) => {
          const r = ops.shared.add(d, kind, nodeId, statement, extra);
          id = r.id;
          return r.doc;
        });
        return id;
      },
      editRecord: (kind, id, patch) =>
        void commit(`Edit ${RECORD_KINDS[kind].noun}`, (d) => ops.shared.edit(d, kind, id, patch), `${kind}:${id}`),
      removeRecord: (kind, id) => void commit(`Remove ${RECORD_KINDS[kind].noun}`, (d) => ops.shared.remove(d, kind, id)),
      linkRecord: (kind, nodeId, id) => void commit(`Link ${RECORD_KINDS[kind].noun}`, (d) => ops.shared.link(d, kind, nodeId, id)),
      unlinkRecord: (kind, nodeId, id) => void commit(`Unlink ${RECORD_KINDS[kind].noun}`, (d) => ops.shared.unlink(d, kind, nodeId, id)),

      addEvidence(target, input) {
        let id = '';
        commit('Add evidence', (d) => {
          const r = ops.addEvidence(d, target, input);
          id = r.id;
          return r.doc;
        });
        return id;
      },
      editEvidence: (id, patch) => void commit('Edit evidence', (d) => ops.editEvidence(d, id, patch), `evidence:${id}`),
      unlinkEvidence: (target, id) => void commit('Remove evidence', (d) => ops.unlinkEvidence(d, target, id)),
      setEvidenceDirection: (target, id, undermines) =>
        void commit(undermines ? 'Mark quote as undermining' : 'Mark quote as supporting', (d) => ops.setEvidenceDirection(d, target, id, undermines)),
      setPremiseSide: (nodeId, assumptionId, side) =>
        void commit(side === 'fails' ? 'Rest on the negation' : 'Rest on the assumption', (d) => ops.setPremiseSide(d, nodeId, assumptionId, side)),

      annotate: (kind, id, patch, group) =>
        void commit(kind === 'nodes' ? onNode(`Annotate ${RECORD_KINDS[kind].noun}`, id) : `Annotate ${RECORD_KINDS[kind].noun}`, (d) => ops.annotate(d, kind, id, patch, stamp()), group),

      judgeBranch(analyst, nodeId, patch, group) {
        const label = patch.probability !== undefined ? onNode('Set probability of', nodeId) : onNode('Annotate branch', nodeId);
        commit(
          label,
          (d) => {
            const at = stamp();
            let next = d;
            if (patch.stance !== undefined || patch.likelihood !== undefined) {
              const ann: AnnotationPatch<'nodes'> = {};
              if (patch.stance !== undefined) ann.stance = patch.stance;
              if (patch.likelihood !== undefined) ann.likelihood = patch.likelihood;
              next = ops.annotate(next, 'nodes', nodeId, ann, at);
            }
            if (patch.probability !== undefined) next = withAnalysis(next, setProbability(analysisOf(next), nodeId, patch.probability));
            return withJudgements(next, judgeBranch(judgementsOf(next), analyst, nodeId, patch, at));
          },
          group,
        );
      },
      judgeAssumption(analyst, assumptionId, status) {
        commit('Annotate assumption', (d) => {
          const at = stamp();
          const next = ops.annotate(d, 'assumptions', assumptionId, { status }, at);
          return withJudgements(next, judgeAssumption(judgementsOf(next), analyst, assumptionId, status, at));
        });
      },
      adoptGroupView(kind, id, dimension) {
        const d0 = get().document;
        const row = teamRows(d0).find((r) => r.kind === kind && r.id === id && r.dimension === dimension);
        const g = row ? groupView(row) : null;
        if (!g) return;
        commit(ADOPT_STEP[dimension], (d) => {
          switch (g.dimension) {
            case 'stance':
              return ops.annotate(d, 'nodes', id, { stance: g.value }, stamp());
            case 'likelihood':
              return ops.annotate(d, 'nodes', id, { likelihood: g.value }, stamp());
            case 'probability':
              return withAnalysis(d, setProbability(analysisOf(d), id, g.value));
            case 'status':
              return ops.annotate(d, 'assumptions', id, { status: g.value }, stamp());
          }
        });
      },
      editAnalysis: (label, fn, group) => void commit(label, (d) => withAnalysis(d, fn(analysisOf(d))), group),
      editDetails: (patch, group) => void commit('Edit scenario details', (d) => meta.editDetails(d, patch), group),
      addSource(input) {
        let id = '';
        commit('Add source', (d) => {
          const r = meta.addSource(d, input);
          id = r.id;
          return r.doc;
        });
        return id;
      },
      editSource: (id, patch) => void commit('Edit source', (d) => meta.editSource(d, id, patch)),
      removeSource: (id) => void commit('Remove source', (d) => meta.removeSource(d, id)),
      addBearing(kind, input, nodeId) {
        let id = '';
        commit(`Add ${kind}`, (d) => {
          const r = meta.bearing.add(d, kind, input, nodeId);
          id = r.id;
          return r.doc;
        });
        return id;
      },
      editBearing: (kind, id, patch) => void commit(`Edit ${kind}`, (d) => meta.bearing.edit(d, kind, id, patch)),
      removeBearing: (kind, id) => void commit(`Remove ${kind}`, (d) => meta.bearing.remove(d, kind, id)),
      linkBearing: (kind, nodeId, id) => void commit(`Link ${kind}`, (d) => meta.bearing.link(d, kind, nodeId, id)),
      unlinkBearing: (kind, nodeId, id) => void commit(`Unlink ${kind}`, (d) => meta.bearing.unlink(d, kind, nodeId, id)),

      // ------------------------------------------------------------ discussion
      startThread(target, text, dissent = false) {
        const who = get().analyst ?? UNKNOWN_ANALYST;
        const t = now();
        const id = teamId('t', t, random);
        const subject = talk.targetState(get().document.scenario, target).label;
        const done = talkCommit(DISCUSSION_STEPS.start(target.kind, subject, dissent), (d) =>
          talk.startThread(d, { id, target, dissent, comment: { id: teamId('c', t, random), author: who, at: new Date(t).toISOString(), text } }),
          target,
        );
        return done ? id : '';
      },
      replyTo(threadId, text) {
        const who = get().analyst ?? UNKNOWN_ANALYST;
        const t = now();
        const thread = talk.discussionOf(get().document).threads.find((x) => x.id === threadId);
        if (!thread) return;
        const subject = talk.targetState(get().document.scenario, thread.target).label;
        talkCommit(DISCUSSION_STEPS.reply(thread.target.kind, subject), (d) => talk.reply(d, threadId, { id: teamId('c', t, random), author: who, at: new Date(t).toISOString(), text }), thread.target);
      },
      editComment(threadId, commentId, text) {
        const who = get().analyst ?? UNKNOWN_ANALYST;
        const on = talk.discussionOf(get().document).threads.find((x) => x.id === threadId)?.target;
        talkCommit(DISCUSSION_STEPS.edit, (d) => talk.editComment(d, threadId, commentId, who.id, text, stamp()), on);
      },
      deleteComment(threadId, commentId) {
        const who = get().analyst ?? UNKNOWN_ANALYST;
        const on = talk.discussionOf(get().document).threads.find((x) => x.id === threadId)?.target;
        talkCommit(DISCUSSION_STEPS.remove, (d) => talk.deleteComment(d, threadId, commentId, who.id), on);
      },
      resolveThread(threadId, resolved) {
        const who = get().analyst ?? UNKNOWN_ANALYST;
        const thread = talk.discussionOf(get().document).threads.find((x) => x.id === threadId);
        if (!thread) return;
        const subject = talk.targetState(get().document.scenario, thread.target).label;
        const label = resolved ? DISCUSSION_STEPS.resolve(thread.target.kind, subject) : DISCUSSION_STEPS.reopen(thread.target.kind, subject);
        talkCommit(label, (d) => talk.setResolved(d, threadId, resolved ? { byId: who.id, byName: who.name, at: stamp() } : null), thread.target);
      },
      setThreadDissent(threadId, dissent) {
        const who = get().analyst ?? UNKNOWN_ANALYST;
        const thread = talk.discussionOf(get().document).threads.find((x) => x.id === threadId);
        if (!thread) return;
        const subject = talk.targetState(get().document.scenario, thread.target).label;
        talkCommit(DISCUSSION_STEPS.dissent(dissent, thread.target.kind, subject), (d) => talk.setDissent(d, threadId, dissent, who.id), thread.target);
      },
      recordAudit(what, before) {
        const s = get();
        set({ document: audited(before, s.document, what), revision: s.revision + 1 });
      },

      // ------------------------------------------------------------ session
      toggle(id) {
        const s = get();
        if (!(s.index.children.get(id)?.length ?? 0)) return;
        const expanded = new Set(s.expanded);
        if (expanded.has(id)) expanded.delete(id);
        else expanded.add(id);
        set({ expanded });
      },
      expand(id) {
        const s = get();
        if (s.expanded.has(id) || !(s.index.children.get(id)?.length ?? 0)) return;
        const expanded = new Set(s.expanded);
        expanded.add(id);
        set({ expanded });
      },
      collapse(id) {
        const s = get();
        if (!s.expanded.has(id)) return;
        const expanded = new Set(s.expanded);
        expanded.delete(id);
        set({ expanded });
      },
      expandAll() {
        const s = get();
        const expanded = new Set<string>();
        for (const [id, kids] of s.index.children) if (kids.length) expanded.add(id);
        set({ expanded });
      },
      collapseAll() {
        const s = get();
        // The root stays open so the options remain in sight.
        const root = s.index.root.id;
        set({ expanded: s.index.children.get(root)?.length ? new Set([root]) : EMPTY, focusedId: s.focusedId && s.index.depth.get(s.focusedId)! <= 1 ? s.focusedId : root });
      },
      expandToDepth(depth) {
        const s = get();
        const next = expandToDepth(s.index, depth);
        // The same branches open: nothing changes (no new layout).
        if (next.size === s.expanded.size && [...next].every((id) => s.expanded.has(id))) return;
        set({ expanded: next });
      },
      reveal(id, centre = true) {
        const s = get();
        if (!s.index.byId.has(id)) return;
        const path = pathToRoot(s.index, id);
        const expanded = new Set(s.expanded);
        for (let i = 0; i < path.length - 1; i++) expanded.add(path[i]!);
        set({ expanded, selectedId: id, focusedId: id });
        if (centre) get().panZoom?.centreOn(id);
      },
      select(id) {
        if (id !== null && !get().index.byId.has(id)) return;
        set(id ? { selectedId: id, focusedId: id } : { selectedId: null });
      },
      focus(id) {
        if (get().index.byId.has(id)) set({ focusedId: id });
      },
      setViewport: (viewport) => set({ viewport }),
      setPanZoom: (panZoom) => set({ panZoom }),
      setMinimapShown: (minimapShown) => set({ minimapShown }),
      tryStatus(whatIf) {
        const s = get();
        if (whatIf && !s.document.scenario.assumptions.some((a) => a.id === whatIf.assumptionId)) return;
        set(derive(s.document, s, whatIf));
      },
      keepWhatIf() {
        const w = get().whatIf;
        if (!w) return;
        get().tryStatus(null);
        get().annotate('assumptions', w.assumptionId, { status: w.status });
      },
      setAnalysisView: (analysisView) => {
        if (get().analysisView !== analysisView) set({ analysisView });
      },
      openReader(sourceId, paragraph) {
        const s = get();
        const sources = s.document.scenario.sources;
        const id =
          (sourceId && sources.some((x) => x.id === sourceId) ? sourceId : undefined) ??
          (s.reader && sources.some((x) => x.id === s.reader!.sourceId) ? s.reader.sourceId : undefined) ??
          (sources.find((x) => x.text) ?? sources[0])?.id;
        if (!id) return;
        const p = paragraph !== undefined && Number.isInteger(paragraph) && paragraph >= 1 ? paragraph : null;
        set({ reader: { sourceId: id, paragraph: p, seq: (s.reader?.seq ?? 0) + 1 } });
      },
      closeReader: () => set({ reader: null }),
      setAnalyst(analyst) {
        const cur = get().analyst;
        if (cur?.id === analyst?.id && cur?.name === analyst?.name) return;
        set({ analyst: analyst ? { id: analyst.id, name: analyst.name } : null });
      },
      announce: (text) => set({ announcement: { seq: (get().announcement?.seq ?? 0) + 1, text } }),
    };
  });
}

/** The session part of the state, as saved locally and carried in a snapshot's "view". */
export function viewOf(s: AppState): ViewState {
  return { expanded: [...s.expanded], selectedId: s.selectedId, viewport: s.viewport };
}
