/**
 * What the user owns: a working document (a scenario with the user's edits and
 * the annotations on it), and the session view of it (never exported as part
 * of the document; carried in snapshots only as "view").
 */
import type { Scenario } from '@/lib/model/schema';
import type { Annotations } from '@/lib/annotations/types';

export interface WorkDocument {
  scenario: Scenario;
  annotations: Annotations;
  /** The shipped scenario this document was copied from, if any. */
  shippedFrom: string | null;
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
