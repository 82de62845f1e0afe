/**
 * What the user owns: a working document (a scenario with the user's edits and
 * the annotations on it), and the session view of it (never exported as part
 * of the document; carried in snapshots only as "view").
 */
import type { Scenario } from '@/lib/model/schema';
import type { Annotations } from '@/lib/annotations/types';
import type { AnalysisDoc } from '@/lib/analysis/document';
import type { Judgements } from '@/lib/team/judgements';
import type { Discussion } from '@/lib/team/comments';
import type { AuditTrail } from '@/lib/team/audit';

export interface WorkDocument {
  scenario: Scenario;
  annotations: Annotations;
  /** The shipped scenario this document was copied from, if any. */
  shippedFrom: string | null;
  /** The analyst's decision analysis: criteria, parameters, rule and the numbers on each branch (absent: none; read it with `analysisOf`). */
  analysis?: AnalysisDoc;
  /** Each analyst's own judgements, side by side (absent: none; read it with `judgementsOf`, lib/team/judgements.ts). */
  judgements?: Judgements;
  /** Comment threads on branches, assumptions and quotes (absent: none; read it with `discussionOf`, lib/team/comments). */
  discussion?: Discussion;
  /** The append-only record of who changed what and when (absent: none; read it with `auditOf`, lib/team/audit). */
  audit?: AuditTrail;
}

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

export interface ViewState {
  expanded: string[];
  selectedId: string | null;
  viewport: Viewport | null;
}
